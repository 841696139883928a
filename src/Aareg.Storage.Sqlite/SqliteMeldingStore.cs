using System.Globalization;
using Aareg.Domain.Tid;
using Microsoft.Data.Sqlite;

namespace Aareg.Storage.Sqlite;

/// <summary>The SQLite implementation of the append-only melding store.</summary>
public sealed class SqliteMeldingStore(SqliteDatabase database) : IMeldingStore
{
    private const string KvitteringKolonner = """
        m.mottaks_id, m.avsender, m.mottatt, m.format, m.opplysningspliktig, m.kalendermaaned, m.meldings_id,
        m.erstatter_meldings_id, m.avvist, e.erstattet_av, b.mottaks_id IS NOT NULL, m.innholdshash,
        m.antall_virksomheter, m.antall_inntektsmottakere, m.antall_arbeidsforhold, m.avvik
        FROM melding m
        LEFT JOIN erstatning e ON e.erstattet_mottaks_id = m.mottaks_id
        LEFT JOIN behandlet b ON b.mottaks_id = m.mottaks_id
        """;

    public async Task MigrerAsync(CancellationToken ct = default)
    {
        using var laan = await database.TaSkriverAsync(ct);
        await SqliteMigrasjoner.MigrerAsync(laan.Tilkobling, ct);
    }

    public async Task<IMottaksTransaksjon> StartMottakAsync(string? opplysningspliktig, CancellationToken ct = default)
    {
        // SQLite has one writer: the lease serialises every receipt, which also serialises per opplysningspliktig.
        var laan = await database.TaSkriverAsync(ct);
        try
        {
            var tx = laan.Tilkobling.BeginTransaction(deferred: false);
            return new Transaksjon(laan, tx);
        }
        catch
        {
            laan.Dispose();
            throw;
        }
    }

    public async Task<Kvittering?> HentKvitteringAsync(Guid mottaksId, CancellationToken ct = default)
    {
        await using var tilkobling = await database.AapneLeserAsync(ct);
        await using var kommando = tilkobling.CreateCommand();
        kommando.CommandText = $"SELECT {KvitteringKolonner} WHERE m.mottaks_id = $id";
        kommando.Parameters.AddWithValue("$id", mottaksId.ToString());
        return await LesEnAsync(kommando, ct);
    }

    public async Task<IReadOnlyList<Kvittering>> HentMaanedAsync(string opplysningspliktig, Kalendermaaned maaned, CancellationToken ct = default)
    {
        await using var tilkobling = await database.AapneLeserAsync(ct);
        await using var kommando = tilkobling.CreateCommand();
        kommando.CommandText = $"SELECT {KvitteringKolonner} WHERE m.opplysningspliktig = $o AND m.kalendermaaned = $k ORDER BY m.sekvens";
        kommando.Parameters.AddWithValue("$o", opplysningspliktig);
        kommando.Parameters.AddWithValue("$k", maaned.ToString());
        return await LesAlleAsync(kommando, ct);
    }

    public async Task<byte[]?> HentRaaAsync(Guid mottaksId, CancellationToken ct = default)
    {
        await using var tilkobling = await database.AapneLeserAsync(ct);
        await using var kommando = tilkobling.CreateCommand();
        kommando.CommandText = "SELECT i.raa FROM melding m JOIN melding_innhold i ON i.sekvens = m.sekvens WHERE m.mottaks_id = $id";
        kommando.Parameters.AddWithValue("$id", mottaksId.ToString());
        return await kommando.ExecuteScalarAsync(ct) as byte[];
    }

    public async Task<long> TellAsync(CancellationToken ct = default)
    {
        await using var tilkobling = await database.AapneLeserAsync(ct);
        await using var kommando = tilkobling.CreateCommand();
        kommando.CommandText = "SELECT COUNT(*) FROM melding";
        return (long)(await kommando.ExecuteScalarAsync(ct))!;
    }

    private static async Task<Kvittering?> LesEnAsync(SqliteCommand kommando, CancellationToken ct)
    {
        var alle = await LesAlleAsync(kommando, ct);
        return alle.Count == 0 ? null : alle[0];
    }

    private static async Task<IReadOnlyList<Kvittering>> LesAlleAsync(SqliteCommand kommando, CancellationToken ct)
    {
        var resultat = new List<Kvittering>();
        await using var leser = await kommando.ExecuteReaderAsync(ct);
        while (await leser.ReadAsync(ct))
        {
            resultat.Add(LesKvittering(leser));
        }

        return resultat;
    }

    private static Kvittering LesKvittering(SqliteDataReader r)
    {
        var avvist = r.GetInt64(8) != 0;
        Guid? erstattetAv = r.IsDBNull(9) ? null : Guid.Parse(r.GetString(9));
        var status = avvist ? Meldingsstatus.Avvist : erstattetAv is null ? Meldingsstatus.Mottatt : Meldingsstatus.Erstattet;
        return new Kvittering(
            MottaksId: Guid.Parse(r.GetString(0)),
            Avsender: r.GetString(1),
            Mottatt: DateTimeOffset.Parse(r.GetString(2), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
            Format: r.GetString(3),
            Opplysningspliktig: r.IsDBNull(4) ? null : r.GetString(4),
            Kalendermaaned: r.IsDBNull(5) ? null : Kalendermaaned.Parse(r.GetString(5)),
            MeldingsId: r.IsDBNull(6) ? null : r.GetString(6),
            ErstatterMeldingsId: r.IsDBNull(7) ? null : r.GetString(7),
            Status: status,
            Behandlingsstatus: avvist || r.GetBoolean(10) ? Behandlingsstatus.Behandlet : Behandlingsstatus.Mottatt,
            ErstattetAv: erstattetAv,
            Innholdshash: (byte[])r.GetValue(11),
            Omfang: new Meldingsomfang(r.GetInt32(12), r.GetInt32(13), r.GetInt32(14)),
            Avvik: AvvikJson.Les((byte[])r.GetValue(15)));
    }

    private sealed class Transaksjon(SqliteDatabase.Skrivelaan laan, SqliteTransaction tx) : IMottaksTransaksjon
    {
        private bool _ferdig;

        private SqliteCommand Kommando(string sql)
        {
            var kommando = laan.Tilkobling.CreateCommand();
            kommando.Transaction = tx;
            kommando.CommandText = sql;
            return kommando;
        }

        public async Task<Idempotensoppfoering?> FinnIdempotensAsync(string avsender, string noekkel, CancellationToken ct = default)
        {
            await using var kommando = Kommando("SELECT forespoersel_hash, mottaks_id FROM idempotens WHERE avsender = $a AND noekkel = $n");
            kommando.Parameters.AddWithValue("$a", avsender);
            kommando.Parameters.AddWithValue("$n", noekkel);
            await using var leser = await kommando.ExecuteReaderAsync(ct);
            return await leser.ReadAsync(ct)
                ? new Idempotensoppfoering(avsender, noekkel, (byte[])leser.GetValue(0), Guid.Parse(leser.GetString(1)))
                : null;
        }

        public async Task<Kvittering?> FinnLikAsync(string opplysningspliktig, string meldingsId, byte[] innholdshash, CancellationToken ct = default)
        {
            await using var kommando = Kommando(
                $"SELECT {KvitteringKolonner} WHERE m.opplysningspliktig = $o AND m.meldings_id = $m AND m.innholdshash = $h ORDER BY m.avvist, m.sekvens LIMIT 1");
            kommando.Parameters.AddWithValue("$o", opplysningspliktig);
            kommando.Parameters.AddWithValue("$m", meldingsId);
            kommando.Parameters.AddWithValue("$h", innholdshash);
            return await LesEnAsync(kommando, ct);
        }

        public async Task<Kvittering?> FinnAkseptertAsync(string opplysningspliktig, string meldingsId, CancellationToken ct = default)
        {
            await using var kommando = Kommando(
                $"SELECT {KvitteringKolonner} WHERE m.opplysningspliktig = $o AND m.meldings_id = $m AND m.avvist = 0");
            kommando.Parameters.AddWithValue("$o", opplysningspliktig);
            kommando.Parameters.AddWithValue("$m", meldingsId);
            return await LesEnAsync(kommando, ct);
        }

        public async Task<IReadOnlyList<(Guid MottaksId, byte[] Parsed)>> HentGjeldendeAsync(string opplysningspliktig, Kalendermaaned maaned, CancellationToken ct = default)
        {
            await using var kommando = Kommando("""
                SELECT m.mottaks_id, i.parsed FROM melding m
                JOIN melding_innhold i ON i.sekvens = m.sekvens
                WHERE m.opplysningspliktig = $o AND m.kalendermaaned = $k AND m.avvist = 0
                  AND NOT EXISTS (SELECT 1 FROM erstatning e WHERE e.erstattet_mottaks_id = m.mottaks_id)
                ORDER BY m.sekvens
                """);
            kommando.Parameters.AddWithValue("$o", opplysningspliktig);
            kommando.Parameters.AddWithValue("$k", maaned.ToString());
            var resultat = new List<(Guid, byte[])>();
            await using var leser = await kommando.ExecuteReaderAsync(ct);
            while (await leser.ReadAsync(ct))
            {
                resultat.Add((Guid.Parse(leser.GetString(0)), (byte[])leser.GetValue(1)));
            }

            return resultat;
        }

        public async Task LagreAsync(NyMelding melding, CancellationToken ct = default)
        {
            var id = melding.MottaksId.ToString();
            long sekvens;
            await using (var kommando = Kommando("""
                INSERT INTO melding (mottaks_id, avsender, mottatt, format, opplysningspliktig, kalendermaaned, meldings_id,
                    erstatter_meldings_id, avvist, innholdshash, antall_virksomheter, antall_inntektsmottakere,
                    antall_arbeidsforhold, avvik)
                VALUES ($id, $avsender, $mottatt, $format, $o, $k, $m, $e, $avvist, $hash, $v, $i, $a, $avvik)
                RETURNING sekvens
                """))
            {
                kommando.Parameters.AddWithValue("$id", id);
                kommando.Parameters.AddWithValue("$avsender", melding.Avsender);
                kommando.Parameters.AddWithValue("$mottatt", melding.Mottatt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
                kommando.Parameters.AddWithValue("$format", melding.Format);
                kommando.Parameters.AddWithValue("$o", (object?)melding.Opplysningspliktig ?? DBNull.Value);
                kommando.Parameters.AddWithValue("$k", (object?)melding.Kalendermaaned?.ToString() ?? DBNull.Value);
                kommando.Parameters.AddWithValue("$m", (object?)melding.MeldingsId ?? DBNull.Value);
                kommando.Parameters.AddWithValue("$e", (object?)melding.ErstatterMeldingsId ?? DBNull.Value);
                kommando.Parameters.AddWithValue("$avvist", melding.Avvist ? 1 : 0);
                kommando.Parameters.AddWithValue("$hash", melding.Innholdshash);
                kommando.Parameters.AddWithValue("$v", melding.Omfang.Virksomheter);
                kommando.Parameters.AddWithValue("$i", melding.Omfang.Inntektsmottakere);
                kommando.Parameters.AddWithValue("$a", melding.Omfang.Arbeidsforhold);
                kommando.Parameters.AddWithValue("$avvik", AvvikJson.Serialiser(melding.Avvik));
                sekvens = (long)(await kommando.ExecuteScalarAsync(ct))!;
            }

            await using (var kommando = Kommando("INSERT INTO melding_innhold (sekvens, raa, parsed) VALUES ($s, $r, $p)"))
            {
                kommando.Parameters.AddWithValue("$s", sekvens);
                kommando.Parameters.Add("$r", SqliteType.Blob).Value = melding.Raa.ToArray();
                kommando.Parameters.Add("$p", SqliteType.Blob).Value = melding.Parsed is { } p ? p.ToArray() : DBNull.Value;
                await kommando.ExecuteNonQueryAsync(ct);
            }

            if (!melding.Avvist && melding.Opplysningspliktig is not null && melding.Kalendermaaned is { } maaned)
            {
                if (melding.Erstatter is { } erstattet)
                {
                    await using var kommando = Kommando("INSERT INTO erstatning (erstattet_mottaks_id, erstattet_av) VALUES ($e, $id)");
                    kommando.Parameters.AddWithValue("$e", erstattet.ToString());
                    kommando.Parameters.AddWithValue("$id", id);
                    await kommando.ExecuteNonQueryAsync(ct);
                }

                await using (var kommando = Kommando("INSERT INTO register_ko (mottaks_id, opplysningspliktig, kalendermaaned) VALUES ($id, $o, $k)"))
                {
                    kommando.Parameters.AddWithValue("$id", id);
                    kommando.Parameters.AddWithValue("$o", melding.Opplysningspliktig);
                    kommando.Parameters.AddWithValue("$k", maaned.ToString());
                    await kommando.ExecuteNonQueryAsync(ct);
                }

                // API §2: pension access is decided from the institutions the meldinger in force name.
                foreach (var identifikator in (melding.Pensjonsinnretninger ?? []).Distinct(StringComparer.Ordinal))
                {
                    await using var kommando = Kommando("INSERT INTO melding_pensjonsinnretning (mottaks_id, identifikator) VALUES ($id, $p)");
                    kommando.Parameters.AddWithValue("$id", id);
                    kommando.Parameters.AddWithValue("$p", identifikator);
                    await kommando.ExecuteNonQueryAsync(ct);
                }
            }

            if (melding.Idempotensnoekkel is { } noekkel && melding.ForespoerselHash is { } hash)
            {
                await using var kommando = Kommando(
                    "INSERT INTO idempotens (avsender, noekkel, forespoersel_hash, mottaks_id) VALUES ($a, $n, $h, $id)");
                kommando.Parameters.AddWithValue("$a", melding.Avsender);
                kommando.Parameters.AddWithValue("$n", noekkel);
                kommando.Parameters.AddWithValue("$h", hash);
                kommando.Parameters.AddWithValue("$id", id);
                await kommando.ExecuteNonQueryAsync(ct);
            }
        }

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
                    await tx.RollbackAsync();
                }

                await tx.DisposeAsync();
            }
            finally
            {
                laan.Dispose();
            }
        }
    }
}
