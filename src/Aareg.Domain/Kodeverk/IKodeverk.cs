namespace Aareg.Domain.Kodeverk;

/// <summary>A code with its validity period (DOMAIN §8). <see cref="GyldigTil"/> null = still valid.</summary>
public sealed record Kode(string Verdi, string Beskrivelse, DateOnly GyldigFra, DateOnly? GyldigTil)
{
    public bool GyldigPaa(DateOnly dato) => dato >= GyldigFra && (GyldigTil is null || dato <= GyldigTil.Value);
}

/// <summary>Read access to the code lists; the controls and the distribution use it.</summary>
public interface IKodeverk
{
    /// <summary>Names of all code lists (e.g. <c>Arbeidsforholdtyper</c>).</summary>
    IReadOnlyList<string> Navn { get; }

    /// <summary>The codes of a list valid on <paramref name="dato"/> (all codes when null); null for an unknown list.</summary>
    IReadOnlyList<Kode>? Koder(string kodeverk, DateOnly? dato = null);

    /// <summary>True when <paramref name="kode"/> is in <paramref name="kodeverk"/> and valid on <paramref name="dato"/>.</summary>
    bool ErGyldig(string kodeverk, string kode, DateOnly dato);

    /// <summary>The description of a code (any validity), or null when unknown.</summary>
    string? Beskrivelse(string kodeverk, string kode);
}
