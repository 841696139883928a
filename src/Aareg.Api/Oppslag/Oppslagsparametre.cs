using System.ComponentModel;
using Microsoft.AspNetCore.Mvc;

namespace Aareg.Api.Oppslag;

// The headers and query parameters of the lookup endpoints (API §1), bound as raw strings so that every refusal is
// the product's problem+json with errors per field, and each documented in the OpenAPI description.

/// <summary>Parameter descriptions shared by the lookup operations.</summary>
internal static class Parameterbeskrivelse
{
    public const string Personident = "Fødselsnummer eller d-nummer (11 siffer). Alle identer personen har hatt (identbytte) gir treff.";

    public const string Opplysningspliktigident = "Organisasjonsnummer til hovedenheten (eller fødselsnummer når opplysningspliktig er en privatperson).";

    public const string Arbeidsgiverident = "Valgfri: bare arbeidsforhold i denne underenheten (organisasjonsnummer, eller fødselsnummer for en privatperson).";

    public const string Arbeidsforholdtype = """
        Kommaliste av Arbeidsforholdtyper: ordinaertArbeidsforhold, maritimtArbeidsforhold, forenkletOppgjoersordning,
        frilanserOppdragstakerHonorarPersonerMm. Standard: alle unntatt frilanserOppdragstakerHonorarPersonerMm.
        """;

    public const string Arbeidsforholdstatus = """
        Kommaliste av AKTIV (startet og ikke avsluttet på oppslagstidspunktet), AVSLUTTET og FREMTIDIG (starter senere).
        Oppslagstidspunktet er kjentPaa når den er oppgitt, ellers nå. Standard: alle.
        """;

    public const string Rapporteringsordning = "A_ORDNINGEN (standard), FOER_A_ORDNINGEN eller ALLE.";

    public const string Regelverk = "Alias for rapporteringsordning (NAVs eldre navn).";

    public const string AnsettelsesperiodeFom = "ÅÅÅÅ-MM-DD: bare arbeidsforhold med ansettelsesperiode som overlapper perioden (slutt på eller etter denne datoen, eller åpen).";

    public const string AnsettelsesperiodeTom = "ÅÅÅÅ-MM-DD: bare arbeidsforhold med ansettelsesperiode som overlapper perioden (start på eller før denne datoen).";

    public const string Historikk = "true: alle versjoner av ansettelsesdetaljer; false (standard): bare den gjeldende (rapporteringsmaaneder.til er null).";

    public const string Sporingsinformasjon = "false: utelat alle sporingsinformasjon-objekter. Standard true.";

    public const string TekniskHistorikk = """
        true: legg til feltet tekniskHistorikk med tidligere lagrede versjoner av arbeidsforholdet (nyeste først), hver med
        sin bruksperiode. Standard false.
        """;

    public const string KjentPaa = """
        Produktutvidelse (bitemporal): svar slik registeret kjente arbeidsforholdene på dette tidspunktet, ISO-8601
        (ÅÅÅÅ-MM-DDTtt:mm[:ss[.fff]], med Z/±tt:mm eller uten sone = norsk tid). Standard: nå.
        """;

    public const string Startrad = "Første rad (0-basert) i den stabile rekkefølgen (underenhet, navArbeidsforholdId). Standard 0.";

    public const string Antall = "Antall arbeidsforhold per side, 1–1000. Standard 100.";

    public const string Status = "ALLE (standard), AKTIV (ikke avsluttet på oppslagstidspunktet, også fremtidige) eller AVSLUTTET.";
}

/// <summary>Query parameters of <c>GET /api/v2/arbeidstaker/arbeidsforhold</c>.</summary>
public sealed class Personparametre
{
    [FromQuery(Name = "arbeidsforholdtype")]
    [Description(Parameterbeskrivelse.Arbeidsforholdtype)]
    public string? Arbeidsforholdtype { get; init; }

    [FromQuery(Name = "arbeidsforholdstatus")]
    [Description(Parameterbeskrivelse.Arbeidsforholdstatus)]
    public string? Arbeidsforholdstatus { get; init; }

    [FromQuery(Name = "rapporteringsordning")]
    [Description(Parameterbeskrivelse.Rapporteringsordning)]
    public string? Rapporteringsordning { get; init; }

    [FromQuery(Name = "regelverk")]
    [Description(Parameterbeskrivelse.Regelverk)]
    public string? Regelverk { get; init; }

    [FromQuery(Name = "ansettelsesperiodeFom")]
    [Description(Parameterbeskrivelse.AnsettelsesperiodeFom)]
    public string? AnsettelsesperiodeFom { get; init; }

    [FromQuery(Name = "ansettelsesperiodeTom")]
    [Description(Parameterbeskrivelse.AnsettelsesperiodeTom)]
    public string? AnsettelsesperiodeTom { get; init; }

    [FromQuery(Name = "historikk")]
    [Description(Parameterbeskrivelse.Historikk)]
    public string? Historikk { get; init; }

    [FromQuery(Name = "sporingsinformasjon")]
    [Description(Parameterbeskrivelse.Sporingsinformasjon)]
    public string? Sporingsinformasjon { get; init; }

    [FromQuery(Name = "kjentPaa")]
    [Description(Parameterbeskrivelse.KjentPaa)]
    public string? KjentPaa { get; init; }
}

/// <summary>Query parameters of <c>GET /api/v2/arbeidsforhold/{id}</c>.</summary>
public sealed class Idparametre
{
    [FromQuery(Name = "historikk")]
    [Description(Parameterbeskrivelse.Historikk)]
    public string? Historikk { get; init; }

    [FromQuery(Name = "sporingsinformasjon")]
    [Description(Parameterbeskrivelse.Sporingsinformasjon)]
    public string? Sporingsinformasjon { get; init; }

    [FromQuery(Name = "tekniskHistorikk")]
    [Description(Parameterbeskrivelse.TekniskHistorikk)]
    public string? TekniskHistorikk { get; init; }

    [FromQuery(Name = "kjentPaa")]
    [Description(Parameterbeskrivelse.KjentPaa)]
    public string? KjentPaa { get; init; }
}

/// <summary>Headers and query parameters of <c>GET /api/v1/opplysningspliktig/arbeidsforholdoversikt</c>.</summary>
public sealed class Oversiktparametre
{
    [FromHeader(Name = "Nav-Opplysningspliktigident")]
    [Description(Parameterbeskrivelse.Opplysningspliktigident)]
    public string? Opplysningspliktigident { get; init; }

    [FromHeader(Name = "Nav-Arbeidsgiverident")]
    [Description(Parameterbeskrivelse.Arbeidsgiverident)]
    public string? Arbeidsgiverident { get; init; }

    [FromQuery(Name = "status")]
    [Description(Parameterbeskrivelse.Status)]
    public string? Status { get; init; }

    [FromQuery(Name = "arbeidsforholdstatus")]
    [Description(Parameterbeskrivelse.Arbeidsforholdstatus + " Kan ikke kombineres med status.")]
    public string? Arbeidsforholdstatus { get; init; }

    [FromQuery(Name = "arbeidsforholdtype")]
    [Description(Parameterbeskrivelse.Arbeidsforholdtype)]
    public string? Arbeidsforholdtype { get; init; }

    [FromQuery(Name = "rapporteringsordning")]
    [Description(Parameterbeskrivelse.Rapporteringsordning)]
    public string? Rapporteringsordning { get; init; }

    [FromQuery(Name = "regelverk")]
    [Description(Parameterbeskrivelse.Regelverk)]
    public string? Regelverk { get; init; }

    [FromQuery(Name = "ansettelsesperiodeFom")]
    [Description(Parameterbeskrivelse.AnsettelsesperiodeFom)]
    public string? AnsettelsesperiodeFom { get; init; }

    [FromQuery(Name = "ansettelsesperiodeTom")]
    [Description(Parameterbeskrivelse.AnsettelsesperiodeTom)]
    public string? AnsettelsesperiodeTom { get; init; }

    [FromQuery(Name = "kjentPaa")]
    [Description(Parameterbeskrivelse.KjentPaa)]
    public string? KjentPaa { get; init; }

    [FromQuery(Name = "startrad")]
    [Description(Parameterbeskrivelse.Startrad)]
    public string? Startrad { get; init; }

    [FromQuery(Name = "antall")]
    [Description(Parameterbeskrivelse.Antall)]
    public string? Antall { get; init; }
}

/// <summary>Headers and query parameters of <c>GET /api/v1/opplysningspliktig/arbeidsgiveroversikt</c>.</summary>
public sealed class Sammendragparametre
{
    [FromHeader(Name = "Nav-Opplysningspliktigident")]
    [Description(Parameterbeskrivelse.Opplysningspliktigident)]
    public string? Opplysningspliktigident { get; init; }

    [FromQuery(Name = "arbeidsforholdtype")]
    [Description(Parameterbeskrivelse.Arbeidsforholdtype)]
    public string? Arbeidsforholdtype { get; init; }

    [FromQuery(Name = "rapporteringsordning")]
    [Description(Parameterbeskrivelse.Rapporteringsordning)]
    public string? Rapporteringsordning { get; init; }

    [FromQuery(Name = "regelverk")]
    [Description(Parameterbeskrivelse.Regelverk)]
    public string? Regelverk { get; init; }

    [FromQuery(Name = "kjentPaa")]
    [Description(Parameterbeskrivelse.KjentPaa)]
    public string? KjentPaa { get; init; }
}
