using Aareg.Domain.Tid;
using Npgsql;
using NpgsqlTypes;

namespace Aareg.Storage.Postgres;

/// <summary>
/// The PostgreSQL implementation of the append-only melding store. Any number of nodes write to one primary; receipts
/// for the same opplysningspliktig are serialised by a transaction-scoped advisory lock, so the replace-once and
/// meldingsId checks made inside the write unit hold across nodes. Receipts are read from the primary: a sender asks
/// for its kvittering right after delivering, and a replica may not have it yet.
/// </summary>
public sealed class PostgresMeldingStore(PostgresDatabase database) : IMeldingStore
{
    /// <summary>
    /// The first key of the two-key advisory lock taken per opplysningspliktig ("Aa" + 1): keeps these locks apart
    /// from other users of <c>hashtext</c>-keyed locks; the single-key migration lock lives in a separate key space.
    /// </summary>
    internal const int MottakLaasklasse = 0x4161_0001;

    private const string KvitteringKolonner = """
        m.mottaks_id, m.avsender, m.mottatt, m.format, m.opplysningspliktig, m.kalendermaaned, m.meldings_id,
        m.erstatter_meldings_id, m.avvist, e.erstattet_av, b.mottaks_id IS NOT NULL, m.innholdshash,
        m.antall_virksomheter, m.antall_inntektsmottakere, m.antall_arbeidsforhold, m.avvik
        FROM melding m
        LEFT JOIN erstatning e ON e.erstattet_mottaks_id = m.mottaks_id
        LEFT JOIN behandlet b ON b.mottaks_id = m.mottaks_id
        """;

    public Task MigrerAsync(CancellationToken ct = default) => database.MigrerAsync(ct);

    public async Task<IMottaksTransaksjon> StartMottakAsync(string? opplysningspliktig, CancellationToken ct = default)
    {
        var tilkobling = await database.Skriver.OpenConnectionAsync(ct);
        NpgsqlTransaction? tx = null;
        try
        {
            // READ COMMITTED on purpose: every statement after the lock sees what the previous holder committed.
            // (REPEATABLE READ would take its snapshot before the lock wait and miss it.)
            tx = await tilkobling.BeginTransactionAsync(System.Data.IsolationLevel.ReadCommitted, ct);
            if (opplysningspliktig is not null)
            {
                await using var laas = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1, hashtext($2))", tilkobling, tx);
                laas.Parameters.AddWithValue(MottakLaasklasse);
                laas.Parameters.AddWithValue(opplysningspliktig);
                await laas.ExecuteNonQueryAsync(ct);
            }

            return new Transaksjon(tilkobling, tx);
        }
        catch
        {
            if (tx is not null)
            {
                await tx.DisposeAsync();
            }

            await tilkobling.DisposeAsync();
            throw;
        }
    }

    public async Task<Kvittering?> HentKvitteringAsync(Guid mottaksId, CancellationToken ct = default)
    {
        await using var kommando = database.Skriver.CreateCommand($"SELECT {KvitteringKolonner} WHERE m.mottaks_id = $1");
        kommando.Parameters.AddWithValue(mottaksId);
        return await LesEnAsync(kommando, ct);
    }

    public async Task<IReadOnlyList<Kvittering>> HentMaanedAsync(string opplysningspliktig, Kalendermaaned maaned, CancellationToken ct = default)
    {
        await using var kommando = database.Skriver.CreateCommand(
            $"SELECT {KvitteringKolonner} WHERE m.opplysningspliktig = $1 AND m.kalendermaaned = $2 ORDER BY m.sekvens");
        kommando.Parameters.AddWithValue(opplysningspliktig);
        kommando.Parameters.AddWithValue(maaned.ToString());
        return await LesAlleAsync(kommando, ct);
    }

    public async Task<byte[]?> HentRaaAsync(Guid mottaksId, CancellationToken ct = default)
    {
        await using var kommando = database.Skriver.CreateCommand(
            "SELECT i.raa FROM melding m JOIN melding_innhold i ON i.sekvens = m.sekvens WHERE m.mottaks_id = $1");
        kommando.Parameters.AddWithValue(mottaksId);
        return await kommando.ExecuteScalarAsync(ct) as byte[];
    }

    public async Task<long> TellAsync(CancellationToken ct = default)
    {
        await using var kommando = database.Skriver.CreateCommand("SELECT COUNT(*) FROM melding");
        return (long)(await kommando.ExecuteScalarAsync(ct))!;
    }

    private static async Task<Kvittering?> LesEnAsync(NpgsqlCommand kommando, CancellationToken ct)
    {
        var alle = await LesAlleAsync(kommando, ct);
        return alle.Count == 0 ? null : alle[0];
    }

    private static async Task<IReadOnlyList<Kvittering>> LesAlleAsync(NpgsqlCommand kommando, CancellationToken ct)
    {
        var resultat = new List<Kvittering>();
        await using var leser = await kommando.ExecuteReaderAsync(ct);
        while (await leser.ReadAsync(ct))
        {
            resultat.Add(LesKvittering(leser));
        }

        return resultat;
    }

    private static Kvittering LesKvittering(NpgsqlDataReader r)
    {
        var avvist = r.GetBoolean(8);
        Guid? erstattetAv = r.IsDBNull(9) ? null : r.GetGuid(9);
        var status = avvist ? Meldingsstatus.Avvist : erstattetAv is null ? Meldingsstatus.Mottatt : Meldingsstatus.Erstattet;
        return new Kvittering(
            MottaksId: r.GetGuid(0),
            Avsender: r.GetString(1),
            Mottatt: r.GetFieldValue<DateTimeOffset>(2),
            Format: r.GetString(3),
            Opplysningspliktig: r.IsDBNull(4) ? null : r.GetString(4),
            Kalendermaaned: r.IsDBNull(5) ? null : Kalendermaaned.Parse(r.GetString(5)),
            MeldingsId: r.IsDBNull(6) ? null : r.GetString(6),
            ErstatterMeldingsId: r.IsDBNull(7) ? null : r.GetString(7),
            Status: status,
            Behandlingsstatus: avvist || r.GetBoolean(10) ? Behandlingsstatus.Behandlet : Behandlingsstatus.Mottatt,
            ErstattetAv: erstattetAv,
            Innholdshash: r.GetFieldValue<byte[]>(11),
            Omfang: new Meldingsomfang(r.GetInt32(12), r.GetInt32(13), r.GetInt32(14)),
            Avvik: AvvikJson.Les(r.GetFieldValue<byte[]>(15)));
    }

    private sealed class Transaksjon(NpgsqlConnection tilkobling, NpgsqlTransaction tx) : IMottaksTransaksjon
    {
        private bool _ferdig;

        private NpgsqlCommand Kommando(string sql) => new(sql, tilkobling, tx);

        public async Task<Idempotensoppfoering?> FinnIdempotensAsync(string avsender, string noekkel, CancellationToken ct = default)
        {
            await using var kommando = Kommando("SELECT forespoersel_hash, mottaks_id FROM idempotens WHERE avsender = $1 AND noekkel = $2");
            kommando.Parameters.AddWithValue(avsender);
            kommando.Parameters.AddWithValue(noekkel);
            await using var leser = await kommando.ExecuteReaderAsync(ct);
            return await leser.ReadAsync(ct)
                ? new Idempotensoppfoering(avsender, noekkel, leser.GetFieldValue<byte[]>(0), leser.GetGuid(1))
                : null;
        }

        public async Task<Kvittering?> FinnLikAsync(string opplysningspliktig, string meldingsId, byte[] innholdshash, CancellationToken ct = default)
        {
            await using var kommando = Kommando(
                $"SELECT {KvitteringKolonner} WHERE m.opplysningspliktig = $1 AND m.meldings_id = $2 AND m.innholdshash = $3 ORDER BY m.avvist, m.sekvens LIMIT 1");
            kommando.Parameters.AddWithValue(opplysningspliktig);
            kommando.Parameters.AddWithValue(meldingsId);
            kommando.Parameters.AddWithValue(innholdshash);
            return await LesEnAsync(kommando, ct);
        }

        public async Task<Kvittering?> FinnAkseptertAsync(string opplysningspliktig, string meldingsId, CancellationToken ct = default)
        {
            await using var kommando = Kommando(
                $"SELECT {KvitteringKolonner} WHERE m.opplysningspliktig = $1 AND m.meldings_id = $2 AND NOT m.avvist");
            kommando.Parameters.AddWithValue(opplysningspliktig);
            kommando.Parameters.AddWithValue(meldingsId);
            return await LesEnAsync(kommando, ct);
        }

        public async Task<IReadOnlyList<(Guid MottaksId, byte[] Parsed)>> HentGjeldendeAsync(string opplysningspliktig, Kalendermaaned maaned, CancellationToken ct = default)
        {
            await using var kommando = Kommando("""
                SELECT m.mottaks_id, i.parsed FROM melding m
                JOIN melding_innhold i ON i.sekvens = m.sekvens
                WHERE m.opplysningspliktig = $1 AND m.kalendermaaned = $2 AND NOT m.avvist
                  AND NOT EXISTS (SELECT 1 FROM erstatning e WHERE e.erstattet_mottaks_id = m.mottaks_id)
                ORDER BY m.sekvens
                """);
            kommando.Parameters.AddWithValue(opplysningspliktig);
            kommando.Parameters.AddWithValue(maaned.ToString());
            var resultat = new List<(Guid, byte[])>();
            await using var leser = await kommando.ExecuteReaderAsync(ct);
            while (await leser.ReadAsync(ct))
            {
                resultat.Add((leser.GetGuid(0), leser.GetFieldValue<byte[]>(1)));
            }

            return resultat;
        }

        public async Task LagreAsync(NyMelding melding, CancellationToken ct = default)
        {
            // One round trip for the whole melding: the statements run in order inside the transaction, and the
            // content row finds its melding's generated sekvens through the unique mottaks_id.
            await using var batch = new NpgsqlBatch(tilkobling, tx);

            var hode = new NpgsqlBatchCommand("""
                INSERT INTO melding (mottaks_id, avsender, mottatt, format, opplysningspliktig, kalendermaaned, meldings_id,
                    erstatter_meldings_id, avvist, innholdshash, antall_virksomheter, antall_inntektsmottakere,
                    antall_arbeidsforhold, avvik)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
                """);
            hode.Parameters.AddWithValue(melding.MottaksId);
            hode.Parameters.AddWithValue(melding.Avsender);
            hode.Parameters.AddWithValue(melding.Mottatt.ToUniversalTime());
            hode.Parameters.AddWithValue(melding.Format);
            hode.Parameters.Add(Tekst(melding.Opplysningspliktig));
            hode.Parameters.Add(Tekst(melding.Kalendermaaned?.ToString()));
            hode.Parameters.Add(Tekst(melding.MeldingsId));
            hode.Parameters.Add(Tekst(melding.ErstatterMeldingsId));
            hode.Parameters.AddWithValue(melding.Avvist);
            hode.Parameters.AddWithValue(melding.Innholdshash);
            hode.Parameters.AddWithValue(melding.Omfang.Virksomheter);
            hode.Parameters.AddWithValue(melding.Omfang.Inntektsmottakere);
            hode.Parameters.AddWithValue(melding.Omfang.Arbeidsforhold);
            hode.Parameters.AddWithValue(AvvikJson.Serialiser(melding.Avvik));
            batch.BatchCommands.Add(hode);

            var innhold = new NpgsqlBatchCommand(
                "INSERT INTO melding_innhold (sekvens, raa, parsed) SELECT sekvens, $2, $3 FROM melding WHERE mottaks_id = $1");
            innhold.Parameters.AddWithValue(melding.MottaksId);
            innhold.Parameters.Add(Bytes(melding.Raa));
            innhold.Parameters.Add(melding.Parsed is { } p ? Bytes(p) : new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bytea, Value = DBNull.Value });
            batch.BatchCommands.Add(innhold);

            if (!melding.Avvist && melding.Opplysningspliktig is not null && melding.Kalendermaaned is { } maaned)
            {
                if (melding.Erstatter is { } erstattet)
                {
                    // The primary key rejects a second replacement of the same melding (rule 166-B).
                    var erstatning = new NpgsqlBatchCommand("INSERT INTO erstatning (erstattet_mottaks_id, erstattet_av) VALUES ($1, $2)");
                    erstatning.Parameters.AddWithValue(erstattet);
                    erstatning.Parameters.AddWithValue(melding.MottaksId);
                    batch.BatchCommands.Add(erstatning);
                }

                var ko = new NpgsqlBatchCommand("INSERT INTO register_ko (mottaks_id, opplysningspliktig, kalendermaaned) VALUES ($1, $2, $3)");
                ko.Parameters.AddWithValue(melding.MottaksId);
                ko.Parameters.AddWithValue(melding.Opplysningspliktig);
                ko.Parameters.AddWithValue(maaned.ToString());
                batch.BatchCommands.Add(ko);

                // API §2: pension access is decided from the institutions the meldinger in force name.
                var innretninger = (melding.Pensjonsinnretninger ?? []).Distinct(StringComparer.Ordinal).ToArray();
                if (innretninger.Length > 0)
                {
                    var pensjon = new NpgsqlBatchCommand(
                        "INSERT INTO melding_pensjonsinnretning (mottaks_id, identifikator) SELECT $1, unnest($2::text[])");
                    pensjon.Parameters.AddWithValue(melding.MottaksId);
                    pensjon.Parameters.AddWithValue(innretninger);
                    batch.BatchCommands.Add(pensjon);
                }
            }

            if (melding.Idempotensnoekkel is { } noekkel && melding.ForespoerselHash is { } hash)
            {
                var idempotens = new NpgsqlBatchCommand(
                    "INSERT INTO idempotens (avsender, noekkel, forespoersel_hash, mottaks_id) VALUES ($1, $2, $3, $4)");
                idempotens.Parameters.AddWithValue(melding.Avsender);
                idempotens.Parameters.AddWithValue(noekkel);
                idempotens.Parameters.AddWithValue(hash);
                idempotens.Parameters.AddWithValue(melding.MottaksId);
                batch.BatchCommands.Add(idempotens);
            }

            await batch.ExecuteNonQueryAsync(ct);
        }

        private static NpgsqlParameter Tekst(string? verdi) =>
            new() { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)verdi ?? DBNull.Value };

        private static NpgsqlParameter<ReadOnlyMemory<byte>> Bytes(ReadOnlyMemory<byte> verdi) =>
            new() { NpgsqlDbType = NpgsqlDbType.Bytea, TypedValue = verdi };

        public async Task CommitAsync(CancellationToken ct = default)
        {
            await tx.CommitAsync(ct);
            _ferdig = true;
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (!_ferdig)
                {
                    // Ending the transaction also releases the advisory lock (it is transaction-scoped).
                    await tx.RollbackAsync();
                }

                await tx.DisposeAsync();
            }
            finally
            {
                await tilkobling.DisposeAsync();
            }
        }
    }
}
