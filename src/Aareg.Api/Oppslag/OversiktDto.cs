using System.Text.Json.Serialization;

namespace Aareg.Api.Oppslag;

// The employer overview (API §1, NAV's v1 arbeidsforholdoversikt) and the pension overview (API §2). These keep the
// older flat shape their clients read: code values as plain strings, parties as {type, organisasjonsnummer |
// offentligIdent}, varsler as {entitet, varslingskode}.

/// <summary>One page of an employer's arbeidsforhold: <c>{antall, totalAntall, startrad, arbeidsforholdoversikter}</c>.</summary>
public sealed record ArbeidsforholdoversiktSideDto(
    int Antall,
    long TotalAntall,
    int Startrad,
    IReadOnlyList<ArbeidsforholdoversiktDto> Arbeidsforholdoversikter);

/// <summary>One arbeidsforhold in the employer overview.</summary>
/// <param name="Type">Arbeidsforholdtyper code.</param>
/// <param name="Yrke">Yrke code of the current ansettelsesdetaljer.</param>
/// <param name="Stillingsprosent">avtaltStillingsprosent of the current ansettelsesdetaljer.</param>
public sealed record ArbeidsforholdoversiktDto(
    long NavArbeidsforholdId,
    Guid NavUuid,
    AktoerDto Arbeidstaker,
    AktoerDto Arbeidsgiver,
    AktoerDto Opplysningspliktig,
    string Type,
    string? AnsattFom,
    string? AnsattTom,
    string? Yrke,
    decimal? Stillingsprosent,
    bool InnrapportertEtterAOrdningen,
    string? SistBekreftet,
    IReadOnlyList<OversiktVarselDto>? Varsler);

/// <summary>A party in the overview: an organisation by organisasjonsnummer or a person by offentligIdent.</summary>
public sealed record AktoerDto(Aktoertype Type, string? Organisasjonsnummer, string? OffentligIdent)
{
    public static AktoerDto Organisasjon(string organisasjonsnummer) => new(Aktoertype.Organisasjon, organisasjonsnummer, null);

    public static AktoerDto Person(string offentligIdent) => new(Aktoertype.Person, null, offentligIdent);
}

[JsonConverter(typeof(JsonStringEnumConverter<Aktoertype>))]
public enum Aktoertype
{
    Person,
    Organisasjon,
}

/// <summary>A varsel in the overview: <c>{entitet, varslingskode}</c>.</summary>
public sealed record OversiktVarselDto(string Entitet, string Varslingskode);

/// <summary>Employer summary per underenhet (API §1 arbeidsgiveroversikt).</summary>
public sealed record ArbeidsgiveroversiktDto(AktoerDto Arbeidsgiver, int AktiveArbeidsforhold, int InaktiveArbeidsforhold);

/// <summary>The pension overview per employer (API §2): <c>{arbeidsforholdoversikter}</c>.</summary>
public sealed record OtpArbeidsforholdoversikterDto(IReadOnlyList<OtpArbeidsforholdoversiktDto> Arbeidsforholdoversikter);

/// <summary>One arbeidsforhold in the pension overview; <see cref="Yrke"/> is that of the current details.</summary>
public sealed record OtpArbeidsforholdoversiktDto(
    Guid NavUuid,
    string? Id,
    OtpArbeidstakerDto Arbeidstaker,
    Kodeverksentitet? Yrke,
    IReadOnlyList<IdHistorikkDto>? IdHistorikk,
    string? SistEndret);

public sealed record OtpArbeidstakerDto(string Ident);

/// <summary>The pension lookup per person (API §2): <c>{arbeidsforhold}</c>.</summary>
public sealed record OtpArbeidsforholdlisteDto(IReadOnlyList<ArbeidsforholdDto> Arbeidsforhold);
