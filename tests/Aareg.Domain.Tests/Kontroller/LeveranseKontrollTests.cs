using Aareg.Domain.AMelding;
using Aareg.Domain.Kontroller;

namespace Aareg.Domain.Tests.Kontroller;

public sealed class LeveranseKontrollTests
{
    private const string OpplysningspliktigSti = "opplysningspliktig/norskIdentifikator";

    [Fact]
    public void Rejects_opplysningspliktig_with_invalid_orgnr()
    {
        var avvik = Testdata.Kontroller(new LeveranseBygger().Opplysningspliktig(Testdata.UgyldigOrgnr).Bygg());

        var feil = avvik.Ett(Regelid.Opplysningspliktig);
        feil.Er(Alvorlighetsgrad.Avvisning, OpplysningspliktigSti, Testdata.UgyldigOrgnr);
        Assert.Contains("kontrollsiffer", feil.Melding, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_missing_opplysningspliktig() =>
        Testdata.Kontroller(new LeveranseBygger().Opplysningspliktig(null).Bygg())
            .Ett(Regelid.Opplysningspliktig).Er(Alvorlighetsgrad.Avvisning, OpplysningspliktigSti, null);

    [Fact]
    public void Rejects_private_employer_with_invalid_fnr_and_masks_it()
    {
        var avvik = Testdata.Kontroller(new LeveranseBygger().Opplysningspliktig(Testdata.UgyldigFnr).Bygg());

        var feil = avvik.Ett(Regelid.Opplysningspliktig);
        feil.Er(Alvorlighetsgrad.Avvisning, OpplysningspliktigSti, "020294*****");
        Assert.DoesNotContain(Testdata.UgyldigFnr, feil.Melding, StringComparison.Ordinal);
    }

    [Fact]
    public void Accepts_private_employer_with_valid_fnr_as_opplysningspliktig_and_virksomhet()
    {
        var leveranse = new LeveranseBygger()
            .Opplysningspliktig(Testdata.Person2)
            .Virksomhet(Testdata.Person2)
            .Person(Testdata.Person, Testdata.Ordinaert())
            .Bygg();

        Assert.Empty(Testdata.Kontroller(leveranse, Testdata.Kontekst() with { Enhetsregister = FakeEnhetsregister.Standard() }));
    }

    [Fact]
    public void Accepts_opplysningspliktig_that_is_a_hovedenhet_in_Enhetsregisteret()
    {
        var kontekst = Testdata.Kontekst() with { Enhetsregister = FakeEnhetsregister.Standard() };

        Testdata.Kontroller(new LeveranseBygger().Bygg(), kontekst).Ingen(Regelid.Opplysningspliktig);
    }

    [Fact]
    public void Rejects_opplysningspliktig_that_is_an_underenhet_when_Enhetsregisteret_is_loaded()
    {
        var kontekst = Testdata.Kontekst() with { Enhetsregister = FakeEnhetsregister.Standard() };

        var feil = Testdata.Kontroller(new LeveranseBygger().Opplysningspliktig(Testdata.Virksomhet).Bygg(), kontekst).Ett(Regelid.Opplysningspliktig);

        feil.Er(Alvorlighetsgrad.Avvisning, OpplysningspliktigSti, Testdata.Virksomhet);
        Assert.Contains("ikke en hovedenhet", feil.Melding, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_opplysningspliktig_unknown_to_a_loaded_Enhetsregisteret()
    {
        var kontekst = Testdata.Kontekst() with { Enhetsregister = new FakeEnhetsregister(true) };

        Testdata.Kontroller(new LeveranseBygger().Bygg(), kontekst)
            .Ett(Regelid.Opplysningspliktig).Er(Alvorlighetsgrad.Avvisning, OpplysningspliktigSti, Testdata.Opplysningspliktig);
    }

    [Fact]
    public void Ignores_Enhetsregisteret_that_is_not_loaded()
    {
        var kontekst = Testdata.Kontekst() with { Enhetsregister = new FakeEnhetsregister(false) };
        var leveranse = new LeveranseBygger().Opplysningspliktig(Testdata.Virksomhet).Virksomhet(Testdata.FremmedVirksomhet).Person(Testdata.Person, Testdata.Ordinaert()).Bygg();

        Assert.Empty(Testdata.Kontroller(leveranse, kontekst));
    }

    [Fact]
    public void Rejects_month_more_than_two_months_ahead()
    {
        var avvik = Testdata.Kontroller(new LeveranseBygger().Maaned(2024, 6).Bygg());

        avvik.Ett(Regelid.FremtidigMaaned).Er(Alvorlighetsgrad.Avvisning, "kalendermaaned", "2024-06");
    }

    [Fact]
    public void Accepts_month_two_months_ahead() =>
        Testdata.Kontroller(new LeveranseBygger().Maaned(2024, 5).Bygg()).Ingen(Regelid.FremtidigMaaned);

    [Theory]
    [InlineData(Erstatningsutfall.UkjentMelding, "ingen melding")]
    [InlineData(Erstatningsutfall.AnnenOpplysningspliktigEllerMaaned, "annen opplysningspliktig eller kalendermåned")]
    [InlineData(Erstatningsutfall.AlleredeErstattet, "allerede erstattet")]
    public void Rejects_invalid_replacement(Erstatningsutfall utfall, string forklaring)
    {
        var leveranse = new LeveranseBygger().MeldingsId("melding-2").Erstatter("melding-1").Bygg();

        var feil = Testdata.Kontroller(leveranse, Testdata.Kontekst() with { Erstatning = utfall }).Ett(Regelid.Erstatning);

        feil.Er(Alvorlighetsgrad.Avvisning, "erstatterMeldingsId", "melding-1");
        Assert.Contains(forklaring, feil.Melding, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Erstatningsutfall.Ok, "melding-1")]
    [InlineData(Erstatningsutfall.IkkeErstatning, null)]
    public void Accepts_valid_replacement_and_addition(Erstatningsutfall utfall, string? erstatter)
    {
        var bygger = new LeveranseBygger().MeldingsId("melding-2");
        if (erstatter is not null)
        {
            bygger.Erstatter(erstatter);
        }

        Assert.Empty(Testdata.Kontroller(bygger.Bygg(), Testdata.Kontekst() with { Erstatning = utfall }));
    }

    [Fact]
    public void Rejects_virksomhet_with_invalid_orgnr()
    {
        var leveranse = new LeveranseBygger()
            .Virksomhet(Testdata.Virksomhet).Person(Testdata.Person, Testdata.Ordinaert())
            .Virksomhet(Testdata.UgyldigOrgnr).Person(Testdata.Person2, Testdata.Ordinaert())
            .Bygg();

        Testdata.Kontroller(leveranse).Ett(Regelid.Virksomhet)
            .Er(Alvorlighetsgrad.Avvisning, "virksomhet[1]/norskIdentifikator", Testdata.UgyldigOrgnr);
    }

    [Fact]
    public void Rejects_person_as_virksomhet_of_another_opplysningspliktig_and_masks_it() =>
        Testdata.Kontroller(new LeveranseBygger().Virksomhet(Testdata.Person2).Bygg())
            .Ett(Regelid.Virksomhet).Er(Alvorlighetsgrad.Avvisning, "virksomhet[0]/norskIdentifikator", "121063*****");

    [Fact]
    public void Flags_virksomhet_that_is_not_an_underenhet_of_the_opplysningspliktig()
    {
        var leveranse = new LeveranseBygger().Virksomhet(Testdata.FremmedVirksomhet).Person(Testdata.Person, Testdata.Ordinaert()).Bygg();
        var kontekst = Testdata.Kontekst() with { Enhetsregister = FakeEnhetsregister.Standard() };

        var feil = Testdata.Kontroller(leveranse, kontekst).Ett(Regelid.Underenhet);

        feil.Er(Alvorlighetsgrad.Oeyeblikkelig, "virksomhet[0]/norskIdentifikator", Testdata.FremmedVirksomhet);
        Assert.Contains(Testdata.FremmedOpplysningspliktig, feil.Melding, StringComparison.Ordinal);
    }

    [Fact]
    public void Flags_virksomhet_that_is_a_hovedenhet() =>
        Testdata.Kontroller(
                new LeveranseBygger().Virksomhet(Testdata.Opplysningspliktig).Bygg(),
                Testdata.Kontekst() with { Enhetsregister = FakeEnhetsregister.Standard() })
            .Ett(Regelid.Underenhet).Er(Alvorlighetsgrad.Oeyeblikkelig, "virksomhet[0]/norskIdentifikator", Testdata.Opplysningspliktig);

    [Fact]
    public void Accepts_underenhet_of_the_opplysningspliktig() =>
        Testdata.Kontroller(
                new LeveranseBygger().Virksomhet(Testdata.AnnenVirksomhet).Person(Testdata.Person, Testdata.Ordinaert()).Bygg(),
                Testdata.Kontekst() with { Enhetsregister = FakeEnhetsregister.Standard() })
            .Ingen(Regelid.Underenhet);

    [Fact]
    public void Does_not_check_underenhet_without_Enhetsregisteret() =>
        Testdata.Kontroller(new LeveranseBygger().Virksomhet(Testdata.FremmedVirksomhet).Bygg()).Ingen(Regelid.Underenhet);

    [Fact]
    public void Flags_fnr_with_wrong_check_digit_and_masks_it()
    {
        var leveranse = new LeveranseBygger()
            .Person(Testdata.Person, Testdata.Ordinaert())
            .Person(Testdata.UgyldigFnr, Testdata.Ordinaert())
            .Bygg();

        var feil = Testdata.Kontroller(leveranse).Ett(Regelid.Identitet);

        feil.Er(Alvorlighetsgrad.Oeyeblikkelig, "virksomhet[0]/inntektsmottaker[1]/norskIdentifikator", "020294*****");
        Assert.Contains("kontrollsiffer", feil.Melding, StringComparison.Ordinal);
        Assert.DoesNotContain(Testdata.UgyldigFnr, feil.Melding, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_synthetic_ident_when_not_allowed()
    {
        var leveranse = new LeveranseBygger().Person(Testdata.Syntetisk, Testdata.Ordinaert()).Bygg();

        var feil = Testdata.Kontroller(leveranse).Ett(Regelid.Identitet);

        feil.Er(Alvorlighetsgrad.Oeyeblikkelig, "virksomhet[0]/inntektsmottaker[0]/norskIdentifikator", "058967*****");
        Assert.Contains("syntetisk", feil.Melding, StringComparison.Ordinal);
    }

    [Fact]
    public void Accepts_synthetic_ident_when_allowed() =>
        Assert.Empty(Testdata.Kontroller(
            new LeveranseBygger().Person(Testdata.Syntetisk, Testdata.Ordinaert()).Bygg(),
            Testdata.Kontekst() with { TillatSyntetiske = true }));

    [Fact]
    public void Accepts_dnr() =>
        Assert.Empty(Testdata.Kontroller(new LeveranseBygger().Person(Testdata.Dnr, Testdata.Ordinaert()).Bygg()));

    [Fact]
    public void Accepts_foreign_person_identified_by_name_and_birth_date()
    {
        var mottaker = new Inntektsmottaker
        {
            InternasjonaleIdentifikatorer = [new InternasjonalIdentifikator("P1234567", "passnummer", "PL")],
            IdentifiserendeInformasjon = new IdentifiserendeInformasjon("Jan Kowalski", new DateOnly(1990, 4, 2), null),
            Arbeidsforhold = [Testdata.Ordinaert()],
        };

        Assert.Empty(Testdata.Kontroller(new LeveranseBygger().Mottaker(mottaker).Bygg()));
    }

    [Fact]
    public void Flags_person_without_any_identification() =>
        Testdata.Kontroller(new LeveranseBygger().Mottaker(new Inntektsmottaker { Arbeidsforhold = [Testdata.Ordinaert()] }).Bygg())
            .Ett(Regelid.Identitet).Er(Alvorlighetsgrad.Oeyeblikkelig, "virksomhet[0]/inntektsmottaker[0]", null);

    [Fact]
    public void Flags_identifying_information_without_birth_date()
    {
        var mottaker = new Inntektsmottaker { IdentifiserendeInformasjon = new IdentifiserendeInformasjon("Jan Kowalski", null, null) };

        Testdata.Kontroller(new LeveranseBygger().Mottaker(mottaker).Bygg())
            .Ett(Regelid.Identitet).Er(Alvorlighetsgrad.Oeyeblikkelig, "virksomhet[0]/inntektsmottaker[0]/identifiserendeInformasjon/foedselsdato", null);
    }
}
