using System.Globalization;
using System.Text;

namespace Aareg.Storage.Revisjon;

/// <summary>
/// Audit records as ArcSight CEF lines for a SIEM (API §8). One line per record:
/// <c>CEF:0|Aareg|Aareg|1.0|&lt;operasjon&gt;|&lt;name&gt;|&lt;severity&gt;|extensions</c>. Nothing is masked: the SIEM
/// is one of the two places the person ident may go (API §8), and a silently masked export would hide who was
/// looked up from the people investigating misuse (docs/revisjon.md).
/// </summary>
public static class Cef
{
    public static string Linje(LagretRevisjon lagret)
    {
        ArgumentNullException.ThrowIfNull(lagret);
        var p = lagret.Post;
        var tillatt = p.Beslutning == Revisjonsbeslutning.Tillatt;
        var navn = (tillatt ? "Oppslag tillatt: " : "Oppslag avslått: ") + p.Operasjon;
        var sb = new StringBuilder("CEF:0|Aareg|Aareg|1.0|");
        sb.Append(Hode(p.Operasjon)).Append('|')
            .Append(Hode(navn)).Append('|')
            .Append(tillatt ? "3" : "7").Append('|');

        var felt = new List<(string Noekkel, string? Verdi)>
        {
            ("rt", p.Tidspunkt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)),
            ("cn1Label", "sekvensnummer"),
            ("cn1", lagret.Sekvensnummer.ToString(CultureInfo.InvariantCulture)),
            ("act", tillatt ? Revisjonsfelter.Tillatt : Revisjonsfelter.Avslaatt),
            ("outcome", tillatt ? "success" : "failure"),
            ("reason", p.Begrunnelse),
            ("duser", p.Personident),
            ("suser", p.Bruker),
            ("cs1Label", "konsument"),
            ("cs1", p.Konsument),
            ("cs2Label", "databehandler"),
            ("cs2", p.Databehandler),
            ("cs3Label", "formaal"),
            ("cs3", p.Formaal),
            ("cs4Label", "saksreferanse"),
            ("cs4", p.Saksreferanse),
            ("cs5Label", "avtale"),
            ("cs5", p.AvtaleId is null ? null : p.AvtaleId + (p.Avtaleversjon is { } v ? "/" + v.ToString(CultureInfo.InvariantCulture) : "")),
            ("cs6Label", "filtre"),
            ("cs6", p.Filtre),
            ("cnt", p.AntallArbeidsforhold.ToString(CultureInfo.InvariantCulture)),
            ("app", p.Kanal),
            ("externalId", p.Korrelasjonsid),
            ("flexString1Label", "skjultForPerson"),
            ("flexString1", p.SkjultForPerson ? "true" : "false"),
        };

        var foerste = true;
        foreach (var (noekkel, verdi) in felt)
        {
            if (verdi is null || (noekkel.EndsWith("Label", StringComparison.Ordinal) && Verdi(felt, noekkel) is null))
            {
                continue;
            }

            if (!foerste)
            {
                sb.Append(' ');
            }

            foerste = false;
            sb.Append(noekkel).Append('=').Append(Utvidelse(verdi));
        }

        return sb.ToString();
    }

    /// <summary>Header fields: backslash and pipe are escaped; a line break would end the record, so it becomes a space.</summary>
    public static string Hode(string verdi)
    {
        ArgumentNullException.ThrowIfNull(verdi);
        var sb = new StringBuilder(verdi.Length);
        foreach (var c in verdi)
        {
            _ = c switch
            {
                '\\' => sb.Append(@"\\"),
                '|' => sb.Append(@"\|"),
                '\r' or '\n' => sb.Append(' '),
                _ => sb.Append(c),
            };
        }

        return sb.ToString();
    }

    /// <summary>Extension values: backslash, equals sign and line breaks are escaped (<c>\\ \= \n \r</c>); pipes need none.</summary>
    public static string Utvidelse(string verdi)
    {
        ArgumentNullException.ThrowIfNull(verdi);
        var sb = new StringBuilder(verdi.Length);
        foreach (var c in verdi)
        {
            _ = c switch
            {
                '\\' => sb.Append(@"\\"),
                '=' => sb.Append(@"\="),
                '\n' => sb.Append(@"\n"),
                '\r' => sb.Append(@"\r"),
                _ => sb.Append(c),
            };
        }

        return sb.ToString();
    }

    /// <summary>The value a label names (cs1Label → cs1): a label without its value is left out.</summary>
    private static string? Verdi(List<(string Noekkel, string? Verdi)> felt, string label)
    {
        var navn = label[..^"Label".Length];
        return felt.FirstOrDefault(f => f.Noekkel == navn).Verdi;
    }
}
