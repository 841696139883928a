namespace Aareg.Domain.Kontroller;

/// <summary>
/// The rule ids of <see cref="Kontrollkatalog"/> (DOMAIN §4.2): the a-ordningen number where one exists,
/// the product's own kebab-case name otherwise. Ids are part of the tilbakemelding contract; never rename one.
/// </summary>
public static class Regelid
{
    public const string Schema = "104";
    public const string Opplysningspliktig = "opplysningspliktig";
    public const string FremtidigMaaned = "fremtidig-maaned";
    public const string Erstatning = "166-B";
    public const string Virksomhet = "107B";
    public const string Underenhet = "196";
    public const string Identitet = "identitet";
    public const string Startdato = "startdato";
    public const string Sluttaarsak = "sluttaarsak";
    public const string Detaljer = "detaljer";
    public const string Kode = "F282";
    public const string Maritim = "maritim";
    public const string Permisjon = "permisjon";
    public const string ManglerFraForrigeMaaned = "108";
    public const string PermisjonBeskrivelseEndret = "276";
    public const string PermisjonEndret = "518";
    public const string Plausibilitet = "plausibilitet";
    public const string Rapporteringsplikt = "rapporteringsplikt";
}
