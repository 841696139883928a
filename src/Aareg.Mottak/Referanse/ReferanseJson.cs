using System.Text.Json;
using System.Text.Json.Serialization;

namespace Aareg.Mottak.Referanse;

// The shapes read from Brønnøysund's open data (bulk files and the update feed) and from the Folkeregister event
// file (docs/referansedata.md). Only the fields the register uses are declared; everything else is skipped.

/// <summary>
/// One object of a bulk file: a hovedenhet (enheter), an underenhet (underenheter, with overordnetEnhet) or the roles
/// of one unit (roller, with rollegrupper). One shape reads all three, so a file's kind never has to be guessed.
/// </summary>
internal sealed class EnhetJson
{
    public string? Organisasjonsnummer { get; init; }

    public string? Navn { get; init; }

    public KodeJson? Organisasjonsform { get; init; }

    public DateOnly? RegistreringsdatoEnhetsregisteret { get; init; }

    public DateOnly? Slettedato { get; init; }

    public bool Konkurs { get; init; }

    public DateOnly? Konkursdato { get; init; }

    public string? OverordnetEnhet { get; init; }

    public IReadOnlyList<RollegruppeJson>? Rollegrupper { get; init; }
}

internal sealed class KodeJson
{
    public string? Kode { get; init; }
}

internal sealed class RollegruppeJson
{
    public IReadOnlyList<RolleJson>? Roller { get; init; }
}

internal sealed class RolleJson
{
    public KodeJson? Type { get; init; }

    public PersonJson? Person { get; init; }

    public bool Fratraadt { get; init; }
}

internal sealed class PersonJson
{
    public string? Fodselsnummer { get; init; }
}

/// <summary>A page of <c>/enhetsregisteret/api/oppdateringer/{enheter,underenheter}</c> (HAL).</summary>
internal sealed class OppdateringssideJson
{
    [JsonPropertyName("_embedded")]
    public OppdateringerJson? Embedded { get; init; }
}

internal sealed class OppdateringerJson
{
    public IReadOnlyList<OppdateringJson>? OppdaterteEnheter { get; init; }

    public IReadOnlyList<OppdateringJson>? OppdaterteUnderenheter { get; init; }
}

/// <summary>
/// One update. Brønnøysund gives <c>endringer</c> (JSON Patch) when asked with <c>includeChanges=true</c>; a mirror of
/// the feed may instead embed the unit's new state as <c>enhet</c> or <c>underenhet</c> (the bulk shape).
/// </summary>
internal sealed class OppdateringJson
{
    public long Oppdateringsid { get; init; }

    public DateTimeOffset? Dato { get; init; }

    public string? Organisasjonsnummer { get; init; }

    public string? Endringstype { get; init; }

    public EnhetJson? Enhet { get; init; }

    public EnhetJson? Underenhet { get; init; }

    public IReadOnlyList<PatchJson>? Endringer { get; init; }
}

internal sealed class PatchJson
{
    public string? Op { get; init; }

    public string? Path { get; init; }

    public JsonElement Value { get; init; }
}

/// <summary>One line of the Folkeregister event file.</summary>
internal sealed class FolkeregisterhendelseJson
{
    public string? Type { get; init; }

    public string? GammelIdent { get; init; }

    public string? NyIdent { get; init; }

    public string? Ident { get; init; }

    public string? Gradering { get; init; }

    public DateOnly? Dato { get; init; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, AllowTrailingCommas = true, ReadCommentHandling = JsonCommentHandling.Skip)]
[JsonSerializable(typeof(EnhetJson))]
[JsonSerializable(typeof(OppdateringssideJson))]
[JsonSerializable(typeof(FolkeregisterhendelseJson))]
internal sealed partial class ReferanseJsonKontekst : JsonSerializerContext;
