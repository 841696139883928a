using System.Text;
using System.Xml;
using Aareg.Domain.AMelding;
using Aareg.Mottak.Lesing;
using static Aareg.Mottak.Tests.Lesing.Testmeldinger;

namespace Aareg.Mottak.Tests.Lesing;

public sealed class AMeldingSkriverTests
{
    [Fact]
    public void Xml_writer_writes_as_payroll_systems_do_with_default_namespace_and_no_prefixes()
    {
        var xml = Encoding.UTF8.GetString(AMeldingXmlSkriver.TilBytes(ForventetFullV23));

        Assert.StartsWith(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><melding xmlns=\"urn:ske:fastsetting:innsamling:a-meldingen:v2_3\"><Leveranse>"
            + "<leveringstidspunkt>2026-12-03T09:15:00Z</leveringstidspunkt><kalendermaaned>2026-11</kalendermaaned>",
            xml,
            StringComparison.Ordinal);
        Assert.DoesNotContain("xmlns:", xml, StringComparison.Ordinal);
        Assert.Equal(1, xml.Split("xmlns=").Length - 1);
        Assert.Contains("<antallTimerPerUkeSomEnFullStillingTilsvarer>37.5</antallTimerPerUkeSomEnFullStillingTilsvarer>", xml, StringComparison.Ordinal);
        Assert.Contains("<stillingsprosent>80</stillingsprosent>", xml, StringComparison.Ordinal);
        Assert.Contains("<beloep>50000.00</beloep>", xml, StringComparison.Ordinal);
        Assert.Contains("<beloep>1234.50</beloep>", xml, StringComparison.Ordinal);
        Assert.Contains("<antall>120.5</antall>", xml, StringComparison.Ordinal);
        Assert.Contains(
            "<fordel>kontantytelse</fordel><utloeserArbeidsgiveravgift>true</utloeserArbeidsgiveravgift><inngaarIGrunnlagForTrekk>true</inngaarIGrunnlagForTrekk><beloep>",
            xml,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Xml_writer_follows_the_xsd_element_order()
    {
        var xml = AMeldingXmlSkriver.TilBytes(ForventetFullV23);

        Assert.Equal(
            [
                "arbeidsforholdId", "typeArbeidsforhold", "startdato", "antallTimerPerUkeSomEnFullStillingTilsvarer", "yrke",
                "arbeidstidsordning", "stillingsprosent", "sisteLoennsendringsdato", "permisjon",
                "sisteDatoForStillingsprosentendring", "formForAnsettelse", "permittering",
            ],
            Barn(xml, "arbeidsforhold", 0));
        Assert.Equal(
            ["startdato", "sluttdato", "permisjonsprosent", "permisjonId", "beskrivelse", "loennet"],
            Barn(xml, "permisjon", 0));
        Assert.Equal(
            [
                "startdatoOpptjeningsperiode", "sluttdatoOpptjeningsperiode", "fordel", "utloeserArbeidsgiveravgift",
                "inngaarIGrunnlagForTrekk", "beloep", "arbeidsforholdId", "loennsinntekt",
            ],
            Barn(xml, "inntekt", 0));
        Assert.Equal(["beskrivelse", "spesifikasjon", "antall"], Barn(xml, "loennsinntekt", 0));
        Assert.Equal(["norskIdentifikator", "arbeidsforhold", "inntekt"], Barn(xml, "inntektsmottaker", 0));
        Assert.Equal(
            ["internasjonalIdentifikator", "identifiserendeInformasjon", "arbeidsforhold", "inntekt"],
            Barn(xml, "inntektsmottaker", 1));
        Assert.Equal(
            ["leveringstidspunkt", "kalendermaaned", "kildesystem", "meldingsId", "opplysningspliktig", "oppgave", "spraakForTilbakemelding"],
            Barn(xml, "Leveranse", 0));
        Assert.Equal(["virksomhet", "pensjonsinnretning"], Barn(xml, "oppgave", 0));
    }

    [Fact]
    public void Xml_writer_for_v2_2_uses_that_namespace_and_leaves_out_permittering()
    {
        var bytes = AMeldingXmlSkriver.TilBytes(ForventetFullV23, AMeldingLeser.NavneromV2_2);

        var resultat = AMeldingLeser.Les(bytes, erJson: false, LeseGrenser.Standard);

        Assert.Equal(AMeldingLeser.NavneromV2_2, resultat.Navnerom);
        Assert.Empty(resultat.Avvik);
        Assert.DoesNotContain("permittering>", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        var f = ForventetFullV23;
        var utenPermittering = f with
        {
            Virksomheter = [.. f.Virksomheter.Select(v => v with
            {
                Inntektsmottakere = [.. v.Inntektsmottakere.Select(m => m with { Arbeidsforhold = [.. m.Arbeidsforhold.Select(a => a with { Permitteringer = [] })] })],
            })],
        };
        Assert.NotEqual(Kanonisk(f), Kanonisk(utenPermittering));
        Assert.Equal(Kanonisk(utenPermittering), Kanonisk(resultat.Leveranse!));
    }

    [Fact]
    public void Xml_writer_refuses_an_unknown_namespace()
    {
        Assert.Throws<ArgumentException>(() => AMeldingXmlSkriver.TilBytes(ForventetFullV23, "urn:annet"));
    }

    [Fact]
    public void Json_writer_writes_decimals_as_strings_without_trailing_zeros_and_is_deterministic()
    {
        var a = ForventetFullV23 with { Virksomheter = [], Pensjonsinnretninger = [] };
        var json = Kanonisk(a with { Kildesystem = "k" });

        Assert.Equal(
            """{"leveranse":{"leveringstidspunkt":"2026-12-03T09:15:00Z","kalendermaaned":"2026-11","kildesystem":"k","meldingsId":"AM-2026-11_0001","opplysningspliktig":{"norskIdentifikator":"910000001"},"oppgave":{},"spraakForTilbakemelding":"nynorsk"}}""",
            json);
        Assert.Equal(AMeldingJsonSkriver.TilBytes(ForventetFullV23), AMeldingJsonSkriver.TilBytes(ForventetFullV23));

        var medNuller = new Leveranse { Virksomheter = [new Virksomhet { Inntektsmottakere = [new Inntektsmottaker { Arbeidsforhold = [new Arbeidsforhold { Stillingsprosent = 37.500m }] }] }] };
        var utenNuller = new Leveranse { Virksomheter = [new Virksomhet { Inntektsmottakere = [new Inntektsmottaker { Arbeidsforhold = [new Arbeidsforhold { Stillingsprosent = 37.5m }] }] }] };
        Assert.Equal(Kanonisk(utenNuller), Kanonisk(medNuller));
        Assert.Contains("\"stillingsprosent\":\"37.5\"", Kanonisk(medNuller), StringComparison.Ordinal);
    }

    [Fact]
    public void Json_writer_output_reads_back_unchanged()
    {
        var bytes = AMeldingJsonSkriver.TilBytes(ForventetFullV23);

        var resultat = AMeldingLeser.Les(bytes, erJson: true, LeseGrenser.Standard);

        Assert.Empty(resultat.Avvik);
        Assert.Equal(bytes, AMeldingJsonSkriver.TilBytes(resultat.Leveranse!));
    }

    [Fact]
    public void Xml_writer_output_reads_back_unchanged()
    {
        using var ms = new MemoryStream();
        AMeldingXmlSkriver.Skriv(ForventetFullV23, ms);
        ms.Position = 0;

        var resultat = AMeldingLeser.LesXml(ms, LeseGrenser.Standard);

        Assert.Empty(resultat.Avvik);
        Assert.Equal(Kanonisk(ForventetFullV23), Kanonisk(resultat.Leveranse!));
    }

    /// <summary>Local names of the children of the <paramref name="indeks"/>-th element named <paramref name="navn"/>.</summary>
    private static List<string> Barn(byte[] xml, string navn, int indeks)
    {
        using var r = XmlReader.Create(new MemoryStream(xml));
        var funnet = -1;
        while (r.Read())
        {
            if (r.NodeType == XmlNodeType.Element && r.LocalName == navn && ++funnet == indeks)
            {
                var barn = new List<string>();
                var dybde = r.Depth;
                while (r.Read() && !(r.NodeType == XmlNodeType.EndElement && r.Depth == dybde))
                {
                    if (r.NodeType == XmlNodeType.Element && r.Depth == dybde + 1)
                    {
                        barn.Add(r.LocalName);
                    }
                }

                return barn;
            }
        }

        throw new InvalidOperationException($"Fant ikke {navn}[{indeks}]");
    }
}
