using System.Net;
using System.Net.Sockets;
using Npgsql;

[assembly: AssemblyFixture(typeof(Aareg.Tests.Felles.PostgresKlynge))]

namespace Aareg.Tests.Felles;

/// <summary>
/// A real PostgreSQL for the store suite. Uses <c>AAREG_TEST_PG</c> (a connection string to a server where the user may
/// create databases) when set; otherwise starts a throwaway cluster from the local binaries (initdb + pg_ctl in a
/// temporary directory, a free port, trust authentication on 127.0.0.1, fsync off) and removes it at the end.
/// Started lazily, so a run of the SQLite tests alone never starts it. When neither is available the PostgreSQL tests
/// are skipped with the reason — never silently passed.
/// </summary>
public sealed class PostgresKlynge : IAsyncDisposable
{
    private const string Superbruker = PostgresBinaerer.Superbruker;
    private readonly Lazy<Task<Server>> _server;
    private Server? _startet;
    private Lazy<Task<string>>? _replika;

    public PostgresKlynge()
    {
        _server = new Lazy<Task<Server>>(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Creates an empty database and returns its connection string; skips the calling test when no PostgreSQL is available.</summary>
    public async Task<string> OpprettDatabaseAsync()
    {
        var server = await _server.Value;
        if (server.HoppOverGrunn is { } grunn)
        {
            Assert.Skip(grunn);
        }

        var navn = "aareg_test_" + Guid.NewGuid().ToString("N")[..16];
        await using (var tilkobling = new NpgsqlConnection(server.Tilkoblingstreng))
        {
            await tilkobling.OpenAsync();
            await using var kommando = new NpgsqlCommand($"CREATE DATABASE {navn}", tilkobling);
            await kommando.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(server.Tilkoblingstreng) { Database = navn }.ConnectionString;
    }

    /// <summary>Why the PostgreSQL tests cannot run here (null: they can), without skipping the caller.</summary>
    public async Task<string?> HoppOverGrunnAsync() => (await _server.Value).HoppOverGrunn;

    /// <summary>
    /// A streaming replica of the whole cluster (pg_basebackup -R, then a hot standby on its own port), started once
    /// and shared: databases created on the primary later appear on it once replayed. Returns the connection string
    /// of the replica's <paramref name="database"/>, after it has appeared there. Not available with AAREG_TEST_PG.
    /// </summary>
    public async Task<string> ReplikaAsync(string database)
    {
        var server = await _server.Value;
        if (server.HoppOverGrunn is { } grunn)
        {
            Assert.Skip(grunn);
        }

        if (server.Binaermappe is null)
        {
            Assert.Skip("En strømmende replika kan bare startes på en testklynge dette prosjektet starter selv (ikke med AAREG_TEST_PG).");
        }

        var replika = await LazyInitializer.EnsureInitialized(ref _replika, () => new Lazy<Task<string>>(() => StartReplikaAsync(server))).Value;
        var streng = new NpgsqlConnectionStringBuilder(replika) { Database = database }.ConnectionString;
        for (var forsoek = 0; ; forsoek++)
        {
            try
            {
                await using var tilkobling = new NpgsqlConnection(streng);
                await tilkobling.OpenAsync();
                return streng;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName && forsoek < 100)
            {
                await Task.Delay(100);
            }
        }
    }

    private static async Task<string> StartReplikaAsync(Server server)
    {
        var bin = server.Binaermappe!;
        var data = Path.Combine(server.Mappe!, "replika");
        var primaer = new NpgsqlConnectionStringBuilder(server.Tilkoblingstreng);
        await PostgresBinaerer.KjoerAsync(Path.Combine(bin, "pg_basebackup"),
            ["-h", "127.0.0.1", "-p", primaer.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", Superbruker,
             "-D", data, "-R", "-X", "stream", "--no-sync"], server.SomRoot);
        for (var forsoek = 1; ; forsoek++)
        {
            var port = LedigPort();
            var valg = $"-p {port} -k {server.Mappe} -c listen_addresses=127.0.0.1 -c hot_standby=on -c fsync=off -c max_connections=200";
            try
            {
                await PostgresBinaerer.KjoerAsync(Path.Combine(bin, "pg_ctl"),
                    ["-D", data, "-l", Path.Combine(server.Mappe!, "replika.log"), "-w", "-t", "60", "-o", valg, "start"], server.SomRoot);
                return new NpgsqlConnectionStringBuilder(server.Tilkoblingstreng) { Port = port }.ConnectionString;
            }
            catch (InvalidOperationException) when (forsoek < 3)
            {
            }
        }
    }

    /// <summary>Drops a database made by <see cref="OpprettDatabaseAsync"/> (needed on a shared server from AAREG_TEST_PG).</summary>
    public async Task SlettDatabaseAsync(string tilkoblingstreng)
    {
        var server = await _server.Value;
        var navn = new NpgsqlConnectionStringBuilder(tilkoblingstreng).Database;
        NpgsqlConnection.ClearAllPools();
        await using var tilkobling = new NpgsqlConnection(server.Tilkoblingstreng);
        await tilkobling.OpenAsync();
        await using var kommando = new NpgsqlCommand($"DROP DATABASE IF EXISTS {navn} WITH (FORCE)", tilkobling);
        await kommando.ExecuteNonQueryAsync();
    }

    private async Task<Server> StartAsync()
    {
        if (Environment.GetEnvironmentVariable("AAREG_TEST_PG") is { Length: > 0 } ekstern)
        {
            return new Server(ekstern, null, null, null);
        }

        if (PostgresBinaerer.FinnMappe(Environment.GetEnvironmentVariable("AAREG_TEST_PG_BIN")) is not { } bin)
        {
            return new Server(string.Empty, null, null,
                "PostgreSQL-binærene (initdb, pg_ctl) finnes ikke på denne maskinen: installer pakken postgresql "
                + "eller sett AAREG_TEST_PG til en tilkoblingsstreng.");
        }

        var somRoot = Environment.UserName == "root";
        var mappe = Directory.CreateTempSubdirectory("aareg-pg-").FullName;
        var data = Path.Combine(mappe, "data");
        try
        {
            if (somRoot)
            {
                // initdb refuses to run as root: the cluster belongs to the postgres user, who must own the directory.
                await PostgresBinaerer.KjoerAsync("chown", ["-R", Superbruker + ":", mappe], somPostgres: false);
            }

            await PostgresBinaerer.KjoerAsync(Path.Combine(bin, "initdb"),
                ["-D", data, "-A", "trust", "-U", Superbruker, "-E", "UTF8", "--locale=C", "--no-sync"], somRoot);

            // A port found free can be taken by someone else before the server binds it: try a few.
            for (var forsoek = 1; ; forsoek++)
            {
                var port = LedigPort();
                var valg = $"-p {port} -k {mappe} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off "
                    + "-c synchronous_commit=off -c max_connections=200";
                try
                {
                    await PostgresBinaerer.KjoerAsync(Path.Combine(bin, "pg_ctl"),
                        ["-D", data, "-l", Path.Combine(mappe, "postgres.log"), "-w", "-t", "60", "-o", valg, "start"], somRoot);
                    var server = new Server(
                        $"Host=127.0.0.1;Port={port};Username={Superbruker};Database=postgres;Pooling=true;Maximum Pool Size=50",
                        bin, mappe, null)
                    { SomRoot = somRoot };
                    _startet = server;
                    return server;
                }
                catch (InvalidOperationException) when (forsoek < 3)
                {
                }
            }
        }
        catch (Exception feil)
        {
            var logg = Path.Combine(mappe, "postgres.log");
            var hale = File.Exists(logg) ? string.Join('\n', File.ReadLines(logg).TakeLast(20)) : string.Empty;
            PostgresBinaerer.SlettMappe(mappe);
            throw new InvalidOperationException($"Kunne ikke starte en PostgreSQL-testklynge: {feil.Message}\n{hale}", feil);
        }
    }

    private static int LedigPort()
    {
        using var lytter = new TcpListener(IPAddress.Loopback, 0);
        lytter.Start();
        return ((IPEndPoint)lytter.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (_startet is { Binaermappe: { } bin, Mappe: { } mappe } server)
        {
            NpgsqlConnection.ClearAllPools();
            try
            {
                if (Directory.Exists(Path.Combine(mappe, "replika")))
                {
                    await PostgresBinaerer.KjoerAsync(Path.Combine(bin, "pg_ctl"), ["-D", Path.Combine(mappe, "replika"), "-m", "immediate", "-w", "stop"], server.SomRoot);
                }

                await PostgresBinaerer.KjoerAsync(Path.Combine(bin, "pg_ctl"), ["-D", Path.Combine(mappe, "data"), "-m", "immediate", "-w", "stop"], server.SomRoot);
            }
            finally
            {
                PostgresBinaerer.SlettMappe(mappe);
            }
        }
    }

    private sealed record Server(string Tilkoblingstreng, string? Binaermappe, string? Mappe, string? HoppOverGrunn)
    {
        public bool SomRoot { get; init; }
    }
}

/// <summary>One database per test class (xUnit class fixture), dropped when the class is done.</summary>
public sealed class PostgresTestdatabase(PostgresKlynge klynge) : IAsyncDisposable
{
    private readonly SemaphoreSlim _laas = new(1, 1);
    private string? _tilkoblingstreng;

    public PostgresKlynge Klynge => klynge;

    /// <summary>The class's database, created on first use; skips the test when no PostgreSQL is available.</summary>
    public async Task<string> TilkoblingstrengAsync()
    {
        await _laas.WaitAsync();
        try
        {
            return _tilkoblingstreng ??= await klynge.OpprettDatabaseAsync();
        }
        finally
        {
            _laas.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_tilkoblingstreng is { } streng)
        {
            await klynge.SlettDatabaseAsync(streng);
        }

        _laas.Dispose();
    }
}
