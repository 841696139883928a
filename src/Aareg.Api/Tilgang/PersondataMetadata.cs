using Aareg.Storage.Tilgang;

namespace Aareg.Api.Tilgang;

/// <summary>
/// Marks an endpoint that reads personal data: every request to it goes through <see cref="Tilgangskontroll"/>
/// (ARCHITECTURE: "Access control is one pipeline in front of every personal-data read"). The authorisation-matrix
/// test finds every such endpoint through this metadata and fails for an <c>/api/</c> route that has neither it
/// nor a place on the list of open routes.
/// </summary>
/// <param name="Scope">The token scope the agreement must cover.</param>
/// <param name="Kanal">The channel the agreement must allow (<see cref="Kanaler"/>).</param>
/// <param name="Otp">The agreement must allow pension (OTP) lookups.</param>
public sealed record PersondataMetadata(string Scope, string Kanal, bool Otp);

public static class PersondataEndepunkter
{
    /// <summary>
    /// Requires the scope in the token (401/403 from the authorisation middleware) and an agreement that covers it
    /// (<see cref="Tilgangskontroll.VurderAsync"/>, called by the handler before it reads anything).
    /// </summary>
    public static RouteGroupBuilder KreverAvtale(this RouteGroupBuilder gruppe, string scope, string kanal = Kanaler.Api, bool otp = false)
    {
        ArgumentNullException.ThrowIfNull(gruppe);
        ArgumentException.ThrowIfNullOrWhiteSpace(scope);
        Aareg.Tilgang.ScopeAutorisasjon.KreverScope(gruppe, scope);
        return gruppe.WithMetadata(new PersondataMetadata(scope, kanal, otp));
    }
}
