using System.Data;
using Aareg.Domain.Register;
using Aareg.Domain.Tid;
using Aareg.Storage.Register;
using Npgsql;
using NpgsqlTypes;

namespace Aareg.Storage.Postgres;

/// <summary>
/// The PostgreSQL register (ADR 0006) for several service nodes on one primary. Behaviour is that of the SQLite
/// store; what SQLite got from having one writer is made explicit:
/// <list type="bullet">
/// <item><b>Claims</b> are session advisory locks, one per opplysningspliktig, each held on a connection of its own
/// for the life of the claim: no two nodes (or workers) apply one opplysningspliktig at once, and when a node dies
/// its connections close and the server frees its claims for the others. Candidates come from the unapplied queue
/// rows themselves (a partial index), never from a high-water mark over <c>register_ko.sekvens</c>, because with
/// several intake nodes queue rows commit out of sekvens order.</item>
/// <item><b>Correctness does not rest on the claim</b> (a node cut off from the server may still be deriving):
/// <see cref="AnvendAsync"/> takes the opplysningspliktig's progress row FOR UPDATE and checks the token and the
/// behandlet row under that lock, so an application on a stale state is refused and nothing is applied twice.</item>
/// <item><b>Gap-free event numbers and dense ids</b> come from counter rows (<c>register_sekvens</c>) updated late in
/// the transaction: the row lock is held until commit, so numbers are handed out in commit order across nodes and a
/// rollback returns them. Locks are always taken in the same order (progress row, id counter, event counter), so
/// applications cannot deadlock.</item>
/// </list>
/// Lookups read <see cref="PostgresDatabase.Leser"/> (may be a replica); everything the applier derives from, and
/// the claims, read <see cref="PostgresDatabase.Skriver"/>. Instants are UTC ticks (see <see cref="Migrasjon002Register"/>).
/// </summary>
public sealed partial class PostgresRegisterStore(PostgresDatabase database) : IRegisterStore
{
    /// <summary>
    /// The first key of the two-key advisory lock that is a claim ("Aa" + 2): apart from the intake's per-opplysningspliktig
    /// lock (<see cref="PostgresMeldingStore.MottakLaasklasse"/>) and the single-key migration lock.
    /// </summary>
    internal const int KravLaasklasse = 0x4161_0002;

    private const string IdSekvens = "navArbeidsforholdId";
    private const string HendelseSekvens = "sekvensnummer";

    /// <summary>
    /// How many unapplied queue rows one claim scan reads at a time. Small: the first candidate is nearly always free,
    /// and during a month's backlog a large window would send hundreds of rows per claim for nothing.
    /// </summary>
    private const int KravVindu = 64;

    private readonly Lock _kravlaas = new();

    /// <summary>This store's claims and the connection each is held on (null while the lock is being tried).</summary>
    private readonly Dictionary<string, NpgsqlConnection?> _krevd = new(StringComparer.Ordinal);

    /// <summary>Fault injection for crash tests: called at named points inside the applying transaction.</summary>
    internal Action<string>? Feilpunkt { get; set; }

    /// <summary>
    /// Every ident of the person an ident belongs to (Folkeregisteret's identbytte, ADR 0006 decision 3), for
    /// <see cref="HentForPersonAsync"/>. Null: only the ident asked for (no reference data).
    /// </summary>
    public Func<string, IReadOnlyCollection<string>>? Personidenter { get; init; }

    public async Task<Registerkrav?> KrevAsync(CancellationToken ct = default)
    {
        var tilkobling = await database.Skriver.OpenConnectionAsync(ct);
        string? proever = null;
        var laast = false;
        try
        {
            var fra = 0L;
            while (true)
            {
                var kandidater = new List<string>();
                var sisteSekvens = 0L;
                var rader = 0;
                await using (var kommando = new NpgsqlCommand(
                    "SELECT sekvens, opplysningspliktig FROM register_ko WHERE NOT anvendt AND sekvens > $1 ORDER BY sekvens LIMIT $2",
                    tilkobling))
                {
                    kommando.Parameters.AddWithValue(fra);
                    kommando.Parameters.AddWithValue(KravVindu);
                    await using var leser = await kommando.ExecuteReaderAsync(ct);
                    var sett = new HashSet<string>(StringComparer.Ordinal);
                    while (await leser.ReadAsync(ct))
                    {
                        rader++;
                        sisteSekvens = leser.GetInt64(0);
                        var o = leser.GetString(1);
                        if (sett.Add(o))
                        {
                            kandidater.Add(o);
                        }
                    }
                }

                foreach (var o in kandidater)
                {
                    lock (_kravlaas)
                    {
                        // One of this store's own workers holds it: no need to ask the server.
                        if (!_krevd.TryAdd(o, null))
                        {
                            continue;
                        }
                    }

                    proever = o;
                    laast = await ProevLaasAsync(tilkobling, o, ct);
                    if (laast)
                    {
                        // Read under the lock: a node that held it before committed before it let go.
                        var meldinger = await HentUanvendteAsync(tilkobling, o, ct);
                        if (meldinger.Count > 0)
                        {
                            lock (_kravlaas)
                            {
                                _krevd[o] = tilkobling;
                            }

                            return new Registerkrav(o, meldinger);
                        }

                        // Applied by the previous holder between the scan and the lock.
                        await SlippLaasAsync(tilkobling, o);
                        laast = false;
                    }

                    lock (_kravlaas)
                    {
                        _krevd.Remove(o);
                    }

                    proever = null;
                }

                if (rader < KravVindu)
                {
                    // Nothing unapplied, or every unapplied row belongs to an opplysningspliktig another worker holds.
                    await tilkobling.DisposeAsync();
                    return null;
                }

                fra = sisteSekvens;
            }
        }
        catch
        {
            if (proever is not null)
            {
                if (laast)
                {
                    await SlippLaasAsync(tilkobling, proever);
                }

                lock (_kravlaas)
                {
                    _krevd.Remove(proever);
                }
            }

            await tilkobling.DisposeAsync();
            throw;
        }
    }

    public async Task FrigiAsync(Registerkrav krav)
    {
        ArgumentNullException.ThrowIfNull(krav);
        NpgsqlConnection? tilkobling;
        lock (_kravlaas)
        {
            if (!_krevd.Remove(krav.Opplysningspliktig, out tilkobling) || tilkobling is null)
            {
                return;
            }
        }

        await SlippLaasAsync(tilkobling, krav.Opplysningspliktig);
        await tilkobling.DisposeAsync();
    }

    private static async Task<bool> ProevLaasAsync(NpgsqlConnection tilkobling, string opplysningspliktig, CancellationToken ct)
    {
        await using var kommando = new NpgsqlCommand("SELECT pg_try_advisory_lock($1, hashtext($2))", tilkobling);
        kommando.Parameters.AddWithValue(KravLaasklasse);
        kommando.Parameters.AddWithValue(opplysningspliktig);
        return (bool)(await kommando.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// Releases a claim's lock before its connection goes back to the pool (Npgsql resets a pooled session only when
    /// it is next used). When the connection is broken (the server ended it) the server has already released the lock.
    /// </summary>
    private static async Task SlippLaasAsync(NpgsqlConnection tilkobling, string opplysningspliktig)
    {
        try
        {
            await using var kommando = new NpgsqlCommand("SELECT pg_advisory_unlock($1, hashtext($2))", tilkobling);
            kommando.Parameters.AddWithValue(KravLaasklasse);
            kommando.Parameters.AddWithValue(opplysningspliktig);

            // Not cancellable: a lock left on a pooled connection would block the opplysningspliktig.
            await kommando.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (Exception feil) when (feil is NpgsqlException or InvalidOperationException)
        {
            // The connection is gone, and with it the session and its locks.
        }
    }

    private static async Task<IReadOnlyList<Koelement>> HentUanvendteAsync(NpgsqlConnection tilkobling, string opplysningspliktig, CancellationToken ct)
    {
        // Within one opplysningspliktig queue order is commit order (intake serialises its receipts), so the rows
        // after the last one applied are the unapplied ones: a short range of register_ko_opplysningspliktig. (Not
        // "NOT anvendt", which would let the planner walk the whole backlog in register_ko_uanvendt instead.)
        await using var kommando = new NpgsqlCommand("""
            SELECT k.sekvens, k.mottaks_id, k.opplysningspliktig, k.kalendermaaned FROM register_ko k
            WHERE k.opplysningspliktig = $1
              AND k.sekvens > COALESCE((SELECT p.sist_anvendt_ko FROM register_opplysningspliktig p WHERE p.opplysningspliktig = $1), 0)
              AND NOT EXISTS (SELECT 1 FROM behandlet b WHERE b.mottaks_id = k.mottaks_id)
            ORDER BY k.sekvens
            """, tilkobling);
        kommando.Parameters.AddWithValue(opplysningspliktig);
        return await LesKoelementerAsync(kommando, ct);
    }

    public async Task<IReadOnlyList<Koelement>> HentGjeldendeAsync(string opplysningspliktig, long tilOgMedKo, CancellationToken ct = default)
    {
        // DOMAIN §4.1 as it stood at that point of the queue: a replacement counts only once it was queued itself.
        await using var kommando = database.Skriver.CreateCommand("""
            SELECT k.sekvens, k.mottaks_id, k.opplysningspliktig, k.kalendermaaned FROM register_ko k
            WHERE k.opplysningspliktig = $1 AND k.sekvens <= $2
              AND NOT EXISTS (
                  SELECT 1 FROM erstatning e JOIN register_ko r ON r.mottaks_id = e.erstattet_av
                  WHERE e.erstattet_mottaks_id = k.mottaks_id AND r.sekvens <= $2)
            ORDER BY k.sekvens
            """);
        kommando.Parameters.AddWithValue(opplysningspliktig);
        kommando.Parameters.AddWithValue(tilOgMedKo);
        return await LesKoelementerAsync(kommando, ct);
    }

    private static async Task<IReadOnlyList<Koelement>> LesKoelementerAsync(NpgsqlCommand kommando, CancellationToken ct)
    {
        var resultat = new List<Koelement>();
        await using var leser = await kommando.ExecuteReaderAsync(ct);
        while (await leser.ReadAsync(ct))
        {
            resultat.Add(new Koelement(leser.GetInt64(0), leser.GetGuid(1), leser.GetString(2), Kalendermaaned.Parse(leser.GetString(3))));
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

        // One round trip for all of them (the melding's unique mottaks_id, then the content's primary key).
        await using var kommando = database.Skriver.CreateCommand("""
            SELECT m.mottaks_id, i.parsed FROM melding m JOIN melding_innhold i ON i.sekvens = m.sekvens
            WHERE m.mottaks_id = ANY($1) AND i.parsed IS NOT NULL
            """);
        kommando.Parameters.AddWithValue(mottaksIder.ToArray());
        await using var leser = await kommando.ExecuteReaderAsync(ct);
        while (await leser.ReadAsync(ct))
        {
            resultat[leser.GetGuid(0)] = leser.GetFieldValue<byte[]>(1);
        }

        return resultat;
    }

    public async Task<Registertilstand> HentTilstandAsync(string opplysningspliktig, CancellationToken ct = default)
    {
        await using var tilkobling = await database.Skriver.OpenConnectionAsync(ct);

        // One snapshot for the versions, the token and the sequence; one round trip for the three reads.
        await using var tx = await tilkobling.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        await using var batch = new NpgsqlBatch(tilkobling, tx);
        batch.BatchCommands.Add(Batchkommando(
            $"SELECT {VersjonKolonner} FROM arbeidsforhold_versjon v WHERE v.opplysningspliktig = $1 AND v.bruk_tom IS NULL ORDER BY v.nav_arbeidsforhold_id",
            opplysningspliktig));
        batch.BatchCommands.Add(Batchkommando(
            "SELECT sist_anvendt_ko, reavledninger FROM register_opplysningspliktig WHERE opplysningspliktig = $1", opplysningspliktig));
        batch.BatchCommands.Add(Batchkommando($"SELECT verdi FROM register_sekvens WHERE navn = '{IdSekvens}'"));

        var arbeidsforhold = new List<RegisterArbeidsforhold>();
        long sistAnvendt = 0, reavledninger = 0, sekvens;
        await using (var leser = await batch.ExecuteReaderAsync(ct))
        {
            while (await leser.ReadAsync(ct))
            {
                arbeidsforhold.Add(LesVersjon(leser, kjentPaa: null).Arbeidsforhold);
            }

            await leser.NextResultAsync(ct);
            if (await leser.ReadAsync(ct))
            {
                sistAnvendt = leser.GetInt64(0);
                reavledninger = leser.GetInt64(1);
            }

            await leser.NextResultAsync(ct);
            await leser.ReadAsync(ct);
            sekvens = leser.GetInt64(0);
        }

        await tx.CommitAsync(ct);
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
        await using var kommando = database.Leser.CreateCommand(
            "SELECT opplysningspliktig FROM register_opplysningspliktig WHERE sist_anvendt_ko > 0 ORDER BY opplysningspliktig");
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

    /// <summary>
    /// One transaction for a melding's application or a re-derivation (<see cref="Registeroppdrag.Melding"/> null). The
    /// global counters are taken last, right before the rows that need them, so other nodes wait for them only
    /// for the rest of this transaction.
    /// </summary>
    private async Task<Anvendelsesoppsummering> AnvendAsync(Registeroppdrag anvendelse, CancellationToken ct)
    {
        var melding = anvendelse.Melding;
        var resultat = anvendelse.Resultat;
        var tidspunkt = anvendelse.Tidspunkt.UtcTicks;

        await using var tilkobling = await database.Skriver.OpenConnectionAsync(ct);

        // READ COMMITTED: each statement after a lock wait sees what the previous holder committed.
        await using var tx = await tilkobling.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);

        // 1. The progress token under the opplysningspliktig's row lock: nothing of it was applied (melding or
        //    re-derivation) since the state was read, and not this melding. The row is created first if missing, so
        //    that two first applications of one opplysningspliktig also meet on a lock (the second insert waits for
        //    the first to commit, then its FOR UPDATE reads the moved token).
        await using (var batch = new NpgsqlBatch(tilkobling, tx))
        {
            batch.BatchCommands.Add(Batchkommando(
                "INSERT INTO register_opplysningspliktig (opplysningspliktig, sist_anvendt_ko, reavledninger) VALUES ($1, 0, 0) ON CONFLICT (opplysningspliktig) DO NOTHING",
                anvendelse.Opplysningspliktig));
            batch.BatchCommands.Add(Batchkommando(
                "SELECT sist_anvendt_ko, reavledninger FROM register_opplysningspliktig WHERE opplysningspliktig = $1 FOR UPDATE",
                anvendelse.Opplysningspliktig));
            if (melding is not null)
            {
                // Its own statement, so its snapshot is taken after the lock was granted.
                batch.BatchCommands.Add(Batchkommando("SELECT EXISTS (SELECT 1 FROM behandlet WHERE mottaks_id = $1)", melding.MottaksId));
            }

            await using var leser = await batch.ExecuteReaderAsync(ct);
            await leser.ReadAsync(ct);
            var flyttet = leser.GetInt64(0) != anvendelse.ForventetSistAnvendtKo || leser.GetInt64(1) != anvendelse.ForventetReavledninger;
            if (melding is not null)
            {
                await leser.NextResultAsync(ct);
                await leser.ReadAsync(ct);
                flyttet |= leser.GetBoolean(0);
            }

            if (flyttet)
            {
                throw new RegisterKonfliktException("Opplysningspliktiges registertilstand er endret siden den ble lest.");
            }
        }

        // 2. Close the current version of every deleted and every changed arbeidsforhold (nothing is overwritten).
        var lukkId = new List<long>(resultat.Slettinger.Count + resultat.NyeVersjoner.Count);
        var lukkVersjon = new List<int>(lukkId.Capacity);
        foreach (var sletting in resultat.Slettinger)
        {
            lukkId.Add(sletting.NavArbeidsforholdId);
            lukkVersjon.Add(sletting.NavVersjon);
        }

        foreach (var ny in resultat.NyeVersjoner)
        {
            if (ny.NavVersjon > 1)
            {
                lukkId.Add(ny.NavArbeidsforholdId);
                lukkVersjon.Add(ny.NavVersjon - 1);
            }
        }

        if (lukkId.Count > 0)
        {
            await using var lukk = new NpgsqlCommand("""
                UPDATE arbeidsforhold_versjon v SET bruk_tom = $1
                FROM unnest($2::bigint[], $3::integer[]) AS u (id, versjon)
                WHERE v.nav_arbeidsforhold_id = u.id AND v.nav_versjon = u.versjon AND v.bruk_tom IS NULL
                """, tilkobling, tx);
            lukk.Parameters.AddWithValue(tidspunkt);
            lukk.Parameters.AddWithValue(lukkId.ToArray());
            lukk.Parameters.AddWithValue(lukkVersjon.ToArray());
            await ForventRaderAsync(lukk, lukkId.Count, ct);
        }

        Feilpunkt?.Invoke("lukket");

        // 3. Confirmations: in place on the current version (ADR 0006: not a fact of the version's content). They
        //    name versions that are neither closed nor new in this result, so they need no new id.
        if (!resultat.Bekreftelser.IsEmpty)
        {
            var n = resultat.Bekreftelser.Count;
            var id = new long[n];
            var versjon = new int[n];
            var bekreftet = new long[n];
            var rapportert = new int[n];
            var i = 0;
            foreach (var b in resultat.Bekreftelser)
            {
                id[i] = b.NavArbeidsforholdId;
                versjon[i] = b.NavVersjon;
                bekreftet[i] = b.SistBekreftet.UtcTicks;
                rapportert[i] = b.SistRapportert.Indeks;
                i++;
            }

            await using var bekreft = new NpgsqlCommand("""
                UPDATE arbeidsforhold_versjon v SET sist_bekreftet = u.bekreftet, sist_rapportert = u.rapportert
                FROM unnest($1::bigint[], $2::integer[], $3::bigint[], $4::integer[]) AS u (id, versjon, bekreftet, rapportert)
                WHERE v.nav_arbeidsforhold_id = u.id AND v.nav_versjon = u.versjon AND v.bruk_tom IS NULL
                """, tilkobling, tx);
            bekreft.Parameters.AddWithValue(id);
            bekreft.Parameters.AddWithValue(versjon);
            bekreft.Parameters.AddWithValue(bekreftet);
            bekreft.Parameters.AddWithValue(rapportert);
            await ForventRaderAsync(bekreft, n, ct);
        }

        // 4. Progress token and behandlet: the melding counts as processed exactly when its effects are committed.
        //    A re-derivation keeps the queue position and counts itself instead.
        await using (var batch = new NpgsqlBatch(tilkobling, tx))
        {
            if (melding is null)
            {
                batch.BatchCommands.Add(Batchkommando(
                    "UPDATE register_opplysningspliktig SET reavledninger = reavledninger + 1 WHERE opplysningspliktig = $1",
                    anvendelse.Opplysningspliktig));
            }
            else
            {
                batch.BatchCommands.Add(Batchkommando(
                    "UPDATE register_opplysningspliktig SET sist_anvendt_ko = $2 WHERE opplysningspliktig = $1",
                    melding.Opplysningspliktig,
                    melding.Sekvens));
                batch.BatchCommands.Add(Batchkommando(
                    "INSERT INTO behandlet (mottaks_id, tidspunkt) VALUES ($1, $2)", melding.MottaksId, anvendelse.Tidspunkt.ToUniversalTime()));
                batch.BatchCommands.Add(Batchkommando("UPDATE register_ko SET anvendt = true WHERE mottaks_id = $1", melding.MottaksId));
            }

            await batch.ExecuteNonQueryAsync(ct);
        }

        // 5. New ids: the range the derivation used, moved past ids another opplysningspliktig took meanwhile. The
        //    counter row stays locked until commit, so ranges never overlap and a rollback leaves no hole.
        var forskyvning = 0L;
        if (anvendelse.AntallNyeIder > 0)
        {
            var etter = await TellOppAsync(tilkobling, tx, IdSekvens, anvendelse.AntallNyeIder, ct);
            forskyvning = etter - anvendelse.AntallNyeIder + 1 - anvendelse.ForsteNyeId;
            if (forskyvning < 0)
            {
                throw new InvalidOperationException("Id-sekvensen er lavere enn ved lesing.");
            }
        }

        long Flytt(long id) => forskyvning != 0 && id >= anvendelse.ForsteNyeId ? id + forskyvning : id;

        // 6. The new versions (binary COPY) and the person index.
        if (!resultat.NyeVersjoner.IsEmpty)
        {
            await SkrivVersjonerAsync(tilkobling, resultat.NyeVersjoner, Flytt, tidspunkt, ct);

            var identer = new string[resultat.NyeVersjoner.Count];
            var ider = new long[identer.Length];
            var i = 0;
            foreach (var ny in resultat.NyeVersjoner)
            {
                identer[i] = ny.Noekkel.Arbeidstaker;
                ider[i] = Flytt(ny.NavArbeidsforholdId);
                i++;
            }

            await using var indeks = new NpgsqlCommand("""
                INSERT INTO arbeidstaker_indeks (ident, nav_arbeidsforhold_id) SELECT * FROM unnest($1::text[], $2::bigint[])
                ON CONFLICT DO NOTHING
                """, tilkobling, tx);
            indeks.Parameters.AddWithValue(identer);
            indeks.Parameters.AddWithValue(ider);
            await indeks.ExecuteNonQueryAsync(ct);
        }

        Feilpunkt?.Invoke("versjoner");

        // 7. Change events, numbered from the event counter (locked until commit: commit order, no gap).
        if (!resultat.Hendelser.IsEmpty)
        {
            var etter = await TellOppAsync(tilkobling, tx, HendelseSekvens, resultat.Hendelser.Count, ct);
            await SkrivHendelserAsync(tilkobling, anvendelse, Flytt, etter - resultat.Hendelser.Count + 1, tidspunkt, ct);
        }

        Feilpunkt?.Invoke("hendelser");
        Feilpunkt?.Invoke("foer-commit");
        await tx.CommitAsync(ct);

        return new Anvendelsesoppsummering(
            resultat.NyeVersjoner.Count,
            resultat.Slettinger.Count,
            resultat.Bekreftelser.Count,
            resultat.Hendelser.Count,
            forskyvning);
    }

    /// <summary>Adds <paramref name="antall"/> to a counter row and returns the new value (the row stays locked until commit).</summary>
    private static async Task<long> TellOppAsync(NpgsqlConnection tilkobling, NpgsqlTransaction tx, string navn, long antall, CancellationToken ct)
    {
        await using var kommando = new NpgsqlCommand("UPDATE register_sekvens SET verdi = verdi + $1 WHERE navn = $2 RETURNING verdi", tilkobling, tx);
        kommando.Parameters.AddWithValue(antall);
        kommando.Parameters.AddWithValue(navn);
        return (long)(await kommando.ExecuteScalarAsync(ct))!;
    }

    private static async Task SkrivVersjonerAsync(
        NpgsqlConnection tilkobling,
        EquatableArray<RegisterArbeidsforhold> versjoner,
        Func<long, long> flytt,
        long tidspunkt,
        CancellationToken ct)
    {
        await using var kopi = await tilkobling.BeginBinaryImportAsync("""
            COPY arbeidsforhold_versjon (nav_arbeidsforhold_id, nav_versjon, nav_uuid, opplysningspliktig, arbeidssted,
                arbeidstaker, bruk_fom, sist_bekreftet, sist_rapportert, dokument) FROM STDIN (FORMAT BINARY)
            """, ct);
        foreach (var opprinnelig in versjoner)
        {
            var id = flytt(opprinnelig.NavArbeidsforholdId);
            var ny = id == opprinnelig.NavArbeidsforholdId ? opprinnelig : opprinnelig with { NavArbeidsforholdId = id };
            await kopi.StartRowAsync(ct);
            await kopi.WriteAsync(ny.NavArbeidsforholdId, NpgsqlDbType.Bigint, ct);
            await kopi.WriteAsync(ny.NavVersjon, NpgsqlDbType.Integer, ct);
            await kopi.WriteAsync(ny.NavUuid, NpgsqlDbType.Uuid, ct);
            await kopi.WriteAsync(ny.Noekkel.Opplysningspliktig, NpgsqlDbType.Text, ct);
            await kopi.WriteAsync(ny.Noekkel.Arbeidssted, NpgsqlDbType.Text, ct);
            await kopi.WriteAsync(ny.Noekkel.Arbeidstaker, NpgsqlDbType.Text, ct);
            await kopi.WriteAsync(tidspunkt, NpgsqlDbType.Bigint, ct);
            await kopi.WriteAsync(ny.SistBekreftet.UtcTicks, NpgsqlDbType.Bigint, ct);
            await kopi.WriteAsync(ny.SistRapportert.Indeks, NpgsqlDbType.Integer, ct);
            await kopi.WriteAsync(RegisterJson.Serialiser(ny), NpgsqlDbType.Bytea, ct);
        }

        await kopi.CompleteAsync(ct);
    }

    private static async Task SkrivHendelserAsync(
        NpgsqlConnection tilkobling,
        Registeroppdrag anvendelse,
        Func<long, long> flytt,
        long forste,
        long tidspunkt,
        CancellationToken ct)
    {
        // The key and type of an event's arbeidsforhold: the new version, or for a deletion the state it started from.
        var etterId = new Dictionary<long, RegisterArbeidsforhold>();
        foreach (var af in anvendelse.Resultat.NyeVersjoner)
        {
            etterId[af.NavArbeidsforholdId] = af;
        }

        foreach (var af in anvendelse.Forrige.Arbeidsforhold)
        {
            etterId.TryAdd(af.NavArbeidsforholdId, af);
        }

        await using var kopi = await tilkobling.BeginBinaryImportAsync("""
            COPY register_hendelse (sekvensnummer, tidsstempel, endringstype, entitetsendringer, nav_arbeidsforhold_id,
                nav_uuid, nav_versjon, type, opplysningspliktig, arbeidssted, arbeidstaker, arbeidsforhold_id, mottaks_id)
            FROM STDIN (FORMAT BINARY)
            """, ct);
        var neste = forste;
        foreach (var h in anvendelse.Resultat.Hendelser)
        {
            var af = etterId[h.NavArbeidsforholdId];
            await kopi.StartRowAsync(ct);
            await kopi.WriteAsync(neste++, NpgsqlDbType.Bigint, ct);
            await kopi.WriteAsync(tidspunkt, NpgsqlDbType.Bigint, ct);
            await kopi.WriteAsync(h.Endringstype.ToString(), NpgsqlDbType.Text, ct);
            await kopi.WriteAsync(string.Join(',', h.Entitetsendringer), NpgsqlDbType.Text, ct);
            await kopi.WriteAsync(flytt(h.NavArbeidsforholdId), NpgsqlDbType.Bigint, ct);
            await kopi.WriteAsync(h.NavUuid, NpgsqlDbType.Uuid, ct);
            await kopi.WriteAsync(h.NavVersjon, NpgsqlDbType.Integer, ct);
            await kopi.WriteAsync(af.Type, NpgsqlDbType.Text, ct);
            await kopi.WriteAsync(af.Noekkel.Opplysningspliktig, NpgsqlDbType.Text, ct);
            await kopi.WriteAsync(af.Noekkel.Arbeidssted, NpgsqlDbType.Text, ct);
            await kopi.WriteAsync(af.Noekkel.Arbeidstaker, NpgsqlDbType.Text, ct);
            if (af.Noekkel.ArbeidsforholdId is { } arbeidsforholdId)
            {
                await kopi.WriteAsync(arbeidsforholdId, NpgsqlDbType.Text, ct);
            }
            else
            {
                await kopi.WriteNullAsync(ct);
            }

            if (anvendelse.Melding is { } melding)
            {
                await kopi.WriteAsync(melding.MottaksId, NpgsqlDbType.Uuid, ct);
            }
            else
            {
                await kopi.WriteNullAsync(ct);
            }
        }

        await kopi.CompleteAsync(ct);
    }

    private static async Task ForventRaderAsync(NpgsqlCommand kommando, int forventet, CancellationToken ct)
    {
        if (await kommando.ExecuteNonQueryAsync(ct) != forventet)
        {
            // The derivation started from a current version that is no longer current: never write over it.
            throw new RegisterKonfliktException("En gjeldende versjon var ikke lenger gjeldende.");
        }
    }

    private static NpgsqlBatchCommand Batchkommando(string sql, params object[] verdier)
    {
        var kommando = new NpgsqlBatchCommand(sql);
        foreach (var verdi in verdier)
        {
            kommando.Parameters.AddWithValue(verdi);
        }

        return kommando;
    }
}
