namespace Aareg.Api.Tilgang;

/// <summary>
/// Stable error codes of the access-control pipeline (API.md Errors: "403 … the body says which"). Each names the
/// condition that failed; a code never changes meaning once published.
/// </summary>
public static class Tilgangskoder
{
    /// <summary>The consumer has no agreement in force (none, ended, or outside its validity dates).</summary>
    public const string Avtale = "AA-403-AVTALE";

    /// <summary>The consumer's agreements are suspended.</summary>
    public const string Suspendert = "AA-403-SUSPENDERT";

    /// <summary>No active agreement covers the scope of this API.</summary>
    public const string Scope = "AA-403-SCOPE";

    /// <summary>No active agreement allows this channel (API, WEB, UTTREKK, HENDELSER).</summary>
    public const string Kanal = "AA-403-KANAL";

    /// <summary>The pension API needs an agreement that allows OTP lookups.</summary>
    public const string Otp = "AA-403-OTP";

    /// <summary>The token's supplier is not the data processor the agreement names.</summary>
    public const string Databehandler = "AA-403-DATABEHANDLER";

    /// <summary><c>Nav-Formaal</c> is missing where required, or not a purpose of the agreement.</summary>
    public const string Formaal = "AA-403-FORMAAL";

    /// <summary>The request filters on a data element the agreement does not allow.</summary>
    public const string Dataelement = "AA-403-DATAELEMENT";

    /// <summary>The consumer exceeded its rate (429).</summary>
    public const string ForMange = "AA-429";

    /// <summary>The audit record could not be written, so the lookup was refused (API §8, fail closed).</summary>
    public const string Revisjon = "AA-503-REVISJON";

    /// <summary>Audit reason for a person left out by the population rules (DOMAIN §3 adressebeskyttelse).</summary>
    public const string Adressebeskyttelse = "ADRESSEBESKYTTELSE";
}
