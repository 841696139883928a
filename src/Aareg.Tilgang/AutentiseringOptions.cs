namespace Aareg.Tilgang;

/// <summary>What kind of identity an issuer vouches for (API.md §9).</summary>
public enum Utstedertype
{
    /// <summary>Organisations: <c>scope</c>, <c>consumer</c>, optional <c>supplier</c>.</summary>
    Maskinporten,

    /// <summary>Persons: <c>pid</c>, <c>acr</c>.</summary>
    IdPorten,

    /// <summary>The register owner's own issuer for case workers: <c>roller</c>.</summary>
    Saksbehandler,
}

/// <summary>Configuration section <c>Aareg:Auth</c>.</summary>
public sealed class AutentiseringOptions
{
    public const string Seksjon = "Aareg:Auth";

    /// <summary>Trusted external issuers. A token whose <c>iss</c> is not listed here (or the dev issuer) is rejected.</summary>
    public IList<UtstederOptions> Utstedere { get; init; } = [];

    /// <summary>Turns the development issuer on outside the Development environment (local demos, test rigs).</summary>
    public bool Utviklingsutsteder { get; set; }
}

/// <summary>One trusted issuer: where its keys come from and what it may vouch for.</summary>
public sealed class UtstederOptions
{
    /// <summary>Short unique name; becomes part of the authentication scheme name.</summary>
    public string Navn { get; set; } = "";

    /// <summary>The exact <c>iss</c> value of the issuer's tokens.</summary>
    public string Issuer { get; set; } = "";

    public Utstedertype Type { get; set; }

    /// <summary>When set, <c>aud</c> must contain this value.</summary>
    public string? Audience { get; set; }

    /// <summary>Path to a JWKS JSON document holding the issuer's public keys.</summary>
    public string? JwksFil { get; set; }

    /// <summary>URI of the issuer's JWKS, fetched and cached (refreshed when an unknown <c>kid</c> shows up).</summary>
    public Uri? JwksUri { get; set; }

    /// <summary>One or more PEM public keys or certificates (RSA or EC P-256), inline.</summary>
    public string? SigningKeysPem { get; set; }
}
