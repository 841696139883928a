using System.Collections.Frozen;
using System.Text.Json;

namespace Aareg.Api.Oppslag;

/// <summary>
/// The data element catalogue (API §7): what an agreement can allow. The lookup output leaves out every element
/// that is not allowed; <see cref="ArbeidsforholdIdentifikasjon"/> is always included (ids, type, parties).
/// </summary>
public enum Dataelement
{
    /// <summary>Ids, type, parties, rapporteringsordning, version and timestamps: always needed.</summary>
    ArbeidsforholdIdentifikasjon,

    /// <summary><c>ansettelsesperiode</c>: startdato, sluttdato, varsling (and varsler on that entity).</summary>
    Ansettelsesperiode,

    /// <summary><c>ansettelsesperiode.sluttaarsak</c>.</summary>
    Sluttaarsak,

    /// <summary><c>ansettelsesdetaljer[].yrke</c>.</summary>
    Yrke,

    /// <summary>avtaltStillingsprosent, antallTimerPrUke, arbeidstidsordning, sisteStillingsprosentendring.</summary>
    StillingsprosentOgArbeidstid,

    /// <summary><c>ansettelsesdetaljer[].ansettelsesform</c>.</summary>
    Ansettelsesform,

    /// <summary><c>ansettelsesdetaljer[].sisteLoennsendring</c>.</summary>
    Loennsendring,

    /// <summary>fartsomraade, skipsregister, fartoeystype.</summary>
    Maritim,

    /// <summary><c>permisjoner[]</c>, <c>permitteringer[]</c> (and varsler on those entities).</summary>
    PermisjonerOgPermitteringer,

    /// <summary><c>timerMedTimeloenn[]</c>.</summary>
    TimerMedTimeloenn,

    /// <summary><c>utenlandsopphold[]</c>.</summary>
    Utenlandsopphold,

    /// <summary>Closed ansettelsesdetaljer versions and technical history.</summary>
    Historikk,

    /// <summary>Every <c>sporingsinformasjon</c> object.</summary>
    Sporingsinformasjon,
}

/// <summary>The catalogue names of <see cref="Dataelement"/> as agreements and applications write them (camelCase).</summary>
public static class Dataelementkatalog
{
    private static readonly FrozenDictionary<Dataelement, string> TilNavn =
        Enum.GetValues<Dataelement>().ToFrozenDictionary(d => d, d => JsonNamingPolicy.CamelCase.ConvertName(d.ToString()));

    private static readonly FrozenDictionary<string, Dataelement> FraNavn =
        TilNavn.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    /// <summary>Every element of the catalogue (a consumer with all elements, or the person's own insight).</summary>
    public static IReadOnlySet<Dataelement> Alle { get; } = Enum.GetValues<Dataelement>().ToFrozenSet();

    /// <summary>The catalogue name, e.g. <c>stillingsprosentOgArbeidstid</c>.</summary>
    public static string Navn(Dataelement element) => TilNavn[element];

    /// <summary>Parses a catalogue name (case-sensitive, as in API §7).</summary>
    public static bool TryParse(string? navn, out Dataelement element)
    {
        element = default;
        return navn is not null && FraNavn.TryGetValue(navn, out element);
    }
}

/// <summary>
/// How one lookup answers (API §1 query parameters, limited by the agreement's data elements).
/// <see cref="Historikk"/> and <see cref="Sporingsinformasjon"/> are what the caller asked for; they take effect only
/// when <see cref="Dataelementer"/> allows the element of the same name.
/// </summary>
public sealed record Oppslagsvalg
{
    /// <summary>Include closed ansettelsesdetaljer versions (API §1 <c>historikk</c>, default false).</summary>
    public bool Historikk { get; init; }

    /// <summary>Include sporingsinformasjon objects (API §1 <c>sporingsinformasjon</c>, default true).</summary>
    public bool Sporingsinformasjon { get; init; } = true;

    /// <summary>The data elements the agreement allows; defaults to all.</summary>
    public IReadOnlySet<Dataelement> Dataelementer { get; init; } = Dataelementkatalog.Alle;

    /// <summary>True when the element may appear in the output; identification is always allowed.</summary>
    public bool Tillater(Dataelement element) =>
        element == Dataelement.ArbeidsforholdIdentifikasjon || Dataelementer.Contains(element);

    internal bool MedHistorikk => Historikk && Tillater(Dataelement.Historikk);

    internal bool MedSporing => Sporingsinformasjon && Tillater(Dataelement.Sporingsinformasjon);
}
