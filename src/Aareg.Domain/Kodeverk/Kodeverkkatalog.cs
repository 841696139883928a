using System.Collections.Frozen;

namespace Aareg.Domain.Kodeverk;

/// <summary>
/// The code lists of DOMAIN §8, indexed for fast lookups: the controls call <see cref="ErGyldig"/> for every
/// arbeidsforhold of every melding, so each list is a frozen dictionary from code to its versions.
/// Codes are case-sensitive (they are camelCase or ISO codes); list names are not (they appear in URLs).
/// </summary>
public sealed class Kodeverkkatalog : IKodeverk
{
    /// <summary>The register's start (1978): codes that existed before a-ordningen are valid from here.</summary>
    public static readonly DateOnly Tidligste = new(1978, 1, 1);

    /// <summary>A-ordningen started 2015-01-01; codes introduced with it are valid from here.</summary>
    public static readonly DateOnly AOrdningenFra = new(2015, 1, 1);

    /// <summary>Last day of reporting before a-ordningen (Rapporteringsordning FOER_A_ORDNINGEN, 1978–2014).</summary>
    public static readonly DateOnly FoerAOrdningenTil = new(2014, 12, 31);

    /// <summary>The Norwegian International Ship Register (NIS) opened 1 July 1987.</summary>
    public static readonly DateOnly NisFra = new(1987, 7, 1);

    /// <summary>Avlønningstyper are historic and not allowed from 2019 (DOMAIN §8).</summary>
    public static readonly DateOnly AvloenningstyperTil = new(2018, 12, 31);

    /// <summary><c>andreSkift</c> is valid from 2019 (DOMAIN §8).</summary>
    public static readonly DateOnly AndreSkiftFra = new(2019, 1, 1);

    /// <summary><c>midlertidig</c> ansettelse and the sluttårsak <c>arbeidsforholdetSkulleAldriVaertRapportert</c> are from 2021.</summary>
    public static readonly DateOnly Fra2021 = new(2021, 1, 1);

    /// <summary>The historic permisjon codes <c>utdanningspermisjon</c>, <c>velferdspermisjon</c>, <c>permisjon</c> end here.</summary>
    public static readonly DateOnly GamlePermisjonskoderTil = new(2022, 12, 31);

    /// <summary>The lovfestet/ikke lovfestet permisjon codes that replaced them start here.</summary>
    public static readonly DateOnly NyePermisjonskoderFra = new(2023, 1, 1);

    /// <summary>The a-melding type for pensions and other benefits without employment; never an arbeidsforhold.</summary>
    public const string PensjonOgAndreTyperYtelserUtenAnsettelsesforhold = "pensjonOgAndreTyperYtelserUtenAnsettelsesforhold";

    /// <summary>Length of a yrkeskode (DOMAIN §8).</summary>
    public const int YrkeskodeLengde = 7;

    private readonly IReadOnlyList<string> _navn;
    private readonly FrozenDictionary<string, Kodeliste> _lister;

    /// <summary>Builds a catalogue from named lists (e.g. a newer edition than <see cref="Standard"/>).</summary>
    /// <exception cref="ArgumentException">A list name repeats or a code's <c>gyldigTil</c> precedes its <c>gyldigFra</c>.</exception>
    public Kodeverkkatalog(IEnumerable<KeyValuePair<string, IReadOnlyList<Kode>>> lister)
    {
        ArgumentNullException.ThrowIfNull(lister);
        var navn = new List<string>();
        var perNavn = new Dictionary<string, Kodeliste>(StringComparer.OrdinalIgnoreCase);
        foreach (var (listenavn, koder) in lister)
        {
            ArgumentNullException.ThrowIfNull(koder);
            // The Yrker rule (curated or STYRK-08 prefix) applies to the list of that name only.
            var erYrker = string.Equals(listenavn, Kodeverknavn.Yrker, StringComparison.OrdinalIgnoreCase);
            if (!perNavn.TryAdd(listenavn, new Kodeliste(koder, erYrker)))
            {
                throw new ArgumentException($"Kodeverket '{listenavn}' finnes to ganger.", nameof(lister));
            }

            navn.Add(listenavn);
        }

        _navn = [.. navn];
        _lister = perNavn.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>All code lists of DOMAIN §8 under the names of <see cref="Kodeverknavn"/>.</summary>
    public static Kodeverkkatalog Standard => StandardHolder.Instans;

    /// <summary>
    /// A-melding arbeidsforhold types that are not arbeidsforhold in the register (DOMAIN §8): the controls must
    /// recognise them rather than report an unknown Arbeidsforholdtype, and the derivation must skip them.
    /// </summary>
    public static IReadOnlySet<string> IkkeArbeidsforholdTyper { get; } =
        FrozenSet.Create(StringComparer.Ordinal, PensjonOgAndreTyperYtelserUtenAnsettelsesforhold);

    public IReadOnlyList<string> Navn => _navn;

    /// <inheritdoc />
    /// <remarks>For <c>Yrker</c> this is the curated list; any code with a STYRK-08 unit group prefix is valid too.</remarks>
    public IReadOnlyList<Kode>? Koder(string kodeverk, DateOnly? dato = null)
    {
        if (!TryListe(kodeverk, out var liste))
        {
            return null;
        }

        if (dato is not { } d)
        {
            return liste.Alle;
        }

        return [.. liste.Alle.Where(k => k.GyldigPaa(d))];
    }

    /// <inheritdoc />
    /// <remarks>
    /// Yrker (DOMAIN §8): valid when the code is 7 digits and either curated (and valid on the date) or its first
    /// four digits are a STYRK-08 unit group.
    /// </remarks>
    public bool ErGyldig(string kodeverk, string kode, DateOnly dato)
    {
        if (kode is null || !TryListe(kodeverk, out var liste))
        {
            return false;
        }

        if (liste.ErYrker)
        {
            if (!HarYrkeformat(kode))
            {
                return false;
            }

            return GyldigVersjon(liste, kode, dato) is not null || Styrk08.ErEnhetsgruppe(kode.AsSpan(0, 4));
        }

        return GyldigVersjon(liste, kode, dato) is not null;
    }

    /// <inheritdoc />
    /// <remarks>
    /// Works for any validity so that old months display with the codes of their time; when a code has several
    /// versions the latest description is used. An uncurated yrke gets the name of its STYRK-08 unit group.
    /// </remarks>
    public string? Beskrivelse(string kodeverk, string kode)
    {
        if (kode is null || !TryListe(kodeverk, out var liste))
        {
            return null;
        }

        if (liste.PerVerdi.TryGetValue(kode, out var versjoner))
        {
            return versjoner[^1].Beskrivelse;
        }

        return liste.ErYrker && HarYrkeformat(kode) ? Styrk08.Navn(kode.AsSpan(0, 4)) : null;
    }

    /// <summary>
    /// The description of the version valid on <paramref name="dato"/>, falling back to
    /// <see cref="Beskrivelse(string, string)"/> when no version was valid then (an old month with a retired code).
    /// </summary>
    public string? Beskrivelse(string kodeverk, string kode, DateOnly dato)
    {
        if (kode is null || !TryListe(kodeverk, out var liste))
        {
            return null;
        }

        return GyldigVersjon(liste, kode, dato)?.Beskrivelse ?? Beskrivelse(kodeverk, kode);
    }

    /// <summary>True when <paramref name="kode"/> has the yrkeskode format: exactly 7 ASCII digits (DOMAIN §4.2, F-kode).</summary>
    public static bool HarYrkeformat(string? kode)
    {
        if (kode is null || kode.Length != YrkeskodeLengde)
        {
            return false;
        }

        foreach (var c in kode)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private bool TryListe(string kodeverk, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Kodeliste? liste)
    {
        liste = null;
        return kodeverk is not null && _lister.TryGetValue(kodeverk, out liste);
    }

    private static Kode? GyldigVersjon(Kodeliste liste, string kode, DateOnly dato)
    {
        if (!liste.PerVerdi.TryGetValue(kode, out var versjoner))
        {
            return null;
        }

        foreach (var versjon in versjoner)
        {
            if (versjon.GyldigPaa(dato))
            {
                return versjon;
            }
        }

        return null;
    }

    /// <summary>One list: its codes in their given order and, per code, its versions ordered by <c>gyldigFra</c>.</summary>
    private sealed class Kodeliste
    {
        public Kodeliste(IReadOnlyList<Kode> koder, bool erYrker)
        {
            ErYrker = erYrker;
            foreach (var kode in koder)
            {
                if (kode.GyldigTil is { } til && til < kode.GyldigFra)
                {
                    throw new ArgumentException($"Koden '{kode.Verdi}' har gyldigTil før gyldigFra.", nameof(koder));
                }
            }

            Alle = [.. koder];
            PerVerdi = koder
                .GroupBy(k => k.Verdi, StringComparer.Ordinal)
                .ToFrozenDictionary(g => g.Key, g => g.OrderBy(k => k.GyldigFra).ToArray(), StringComparer.Ordinal);
        }

        public IReadOnlyList<Kode> Alle { get; }

        public FrozenDictionary<string, Kode[]> PerVerdi { get; }

        public bool ErYrker { get; }
    }

    // Lazy holder: the standard lists read the date constants above, so they are built only once those exist.
    private static class StandardHolder
    {
        public static readonly Kodeverkkatalog Instans = new(StandardKodelister.Alle());
    }
}
