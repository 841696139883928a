using System.Text.Json.Serialization;

namespace Aareg.Api.Oppslag;

/// <summary>
/// Source-generated JSON for the lookup and pension APIs: camelCase, nulls left out (API §1 "nulls omitted unless
/// stated"; the two stated exceptions carry <c>JsonIgnoreCondition.Never</c> on their property). Endpoints add
/// <see cref="JsonSerializerContext.Options"/>' resolver of <c>Default</c> to the HTTP JSON options.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ArbeidsforholdDto))]
[JsonSerializable(typeof(IReadOnlyList<ArbeidsforholdDto>))]
[JsonSerializable(typeof(ArbeidsforholdoversiktSideDto))]
[JsonSerializable(typeof(IReadOnlyList<ArbeidsgiveroversiktDto>))]
[JsonSerializable(typeof(OtpArbeidsforholdoversikterDto))]
[JsonSerializable(typeof(OtpArbeidsforholdlisteDto))]
public sealed partial class OppslagJsonContext : JsonSerializerContext;
