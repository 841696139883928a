using System.Text.Json.Serialization;

namespace Aareg.Bench;

[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(LestArbeidsforhold))]
[JsonSerializable(typeof(TokenBody))]
[JsonSerializable(typeof(TokenSvar))]
[JsonSerializable(typeof(Genereringsinfo))]
internal sealed partial class BenchJson : JsonSerializerContext;
