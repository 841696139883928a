using System.Text.Json;
using Aareg.Domain.Kontroller;

namespace Aareg.Mottak.Lesing;

/// <summary>
/// <see cref="NodeLeser"/> over a parsed <see cref="JsonDocument"/> (whose MaxDepth bounds the nesting). An array
/// property yields one child per item, as repeated elements do in XML; a single object where an array is expected is
/// one child. Null values count as absent.
/// </summary>
internal sealed class JsonNodeLeser : NodeLeser
{
    private Ramme[] rammer = new Ramme[16];
    private int topp = -1;
    private JsonElement gjeldende;

    public JsonNodeLeser(JsonElement rot, LeseGrenser grenser, List<Avvik> avvik)
        : base(avvik, grenser.MaksAvvik, medPermittering: true)
    {
        gjeldende = rot;
    }

    protected override bool NesteBarnKjerne()
    {
        if (topp < 0)
        {
            return false;
        }

        ref var ramme = ref rammer[topp];
        if (ramme.Tom)
        {
            topp--;
            return false;
        }

        while (true)
        {
            if (ramme.IListe)
            {
                if (ramme.Liste.MoveNext())
                {
                    if (ramme.Liste.Current.ValueKind == JsonValueKind.Null)
                    {
                        continue;
                    }

                    gjeldende = ramme.Liste.Current;
                    Navn = ramme.ListeNavn;
                    return true;
                }

                ramme.IListe = false;
            }

            if (!ramme.Egenskaper.MoveNext())
            {
                topp--;
                return false;
            }

            var egenskap = ramme.Egenskaper.Current;
            var verdi = egenskap.Value;
            if (verdi.ValueKind == JsonValueKind.Null || EgenskapsNavn(egenskap) is not { } navn)
            {
                continue;
            }

            if (verdi.ValueKind == JsonValueKind.Array)
            {
                ramme.Liste = verdi.EnumerateArray();
                ramme.ListeNavn = navn;
                ramme.IListe = true;
                continue;
            }

            gjeldende = verdi;
            Navn = navn;
            return true;
        }
    }

    protected override void InnKjerne()
    {
        if (++topp == rammer.Length)
        {
            Array.Resize(ref rammer, rammer.Length * 2);
        }

        if (gjeldende.ValueKind == JsonValueKind.Object)
        {
            rammer[topp] = new Ramme { Egenskaper = gjeldende.EnumerateObject(), ListeNavn = "" };
        }
        else
        {
            Feil($"{Navn} skal være et objekt.", null, null);
            rammer[topp] = new Ramme { Tom = true, ListeNavn = "" };
        }
    }

    protected override string? LesTekst()
    {
        switch (gjeldende.ValueKind)
        {
            case JsonValueKind.String:
                string tekst;
                try
                {
                    tekst = gjeldende.GetString()!;
                }
                catch (InvalidOperationException)
                {
                    // An escaped lone surrogate (\ud800) is valid JSON but not text.
                    Feil($"{Navn} inneholder ugyldige tegn.", Navn, null);
                    return null;
                }

                if (!ErXmlTekst(tekst))
                {
                    // The JSON form carries the same tree as the XML; text XML cannot hold is refused here too.
                    Feil($"{Navn} inneholder kontrolltegn som ikke er tillatt.", Navn, null);
                    return null;
                }

                return tekst;
            case JsonValueKind.Number:
                // Decimals may come as JSON numbers; the lexical check (no exponent) is the same as for strings.
                return gjeldende.GetRawText();
            case JsonValueKind.True:
                return "true";
            case JsonValueKind.False:
                return "false";
            default:
                IkkeEnVerdi();
                return null;
        }
    }

    /// <summary>The property name, or null when it is not text (an escaped lone surrogate): then no known element.</summary>
    private static string? EgenskapsNavn(JsonProperty egenskap)
    {
        try
        {
            return egenskap.Name;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static bool ErXmlTekst(string tekst)
    {
        foreach (var c in tekst)
        {
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == '\uFFFE' || c == '\uFFFF')
            {
                return false;
            }
        }

        return true;
    }

    private struct Ramme
    {
        public JsonElement.ObjectEnumerator Egenskaper;
        public JsonElement.ArrayEnumerator Liste;
        public string ListeNavn;
        public bool IListe;
        public bool Tom;
    }
}
