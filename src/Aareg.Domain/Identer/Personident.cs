namespace Aareg.Domain.Identer;

public enum PersonidentType
{
    /// <summary>Fødselsnummer.</summary>
    Fnr,

    /// <summary>D-nummer (first digit + 4).</summary>
    Dnr,
}

/// <summary>Why an ident was refused; <see cref="Gyldig"/> when it was not.</summary>
public enum IdentFeil
{
    Gyldig,
    Format,
    Kontrollsiffer,
    Dato,
    SyntetiskIkkeTillatt,
}

/// <summary>
/// A validated Norwegian person ident: fødselsnummer or D-nummer (DOMAIN §2), 11 digits <c>DDMMYY III K1 K2</c>.
/// Synthetic test numbers (Skatteetaten's Tenor: month + 80; NAV: month + 40) are accepted only when the
/// deployment allows them. Never log or put the value in a URL: it is personal data.
/// </summary>
public readonly record struct Personident
{
    private static readonly int[] VekterK1 = [3, 7, 6, 1, 8, 9, 4, 5, 2];
    private static readonly int[] VekterK2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

    private Personident(string verdi, PersonidentType type, bool erSyntetisk, DateOnly foedselsdato)
    {
        Verdi = verdi;
        Type = type;
        ErSyntetisk = erSyntetisk;
        Foedselsdato = foedselsdato;
    }

    public string Verdi { get; }

    public PersonidentType Type { get; }

    public bool ErSyntetisk { get; }

    public DateOnly Foedselsdato { get; }

    public static bool TryParse(string? tekst, bool tillatSyntetiske, out Personident ident) =>
        Valider(tekst, tillatSyntetiske, out ident) == IdentFeil.Gyldig;

    public static Personident Parse(string tekst, bool tillatSyntetiske) =>
        Valider(tekst, tillatSyntetiske, out var ident) is var feil && feil == IdentFeil.Gyldig
            ? ident
            : throw new FormatException($"Ugyldig personident ({feil}).");

    /// <summary>Validates and says why an ident is refused.</summary>
    public static IdentFeil Valider(string? tekst, bool tillatSyntetiske, out Personident ident)
    {
        ident = default;
        if (tekst is null || tekst.Length != 11 || !ErSifre(tekst))
        {
            return IdentFeil.Format;
        }

        Span<int> d = stackalloc int[11];
        for (var i = 0; i < 11; i++)
        {
            d[i] = tekst[i] - '0';
        }

        if (!KontrollsifreGyldige(d))
        {
            return IdentFeil.Kontrollsiffer;
        }

        var dag = (d[0] * 10) + d[1];
        var maaned = (d[2] * 10) + d[3];
        var aar2 = (d[4] * 10) + d[5];
        var individ = (d[6] * 100) + (d[7] * 10) + d[8];

        var type = PersonidentType.Fnr;
        if (dag > 40)
        {
            type = PersonidentType.Dnr;
            dag -= 40;
        }

        var syntetisk = false;
        if (maaned > 80)
        {
            syntetisk = true;
            maaned -= 80;
        }
        else if (maaned > 40)
        {
            syntetisk = true;
            maaned -= 40;
        }

        var aar = Aarhundre(individ, aar2);
        if (aar is null || maaned is < 1 or > 12 || dag < 1 || dag > DateTime.DaysInMonth(aar.Value, maaned))
        {
            return IdentFeil.Dato;
        }

        if (syntetisk && !tillatSyntetiske)
        {
            return IdentFeil.SyntetiskIkkeTillatt;
        }

        ident = new Personident(tekst, type, syntetisk, new DateOnly(aar.Value, maaned, dag));
        return IdentFeil.Gyldig;
    }

    /// <summary>
    /// K2 is always checked. K1 is checked the classic way, or, for numbers issued from 2032 on, accepted when
    /// (weighted sum + K1) mod 11 ∈ {0,1,2,3} (Skatteetaten's new rule: K1 no longer unique).
    /// </summary>
    private static bool KontrollsifreGyldige(ReadOnlySpan<int> d)
    {
        var sum1 = 0;
        for (var i = 0; i < 9; i++)
        {
            sum1 += VekterK1[i] * d[i];
        }

        var k1Ok = (sum1 + d[9]) % 11 is 0 or 1 or 2 or 3;
        if (!k1Ok)
        {
            return false;
        }

        var sum2 = 0;
        for (var i = 0; i < 10; i++)
        {
            sum2 += VekterK2[i] * d[i];
        }

        var k2 = 11 - (sum2 % 11);
        if (k2 == 11)
        {
            k2 = 0;
        }

        return k2 != 10 && k2 == d[10];
    }

    private static int? Aarhundre(int individ, int aar2) => individ switch
    {
        <= 499 => 1900 + aar2,
        <= 749 when aar2 >= 54 => 1800 + aar2,
        >= 500 when aar2 <= 39 => 2000 + aar2,
        >= 900 when aar2 >= 40 => 1900 + aar2,
        _ => null,
    };

    internal static bool ErSifre(string tekst)
    {
        foreach (var c in tekst)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Computes the two check digits for nine digits, the classic way (K1 = 11 − sum mod 11). Null when invalid.</summary>
    public static string? MedKontrollsifre(string niSifre)
    {
        ArgumentNullException.ThrowIfNull(niSifre);
        if (niSifre.Length != 9 || !ErSifre(niSifre))
        {
            return null;
        }

        var sum1 = 0;
        for (var i = 0; i < 9; i++)
        {
            sum1 += VekterK1[i] * (niSifre[i] - '0');
        }

        var k1 = 11 - (sum1 % 11);
        if (k1 == 11)
        {
            k1 = 0;
        }

        if (k1 == 10)
        {
            return null;
        }

        var sum2 = 0;
        for (var i = 0; i < 9; i++)
        {
            sum2 += VekterK2[i] * (niSifre[i] - '0');
        }

        sum2 += 2 * k1;
        var k2 = 11 - (sum2 % 11);
        if (k2 == 11)
        {
            k2 = 0;
        }

        return k2 == 10 ? null : string.Concat(niSifre, k1.ToString(System.Globalization.CultureInfo.InvariantCulture), k2.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Never prints the ident: logs and exception messages must not carry personal data.</summary>
    public override string ToString() => $"Personident({Type}, ***********)";
}
