using Aareg.Domain.Tid;
using Aareg.Storage.Pensjon;

namespace Aareg.Storage.Sqlite;

/// <summary>
/// Reads the pensjonsinnretninger named per month from the intake tables: meldinger in force (accepted, not replaced)
/// joined with <c>melding_pensjonsinnretning</c>, filled at intake (migration 5).
/// </summary>
public sealed class SqlitePensjonsinnretningStore(SqliteDatabase database) : IPensjonsinnretningStore
{
    public async Task<IReadOnlyList<Pensjonsinnretningsmaaned>> HentAsync(
        string opplysningspliktig,
        Kalendermaaned fra,
        Kalendermaaned til,
        CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(opplysningspliktig);
        await using var tilkobling = await database.AapneLeserAsync(ct);
        await using var kommando = tilkobling.CreateCommand();

        // kalendermaaned is stored as zero-padded yyyy-MM, so text order is month order. The LEFT JOIN keeps months
        // whose meldinger name no institution: they are months with meldinger, and they give no one access.
        kommando.CommandText = """
            SELECT m.kalendermaaned, p.identifikator, m.antall_virksomheter FROM melding m
            LEFT JOIN melding_pensjonsinnretning p ON p.mottaks_id = m.mottaks_id
            WHERE m.opplysningspliktig = $o AND m.kalendermaaned BETWEEN $fra AND $til AND m.avvist = 0
              AND NOT EXISTS (SELECT 1 FROM erstatning e WHERE e.erstattet_mottaks_id = m.mottaks_id)
            ORDER BY m.kalendermaaned
            """;
        kommando.Parameters.AddWithValue("$o", opplysningspliktig);
        kommando.Parameters.AddWithValue("$fra", fra.ToString());
        kommando.Parameters.AddWithValue("$til", til.ToString());

        await using var leser = await kommando.ExecuteReaderAsync(ct);
        return await Pensjonsinnretningsmaaneder.LesAsync(leser, ct);
    }
}
