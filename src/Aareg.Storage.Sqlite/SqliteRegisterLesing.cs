using Aareg.Domain.Register;
using Aareg.Domain.Tid;
using Aareg.Storage.Register;
using Microsoft.Data.Sqlite;

namespace Aareg.Storage.Sqlite;

/// <summary>The read paths of the register (API §1, §3): current or "as known at T" (bitemporal).</summary>
public sealed partial class SqliteRegisterStore
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
        await using var tilkobling = await database.AapneLeserAsync(ct);
        await using var kommando = tilkobling.CreateCommand();
        var parametre = new string[identer.Count];
        var i = 0;
        foreach (var annen in identer)
        {
            parametre[i] = "$p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            kommando.Parameters.AddWithValue(parametre[i], annen);
            i++;
        }

        kommando.CommandText = $"""
            SELECT {VersjonKolonner} FROM arbeidsforhold_versjon v
            WHERE v.nav_arbeidsforhold_id IN (SELECT i.nav_arbeidsforhold_id FROM arbeidstaker_indeks i WHERE i.ident IN ({string.Join(", ", parametre)}))
              AND {IBruk(kjentPaa)}
            ORDER BY v.nav_arbeidsforhold_id
            """;
        LeggTilKjentPaa(kommando, kjentPaa);
        return await LesVersjonerAsync(kommando, kjentPaa, utvalg, ct);
    }

    public async Task<LagretArbeidsforhold?> HentAsync(long navArbeidsforholdId, DateTimeOffset? kjentPaa = null, Datautvalg? utvalg = null, CancellationToken ct = default)
    {
        await using var tilkobling = await database.AapneLeserAsync(ct);
        await using var kommando = tilkobling.CreateCommand();
        kommando.CommandText = $"SELECT {VersjonKolonner} FROM arbeidsforhold_versjon v WHERE v.nav_arbeidsforhold_id = $id AND {IBruk(kjentPaa)}";
        kommando.Parameters.AddWithValue("$id", navArbeidsforholdId);
        LeggTilKjentPaa(kommando, kjentPaa);
        var alle = await LesVersjonerAsync(kommando, kjentPaa, utvalg, ct);
        return alle.Count == 0 ? null : alle[0];
    }

    public async Task<LagretArbeidsforhold?> HentAsync(Guid navUuid, DateTimeOffset? kjentPaa = null, Datautvalg? utvalg = null, CancellationToken ct = default)
    {
        await using var tilkobling = await database.AapneLeserAsync(ct);
        await using var kommando = tilkobling.CreateCommand();
        kommando.CommandText = $"SELECT {VersjonKolonner} FROM arbeidsforhold_versjon v WHERE v.nav_uuid = $u AND {IBruk(kjentPaa)}";
        kommando.Parameters.AddWithValue("$u", navUuid.ToString());
        LeggTilKjentPaa(kommando, kjentPaa);
        var alle = await LesVersjonerAsync(kommando, kjentPaa, utvalg, ct);
        return alle.Count == 0 ? null : alle[0];
    }

    public Task<IReadOnlyList<LagretArbeidsforhold>> HentVersjonerAsync(long navArbeidsforholdId, CancellationToken ct = default) =>
        HentVersjonerAsync(navArbeidsforholdId, null, ct);

    public async Task<IReadOnlyList<LagretArbeidsforhold>> HentVersjonerAsync(long navArbeidsforholdId, Datautvalg? utvalg, CancellationToken ct = default)
    {
        await using var tilkobling = await database.AapneLeserAsync(ct);
        await using var kommando = tilkobling.CreateCommand();
        kommando.CommandText = $"SELECT {VersjonKolonner} FROM arbeidsforhold_versjon v WHERE v.nav_arbeidsforhold_id = $id ORDER BY v.nav_versjon";
        kommando.Parameters.AddWithValue("$id", navArbeidsforholdId);
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
        var filter = $"v.opplysningspliktig = $o {(underenhet is null ? "" : "AND v.arbeidssted = $u")} AND {IBruk(kjentPaa)}";

        await using var tilkobling = await database.AapneLeserAsync(ct);

        // Count and page from one snapshot, so totalAntall matches the page.
        await using var tx = tilkobling.BeginTransaction(deferred: true);
        long totalt;
        await using (var kommando = tilkobling.CreateCommand())
        {
            kommando.Transaction = tx;
            kommando.CommandText = $"SELECT COUNT(*) FROM arbeidsforhold_versjon v WHERE {filter}";
            Parametre(kommando);
            totalt = (long)(await kommando.ExecuteScalarAsync(ct))!;
        }

        await using (var kommando = tilkobling.CreateCommand())
        {
            kommando.Transaction = tx;
            kommando.CommandText = $"""
                SELECT {VersjonKolonner} FROM arbeidsforhold_versjon v WHERE {filter}
                ORDER BY v.arbeidssted, v.nav_arbeidsforhold_id LIMIT $n OFFSET $s
                """;
            Parametre(kommando);
            kommando.Parameters.AddWithValue("$n", antall);
            kommando.Parameters.AddWithValue("$s", startrad);
            return new Registerside(startrad, totalt, await LesVersjonerAsync(kommando, kjentPaa, utvalg, ct));
        }

        void Parametre(SqliteCommand kommando)
        {
            kommando.Parameters.AddWithValue("$o", opplysningspliktig);
            if (underenhet is not null)
            {
                kommando.Parameters.AddWithValue("$u", underenhet);
            }

            LeggTilKjentPaa(kommando, kjentPaa);
        }
    }

    public async Task<IReadOnlyList<Registerhendelse>> HentHendelserAsync(long fraSekvensnummer, int antall, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(antall);
        await using var tilkobling = await database.AapneLeserAsync(ct);
        await using var kommando = tilkobling.CreateCommand();
        kommando.CommandText = """
            SELECT sekvensnummer, tidsstempel, endringstype, entitetsendringer, nav_arbeidsforhold_id, nav_uuid, nav_versjon,
                   type, opplysningspliktig, arbeidssted, arbeidstaker, arbeidsforhold_id
            FROM register_hendelse WHERE sekvensnummer >= $f ORDER BY sekvensnummer LIMIT $n
            """;
        kommando.Parameters.AddWithValue("$f", fraSekvensnummer);
        kommando.Parameters.AddWithValue("$n", antall);
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
                NavUuid: Guid.Parse(r.GetString(5)),
                NavVersjon: r.GetInt32(6),
                Type: r.GetString(7),
                Noekkel: new ArbeidsforholdNoekkel(r.GetString(8), r.GetString(9), r.GetString(10), r.IsDBNull(11) ? null : r.GetString(11)),
                Tidsstempel: Tid(r.GetInt64(1))));
        }

        return resultat;
    }

    public async Task<long> SisteSekvensnummerAsync(CancellationToken ct = default)
    {
        await using var tilkobling = await database.AapneLeserAsync(ct);
        await using var kommando = tilkobling.CreateCommand();
        kommando.CommandText = "SELECT COALESCE(MAX(sekvensnummer), 0) FROM register_hendelse";
        return (long)(await kommando.ExecuteScalarAsync(ct))!;
    }

    public async Task<long> TellUanvendteAsync(CancellationToken ct = default)
    {
        await using var tilkobling = await database.AapneLeserAsync(ct);
        await using var kommando = tilkobling.CreateCommand();
        kommando.CommandText = "SELECT COUNT(*) FROM register_ko k WHERE NOT EXISTS (SELECT 1 FROM behandlet b WHERE b.mottaks_id = k.mottaks_id)";
        return (long)(await kommando.ExecuteScalarAsync(ct))!;
    }

    /// <summary>The version in use: the current one, or the one whose bruksperiode [fom, tom) holds T.</summary>
    private static string IBruk(DateTimeOffset? kjentPaa) => kjentPaa is null
        ? "v.bruk_tom IS NULL"
        : "v.bruk_fom <= $kjent AND (v.bruk_tom IS NULL OR v.bruk_tom > $kjent)";

    private static void LeggTilKjentPaa(SqliteCommand kommando, DateTimeOffset? kjentPaa)
    {
        if (kjentPaa is { } t)
        {
            kommando.Parameters.AddWithValue("$kjent", t.UtcTicks);
        }
    }

    private static async Task<IReadOnlyList<LagretArbeidsforhold>> LesVersjonerAsync(SqliteCommand kommando, DateTimeOffset? kjentPaa, Datautvalg? utvalg, CancellationToken ct)
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
    private static LagretArbeidsforhold LesVersjon(SqliteDataReader r, DateTimeOffset? kjentPaa, Datautvalg? utvalg = null)
    {
        var fom = r.GetInt64(0);
        long? tom = r.IsDBNull(1) ? null : r.GetInt64(1);
        var bekreftet = r.GetInt64(2);
        var dokument = Datautvalg.Les((byte[])r.GetValue(4), utvalg);
        if (kjentPaa is null || bekreftet <= kjentPaa.Value.UtcTicks)
        {
            dokument = dokument with { SistBekreftet = Tid(bekreftet), SistRapportert = Kalendermaaned.FraIndeks(r.GetInt32(3)) };
        }

        return new LagretArbeidsforhold(dokument, new Bruksperiode(Tid(fom), tom is { } t ? Tid(t) : null));
    }

    private static DateTimeOffset Tid(long utcTicks) => new(utcTicks, TimeSpan.Zero);
}
