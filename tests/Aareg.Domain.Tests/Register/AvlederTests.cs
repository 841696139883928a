using Aareg.Domain.AMelding;
using Aareg.Domain.Register;
using static Aareg.Domain.Tests.Register.Testdata;

namespace Aareg.Domain.Tests.Register;

public class AvlederTests
{
    private static readonly DateTimeOffset Tid1 = Registerkjoering.Tid(5);
    private static readonly DateTimeOffset Tid2 = Registerkjoering.Tid(6);
    private static readonly DateTimeOffset Tid3 = Registerkjoering.Tid(7);

    private static Sporingsinformasjon Edag(DateTimeOffset tid, string meldingsId) => Sporingsinformasjon.Ny(tid, "AAREG", Sporingskilde.Edag, meldingsId);

    private static Sporingsinformasjon Aareg(DateTimeOffset tid, string? meldingsId) => Sporingsinformasjon.Ny(tid, "AAREG", Sporingskilde.Aareg, meldingsId);

    private static Guid Uuid(int n) => new(n, 0, 0, new byte[8]);

    private static Maanedsinnhold MedAf(string maaned, params Arbeidsforhold[] af) =>
        Maaned(maaned, LeveranseBygger.For(maaned).Virksomhet(Virk1, v =>
        {
            for (var i = 0; i < af.Length; i++)
            {
                var rapport = af[i];
                v.Person(i == 0 ? Person : Person2, p => p.Arbeidsforhold(rapport));
            }
        }));

    [Fact]
    public void Creates_arbeidsforhold_with_every_reported_field_on_first_report()
    {
        var register = new Registerkjoering();
        var af = Ordinaert("af1") with
        {
            SisteLoennsendringsdato = new DateOnly(2023, 5, 1),
            SisteDatoForStillingsprosentendring = new DateOnly(2022, 1, 1),
        };

        var r = register.Avled([MedAf("2024-01", af)], Tid1, "m-2024-01");

        var edag = Edag(Tid1, "m-2024-01");
        var forventet = new RegisterArbeidsforhold
        {
            Noekkel = new ArbeidsforholdNoekkel(Opplysningspliktig, Virk1, Person, "af1"),
            NavArbeidsforholdId = 1000,
            NavUuid = Uuid(1),
            NavVersjon = 1,
            Type = Arbeidsforholdtype.Ordinaert,
            Rapporteringsordning = "A_ORDNINGEN",
            Ansettelsesperiode = new Ansettelsesperiode(Start, null, null, null, edag),
            Ansettelsesdetaljer =
            [
                new Ansettelsesdetaljer(
                    Ansettelsesdetaljertype.Ordinaer, "ikkeSkift", "fast", "5132121", 37.5m, 100m,
                    new DateOnly(2022, 1, 1), new DateOnly(2023, 5, 1), null, null, null,
                    new Rapporteringsmaaneder(M("2024-01"), null), edag),
            ],
            Opprettet = Tid1,
            SistBekreftet = Tid1,
            SistRapportert = M("2024-01"),
            SistEndret = Tid1,
            Sporing = edag,
        };
        Assert.Equal(forventet, Assert.Single(r.Tilstand.Arbeidsforhold));
        Assert.Equal(forventet, Assert.Single(r.NyeVersjoner));
        Assert.Equal(
            new Endringshendelse(Endringstype.Opprettelse, [Entitetsendring.Ansettelsesperiode, Entitetsendring.Ansettelsesdetaljer], 1000, Uuid(1), 1),
            Assert.Single(r.Hendelser));
        Assert.Empty(r.Slettinger);
        Assert.Empty(r.Bekreftelser);
    }

    [Fact]
    public void Unchanged_report_next_month_is_a_confirmation_without_version_or_event()
    {
        var register = new Registerkjoering();
        var jan = MedAf("2024-01", Ordinaert("af1"));
        register.Avled([jan], Tid1, "m-2024-01");

        var r = register.Avled([jan, MedAf("2024-02", Ordinaert("af1"))], Tid2, "m-2024-02");

        Assert.Empty(r.NyeVersjoner);
        Assert.Empty(r.Hendelser);
        Assert.Equal(new Bekreftelse(1000, 1, Tid2, M("2024-02")), Assert.Single(r.Bekreftelser));
        var af = Assert.Single(r.Tilstand.Arbeidsforhold);
        Assert.Equal(1, af.NavVersjon);
        Assert.Equal(Tid2, af.SistBekreftet);
        Assert.Equal(Tid1, af.SistEndret);
        Assert.Equal(new Rapporteringsmaaneder(M("2024-01"), null), Assert.Single(af.Ansettelsesdetaljer).Rapporteringsmaaneder);
    }

    [Fact]
    public void Changed_details_close_the_current_version_at_the_previous_month_and_open_a_new_one()
    {
        var register = new Registerkjoering();
        var jan = MedAf("2024-01", Ordinaert("af1"));
        var feb = MedAf("2024-02", Ordinaert("af1"));
        register.Avled([jan], Tid1, "m-2024-01");

        var r = register.Avled([jan, feb, MedAf("2024-03", Ordinaert("af1") with { Stillingsprosent = 80m })], Tid2, "m-2024-03");

        var af = Assert.Single(r.NyeVersjoner);
        Assert.Equal(2, af.NavVersjon);
        Assert.Equal(1000, af.NavArbeidsforholdId);
        Assert.Equal(2, af.Ansettelsesdetaljer.Count);
        var gammel = af.Ansettelsesdetaljer[0];
        var ny = af.Ansettelsesdetaljer[1];
        Assert.Equal(new Rapporteringsmaaneder(M("2024-01"), M("2024-02")), gammel.Rapporteringsmaaneder);
        Assert.Equal(100m, gammel.AvtaltStillingsprosent);
        Assert.Equal(Edag(Tid1, "m-2024-01").MedEndring(Edag(Tid2, "m-2024-03")), gammel.Sporing);
        Assert.Equal(new Rapporteringsmaaneder(M("2024-03"), null), ny.Rapporteringsmaaneder);
        Assert.Equal(80m, ny.AvtaltStillingsprosent);
        Assert.Equal(Edag(Tid2, "m-2024-03"), ny.Sporing);
        Assert.Same(Assert.Single(register.Tilstand.Arbeidsforhold), af);
        Assert.Equal(Edag(Tid1, "m-2024-01"), af.Ansettelsesperiode.Sporing);
        Assert.Equal(Edag(Tid1, "m-2024-01").MedEndring(Edag(Tid2, "m-2024-03")), af.Sporing);
        Assert.Equal((Tid1, Tid2, Tid2), (af.Opprettet, af.SistEndret, af.SistBekreftet));
        Assert.Equal(
            new Endringshendelse(Endringstype.Endring, [Entitetsendring.Ansettelsesdetaljer], 1000, Uuid(1), 2),
            Assert.Single(r.Hendelser));
    }

    [Fact]
    public void Details_version_closes_at_the_last_reported_month_when_a_month_was_not_reported()
    {
        var register = new Registerkjoering();
        var r = register.Avled(
            [MedAf("2024-01", Ordinaert("af1")), Maaned("2024-02"), MedAf("2024-03", Ordinaert("af1") with { Yrke = "3431101" })],
            Tid1);

        var af = Assert.Single(r.Tilstand.Arbeidsforhold);
        Assert.Equal(
            [new Rapporteringsmaaneder(M("2024-01"), M("2024-01")), new Rapporteringsmaaneder(M("2024-03"), null)],
            af.Ansettelsesdetaljer.Select(d => d.Rapporteringsmaaneder));
        Assert.Equal(["5132121", "3431101"], af.Ansettelsesdetaljer.Select(d => d.Yrke));
    }

    [Fact]
    public void Reported_sluttdato_changes_only_the_ansettelsesperiode_and_latest_details_stay_open()
    {
        var register = new Registerkjoering();
        var jan = MedAf("2024-01", Ordinaert("af1"));
        register.Avled([jan], Tid1, "m-2024-01");
        var slutt = Ordinaert("af1") with { Sluttdato = new DateOnly(2024, 2, 15), AarsakTilSluttdato = "arbeidstakerHarSagtOppSelv" };

        var r = register.Avled([jan, MedAf("2024-02", slutt)], Tid2, "m-2024-02");

        var af = Assert.Single(r.NyeVersjoner);
        Assert.Equal(
            new Ansettelsesperiode(Start, new DateOnly(2024, 2, 15), "arbeidstakerHarSagtOppSelv", null, Edag(Tid1, "m-2024-01").MedEndring(Edag(Tid2, "m-2024-02"))),
            af.Ansettelsesperiode);
        Assert.Equal(new Rapporteringsmaaneder(M("2024-01"), null), Assert.Single(af.Ansettelsesdetaljer).Rapporteringsmaaneder);
        Assert.Empty(af.Varsler);
        Assert.Equal(new Endringshendelse(Endringstype.Endring, [Entitetsendring.Ansettelsesperiode], 1000, Uuid(1), 2), Assert.Single(r.Hendelser));
    }

    [Fact]
    public void Missing_startdato_keeps_the_known_one()
    {
        var register = new Registerkjoering();
        var r = register.Avled([MedAf("2024-01", Ordinaert("af1")), MedAf("2024-02", Ordinaert("af1") with { Startdato = null })], Tid1);

        Assert.Equal(Start, Assert.Single(r.Tilstand.Arbeidsforhold).Ansettelsesperiode.Startdato);
    }

    [Fact]
    public void Open_arbeidsforhold_missing_three_reported_months_is_closed_at_the_end_of_its_last_month_with_IBKAOR()
    {
        var register = new Registerkjoering();
        var jan = MedAf("2024-01", Ordinaert("af1"), Ordinaert("af2"));
        var feb = Maaned("2024-02", LeveranseBygger.For("2024-02").Virksomhet(Virk1, v => v.Person(Person2, p => p.Arbeidsforhold(Ordinaert("af2")))));
        var mar = Maaned("2024-03", LeveranseBygger.For("2024-03").Virksomhet(Virk1, v => v.Person(Person2, p => p.Arbeidsforhold(Ordinaert("af2")))));
        var apr = Maaned("2024-04", LeveranseBygger.For("2024-04").Virksomhet(Virk1, v => v.Person(Person2, p => p.Arbeidsforhold(Ordinaert("af2")))));

        var etterTo = register.Avled([jan, feb, mar], Tid1, "m-2024-03");
        Assert.Null(etterTo.Tilstand.Arbeidsforhold[0].Ansettelsesperiode.Sluttdato);

        var r = register.Avled([jan, feb, mar, apr], Tid2, "m-2024-04");

        var lukket = Assert.Single(r.NyeVersjoner);
        Assert.Equal(1000, lukket.NavArbeidsforholdId);
        Assert.Equal(
            new Ansettelsesperiode(Start, new DateOnly(2024, 1, 31), null, Varslingskode.Ibkaor, Edag(Tid1, "m-2024-03").MedEndring(Aareg(Tid2, "m-2024-04"))),
            lukket.Ansettelsesperiode);
        Assert.Equal([new Varsel(Varselentitet.Ansettelsesperiode, "IBKAOR")], lukket.Varsler);
        Assert.Equal(Sporingskilde.Aareg, lukket.Sporing.EndretKilde);
        Assert.Equal(Tid1, lukket.SistBekreftet);
        Assert.Equal(new Endringshendelse(Endringstype.Endring, [Entitetsendring.Ansettelsesperiode], 1000, Uuid(1), 2), Assert.Single(r.Hendelser));
    }

    [Fact]
    public void Open_arbeidsforhold_is_closed_three_months_after_the_opplysningspliktigs_last_melding()
    {
        var jan = MedAf("2024-01", Ordinaert("af1"));
        var register = new Registerkjoering();

        var toMaaneder = register.Avled([jan], register.Kontekst(Tid1, null) with { GjeldendeMaaned = M("2024-03") });
        Assert.Empty(toMaaneder.Tilstand.Arbeidsforhold[0].Varsler);

        var r = register.Avled([jan], register.Kontekst(Tid2, null) with { GjeldendeMaaned = M("2024-04") });

        var af = Assert.Single(r.NyeVersjoner);
        Assert.Equal(new DateOnly(2024, 1, 31), af.Ansettelsesperiode.Sluttdato);
        Assert.Equal(Varslingskode.Ibkaor, af.Ansettelsesperiode.Varsling);
    }

    [Fact]
    public void Nulled_out_month_does_not_count_as_a_month_the_opplysningspliktig_reported()
    {
        var bareAf2 = (string m) => Maaned(m, LeveranseBygger.For(m).Virksomhet(Virk1, v => v.Person(Person2, p => p.Arbeidsforhold(Ordinaert("af2")))));
        var r = new Registerkjoering().Avled(
            [MedAf("2024-01", Ordinaert("af1"), Ordinaert("af2")), Maaned("2024-02"), bareAf2("2024-03"), bareAf2("2024-04")],
            Tid1);

        Assert.All(r.Tilstand.Arbeidsforhold, af => Assert.Null(af.Ansettelsesperiode.Sluttdato));
    }

    [Fact]
    public void Arbeidsforhold_closed_by_the_register_reopens_when_reported_again()
    {
        var register = new Registerkjoering();
        var bareAf2 = (string m) => Maaned(m, LeveranseBygger.For(m).Virksomhet(Virk1, v => v.Person(Person2, p => p.Arbeidsforhold(Ordinaert("af2")))));
        List<Maanedsinnhold> maaneder = [MedAf("2024-01", Ordinaert("af1"), Ordinaert("af2")), bareAf2("2024-02"), bareAf2("2024-03"), bareAf2("2024-04")];
        register.Avled(maaneder, Tid1);
        Assert.Equal(Varslingskode.Ibkaor, register.Tilstand.Arbeidsforhold[0].Ansettelsesperiode.Varsling);

        maaneder.Add(MedAf("2024-05", Ordinaert("af1"), Ordinaert("af2")));
        var r = register.Avled(maaneder, Tid2);

        var af = Assert.Single(r.NyeVersjoner);
        Assert.Equal(new Ansettelsesperiode(Start, null, null, null, af.Ansettelsesperiode.Sporing), af.Ansettelsesperiode);
        Assert.Empty(af.Varsler);
        Assert.Equal(M("2024-05"), af.SistRapportert);
    }

    [Theory]
    [InlineData(false, "EROPPH")]
    [InlineData(true, "ERKONK")]
    public void Enhetsregisteret_closure_closes_open_arbeidsforhold_at_that_date(bool konkurs, string kode)
    {
        var dato = new DateOnly(2024, 3, 10);
        var slutt = Ordinaert("af2") with { Sluttdato = new DateOnly(2024, 1, 31), AarsakTilSluttdato = "arbeidstakerHarSagtOppSelv" };
        var register = new Registerkjoering();
        var kontekst = register.Kontekst(Tid1, null) with { Opphoer = konkurs ? Enhetsopphoer.Konkurs(dato) : Enhetsopphoer.Slettet(dato) };

        var r = register.Avled([MedAf("2024-01", Ordinaert("af1"), slutt)], kontekst);

        var (aapen, avsluttet) = (r.Tilstand.Arbeidsforhold[0], r.Tilstand.Arbeidsforhold[1]);
        Assert.Equal((dato, kode), (aapen.Ansettelsesperiode.Sluttdato!.Value, aapen.Ansettelsesperiode.Varsling!));
        Assert.Equal([new Varsel(Varselentitet.Ansettelsesperiode, kode)], aapen.Varsler);
        Assert.Equal(Sporingskilde.Aareg, aapen.Ansettelsesperiode.Sporing.OpprettetKilde);
        Assert.Equal(new DateOnly(2024, 1, 31), avsluttet.Ansettelsesperiode.Sluttdato);
        Assert.Null(avsluttet.Ansettelsesperiode.Varsling);
    }

    [Fact]
    public void Maritime_details_come_from_fartoey()
    {
        var maritimt = Ordinaert("af1") with
        {
            TypeArbeidsforhold = Arbeidsforholdtype.Maritimt,
            Fartoey = new Fartoey("nis", "annet", "utenriks"),
        };

        var r = new Registerkjoering().Avled([MedAf("2024-01", maritimt)], Tid1);

        var af = Assert.Single(r.Tilstand.Arbeidsforhold);
        Assert.Equal(Arbeidsforholdtype.Maritimt, af.Type);
        var d = Assert.Single(af.Ansettelsesdetaljer);
        Assert.Equal((Ansettelsesdetaljertype.Maritim, "utenriks", "nis", "annet"), (d.Type, d.Fartsomraade!, d.Skipsregister!, d.Fartoeystype!));
    }

    [Fact]
    public void Changed_fartoey_opens_a_new_details_version()
    {
        var maritimt = Ordinaert("af1") with { TypeArbeidsforhold = Arbeidsforholdtype.Maritimt, Fartoey = new Fartoey("nis", "annet", "utenriks") };
        var r = new Registerkjoering().Avled(
            [MedAf("2024-01", maritimt), MedAf("2024-02", maritimt with { Fartoey = new Fartoey("nor", "annet", "innenriks") })],
            Tid1);

        var af = Assert.Single(r.Tilstand.Arbeidsforhold);
        Assert.Equal(["nis", "nor"], af.Ansettelsesdetaljer.Select(d => d.Skipsregister));
        Assert.Equal(M("2024-01"), af.Ansettelsesdetaljer[0].Rapporteringsmaaneder.Til);
    }

    [Fact]
    public void Frilanser_is_kept_with_its_type_and_pension_without_employment_is_not_an_arbeidsforhold()
    {
        var frilanser = new Arbeidsforhold { ArbeidsforholdId = "f1", TypeArbeidsforhold = Arbeidsforholdtype.Frilanser, Startdato = Start };
        var pensjon = new Arbeidsforhold { ArbeidsforholdId = "p1", TypeArbeidsforhold = Arbeidsforholdtype.PensjonOgAndreYtelser, Startdato = Start };

        var r = new Registerkjoering().Avled([MedAf("2024-01", frilanser, pensjon)], Tid1);

        var af = Assert.Single(r.Tilstand.Arbeidsforhold);
        Assert.Equal(Arbeidsforholdtype.Frilanser, af.Type);
        Assert.Equal(Ansettelsesdetaljertype.Frilanser, Assert.Single(af.Ansettelsesdetaljer).Type);
    }

    [Fact]
    public void Person_with_only_an_international_identifier_is_skipped()
    {
        var melding = LeveranseBygger.For("2024-01").Virksomhet(Virk1, v => v
            .UtenlandskPerson("PASS123", p => p.Arbeidsforhold(Ordinaert("u1")))
            .Person(Person, p => p.Arbeidsforhold(Ordinaert("af1"))));

        var r = new Registerkjoering().Avled([Maaned("2024-01", melding)], Tid1);

        Assert.Equal(Person, Assert.Single(r.Tilstand.Arbeidsforhold).Noekkel.Arbeidstaker);
    }

    [Fact]
    public void Arbeidsforhold_no_longer_reported_in_any_month_after_a_correction_is_deleted()
    {
        var register = new Registerkjoering();
        register.Avled([MedAf("2024-01", Ordinaert("af1"), Ordinaert("af2"))], Tid1, "m1");
        var erstatning = LeveranseBygger.For("2024-01", "m2").Erstatter("m-2024-01")
            .Virksomhet(Virk1, v => v.Person(Person2, p => p.Arbeidsforhold(Ordinaert("af2"))));

        var r = register.Avled([Maaned("2024-01", erstatning)], Tid2, "m2");

        Assert.Equal(new Sletting(1000, Uuid(1), 1), Assert.Single(r.Slettinger));
        Assert.Equal(new Endringshendelse(Endringstype.Sletting, [], 1000, Uuid(1), 1), Assert.Single(r.Hendelser));
        Assert.Empty(r.NyeVersjoner);
        Assert.Equal(1001, Assert.Single(r.Tilstand.Arbeidsforhold).NavArbeidsforholdId);
    }

    [Fact]
    public void Correction_of_an_earlier_month_rederives_the_later_months()
    {
        var register = new Registerkjoering();
        var jan = MedAf("2024-01", Ordinaert("af1"));
        var mar = MedAf("2024-03", Ordinaert("af1") with { Yrke = "3431101" });
        register.Avled([jan, MedAf("2024-02", Ordinaert("af1") with { Yrke = "3431101" }), mar], Tid1);
        Assert.Equal(M("2024-02"), register.Tilstand.Arbeidsforhold[0].Ansettelsesdetaljer[1].Rapporteringsmaaneder.Fra);

        var r = register.Avled([jan, MedAf("2024-02", Ordinaert("af1")), mar], Tid2);

        var af = Assert.Single(r.NyeVersjoner);
        Assert.Equal(
            [new Rapporteringsmaaneder(M("2024-01"), M("2024-02")), new Rapporteringsmaaneder(M("2024-03"), null)],
            af.Ansettelsesdetaljer.Select(d => d.Rapporteringsmaaneder));
        Assert.Equal(Tid1, af.Ansettelsesdetaljer[0].Sporing.OpprettetTidspunkt);
        Assert.Equal(Tid2, af.Ansettelsesdetaljer[0].Sporing.EndretTidspunkt);
        Assert.Equal(new Endringshendelse(Endringstype.Endring, [Entitetsendring.Ansettelsesdetaljer], 1000, Uuid(1), 2), Assert.Single(r.Hendelser));
    }

    [Fact]
    public void Replacing_a_month_with_identical_content_changes_nothing()
    {
        var register = new Registerkjoering();
        var jan = MedAf("2024-01", Ordinaert("af1"), Ordinaert("af2"));
        register.Avled([jan], Tid1, "m-2024-01");
        var foer = register.Tilstand;
        var erstatning = jan.Meldinger[0] with { MeldingsId = "m2", ErstatterMeldingsId = "m-2024-01" };

        var r = register.Avled([Maaned("2024-01", erstatning)], Tid2, "m2");

        Assert.False(r.HarEndringer);
        Assert.Empty(r.Hendelser);
        Assert.Equal(foer.Arbeidsforhold.Select(a => a.NavVersjon), r.Tilstand.Arbeidsforhold.Select(a => a.NavVersjon));
        Assert.All(r.Tilstand.Arbeidsforhold, a => Assert.Equal(Tid2, a.SistBekreftet));
    }

    [Fact]
    public void SistBekreftet_moves_only_for_arbeidsforhold_the_triggering_melding_reported()
    {
        var register = new Registerkjoering();
        var jan = MedAf("2024-01", Ordinaert("af1"), Ordinaert("af2"));
        register.Avled([jan], Tid1, "m-2024-01");
        var feb = Maaned(
            "2024-02",
            LeveranseBygger.For("2024-02", "a").Virksomhet(Virk1, v => v.Person(Person, p => p.Arbeidsforhold(Ordinaert("af1")))),
            LeveranseBygger.For("2024-02", "b").Virksomhet(Virk1, v => v.Person(Person2, p => p.Arbeidsforhold(Ordinaert("af2")))));

        var r = register.Avled([jan, feb], Tid2, "b");

        Assert.Equal(
            [new Bekreftelse(1000, 1, Tid1, M("2024-02")), new Bekreftelse(1001, 1, Tid2, M("2024-02"))],
            r.Bekreftelser);
        Assert.Empty(r.Hendelser);
    }

    [Fact]
    public void Identbytte_keeps_the_arbeidsforhold_when_the_person_is_reported_under_a_new_ident()
    {
        var register = new Registerkjoering();
        var janDnr = Maaned("2024-01", LeveranseBygger.For("2024-01").Arbeidsforhold(Dnr, Ordinaert("af1")));
        register.Avled([janDnr], Tid1);

        // Folkeregisteret: the dnr person got an fnr.
        register.Personident = ident => ident == Dnr ? Person : ident;
        var r = register.Avled([janDnr, Maaned("2024-02", LeveranseBygger.For("2024-02").Arbeidsforhold(Person, Ordinaert("af1")))], Tid2);

        var af = Assert.Single(r.Tilstand.Arbeidsforhold);
        Assert.Equal((1000L, Person), (af.NavArbeidsforholdId, af.Noekkel.Arbeidstaker));
        Assert.Equal(new Endringshendelse(Endringstype.Endring, [], 1000, Uuid(1), 2), Assert.Single(r.Hendelser));
        Assert.Empty(r.Slettinger);
        Assert.Single(af.Ansettelsesdetaljer);
    }

    [Fact]
    public void Same_key_reported_in_two_meldinger_of_a_month_takes_the_later_report()
    {
        var jan = Maaned(
            "2024-01",
            LeveranseBygger.For("2024-01", "a").Arbeidsforhold(Person, Ordinaert("af1")),
            LeveranseBygger.For("2024-01", "b").Arbeidsforhold(Person, Ordinaert("af1") with { Stillingsprosent = 50m }));

        var r = new Registerkjoering().Avled([jan], Tid1);

        Assert.Equal(50m, Assert.Single(Assert.Single(r.Tilstand.Arbeidsforhold).Ansettelsesdetaljer).AvtaltStillingsprosent);
    }

    [Fact]
    public void Months_given_twice_are_refused()
    {
        var jan = MedAf("2024-01", Ordinaert("af1"));
        Assert.Throws<ArgumentException>(() => new Registerkjoering().Avled([jan, jan], Tid3));
    }
}
