using Aareg.Domain.Identer;

namespace Aareg.Domain.Tests.Identer;

public class OrganisasjonsnummerTests
{
    [Theory]
    [InlineData("893786570")]
    [InlineData("954323196")]
    [InlineData("987574917")]
    [InlineData("964979367")]
    public void Accepts_the_test_vectors_of_DOMAIN_2(string tekst)
    {
        Assert.True(Organisasjonsnummer.TryParse(tekst, out var orgnr));
        Assert.Equal(tekst, orgnr.Verdi);
        Assert.Equal(tekst, orgnr.ToString());
        Assert.Equal(tekst[8] - '0', Organisasjonsnummer.Kontrollsiffer(tekst.AsSpan(0, 8)));
    }

    [Theory]
    [InlineData("893786571")]
    [InlineData("954323197")]
    [InlineData("000000001")]
    public void Refuses_a_wrong_check_digit(string tekst) =>
        Assert.False(Organisasjonsnummer.TryParse(tekst, out _));

    [Fact]
    public void Has_no_check_digit_when_the_remainder_is_1()
    {
        // 4 × weight 3 (position 7) = 12 ≡ 1 (mod 11): 11 − 1 = 10 is not a digit, so no orgnr starts 00000040.
        Assert.Null(Organisasjonsnummer.Kontrollsiffer("00000040"));
        for (var siste = 0; siste <= 9; siste++)
        {
            Assert.False(Organisasjonsnummer.TryParse($"00000040{siste}", out _));
        }
    }

    [Fact]
    public void Check_digit_is_0_when_the_remainder_is_0()
    {
        Assert.Equal(0, Organisasjonsnummer.Kontrollsiffer("00000000"));
        Assert.True(Organisasjonsnummer.TryParse("000000000", out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("89378657")]
    [InlineData("8937865700")]
    [InlineData("89378657O")]
    [InlineData("893 78657")]
    [InlineData("８９３７８６５７０")]
    [InlineData(" 893786570")]
    public void Refuses_wrong_length_and_non_digits(string tekst) =>
        Assert.False(Organisasjonsnummer.TryParse(tekst, out _));

    [Fact]
    public void Refuses_null() => Assert.False(Organisasjonsnummer.TryParse(null, out var orgnr) || orgnr.Verdi is not null);

    [Fact]
    public void Parse_returns_the_orgnr_or_throws_FormatException()
    {
        Assert.Equal("893786570", Organisasjonsnummer.Parse("893786570").Verdi);
        Assert.Throws<FormatException>(() => Organisasjonsnummer.Parse("893786571"));
    }

    [Fact]
    public void Equal_numbers_are_equal_values()
    {
        Assert.Equal(Organisasjonsnummer.Parse("893786570"), Organisasjonsnummer.Parse("893786570"));
        Assert.NotEqual(Organisasjonsnummer.Parse("893786570"), Organisasjonsnummer.Parse("954323196"));
    }
}
