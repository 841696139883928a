using Aareg.Domain.Kodeverk;

namespace Aareg.Domain.Tests.Kodeverk;

public class LandkoderTests
{
    private static readonly Kodeverkkatalog Katalog = Kodeverkkatalog.Standard;
    private static readonly DateOnly Dato = new(2023, 5, 1);

    [Theory]
    [InlineData("NO", "Norge")]
    [InlineData("SE", "Sverige")]
    [InlineData("DK", "Danmark")]
    [InlineData("GB", "Storbritannia")]
    [InlineData("AT", "Østerrike")]
    [InlineData("SS", "Sør-Sudan")]
    public void Knows_countries_with_bokmaal_names(string kode, string navn)
    {
        Assert.True(Katalog.ErGyldig(Kodeverknavn.Landkoder, kode, Dato));
        Assert.Equal(navn, Katalog.Beskrivelse(Kodeverknavn.Landkoder, kode));
    }

    [Theory]
    [InlineData("XX")]
    [InlineData("no")]
    [InlineData("NOR")]
    [InlineData("UK")]
    [InlineData("")]
    public void Refuses_codes_that_are_not_ISO_3166_1_alpha_2(string kode)
    {
        Assert.False(Katalog.ErGyldig(Kodeverknavn.Landkoder, kode, Dato));
        Assert.Null(Katalog.Beskrivelse(Kodeverknavn.Landkoder, kode));
    }

    [Fact]
    public void Holds_all_249_assigned_codes_as_two_upper_case_letters_in_order()
    {
        var koder = Katalog.Koder(Kodeverknavn.Landkoder)!.Select(k => k.Verdi).ToList();
        Assert.Equal(249, koder.Count);
        Assert.All(koder, k => Assert.Matches("^[A-Z]{2}$", k));
        Assert.Equal(koder.Order(StringComparer.Ordinal), koder);
    }
}
