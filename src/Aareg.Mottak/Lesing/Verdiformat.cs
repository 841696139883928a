using System.Globalization;
using Aareg.Domain.Tid;

namespace Aareg.Mottak.Lesing;

// Lexical forms of the XSD simple types used by the a-melding (AMELDING_V2_3.md §0), shared by the readers and writers.
// Parsing is hand-written rather than regex/ParseExact: it runs once per value of every melding in a month's ingest.
internal static class Verdiformat
{
    public const int MaksIdLengde = 150;

    /// <summary>Smallest and largest kalendermaaned the XSD allows (minInclusive 2014-01, maxInclusive 2099-12).</summary>
    public static readonly Kalendermaaned MinsteMaaned = new(2014, 1);

    public static readonly Kalendermaaned StoersteMaaned = new(2099, 12);

    /// <summary>xs:decimal without trailing zeros and without exponent: <c>37.5</c>, <c>100</c>, <c>-0.25</c>.</summary>
    public static string Desimal(decimal verdi)
    {
        if (verdi == 0)
        {
            return "0";
        }

        var tekst = verdi.ToString(CultureInfo.InvariantCulture);
        if (tekst.Contains('.', StringComparison.Ordinal))
        {
            tekst = tekst.TrimEnd('0').TrimEnd('.');
        }

        return tekst;
    }

    /// <summary>Amounts the way payroll systems write them (AMELDING_V2_3.md §10.3): two decimals, more only if needed.</summary>
    public static string Beloep(decimal verdi) =>
        decimal.Round(verdi, 2) == verdi ? verdi.ToString("0.00", CultureInfo.InvariantCulture) : Desimal(verdi);

    public static string Dato(DateOnly dato) => dato.ToString("yyyy'-'MM'-'dd", CultureInfo.InvariantCulture);

    /// <summary>xs:dateTime as <c>2026-12-03T09:15:00Z</c>; fractions and a non-zero offset only when present.</summary>
    public static string Tidspunkt(DateTimeOffset tid)
    {
        var tekst = tid.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss", CultureInfo.InvariantCulture);
        var broek = tid.Ticks % TimeSpan.TicksPerSecond;
        if (broek != 0)
        {
            tekst += "." + broek.ToString("D7", CultureInfo.InvariantCulture).TrimEnd('0');
        }

        if (tid.Offset == TimeSpan.Zero)
        {
            return tekst + "Z";
        }

        var offset = tid.Offset;
        var fortegn = offset < TimeSpan.Zero ? '-' : '+';
        offset = offset.Duration();
        return string.Create(CultureInfo.InvariantCulture, $"{tekst}{fortegn}{offset.Hours:D2}:{offset.Minutes:D2}");
    }

    public static string Boolsk(bool verdi) => verdi ? "true" : "false";

    /// <summary>xs:decimal: optional sign, digits, optional fraction; no exponent, no grouping.</summary>
    public static bool TryDesimal(string tekst, out decimal verdi) =>
        decimal.TryParse(tekst, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out verdi);

    public static bool TryBoolsk(string tekst, out bool verdi)
    {
        switch (tekst)
        {
            case "true":
            case "1":
                verdi = true;
                return true;
            case "false":
            case "0":
                verdi = false;
                return true;
            default:
                verdi = false;
                return false;
        }
    }

    /// <summary>xs:date: <c>yyyy-MM-dd</c>, optionally followed by a time zone, which a calendar date does not need.</summary>
    public static bool TryDato(string tekst, out DateOnly dato)
    {
        dato = default;
        if (tekst.Length < 10 || !ErTidssone(tekst.AsSpan(10)))
        {
            return false;
        }

        return TryDatodel(tekst.AsSpan(0, 10), out dato);
    }

    /// <summary>xs:dateTime: <c>yyyy-MM-ddTHH:mm:ss[.f+][Z|±hh:mm]</c>; without a time zone the value is taken as UTC.</summary>
    public static bool TryTidspunkt(string tekst, out DateTimeOffset tid)
    {
        tid = default;
        var s = tekst.AsSpan();
        if (s.Length < 19 || s[10] != 'T' || s[13] != ':' || s[16] != ':'
            || !TryDatodel(s[..10], out var dato)
            || !TryTall(s.Slice(11, 2), out var time) || !TryTall(s.Slice(14, 2), out var minutt)
            || !TryTall(s.Slice(17, 2), out var sekund)
            || time > 23 || minutt > 59 || sekund > 59)
        {
            return false;
        }

        var rest = s[19..];
        long broekTicks = 0;
        if (rest.Length > 0 && rest[0] == '.')
        {
            var i = 1;
            long skala = TimeSpan.TicksPerSecond / 10;
            while (i < rest.Length && char.IsAsciiDigit(rest[i]))
            {
                // Digits beyond 100 ns are below DateTimeOffset's resolution and are dropped.
                broekTicks += (rest[i] - '0') * skala;
                skala /= 10;
                i++;
            }

            if (i == 1)
            {
                return false;
            }

            rest = rest[i..];
        }

        if (!TryTidssone(rest, out var offset))
        {
            return false;
        }

        var lokal = dato.ToDateTime(new TimeOnly(time, minutt, sekund)).AddTicks(broekTicks);
        var utc = lokal.Ticks - offset.Ticks;
        if (utc < DateTime.MinValue.Ticks || utc > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        tid = new DateTimeOffset(lokal, offset);
        return true;
    }

    /// <summary>xs:gYearMonth <c>yyyy-MM</c> (a time zone suffix is tolerated).</summary>
    public static bool TryMaaned(string tekst, out Kalendermaaned maaned)
    {
        maaned = default;
        if (tekst.Length < 7 || !ErTidssone(tekst.AsSpan(7)))
        {
            return false;
        }

        return Kalendermaaned.TryParse(tekst.Length == 7 ? tekst : tekst[..7], out maaned);
    }

    /// <summary>The id facets of the XSD: maxLength 150, pattern <c>([0-9a-zA-Z_.-])*</c>.</summary>
    public static bool ErGyldigId(string tekst)
    {
        if (tekst.Length > MaksIdLengde)
        {
            return false;
        }

        foreach (var c in tekst)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_' && c != '.' && c != '-')
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryDatodel(ReadOnlySpan<char> s, out DateOnly dato)
    {
        dato = default;
        if (s.Length != 10 || s[4] != '-' || s[7] != '-'
            || !TryTall(s[..4], out var aar) || !TryTall(s.Slice(5, 2), out var maaned) || !TryTall(s.Slice(8, 2), out var dag)
            || aar < 1 || maaned < 1 || maaned > 12 || dag < 1 || dag > DateTime.DaysInMonth(aar, maaned))
        {
            return false;
        }

        dato = new DateOnly(aar, maaned, dag);
        return true;
    }

    private static bool ErTidssone(ReadOnlySpan<char> s) => TryTidssone(s, out _);

    private static bool TryTidssone(ReadOnlySpan<char> s, out TimeSpan offset)
    {
        offset = TimeSpan.Zero;
        if (s.Length == 0 || (s.Length == 1 && s[0] == 'Z'))
        {
            return true;
        }

        if (s.Length != 6 || (s[0] != '+' && s[0] != '-') || s[3] != ':'
            || !TryTall(s.Slice(1, 2), out var timer) || !TryTall(s.Slice(4, 2), out var minutter)
            || minutter > 59 || (timer * 60) + minutter > 14 * 60)
        {
            return false;
        }

        offset = new TimeSpan(timer, minutter, 0);
        if (s[0] == '-')
        {
            offset = -offset;
        }

        return true;
    }

    private static bool TryTall(ReadOnlySpan<char> s, out int verdi)
    {
        verdi = 0;
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            verdi = (verdi * 10) + (c - '0');
        }

        return s.Length > 0;
    }
}
