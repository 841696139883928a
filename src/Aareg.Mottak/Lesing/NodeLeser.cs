using System.Text;
using Aareg.Domain.Kontroller;
using Aareg.Domain.Tid;

namespace Aareg.Mottak.Lesing;

/// <summary>
/// A forward-only cursor over the a-melding tree, the same for the XML and the JSON form, so that the mapping from
/// tree to <see cref="Domain.AMelding.Leveranse"/> (<see cref="LeveranseMapper"/>) is written once. A repeated element
/// (XML) and an array item (JSON) both appear as one child per occurrence.
/// <para>
/// Protocol: <see cref="NesteBarn"/> moves to the next child of the current node; the caller then either reads it as a
/// value (<see cref="Tekst"/>, <see cref="Dato"/>, …), enters it (<see cref="Inn"/>, after which <see cref="NesteBarn"/>
/// walks its children and returns false at its end), or does nothing (the child is skipped).
/// </para>
/// It also keeps the path of the current node, so that an avvik can name it (DOMAIN §4.2) without building path
/// strings for the values that are fine.
/// </summary>
internal abstract class NodeLeser
{
    /// <summary>Index for nodes that are not part of an avvik path (melding, Leveranse, oppgave: paths are relative to oppgave).</summary>
    public const int IkkeISti = -2;

    // XSD whiteSpace collapse trims these four only (XML 1.0 S production), not every Unicode space.
    private static readonly char[] XmlMellomrom = [' ', '\t', '\n', '\r'];

    private readonly List<Avvik> avvik;
    private readonly int maksAvvik;

    private (string Navn, int Indeks)[] sti = new (string, int)[16];
    private int stiDybde;
    private bool forMangeAvvik;

    protected NodeLeser(List<Avvik> avvik, int maksAvvik, bool medPermittering)
    {
        this.avvik = avvik;
        this.maksAvvik = maksAvvik;
        MedPermittering = medPermittering;
    }

    /// <summary>Whether the separate permittering element exists in this form (v2_3 and JSON, not v2_2).</summary>
    public bool MedPermittering { get; }

    /// <summary>Whether the last value read was absent or empty (as opposed to present but invalid).</summary>
    public bool SistTom { get; private set; }

    /// <summary>Name of the child <see cref="NesteBarn"/> last moved to.</summary>
    public string Navn { get; protected set; } = "";

    /// <summary>Moves to the next child of the current node; false (and back to the parent) at its end.</summary>
    public bool NesteBarn(out string navn)
    {
        if (NesteBarnKjerne())
        {
            navn = Navn;
            return true;
        }

        navn = "";
        if (stiDybde > 0)
        {
            stiDybde--;
        }

        return false;
    }

    /// <summary>
    /// Enters the current child; <paramref name="indeks"/> is its position among siblings of that name, -1 for a single
    /// element, <see cref="IkkeISti"/> for one left out of paths.
    /// </summary>
    public void Inn(int indeks = -1)
    {
        if (stiDybde == sti.Length)
        {
            Array.Resize(ref sti, sti.Length * 2);
        }

        sti[stiDybde++] = (Navn, indeks);
        InnKjerne();
    }

    /// <summary>The current child's text, trimmed; null when empty.</summary>
    public string? Tekst()
    {
        var tekst = LesTekst()?.Trim(XmlMellomrom);
        if (string.IsNullOrEmpty(tekst))
        {
            SistTom = true;
            return null;
        }

        SistTom = false;
        return tekst;
    }

    public DateOnly? Dato()
    {
        var tekst = Tekst();
        if (tekst is null)
        {
            return null;
        }

        if (Verdiformat.TryDato(tekst, out var dato))
        {
            return dato;
        }

        Typefeil("en gyldig dato (åååå-mm-dd)", tekst);
        return null;
    }

    public decimal? Desimal()
    {
        var tekst = Tekst();
        if (tekst is null)
        {
            return null;
        }

        if (Verdiformat.TryDesimal(tekst, out var verdi))
        {
            return verdi;
        }

        Typefeil("et gyldig desimaltall (med punktum som desimalskille)", tekst);
        return null;
    }

    public bool? Boolsk()
    {
        var tekst = Tekst();
        if (tekst is null)
        {
            return null;
        }

        if (Verdiformat.TryBoolsk(tekst, out var verdi))
        {
            return verdi;
        }

        Typefeil("en gyldig sannhetsverdi (true eller false)", tekst);
        return null;
    }

    public DateTimeOffset? Tidspunkt()
    {
        var tekst = Tekst();
        if (tekst is null)
        {
            return null;
        }

        if (Verdiformat.TryTidspunkt(tekst, out var tid))
        {
            return tid;
        }

        Typefeil("et gyldig tidspunkt (åååå-mm-ddTtt:mm:ss)", tekst);
        return null;
    }

    public Kalendermaaned? Maaned()
    {
        var tekst = Tekst();
        if (tekst is null)
        {
            return null;
        }

        if (!Verdiformat.TryMaaned(tekst, out var maaned))
        {
            Typefeil("en gyldig kalendermåned (åååå-mm)", tekst);
            return null;
        }

        if (maaned < Verdiformat.MinsteMaaned || maaned > Verdiformat.StoersteMaaned)
        {
            Feil($"{Navn} må være mellom {Verdiformat.MinsteMaaned} og {Verdiformat.StoersteMaaned}.", Navn, tekst);
            return null;
        }

        return maaned;
    }

    /// <summary>An id (meldingsId, arbeidsforholdId, permisjonId …): the value is kept even when invalid, with an avvik.</summary>
    public string? Id()
    {
        var tekst = Tekst();
        if (tekst is not null && !Verdiformat.ErGyldigId(tekst))
        {
            Feil(
                $"{Navn} kan bare inneholde tegnene 0-9, a-z, A-Z, '_', '.' og '-', og være høyst {Verdiformat.MaksIdLengde} tegn.",
                Navn,
                tekst);
        }

        return tekst;
    }

    /// <summary>A 104 avvik (schema) for the leaf <paramref name="blad"/> under the current node (DOMAIN §4.2).</summary>
    public void Feil(string melding, string? blad, string? verdi)
    {
        if (avvik.Count >= maksAvvik)
        {
            if (!forMangeAvvik)
            {
                forMangeAvvik = true;
                avvik.Add(new Avvik(AMeldingLeser.RegelSkjema, Alvorlighetsgrad.Avvisning, "For mange feil i meldingen; resten er utelatt.", null, null));
            }

            return;
        }

        if (verdi is { Length: > 200 })
        {
            verdi = string.Concat(verdi.AsSpan(0, 200), "…");
        }

        avvik.Add(new Avvik(AMeldingLeser.RegelSkjema, Alvorlighetsgrad.Avvisning, melding, Sti(blad), verdi));
    }

    /// <summary>The child text of a node that holds a value; null when empty. Reports its own type errors.</summary>
    protected abstract string? LesTekst();

    protected abstract bool NesteBarnKjerne();

    protected abstract void InnKjerne();

    /// <summary>For a value that isn't text at all (a JSON object where a string belongs, an XML element with children).</summary>
    protected void IkkeEnVerdi() => Feil($"{Navn} skal inneholde en enkel verdi.", Navn, null);

    private void Typefeil(string forventet, string tekst) =>
        Feil($"Verdien i {Navn} er ikke {forventet}.", Navn, ErPersonopplysning(Navn) ? Avvik.Maskert(tekst) : tekst);

    // Values that identify a person never go into Verdi in clear (Avvik.Verdi's contract).
    private static bool ErPersonopplysning(string navn) =>
        navn is "norskIdentifikator" or "identifikator" or "foedselsdato" or "navn" or "ansattnummer";

    private string? Sti(string? blad)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < stiDybde; i++)
        {
            var (navn, indeks) = sti[i];
            if (indeks == IkkeISti)
            {
                continue;
            }

            if (sb.Length > 0)
            {
                sb.Append('/');
            }

            sb.Append(navn);
            if (indeks >= 0)
            {
                sb.Append('[').Append(indeks).Append(']');
            }
        }

        if (blad is not null)
        {
            if (sb.Length > 0)
            {
                sb.Append('/');
            }

            sb.Append(blad);
        }

        return sb.Length == 0 ? null : sb.ToString();
    }
}
