using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Aareg.Api.Tests.Oppslag;

// What a consumer written against NAV's Aa-register REST API v2 reads, written independently of the product's DTOs:
// strict enums for party and ident types (an unknown value fails), required non-null fields where those clients
// declare them non-null, and no unknown properties (the product must not invent fields). Values stay strings where
// the format itself is under test.

internal static class NavV2Klient
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        RespectNullableAnnotations = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { NonNullableErPaakrevd } },
        Converters = { new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false) },
    };

    /// <summary>
    /// A non-nullable field must be present and a nullable one may be missing, as in the Kotlin clients
    /// (<c>val x: T</c> versus <c>val x: T? = null</c>).
    /// </summary>
    private static void NonNullableErPaakrevd(JsonTypeInfo info)
    {
        foreach (var egenskap in info.Properties)
        {
            if (egenskap.AssociatedParameter is { IsNullable: false })
            {
                egenskap.IsRequired = true;
            }
        }
    }

    public static T Les<T>(string json) => JsonSerializer.Deserialize<T>(json, Options)
        ?? throw new InvalidOperationException("null");
}

internal sealed record KArbeidsforhold(
    string? Id,
    KKode Type,
    KArbeidstaker Arbeidstaker,
    KEnhet Arbeidssted,
    KEnhet Opplysningspliktig,
    KAnsettelsesperiode? Ansettelsesperiode,
    List<KAnsettelsesdetaljer>? Ansettelsesdetaljer,
    List<KPermisjonPermittering>? Permisjoner,
    List<KPermisjonPermittering>? Permitteringer,
    List<KTimerMedTimeloenn>? TimerMedTimeloenn,
    List<KUtenlandsopphold>? Utenlandsopphold,
    List<KIdHistorikk>? IdHistorikk,
    List<KVarsel>? Varsler,
    KKode Rapporteringsordning,
    long NavArbeidsforholdId,
    int NavVersjon,
    Guid NavUuid,
    string Opprettet,
    string SistBekreftet,
    string SistEndret,
    KBruksperiode Bruksperiode,
    KSporingsinformasjon? Sporingsinformasjon);

internal sealed record KKode(string Kode, string Beskrivelse);

internal sealed record KArbeidstaker(List<KIdent> Identer);

internal sealed record KEnhet(KEnhetstype Type, List<KIdent> Identer);

internal sealed record KIdent(KIdenttype Type, string Ident, bool? Gjeldende);

internal enum KEnhetstype
{
    Underenhet,
    Hovedenhet,
    Person,
}

internal enum KIdenttype
{
    [JsonStringEnumMemberName("FOLKEREGISTERIDENT")]
    Folkeregisterident,

    [JsonStringEnumMemberName("AKTORID")]
    Aktorid,

    [JsonStringEnumMemberName("ORGANISASJONSNUMMER")]
    Organisasjonsnummer,
}

internal enum KDetaljtype
{
    Ordinaer,
    Maritim,
    Forenklet,
    Frilanser,
}

internal enum KVarselentitet
{
    Arbeidsforhold,
    Ansettelsesperiode,
    Permisjon,
    Permittering,
}

internal sealed record KAnsettelsesperiode(
    string? Startdato,
    string? Sluttdato,
    KKode? Sluttaarsak,
    KKode? Varsling,
    KSporingsinformasjon? Sporingsinformasjon);

internal sealed record KAnsettelsesdetaljer(
    KDetaljtype Type,
    KKode? Arbeidstidsordning,
    KKode? Ansettelsesform,
    KKode? Yrke,
    double? AntallTimerPrUke,
    double? AvtaltStillingsprosent,
    string? SisteStillingsprosentendring,
    string? SisteLoennsendring,
    KKode? Fartsomraade,
    KKode? Skipsregister,
    KKode? Fartoeystype,
    KRapporteringsmaaneder Rapporteringsmaaneder,
    KSporingsinformasjon? Sporingsinformasjon);

internal sealed record KRapporteringsmaaneder(string Fra, string? Til);

internal sealed record KPermisjonPermittering(
    string Id,
    KKode Type,
    string? Startdato,
    string? Sluttdato,
    double? Prosent,
    KKode? Varsling,
    KSporingsinformasjon? Sporingsinformasjon);

internal sealed record KTimerMedTimeloenn(
    double Antall,
    string? Startdato,
    string? Sluttdato,
    string Rapporteringsmaaned,
    KSporingsinformasjon? Sporingsinformasjon);

internal sealed record KUtenlandsopphold(
    KKode Land,
    string? Startdato,
    string? Sluttdato,
    string Rapporteringsmaaned,
    KSporingsinformasjon? Sporingsinformasjon);

internal sealed record KIdHistorikk(string? Id, KBruksperiode Bruksperiode);

internal sealed record KBruksperiode(string Fom, string? Tom);

internal sealed record KVarsel(KVarselentitet Entitet, KKode Varsling);

internal sealed record KSporingsinformasjon(
    string OpprettetTidspunkt,
    string OpprettetAv,
    string OpprettetKilde,
    string? OpprettetKildereferanse,
    string EndretTidspunkt,
    string EndretAv,
    string EndretKilde,
    string? EndretKildereferanse);

// The employer overview (NAV v1 arbeidsforholdoversikt) and the pension overview.

internal enum KAktoertype
{
    Person,
    Organisasjon,
}

internal sealed record KAktoer(KAktoertype Type, string? Organisasjonsnummer, string? OffentligIdent);

internal sealed record KOversiktVarsel(KVarselentitet Entitet, string Varslingskode);

internal sealed record KArbeidsforholdoversikt(
    long NavArbeidsforholdId,
    Guid NavUuid,
    KAktoer Arbeidstaker,
    KAktoer Arbeidsgiver,
    KAktoer Opplysningspliktig,
    string Type,
    string? AnsattFom,
    string? AnsattTom,
    string? Yrke,
    double? Stillingsprosent,
    bool InnrapportertEtterAOrdningen,
    string? SistBekreftet,
    List<KOversiktVarsel>? Varsler);

internal sealed record KOtpArbeidstaker(string Ident);

internal sealed record KOtpOversikt(
    Guid NavUuid,
    string? Id,
    KOtpArbeidstaker Arbeidstaker,
    KKode? Yrke,
    List<KIdHistorikk>? IdHistorikk,
    string? SistEndret);
