using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using Aareg.Domain.Register;
using Aareg.Domain.Tid;

namespace Aareg.Storage.Register;

/// <summary>
/// The stored document of one arbeidsforhold version: compact JSON of <see cref="RegisterArbeidsforhold"/> (source
/// generated; nulls and defaults left out, computed properties not stored). Shared by every backend so a version
/// reads the same wherever it was written.
/// </summary>
public static class RegisterJson
{
    public static byte[] Serialiser(RegisterArbeidsforhold arbeidsforhold) =>
        JsonSerializer.SerializeToUtf8Bytes(arbeidsforhold, RegisterJsonContext.Default.RegisterArbeidsforhold);

    public static RegisterArbeidsforhold Les(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize(json, RegisterJsonContext.Default.RegisterArbeidsforhold)
        ?? throw new JsonException("Tomt arbeidsforholddokument.");
}

/// <summary><see cref="Kalendermaaned"/> as <c>yyyy-MM</c>.</summary>
internal sealed class KalendermaanedJsonConverter : JsonConverter<Kalendermaaned>
{
    public override Kalendermaaned Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Kalendermaaned.TryParse(reader.GetString(), out var maaned) ? maaned : throw new JsonException("Ugyldig kalendermåned.");

    public override void Write(Utf8JsonWriter writer, Kalendermaaned value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}

/// <summary><see cref="EquatableArray{T}"/> as a JSON array (the element type's own contract).</summary>
internal sealed class EquatableArrayJsonConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(EquatableArray<>);

    public override JsonConverter? CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter?)Activator.CreateInstance(typeof(EquatableArrayJsonConverter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]));
}

internal sealed class EquatableArrayJsonConverter<T> : JsonConverter<EquatableArray<T>>
{
    public override EquatableArray<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var info = (System.Text.Json.Serialization.Metadata.JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("Forventet en liste.");
        }

        var bygger = ImmutableArray.CreateBuilder<T>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            bygger.Add(JsonSerializer.Deserialize(ref reader, info)!);
        }

        return new EquatableArray<T>(bygger.ToImmutable());
    }

    public override void Write(Utf8JsonWriter writer, EquatableArray<T> value, JsonSerializerOptions options)
    {
        var info = (System.Text.Json.Serialization.Metadata.JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
        writer.WriteStartArray();
        foreach (var element in value)
        {
            JsonSerializer.Serialize(writer, element, info);
        }

        writer.WriteEndArray();
    }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    IgnoreReadOnlyProperties = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
    Converters = [typeof(KalendermaanedJsonConverter), typeof(EquatableArrayJsonConverterFactory)])]
[JsonSerializable(typeof(RegisterArbeidsforhold))]
[JsonSerializable(typeof(Ansettelsesdetaljer))]
[JsonSerializable(typeof(PermisjonPermittering))]
[JsonSerializable(typeof(TimerMedTimeloenn))]
[JsonSerializable(typeof(Utenlandsopphold))]
[JsonSerializable(typeof(IdHistorikk))]
[JsonSerializable(typeof(Varsel))]
internal sealed partial class RegisterJsonContext : JsonSerializerContext;
