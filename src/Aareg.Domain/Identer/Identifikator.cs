namespace Aareg.Domain.Identer;

/// <summary>
/// An opplysningspliktig or arbeidssted: an organisation (orgnr) or a person (private employer, fnr/dnr) (DOMAIN §2).
/// </summary>
public readonly record struct Aktoer
{
    private Aktoer(string verdi, bool erPerson)
    {
        Verdi = verdi;
        ErPerson = erPerson;
    }

    public string Verdi { get; }

    public bool ErPerson { get; }

    public static bool TryParse(string? tekst, bool tillatSyntetiske, out Aktoer aktoer)
    {
        if (Organisasjonsnummer.TryParse(tekst, out var orgnr))
        {
            aktoer = new Aktoer(orgnr.Verdi, false);
            return true;
        }

        if (Personident.TryParse(tekst, tillatSyntetiske, out var person))
        {
            aktoer = new Aktoer(person.Verdi, true);
            return true;
        }

        aktoer = default;
        return false;
    }

    public override string ToString() => ErPerson ? "Person(***********)" : Verdi;
}
