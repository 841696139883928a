using System.Data;
using System.Globalization;
using Aareg.Domain.Register;
using Aareg.Domain.Tid;
using Aareg.Storage.Register;
using Npgsql;

namespace Aareg.Storage.Postgres;

/// <summary>
/// The read paths of the register (API §1, §3): current or "as known at T" (bitemporal), on the read data source
/// (a replica when one is configured). Same queries and semantics as the SQLite store.
/// </summary>
public sealed partial class PostgresRegisterStore
{
    private const string VersjonKolonner =
        "v.bruk_fom, v.bruk_tom, v.sist_bekreftet, v.sist_rapportert, v.dokument";

    public async Task<IReadOnlyList<LagretArbeidsforhold>> HentForPersonAsync(string ident, DateTimeOffset? kjentPaa = null, Datautvalg? utvalg = null, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(ident);

        // The index holds every ident an arbeidsforhold was stored under; the person's other idents (identbytte,
        // ADR 0006 decision 3) come from Folkeregisteret, so an old ident finds an arbeidsforhold stored only under
        // the new one and the other way round. One index range per ident (one or two in practice).
        var identer = Personidenter?.Invoke(ident) is { Count: > 0 } alle ? alle : [ident];
        await using var kommando = database.Leser.CreateCommand($"""
            SELECT {VersjonKolonner} FROM arbeidsforhold_versjon v
            WHERE v.nav_arbeidsforhold_id IN (SELECT i.nav_arbeidsforhold_id FROM arbeidstaker_indeks i WHERE i.ident = ANY($1))
              AND {IBruk(kjentPaa, 2)}
            ORDER BY v.nav_arbeidsforhold_id
            """);
        kommando.Parameters.AddWithValue(identer.ToArray());
        LeggTilKjentPaa(kommando.Parameters, kjentPaa);
        return await LesVersjonerAsync(kommando, kjentPaa, utvalg, ct);
    }

    public async Task<LagretArbeidsforhold?> HentAsync(long navArbeidsforholdId, DateTimeOffset? kjentPaa = null, Datautvalg? utvalg = null, CancellationToken ct = default)
    {
        await using var kommando = database.Leser.CreateCommand(
            $"SELECT {VersjonKolonner} FROM arbeidsforhold_versjon v WHERE v.nav_arbeidsforhold_id = $1 AND {IBruk(kjentPaa, 2)}");
        kommando.Parameters.AddWithValue(navArbeidsforholdId);
        LeggTilKjentPaa(kommando.Parameters, kjentPaa);
        var alle = await LesVersjonerAsync(kommando, kjentPaa, utvalg, ct);
        return alle.Count == 0 ? null : alle[0];
    }

    public async Task<LagretArbeidsforhold?> HentAsync(Guid navUuid, DateTimeOffset? kjentPaa = null, Datautvalg? utvalg = null, CancellationToken ct = default)
    {
        await using var kommando = database.Leser.CreateCommand(
            $"SELECT {VersjonKolonner} FROM arbeidsforhold_versjon v WHERE v.nav_uuid = $1 AND {IBruk(kjentPaa, 2)}");
        kommando.Parameters.AddWithValue(navUuid);
        LeggTilKjentPaa(kommando.Parameters, kjentPaa);
        var alle = await LesVersjonerAsync(kommando, kjentPaa, utvalg, ct);
        return alle.Count == 0 ? null : alle[0];
    }

    public Task<IReadOnlyList<LagretArbeidsforhold>> HentVersjonerAsync(long navArbeidsforholdId, CancellationToken ct = default) =>
        HentVersjonerAsync(navArbeidsforholdId, null, ct);

    public async Task<IReadOnlyList<LagretArbeidsforhold>> HentVersjonerAsync(long navArbeidsforholdId, Datautvalg? utvalg, CancellationToken ct = default)
    {
        await using var kommando = database.Leser.CreateCommand(
            $"SELECT {VersjonKolonner} FROM arbeidsforhold_versjon v WHERE v.nav_arbeidsforhold_id = $1 ORDER BY v.nav_versjon");
        kommando.Parameters.AddWithValue(navArbeidsforholdId);
        return await LesVersjonerAsync(kommando, null, utvalg, ct);
    }

    public async Task<Registerside> HentForOpplysningspliktigAsync(
        string opplysningspliktig,
        string? underenhet,
        int startrad,
        int antall,
        DateTimeOffset? kjentPaa = null,
        Datautvalg? utvalg = null,
        CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(opplysningspliktig);
        ArgumentOutOfRangeException.ThrowIfNegative(startrad);
        ArgumentOutOfRangeException.ThrowIfNegative(antall);

        // Two statements rather than one with an "IS NULL OR" filter, so each has a plan that uses its index.
        var kjentParameter = underenhet is null ? 2 : 3;
        var filter = $"v.opplysningspliktig = $1 {(underenhet is null ? "" : "AND v.arbeidssted = $2")} AND {IBruk(kjentPaa, kjentParameter)}";
        var side = kjentParameter + (kjentPaa is null ? 0 : 1);

        await using var tilkobling = await database.Leser.OpenConnectionAsync(ct);

        // Count and page from one snapshot (one round trip), so totalAntall matches the page.
        await using var tx = await tilkobling.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        await using var batch = new NpgsqlBatch(tilkobling, tx);
        var telling = new NpgsqlBatchCommand($"SELECT COUNT(*) FROM arbeidsforhold_versjon v WHERE {filter}");
        Parametre(telling.Parameters);
        batch.BatchCommands.Add(telling);
        var sideKommando = new NpgsqlBatchCommand($"""
            SELECT {VersjonKolonner} FROM arbeidsforhold_versjon v WHERE {filter}
            ORDER BY v.arbeidssted, v.nav_arbeidsforhold_id LIMIT ${side.ToString(CultureInfo.InvariantCulture)} OFFSET ${(side + 1).ToString(CultureInfo.InvariantCulture)}
            """);
        Parametre(sideKommando.Parameters);
        sideKommando.Parameters.AddWithValue(antall);
        sideKommando.Parameters.AddWithValue(startrad);
        batch.BatchCommands.Add(sideKommando);

        long totalt;
        var arbeidsforhold = new List<LagretArbeidsforhold>();
        await using (var leser = await batch.ExecuteReaderAsync(ct))
        {
            await leser.ReadAsync(ct);
            totalt = leser.GetInt64(0);
            await leser.NextResultAsync(ct);
            while (await leser.ReadAsync(ct))
            {
                arbeidsforhold.Add(LesVersjon(leser, kjentPaa, utvalg));
            }
        }

        await tx.CommitAsync(ct);
        return new Registerside(startrad, totalt, arbeidsforhold);

        void Parametre(NpgsqlParameterCollection parametre)
        {
            parametre.AddWithValue(opplysningspliktig);
            if (underenhet is not null)
            {
                parametre.AddWithValue(underenhet);
            }

            LeggTilKjentPaa(parametre, kjentPaa);
        }
    }

    public async Task<IReadOnlyList<Registerhendelse>> HentHendelserAsync(long fraSekvensnummer, int antall, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(antall);
        await using var kommando = database.Leser.CreateCommand("""
            SELECT sekvensnummer, tidsstempel, endringstype, entitetsendringer, nav_arbeidsforhold_id, nav_uuid, nav_versjon,
                   type, opplysningspliktig, arbeidssted, arbeidstaker, arbeidsforhold_id
            FROM register_hendelse WHERE sekvensnummer >= $1 ORDER BY sekvensnummer LIMIT $2
            """);
        kommando.Parameters.AddWithValue(fraSekvensnummer);
        kommando.Parameters.AddWithValue(antall);
        var resultat = new List<Registerhendelse>();
        await using var r = await kommando.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var entiteter = r.GetString(3);
            resultat.Add(new Registerhendelse(
                Sekvensnummer: r.GetInt64(0),
                Endringstype: Enum.Parse<Endringstype>(r.GetString(2)),
                Entitetsendringer: entiteter.Length == 0 ? [] : [.. entiteter.Split(',').Select(Enum.Parse<Entitetsendring>)],
                NavArbeidsforholdId: r.GetInt64(4),
                NavUuid: r.GetGuid(5),
                NavVersjon: r.GetInt32(6),
                Type: r.GetString(7),
                Noekkel: new ArbeidsforholdNoekkel(r.GetString(8), r.GetString(9), r.GetString(10), r.IsDBNull(11) ? null : r.GetString(11)),
                Tidsstempel: Tid(r.GetInt64(1))));
        }

        return resultat;
    }

    public async Task<long> SisteSekvensnummerAsync(CancellationToken ct = default)
    {
        // The primary key's last entry (a backward index scan), as committed; the counter row may be ahead of it
        // inside an open transaction.
        await using var kommando = database.Leser.CreateCommand("SELECT COALESCE(MAX(sekvensnummer), 0) FROM register_hendelse");
        return (long)(await kommando.ExecuteScalarAsync(ct))!;
    }

    public async Task<long> TellUanvendteAsync(CancellationToken ct = default)
    {
        // The partial index on the unapplied rows keeps this small; the primary, because it answers "caught up yet?".
        await using var kommando = database.Skriver.CreateCommand("SELECT count(*) FROM register_ko WHERE NOT anvendt");
        return (long)(await kommando.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// The version in use: the current one, or the one whose bruksperiode [fom, tom) holds T (parameter
    /// <paramref name="parameter"/>, UTC ticks).
    /// </summary>
    private static string IBruk(DateTimeOffset? kjentPaa, int parameter)
    {
        var p = "$" + parameter.ToString(CultureInfo.InvariantCulture);
        return kjentPaa is null
            ? "v.bruk_tom IS NULL"
            : $"v.bruk_fom <= {p} AND (v.bruk_tom IS NULL OR v.bruk_tom > {p})";
    }

    private static void LeggTilKjentPaa(NpgsqlParameterCollection parametre, DateTimeOffset? kjentPaa)
    {
        if (kjentPaa is { } t)
        {
            parametre.AddWithValue(t.UtcTicks);
        }
    }

    private static async Task<IReadOnlyList<LagretArbeidsforhold>> LesVersjonerAsync(NpgsqlCommand kommando, DateTimeOffset? kjentPaa, Datautvalg? utvalg, CancellationToken ct)
    {
        var resultat = new List<LagretArbeidsforhold>();
        await using var leser = await kommando.ExecuteReaderAsync(ct);
        while (await leser.ReadAsync(ct))
        {
            resultat.Add(LesVersjon(leser, kjentPaa, utvalg));
        }

        return resultat;
    }

    /// <summary>
    /// Reads a row of <see cref="VersjonKolonner"/>. The confirmation columns are the latest confirmation while the
    /// version was current; "as known at T" uses them only when they are not later than T, otherwise the document's
    /// own value (the one it was written with, never later than its bruksperiode fom). ADR 0006. Only the data
    /// elements in <paramref name="utvalg"/> are deserialised (API §7: decided when the read is made).
    /// </summary>
    private static LagretArbeidsforhold LesVersjon(NpgsqlDataReader r, DateTimeOffset? kjentPaa, Datautvalg? utvalg = null)
    {
        var fom = r.GetInt64(0);
        long? tom = r.IsDBNull(1) ? null : r.GetInt64(1);
        var bekreftet = r.GetInt64(2);
        var dokument = Datautvalg.Les(r.GetFieldValue<byte[]>(4), utvalg);
        if (kjentPaa is null || bekreftet <= kjentPaa.Value.UtcTicks)
        {
            dokument = dokument with { SistBekreftet = Tid(bekreftet), SistRapportert = Kalendermaaned.FraIndeks(r.GetInt32(3)) };
        }

        return new LagretArbeidsforhold(dokument, new Bruksperiode(Tid(fom), tom is { } t ? Tid(t) : null));
    }

    private static DateTimeOffset Tid(long utcTicks) => new(utcTicks, TimeSpan.Zero);
}
