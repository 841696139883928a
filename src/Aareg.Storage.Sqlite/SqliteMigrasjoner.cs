using Microsoft.Data.Sqlite;

namespace Aareg.Storage.Sqlite;

/// <summary>A schema migration: applied once, in order of <paramref name="Versjon"/>.</summary>
internal sealed record SqliteMigrasjon(int Versjon, string Navn, string Sql);

/// <summary>
/// Versioned schema migrations. Each entry runs once, in order, in its own transaction, recorded in
/// <c>schema_versjon</c>; re-running is a no-op. Never edit a migration that has shipped: add a new one.
/// </summary>
internal static class SqliteMigrasjoner
{
    // One file per migration (Migrasjon001Mottak.cs, …); add new ones at the end of this list.
    private static readonly SqliteMigrasjon[] Migrasjoner =
    [
        Migrasjon001Mottak.Migrasjon,
        Migrasjon002Register.Migrasjon,
        Migrasjon003Referanse.Migrasjon,
        Migrasjon004Register.Migrasjon,
        Migrasjon005Pensjon.Migrasjon,
        Migrasjon006Tilgang.Migrasjon,
        Migrasjon007Revisjon.Migrasjon,
    ];

    public static async Task MigrerAsync(SqliteConnection tilkobling, CancellationToken ct)
    {
        await SqliteDatabase.UtfoerAsync(
            tilkobling,
            "CREATE TABLE IF NOT EXISTS schema_versjon (versjon INTEGER PRIMARY KEY, navn TEXT NOT NULL, anvendt TEXT NOT NULL);",
            ct);

        var gjeldende = 0L;
        await using (var kommando = tilkobling.CreateCommand())
        {
            kommando.CommandText = "SELECT COALESCE(MAX(versjon), 0) FROM schema_versjon";
            gjeldende = (long)(await kommando.ExecuteScalarAsync(ct))!;
        }

        foreach (var (versjon, navn, sql) in Migrasjoner.OrderBy(m => m.Versjon))
        {
            if (versjon <= gjeldende)
            {
                continue;
            }

            await using var tx = (SqliteTransaction)await tilkobling.BeginTransactionAsync(ct);
            await SqliteDatabase.UtfoerAsync(tilkobling, sql, ct, tx);
            await using (var registrer = tilkobling.CreateCommand())
            {
                registrer.Transaction = tx;
                registrer.CommandText = "INSERT INTO schema_versjon (versjon, navn, anvendt) VALUES ($v, $n, $t)";
                registrer.Parameters.AddWithValue("$v", versjon);
                registrer.Parameters.AddWithValue("$n", navn);
                registrer.Parameters.AddWithValue("$t", DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
                await registrer.ExecuteNonQueryAsync(ct);
            }

            await tx.CommitAsync(ct);
        }
    }
}
