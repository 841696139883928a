using System.Globalization;
using System.Runtime.CompilerServices;
using Aareg.Domain.Register;
using Aareg.Domain.Tid;
using Aareg.Storage.Register;
using Microsoft.Data.Sqlite;

[assembly: InternalsVisibleTo("Aareg.Register.Tests")]

namespace Aareg.Storage.Sqlite;

/// <summary>
/// The SQLite register (ADR 0006). Claims are held in memory: SQLite has one writer and one process owns the file
/// in normal operation, and a claim left by a crashed process must not block its successor. Correctness does not
/// rest on the claim: <see cref="AnvendAsync"/> checks the opplysningspliktig's progress token and the behandlet
/// row inside its transaction, so even two processes on one file can neither apply a melding twice nor apply on
/// a stale state.
/// </summary>
public sealed partial class SqliteRegisterStore(SqliteDatabase database) : IRegisterStore
{
    private const string IdSekvens = "navArbeidsforholdId";

    /// <summary>How many queue rows one claim scan looks at.</summary>
    private const int KravVindu = 512;

    private readonly Lock _kravlaas = new();
    private readonly HashSet<string> _krevd = new(StringComparer.Ordinal);

    /// <summary>
    /// Every queue row up to this sekvens is known to be applied (rows never become unapplied), so claim scans start
    /// after it instead of at the start of the queue.
    /// </summary>
    private long _lavvann;

    /// <summary>Fault injection for crash tests: called at named points inside the applying transaction.</summary>
    internal Action<string>? Feilpunkt { get; set; }

    /// <summary>
    /// Every ident of the person an ident belongs to (Folkeregisteret's identbytte, ADR 0006 decision 3), for
    /// <see cref="HentForPersonAsync"/>. Null: only the ident asked for (no reference data).
    /// </summary>
    public Func<string, IReadOnlyCollection<string>>? Personidenter { get; init; }

    public async Task<Registerkrav?> KrevAsync(CancellationToken ct = default)
    {
        await using var tilkobling = await database.AapneLeserAsync(ct);
        var fra = Volatile.Read(ref _lavvann);
        while (true)
        {
            var rader = new List<Koelement>(KravVindu);
            await using (var kommando = tilkobling.CreateCommand())
            {
                kommando.CommandText = """
                    SELECT k.sekvens, k.mottaks_id, k.opplysningspliktig, k.kalendermaaned FROM register_ko k
                    WHERE k.sekvens > $fra AND NOT EXISTS (SELECT 1 FROM behandlet b WHERE b.mottaks_id = k.mottaks_id)
                    ORDER BY k.sekvens LIMIT $n
                    """;
                kommando.Parameters.AddWithValue("$fra", fra);
                kommando.Parameters.AddWithValue("$n", KravVindu);
                await using var leser = await kommando.ExecuteReaderAsync(ct);
                while (await leser.ReadAsync(ct))
                {
                    rader.Add(LesKoelement(leser));
                }
            }

            if (rader.Count == 0)
            {
                return null;
            }

            if (fra == Volatile.Read(ref _lavvann))
            {
                // Everything before the first unapplied row is applied.
                InterlockedMax(ref _lavvann, rader[0].Sekvens - 1);
            }

            string? valgt = null;
            lock (_kravlaas)
            {
                foreach (var rad in rader)
                {
                    if (_krevd.Add(rad.Opplysningspliktig))
                    {
                        valgt = rad.Opplysningspliktig;
                        break;
                    }
                }
            }

            if (valgt is not null)
            {
                try
                {
                    return new Registerkrav(valgt, await HentUanvendteAsync(tilkobling, valgt, ct));
                }
                catch
                {
                    lock (_kravlaas)
                    {
                        _krevd.Remove(valgt);
                    }

                    throw;
                }
            }

            if (rader.Count < KravVindu)
            {
                // Every unapplied row belongs to an opplysningspliktig another worker holds.
                return null;
            }

            fra = rader[^1].Sekvens;
        }
    }

    public Task FrigiAsync(Registerkrav krav)
    {
        ArgumentNullException.ThrowIfNull(krav);
        lock (_kravlaas)
        {
            _krevd.Remove(krav.Opplysningspliktig);
        }

        return Task.CompletedTask;
    }

    private static async Task<IReadOnlyList<Koelement>> HentUanvendteAsync(SqliteConnection tilkobling, string opplysningspliktig, CancellationToken ct)
    {
        await using var kommando = tilkobling.CreateCommand();
        kommando.CommandText = """
            SELECT k.sekvens, k.mottaks_id, k.opplysningspliktig, k.kalendermaaned FROM register_ko k
            WHERE k.opplysningspliktig = $o
              AND k.sekvens > COALESCE((SELECT sist_anvendt_ko FROM register_opplysningspliktig WHERE opplysningspliktig = $o), 0)
              AND NOT EXISTS (SELECT 1 FROM behandlet b WHERE b.mottaks_id = k.mottaks_id)
            ORDER BY k.sekvens
            """;
        kommando.Parameters.AddWithValue("$o", opplysningspliktig);
        return await LesKoelementerAsync(kommando, ct);
    }

    public async Task<IReadOnlyList<Koelement>> HentGjeldendeAsync(string opplysningspliktig, long tilOgMedKo, CancellationToken ct = default)
    {
        await using var tilkobling = await database.AapneLeserAsync(ct);
        await using var kommando = tilkobling.CreateCommand();

        // DOMAIN §4.1 as it stood at that point of the queue: a replacement counts only once it was queued itself.
        kommando.CommandText = """
            SELECT k.sekvens, k.mottaks_id, k.opplysningspliktig, k.kalendermaaned FROM register_ko k
            WHERE k.opplysningspliktig = $o AND k.sekvens <= $til
              AND NOT EXISTS (
                  SELECT 1 FROM erstatning e JOIN register_ko r ON r.mottaks_id = e.erstattet_av
                  WHERE e.erstattet_mottaks_id = k.mottaks_id AND r.sekvens <= $til)
            ORDER BY k.sekvens
            """;
        kommando.Parameters.AddWithValue("$o", opplysningspliktig);
        kommando.Parameters.AddWithValue("$til", tilOgMedKo);
        return await LesKoelementerAsync(kommando, ct);
    }

    private static async Task<IReadOnlyList<Koelement>> LesKoelementerAsync(SqliteCommand kommando, CancellationToken ct)
    {
        var resultat = new List<Koelement>();
        await using var leser = await kommando.ExecuteReaderAsync(ct);
        while (await leser.ReadAsync(ct))
        {
            resultat.Add(LesKoelement(leser));
        }

        return resultat;
    }

    public async Task<IReadOnlyDictionary<Guid, byte[]>> HentInnholdAsync(IReadOnlyCollection<Guid> mottaksIder, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(mottaksIder);
        var resultat = new Dictionary<Guid, byte[]>(mottaksIder.Count);
        if (mottaksIder.Count == 0)
        {
            return resultat;
        }

        await using var tilkobling = await database.AapneLeserAsync(ct);
        await using var kommando = tilkobling.CreateCommand();
        kommando.CommandText = """
            SELECT i.parsed FROM melding m JOIN melding_innhold i ON i.sekvens = m.sekvens
            WHERE m.mottaks_id = $id AND i.parsed IS NOT NULL
            """;
        var parameter = kommando.Parameters.Add("$id", SqliteType.Text);
        foreach (var id in mottaksIder)
        {
            parameter.Value = id.ToString();
            if (await kommando.ExecuteScalarAsync(ct) is byte[] innhold)
            {
                resultat[id] = innhold;
            }
        }

        return resultat;
    }

    public async Task<Registertilstand> HentTilstandAsync(string opplysningspliktig, CancellationToken ct = default)
    {
        await using var tilkobling = await database.AapneLeserAsync(ct);

        // One read transaction, so the versions, the token and the sequence are from the same snapshot.
        await using var tx = tilkobling.BeginTransaction(deferred: true);
        var arbeidsforhold = new List<RegisterArbeidsforhold>();
        await using (var kommando = tilkobling.CreateCommand())
        {
            kommando.Transaction = tx;
            kommando.CommandText = $"""
                SELECT {VersjonKolonner} FROM arbeidsforhold_versjon v
                WHERE v.opplysningspliktig = $o AND v.bruk_tom IS NULL
                ORDER BY v.nav_arbeidsforhold_id
                """;
            kommando.Parameters.AddWithValue("$o", opplysningspliktig);
            await using var leser = await kommando.ExecuteReaderAsync(ct);
            while (await leser.ReadAsync(ct))
            {
                arbeidsforhold.Add(LesVersjon(leser, kjentPaa: null).Arbeidsforhold);
            }
        }

        long sistAnvendt = 0, reavledninger = 0;
        await using (var kommando = tilkobling.CreateCommand())
        {
            kommando.Transaction = tx;
            kommando.CommandText = "SELECT sist_anvendt_ko, reavledninger FROM register_opplysningspliktig WHERE opplysningspliktig = $o";
            kommando.Parameters.AddWithValue("$o", opplysningspliktig);
            await using var leser = await kommando.ExecuteReaderAsync(ct);
            if (await leser.ReadAsync(ct))
            {
                sistAnvendt = leser.GetInt64(0);
                reavledninger = leser.GetInt64(1);
            }
        }

        long sekvens;
        await using (var kommando = tilkobling.CreateCommand())
        {
            kommando.Transaction = tx;
            kommando.CommandText = $"SELECT verdi FROM register_sekvens WHERE navn = '{IdSekvens}'";
            sekvens = (long)(await kommando.ExecuteScalarAsync(ct))!;
        }

        return new Registertilstand(
            new OpplysningspliktigTilstand(opplysningspliktig, arbeidsforhold.ToEquatableArray()),
            sistAnvendt,
            sekvens + 1)
        {
            Reavledninger = reavledninger,
        };
    }

    public async Task<IReadOnlyList<string>> HentOpplysningspliktigeAsync(CancellationToken ct = default)
    {
        await using var tilkobling = await database.AapneLeserAsync(ct);
        await using var kommando = tilkobling.CreateCommand();
        kommando.CommandText = "SELECT opplysningspliktig FROM register_opplysningspliktig WHERE sist_anvendt_ko > 0 ORDER BY opplysningspliktig";
        var resultat = new List<string>();
        await using var leser = await kommando.ExecuteReaderAsync(ct);
        while (await leser.ReadAsync(ct))
        {
            resultat.Add(leser.GetString(0));
        }

        return resultat;
    }

    public Task<Anvendelsesoppsummering> AnvendAsync(Anvendelse anvendelse, CancellationToken ct = default) =>
        AnvendAsync(Registeroppdrag.Fra(anvendelse), ct);

    public Task<Anvendelsesoppsummering> AnvendReavledningAsync(Reavledning reavledning, CancellationToken ct = default) =>
        AnvendAsync(Registeroppdrag.Fra(reavledning), ct);

    /// <summary>One transaction for a melding's application or a re-derivation (<see cref="Registeroppdrag.Melding"/> null).</summary>
    private async Task<Anvendelsesoppsummering> AnvendAsync(Registeroppdrag anvendelse, CancellationToken ct)
    {
        var melding = anvendelse.Melding;
        var resultat = anvendelse.Resultat;
        var tidspunkt = anvendelse.Tidspunkt.UtcTicks;

        using var laan = await database.TaSkriverAsync(ct);
        var tilkobling = laan.Tilkobling;
        await using var tx = tilkobling.BeginTransaction(deferred: false);

        SqliteCommand Kommando(string sql)
        {
            var kommando = tilkobling.CreateCommand();
            kommando.Transaction = tx;
            kommando.CommandText = sql;
            return kommando;
        }

        // 1. Nothing of this opplysningspliktig was applied (melding or re-derivation) since the state was read, and
        //    not this melding.
        await using (var kommando = Kommando("""
            SELECT COALESCE((SELECT sist_anvendt_ko FROM register_opplysningspliktig WHERE opplysningspliktig = $o), 0),
                   COALESCE((SELECT reavledninger FROM register_opplysningspliktig WHERE opplysningspliktig = $o), 0),
                   EXISTS (SELECT 1 FROM behandlet WHERE mottaks_id = $id)
            """))
        {
            kommando.Parameters.AddWithValue("$o", anvendelse.Opplysningspliktig);
            kommando.Parameters.AddWithValue("$id", (object?)melding?.MottaksId.ToString() ?? DBNull.Value);
            await using var leser = await kommando.ExecuteReaderAsync(ct);
            await leser.ReadAsync(ct);
            if (leser.GetInt64(0) != anvendelse.ForventetSistAnvendtKo
                || leser.GetInt64(1) != anvendelse.ForventetReavledninger
                || leser.GetBoolean(2))
            {
                throw new RegisterKonfliktException("Opplysningspliktiges registertilstand er endret siden den ble lest.");
            }
        }

        // 2. New ids: the range the derivation used, moved past ids another opplysningspliktig took meanwhile.
        var forskyvning = 0L;
        if (anvendelse.AntallNyeIder > 0)
        {
            long sekvens;
            await using (var kommando = Kommando($"SELECT verdi FROM register_sekvens WHERE navn = '{IdSekvens}'"))
            {
                sekvens = (long)(await kommando.ExecuteScalarAsync(ct))!;
            }

            forskyvning = sekvens + 1 - anvendelse.ForsteNyeId;
            if (forskyvning < 0)
            {
                throw new InvalidOperationException("Id-sekvensen er lavere enn ved lesing.");
            }

            await using var oppdater = Kommando($"UPDATE register_sekvens SET verdi = $v WHERE navn = '{IdSekvens}'");
            oppdater.Parameters.AddWithValue("$v", sekvens + anvendelse.AntallNyeIder);
            await oppdater.ExecuteNonQueryAsync(ct);
        }

        long Flytt(long id) => forskyvning != 0 && id >= anvendelse.ForsteNyeId ? id + forskyvning : id;

        // 3. Close the current version of every deleted and every changed arbeidsforhold (nothing is overwritten).
        await using (var lukk = Kommando("UPDATE arbeidsforhold_versjon SET bruk_tom = $t WHERE nav_arbeidsforhold_id = $id AND nav_versjon = $v AND bruk_tom IS NULL"))
        {
            lukk.Parameters.AddWithValue("$t", tidspunkt);
            var id = lukk.Parameters.Add("$id", SqliteType.Integer);
            var versjon = lukk.Parameters.Add("$v", SqliteType.Integer);
            foreach (var sletting in resultat.Slettinger)
            {
                id.Value = sletting.NavArbeidsforholdId;
                versjon.Value = sletting.NavVersjon;
                await ForventEnRadAsync(lukk, ct);
            }

            foreach (var ny in resultat.NyeVersjoner)
            {
                if (ny.NavVersjon > 1)
                {
                    id.Value = ny.NavArbeidsforholdId;
                    versjon.Value = ny.NavVersjon - 1;
                    await ForventEnRadAsync(lukk, ct);
                }
            }
        }

        Feilpunkt?.Invoke("lukket");

        // 4. The new versions and the person index.
        await using (var sett = Kommando("""
            INSERT INTO arbeidsforhold_versjon (nav_arbeidsforhold_id, nav_versjon, nav_uuid, opplysningspliktig, arbeidssted,
                arbeidstaker, bruk_fom, bruk_tom, sist_bekreftet, sist_rapportert, dokument)
            VALUES ($id, $v, $uuid, $o, $sted, $person, $fom, NULL, $bekreftet, $rapportert, $dok)
            """))
        await using (var indeks = Kommando("INSERT OR IGNORE INTO arbeidstaker_indeks (ident, nav_arbeidsforhold_id) VALUES ($ident, $id)"))
        {
            var id = sett.Parameters.Add("$id", SqliteType.Integer);
            var versjon = sett.Parameters.Add("$v", SqliteType.Integer);
            var uuid = sett.Parameters.Add("$uuid", SqliteType.Text);
            var o = sett.Parameters.Add("$o", SqliteType.Text);
            var sted = sett.Parameters.Add("$sted", SqliteType.Text);
            var person = sett.Parameters.Add("$person", SqliteType.Text);
            sett.Parameters.AddWithValue("$fom", tidspunkt);
            var bekreftet = sett.Parameters.Add("$bekreftet", SqliteType.Integer);
            var rapportert = sett.Parameters.Add("$rapportert", SqliteType.Integer);
            var dokument = sett.Parameters.Add("$dok", SqliteType.Blob);
            var ident = indeks.Parameters.Add("$ident", SqliteType.Text);
            var indeksId = indeks.Parameters.Add("$id", SqliteType.Integer);

            foreach (var opprinnelig in resultat.NyeVersjoner)
            {
                var ny = opprinnelig.NavArbeidsforholdId == Flytt(opprinnelig.NavArbeidsforholdId)
                    ? opprinnelig
                    : opprinnelig with { NavArbeidsforholdId = Flytt(opprinnelig.NavArbeidsforholdId) };
                id.Value = ny.NavArbeidsforholdId;
                versjon.Value = ny.NavVersjon;
                uuid.Value = ny.NavUuid.ToString();
                o.Value = ny.Noekkel.Opplysningspliktig;
                sted.Value = ny.Noekkel.Arbeidssted;
                person.Value = ny.Noekkel.Arbeidstaker;
                bekreftet.Value = ny.SistBekreftet.UtcTicks;
                rapportert.Value = ny.SistRapportert.Indeks;
                dokument.Value = RegisterJson.Serialiser(ny);
                await sett.ExecuteNonQueryAsync(ct);

                ident.Value = ny.Noekkel.Arbeidstaker;
                indeksId.Value = ny.NavArbeidsforholdId;
                await indeks.ExecuteNonQueryAsync(ct);
            }
        }

        Feilpunkt?.Invoke("versjoner");

        // 5. Confirmations: in place on the current version (ADR 0006: not a fact of the version's content).
        await using (var bekreft = Kommando("""
            UPDATE arbeidsforhold_versjon SET sist_bekreftet = $b, sist_rapportert = $r
            WHERE nav_arbeidsforhold_id = $id AND nav_versjon = $v AND bruk_tom IS NULL
            """))
        {
            var b = bekreft.Parameters.Add("$b", SqliteType.Integer);
            var r = bekreft.Parameters.Add("$r", SqliteType.Integer);
            var id = bekreft.Parameters.Add("$id", SqliteType.Integer);
            var versjon = bekreft.Parameters.Add("$v", SqliteType.Integer);
            foreach (var bekreftelse in resultat.Bekreftelser)
            {
                b.Value = bekreftelse.SistBekreftet.UtcTicks;
                r.Value = bekreftelse.SistRapportert.Indeks;
                id.Value = bekreftelse.NavArbeidsforholdId;
                versjon.Value = bekreftelse.NavVersjon;
                await ForventEnRadAsync(bekreft, ct);
            }
        }

        // 6. Change events, numbered on from the highest stored one inside this transaction: gap-free.
        if (!resultat.Hendelser.IsEmpty)
        {
            long neste;
            await using (var kommando = Kommando("SELECT COALESCE(MAX(sekvensnummer), 0) + 1 FROM register_hendelse"))
            {
                neste = (long)(await kommando.ExecuteScalarAsync(ct))!;
            }

            var etterId = new Dictionary<long, RegisterArbeidsforhold>();
            foreach (var af in resultat.NyeVersjoner)
            {
                etterId[af.NavArbeidsforholdId] = af;
            }

            foreach (var af in anvendelse.Forrige.Arbeidsforhold)
            {
                etterId.TryAdd(af.NavArbeidsforholdId, af);
            }

            await using var hendelse = Kommando("""
                INSERT INTO register_hendelse (sekvensnummer, tidsstempel, endringstype, entitetsendringer, nav_arbeidsforhold_id,
                    nav_uuid, nav_versjon, type, opplysningspliktig, arbeidssted, arbeidstaker, arbeidsforhold_id, mottaks_id)
                VALUES ($s, $t, $e, $ee, $id, $uuid, $v, $type, $o, $sted, $person, $afid, $m)
                """);
            var s = hendelse.Parameters.Add("$s", SqliteType.Integer);
            hendelse.Parameters.AddWithValue("$t", tidspunkt);
            var e = hendelse.Parameters.Add("$e", SqliteType.Text);
            var ee = hendelse.Parameters.Add("$ee", SqliteType.Text);
            var id = hendelse.Parameters.Add("$id", SqliteType.Integer);
            var uuid = hendelse.Parameters.Add("$uuid", SqliteType.Text);
            var versjon = hendelse.Parameters.Add("$v", SqliteType.Integer);
            var type = hendelse.Parameters.Add("$type", SqliteType.Text);
            var o = hendelse.Parameters.Add("$o", SqliteType.Text);
            var sted = hendelse.Parameters.Add("$sted", SqliteType.Text);
            var person = hendelse.Parameters.Add("$person", SqliteType.Text);
            var afid = hendelse.Parameters.Add("$afid", SqliteType.Text);
            hendelse.Parameters.AddWithValue("$m", (object?)melding?.MottaksId.ToString() ?? DBNull.Value);
            foreach (var h in resultat.Hendelser)
            {
                var af = etterId[h.NavArbeidsforholdId];
                s.Value = neste++;
                e.Value = h.Endringstype.ToString();
                ee.Value = string.Join(',', h.Entitetsendringer);
                id.Value = Flytt(h.NavArbeidsforholdId);
                uuid.Value = h.NavUuid.ToString();
                versjon.Value = h.NavVersjon;
                type.Value = af.Type;
                o.Value = af.Noekkel.Opplysningspliktig;
                sted.Value = af.Noekkel.Arbeidssted;
                person.Value = af.Noekkel.Arbeidstaker;
                afid.Value = (object?)af.Noekkel.ArbeidsforholdId ?? DBNull.Value;
                await hendelse.ExecuteNonQueryAsync(ct);
            }
        }

        Feilpunkt?.Invoke("hendelser");

        // 7. Progress token and behandlet: the melding counts as processed exactly when its effects are committed.
        //    A re-derivation keeps the queue position and counts itself instead.
        if (melding is null)
        {
            await using var kommando = Kommando("""
                INSERT INTO register_opplysningspliktig (opplysningspliktig, sist_anvendt_ko, reavledninger) VALUES ($o, 0, 1)
                ON CONFLICT (opplysningspliktig) DO UPDATE SET reavledninger = reavledninger + 1
                """);
            kommando.Parameters.AddWithValue("$o", anvendelse.Opplysningspliktig);
            await kommando.ExecuteNonQueryAsync(ct);
        }
        else
        {
            await using (var kommando = Kommando("""
                INSERT INTO register_opplysningspliktig (opplysningspliktig, sist_anvendt_ko) VALUES ($o, $k)
                ON CONFLICT (opplysningspliktig) DO UPDATE SET sist_anvendt_ko = excluded.sist_anvendt_ko
                """))
            {
                kommando.Parameters.AddWithValue("$o", melding.Opplysningspliktig);
                kommando.Parameters.AddWithValue("$k", melding.Sekvens);
                await kommando.ExecuteNonQueryAsync(ct);
            }

            await using (var kommando = Kommando("INSERT INTO behandlet (mottaks_id, tidspunkt) VALUES ($id, $t)"))
            {
                kommando.Parameters.AddWithValue("$id", melding.MottaksId.ToString());
                kommando.Parameters.AddWithValue("$t", anvendelse.Tidspunkt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
                await kommando.ExecuteNonQueryAsync(ct);
            }
        }

        Feilpunkt?.Invoke("foer-commit");
        await tx.CommitAsync(ct);

        return new Anvendelsesoppsummering(
            resultat.NyeVersjoner.Count,
            resultat.Slettinger.Count,
            resultat.Bekreftelser.Count,
            resultat.Hendelser.Count,
            forskyvning);
    }

    private static async Task ForventEnRadAsync(SqliteCommand kommando, CancellationToken ct)
    {
        if (await kommando.ExecuteNonQueryAsync(ct) != 1)
        {
            // The derivation started from a current version that is no longer current: never write over it.
            throw new RegisterKonfliktException("En gjeldende versjon var ikke lenger gjeldende.");
        }
    }

    private static Koelement LesKoelement(SqliteDataReader r) =>
        new(r.GetInt64(0), Guid.Parse(r.GetString(1)), r.GetString(2), Kalendermaaned.Parse(r.GetString(3)));

    private static void InterlockedMax(ref long maal, long verdi)
    {
        var naa = Volatile.Read(ref maal);
        while (verdi > naa)
        {
            var forrige = Interlocked.CompareExchange(ref maal, verdi, naa);
            if (forrige == naa)
            {
                return;
            }

            naa = forrige;
        }
    }
}
