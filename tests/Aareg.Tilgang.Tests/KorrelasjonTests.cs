using Microsoft.AspNetCore.Http;

namespace Aareg.Tilgang.Tests;

public sealed class KorrelasjonTests
{
    [Fact]
    public void Prefers_nav_call_id()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers["Nav-Call-Id"] = "nav-1";
        context.Request.Headers["X-Correlation-ID"] = "x-1";
        context.Request.Headers["correlation-id"] = "c-1";

        Assert.Equal("nav-1", Korrelasjon.Hent(context));
    }

    [Fact]
    public void Falls_back_to_x_correlation_id_then_correlation_id()
    {
        var medX = new DefaultHttpContext();
        medX.Request.Headers["X-Correlation-ID"] = "x-1";
        medX.Request.Headers["correlation-id"] = "c-1";
        var medC = new DefaultHttpContext();
        medC.Request.Headers["correlation-id"] = "c-1";

        Assert.Equal("x-1", Korrelasjon.Hent(medX));
        Assert.Equal("c-1", Korrelasjon.Hent(medC));
    }

    [Fact]
    public void Generates_a_guid_when_absent_and_keeps_it_for_the_rest_of_the_request()
    {
        var context = new DefaultHttpContext();

        var forste = Korrelasjon.Hent(context);

        Assert.True(Guid.TryParse(forste, out _));
        Assert.Equal(forste, Korrelasjon.Hent(context));
        Assert.Equal(forste, context.Items[Korrelasjon.ItemsNokkel]);
    }

    [Theory]
    [InlineData("med mellomrom")]
    [InlineData("linje\r\nSet-Cookie: x=1")]
    [InlineData("æøå")]
    public void Ignores_a_header_value_that_could_inject_headers_or_forge_logs(string verdi)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers["Nav-Call-Id"] = verdi;
        context.Request.Headers["X-Correlation-ID"] = "x-1";

        Assert.Equal("x-1", Korrelasjon.Hent(context));
    }

    [Fact]
    public void Ignores_an_overlong_header_value()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers["Nav-Call-Id"] = new string('a', 500);

        Assert.True(Guid.TryParse(Korrelasjon.Hent(context), out _));
    }
}
