using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Xml;
using Aareg.Domain.AMelding;
using Aareg.Domain.Kontroller;

namespace Aareg.Mottak.Lesing;

/// <summary>The outcome of reading one a-melding.</summary>
/// <param name="Leveranse">
/// The parsed model; null only when the document could not be read as an a-melding at all (not well-formed, wrong
/// namespace or root, no Leveranse). With value errors it is still given, as far as it could be read, and the
/// avvik (all Avvisning) say that it must be rejected.
/// </param>
/// <param name="Avvik">Schema-level deviations (rule 104); empty when the melding was read cleanly.</param>
/// <param name="Navnerom">The XML namespace read (v2_3 or v2_2); null for the JSON form or when not accepted.</param>
public sealed record LeseResultat(Leveranse? Leveranse, IReadOnlyList<Avvik> Avvik, string? Navnerom)
{
    /// <summary>True when the melding must be rejected already at reading (any avvisning).</summary>
    public bool ErAvvist => Leveranse is null || Avvik.Any(a => a.Alvorlighetsgrad == Alvorlighetsgrad.Avvisning);
}

/// <summary>Bounds on what a reader accepts, so that no melding can exhaust memory or the stack.</summary>
/// <param name="MaksDybde">Maximum element (XML) or object/array (JSON) nesting; a real melding nests about 11 deep.</param>
/// <param name="MaksTegn">Maximum characters (XML) or bytes (JSON) in a melding.</param>
/// <param name="MaksAvvik">Maximum avvik reported for one melding; one summary avvik marks the rest as left out.</param>
public sealed record LeseGrenser(int MaksDybde = 32, long MaksTegn = 200_000_000, int MaksAvvik = 1000)
{
    public static LeseGrenser Standard { get; } = new();
}

/// <summary>
/// Reads a-meldinger (DOMAIN §4, AMELDING_V2_3.md) in the XML form (v2_3, v2_2) and the JSON form into
/// <see cref="Leveranse"/>. Streaming and secure: DTDs and entities are refused, never resolved, nesting and size are
/// bounded, and no input makes these methods throw; every problem with the input is an avvik with rule 104.
/// </summary>
public static class AMeldingLeser
{
    [SuppressMessage("Naming", "CA1707", Justification = "Named after the format versions v2_3 and v2_2, as written in the namespace.")]
    public const string NavneromV2_3 = "urn:ske:fastsetting:innsamling:a-meldingen:v2_3";

    [SuppressMessage("Naming", "CA1707", Justification = "Named after the format versions v2_3 and v2_2, as written in the namespace.")]
    public const string NavneromV2_2 = "urn:ske:fastsetting:innsamling:a-meldingen:v2_2";

    /// <summary>a-ordningen's rule for schema errors (DOMAIN §4.2).</summary>
    public const string RegelSkjema = "104";

    public static LeseResultat Les(ReadOnlyMemory<byte> innhold, bool erJson, LeseGrenser grenser)
    {
        ArgumentNullException.ThrowIfNull(grenser);
        if (erJson)
        {
            return LesJsonBytes(innhold, grenser);
        }

        if (MemoryMarshal.TryGetArray(innhold, out var segment))
        {
            using var ms = new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false);
            return LesXml(ms, grenser);
        }

        using var kopi = new MemoryStream(innhold.ToArray(), writable: false);
        return LesXml(kopi, grenser);
    }

    public static LeseResultat LesXml(Stream stream, LeseGrenser grenser)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(grenser);
        var avvik = new List<Avvik>();
        var innstillinger = new XmlReaderSettings
        {
            // Refuse DTDs outright and resolve nothing: no XXE, no entity expansion (DOMAIN §4.2, rule 104).
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,

            // Without a DTD no entity can be declared; this is a second fence should that ever change (0 would mean "no limit").
            MaxCharactersFromEntities = 1024,
            MaxCharactersInDocument = grenser.MaksTegn,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            IgnoreWhitespace = true,
            CloseInput = false,
            NameTable = new NameTable(),
        };

        XmlNodeLeser? leser = null;
        try
        {
            using var r = XmlReader.Create(stream, innstillinger);
            r.MoveToContent();
            var ns = r.NamespaceURI;
            if (r.NodeType != XmlNodeType.Element || r.LocalName != "melding" || (ns != NavneromV2_3 && ns != NavneromV2_2))
            {
                avvik.Add(Skjemafeil(
                    $"Meldingen må ha rotelementet melding i navnerommet {NavneromV2_3} (eller {NavneromV2_2})."));
                return new LeseResultat(null, avvik, null);
            }

            leser = new XmlNodeLeser(r, ns, grenser, avvik);
            var leveranse = LeveranseMapper.LesDokument(leser, "Leveranse");

            // Read to the end: what follows the root must be well-formed too.
            while (r.Read())
            {
            }

            return new LeseResultat(leveranse, avvik, ns);
        }
        catch (XmlException e)
        {
            avvik.Clear();
            var melding = XmlFeilmelding(e, leser?.DybdeOverskredet == true, grenser);
            avvik.Add(Skjemafeil(melding));
            return new LeseResultat(null, avvik, null);
        }
    }

    public static LeseResultat LesJson(Stream stream, LeseGrenser grenser)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(grenser);
        if (stream.CanSeek && stream.Length - stream.Position > grenser.MaksTegn)
        {
            return ForStor(grenser);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(stream.CanSeek ? (int)Math.Clamp(stream.Length - stream.Position + 1, 1, 1 << 24) : 64 * 1024);
        try
        {
            var lengde = 0;
            while (true)
            {
                if (lengde == buffer.Length)
                {
                    if (lengde >= grenser.MaksTegn || lengde >= Array.MaxLength / 2)
                    {
                        return ForStor(grenser);
                    }

                    var stoerre = ArrayPool<byte>.Shared.Rent(lengde * 2);
                    buffer.AsSpan(0, lengde).CopyTo(stoerre);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = stoerre;
                }

                var lest = stream.Read(buffer, lengde, buffer.Length - lengde);
                if (lest == 0)
                {
                    break;
                }

                lengde += lest;
            }

            return LesJsonBytes(buffer.AsMemory(0, lengde), grenser);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static LeseResultat LesJsonBytes(ReadOnlyMemory<byte> innhold, LeseGrenser grenser)
    {
        if (innhold.Length > grenser.MaksTegn)
        {
            return ForStor(grenser);
        }

        var avvik = new List<Avvik>();
        var valg = new JsonDocumentOptions
        {
            MaxDepth = grenser.MaksDybde,
            AllowTrailingCommas = false,
            CommentHandling = JsonCommentHandling.Disallow,
        };
        try
        {
            using var dokument = JsonDocument.Parse(innhold, valg);
            if (dokument.RootElement.ValueKind != JsonValueKind.Object)
            {
                avvik.Add(Skjemafeil("Meldingen må være et JSON-objekt med egenskapen leveranse."));
                return new LeseResultat(null, avvik, null);
            }

            var leser = new JsonNodeLeser(dokument.RootElement, grenser, avvik);
            return new LeseResultat(LeveranseMapper.LesDokument(leser, "leveranse"), avvik, null);
        }
        catch (JsonException e)
        {
            avvik.Clear();
            avvik.Add(Skjemafeil("Meldingen er ikke gyldig JSON: " + e.Message));
            return new LeseResultat(null, avvik, null);
        }
    }

    private static LeseResultat ForStor(LeseGrenser grenser) =>
        new(null, [Skjemafeil($"Meldingen er større enn {grenser.MaksTegn} tegn.")], null);

    private static Avvik Skjemafeil(string melding) => new(RegelSkjema, Alvorlighetsgrad.Avvisning, melding, null, null);

    // XmlReader tells a prohibited DTD and an exceeded size only through the message text (English under
    // InvariantGlobalization); the sender gets a specific message for those and the parser's own for the rest.
    private static string XmlFeilmelding(XmlException e, bool forDyp, LeseGrenser grenser)
    {
        if (forDyp)
        {
            return $"Meldingen har elementer nestet dypere enn {grenser.MaksDybde} nivåer.";
        }

        if (e.Message.Contains("DTD", StringComparison.Ordinal))
        {
            return "DTD og eksterne entiteter er ikke tillatt.";
        }

        if (e.Message.Contains("MaxCharactersInDocument", StringComparison.Ordinal))
        {
            return $"Meldingen er større enn {grenser.MaksTegn} tegn.";
        }

        return "Meldingen er ikke velformet XML: " + e.Message;
    }
}
