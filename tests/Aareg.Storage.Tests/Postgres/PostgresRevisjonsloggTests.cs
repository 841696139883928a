using Aareg.Domain.Revisjon;
using Aareg.Storage.Postgres;
using Aareg.Storage.Revisjon;
using Aareg.Tests.Felles;
using Npgsql;

namespace Aareg.Storage.Tests.Postgres;

/// <summary>
/// The audit log suite on a real PostgreSQL: one database per test; each "node" is its own
/// <see cref="PostgresDatabase"/>, as separate API processes would be. Plus what only a multi-writer server can show:
/// nodes appending at once still make one chain, and appends within a node share commits.
/// </summary>
public sealed class PostgresRevisjonsloggTests(PostgresKlynge klynge) : RevisjonsloggTests
{
    protected override Task<string> LagDatabaseAsync() => klynge.OpprettDatabaseAsync();

    protected override Task SlettDatabaseAsync(string database) => klynge.SlettDatabaseAsync(database);

    protected override async Task<(IRevisjonslogg Logg, IRevisjonsleser Leser, IAsyncDisposable Eier)> LagNodeAsync(string database)
    {
        var postgres = new PostgresDatabase(database);
        var logg = new PostgresRevisjonslogg(postgres);
        await logg.MigrerAsync(Ct);
        return (logg, logg, postgres);
    }

    protected override async Task UtfoerAsync(string database, string sql, bool forbiVernet = false)
    {
        await using var tilkobling = new NpgsqlConnection(database);
        await tilkobling.OpenAsync(Ct);
        await using var kommando = new NpgsqlCommand((forbiVernet ? "ALTER TABLE revisjon DISABLE TRIGGER USER; " : "") + sql, tilkobling);
        await kommando.ExecuteNonQueryAsync(Ct);
    }

    private static async Task<T> SkalarAsync<T>(string database, string sql)
    {
        await using var tilkobling = new NpgsqlConnection(database);
        await tilkobling.OpenAsync(Ct);
        await using var kommando = new NpgsqlCommand(sql, tilkobling);
        return (T)(await kommando.ExecuteScalarAsync(Ct))!;
    }

    [Fact]
    public async Task Nodes_appending_at_once_make_one_unbroken_chain()
    {
        var database = await DatabaseAsync();
        var noder = new List<(IRevisjonslogg Logg, IRevisjonsleser Leser)>();
        for (var n = 0; n < 3; n++)
        {
            noder.Add(await NodeAsync(database));
        }

        await Task.WhenAll(Enumerable.Range(0, 450).Select(i =>
            Task.Run(() => noder[i % noder.Count].Logg.SkrivAsync([.. Enumerable.Range(0, 1 + (i % 3)).Select(j => Post((i * 10) + j))], Ct), Ct)));

        var antall = Enumerable.Range(0, 450).Sum(i => 1 + (i % 3));
        var leser = noder[1].Leser;
        Assert.Empty(await VerifiserAsync(leser));
        var kjede = await KjedeAsync(leser);
        Assert.Equal(antall, kjede.Count);
        Assert.Equal(Enumerable.Range(1, antall).Select(i => (long)i), kjede.Select(k => k.Sekvensnummer));

        // No forks: no two records link to the same predecessor, and each links to the one before it.
        Assert.Equal(antall, kjede.Select(k => Convert.ToHexString(k.ForrigeHash)).Distinct().Count());
        Assert.Equal(Revisjonskjede.Start.ToArray(), kjede[0].ForrigeHash);
        for (var i = 1; i < kjede.Count; i++)
        {
            Assert.Equal(kjede[i - 1].Hash, kjede[i].ForrigeHash);
        }

        Assert.Equal(antall, (await noder[2].Leser.HentHodeAsync(Ct))!.Sekvensnummer);
    }

    [Fact]
    public async Task Concurrent_appends_on_one_node_share_transactions()
    {
        var database = await DatabaseAsync();
        var (logg, leser) = await NodeAsync(database);

        await Task.WhenAll(Enumerable.Range(0, 300).Select(i => Task.Run(() => logg.SkrivAsync([Post(i)], Ct), Ct)));

        Assert.Empty(await VerifiserAsync(leser));
        Assert.Equal(300L, await SkalarAsync<long>(database, "SELECT COUNT(*) FROM revisjon"));
        var transaksjoner = await SkalarAsync<long>(database, "SELECT COUNT(DISTINCT xmin::text) FROM revisjon");
        Assert.InRange(transaksjoner, 1, 299);
    }

    [Fact]
    public async Task An_append_waits_while_another_node_holds_the_chain_and_then_links_to_its_records()
    {
        var database = await DatabaseAsync();
        var (logg, leser) = await NodeAsync(database);
        await logg.SkrivAsync([Post(1)], Ct);

        // Another node mid-append: it holds the chain lock in an open transaction.
        await using var annen = new NpgsqlConnection(database);
        await annen.OpenAsync(Ct);
        await using var tx = await annen.BeginTransactionAsync(Ct);
        await using (var laas = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1, 0)", annen, tx))
        {
            laas.Parameters.AddWithValue(PostgresRevisjonslogg.RevisjonLaasklasse);
            await laas.ExecuteNonQueryAsync(Ct);
        }

        var venter = logg.SkrivAsync([Post(2)], Ct);
        await Task.Delay(500, Ct);
        Assert.False(venter.IsCompleted);

        await tx.CommitAsync(Ct);
        await venter.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.Equal(2, (await leser.HentHodeAsync(Ct))!.Sekvensnummer);
        Assert.Empty(await VerifiserAsync(leser));
    }

    [Fact]
    public async Task Appends_commit_durably_even_where_the_server_default_is_synchronous_commit_off()
    {
        var database = await DatabaseAsync();
        var (logg, _) = await NodeAsync(database);
        Assert.Equal("off", await SkalarAsync<string>(database, "SHOW synchronous_commit"));

        // A statement trigger records the setting the append transaction commits with.
        await UtfoerAsync(database, """
            CREATE TABLE innstilling (verdi text NOT NULL);
            CREATE FUNCTION noter_innstilling() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO innstilling VALUES (current_setting('synchronous_commit'));
                RETURN NULL;
            END
            $$;
            CREATE TRIGGER noter AFTER INSERT ON revisjon FOR EACH STATEMENT EXECUTE FUNCTION noter_innstilling();
            """);

        await logg.SkrivAsync([Post(1)], Ct);

        Assert.Equal("on", await SkalarAsync<string>(database, "SELECT string_agg(verdi, ',') FROM innstilling"));
    }

    [Fact]
    public async Task A_record_with_a_nul_character_is_refused_for_its_own_caller_alone()
    {
        var database = await DatabaseAsync();
        var (logg, leser) = await NodeAsync(database);

        var gode = Enumerable.Range(1, 20).Select(i => logg.SkrivAsync([Post(i)], Ct)).ToList();
        var feil = await Assert.ThrowsAsync<ArgumentException>(() => logg.SkrivAsync([Post(99) with { Filtre = "a\0b" }], Ct));
        await Task.WhenAll(gode);

        Assert.Contains("filtre", feil.Message, StringComparison.Ordinal);
        Assert.Equal(20, (await leser.HentHodeAsync(Ct))!.Sekvensnummer);
    }

    [Fact]
    public async Task The_table_refuses_truncate()
    {
        var database = await DatabaseAsync();
        var (logg, leser) = await NodeAsync(database);
        await logg.SkrivAsync([Post(1)], Ct);

        await Assert.ThrowsAsync<PostgresException>(() => UtfoerAsync(database, "TRUNCATE revisjon"));

        Assert.Equal(1, (await leser.HentHodeAsync(Ct))!.Sekvensnummer);
    }
}
