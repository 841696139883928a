using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Aareg.Tests.Felles;
using Npgsql;

namespace Aareg.Bench;

/// <summary>
/// The PostgreSQL server a <c>--store postgres</c> run measures against: the one given by <c>--pg</c> /
/// <c>AAREG_BENCH_PG</c> (a connection string to a server where the user may create databases), or a throwaway
/// cluster this harness starts in the work folder and removes at the end.
/// <para>
/// The throwaway cluster is configured like a production server, not like the test cluster: fsync,
/// synchronous_commit and full-page writes on (every commit waits for the WAL flush, as a durable ingest must),
/// shared_buffers a quarter of the memory up to 4 GB, room for the WAL between checkpoints, lz4 for WAL and TOAST.
/// Otherwise the ratios to the floors would measure a server that may lose committed data.
/// </para>
/// </summary>
internal sealed class PostgresTjener : IAsyncDisposable
{
    private const string Superbruker = PostgresBinaerer.Superbruker;

    private readonly string? _bin;
    private readonly string? _mappe;
    private readonly bool _somRoot;
    private int _stoppet;

    private PostgresTjener(string tilkobling, string? bin, string? mappe, bool somRoot)
    {
        Tilkobling = tilkobling;
        _bin = bin;
        _mappe = mappe;
        _somRoot = somRoot;
    }

    /// <summary>An administrative connection string (its own database, no pooling: nothing stays connected).</summary>
    public string Tilkobling { get; }

    /// <summary>True when this harness started the server (and removes it).</summary>
    public bool Egen => _mappe is not null;

    /// <summary>The server's log (own cluster only).</summary>
    public string? Loggfil => _mappe is null ? null : Path.Combine(_mappe, "postgres.log");

    public static async Task<PostgresTjener> StartAsync(string? ekstern, string arbeidsmappe)
    {
        if (!string.IsNullOrWhiteSpace(ekstern))
        {
            var bygger = new NpgsqlConnectionStringBuilder(ekstern) { Pooling = false };
            var tjener = new PostgresTjener(bygger.ConnectionString, null, null, false);
            Logg.Skriv($"PostgreSQL: bruker oppgitt server {tjener.Vert()}");
            return tjener;
        }

        var bin = PostgresBinaerer.FinnMappe() ?? throw new InvalidOperationException(
            "Fant ikke initdb og pg_ctl (installer pakken postgresql, eller gi --pg / AAREG_BENCH_PG en tilkoblingsstreng).");
        var somRoot = Environment.UserName == "root";
        var mappe = Path.Combine(arbeidsmappe, "pg-" + DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
        Directory.CreateDirectory(mappe);
        var data = Path.Combine(mappe, "data");
        var startet = false;
        try
        {
            if (somRoot)
            {
                // initdb refuses to run as root: the cluster belongs to the postgres user, who must own its folder
                // (and be able to reach it: the work folder's parents must be traversable).
                await PostgresBinaerer.KjoerAsync("chown", ["-R", Superbruker + ":", mappe], somPostgres: false);
            }

            await PostgresBinaerer.KjoerAsync(Path.Combine(bin, "initdb"), ["-D", data, "-A", "trust", "-U", Superbruker, "-E", "UTF8", "--locale=C"], somRoot);
            var innstillinger = string.Join(' ', Innstillinger().Select(kv => $"-c {kv.Key}={kv.Value}"));
            for (var forsoek = 1; ; forsoek++)
            {
                // A port found free can be taken before the server binds it: try a few.
                var port = Tjeneste.LedigPort();
                try
                {
                    await PostgresBinaerer.KjoerAsync(Path.Combine(bin, "pg_ctl"),
                        ["-D", data, "-l", Path.Combine(mappe, "postgres.log"), "-w", "-t", "120", "-o", $"-p {port} -k {mappe} {innstillinger}", "start"], somRoot);
                    startet = true;
                    var tilkobling = $"Host=127.0.0.1;Port={port};Username={Superbruker};Database=postgres;Pooling=false";
                    var tjener = new PostgresTjener(tilkobling, bin, mappe, somRoot);
                    Logg.Skriv($"PostgreSQL: startet egen klynge i {mappe} på port {port}");
                    return tjener;
                }
                catch (InvalidOperationException) when (forsoek < 3)
                {
                }
            }
        }
        catch (Exception feil) when (!startet)
        {
            var logg = Path.Combine(mappe, "postgres.log");
            var hale = File.Exists(logg) ? string.Join('\n', File.ReadLines(logg).TakeLast(20)) : string.Empty;
            PostgresBinaerer.SlettMappe(mappe);
            throw new InvalidOperationException($"Kunne ikke starte PostgreSQL-klyngen: {feil.Message}\n{hale}", feil);
        }
    }

    /// <summary>Production-like settings for the throwaway cluster (see the class comment).</summary>
    private static Dictionary<string, string> Innstillinger()
    {
        var minneMb = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024 * 1024);
        var buffere = Math.Clamp(minneMb / 4, 128, 4096);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["listen_addresses"] = "127.0.0.1",
            ["max_connections"] = "400",
            ["fsync"] = "on",
            ["synchronous_commit"] = "on",
            ["full_page_writes"] = "on",
            ["shared_buffers"] = buffere.ToString(CultureInfo.InvariantCulture) + "MB",
            ["effective_cache_size"] = Math.Max(buffere, minneMb / 2).ToString(CultureInfo.InvariantCulture) + "MB",
            ["max_wal_size"] = "8GB",
            ["wal_compression"] = "lz4",
            ["default_toast_compression"] = "lz4",
        };
    }

    /// <summary>A connection string for <paramref name="database"/>, pooled (as the product and the in-process workloads connect).</summary>
    public string Database(string database) =>
        new NpgsqlConnectionStringBuilder(Tilkobling) { Database = database, Pooling = true }.ConnectionString;

    /// <summary>Host, port and database, never the password.</summary>
    public string Vert()
    {
        var b = new NpgsqlConnectionStringBuilder(Tilkobling);
        return $"{b.Host}:{b.Port}/{b.Database}";
    }

    /// <summary>Server version and the settings that decide the figures, for results.json.</summary>
    public async Task<JsonObject> BeskrivAsync()
    {
        await using var db = new NpgsqlConnection(Tilkobling);
        await db.OpenAsync();
        var beskrivelse = new JsonObject
        {
            ["versjon"] = db.PostgreSqlVersion.ToString(),
            ["serverVersion"] = await SkalarAsync<string>(db, "SHOW server_version"),
            ["versjonTekst"] = await SkalarAsync<string>(db, "SELECT version()"),
            ["egenKlynge"] = Egen,
            ["vert"] = Vert(),
        };
        var innstillinger = new JsonObject();
        foreach (var navn in new[]
        {
            "fsync", "synchronous_commit", "full_page_writes", "shared_buffers", "effective_cache_size", "max_wal_size",
            "wal_compression", "default_toast_compression", "max_connections", "checkpoint_timeout", "work_mem",
        })
        {
            innstillinger[navn] = await SkalarAsync<string>(db, $"SHOW {navn}");
        }

        beskrivelse["innstillinger"] = innstillinger;
        return beskrivelse;
    }

    public async Task<bool> FinnesAsync(string database)
    {
        await using var db = new NpgsqlConnection(Tilkobling);
        await db.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = $1", db);
        cmd.Parameters.AddWithValue(database);
        return (long)(await cmd.ExecuteScalarAsync())! > 0;
    }

    /// <summary>The database's comment (the base database's "complete" mark), null when none or no such database.</summary>
    public async Task<string?> MerknadAsync(string database)
    {
        await using var db = new NpgsqlConnection(Tilkobling);
        await db.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = $1", db);
        cmd.Parameters.AddWithValue(database);
        return await cmd.ExecuteScalarAsync() as string;
    }

    public Task MerkAsync(string database, string merknad) =>
        UtfoerAsync($"COMMENT ON DATABASE {Navn(database)} IS '{merknad.Replace("'", "''", StringComparison.Ordinal)}'");

    /// <summary>
    /// Creates <paramref name="database"/>, empty or as a copy of <paramref name="mal"/>. A copy needs no session on
    /// the template: every pool of this process is cleared first. FILE_COPY (PostgreSQL 15+) copies the files after a
    /// checkpoint instead of WAL-logging every block, which matters for a national-scale base.
    /// </summary>
    public async Task OpprettAsync(string database, string? mal = null)
    {
        NpgsqlConnection.ClearAllPools();
        await using var db = new NpgsqlConnection(Tilkobling);
        await db.OpenAsync();
        var sql = $"CREATE DATABASE {Navn(database)}";
        if (mal is not null)
        {
            sql += $" TEMPLATE {Navn(mal)}" + (db.PostgreSqlVersion.Major >= 15 ? " STRATEGY FILE_COPY" : string.Empty);
        }

        await using var cmd = new NpgsqlCommand(sql, db);
        cmd.CommandTimeout = 0;
        await cmd.ExecuteNonQueryAsync();
    }

    public async Task SlettAsync(string database)
    {
        NpgsqlConnection.ClearAllPools();
        await UtfoerAsync($"DROP DATABASE IF EXISTS {Navn(database)} WITH (FORCE)");
    }

    /// <summary>Runs <paramref name="sql"/> in <paramref name="database"/> (default: the administrative one), no timeout.</summary>
    public async Task UtfoerAsync(string sql, string? database = null)
    {
        var streng = database is null ? Tilkobling : new NpgsqlConnectionStringBuilder(Tilkobling) { Database = database }.ConnectionString;
        await using var db = new NpgsqlConnection(streng);
        await db.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, db);
        cmd.CommandTimeout = 0;
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>Stops and removes an own cluster at once (Ctrl+C): synchronous, immediate shutdown.</summary>
    public void StoppNaa()
    {
        if (_mappe is null || Interlocked.Exchange(ref _stoppet, 1) != 0)
        {
            return;
        }

        try
        {
            PostgresBinaerer.KjoerAsync(Path.Combine(_bin!, "pg_ctl"), ["-D", Path.Combine(_mappe, "data"), "-m", "immediate", "-w", "stop"], _somRoot).GetAwaiter().GetResult();
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }

        PostgresBinaerer.SlettMappe(_mappe);
    }

    public async ValueTask DisposeAsync()
    {
        if (_mappe is null || Interlocked.Exchange(ref _stoppet, 1) != 0)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        try
        {
            await PostgresBinaerer.KjoerAsync(Path.Combine(_bin!, "pg_ctl"), ["-D", Path.Combine(_mappe, "data"), "-m", "fast", "-w", "-t", "120", "stop"], _somRoot);
            Logg.Skriv("PostgreSQL: klyngen stoppet og fjernet");
        }
        catch (InvalidOperationException e)
        {
            Logg.Skriv("PostgreSQL: kunne ikke stoppe klyngen: " + e.Message);
        }
        finally
        {
            PostgresBinaerer.SlettMappe(_mappe);
        }
    }

    /// <summary>A database name made of what PostgreSQL accepts unquoted (lower-case letters, digits, underscores), at most 63 bytes.</summary>
    public static string Databasenavn(string tekst)
    {
        var navn = new string([.. tekst.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_')]);
        return navn.Length <= 63 ? navn : navn[..63];
    }

    private static string Navn(string identifikator) => "\"" + identifikator.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static async Task<T> SkalarAsync<T>(NpgsqlConnection db, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, db);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }
}
