using Aareg.Domain.Kontroller;
using Aareg.Domain.Tid;

namespace Aareg.Storage;

/// <summary>Status of a received melding (DOMAIN §4.2). <c>Erstattet</c> is derived: a later melding replaced it.</summary>
public enum Meldingsstatus
{
    Mottatt,
    Avvist,
    Erstattet,
}

/// <summary>Whether the register has applied the melding (API §5).</summary>
public enum Behandlingsstatus
{
    Mottatt,
    Behandlet,
}

/// <summary>How much a melding holds; counted from the parsed form.</summary>
public sealed record Meldingsomfang(int Virksomheter, int Inntektsmottakere, int Arbeidsforhold);

/// <summary>A melding to store: the raw bytes exactly as received and the parsed, canonical form.</summary>
/// <param name="Innholdshash">SHA-256 of the canonical parsed form (or of the raw bytes when it did not parse).</param>
/// <param name="Parsed">The canonical JSON form of the parsed melding; null when it did not parse.</param>
/// <param name="Erstatter">The mottaksId of the melding this one replaces (only for an accepted replacement).</param>
/// <param name="Pensjonsinnretninger">The orgnr of the pension institutions the melding names (API §2 access); stored only for an accepted melding.</param>
public sealed record NyMelding(
    Guid MottaksId,
    string Avsender,
    DateTimeOffset Mottatt,
    string Format,
    string? Opplysningspliktig,
    Kalendermaaned? Kalendermaaned,
    string? MeldingsId,
    string? ErstatterMeldingsId,
    bool Avvist,
    byte[] Innholdshash,
    Meldingsomfang Omfang,
    IReadOnlyList<Avvik> Avvik,
    ReadOnlyMemory<byte> Raa,
    ReadOnlyMemory<byte>? Parsed,
    Guid? Erstatter,
    string? Idempotensnoekkel,
    byte[]? ForespoerselHash,
    IReadOnlyList<string>? Pensjonsinnretninger = null);

/// <summary>The receipt (kvittering) of a stored melding, with its current status.</summary>
public sealed record Kvittering(
    Guid MottaksId,
    string Avsender,
    DateTimeOffset Mottatt,
    string Format,
    string? Opplysningspliktig,
    Kalendermaaned? Kalendermaaned,
    string? MeldingsId,
    string? ErstatterMeldingsId,
    Meldingsstatus Status,
    Behandlingsstatus Behandlingsstatus,
    Guid? ErstattetAv,
    byte[] Innholdshash,
    Meldingsomfang Omfang,
    IReadOnlyList<Avvik> Avvik);

/// <summary>A stored Idempotency-Key: which request body it was used with and what it answered.</summary>
public sealed record Idempotensoppfoering(string Avsender, string Noekkel, byte[] ForespoerselHash, Guid MottaksId);
