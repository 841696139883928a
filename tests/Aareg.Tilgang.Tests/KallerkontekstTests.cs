using System.Security.Claims;

namespace Aareg.Tilgang.Tests;

public sealed class KallerkontekstTests
{
    [Fact]
    public void Extracts_orgnr_from_maskinporten_objects_and_splits_scopes()
    {
        var bruker = Bruker(
            new Claim("iss", "https://maskinporten.test/"),
            new Claim("scope", $"{Scopes.Mottak}  {Scopes.Uttrekk}"),
            new Claim("consumer", $$"""{"authority":"iso6523-actorid-upis","ID":"0192:{{Testdata.OrgnrA}}"}""", "JSON"),
            new Claim("supplier", $$"""{"authority":"iso6523-actorid-upis","ID":"0192:{{Testdata.OrgnrB}}"}""", "JSON"));

        var kaller = Kallerkontekst.Fra(bruker);

        Assert.Equal(Testdata.OrgnrA, kaller.Consumer);
        Assert.Equal(Testdata.OrgnrB, kaller.Supplier);
        Assert.True(kaller.HarScope(Scopes.Mottak));
        Assert.True(kaller.HarScope(Scopes.Uttrekk));
        Assert.Equal(2, kaller.Scopes.Count);
        Assert.Equal("https://maskinporten.test/", kaller.Utsteder);
    }

    [Fact]
    public void Accepts_a_plain_orgnr()
    {
        var kaller = Kallerkontekst.Fra(Bruker(new Claim("consumer", Testdata.OrgnrA)));

        Assert.Equal(Testdata.OrgnrA, kaller.Consumer);
    }

    [Theory]
    [InlineData("123456789")]
    [InlineData("""{"authority":"iso6523-actorid-upis","ID":"0192:123456789"}""")]
    [InlineData("""{"authority":"iso6523-actorid-upis","ID":"9908:974760673X"}""")]
    [InlineData("{ikke json")]
    public void Invalid_organisation_claim_gives_no_consumer(string verdi)
    {
        Assert.Null(Kallerkontekst.Fra(Bruker(new Claim("consumer", verdi))).Consumer);
    }

    [Fact]
    public void Reads_roles_from_repeated_claims_and_from_a_json_array()
    {
        var kaller = Kallerkontekst.Fra(Bruker(
            new Claim("roller", "LES"),
            new Claim("roller", """["SKRIV","LES"]""", "JSON_ARRAY")));

        Assert.Equal(["LES", "SKRIV"], kaller.Roller);
    }

    [Fact]
    public void Empty_principal_gives_an_empty_context()
    {
        var kaller = Kallerkontekst.Fra(new ClaimsPrincipal());

        Assert.Null(kaller.Consumer);
        Assert.Null(kaller.Pid);
        Assert.Empty(kaller.Scopes);
        Assert.Empty(kaller.Roller);
        Assert.Equal("", kaller.Utsteder);
    }

    private static ClaimsPrincipal Bruker(params Claim[] claims) => new(new ClaimsIdentity(claims, "test"));
}
