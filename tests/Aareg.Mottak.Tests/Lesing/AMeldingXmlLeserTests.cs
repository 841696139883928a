using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Aareg.Domain.AMelding;
using Aareg.Domain.Kontroller;
using Aareg.Mottak.Lesing;
using static Aareg.Mottak.Tests.Lesing.Testmeldinger;

namespace Aareg.Mottak.Tests.Lesing;

public sealed class AMeldingXmlLeserTests
{
    private static string MedArbeidsforhold(string arbeidsforhold) => $"""
        <virksomhet><norskIdentifikator>910000002</norskIdentifikator>
        <inntektsmottaker><norskIdentifikator>05848912345</norskIdentifikator>
        <arbeidsforhold>{arbeidsforhold}</arbeidsforhold>
        </inntektsmottaker></virksomhet>
        """;

    [Fact]
    public void Reads_full_v2_3_melding_as_payroll_systems_write_it_and_ignores_what_the_register_does_not_use()
    {
        var resultat = LesXml(FullV23);

        Assert.Empty(resultat.Avvik);
        Assert.Equal(AMeldingLeser.NavneromV2_3, resultat.Navnerom);
        Assert.NotNull(resultat.Leveranse);
        Assert.Equal(Kanonisk(ForventetFullV23), Kanonisk(resultat.Leveranse));

        var af = resultat.Leveranse.Virksomheter[0].Inntektsmottakere[0].Arbeidsforhold[0];
        Assert.Equal(37.5m, af.AntallTimerPerUkeSomEnFullStillingTilsvarer);
        Assert.False(af.Permisjoner[0].Loennet);
        Assert.Equal("pt-1", af.Permitteringer[0].PermitteringId);
        Assert.False(resultat.ErAvvist);
    }

    [Fact]
    public void Reads_the_same_melding_from_a_non_seekable_stream()
    {
        using var stroem = new KunFremoverStream(Encoding.UTF8.GetBytes(FullV23));

        var resultat = AMeldingLeser.LesXml(stroem, LeseGrenser.Standard);

        Assert.Empty(resultat.Avvik);
        Assert.Equal(Kanonisk(ForventetFullV23), Kanonisk(resultat.Leveranse!));
    }

    [Fact]
    public void Accepts_v2_2_namespace_and_skips_the_v2_3_only_permittering_element()
    {
        var arbeidsforhold = "<typeArbeidsforhold>ordinaertArbeidsforhold</typeArbeidsforhold>"
            + "<permittering><permitteringId>p1</permitteringId></permittering>";
        var xml = Minimal(MedArbeidsforhold(arbeidsforhold), AMeldingLeser.NavneromV2_2);

        var resultat = LesXml(xml);

        Assert.Empty(resultat.Avvik);
        Assert.Equal(AMeldingLeser.NavneromV2_2, resultat.Navnerom);
        var af = resultat.Leveranse!.Virksomheter[0].Inntektsmottakere[0].Arbeidsforhold[0];
        Assert.Equal("ordinaertArbeidsforhold", af.TypeArbeidsforhold);
        Assert.Empty(af.Permitteringer);
    }

    [Fact]
    public void Rejects_melding_with_unknown_namespace()
    {
        var resultat = LesXml(Minimal(navnerom: "urn:ske:fastsetting:innsamling:a-meldingen:v9_9"));

        AssertAvvist(resultat, "navnerommet");
        Assert.Null(resultat.Navnerom);
    }

    [Fact]
    public void Rejects_melding_without_namespace()
    {
        AssertAvvist(LesXml("<melding><Leveranse/></melding>"), "navnerommet");
    }

    [Fact]
    public void Rejects_melding_with_wrong_root_element()
    {
        AssertAvvist(LesXml($"""<Leveranse xmlns="{AMeldingLeser.NavneromV2_3}"/>"""), "rotelementet melding");
    }

    [Fact]
    public void Rejects_melding_without_Leveranse()
    {
        AssertAvvist(LesXml($"""<melding xmlns="{AMeldingLeser.NavneromV2_3}"><leveranse/></melding>"""), "mangler Leveranse");
    }

    [Theory]
    [InlineData("<melding xmlns=\"urn:ske:fastsetting:innsamling:a-meldingen:v2_3\"><Leveranse></melding>")]
    [InlineData("<melding xmlns=\"urn:ske:fastsetting:innsamling:a-meldingen:v2_3\"><Leveranse>")]
    [InlineData("")]
    [InlineData("ikke xml")]
    [InlineData("<melding xmlns=\"urn:ske:fastsetting:innsamling:a-meldingen:v2_3\"><Leveranse/></melding><melding/>")]
    [InlineData("<melding xmlns=\"urn:ske:fastsetting:innsamling:a-meldingen:v2_3\"><Leveranse>&ukjent;</Leveranse></melding>")]
    public void Rejects_xml_that_is_not_well_formed(string xml)
    {
        AssertAvvist(LesXml(xml), "Meldingen er ikke velformet XML");
    }

    [Fact]
    public void Rejects_not_well_formed_content_after_the_parts_that_were_read()
    {
        // The error is in an element after Leveranse: a streaming reader must still read to the end.
        var xml = Minimal().Replace("</melding>", "<etter></feil></melding>", StringComparison.Ordinal);

        AssertAvvist(LesXml(xml), "Meldingen er ikke velformet XML");
    }

    [Fact]
    public void Refuses_dtd_with_internal_entity()
    {
        var xml = """
            <?xml version="1.0"?>
            <!DOCTYPE melding [<!ENTITY kilde "fra entitet">]>
            """ + Minimal().Replace("<kildesystem>test</kildesystem>", "<kildesystem>&kilde;</kildesystem>", StringComparison.Ordinal);

        var resultat = LesXml(xml);

        AssertAvvist(resultat, "DTD og eksterne entiteter er ikke tillatt");
        Assert.DoesNotContain(resultat.Avvik, a => a.Melding.Contains("fra entitet", StringComparison.Ordinal));
    }

    [Fact]
    public void Predefined_entities_and_character_references_are_not_limited_by_the_entity_bound()
    {
        var mange = string.Concat(Enumerable.Repeat("&amp;&lt;&#x41;", 5000));

        var resultat = LesXml(Minimal().Replace("<kildesystem>test</kildesystem>", $"<kildesystem>{mange}</kildesystem>", StringComparison.Ordinal));

        Assert.Empty(resultat.Avvik);
        Assert.Equal(string.Concat(Enumerable.Repeat("&<A", 5000)), resultat.Leveranse!.Kildesystem);
    }

    [Fact]
    public void Refuses_external_file_entity_without_reading_the_file()
    {
        var fil = Path.Combine(Path.GetTempPath(), $"lesing-xxe-{Guid.NewGuid():N}.txt");
        File.WriteAllText(fil, "HEMMELIG-INNHOLD");
        try
        {
            var xml = $"""
                <?xml version="1.0"?>
                <!DOCTYPE melding [<!ENTITY x SYSTEM "file://{fil}">]>
                """ + Minimal().Replace("<kildesystem>test</kildesystem>", "<kildesystem>&x;</kildesystem>", StringComparison.Ordinal);

            var resultat = LesXml(xml);

            AssertAvvist(resultat, "DTD og eksterne entiteter er ikke tillatt");
            Assert.DoesNotContain(resultat.Avvik, a => (a.Melding + a.Verdi).Contains("HEMMELIG", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(fil);
        }
    }

    [Fact]
    public void Refuses_external_entity_without_opening_the_resource()
    {
        // /etc/passwd can't prove it was never opened; a listening socket can: any resolution would connect to it.
        using var lytter = new TcpListener(IPAddress.Loopback, 0);
        lytter.Start();
        var port = ((IPEndPoint)lytter.LocalEndpoint).Port;
        var xml = $"""
            <?xml version="1.0"?>
            <!DOCTYPE melding [<!ENTITY x SYSTEM "http://127.0.0.1:{port}/passwd"><!ENTITY % p SYSTEM "http://127.0.0.1:{port}/dtd"> %p;]>
            """ + Minimal().Replace("<kildesystem>test</kildesystem>", "<kildesystem>&x;</kildesystem>", StringComparison.Ordinal);

        var resultat = LesXml(xml);

        AssertAvvist(resultat, "DTD og eksterne entiteter er ikke tillatt");
        Thread.Sleep(100);
        Assert.False(lytter.Pending());
    }

    [Fact]
    public void Refuses_external_entity_pointing_at_etc_passwd()
    {
        var xml = """
            <?xml version="1.0"?>
            <!DOCTYPE melding [<!ENTITY x SYSTEM "file:///etc/passwd">]>
            <melding xmlns="urn:ske:fastsetting:innsamling:a-meldingen:v2_3"><Leveranse><kildesystem>&x;</kildesystem></Leveranse></melding>
            """;

        var resultat = LesXml(xml);

        AssertAvvist(resultat, "DTD og eksterne entiteter er ikke tillatt");
        Assert.DoesNotContain(resultat.Avvik, a => (a.Melding + a.Verdi).Contains("root:", StringComparison.Ordinal));
    }

    [Fact]
    public void Refuses_billion_laughs_quickly()
    {
        var sb = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE melding [<!ENTITY lol0 \"lol\">");
        for (var i = 1; i <= 9; i++)
        {
            sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"<!ENTITY lol{i} \"");
            for (var j = 0; j < 10; j++)
            {
                sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"&lol{i - 1};");
            }

            sb.Append("\">");
        }

        sb.Append("]>").Append(Minimal().Replace("<kildesystem>test</kildesystem>", "<kildesystem>&lol9;</kildesystem>", StringComparison.Ordinal));
        var klokke = Stopwatch.StartNew();

        var resultat = LesXml(sb.ToString());

        klokke.Stop();
        AssertAvvist(resultat, "DTD og eksterne entiteter er ikke tillatt");
        Assert.True(klokke.Elapsed < TimeSpan.FromSeconds(1), $"tok {klokke.Elapsed}");
    }

    [Fact]
    public void Rejects_too_deep_nesting_also_inside_skipped_elements()
    {
        var dypt = string.Concat(Enumerable.Repeat("<ukjent>", 100)) + string.Concat(Enumerable.Repeat("</ukjent>", 100));

        var resultat = LesXml(Minimal(dypt));

        AssertAvvist(resultat, "nestet dypere enn 32");
    }

    [Fact]
    public void Nesting_bound_is_configurable_and_a_real_melding_fits_well_within_the_default()
    {
        Assert.Empty(LesXml(FullV23, new LeseGrenser(MaksDybde: 12)).Avvik);
        AssertAvvist(LesXml(FullV23, new LeseGrenser(MaksDybde: 6)), "nestet dypere enn 6");
    }

    [Fact]
    public void Rejects_melding_larger_than_the_size_bound()
    {
        AssertAvvist(LesXml(FullV23, new LeseGrenser(MaksTegn: 1000)), "større enn 1000 tegn");
    }

    [Theory]
    [InlineData("startdato", "2026-02-30")]
    [InlineData("startdato", "01.02.2026")]
    [InlineData("startdato", "2026-2-1")]
    [InlineData("stillingsprosent", "12,5")]
    [InlineData("stillingsprosent", "1e2")]
    [InlineData("stillingsprosent", "hundre")]
    [InlineData("antallTimerPerUkeSomEnFullStillingTilsvarer", "37.5.1")]
    public void Reports_a_value_that_does_not_parse_as_its_xsd_type_with_path_and_value(string element, string verdi)
    {
        var innhold = $"<typeArbeidsforhold>ordinaertArbeidsforhold</typeArbeidsforhold><{element}>{verdi}</{element}>";

        var resultat = LesXml(Minimal(MedArbeidsforhold(innhold)));

        var avvik = Assert.Single(resultat.Avvik);
        Assert.Equal("104", avvik.Regel);
        Assert.Equal(Alvorlighetsgrad.Avvisning, avvik.Alvorlighetsgrad);
        Assert.Equal($"virksomhet[0]/inntektsmottaker[0]/arbeidsforhold[0]/{element}", avvik.Sti);
        Assert.Equal(verdi, avvik.Verdi);
        Assert.True(resultat.ErAvvist);

        // The rest is still read, so that the receipt can name the melding.
        Assert.Equal("ordinaertArbeidsforhold", resultat.Leveranse!.Virksomheter[0].Inntektsmottakere[0].Arbeidsforhold[0].TypeArbeidsforhold);
    }

    [Fact]
    public void Reports_bad_boolean_and_dateTime_and_accepts_the_xsd_alternatives()
    {
        var permisjoner = "<typeArbeidsforhold>x</typeArbeidsforhold>"
            + "<permisjon><permisjonId>a</permisjonId><loennet>1</loennet></permisjon>"
            + "<permisjon><permisjonId>b</permisjonId><loennet>ja</loennet></permisjon>";
        var xml = Minimal(MedArbeidsforhold(permisjoner))
            .Replace("2026-12-03T09:15:00Z", "2026-12-03 09:15", StringComparison.Ordinal);

        var resultat = LesXml(xml);

        Assert.Collection(
            resultat.Avvik,
            a => Assert.Equal(("leveringstidspunkt", "2026-12-03 09:15"), (a.Sti, a.Verdi)),
            a => Assert.Equal(("virksomhet[0]/inntektsmottaker[0]/arbeidsforhold[0]/permisjon[1]/loennet", "ja"), (a.Sti, a.Verdi)));
        Assert.True(resultat.Leveranse!.Virksomheter[0].Inntektsmottakere[0].Arbeidsforhold[0].Permisjoner[0].Loennet);
    }

    [Theory]
    [InlineData("2026-12-03T09:15:00", "2026-12-03T09:15:00.0000000+00:00")]
    [InlineData("2026-12-03T10:15:00+01:00", "2026-12-03T10:15:00.0000000+01:00")]
    [InlineData("2026-12-03T09:15:00.25Z", "2026-12-03T09:15:00.2500000+00:00")]
    public void Reads_leveringstidspunkt_and_takes_one_without_offset_as_utc(string tekst, string forventet)
    {
        var resultat = LesXml(Minimal().Replace("2026-12-03T09:15:00Z", tekst, StringComparison.Ordinal));

        Assert.Empty(resultat.Avvik);
        Assert.Equal(forventet, resultat.Leveranse!.Leveringstidspunkt!.Value.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Reports_missing_meldingsId()
    {
        var resultat = LesXml(Minimal(meldingsId: null));

        var avvik = Assert.Single(resultat.Avvik);
        Assert.Equal(("104", Alvorlighetsgrad.Avvisning, "meldingsId"), (avvik.Regel, avvik.Alvorlighetsgrad, avvik.Sti));
        Assert.Contains("meldingsId mangler", avvik.Melding, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_each_missing_required_leveranse_element()
    {
        var xml = $"""<melding xmlns="{AMeldingLeser.NavneromV2_3}"><Leveranse><meldingsId></meldingsId><opplysningspliktig/></Leveranse></melding>""";

        var resultat = LesXml(xml);

        Assert.Equal(
            ["leveringstidspunkt", "kalendermaaned", "kildesystem", "meldingsId", "opplysningspliktig/norskIdentifikator", "oppgave"],
            resultat.Avvik.Select(a => a.Sti));
        Assert.All(resultat.Avvik, a => Assert.Equal(("104", Alvorlighetsgrad.Avvisning), (a.Regel, a.Alvorlighetsgrad)));
    }

    [Theory]
    [InlineData("m/1")]
    [InlineData("m 1")]
    [InlineData("møte")]
    public void Rejects_meldingsId_with_illegal_characters(string id)
    {
        var resultat = LesXml(Minimal(meldingsId: id));

        var avvik = Assert.Single(resultat.Avvik);
        Assert.Equal(("104", "meldingsId", id), (avvik.Regel, avvik.Sti, avvik.Verdi));
    }

    [Fact]
    public void Rejects_ids_longer_than_150_characters()
    {
        var innhold = $"<arbeidsforholdId>{new string('a', 151)}</arbeidsforholdId><permisjon><permisjonId>{new string('b', 150)}</permisjonId></permisjon>";

        var resultat = LesXml(Minimal(MedArbeidsforhold(innhold)));

        var avvik = Assert.Single(resultat.Avvik);
        Assert.Equal("virksomhet[0]/inntektsmottaker[0]/arbeidsforhold[0]/arbeidsforholdId", avvik.Sti);
    }

    [Theory]
    [InlineData("2013-12", true)]
    [InlineData("2100-01", true)]
    [InlineData("2026-13", true)]
    [InlineData("2014-01", false)]
    [InlineData("2099-12", false)]
    public void Enforces_the_xsd_bounds_of_kalendermaaned(string maaned, bool avvist)
    {
        var resultat = LesXml(Minimal().Replace("2026-11", maaned, StringComparison.Ordinal));

        Assert.Equal(avvist, resultat.ErAvvist);
        if (avvist)
        {
            Assert.Equal("kalendermaaned", Assert.Single(resultat.Avvik).Sti);
        }
    }

    [Fact]
    public void Leaves_missing_inner_required_elements_to_the_controls()
    {
        var innhold = "<permisjon><startdato>2026-01-01</startdato></permisjon>";

        var resultat = LesXml(Minimal(MedArbeidsforhold(innhold)));

        Assert.Empty(resultat.Avvik);
        var af = resultat.Leveranse!.Virksomheter[0].Inntektsmottakere[0].Arbeidsforhold[0];
        Assert.Null(af.TypeArbeidsforhold);
        Assert.Null(af.Permisjoner[0].PermisjonId);
        Assert.Null(af.Permisjoner[0].Beskrivelse);
    }

    [Fact]
    public void Empty_and_whitespace_elements_are_null_and_values_are_trimmed()
    {
        var innhold = "<typeArbeidsforhold>\n  ordinaertArbeidsforhold\n</typeArbeidsforhold><yrke/><arbeidstidsordning>   </arbeidstidsordning>"
            + "<stillingsprosent></stillingsprosent><formForAnsettelse><![CDATA[fast]]></formForAnsettelse>";

        var resultat = LesXml(Minimal(MedArbeidsforhold(innhold)));

        Assert.Empty(resultat.Avvik);
        var af = resultat.Leveranse!.Virksomheter[0].Inntektsmottakere[0].Arbeidsforhold[0];
        Assert.Equal("ordinaertArbeidsforhold", af.TypeArbeidsforhold);
        Assert.Null(af.Yrke);
        Assert.Null(af.Arbeidstidsordning);
        Assert.Null(af.Stillingsprosent);
        Assert.Equal("fast", af.FormForAnsettelse);
    }

    [Fact]
    public void Never_puts_a_person_identifying_value_in_clear_in_an_avvik()
    {
        var oppgave = """
            <virksomhet><norskIdentifikator>910000002</norskIdentifikator><inntektsmottaker>
            <identifiserendeInformasjon><navn>Kari</navn><foedselsdato>1980-13-01</foedselsdato></identifiserendeInformasjon>
            </inntektsmottaker></virksomhet>
            """;

        var avvik = Assert.Single(LesXml(Minimal(oppgave)).Avvik);

        Assert.Equal("virksomhet[0]/inntektsmottaker[0]/identifiserendeInformasjon/foedselsdato", avvik.Sti);
        Assert.NotNull(avvik.Verdi);
        Assert.DoesNotContain("1980", avvik.Verdi, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_an_element_with_children_where_a_value_belongs()
    {
        var innhold = "<typeArbeidsforhold><kode>ordinaertArbeidsforhold</kode></typeArbeidsforhold><yrke>1234567</yrke>";

        var resultat = LesXml(Minimal(MedArbeidsforhold(innhold)));

        Assert.Equal("virksomhet[0]/inntektsmottaker[0]/arbeidsforhold[0]/typeArbeidsforhold", Assert.Single(resultat.Avvik).Sti);
        Assert.Equal("1234567", resultat.Leveranse!.Virksomheter[0].Inntektsmottakere[0].Arbeidsforhold[0].Yrke);
    }

    [Fact]
    public void Reports_an_inntekt_with_more_than_one_income_kind()
    {
        var oppgave = """
            <virksomhet><inntektsmottaker><inntekt><fordel>kontantytelse</fordel>
            <loennsinntekt><beskrivelse>fastloenn</beskrivelse></loennsinntekt>
            <naeringsinntekt><beskrivelse>annet</beskrivelse></naeringsinntekt>
            </inntekt></inntektsmottaker></virksomhet>
            """;

        var resultat = LesXml(Minimal(oppgave));

        Assert.Equal("virksomhet[0]/inntektsmottaker[0]/inntekt[0]/naeringsinntekt", Assert.Single(resultat.Avvik).Sti);
        var inntekt = resultat.Leveranse!.Virksomheter[0].Inntektsmottakere[0].Inntekter[0];
        Assert.Equal((Inntektsart.Loennsinntekt, "fastloenn"), (inntekt.Art!.Value, inntekt.Beskrivelse));
    }

    [Fact]
    public void Indexes_paths_per_element_name_relative_to_oppgave()
    {
        var oppgave = """
            <virksomhet/><virksomhet><inntektsmottaker/><inntektsmottaker/><inntektsmottaker>
            <arbeidsforhold/><arbeidsforhold><permisjon/><permisjon><sluttdato>x</sluttdato></permisjon></arbeidsforhold>
            </inntektsmottaker></virksomhet>
            """;

        var avvik = Assert.Single(LesXml(Minimal(oppgave)).Avvik);

        Assert.Equal("virksomhet[1]/inntektsmottaker[2]/arbeidsforhold[1]/permisjon[1]/sluttdato", avvik.Sti);
    }

    [Fact]
    public void Bounds_the_number_of_avvik_reported()
    {
        var mange = string.Concat(Enumerable.Repeat("<permisjon><startdato>x</startdato></permisjon>", 50));

        var resultat = LesXml(
            Minimal(MedArbeidsforhold(mange)),
            new LeseGrenser(MaksAvvik: 10));

        Assert.Equal(11, resultat.Avvik.Count);
        Assert.Contains("For mange feil", resultat.Avvik[^1].Melding, StringComparison.Ordinal);
    }

    private static void AssertAvvist(LeseResultat resultat, string meldingInneholder)
    {
        Assert.Null(resultat.Leveranse);
        var avvik = Assert.Single(resultat.Avvik);
        Assert.Equal("104", avvik.Regel);
        Assert.Equal(Alvorlighetsgrad.Avvisning, avvik.Alvorlighetsgrad);
        Assert.Contains(meldingInneholder, avvik.Melding, StringComparison.Ordinal);
        Assert.True(resultat.ErAvvist);
    }

    /// <summary>A stream that can only be read forwards, in small pieces, like a request body.</summary>
    private sealed class KunFremoverStream(byte[] data) : Stream
    {
        private int posisjon;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(Math.Min(count, 7), data.Length - posisjon);
            Array.Copy(data, posisjon, buffer, offset, n);
            posisjon += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
