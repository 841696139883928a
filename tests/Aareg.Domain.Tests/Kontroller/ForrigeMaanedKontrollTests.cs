using Aareg.Domain.AMelding;
using Aareg.Domain.Kontroller;

namespace Aareg.Domain.Tests.Kontroller;

public sealed class ForrigeMaanedKontrollTests
{
    private const string Af = "virksomhet[0]/inntektsmottaker[0]/arbeidsforhold[0]";

    private static Leveranse Januar(params Arbeidsforhold[] arbeidsforhold) =>
        new LeveranseBygger().Maaned(2024, 1).MeldingsId("jan-1").Person(Testdata.Person, arbeidsforhold).Bygg();

    private static KontrollKontekst MedForrige(Leveranse forrige, params Leveranse[] sammeMaaned) =>
        Testdata.Kontekst() with { ForrigeMaaned = [forrige], SammeMaaned = sammeMaaned };

    [Fact]
    public void Flags_open_arbeidsforhold_of_last_month_missing_this_month()
    {
        var forrige = Januar(Testdata.Ordinaert("af-1"), Testdata.Ordinaert("af-2"));
        var februar = new LeveranseBygger().Person(Testdata.Person, Testdata.Ordinaert("af-1")).Bygg();

        var feil = Testdata.Kontroller(februar, MedForrige(forrige)).Ett(Regelid.ManglerFraForrigeMaaned);

        feil.Er(Alvorlighetsgrad.Oeyeblikkelig, "virksomhet[0]/inntektsmottaker[0]", "af-2");
        Assert.Equal(
            $"Arbeidsforhold af-2 for inntektsmottaker 020294***** i virksomhet {Testdata.Virksomhet} ble rapportert for 2024-01 uten sluttdato, men mangler for 2024-02",
            feil.Melding);
    }

    [Fact]
    public void Points_at_the_virksomhet_when_the_person_is_missing_altogether()
    {
        var forrige = new LeveranseBygger().Maaned(2024, 1)
            .Person(Testdata.Person, Testdata.Ordinaert("af-1"))
            .Person(Testdata.Person2, Testdata.Ordinaert("af-9"))
            .Bygg();
        var februar = new LeveranseBygger().Person(Testdata.Person, Testdata.Ordinaert("af-1")).Bygg();

        Testdata.Kontroller(februar, MedForrige(forrige)).Ett(Regelid.ManglerFraForrigeMaaned)
            .Er(Alvorlighetsgrad.Oeyeblikkelig, "virksomhet[0]", "af-9");
    }

    [Fact]
    public void Flags_every_open_arbeidsforhold_when_a_replacement_nulls_out_the_month()
    {
        var forrige = Januar(Testdata.Ordinaert("af-1"));
        var nullstilling = new LeveranseBygger().MeldingsId("feb-2").Erstatter("feb-1").Bygg();
        var erstattet = new LeveranseBygger().MeldingsId("feb-1").Person(Testdata.Person, Testdata.Ordinaert("af-1")).Bygg();

        var feil = Testdata.Kontroller(nullstilling, MedForrige(forrige, erstattet) with { Erstatning = Erstatningsutfall.Ok })
            .Ett(Regelid.ManglerFraForrigeMaaned);

        feil.Er(Alvorlighetsgrad.Oeyeblikkelig, null, "af-1");
    }

    [Fact]
    public void Does_not_flag_arbeidsforhold_that_ended_last_month()
    {
        var forrige = Januar(Testdata.Ordinaert("af-1"), Testdata.Ordinaert("af-2") with
        {
            Sluttdato = new DateOnly(2024, 1, 31),
            AarsakTilSluttdato = "arbeidstakerHarSagtOppSelv",
        });
        var februar = new LeveranseBygger().Person(Testdata.Person, Testdata.Ordinaert("af-1")).Bygg();

        Assert.Empty(Testdata.Kontroller(februar, MedForrige(forrige)));
    }

    [Fact]
    public void Flags_arbeidsforhold_whose_sluttdato_last_month_lies_in_this_month()
    {
        var forrige = Januar(Testdata.Ordinaert("af-2") with { Sluttdato = new DateOnly(2024, 2, 15), AarsakTilSluttdato = "arbeidstakerHarSagtOppSelv" });
        var februar = new LeveranseBygger().Person(Testdata.Person2, Testdata.Ordinaert("af-1")).Bygg();

        Testdata.Kontroller(februar, MedForrige(forrige)).Ett(Regelid.ManglerFraForrigeMaaned)
            .Er(Alvorlighetsgrad.Oeyeblikkelig, "virksomhet[0]", "af-2");
    }

    [Fact]
    public void Does_not_flag_arbeidsforhold_reported_in_another_melding_of_the_month()
    {
        var forrige = Januar(Testdata.Ordinaert("af-1"), Testdata.Ordinaert("af-2"));
        var foersteFebruar = new LeveranseBygger().MeldingsId("feb-1").Person(Testdata.Person, Testdata.Ordinaert("af-2")).Bygg();
        var tillegg = new LeveranseBygger().MeldingsId("feb-2").Person(Testdata.Person, Testdata.Ordinaert("af-1")).Bygg();

        Assert.Empty(Testdata.Kontroller(tillegg, MedForrige(forrige, foersteFebruar)));
    }

    [Fact]
    public void Does_not_count_the_replaced_melding_as_reporting_the_arbeidsforhold()
    {
        var forrige = Januar(Testdata.Ordinaert("af-1"), Testdata.Ordinaert("af-2"));
        var erstattet = new LeveranseBygger().MeldingsId("feb-1").Person(Testdata.Person, Testdata.Ordinaert("af-1"), Testdata.Ordinaert("af-2")).Bygg();
        var erstatning = new LeveranseBygger().MeldingsId("feb-2").Erstatter("feb-1").Person(Testdata.Person, Testdata.Ordinaert("af-1")).Bygg();
        var kontekst = MedForrige(forrige, erstattet) with { Erstatning = Erstatningsutfall.Ok };

        Testdata.Kontroller(erstatning, kontekst).Ett(Regelid.ManglerFraForrigeMaaned)
            .Er(Alvorlighetsgrad.Oeyeblikkelig, "virksomhet[0]/inntektsmottaker[0]", "af-2");
    }

    [Fact]
    public void Does_not_flag_freelancer_missing_in_a_month_without_payment()
    {
        var forrige = Januar(Testdata.Ordinaert("af-1"), Testdata.Frilanser());
        var februar = new LeveranseBygger().Person(Testdata.Person, Testdata.Ordinaert("af-1")).Bygg();

        Assert.Empty(Testdata.Kontroller(februar, MedForrige(forrige)));
    }

    [Fact]
    public void Does_not_compare_without_the_previous_month() =>
        Assert.Empty(Testdata.Kontroller(new LeveranseBygger().Person(Testdata.Person, Testdata.Ordinaert("af-1")).Bygg()));

    [Fact]
    public void Matches_arbeidsforhold_on_virksomhet_person_and_id()
    {
        var forrige = Januar(Testdata.Ordinaert("af-1"));
        var annenVirksomhet = new LeveranseBygger().Virksomhet(Testdata.AnnenVirksomhet).Person(Testdata.Person, Testdata.Ordinaert("af-1")).Bygg();

        Testdata.Kontroller(annenVirksomhet, MedForrige(forrige)).Ett(Regelid.ManglerFraForrigeMaaned)
            .Er(Alvorlighetsgrad.Oeyeblikkelig, null, "af-1");
    }

    [Fact]
    public void Matches_foreign_person_without_norwegian_ident()
    {
        var utlending = new Inntektsmottaker
        {
            InternasjonaleIdentifikatorer = [new InternasjonalIdentifikator("P1234567", "passnummer", "PL")],
            IdentifiserendeInformasjon = new IdentifiserendeInformasjon("Jan Kowalski", new DateOnly(1990, 4, 2), null),
            Arbeidsforhold = [Testdata.Ordinaert("af-1")],
        };
        var forrige = new LeveranseBygger().Maaned(2024, 1).Mottaker(utlending).Bygg();
        var februar = new LeveranseBygger().Mottaker(utlending).Bygg();

        Assert.Empty(Testdata.Kontroller(februar, MedForrige(forrige)));
    }

    [Fact]
    public void Flags_changed_permisjon_beskrivelse_under_same_permisjonId()
    {
        var forrige = Januar(Testdata.Ordinaert() with { Permisjoner = [Testdata.Permisjon("perm-1", "permisjonMedForeldrepenger")] });
        var februar = new LeveranseBygger()
            .Person(Testdata.Person, Testdata.Ordinaert() with { Permisjoner = [Testdata.Permisjon("perm-1", "utdanningspermisjonLovfestet")] })
            .Bygg();

        var avvik = Testdata.Kontroller(februar, MedForrige(forrige));

        var feil = avvik.Ett(Regelid.PermisjonBeskrivelseEndret);
        feil.Er(Alvorlighetsgrad.Retningslinje, $"{Af}/permisjon[0]/beskrivelse", "utdanningspermisjonLovfestet");
        Assert.Contains("fra permisjonMedForeldrepenger til utdanningspermisjonLovfestet", feil.Melding, StringComparison.Ordinal);
        avvik.Ingen(Regelid.PermisjonEndret);
    }

    [Fact]
    public void Accepts_new_beskrivelse_under_a_new_permisjonId()
    {
        var forrige = Januar(Testdata.Ordinaert() with { Permisjoner = [Testdata.Permisjon("perm-1", "permisjonMedForeldrepenger")] });
        var februar = new LeveranseBygger()
            .Person(Testdata.Person, Testdata.Ordinaert() with { Permisjoner = [Testdata.Permisjon("perm-2", "utdanningspermisjonLovfestet")] })
            .Bygg();

        Assert.Empty(Testdata.Kontroller(februar, MedForrige(forrige)));
    }

    [Fact]
    public void Flags_changed_permisjon_startdato_under_same_permisjonId()
    {
        var forrige = Januar(Testdata.Ordinaert() with { Permisjoner = [Testdata.Permisjon()] });
        var endret = Testdata.Permisjon() with { Startdato = new DateOnly(2024, 1, 15) };
        var februar = new LeveranseBygger().Person(Testdata.Person, Testdata.Ordinaert() with { Permisjoner = [endret] }).Bygg();

        var avvik = Testdata.Kontroller(februar, MedForrige(forrige));

        avvik.Ett(Regelid.PermisjonEndret).Er(Alvorlighetsgrad.Retningslinje, $"{Af}/permisjon[0]/startdato", "2024-01-15");
        avvik.Ingen(Regelid.PermisjonBeskrivelseEndret);
    }

    [Fact]
    public void Flags_changed_permisjonsprosent_under_same_permisjonId()
    {
        var forrige = Januar(Testdata.Ordinaert() with { Permisjoner = [Testdata.Permisjon()] });
        var endret = Testdata.Permisjon() with { Permisjonsprosent = 50m };
        var februar = new LeveranseBygger().Person(Testdata.Person, Testdata.Ordinaert() with { Permisjoner = [endret] }).Bygg();

        Testdata.Kontroller(februar, MedForrige(forrige)).Ett(Regelid.PermisjonEndret)
            .Er(Alvorlighetsgrad.Retningslinje, $"{Af}/permisjon[0]/permisjonsprosent", "50");
    }

    [Fact]
    public void Accepts_permisjon_getting_its_sluttdato()
    {
        var forrige = Januar(Testdata.Ordinaert() with { Permisjoner = [Testdata.Permisjon()] });
        var avsluttet = Testdata.Permisjon() with { Sluttdato = new DateOnly(2024, 2, 20) };
        var februar = new LeveranseBygger().Person(Testdata.Person, Testdata.Ordinaert() with { Permisjoner = [avsluttet] }).Bygg();

        Assert.Empty(Testdata.Kontroller(februar, MedForrige(forrige)));
    }

    [Fact]
    public void Flags_changed_permittering_under_same_permitteringId()
    {
        var permittering = new Permittering
        {
            PermitteringId = "p-1",
            StartdatoPermittering = new DateOnly(2024, 1, 10),
            Permitteringsprosent = 100m,
            Permitteringsaarsak = "mangelPaaArbeidEllerOppdrag",
        };
        var forrige = Januar(Testdata.Ordinaert() with { Permitteringer = [permittering] });
        var februar = new LeveranseBygger()
            .Person(Testdata.Person, Testdata.Ordinaert() with { Permitteringer = [permittering with { Permitteringsprosent = 40m }] })
            .Bygg();

        Testdata.Kontroller(februar, MedForrige(forrige)).Ett(Regelid.PermisjonEndret)
            .Er(Alvorlighetsgrad.Retningslinje, $"{Af}/permittering[0]/permitteringsprosent", "40");
    }
}
