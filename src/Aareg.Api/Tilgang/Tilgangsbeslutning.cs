using Aareg.Api.Oppslag;
using Aareg.Storage.Register;
using Aareg.Storage.Tilgang;
using Aareg.Tilgang;

namespace Aareg.Api.Tilgang;

/// <summary>
/// A permit from <see cref="Tilgangskontroll.VurderAsync"/>: the agreement (id and version) that allows the lookup,
/// the data elements it allows, and the purpose and case reference the request gave (API §7). Everything the audit
/// record of §8 names about the caller comes from here.
/// </summary>
public sealed record Tilgangsbeslutning(
    Avtale Avtale,
    Kallerkontekst Kaller,
    IReadOnlySet<Dataelement> Dataelementer,
    string? Formaal,
    string? Saksreferanse,
    string Kanal,
    string Operasjon)
{
    /// <summary>How the lookup answers: the caller's display choices, limited to the agreement's data elements.</summary>
    public Oppslagsvalg Valg(bool historikk, bool sporingsinformasjon) => new()
    {
        Historikk = historikk,
        Sporingsinformasjon = sporingsinformasjon,
        Dataelementer = Dataelementer,
    };

    /// <summary>
    /// What the store may read for <paramref name="valg"/>: only the allowed elements, and of history and
    /// sporingsinformasjon only what the caller asked for as well (data minimisation at query time, API §7).
    /// </summary>
    public static Datautvalg Utvalg(Oppslagsvalg valg)
    {
        ArgumentNullException.ThrowIfNull(valg);
        return new Datautvalg
        {
            Ansettelsesperiode = valg.Tillater(Dataelement.Ansettelsesperiode),
            Sluttaarsak = valg.Tillater(Dataelement.Sluttaarsak),
            Yrke = valg.Tillater(Dataelement.Yrke),
            StillingsprosentOgArbeidstid = valg.Tillater(Dataelement.StillingsprosentOgArbeidstid),
            Ansettelsesform = valg.Tillater(Dataelement.Ansettelsesform),
            Loennsendring = valg.Tillater(Dataelement.Loennsendring),
            Maritim = valg.Tillater(Dataelement.Maritim),
            PermisjonerOgPermitteringer = valg.Tillater(Dataelement.PermisjonerOgPermitteringer),
            TimerMedTimeloenn = valg.Tillater(Dataelement.TimerMedTimeloenn),
            Utenlandsopphold = valg.Tillater(Dataelement.Utenlandsopphold),
            Historikk = valg.MedHistorikk,
            Sporingsinformasjon = valg.MedSporing,
        };
    }

    /// <summary>The agreement's data elements: catalogue names, or <c>*</c> for all; unknown names allow nothing.</summary>
    public static IReadOnlySet<Dataelement> Elementer(Avtale avtale)
    {
        ArgumentNullException.ThrowIfNull(avtale);
        if (avtale.Dataelementer.Contains("*", StringComparer.Ordinal))
        {
            return Dataelementkatalog.Alle;
        }

        var elementer = new HashSet<Dataelement> { Dataelement.ArbeidsforholdIdentifikasjon };
        foreach (var navn in avtale.Dataelementer)
        {
            if (Dataelementkatalog.TryParse(navn, out var element))
            {
                elementer.Add(element);
            }
        }

        return elementer;
    }
}

/// <summary>
/// The persons one lookup touched, for the audit (API §8: one record per person looked up): those returned (with how
/// many arbeidsforhold) and those the population rules left out (a deny).
/// </summary>
public sealed class Revisjonsgrunnlag
{
    private readonly Dictionary<string, int> _tillatt = new(StringComparer.Ordinal);
    private readonly HashSet<string> _skjermet = new(StringComparer.Ordinal);

    /// <summary>The person was looked up and <paramref name="antall"/> of their arbeidsforhold returned (0 is a lookup too).</summary>
    public void Tillatt(string personident, int antall = 1)
    {
        ArgumentException.ThrowIfNullOrEmpty(personident);
        _tillatt[personident] = _tillatt.GetValueOrDefault(personident) + antall;
    }

    /// <summary>The person was left out because of address protection the agreement does not cover.</summary>
    public void Skjermet(string personident)
    {
        ArgumentException.ThrowIfNullOrEmpty(personident);
        _skjermet.Add(personident);
    }

    internal IEnumerable<(string Person, int Antall, string? Avslag)> Utfall =>
        _tillatt.Where(p => !_skjermet.Contains(p.Key)).Select(p => (p.Key, p.Value, (string?)null))
            .Concat(_skjermet.Select(p => (p, 0, (string?)Tilgangskoder.Adressebeskyttelse)));
}
