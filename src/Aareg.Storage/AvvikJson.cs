using System.Text.Json;
using System.Text.Json.Serialization;
using Aareg.Domain.Kontroller;

namespace Aareg.Storage;

/// <summary>The stored (and distributed) JSON form of avvik: <c>{regel, alvorlighetsgrad, melding, sti, verdi}</c>.</summary>
public static class AvvikJson
{
    public static byte[] Serialiser(IReadOnlyList<Avvik> avvik) =>
        JsonSerializer.SerializeToUtf8Bytes(avvik as Avvik[] ?? [.. avvik], AvvikJsonContext.Default.AvvikArray);

    public static IReadOnlyList<Avvik> Les(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize(json, AvvikJsonContext.Default.AvvikArray) ?? [];
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Avvik[]))]
internal sealed partial class AvvikJsonContext : JsonSerializerContext;
