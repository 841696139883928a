using System.Globalization;
using Aareg.Domain.Identer;
using CsCheck;

namespace Aareg.Domain.Tests.Identer;

public class IdentPropertyTests
{
    /// <summary>
    /// A birth date the fnr scheme can express (1854–2039) and an individual number that DOMAIN §2 maps to that
    /// date's century: 500–749 for 1854–1899, 000–499 for 1900–1939, 000–499 or 900–999 for 1940–1999, 500–999
    /// for 2000–2039.
    /// </summary>
    private static readonly Gen<(DateOnly Dato, int Individ)> GenFoedsel =
        Gen.Select(Gen.DateOnly[new DateOnly(1854, 1, 1), new DateOnly(2039, 12, 31)], Gen.Int[0, 999])
            .Select(t => (t.Item1, IndividFor(t.Item1.Year, t.Item2)));

    /// <summary>Nine digits (date + individual number) for which <see cref="Personident.MedKontrollsifre"/> gives a number.</summary>
    private static readonly Gen<(DateOnly Dato, string Nummer)> GenFnr =
        GenFoedsel
            .Select(f => (f.Dato, Nummer: Personident.MedKontrollsifre(NiSifre(f.Dato, f.Individ, dagTillegg: 0))))
            .Where(f => f.Nummer is not null)
            .Select(f => (f.Dato, f.Nummer!));

    [Fact]
    public void Every_number_built_by_MedKontrollsifre_validates_with_its_birth_date_as_fnr()
    {
        GenFoedsel.Sample(f =>
        {
            var nummer = Personident.MedKontrollsifre(NiSifre(f.Dato, f.Individ, dagTillegg: 0));
            if (nummer is null)
            {
                // K1 or K2 would be 10: no fnr exists for these nine digits.
                return;
            }

            Assert.Equal(IdentFeil.Gyldig, Personident.Valider(nummer, tillatSyntetiske: false, out var ident));
            Assert.Equal(f.Dato, ident.Foedselsdato);
            Assert.Equal(PersonidentType.Fnr, ident.Type);
            Assert.False(ident.ErSyntetisk);
        });
    }

    [Fact]
    public void Every_number_built_by_MedKontrollsifre_with_day_plus_40_validates_as_dnr()
    {
        GenFoedsel.Sample(f =>
        {
            var nummer = Personident.MedKontrollsifre(NiSifre(f.Dato, f.Individ, dagTillegg: 40));
            if (nummer is null)
            {
                return;
            }

            Assert.Equal(IdentFeil.Gyldig, Personident.Valider(nummer, tillatSyntetiske: false, out var ident));
            Assert.Equal(f.Dato, ident.Foedselsdato);
            Assert.Equal(PersonidentType.Dnr, ident.Type);
        });
    }

    [Fact]
    public void Most_date_and_individual_combinations_have_check_digits()
    {
        // Guards the properties above against passing vacuously: roughly (10/11)² of prefixes have both digits.
        var medSifre = 0;
        GenFoedsel.Sample(f =>
        {
            if (Personident.MedKontrollsifre(NiSifre(f.Dato, f.Individ, dagTillegg: 0)) is not null)
            {
                Interlocked.Increment(ref medSifre);
            }
        }, iter: 1000, threads: 1);
        Assert.InRange(medSifre, 700, 900);
    }

    /// <summary>
    /// K2's weights (5,4,3,2,7,6,5,4,3,2 and 1 for K2 itself) are all non-zero mod 11 and 11 is prime, so changing
    /// one digit by 1–9 always breaks the K2 sum: a single-digit error never yields another valid number.
    /// </summary>
    [Fact]
    public void Changing_any_single_digit_of_a_valid_fnr_makes_it_invalid_by_check_digit()
    {
        Gen.Select(GenFnr, Gen.Int[0, 10], Gen.Int[1, 9]).Sample((fnr, posisjon, endring) =>
        {
            var sifre = fnr.Nummer.ToCharArray();
            sifre[posisjon] = (char)('0' + ((sifre[posisjon] - '0' + endring) % 10));
            var endret = new string(sifre);

            Assert.Equal(IdentFeil.Kontrollsiffer, Personident.Valider(endret, tillatSyntetiske: true, out _));
        });
    }

    [Fact]
    public void K1_is_accepted_exactly_when_weighted_sum_plus_K1_leaves_0_to_3_given_a_right_K2()
    {
        Gen.Select(GenFoedsel, Gen.Int[0, 9]).Sample((f, k1) =>
        {
            var tiSifre = NiSifre(f.Dato, f.Individ, dagTillegg: 0) + k1.ToString(CultureInfo.InvariantCulture);
            var k2 = PersonidentTests.BeregnK2(tiSifre);
            if (k2 == 10)
            {
                return;
            }

            var nummer = tiSifre + k2.ToString(CultureInfo.InvariantCulture);
            var rest = (PersonidentTests.VektetSumK1(nummer) + k1) % 11;
            var forventet = rest <= 3 ? IdentFeil.Gyldig : IdentFeil.Kontrollsiffer;
            Assert.Equal(forventet, Personident.Valider(nummer, tillatSyntetiske: false, out _));
        });
    }

    [Fact]
    public void Arbitrary_strings_never_throw_and_TryParse_agrees_with_Valider()
    {
        Gen.String.Sample(tekst =>
        {
            var feil = Personident.Valider(tekst, tillatSyntetiske: true, out _);
            Assert.Equal(feil == IdentFeil.Gyldig, Personident.TryParse(tekst, tillatSyntetiske: true, out _));
        });
        Gen.Long[0, 99_999_999_999].Select(n => n.ToString("D11", CultureInfo.InvariantCulture)).Sample(tekst =>
        {
            var feil = Personident.Valider(tekst, tillatSyntetiske: true, out var ident);
            Assert.NotEqual(IdentFeil.Format, feil);
            Assert.Equal(feil == IdentFeil.Gyldig ? tekst : null, ident.Verdi);
        });
    }

    [Fact]
    public void Every_eight_digit_prefix_with_a_check_digit_gives_exactly_one_valid_orgnr()
    {
        Gen.Int[0, 99_999_999].Select(n => n.ToString("D8", CultureInfo.InvariantCulture)).Sample(prefiks =>
        {
            var kontrollsiffer = Organisasjonsnummer.Kontrollsiffer(prefiks);
            for (var siste = 0; siste <= 9; siste++)
            {
                var nummer = prefiks + siste.ToString(CultureInfo.InvariantCulture);
                var forventet = kontrollsiffer == siste;
                Assert.Equal(forventet, Organisasjonsnummer.TryParse(nummer, out var orgnr));
                Assert.Equal(forventet ? nummer : null, orgnr.Verdi);
            }
        });
    }

    [Fact]
    public void Changing_any_single_digit_of_a_valid_orgnr_makes_it_invalid()
    {
        var genOrgnr = Gen.Int[0, 99_999_999]
            .Select(n => n.ToString("D8", CultureInfo.InvariantCulture))
            .Select(p => (Prefiks: p, K: Organisasjonsnummer.Kontrollsiffer(p)))
            .Where(p => p.K is not null)
            .Select(p => p.Prefiks + p.K!.Value.ToString(CultureInfo.InvariantCulture));

        Gen.Select(genOrgnr, Gen.Int[0, 8], Gen.Int[1, 9]).Sample((orgnr, posisjon, endring) =>
        {
            var sifre = orgnr.ToCharArray();
            sifre[posisjon] = (char)('0' + ((sifre[posisjon] - '0' + endring) % 10));
            Assert.False(Organisasjonsnummer.TryParse(new string(sifre), out _));
        });
    }

    private static int IndividFor(int aar, int r) => aar switch
    {
        < 1900 => 500 + (r % 250),
        < 1940 => r % 500,
        < 2000 => r % 600 is var v && v < 500 ? v : 900 + (v - 500),
        _ => 500 + (r % 500),
    };

    private static string NiSifre(DateOnly dato, int individ, int dagTillegg) =>
        (dato.Day + dagTillegg).ToString("D2", CultureInfo.InvariantCulture)
        + dato.Month.ToString("D2", CultureInfo.InvariantCulture)
        + (dato.Year % 100).ToString("D2", CultureInfo.InvariantCulture)
        + individ.ToString("D3", CultureInfo.InvariantCulture);
}
