using Aareg.Domain.Kodeverk;

namespace Aareg.Domain.Tests.Kodeverk;

public class YrkerTests
{
    private static readonly Kodeverkkatalog Katalog = Kodeverkkatalog.Standard;
    private static readonly DateOnly Dato = new(2024, 3, 1);

    [Theory]
    [InlineData("1210147", "Styrer (barnehage)")]
    [InlineData("1228103", "Sjefsykepleier")]
    [InlineData("5132121", "Helsefagarbeider")]
    [InlineData("3431101", "Administrasjonssekretær")]
    public void Accepts_the_curated_examples_of_DOMAIN_8_with_their_titles(string kode, string tittel)
    {
        Assert.True(Katalog.ErGyldig(Kodeverknavn.Yrker, kode, Dato));
        Assert.Equal(tittel, Katalog.Beskrivelse(Kodeverknavn.Yrker, kode));
    }

    [Fact]
    public void Curated_codes_are_valid_even_when_their_prefix_is_not_a_STYRK08_unit_group()
    {
        Assert.False(Styrk08.ErEnhetsgruppe("1228"));
        Assert.True(Katalog.ErGyldig(Kodeverknavn.Yrker, "1228103", new DateOnly(2010, 1, 1)));
    }

    [Fact]
    public void The_curated_list_has_about_forty_seven_digit_codes_covering_common_occupations()
    {
        var koder = Katalog.Koder(Kodeverknavn.Yrker)!;
        Assert.InRange(koder.Count, 40, 60);
        Assert.All(koder, k => Assert.True(Kodeverkkatalog.HarYrkeformat(k.Verdi), k.Verdi));
        var titler = koder.Select(k => k.Beskrivelse).ToList();
        foreach (var tittel in new[] { "Sykepleier", "Selger", "Renholder", "Kokk", "Snekker", "Elektriker", "IT-utvikler", "Regnskapsfører", "Lagermedarbeider", "Sjåfør", "Matros", "Skipsfører" })
        {
            Assert.Contains(tittel, titler);
        }
    }

    [Fact]
    public void Accepts_an_uncurated_code_whose_first_four_digits_are_a_STYRK08_unit_group()
    {
        const string kode = "2512999";
        Assert.DoesNotContain(Katalog.Koder(Kodeverknavn.Yrker)!, k => k.Verdi == kode);
        Assert.True(Katalog.ErGyldig(Kodeverknavn.Yrker, kode, Dato));
    }

    [Fact]
    public void An_uncurated_code_is_described_by_its_unit_group()
    {
        Assert.Equal("Programvareutviklere", Katalog.Beskrivelse(Kodeverknavn.Yrker, "2512999"));
        Assert.Equal("Programvareutviklere", Katalog.Beskrivelse(Kodeverknavn.Yrker, "2512999", Dato));
    }

    [Theory]
    [InlineData("251299")]
    [InlineData("25129990")]
    [InlineData("2512a99")]
    [InlineData("yrke123")]
    [InlineData("")]
    [InlineData(" 251299")]
    [InlineData("２５１２９９９")]
    public void Refuses_a_yrke_that_is_not_seven_ascii_digits(string kode)
    {
        Assert.False(Kodeverkkatalog.HarYrkeformat(kode));
        Assert.False(Katalog.ErGyldig(Kodeverknavn.Yrker, kode, Dato));
        Assert.Null(Katalog.Beskrivelse(Kodeverknavn.Yrker, kode));
    }

    [Theory]
    [InlineData("1000101")]
    [InlineData("9999101")]
    [InlineData("1228999")]
    [InlineData("0000000")]
    public void Refuses_a_seven_digit_code_with_an_unknown_unit_group(string kode)
    {
        Assert.False(Katalog.ErGyldig(Kodeverknavn.Yrker, kode, Dato));
        Assert.Null(Katalog.Beskrivelse(Kodeverknavn.Yrker, kode));
    }

    [Fact]
    public void STYRK08_has_all_436_unit_groups_across_the_ten_major_groups()
    {
        Assert.Equal(436, Styrk08.Enhetsgrupper.Count);
        Assert.All(Styrk08.Enhetsgrupper.Keys, k => Assert.Matches("^[0-9]{4}$", k));
        var perHovedgruppe = Styrk08.Enhetsgrupper.Keys.GroupBy(k => k[0]).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(
            new Dictionary<char, int> { ['0'] = 3, ['1'] = 31, ['2'] = 92, ['3'] = 84, ['4'] = 29, ['5'] = 40, ['6'] = 18, ['7'] = 66, ['8'] = 40, ['9'] = 33 },
            perHovedgruppe);
    }

    [Theory]
    [InlineData("2221", "Sykepleiere")]
    [InlineData("5321", "Helsefagarbeidere")]
    [InlineData("8350", "Matroser og dekksmannskap")]
    public void STYRK08_names_unit_groups_in_bokmaal(string gruppe, string navn)
    {
        Assert.True(Styrk08.ErEnhetsgruppe(gruppe));
        Assert.Equal(navn, Styrk08.Navn(gruppe));
    }

    [Theory]
    [InlineData("222")]
    [InlineData("22210")]
    [InlineData("1228")]
    public void STYRK08_refuses_what_is_not_a_unit_group(string gruppe)
    {
        Assert.False(Styrk08.ErEnhetsgruppe(gruppe));
        Assert.Null(Styrk08.Navn(gruppe));
    }
}
