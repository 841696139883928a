namespace Aareg.Domain.Kontroller;

/// <summary>
/// Read access to Enhetsregisteret for the controls (DOMAIN §3): rules <c>opplysningspliktig</c> and <c>196</c> only
/// look units up when the register has been imported, so an empty deployment does not reject every melding.
/// </summary>
public interface IEnhetsregisterOppslag
{
    /// <summary>True once Enhetsregisteret has been imported; the lookups are not used before that.</summary>
    bool ErLastet { get; }

    /// <summary>The unit with this organisasjonsnummer, or null when Enhetsregisteret does not know it.</summary>
    EnhetInfo? Finn(string orgnr);
}

/// <summary>What the controls need to know about a unit in Enhetsregisteret.</summary>
/// <param name="ErHovedenhet">True for a hovedenhet (juridisk enhet), false for an underenhet (virksomhet).</param>
/// <param name="OverordnetEnhet">For an underenhet: orgnr of its hovedenhet.</param>
public sealed record EnhetInfo(string Orgnr, bool ErHovedenhet, string? OverordnetEnhet, DateOnly? Slettedato, bool Konkurs);
