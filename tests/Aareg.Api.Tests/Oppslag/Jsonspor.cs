using System.Text.Json;
using System.Text.Json.Nodes;
using Aareg.Api.Oppslag;

namespace Aareg.Api.Tests.Oppslag;

/// <summary>Everything a JSON document contains: property names, string values, number literals, null positions.</summary>
internal sealed class Jsonspor
{
    public HashSet<string> Navn { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Strenger { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Tall { get; } = new(StringComparer.Ordinal);

    /// <summary>Paths (<c>a.b[0].c</c> with indexes removed: <c>a.b.c</c>) of properties written as null.</summary>
    public List<string> NullStier { get; } = [];

    /// <summary>Paths of empty arrays.</summary>
    public List<string> TommeLister { get; } = [];

    /// <summary>String values per property name (e.g. every <c>startdato</c>).</summary>
    public Dictionary<string, List<string>> VerdierPerNavn { get; } = new(StringComparer.Ordinal);

    public static Jsonspor Fra(string json)
    {
        var spor = new Jsonspor();
        spor.Gaa(JsonNode.Parse(json), "", null);
        return spor;
    }

    public bool Inneholder(string tekst) => Navn.Contains(tekst) || Strenger.Contains(tekst) || Tall.Contains(tekst);

    private void Gaa(JsonNode? node, string sti, string? navn)
    {
        switch (node)
        {
            case null:
                NullStier.Add(sti);
                break;
            case JsonObject objekt:
                foreach (var (n, verdi) in objekt)
                {
                    Navn.Add(n);
                    Gaa(verdi, sti.Length == 0 ? n : sti + "." + n, n);
                }

                break;
            case JsonArray liste:
                if (liste.Count == 0)
                {
                    TommeLister.Add(sti);
                }

                foreach (var element in liste)
                {
                    Gaa(element, sti, navn);
                }

                break;
            case JsonValue verdi when verdi.GetValueKind() == JsonValueKind.String:
                var s = verdi.GetValue<string>();
                Strenger.Add(s);
                if (navn is not null)
                {
                    if (!VerdierPerNavn.TryGetValue(navn, out var liste))
                    {
                        VerdierPerNavn[navn] = liste = [];
                    }

                    liste.Add(s);
                }

                break;
            case JsonValue verdi when verdi.GetValueKind() == JsonValueKind.Number:
                Tall.Add(verdi.ToJsonString());
                break;
            default:
                break;
        }
    }
}

internal static class Oppslagsjson
{
    public static string Skriv(ArbeidsforholdDto dto) => JsonSerializer.Serialize(dto, OppslagJsonContext.Default.ArbeidsforholdDto);

    public static string Skriv(ArbeidsforholdoversiktDto dto) =>
        JsonSerializer.Serialize(
            new ArbeidsforholdoversiktSideDto(1, 1, 0, [dto]),
            OppslagJsonContext.Default.ArbeidsforholdoversiktSideDto);

    public static string Skriv(OtpArbeidsforholdoversiktDto dto) =>
        JsonSerializer.Serialize(new OtpArbeidsforholdoversikterDto([dto]), OppslagJsonContext.Default.OtpArbeidsforholdoversikterDto);
}
