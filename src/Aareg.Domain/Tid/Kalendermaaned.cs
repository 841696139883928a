using System.Globalization;

namespace Aareg.Domain.Tid;

/// <summary>A calendar month (kalendermåned), written <c>yyyy-MM</c>, zero-padded.</summary>
public readonly record struct Kalendermaaned : IComparable<Kalendermaaned>
{
    public Kalendermaaned(int aar, int maaned)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(aar, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(aar, 9999);
        ArgumentOutOfRangeException.ThrowIfLessThan(maaned, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maaned, 12);
        Aar = aar;
        Maaned = maaned;
    }

    public int Aar { get; }

    public int Maaned { get; }

    /// <summary>Months since year 0; handy for arithmetic and compact storage.</summary>
    public int Indeks => (Aar * 12) + (Maaned - 1);

    public DateOnly FoersteDag => new(Aar, Maaned, 1);

    public DateOnly SisteDag => new(Aar, Maaned, DateTime.DaysInMonth(Aar, Maaned));

    public static Kalendermaaned FraIndeks(int indeks) => new(indeks / 12, (indeks % 12) + 1);

    public static Kalendermaaned Fra(DateOnly dato) => new(dato.Year, dato.Month);

    public Kalendermaaned LeggTil(int maaneder) => FraIndeks(Indeks + maaneder);

    public bool Inneholder(DateOnly dato) => dato.Year == Aar && dato.Month == Maaned;

    /// <summary>Parses <c>yyyy-MM</c> (an xs:gYearMonth without time zone).</summary>
    public static bool TryParse(string? tekst, out Kalendermaaned maaned)
    {
        maaned = default;
        if (tekst is null || tekst.Length != 7 || tekst[4] != '-')
        {
            return false;
        }

        if (!int.TryParse(tekst.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var aar)
            || !int.TryParse(tekst.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var mnd)
            || aar < 1 || mnd < 1 || mnd > 12)
        {
            return false;
        }

        maaned = new Kalendermaaned(aar, mnd);
        return true;
    }

    public static Kalendermaaned Parse(string tekst) =>
        TryParse(tekst, out var m) ? m : throw new FormatException($"Ugyldig kalendermåned: '{tekst}'");

    public int CompareTo(Kalendermaaned other) => Indeks.CompareTo(other.Indeks);

    public static bool operator <(Kalendermaaned a, Kalendermaaned b) => a.Indeks < b.Indeks;

    public static bool operator >(Kalendermaaned a, Kalendermaaned b) => a.Indeks > b.Indeks;

    public static bool operator <=(Kalendermaaned a, Kalendermaaned b) => a.Indeks <= b.Indeks;

    public static bool operator >=(Kalendermaaned a, Kalendermaaned b) => a.Indeks >= b.Indeks;

    public override string ToString() => Aar.ToString("D4", CultureInfo.InvariantCulture) + "-" + Maaned.ToString("D2", CultureInfo.InvariantCulture);
}
