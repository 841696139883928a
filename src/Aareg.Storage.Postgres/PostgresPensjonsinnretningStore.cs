using Aareg.Domain.Tid;
using Aareg.Storage.Pensjon;

namespace Aareg.Storage.Postgres;

/// <summary>
/// Reads the pensjonsinnretninger named per month from the intake tables: meldinger in force (accepted, not replaced)
/// joined with <c>melding_pensjonsinnretning</c>, filled at intake (<see cref="Migrasjon001Mottak"/>). Read from the
/// primary, not the replica: this decides a pension institution's access (API §2), and a replacement that drops the
/// institution must take it away at once, not after the replica catches up. It is one indexed query per request.
/// </summary>
public sealed class PostgresPensjonsinnretningStore(PostgresDatabase database) : IPensjonsinnretningStore
{
    public async Task<IReadOnlyList<Pensjonsinnretningsmaaned>> HentAsync(
        string opplysningspliktig,
        Kalendermaaned fra,
        Kalendermaaned til,
        CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(opplysningspliktig);

        // kalendermaaned is stored as zero-padded yyyy-MM, so text order is month order. The LEFT JOIN keeps months
        // whose meldinger name no institution: they are months with meldinger, and they give no one access.
        await using var kommando = database.Skriver.CreateCommand("""
            SELECT m.kalendermaaned, p.identifikator, m.antall_virksomheter FROM melding m
            LEFT JOIN melding_pensjonsinnretning p ON p.mottaks_id = m.mottaks_id
            WHERE m.opplysningspliktig = $1 AND m.kalendermaaned BETWEEN $2 AND $3 AND NOT m.avvist
              AND NOT EXISTS (SELECT 1 FROM erstatning e WHERE e.erstattet_mottaks_id = m.mottaks_id)
            ORDER BY m.kalendermaaned
            """);
        kommando.Parameters.AddWithValue(opplysningspliktig);
        kommando.Parameters.AddWithValue(fra.ToString());
        kommando.Parameters.AddWithValue(til.ToString());

        await using var leser = await kommando.ExecuteReaderAsync(ct);
        return await Pensjonsinnretningsmaaneder.LesAsync(leser, ct);
    }
}
