using System.Globalization;
using Aareg.Domain.Identer;

namespace Aareg.Domain.Kontroller;

/// <summary>How values are written in avvik messages: invariant, as in the a-melding (dates yyyy-MM-dd, decimal point).</summary>
internal static class Tekst
{
    public static string Tall(decimal tall) => tall.ToString("0.##########", CultureInfo.InvariantCulture);

    public static string Dato(DateOnly dato) => dato.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string? Dato(DateOnly? dato) => dato is { } d ? Dato(d) : null;

    public static string Identfeil(IdentFeil feil) => feil switch
    {
        IdentFeil.Format => "må bestå av 11 sifre",
        IdentFeil.Kontrollsiffer => "har feil kontrollsiffer",
        IdentFeil.Dato => "inneholder ikke en gyldig fødselsdato",
        IdentFeil.SyntetiskIkkeTillatt => "er et syntetisk testnummer, som ikke tas imot i dette miljøet",
        _ => "er ugyldig",
    };

    public static string Arbeidsforhold(Arbeidsforholdkategori kategori) => kategori switch
    {
        Arbeidsforholdkategori.Maritimt => "maritimt arbeidsforhold",
        Arbeidsforholdkategori.Ordinaert => "ordinært arbeidsforhold",
        _ => "arbeidsforhold",
    };

    /// <summary>An identifier that may be a person ident is masked; an orgnr is shown as it is.</summary>
    public static string Identifikator(string identifikator) =>
        identifikator.Length == 11 ? Avvik.Maskert(identifikator) : identifikator;

    /// <summary>A person key in a message: a Norwegian ident masked, a foreign person's name or id not at all.</summary>
    public static string Person(string personnoekkel) =>
        ErSifre(personnoekkel, 11) ? Avvik.Maskert(personnoekkel) : "uten norsk identifikator";

    public static bool ErSifre(string tekst, int lengde)
    {
        if (tekst.Length != lengde)
        {
            return false;
        }

        foreach (var c in tekst)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }
}
