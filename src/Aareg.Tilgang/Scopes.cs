namespace Aareg.Tilgang;

/// <summary>The Maskinporten scopes the register's APIs require (API.md §1–§5).</summary>
public static class Scopes
{
    /// <summary>Intake of a-meldinger from employers and payroll systems (API.md §5).</summary>
    public const string Mottak = "nav:aareg/v1/mottak";

    /// <summary>Lookup API for consumers (API.md §1).</summary>
    public const string Arbeidsforhold = "nav:aareg/v1/arbeidsforhold";

    /// <summary>Pension API (API.md §2).</summary>
    public const string Otp = "nav:aareg/v1/arbeidsforhold/otp";

    /// <summary>Change feed (API.md §3).</summary>
    public const string Hendelser = "nav:aareg/v1/hendelser";

    /// <summary>Extracts (API.md §4).</summary>
    public const string Uttrekk = "nav:aareg/v1/uttrekk";
}
