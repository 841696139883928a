using Aareg.Domain.AMelding;
using Aareg.Domain.Kontroller;
using CsCheck;

namespace Aareg.Domain.Tests.Kontroller;

public sealed class KontrollkatalogTests
{
    public static TheoryData<string, Alvorlighetsgrad> DomainTabell => new()
    {
        { "104", Alvorlighetsgrad.Avvisning },
        { "opplysningspliktig", Alvorlighetsgrad.Avvisning },
        { "fremtidig-maaned", Alvorlighetsgrad.Avvisning },
        { "166-B", Alvorlighetsgrad.Avvisning },
        { "107B", Alvorlighetsgrad.Avvisning },
        { "196", Alvorlighetsgrad.Oeyeblikkelig },
        { "identitet", Alvorlighetsgrad.Oeyeblikkelig },
        { "startdato", Alvorlighetsgrad.Oeyeblikkelig },
        { "sluttaarsak", Alvorlighetsgrad.Oeyeblikkelig },
        { "detaljer", Alvorlighetsgrad.Oeyeblikkelig },
        { "F282", Alvorlighetsgrad.Oeyeblikkelig },
        { "maritim", Alvorlighetsgrad.Oeyeblikkelig },
        { "permisjon", Alvorlighetsgrad.Oeyeblikkelig },
        { "108", Alvorlighetsgrad.Oeyeblikkelig },
        { "276", Alvorlighetsgrad.Retningslinje },
        { "518", Alvorlighetsgrad.Retningslinje },
        { "plausibilitet", Alvorlighetsgrad.Retningslinje },
        { "rapporteringsplikt", Alvorlighetsgrad.Retningslinje },
    };

    [Theory]
    [MemberData(nameof(DomainTabell))]
    public void Rule_has_the_severity_of_the_DOMAIN_table(string id, Alvorlighetsgrad alvorlighetsgrad)
    {
        var regel = Kontrollkatalog.Finn(id);

        Assert.NotNull(regel);
        Assert.Equal(alvorlighetsgrad, regel.Alvorlighetsgrad);
        Assert.False(string.IsNullOrWhiteSpace(regel.Beskrivelse));
    }

    [Fact]
    public void Catalogue_holds_exactly_the_DOMAIN_rules_with_unique_ids()
    {
        var ider = Kontrollkatalog.Regler.Select(r => r.Id).ToList();

        Assert.Equal(ider.Count, ider.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(DomainTabell.Select(rad => rad.Data.Item1).Order(StringComparer.Ordinal), ider.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_rule_but_the_reader_reported_schema_rule_has_a_check()
    {
        foreach (var regel in Kontrollkatalog.Regler)
        {
            var harKontroll = regel.Leveransekontroll is not null || regel.Virksomhetskontroll is not null
                || regel.Inntektsmottakerkontroll is not null || regel.Arbeidsforholdkontroll is not null || regel.Sluttkontroll is not null;
            Assert.Equal(regel.Id != Regelid.Schema, harKontroll);
        }
    }

    [Fact]
    public void Schema_rule_makes_rejecting_avvik_for_the_reader()
    {
        var avvik = Kontrollkatalog.Schema.Lag("Elementet kalendermaaned mangler", "kalendermaaned");

        Assert.Equal(new Avvik("104", Alvorlighetsgrad.Avvisning, "Elementet kalendermaaned mangler", "kalendermaaned", null), avvik);
    }

    [Fact]
    public void Unknown_rule_id_is_not_found() => Assert.Null(Kontrollkatalog.Finn("999"));

    [Fact]
    public void Realistic_clean_melding_gives_no_avvik()
    {
        var forrige = RealistiskLeveranse(new LeveranseBygger().Maaned(2024, 1).MeldingsId("jan-1"), januar: true);
        var leveranse = RealistiskLeveranse(new LeveranseBygger().MeldingsId("feb-1"), januar: false);
        var kontekst = Testdata.Kontekst() with
        {
            ForrigeMaaned = [forrige],
            Enhetsregister = FakeEnhetsregister.Standard(),
        };

        Assert.Empty(Testdata.Kontroller(leveranse, kontekst));
    }

    [Fact]
    public void Melding_without_virksomheter_gives_no_avvik() =>
        Assert.Empty(Testdata.Kontroller(new LeveranseBygger().Bygg()));

    [Fact]
    public void Any_stillingsprosent_from_0_to_100_is_accepted_and_anything_above_is_only_a_guideline()
    {
        Gen.Decimal[0m, 100m].Sample(prosent =>
            Assert.Empty(Testdata.Kontroller(new LeveranseBygger().Person(Testdata.Person, Testdata.Ordinaert() with { Stillingsprosent = prosent }).Bygg())));

        Gen.Decimal[100.01m, 1000m].Sample(prosent =>
        {
            var avvik = Testdata.Kontroller(new LeveranseBygger().Person(Testdata.Person, Testdata.Ordinaert() with { Stillingsprosent = prosent }).Bygg());
            Assert.Equal(Regelid.Plausibilitet, Assert.Single(avvik).Regel);
        });
    }

    [Fact]
    public void Avvik_are_in_walk_order()
    {
        var leveranse = new LeveranseBygger()
            .Opplysningspliktig(Testdata.UgyldigOrgnr)
            .Person(Testdata.UgyldigFnr, Testdata.Ordinaert() with { Yrke = null })
            .Bygg();

        var regler = Testdata.Kontroller(leveranse).Select(a => a.Regel);

        Assert.Equal([Regelid.Opplysningspliktig, Regelid.Identitet, Regelid.Detaljer], regler);
    }

    /// <summary>
    /// A small employer as payroll systems report it: two virksomheter, a D-number holder, a foreign worker without a
    /// Norwegian ident, a freelancer who ended (no sluttårsak needed), an employee ending this month, one on parental
    /// leave, a seafarer, and income lines.
    /// </summary>
    private static Leveranse RealistiskLeveranse(LeveranseBygger bygger, bool januar)
    {
        var slutter = Testdata.Ordinaert("af-3") with { FormForAnsettelse = "midlertidig", Stillingsprosent = 60m };
        if (!januar)
        {
            slutter = slutter with { Sluttdato = new DateOnly(2024, 2, 29), AarsakTilSluttdato = "kontraktEngasjementEllerVikariatErUtloept" };
        }

        var utenlandsk = new Inntektsmottaker
        {
            InternasjonaleIdentifikatorer = [new InternasjonalIdentifikator("SE-19850312-1234", "passnummer", "SE")],
            IdentifiserendeInformasjon = new IdentifiserendeInformasjon("Anna Svensson", new DateOnly(1985, 3, 12), "A-17"),
            Arbeidsforhold = [Testdata.Ordinaert("af-4") with { Yrke = "3431101", Stillingsprosent = 50m, Arbeidstidsordning = "andreSkift" }],
            Inntekter =
            [
                new Inntekt { Fordel = "kontantytelse", Beloep = 21000m, ArbeidsforholdId = "af-4", Art = Inntektsart.Loennsinntekt, Beskrivelse = "fastloenn" },
            ],
        };

        return bygger
            .Virksomhet(Testdata.Virksomhet)
            .Person(Testdata.Person, Testdata.Ordinaert("af-1"))
            .Person(Testdata.Dnr, Testdata.Ordinaert("af-2") with { Yrke = "1228103", FormForAnsettelse = "midlertidigAnsattSomTilkallingsvikar", Permisjoner = [Testdata.Permisjon()] })
            .Person(Testdata.Person2, slutter, Testdata.Frilanser() with { Sluttdato = new DateOnly(2024, 1, 31) })
            .Mottaker(utenlandsk)
            .Virksomhet(Testdata.AnnenVirksomhet)
            .Person(Testdata.Person3, Testdata.Maritimt())
            .Bygg();
    }
}
