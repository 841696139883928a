using Aareg.Storage.Revisjon;

namespace Aareg.Api.Tests.Revisjon;

public sealed class CefTests
{
    [Fact]
    public void Header_fields_escape_pipe_and_backslash_and_flatten_line_breaks()
    {
        Assert.Equal(@"a\|b\\c d", Cef.Hode("a|b\\c\nd"));
    }

    [Fact]
    public void Extension_values_escape_equals_backslash_and_line_breaks_but_not_pipes()
    {
        Assert.Equal(@"a\=b\\c\nd\re|f", Cef.Utvidelse("a=b\\c\nd\re|f"));
    }

    [Fact]
    public void A_record_becomes_one_line_with_every_field_mapped_and_escaped()
    {
        var post = RevisjonsloggTests.Post(2) with
        {
            Operasjon = "op|x",
            Formaal = "a=b",
            Saksreferanse = "linje1\nlinje2",
            Beslutning = Revisjonsbeslutning.Avslaatt,
            Begrunnelse = @"adresse\beskyttet",
            Bruker = "saksbehandler",
        };

        var linje = Cef.Linje(new LagretRevisjon(42, post));

        Assert.DoesNotContain('\n', linje);
        Assert.StartsWith(@"CEF:0|Aareg|Aareg|1.0|op\|x|Oppslag avslått: op\|x|7|", linje, StringComparison.Ordinal);
        Assert.Contains($"rt={post.Tidspunkt.ToUnixTimeMilliseconds()} ", linje, StringComparison.Ordinal);
        Assert.Contains("cn1Label=sekvensnummer cn1=42 act=AVSLAATT outcome=failure", linje, StringComparison.Ordinal);
        Assert.Contains(@"reason=adresse\\beskyttet", linje, StringComparison.Ordinal);
        Assert.Contains($"duser={TestMeldinger.Person} suser=saksbehandler", linje, StringComparison.Ordinal);
        Assert.Contains($"cs1Label=konsument cs1={TestMeldinger.Loennssystem}", linje, StringComparison.Ordinal);
        Assert.Contains(@"cs3Label=formaal cs3=a\=b", linje, StringComparison.Ordinal);
        Assert.Contains(@"cs4Label=saksreferanse cs4=linje1\nlinje2", linje, StringComparison.Ordinal);
        Assert.Contains("cs5Label=avtale cs5=avtale-1/2", linje, StringComparison.Ordinal);
        Assert.Contains("cnt=2 app=API externalId=kor-2 flexString1Label=skjultForPerson flexString1=false", linje, StringComparison.Ordinal);

        // An empty field leaves out both the value and its label.
        Assert.DoesNotContain("cs2Label", linje, StringComparison.Ordinal);
    }
}
