using System.Text.Json.Serialization;
using Aareg.Domain.Register;

namespace Aareg.Api.Oppslag;

// The v2 Arbeidsforhold of NAV's Aa-register REST API (API §1, DOMAIN §5): consumers already run clients written
// against it, so names, nesting and value formats follow it exactly. Property order follows NAV's output. Nulls and
// empty lists are left out (as NAV does), except rapporteringsmaaneder.til and bruksperiode.tom, which NAV writes as
// null on the open version and which clients read to find "the current one".

/// <summary>One arbeidsforhold in the v2 shape.</summary>
public sealed record ArbeidsforholdDto(
    string? Id,
    Kodeverksentitet Type,
    ArbeidstakerDto Arbeidstaker,
    EnhetDto Arbeidssted,
    EnhetDto Opplysningspliktig,
    AnsettelsesperiodeDto? Ansettelsesperiode,
    IReadOnlyList<AnsettelsesdetaljerDto>? Ansettelsesdetaljer,
    IReadOnlyList<PermisjonPermitteringDto>? Permisjoner,
    IReadOnlyList<PermisjonPermitteringDto>? Permitteringer,
    IReadOnlyList<TimerMedTimeloennDto>? TimerMedTimeloenn,
    IReadOnlyList<UtenlandsoppholdDto>? Utenlandsopphold,
    IReadOnlyList<IdHistorikkDto>? IdHistorikk,
    IReadOnlyList<VarselDto>? Varsler,
    Kodeverksentitet Rapporteringsordning,
    long NavArbeidsforholdId,
    int NavVersjon,
    Guid NavUuid,
    string? Opprettet,
    string? SistBekreftet,
    string? SistEndret,
    BruksperiodeDto Bruksperiode,
    SporingsinformasjonDto? Sporingsinformasjon);

/// <summary>A code with its description from the code list: <c>{kode, beskrivelse}</c>.</summary>
public sealed record Kodeverksentitet(string Kode, string Beskrivelse);

/// <summary>Identer of the arbeidstaker; v2 gives the person no type field.</summary>
public sealed record ArbeidstakerDto(IReadOnlyList<IdentDto> Identer);

/// <summary>Arbeidssted (<c>Underenhet</c>/<c>Person</c>) or opplysningspliktig (<c>Hovedenhet</c>/<c>Person</c>).</summary>
public sealed record EnhetDto(Enhetstype Type, IReadOnlyList<IdentDto> Identer);

/// <summary>One ident; <see cref="Gjeldende"/> is set for persons (identbytte) and absent for organisasjonsnummer.</summary>
public sealed record IdentDto(Identtype Type, string Ident, bool? Gjeldende);

[JsonConverter(typeof(JsonStringEnumConverter<Enhetstype>))]
public enum Enhetstype
{
    Underenhet,
    Hovedenhet,
    Person,
}

[JsonConverter(typeof(JsonStringEnumConverter<Identtype>))]
public enum Identtype
{
    [JsonStringEnumMemberName("FOLKEREGISTERIDENT")]
    Folkeregisterident,

    [JsonStringEnumMemberName("AKTORID")]
    Aktoerid,

    [JsonStringEnumMemberName("ORGANISASJONSNUMMER")]
    Organisasjonsnummer,
}

/// <summary>
/// Ansettelsesperiode; <see cref="Startdato"/> is absent only when the agreement allows <c>sluttaarsak</c> without
/// <c>ansettelsesperiode</c>.
/// </summary>
public sealed record AnsettelsesperiodeDto(
    string? Startdato,
    string? Sluttdato,
    Kodeverksentitet? Sluttaarsak,
    Kodeverksentitet? Varsling,
    SporingsinformasjonDto? Sporingsinformasjon);

/// <summary>One version of the ansettelsesdetaljer; <see cref="Type"/> is the v2 discriminator and comes first.</summary>
public sealed record AnsettelsesdetaljerDto(
    [property: JsonConverter(typeof(JsonStringEnumConverter<Ansettelsesdetaljertype>))] Ansettelsesdetaljertype Type,
    Kodeverksentitet? Arbeidstidsordning,
    Kodeverksentitet? Ansettelsesform,
    Kodeverksentitet? Yrke,
    decimal? AntallTimerPrUke,
    decimal? AvtaltStillingsprosent,
    string? SisteStillingsprosentendring,
    string? SisteLoennsendring,
    Kodeverksentitet? Fartsomraade,
    Kodeverksentitet? Skipsregister,
    Kodeverksentitet? Fartoeystype,
    RapporteringsmaanederDto Rapporteringsmaaneder,
    SporingsinformasjonDto? Sporingsinformasjon);

/// <summary>
/// <c>yyyy-MM</c> months of a detail version. <see cref="Til"/> is written as <c>null</c> on the current version
/// (DOMAIN §6 rule 3): consumers pick the current details as the one with <c>til</c> null, also when ended.
/// </summary>
public sealed record RapporteringsmaanederDto(
    string Fra,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Til);

public sealed record PermisjonPermitteringDto(
    string Id,
    Kodeverksentitet Type,
    string? Startdato,
    string? Sluttdato,
    decimal? Prosent,
    Kodeverksentitet? Varsling,
    SporingsinformasjonDto? Sporingsinformasjon);

public sealed record TimerMedTimeloennDto(
    decimal Antall,
    string? Startdato,
    string? Sluttdato,
    string Rapporteringsmaaned,
    SporingsinformasjonDto? Sporingsinformasjon);

public sealed record UtenlandsoppholdDto(
    Kodeverksentitet Land,
    string? Startdato,
    string? Sluttdato,
    string Rapporteringsmaaned,
    SporingsinformasjonDto? Sporingsinformasjon);

/// <summary>An earlier employer id (absent when the earlier report had none) and when it was in use.</summary>
public sealed record IdHistorikkDto(string? Id, BruksperiodeDto Bruksperiode);

/// <summary>Transaction time as local date-times; <see cref="Tom"/> is written as <c>null</c> while open, as NAV does.</summary>
public sealed record BruksperiodeDto(
    string Fom,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Tom);

/// <summary>A mark of the register's own action on an entity: <c>{entitet, varsling {kode, beskrivelse}}</c>.</summary>
public sealed record VarselDto(
    [property: JsonConverter(typeof(JsonStringEnumConverter<Varselentitet>))] Varselentitet Entitet,
    Kodeverksentitet Varsling);

public sealed record SporingsinformasjonDto(
    string OpprettetTidspunkt,
    string OpprettetAv,
    string OpprettetKilde,
    string? OpprettetKildereferanse,
    string EndretTidspunkt,
    string EndretAv,
    string EndretKilde,
    string? EndretKildereferanse);
