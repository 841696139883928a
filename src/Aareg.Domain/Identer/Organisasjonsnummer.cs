namespace Aareg.Domain.Identer;

/// <summary>A validated 9-digit organisasjonsnummer (Enhetsregisteret, modulus 11 with weights 3,2,7,6,5,4,3,2).</summary>
public readonly record struct Organisasjonsnummer
{
    private static readonly int[] Vekter = [3, 2, 7, 6, 5, 4, 3, 2];

    private Organisasjonsnummer(string verdi) => Verdi = verdi;

    public string Verdi { get; }

    public static bool TryParse(string? tekst, out Organisasjonsnummer orgnr)
    {
        orgnr = default;
        if (tekst is null || tekst.Length != 9 || !Personident.ErSifre(tekst))
        {
            return false;
        }

        var k = Kontrollsiffer(tekst.AsSpan(0, 8));
        if (k is null || k.Value != tekst[8] - '0')
        {
            return false;
        }

        orgnr = new Organisasjonsnummer(tekst);
        return true;
    }

    public static Organisasjonsnummer Parse(string tekst) =>
        TryParse(tekst, out var o) ? o : throw new FormatException($"Ugyldig organisasjonsnummer: '{tekst}'");

    /// <summary>The check digit for eight digits; null when the remainder is 1 (no valid number exists).</summary>
    public static int? Kontrollsiffer(ReadOnlySpan<char> aatteSifre)
    {
        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            sum += Vekter[i] * (aatteSifre[i] - '0');
        }

        var r = sum % 11;
        return r switch
        {
            0 => 0,
            1 => null,
            _ => 11 - r,
        };
    }

    public override string ToString() => Verdi;
}
