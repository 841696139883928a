namespace Aareg.Api.Oppsett;

/// <summary>Stable product error codes (API.md, Errors). A code never changes meaning once published.</summary>
public static class Feilkoder
{
    public const string UgyldigForespoersel = "AA-400";
    public const string IkkeAutentisert = "AA-401";
    public const string IkkeTilgang = "AA-403";
    public const string IkkeFunnet = "AA-404";
    public const string IdempotensKonflikt = "AA-409";
    public const string ForStor = "AA-413";
    public const string FeilInnholdstype = "AA-415";
    public const string ForMangeForespoersler = "AA-429";
    public const string Intern = "AA-500";

    /// <summary>Intake: the sender may not deliver for this opplysningspliktig.</summary>
    public const string IkkeRettForOpplysningspliktig = "AA-403-1";
}
