namespace Aareg.Domain.Kodeverk;

/// <summary>Names of the code lists (DOMAIN §8), as used in <c>/api/v1/kodeverk/{navn}</c>.</summary>
public static class Kodeverknavn
{
    public const string Arbeidsforholdtyper = "Arbeidsforholdtyper";
    public const string Rapporteringsordninger = "Rapporteringsordninger";
    public const string Arbeidstidsordninger = "Arbeidstidsordninger";
    public const string Ansettelsesformer = "Ansettelsesformer";
    public const string Sluttaarsaker = "Sluttaarsaker";
    public const string PermisjonsOgPermitteringsBeskrivelse = "PermisjonsOgPermitteringsBeskrivelse";
    public const string Permitteringsaarsaker = "Permitteringsaarsaker";
    public const string Fartsomraader = "Fartsomraader";
    public const string Skipsregistre = "Skipsregistre";
    public const string Skipstyper = "Skipstyper";
    public const string Avloenningstyper = "Avloenningstyper";
    public const string Varslingskoder = "Varslingskoder";
    public const string Yrker = "Yrker";
    public const string Landkoder = "Landkoder";
}
