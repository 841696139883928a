using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Aareg.Api.Oppslag;

/// <summary>
/// <c>GET /api/v2/arbeidsforhold/{id}?tekniskHistorikk=true</c>: the v2 arbeidsforhold exactly as without the flag,
/// plus <see cref="TekniskHistorikk"/>, the earlier stored versions (newest first), each a whole v2 arbeidsforhold
/// with its own <c>bruksperiode</c> (API §1; DOMAIN §5 "two time axes"). NAV's v2 model has no place for earlier
/// versions, so they go in one added field at the end: a v2 client that ignores unknown fields (Jackson's default in
/// NAV's clients) reads the current version unchanged.
/// </summary>
public sealed record ArbeidsforholdMedTekniskHistorikkDto(
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
    SporingsinformasjonDto? Sporingsinformasjon,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] IReadOnlyList<ArbeidsforholdDto> TekniskHistorikk)
{
    public static ArbeidsforholdMedTekniskHistorikkDto Fra(ArbeidsforholdDto gjeldende, IReadOnlyList<ArbeidsforholdDto> tidligere)
    {
        ArgumentNullException.ThrowIfNull(gjeldende);
        ArgumentNullException.ThrowIfNull(tidligere);
        var g = gjeldende;
        return new(
            g.Id, g.Type, g.Arbeidstaker, g.Arbeidssted, g.Opplysningspliktig, g.Ansettelsesperiode, g.Ansettelsesdetaljer,
            g.Permisjoner, g.Permitteringer, g.TimerMedTimeloenn, g.Utenlandsopphold, g.IdHistorikk, g.Varsler,
            g.Rapporteringsordning, g.NavArbeidsforholdId, g.NavVersjon, g.NavUuid, g.Opprettet, g.SistBekreftet,
            g.SistEndret, g.Bruksperiode, g.Sporingsinformasjon, tidligere);
    }
}

/// <summary>Source-generated JSON for the response types only the lookup endpoints add.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ArbeidsforholdMedTekniskHistorikkDto))]
internal sealed partial class OppslagApiJsonContext : JsonSerializerContext;

/// <summary>
/// The serializer options of the lookup endpoints: the source-generated <see cref="OppslagJsonContext"/> (camelCase,
/// nulls left out) with UTF-8 output that keeps æøå as they are instead of <c>\u00E6</c> escapes (API: "All JSON is
/// UTF-8"). The relaxed encoder still escapes what HTML-sensitive contexts need when the body is read as JSON; the
/// responses are <c>application/json</c>, never embedded in HTML.
/// </summary>
internal static class OppslagSerialisering
{
    public static readonly JsonSerializerOptions Options = new(OppslagJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = JsonTypeInfoResolver.Combine(OppslagJsonContext.Default, OppslagApiJsonContext.Default),
    };

    public static JsonTypeInfo<T> Type<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));
}
