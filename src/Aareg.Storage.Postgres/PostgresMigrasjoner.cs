using Npgsql;

namespace Aareg.Storage.Postgres;

/// <summary>A schema migration: applied once, in order of <paramref name="Versjon"/>.</summary>
internal sealed record PostgresMigrasjon(int Versjon, string Navn, string Sql);

/// <summary>
/// Versioned schema migrations, as for SQLite: each entry runs once, in order, in its own transaction, recorded in
/// <c>schema_versjon</c>; re-running is a no-op. Never edit a migration that has shipped: add a new one. The PostgreSQL
/// schema has its own numbering (it did not ship the SQLite history, so it starts from the current shape).
/// Several nodes may start at once: a session advisory lock makes the second wait and then find nothing to do.
/// </summary>
internal static class PostgresMigrasjoner
{
    /// <summary>The advisory lock key for migrations (an arbitrary constant: "AaregMig" in ASCII).</summary>
    internal const long Laasnoekkel = 0x4161_7265_674D_6967;

    // One file per migration (Migrasjon001Mottak.cs, …); add new ones at the end of this list.
    private static readonly PostgresMigrasjon[] Migrasjoner =
    [
        Migrasjon001Mottak.Migrasjon,
        Migrasjon002Register.Migrasjon,
        Migrasjon003Referanse.Migrasjon,
        Migrasjon004Pensjon.Migrasjon,
        Migrasjon005Tilgang.Migrasjon,
        Migrasjon006Revisjon.Migrasjon,
    ];

    public static async Task MigrerAsync(NpgsqlDataSource kilde, CancellationToken ct)
    {
        await using var tilkobling = await kilde.OpenConnectionAsync(ct);
        await using (var laas = new NpgsqlCommand("SELECT pg_advisory_lock($1)", tilkobling))
        {
            laas.Parameters.AddWithValue(Laasnoekkel);
            await laas.ExecuteNonQueryAsync(ct);
        }

        try
        {
            // Created under the lock: two nodes racing on CREATE TABLE IF NOT EXISTS can otherwise both try to create it.
            await PostgresDatabase.UtfoerAsync(
                tilkobling,
                "CREATE TABLE IF NOT EXISTS schema_versjon (versjon integer PRIMARY KEY, navn text NOT NULL, anvendt timestamptz NOT NULL)",
                ct);

            var anvendt = new HashSet<int>();
            await using (var kommando = new NpgsqlCommand("SELECT versjon FROM schema_versjon", tilkobling))
            await using (var leser = await kommando.ExecuteReaderAsync(ct))
            {
                while (await leser.ReadAsync(ct))
                {
                    anvendt.Add(leser.GetInt32(0));
                }
            }

            foreach (var (versjon, navn, sql) in Migrasjoner.OrderBy(m => m.Versjon))
            {
                if (anvendt.Contains(versjon))
                {
                    continue;
                }

                await using var tx = await tilkobling.BeginTransactionAsync(ct);
                await PostgresDatabase.UtfoerAsync(tilkobling, sql, ct, tx);
                await using (var registrer = new NpgsqlCommand(
                    "INSERT INTO schema_versjon (versjon, navn, anvendt) VALUES ($1, $2, now())", tilkobling, tx))
                {
                    registrer.Parameters.AddWithValue(versjon);
                    registrer.Parameters.AddWithValue(navn);
                    await registrer.ExecuteNonQueryAsync(ct);
                }

                await tx.CommitAsync(ct);
            }
        }
        finally
        {
            // Not cancellable: the lock must be released before the connection goes back to the pool.
            await using var frigi = new NpgsqlCommand("SELECT pg_advisory_unlock($1)", tilkobling);
            frigi.Parameters.AddWithValue(Laasnoekkel);
            await frigi.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }
}
