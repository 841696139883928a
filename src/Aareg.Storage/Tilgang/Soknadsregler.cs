using System.Text.RegularExpressions;
using Aareg.Domain.Identer;

namespace Aareg.Storage.Tilgang;

/// <summary>
/// The rules of an application (API §7 and the source document «Dette må du forberede før du søker»): what a draft
/// may hold, what must be complete before it can be sent, which status changes are allowed, and how a decision
/// becomes an agreement version. Pure: the caller supplies the catalogue and the Enhetsregisteret check.
/// </summary>
public static partial class Soknadsregler
{
    public const string Aaregisterforskriften = "aa-registerforskriften";

    /// <summary>
    /// Sections of aa-registerforskriften that give access (§ 9 public bodies, § 10 others such as pension
    /// institutions and research); any other statute is the consumer's own («Noen kan også ha hjemmel i egen lov»).
    /// </summary>
    private static readonly string[] ForskriftParagrafer = ["§ 9", "§ 10"];

    /// <summary>
    /// Checks the content. Values present must always be valid (draft or not); when <paramref name="komplett"/>
    /// (sending) every element the source document lists must be filled in. Keys are JSON paths (camelCase).
    /// </summary>
    /// <param name="dataelementer">The catalogue of data element names (API §7).</param>
    /// <param name="databehandlerFeil">Returns why an orgnr cannot be a data processor (unknown unit, not a hovedenhet), or null.</param>
    public static Dictionary<string, string[]> Valider(
        Soknadsinnhold innhold,
        bool komplett,
        IReadOnlySet<string> dataelementer,
        Func<string, string?> databehandlerFeil)
    {
        ArgumentNullException.ThrowIfNull(innhold);
        ArgumentNullException.ThrowIfNull(dataelementer);
        ArgumentNullException.ThrowIfNull(databehandlerFeil);
        var feil = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Legg(string felt, string melding)
        {
            if (!feil.TryGetValue(felt, out var liste))
            {
                liste = [];
                feil[felt] = liste;
            }

            liste.Add(melding);
        }

        if (innhold.Type == Soknadstype.Utvidelse && string.IsNullOrWhiteSpace(innhold.AvtaleId))
        {
            Legg("avtaleId", "En søknad om utvidet tilgang må oppgi avtalen som skal utvides.");
        }

        ValiderHjemmel(innhold.Hjemmel, komplett, Legg);

        for (var i = 0; i < innhold.Formaal.Count; i++)
        {
            if (!Formaalskode().IsMatch(innhold.Formaal[i] ?? ""))
            {
                Legg($"formaal[{i}]", "Formålskoden må være 1–64 tegn: bokstaver, sifre, - og _.");
            }
        }

        if (komplett && innhold.Formaal.Count == 0)
        {
            Legg("formaal", "Oppgi minst ett formål.");
        }

        if (komplett && string.IsNullOrWhiteSpace(innhold.Formaalsbeskrivelse))
        {
            Legg("formaalsbeskrivelse", "Beskriv formålet med behandlingen.");
        }

        if (komplett && string.IsNullOrWhiteSpace(innhold.Behandlingsgrunnlag))
        {
            Legg("behandlingsgrunnlag", "Oppgi behandlingsgrunnlaget etter personvernforordningen (art. 6, og art. 9 ved særlige kategorier).");
        }

        for (var i = 0; i < innhold.Dataelementer.Count; i++)
        {
            if (!dataelementer.Contains(innhold.Dataelementer[i] ?? ""))
            {
                Legg($"dataelementer[{i}]", "Ukjent dataelement; gyldige er " + string.Join(", ", dataelementer) + ".");
            }
        }

        if (innhold.Dataelementer.Distinct(StringComparer.Ordinal).Count() != innhold.Dataelementer.Count)
        {
            Legg("dataelementer", "Hvert dataelement skal bare oppgis én gang.");
        }

        if (komplett && innhold.Dataelementer.Count == 0)
        {
            Legg("dataelementer", "Oppgi dataelementene dere trenger (dataminimering, personvernforordningen art. 5).");
        }

        ValiderKanaler(innhold.Kanaler, komplett, Legg);
        ValiderKontaktpersoner(innhold.Kontaktpersoner, komplett, Legg);

        if (innhold.Databehandler is { } databehandler)
        {
            if (!Organisasjonsnummer.TryParse(databehandler, out _))
            {
                Legg("databehandler", "Databehandler må være et gyldig organisasjonsnummer.");
            }
            else if (databehandlerFeil(databehandler) is { } melding)
            {
                Legg("databehandler", melding);
            }
        }

        return feil.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
    }

    private static void ValiderHjemmel(Hjemmel? hjemmel, bool komplett, Action<string, string> legg)
    {
        if (string.IsNullOrWhiteSpace(hjemmel?.Lov))
        {
            if (komplett)
            {
                legg("hjemmel.lov", "Oppgi hjemmel for utlevering: aa-registerforskriften eller egen lov.");
            }
        }
        else if (string.Equals(hjemmel.Lov.Trim(), Aaregisterforskriften, StringComparison.OrdinalIgnoreCase)
                 && hjemmel.Paragraf is { } p && !string.IsNullOrWhiteSpace(p) && !ForskriftParagrafer.Contains(NormaliserParagraf(p)))
        {
            legg("hjemmel.paragraf", "Aa-registerforskriften gir tilgang etter § 9 eller § 10.");
        }

        if (komplett && string.IsNullOrWhiteSpace(hjemmel?.Paragraf))
        {
            legg("hjemmel.paragraf", "Oppgi paragraf (f.eks. § 10).");
        }
    }

    private static void ValiderKanaler(IReadOnlyList<Kanalvalg> kanaler, bool komplett, Action<string, string> legg)
    {
        string[] gyldige = [Tilgang.Kanaler.Api, Tilgang.Kanaler.Web, Tilgang.Kanaler.Uttrekk, Tilgang.Kanaler.Hendelser];
        for (var i = 0; i < kanaler.Count; i++)
        {
            var k = kanaler[i];
            if (k is null || !gyldige.Contains(k.Kanal))
            {
                legg($"kanaler[{i}].kanal", "Kanal må være en av " + string.Join(", ", gyldige) + ".");
                continue;
            }

            // «Uttrekk»: the source document requires a detailed description of the content and the frequency.
            if (komplett && k.Kanal == Tilgang.Kanaler.Uttrekk)
            {
                if (string.IsNullOrWhiteSpace(k.Beskrivelse))
                {
                    legg($"kanaler[{i}].beskrivelse", "Et uttrekk må ha en beskrivelse av hva det skal inneholde.");
                }

                if (string.IsNullOrWhiteSpace(k.Frekvens))
                {
                    legg($"kanaler[{i}].frekvens", "Et uttrekk må ha en utleveringsfrekvens.");
                }
            }
        }

        if (kanaler.Where(k => k is not null).Select(k => k.Kanal).Distinct(StringComparer.Ordinal).Count() != kanaler.Count)
        {
            legg("kanaler", "Hver kanal skal bare oppgis én gang.");
        }

        if (komplett && kanaler.Count == 0)
        {
            legg("kanaler", "Oppgi hvilken tilgang dere trenger (API, WEB eller UTTREKK).");
        }
    }

    private static void ValiderKontaktpersoner(Kontaktpersoner? kontakter, bool komplett, Action<string, string> legg)
    {
        (string Navn, Kontaktperson? Person)[] roller =
        [
            ("avtale", kontakter?.Avtale), ("endring", kontakter?.Endring),
            ("feil", kontakter?.Feil), ("sikkerhetsbrudd", kontakter?.Sikkerhetsbrudd),
        ];
        foreach (var (navn, person) in roller)
        {
            var sti = "kontaktpersoner." + navn;
            if (person is null)
            {
                if (komplett)
                {
                    legg(sti, "Kontaktpersonen mangler (navn, telefon og e-post).");
                }

                continue;
            }

            if (komplett && string.IsNullOrWhiteSpace(person.Navn))
            {
                legg(sti + ".navn", "Oppgi navn.");
            }

            if (person.Telefon is { } tlf ? !Telefon().IsMatch(tlf) : komplett)
            {
                legg(sti + ".telefon", "Oppgi et telefonnummer (8–15 sifre, eventuelt med + og mellomrom).");
            }

            if (person.Epost is { } epost ? !Epost().IsMatch(epost) : komplett)
            {
                legg(sti + ".epost", "Oppgi en gyldig e-postadresse.");
            }
        }
    }

    /// <summary>«§10», «§ 10», «10» all mean § 10.</summary>
    public static string NormaliserParagraf(string paragraf)
    {
        ArgumentNullException.ThrowIfNull(paragraf);
        var tall = paragraf.Replace("§", "", StringComparison.Ordinal).Trim();
        return "§ " + tall;
    }

    /// <summary>
    /// Allowed status changes: the applicant edits and sends a draft, and answers when asked; the case worker takes
    /// the case, may ask the applicant for more (⇄), and decides only a case under handling.
    /// </summary>
    public static bool KanGaaTil(Soknadsstatus fra, Soknadsstatus til) => (fra, til) switch
    {
        (Soknadsstatus.Utkast, Soknadsstatus.Sendt) => true,
        (Soknadsstatus.Sendt, Soknadsstatus.UnderBehandling) => true,
        (Soknadsstatus.UnderBehandling, Soknadsstatus.VenterPaaSoeker) => true,
        (Soknadsstatus.VenterPaaSoeker, Soknadsstatus.UnderBehandling) => true,
        (Soknadsstatus.UnderBehandling, Soknadsstatus.Innvilget or Soknadsstatus.DelvisInnvilget or Soknadsstatus.Avslaatt) => true,
        _ => false,
    };

    /// <summary>The applicant may change the content while it is a draft, or when the case worker has asked for more.</summary>
    public static bool KanEndres(Soknadsstatus status) => status is Soknadsstatus.Utkast or Soknadsstatus.VenterPaaSoeker;

    public static Soknad MedStatus(Soknad soknad, Soknadsstatus status, DateTimeOffset tidspunkt, string av, string? melding = null)
    {
        ArgumentNullException.ThrowIfNull(soknad);
        if (!KanGaaTil(soknad.Status, status))
        {
            throw new InvalidOperationException($"Søknaden kan ikke gå fra {soknad.Status} til {status}.");
        }

        return soknad with
        {
            Status = status,
            Endret = tidspunkt,
            Historikk = [.. soknad.Historikk, new Statusendring(status, tidspunkt, av, melding)],
        };
    }

    /// <summary>
    /// Checks a decision against the application: what is granted must have been asked for; <c>innvilget</c> grants
    /// everything asked, <c>delvisInnvilget</c> less (and something), <c>avslaatt</c> nothing; a partial grant and a
    /// refusal must give the reason (forvaltningsloven § 24).
    /// </summary>
    public static Dictionary<string, string[]> ValiderVedtak(
        Soknadsinnhold innhold,
        Vedtaksutfall utfall,
        string? begrunnelse,
        IReadOnlyList<string> dataelementer,
        IReadOnlyList<string> kanaler)
    {
        ArgumentNullException.ThrowIfNull(innhold);
        ArgumentNullException.ThrowIfNull(dataelementer);
        ArgumentNullException.ThrowIfNull(kanaler);
        var feil = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var soekteKanaler = innhold.Kanaler.Select(k => k.Kanal).ToHashSet(StringComparer.Ordinal);
        if (dataelementer.Except(innhold.Dataelementer, StringComparer.Ordinal).ToList() is { Count: > 0 } ukjente)
        {
            feil["innvilgedeDataelementer"] = ["Kan bare innvilge dataelementer det er søkt om; ikke søkt: " + string.Join(", ", ukjente) + "."];
        }

        if (kanaler.Where(k => !soekteKanaler.Contains(k)).ToList() is { Count: > 0 } ukjenteKanaler)
        {
            feil["innvilgedeKanaler"] = ["Kan bare innvilge kanaler det er søkt om; ikke søkt: " + string.Join(", ", ukjenteKanaler) + "."];
        }

        var alt = dataelementer.Distinct(StringComparer.Ordinal).Count() == innhold.Dataelementer.Distinct(StringComparer.Ordinal).Count()
            && kanaler.Distinct(StringComparer.Ordinal).Count() == soekteKanaler.Count;
        switch (utfall)
        {
            case Vedtaksutfall.Innvilget when !alt:
                feil["utfall"] = ["Innvilget gir alt det er søkt om; bruk delvisInnvilget når noe holdes tilbake."];
                break;
            case Vedtaksutfall.DelvisInnvilget when dataelementer.Count == 0 || kanaler.Count == 0:
                feil["innvilgedeDataelementer"] = ["Et delvis innvilget vedtak må innvilge minst ett dataelement og én kanal."];
                break;
            case Vedtaksutfall.DelvisInnvilget when alt:
                feil["utfall"] = ["Alt det er søkt om er innvilget; bruk innvilget."];
                break;
            case Vedtaksutfall.Avslaatt when dataelementer.Count > 0:
                feil["innvilgedeDataelementer"] = ["Et avslag innvilger ingen dataelementer."];
                break;
            default:
                break;
        }

        if (utfall != Vedtaksutfall.Innvilget && string.IsNullOrWhiteSpace(begrunnelse))
        {
            feil["begrunnelse"] = ["Avslag og delvis innvilgelse må begrunnes."];
        }

        return feil;
    }

    /// <summary>
    /// The agreement version a granted application makes: a new agreement, or for an extension the next version of
    /// the existing one with the granted elements, channels and purposes added to what it already allowed.
    /// </summary>
    /// <param name="scopesFor">The token scopes the channels need.</param>
    public static Avtale TilAvtale(
        Soknad soknad,
        Vedtak vedtak,
        Avtale? eksisterende,
        string nyId,
        DateOnly idag,
        Func<IEnumerable<string>, IReadOnlyList<string>> scopesFor)
    {
        ArgumentNullException.ThrowIfNull(soknad);
        ArgumentNullException.ThrowIfNull(vedtak);
        ArgumentNullException.ThrowIfNull(scopesFor);
        var innhold = soknad.Innhold;
        if (eksisterende is null)
        {
            var kanaler = Sortert(vedtak.InnvilgedeKanaler);
            return new Avtale(
                nyId, 0, soknad.Organisasjonsnummer, Avtalestatus.Aktiv, Sortert(innhold.Formaal), Sortert(vedtak.InnvilgedeDataelementer),
                kanaler, scopesFor(kanaler), innhold.Databehandler, idag, vedtak.GyldigTil, Otp: false,
                SeAdressebeskyttede: false, SkjultForPerson: false, SkjultHjemmel: null, MaksOppslagPerMinutt: null,
                vedtak.Tidspunkt, vedtak.Saksbehandler, innhold.Kontaktpersoner, soknad.Id);
        }

        var alleKanaler = Sortert(eksisterende.Kanaler.Concat(vedtak.InnvilgedeKanaler));
        return eksisterende with
        {
            Formaal = Sortert(eksisterende.Formaal.Concat(innhold.Formaal)),
            Dataelementer = eksisterende.Dataelementer.Contains("*") ? ["*"] : Sortert(eksisterende.Dataelementer.Concat(vedtak.InnvilgedeDataelementer)),
            Kanaler = alleKanaler,
            Scopes = Sortert(eksisterende.Scopes.Concat(scopesFor(alleKanaler))),
            Databehandler = innhold.Databehandler ?? eksisterende.Databehandler,
            GyldigTil = vedtak.GyldigTil ?? eksisterende.GyldigTil,
            Kontaktpersoner = innhold.Kontaktpersoner ?? eksisterende.Kontaktpersoner,
            Endret = vedtak.Tidspunkt,
            EndretAv = vedtak.Saksbehandler,
            Grunnlag = soknad.Id,
        };
    }

    private static string[] Sortert(IEnumerable<string> verdier) => [.. verdier.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex Formaalskode();

    [GeneratedRegex(@"^\+?[0-9 ]{8,20}$")]
    private static partial Regex Telefon();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex Epost();
}
