using Aareg.Api.Oppslag;
using Aareg.Domain.Kodeverk;
using static Aareg.Api.Tests.Oppslag.Registereksempel;

namespace Aareg.Api.Tests.Oppslag;

/// <summary>
/// API §7: an element the agreement does not allow leaves no trace in any output. Each element's traces are its
/// property names and the example's values that only that element carries; with every element allowed each trace
/// is present (so the absence test cannot pass vacuously).
/// </summary>
public sealed class DataelementTests
{
    private static readonly ArbeidsforholdMapper Mapper = new(Kodeverkkatalog.Standard);

    private static readonly Dictionary<Dataelement, string[]> Spor = new()
    {
        [Dataelement.Ansettelsesperiode] = ["ansattFom", "2016-10-03", "2021-03-31", "IBKAOR", "Ansettelsesperiode"],
        [Dataelement.Sluttaarsak] = ["sluttaarsak", "arbeidstakerHarSagtOppSelv", "Arbeidstaker har sagt opp selv"],
        [Dataelement.Yrke] = ["yrke", "1210147", "5132121", "Helsefagarbeider"],
        [Dataelement.StillingsprosentOgArbeidstid] =
            ["avtaltStillingsprosent", "stillingsprosent", "antallTimerPrUke", "arbeidstidsordning", "sisteStillingsprosentendring", "ikkeSkift", "offshore336", "2016-10-04", "2021-01-06", "37.5", "100.0", "30.25", "80.5"],
        [Dataelement.Ansettelsesform] = ["ansettelsesform", "fast", "midlertidig"],
        [Dataelement.Loennsendring] = ["sisteLoennsendring", "2018-01-05", "2021-01-07"],
        [Dataelement.Maritim] = ["fartsomraade", "skipsregister", "fartoeystype", "utenriks", "innenriks", "nis", "nor", "turist", "boreplattform"],
        [Dataelement.PermisjonerOgPermitteringer] =
            ["permisjoner", "permitteringer", "P-1", "PT-1", "permisjonMedForeldrepenger", "permittering", "IBPPAG", "Permisjon", "55.5", "40.25"],
        [Dataelement.TimerMedTimeloenn] = ["timerMedTimeloenn", "12.75", "2019-03"],
        [Dataelement.Utenlandsopphold] = ["utenlandsopphold", "land", "SE", "Sverige", "2019-04"],
        [Dataelement.Historikk] = ["2016-10", "2020-12", "1210147", "ikkeSkift", "fast", "utenriks", "nis", "turist", "2018-01-05"],
        [Dataelement.Sporingsinformasjon] =
            ["sporingsinformasjon", "opprettetTidspunkt", "endretKildereferanse", "srvaareg-mottak", "melding-opprettet-1", "melding-endret-2"],
    };

    private static readonly Dataelement[] Valgfrie =
        [.. Enum.GetValues<Dataelement>().Where(d => d != Dataelement.ArbeidsforholdIdentifikasjon)];

    public static TheoryData<Dataelement> ValgfrieElementer()
    {
        var data = new TheoryData<Dataelement>();
        foreach (var element in Valgfrie)
        {
            data.Add(element);
        }

        return data;
    }

    /// <summary>The caller asks for everything; only the agreement limits the output.</summary>
    private static Oppslagsvalg Valg(IReadOnlySet<Dataelement> elementer) =>
        new() { Historikk = true, Sporingsinformasjon = true, Dataelementer = elementer };

    private static Jsonspor[] Utdata(Oppslagsvalg valg) =>
    [
        Jsonspor.Fra(Oppslagsjson.Skriv(Mapper.Map(Maritimt(), AapenBruksperiode, [new(Fnr, true)], valg))),
        Jsonspor.Fra(Oppslagsjson.Skriv(Mapper.MapOversikt(Maritimt(), valg))),
        Jsonspor.Fra(Oppslagsjson.Skriv(Mapper.MapOtpOversikt(Maritimt(), valg))),
    ];

    [Fact]
    public void Every_optional_element_has_traces_defined()
    {
        Assert.Equal(Valgfrie.Order(), Spor.Keys.Order());
    }

    [Theory]
    [MemberData(nameof(ValgfrieElementer))]
    public void With_every_element_allowed_the_traces_of_the_element_are_present(Dataelement element)
    {
        var utdata = Utdata(Valg(Dataelementkatalog.Alle));

        Assert.All(Spor[element], s => Assert.True(utdata.Any(u => u.Inneholder(s)), $"'{s}' mangler"));
    }

    [Theory]
    [MemberData(nameof(ValgfrieElementer))]
    public void Without_an_element_no_output_has_any_trace_of_it(Dataelement element)
    {
        var utdata = Utdata(Valg(ArbeidsforholdKontraktTests.Alle(unntatt: element)));

        foreach (var spor in utdata)
        {
            Assert.All(Spor[element], s => Assert.False(spor.Inneholder(s), $"'{s}' finnes uten {element}"));
        }
    }

    [Theory]
    [MemberData(nameof(ValgfrieElementer))]
    public void Without_an_element_the_output_still_reads_as_v2(Dataelement element)
    {
        var valg = Valg(ArbeidsforholdKontraktTests.Alle(unntatt: element));

        var k = NavV2Klient.Les<KArbeidsforhold>(Oppslagsjson.Skriv(Mapper.Map(Maritimt(), AapenBruksperiode, [new(Fnr, true)], valg)));

        Assert.Equal(3049489, k.NavArbeidsforholdId);
    }

    [Fact]
    public void With_no_elements_only_the_identification_remains()
    {
        var valg = Valg(new HashSet<Dataelement>());

        var json = Oppslagsjson.Skriv(Mapper.Map(Maritimt(), AapenBruksperiode, [new(Fnr, true)], valg));
        var k = NavV2Klient.Les<KArbeidsforhold>(json);

        Assert.Equal("AF-2", k.Id);
        Assert.Equal("maritimtArbeidsforhold", k.Type.Kode);
        Assert.Equal(Fnr, Assert.Single(k.Arbeidstaker.Identer).Ident);
        Assert.Equal(Underenhet, Assert.Single(k.Arbeidssted.Identer).Ident);
        Assert.Equal(Opplysningspliktig, Assert.Single(k.Opplysningspliktig.Identer).Ident);
        Assert.Equal((3049489L, 17, NavUuid), (k.NavArbeidsforholdId, k.NavVersjon, k.NavUuid));
        Assert.Equal("AFIDHI", Assert.Single(k.Varsler!).Varsling.Kode);
        Assert.Equal("AF-1", Assert.Single(k.IdHistorikk!).Id);
        Assert.Null(k.Ansettelsesperiode);
        Assert.Null(k.Sporingsinformasjon);
        Assert.Null(k.Permisjoner);
        var detalj = Assert.Single(k.Ansettelsesdetaljer!);
        Assert.Equal(new KAnsettelsesdetaljer(KDetaljtype.Maritim, null, null, null, null, null, null, null, null, null, null, new KRapporteringsmaaneder("2021-01", null), null), detalj);
    }

    [Fact]
    public void Sluttaarsak_without_ansettelsesperiode_gives_only_the_sluttaarsak()
    {
        var valg = Valg(ArbeidsforholdKontraktTests.Alle(unntatt: Dataelement.Ansettelsesperiode));

        var k = NavV2Klient.Les<KArbeidsforhold>(Oppslagsjson.Skriv(Mapper.Map(Maritimt(), AapenBruksperiode, [new(Fnr, true)], valg)));

        var periode = k.Ansettelsesperiode!;
        Assert.Equal(("arbeidstakerHarSagtOppSelv", (string?)null, (string?)null, (KKode?)null), (periode.Sluttaarsak!.Kode, periode.Startdato, periode.Sluttdato, periode.Varsling));
    }

    [Fact]
    public void Catalogue_names_are_those_of_API_section_7()
    {
        Assert.Equal(
            [
                "arbeidsforholdIdentifikasjon", "ansettelsesperiode", "sluttaarsak", "yrke", "stillingsprosentOgArbeidstid",
                "ansettelsesform", "loennsendring", "maritim", "permisjonerOgPermitteringer", "timerMedTimeloenn",
                "utenlandsopphold", "historikk", "sporingsinformasjon",
            ],
            Enum.GetValues<Dataelement>().Select(Dataelementkatalog.Navn));
        Assert.All(Enum.GetValues<Dataelement>(), d => Assert.True(Dataelementkatalog.TryParse(Dataelementkatalog.Navn(d), out var lest) && lest == d));
        Assert.False(Dataelementkatalog.TryParse("Yrke", out _));
    }
}
