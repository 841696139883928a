using Aareg.Storage.Postgres;
using Aareg.Storage.Sqlite;
using Aareg.Tests.Felles;

namespace Aareg.Storage.Tests;

/// <summary>
/// <see cref="ILagring.TaJobblaasAsync"/>: a scheduled job runs on one node at a time. Each "node" is its own
/// <see cref="ILagring"/> on the same database (on SQLite the lock is per process, so both nodes share one instance).
/// </summary>
public abstract class JobblaasTests
{
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Two nodes on one database; disposing the result closes both.</summary>
    protected abstract Task<(ILagring Node1, ILagring Node2, IAsyncDisposable Eier)> ToNoderAsync();

    [Fact]
    public async Task Only_one_node_holds_a_job_the_other_gets_it_after_release_and_other_jobs_are_free()
    {
        var (node1, node2, eier) = await ToNoderAsync();
        await using (eier)
        {
            var foerste = await node1.TaJobblaasAsync("jobb-a", vent: false, Ct);
            Assert.NotNull(foerste);
            Assert.Null(await node2.TaJobblaasAsync("jobb-a", vent: false, Ct));

            await using (var annen = await node2.TaJobblaasAsync("jobb-b", vent: false, Ct))
            {
                Assert.NotNull(annen);
            }

            var venter = node2.TaJobblaasAsync("jobb-a", vent: true, Ct);
            await Task.Delay(200, Ct);
            Assert.False(venter.IsCompleted);
            await foerste.DisposeAsync();
            await using var andre = await venter.WaitAsync(TimeSpan.FromSeconds(10), Ct);
            Assert.NotNull(andre);
        }
    }
}

public sealed class SqliteJobblaasTests : JobblaasTests, IDisposable
{
    private readonly DirectoryInfo _mappe = Directory.CreateTempSubdirectory("aareg-jobb-");

    protected override Task<(ILagring Node1, ILagring Node2, IAsyncDisposable Eier)> ToNoderAsync()
    {
        var lagring = new SqliteLagring(Path.Combine(_mappe.FullName, "aareg.db"));
        return Task.FromResult<(ILagring, ILagring, IAsyncDisposable)>((lagring, lagring, lagring));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _mappe.Delete(recursive: true);
    }
}

public sealed class PostgresJobblaasTests(PostgresTestdatabase testdatabase) : JobblaasTests, IClassFixture<PostgresTestdatabase>
{
    protected override async Task<(ILagring Node1, ILagring Node2, IAsyncDisposable Eier)> ToNoderAsync()
    {
        var streng = await testdatabase.TilkoblingstrengAsync();
        var node1 = new PostgresLagring(streng);
        var node2 = new PostgresLagring(streng);
        return (node1, node2, new Begge(node1, node2));
    }

    [Fact]
    public async Task A_dead_node_releases_its_job()
    {
        var streng = await testdatabase.TilkoblingstrengAsync();
        var navn = "jobb-doed-" + Guid.NewGuid().ToString("N")[..8];
        await using var node1 = new PostgresLagring(new Npgsql.NpgsqlConnectionStringBuilder(streng) { ApplicationName = navn }.ConnectionString);
        await using var node2 = new PostgresLagring(streng);
        Assert.NotNull(await node1.TaJobblaasAsync("jobb-c", vent: false, Ct));
        Assert.Null(await node2.TaJobblaasAsync("jobb-c", vent: false, Ct));

        // The node dies without releasing (its sessions end, as when its process is killed): the server frees the lock.
        await using (var drep = node2.Database.Skriver.CreateCommand("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1"))
        {
            drep.Parameters.AddWithValue(navn);
            await drep.ExecuteNonQueryAsync(Ct);
        }

        await using var ny = await node2.TaJobblaasAsync("jobb-c", vent: true, Ct).WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.NotNull(ny);
    }

    private sealed class Begge(IAsyncDisposable a, IAsyncDisposable b) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await a.DisposeAsync();
            await b.DisposeAsync();
        }
    }
}
