using System.Globalization;
using Aareg.Domain.Identer;

namespace Aareg.Domain.Tests.Identer;

public class PersonidentTests
{
    [Theory]
    [InlineData("02029404855", 1994, 2, 2)]
    [InlineData("12106346508", 1963, 10, 12)]
    [InlineData("14076412317", 1964, 7, 14)]
    public void Accepts_the_fnr_test_vectors_of_DOMAIN_2(string fnr, int aar, int maaned, int dag)
    {
        Assert.Equal(IdentFeil.Gyldig, Personident.Valider(fnr, tillatSyntetiske: false, out var ident));
        Assert.Equal(fnr, ident.Verdi);
        Assert.Equal(PersonidentType.Fnr, ident.Type);
        Assert.False(ident.ErSyntetisk);
        Assert.Equal(new DateOnly(aar, maaned, dag), ident.Foedselsdato);
    }

    [Theory]
    [InlineData("67106748532", 1967, 10, 27)]
    [InlineData("42109720369", 1997, 10, 2)]
    public void Accepts_the_dnr_test_vectors_and_detects_D_numbers(string dnr, int aar, int maaned, int dag)
    {
        Assert.Equal(IdentFeil.Gyldig, Personident.Valider(dnr, tillatSyntetiske: false, out var ident));
        Assert.Equal(PersonidentType.Dnr, ident.Type);
        Assert.False(ident.ErSyntetisk);
        Assert.Equal(new DateOnly(aar, maaned, dag), ident.Foedselsdato);
    }

    [Fact]
    public void Accepts_a_Tenor_synthetic_number_only_when_the_deployment_allows_it()
    {
        const string syntetisk = "05896729243";
        Assert.Equal(IdentFeil.SyntetiskIkkeTillatt, Personident.Valider(syntetisk, tillatSyntetiske: false, out _));
        Assert.False(Personident.TryParse(syntetisk, tillatSyntetiske: false, out _));

        Assert.True(Personident.TryParse(syntetisk, tillatSyntetiske: true, out var ident));
        Assert.True(ident.ErSyntetisk);
        Assert.Equal(PersonidentType.Fnr, ident.Type);
        Assert.Equal(new DateOnly(1967, 9, 5), ident.Foedselsdato);
    }

    [Fact]
    public void Accepts_a_NAV_synthetic_number_with_month_plus_40_only_when_allowed()
    {
        // 01 + 40 = 41: January 1990, NAV's test population (collides with old H-numbers).
        var nav = Bygg("014190", 0, 499);
        Assert.Equal(IdentFeil.SyntetiskIkkeTillatt, Personident.Valider(nav, tillatSyntetiske: false, out _));
        Assert.Equal(IdentFeil.Gyldig, Personident.Valider(nav, tillatSyntetiske: true, out var ident));
        Assert.True(ident.ErSyntetisk);
        Assert.Equal(PersonidentType.Fnr, ident.Type);
        Assert.Equal(new DateOnly(1990, 1, 1), ident.Foedselsdato);
    }

    [Fact]
    public void Accepts_a_synthetic_D_number_carrying_both_offsets_only_when_allowed()
    {
        var syntetiskDnr = Bygg("418190", 0, 499);
        Assert.Equal(IdentFeil.SyntetiskIkkeTillatt, Personident.Valider(syntetiskDnr, tillatSyntetiske: false, out _));
        Assert.Equal(IdentFeil.Gyldig, Personident.Valider(syntetiskDnr, tillatSyntetiske: true, out var ident));
        Assert.True(ident.ErSyntetisk);
        Assert.Equal(PersonidentType.Dnr, ident.Type);
        Assert.Equal(new DateOnly(1990, 1, 1), ident.Foedselsdato);
    }

    [Theory]
    [InlineData("02029404856")]
    [InlineData("12345678901")]
    [InlineData("02029404845")]
    public void Refuses_numbers_with_wrong_check_digits(string tekst)
    {
        Assert.Equal(IdentFeil.Kontrollsiffer, Personident.Valider(tekst, tillatSyntetiske: true, out var ident));
        Assert.Equal(default, ident);
        Assert.False(Personident.TryParse(tekst, tillatSyntetiske: true, out _));
    }

    [Theory]
    [InlineData("010199", 0, 499, 1999)]
    [InlineData("010160", 500, 749, 1860)]
    [InlineData("010110", 500, 999, 2010)]
    [InlineData("010160", 900, 999, 1960)]
    [InlineData("010139", 900, 999, 2039)]
    [InlineData("010140", 0, 499, 1940)]
    public void Derives_the_century_from_individual_number_and_year(string ddmmyy, int fra, int til, int aar)
    {
        var fnr = Bygg(ddmmyy, fra, til);
        Assert.Equal(IdentFeil.Gyldig, Personident.Valider(fnr, tillatSyntetiske: false, out var ident));
        Assert.Equal(new DateOnly(aar, 1, 1), ident.Foedselsdato);
    }

    [Theory]
    [InlineData("010145", 500, 749)]
    [InlineData("010153", 500, 749)]
    [InlineData("010160", 750, 899)]
    [InlineData("010199", 750, 899)]
    public void Refuses_individual_numbers_that_give_no_century(string ddmmyy, int fra, int til)
    {
        var fnr = Bygg(ddmmyy, fra, til);
        Assert.Equal(IdentFeil.Dato, Personident.Valider(fnr, tillatSyntetiske: true, out _));
    }

    [Theory]
    [InlineData("290200", 500, 999, true)]
    [InlineData("290200", 0, 499, false)]
    [InlineData("310294", 0, 499, false)]
    [InlineData("011390", 0, 499, false)]
    [InlineData("000190", 0, 499, false)]
    [InlineData("015390", 0, 499, false)]
    [InlineData("710190", 0, 499, true)]
    [InlineData("710490", 0, 499, false)]
    [InlineData("400190", 0, 499, false)]
    [InlineData("720190", 0, 499, false)]
    public void Requires_a_real_calendar_date_once_offsets_are_removed(string ddmmyy, int fra, int til, bool gyldig)
    {
        var fnr = Bygg(ddmmyy, fra, til);
        var feil = Personident.Valider(fnr, tillatSyntetiske: true, out _);
        Assert.Equal(gyldig ? IdentFeil.Gyldig : IdentFeil.Dato, feil);
    }

    [Fact]
    public void Accepts_K1_with_remainder_2_under_the_2032_rule_when_K2_is_right()
    {
        // The nine digits 150632500 (15 June 2032, individ 500) have weighted sum ≡ 7 (mod 11), so the classic
        // K1 is 4 (15063250047). K1 = 6 gives (7 + 6) mod 11 = 2, and with it K2 = 3 is the right second digit.
        const string nyttNummer = "15063250063";
        Assert.Equal(2, (VektetSumK1(nyttNummer) + Siffer(nyttNummer, 9)) % 11);
        Assert.Equal(Siffer(nyttNummer, 10), BeregnK2(nyttNummer[..10]));
        Assert.NotEqual(nyttNummer, Personident.MedKontrollsifre(nyttNummer[..9]));

        Assert.Equal(IdentFeil.Gyldig, Personident.Valider(nyttNummer, tillatSyntetiske: false, out var ident));
        Assert.Equal(new DateOnly(2032, 6, 15), ident.Foedselsdato);
    }

    [Theory]
    [InlineData("15063250047", true)]
    [InlineData("15063250055", true)]
    [InlineData("15063250063", true)]
    [InlineData("15063250071", true)]
    [InlineData("15063250160", false)]
    public void Accepts_K1_only_when_the_remainder_is_0_to_3(string nummer, bool gyldig)
    {
        Assert.Equal(Siffer(nummer, 10), BeregnK2(nummer[..10]));
        var rest = (VektetSumK1(nummer) + Siffer(nummer, 9)) % 11;
        Assert.Equal(gyldig, rest <= 3);

        var feil = Personident.Valider(nummer, tillatSyntetiske: false, out _);
        Assert.Equal(gyldig ? IdentFeil.Gyldig : IdentFeil.Kontrollsiffer, feil);
    }

    [Fact]
    public void Refuses_K1_with_remainder_4_even_with_a_correct_K2()
    {
        const string nummer = "15063250160";
        Assert.Equal(4, (VektetSumK1(nummer) + Siffer(nummer, 9)) % 11);
        Assert.Equal(Siffer(nummer, 10), BeregnK2(nummer[..10]));
        Assert.Equal(IdentFeil.Kontrollsiffer, Personident.Valider(nummer, tillatSyntetiske: true, out _));
    }

    [Theory]
    [InlineData("0202940485a")]
    [InlineData("02029404 55")]
    [InlineData("-2029404855")]
    [InlineData("02029404855 ")]
    [InlineData(" 02029404855")]
    [InlineData("０２０２９４０４８５５")]
    [InlineData("٠٢٠٢٩٤٠٤٨٥٥")]
    public void Refuses_input_that_is_not_eleven_ascii_digits(string tekst)
    {
        Assert.Equal(IdentFeil.Format, Personident.Valider(tekst, tillatSyntetiske: true, out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("0202940485")]
    [InlineData("020294048550")]
    public void Refuses_wrong_length(string tekst)
    {
        Assert.Equal(IdentFeil.Format, Personident.Valider(tekst, tillatSyntetiske: true, out _));
    }

    [Fact]
    public void Refuses_null()
    {
        Assert.Equal(IdentFeil.Format, Personident.Valider(null, tillatSyntetiske: true, out _));
        Assert.False(Personident.TryParse(null, tillatSyntetiske: true, out _));
    }

    [Fact]
    public void Parse_returns_the_ident_or_throws_without_the_number_in_the_message()
    {
        Assert.Equal("02029404855", Personident.Parse("02029404855", tillatSyntetiske: false).Verdi);

        var feil = Assert.Throws<FormatException>(() => Personident.Parse("02029404856", tillatSyntetiske: false));
        Assert.DoesNotContain("02029404856", feil.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(IdentFeil.Kontrollsiffer), feil.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_never_shows_the_number()
    {
        var ident = Personident.Parse("02029404855", tillatSyntetiske: false);
        Assert.DoesNotContain("0202", ident.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("4855", ident.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("020294048", "02029404855")]
    [InlineData("121063465", "12106346508")]
    [InlineData("671067485", "67106748532")]
    public void MedKontrollsifre_completes_known_numbers(string niSifre, string forventet) =>
        Assert.Equal(forventet, Personident.MedKontrollsifre(niSifre));

    [Theory]
    [InlineData("12345678")]
    [InlineData("1234567890")]
    [InlineData("12345678x")]
    public void MedKontrollsifre_gives_null_for_input_that_is_not_nine_digits(string tekst) =>
        Assert.Null(Personident.MedKontrollsifre(tekst));

    [Fact]
    public void MedKontrollsifre_gives_null_when_K1_would_be_10()
    {
        // A weighted sum ≡ 1 (mod 11) makes the classic K1 = 11 − 1 = 10: no number exists for those nine digits.
        var prefiks = Enumerable.Range(0, 1000)
            .Select(i => "010190" + i.ToString("D3", CultureInfo.InvariantCulture))
            .First(p => VektetSumK1(p) % 11 == 1);
        Assert.Null(Personident.MedKontrollsifre(prefiks));
    }

    /// <summary>The first number for <paramref name="ddmmyy"/> with an individual number in the range that has check digits.</summary>
    internal static string Bygg(string ddmmyy, int fra, int til)
    {
        for (var individ = fra; individ <= til; individ++)
        {
            var nummer = Personident.MedKontrollsifre(ddmmyy + individ.ToString("D3", CultureInfo.InvariantCulture));
            if (nummer is not null)
            {
                return nummer;
            }
        }

        throw new InvalidOperationException($"Ingen individnummer {fra}–{til} gir kontrollsifre for {ddmmyy}.");
    }

    internal static int Siffer(string tekst, int posisjon) => tekst[posisjon] - '0';

    /// <summary>An independent K1 weighted sum (DOMAIN §2: 3,7,6,1,8,9,4,5,2) over the first nine digits.</summary>
    internal static int VektetSumK1(string tekst)
    {
        int[] vekter = [3, 7, 6, 1, 8, 9, 4, 5, 2];
        return vekter.Select((v, i) => v * Siffer(tekst, i)).Sum();
    }

    /// <summary>An independent K2 (DOMAIN §2: 5,4,3,2,7,6,5,4,3,2 over nine digits and K1); 10 means none exists.</summary>
    internal static int BeregnK2(string tiSifre)
    {
        int[] vekter = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
        var k2 = 11 - (vekter.Select((v, i) => v * Siffer(tiSifre, i)).Sum() % 11);
        return k2 == 11 ? 0 : k2;
    }
}
