using Aareg.Domain.Identer;

namespace Aareg.Domain.Tests.Identer;

public class AktoerTests
{
    [Fact]
    public void An_orgnr_is_an_organisation()
    {
        Assert.True(Aktoer.TryParse("893786570", tillatSyntetiske: false, out var aktoer));
        Assert.False(aktoer.ErPerson);
        Assert.Equal("893786570", aktoer.Verdi);
        Assert.Equal("893786570", aktoer.ToString());
    }

    [Theory]
    [InlineData("02029404855")]
    [InlineData("67106748532")]
    public void An_fnr_or_dnr_is_a_private_employer_and_is_never_printed(string ident)
    {
        Assert.True(Aktoer.TryParse(ident, tillatSyntetiske: false, out var aktoer));
        Assert.True(aktoer.ErPerson);
        Assert.Equal(ident, aktoer.Verdi);
        Assert.DoesNotContain(ident, aktoer.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(ident[..6], aktoer.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_synthetic_person_is_accepted_only_when_allowed()
    {
        Assert.False(Aktoer.TryParse("05896729243", tillatSyntetiske: false, out _));
        Assert.True(Aktoer.TryParse("05896729243", tillatSyntetiske: true, out var aktoer));
        Assert.True(aktoer.ErPerson);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("893786571")]
    [InlineData("02029404856")]
    [InlineData("8937865701")]
    [InlineData("abcdefghi")]
    public void Refuses_what_is_neither_a_valid_orgnr_nor_a_valid_person(string? tekst)
    {
        Assert.False(Aktoer.TryParse(tekst, tillatSyntetiske: true, out var aktoer));
        Assert.Equal(default, aktoer);
    }
}
