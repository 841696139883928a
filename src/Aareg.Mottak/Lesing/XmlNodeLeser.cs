using System.Text;
using System.Xml;
using Aareg.Domain.Kontroller;

namespace Aareg.Mottak.Lesing;

/// <summary>
/// <see cref="NodeLeser"/> over a forward-only <see cref="XmlReader"/>: one pass, nothing of the document kept, so a
/// melding of any size streams. Elements outside the melding's namespace are skipped like unknown ones. Every element
/// seen, also inside skipped subtrees, is checked against the depth bound.
/// </summary>
internal sealed class XmlNodeLeser : NodeLeser
{
    private readonly XmlReader r;
    private readonly string navnerom;
    private readonly int maksDybde;

    // On a child start element that the caller has neither read nor entered.
    private bool ubrukt;

    // Entered an empty element (<x/>): it has no children and no end element to read.
    private bool tomInngang;

    /// <param name="navnerom">The melding's namespace, atomised in the reader's name table (compared by reference).</param>
    public XmlNodeLeser(XmlReader r, string navnerom, LeseGrenser grenser, List<Avvik> avvik)
        : base(avvik, grenser.MaksAvvik, medPermittering: navnerom == AMeldingLeser.NavneromV2_3)
    {
        this.r = r;
        this.navnerom = navnerom;
        maksDybde = grenser.MaksDybde;
        Navn = r.LocalName;
        ubrukt = true;
    }

    /// <summary>Set when the document nests deeper than <see cref="LeseGrenser.MaksDybde"/>, before the XmlException that stops the read.</summary>
    public bool DybdeOverskredet { get; private set; }

    protected override bool NesteBarnKjerne()
    {
        if (tomInngang)
        {
            tomInngang = false;
            return false;
        }

        if (ubrukt)
        {
            HoppOver();
        }

        while (r.Read())
        {
            switch (r.NodeType)
            {
                case XmlNodeType.Element:
                    SjekkDybde();
                    if (!ReferenceEquals(r.NamespaceURI, navnerom))
                    {
                        HoppOver();
                        continue;
                    }

                    Navn = r.LocalName;
                    ubrukt = true;
                    return true;
                case XmlNodeType.EndElement:
                    return false;
                default:
                    continue;
            }
        }

        return false;
    }

    protected override void InnKjerne()
    {
        ubrukt = false;
        tomInngang = r.IsEmptyElement;
    }

    protected override string? LesTekst()
    {
        ubrukt = false;
        if (r.IsEmptyElement)
        {
            return null;
        }

        var dybde = r.Depth;
        string? tekst = null;
        StringBuilder? flere = null;
        var harBarn = false;
        while (r.Read())
        {
            switch (r.NodeType)
            {
                case XmlNodeType.Text:
                case XmlNodeType.CDATA:
                case XmlNodeType.Whitespace:
                case XmlNodeType.SignificantWhitespace:
                    if (tekst is null)
                    {
                        tekst = r.Value;
                    }
                    else
                    {
                        // Text split by a comment or CDATA section: rare, so only then a builder.
                        (flere ??= new StringBuilder(tekst)).Append(r.Value);
                    }

                    break;
                case XmlNodeType.Element:
                    SjekkDybde();
                    harBarn = true;
                    HoppOver();
                    break;
                case XmlNodeType.EndElement when r.Depth == dybde:
                    if (harBarn)
                    {
                        IkkeEnVerdi();
                        return null;
                    }

                    return flere?.ToString() ?? tekst;
                default:
                    break;
            }
        }

        return tekst;
    }

    /// <summary>Skips the element the reader is on, checking the depth of everything inside (Skip() would not).</summary>
    private void HoppOver()
    {
        ubrukt = false;
        if (r.IsEmptyElement)
        {
            return;
        }

        var dybde = r.Depth;
        while (r.Read())
        {
            if (r.NodeType == XmlNodeType.Element)
            {
                SjekkDybde();
            }
            else if (r.NodeType == XmlNodeType.EndElement && r.Depth == dybde)
            {
                return;
            }
        }
    }

    private void SjekkDybde()
    {
        if (r.Depth >= maksDybde)
        {
            DybdeOverskredet = true;
            throw new XmlException("Elementene er nestet for dypt.");
        }
    }
}
