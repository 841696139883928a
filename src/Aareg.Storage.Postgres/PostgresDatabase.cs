using Npgsql;

namespace Aareg.Storage.Postgres;

/// <summary>
/// The production store's connections: one pooled data source for the primary (every write, and reads that must see
/// the caller's own writes) and one for lookups, which may point at a streaming replica (<c>ConnectionStrings:AaregLes</c>;
/// ARCHITECTURE "scale-out on existing engines"). Without a read connection string both use the primary.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    private readonly bool _egenLeser;

    public PostgresDatabase(string tilkoblingstreng, string? lesetilkoblingstreng = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(tilkoblingstreng);
        Skriver = Bygg(tilkoblingstreng, "aareg");
        if (string.IsNullOrEmpty(lesetilkoblingstreng))
        {
            Leser = Skriver;
        }
        else
        {
            Leser = Bygg(lesetilkoblingstreng, "aareg-les");
            _egenLeser = true;
        }
    }

    /// <summary>The primary: all writes, migrations, and reads of the caller's own writes (receipts).</summary>
    public NpgsqlDataSource Skriver { get; }

    /// <summary>Lookups that tolerate replica lag; the primary when no read connection string is configured.</summary>
    public NpgsqlDataSource Leser { get; }

    /// <summary>Brings the schema up to date (versioned, idempotent, safe when several nodes start at once).</summary>
    public Task MigrerAsync(CancellationToken ct = default) => PostgresMigrasjoner.MigrerAsync(Skriver, ct);

    private static NpgsqlDataSource Bygg(string tilkoblingstreng, string applikasjon)
    {
        var bygger = new NpgsqlConnectionStringBuilder(tilkoblingstreng);
        // Named connections make pg_stat_activity readable for operators (docs/operations.md).
        if (string.IsNullOrEmpty(bygger.ApplicationName))
        {
            bygger.ApplicationName = applikasjon;
        }

        // Lookups repeat a handful of statements: Npgsql prepares them server-side after two uses, so the server
        // parses and plans each once per connection (ISSUE 5 "prepared statements for lookups"). An operator's own
        // setting in the connection string wins.
        if (bygger.MaxAutoPrepare == 0)
        {
            bygger.MaxAutoPrepare = 100;
            bygger.AutoPrepareMinUsages = 2;
        }

        return new NpgsqlDataSourceBuilder(bygger.ConnectionString).Build();
    }

    internal static async Task UtfoerAsync(NpgsqlConnection tilkobling, string sql, CancellationToken ct, NpgsqlTransaction? tx = null)
    {
        await using var kommando = new NpgsqlCommand(sql, tilkobling, tx);
        await kommando.ExecuteNonQueryAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_egenLeser)
        {
            await Leser.DisposeAsync();
        }

        await Skriver.DisposeAsync();
    }
}
