using Aareg.Domain.AMelding;
using Aareg.Domain.Register;
using static Aareg.Domain.Tests.Register.Testdata;

namespace Aareg.Domain.Tests.Register;

public class IdEndringTests
{
    private static readonly DateTimeOffset Tid1 = Registerkjoering.Tid(5);
    private static readonly DateTimeOffset Tid2 = Registerkjoering.Tid(6);

    private static Maanedsinnhold En(string maaned, Arbeidsforhold af) =>
        Maaned(maaned, LeveranseBygger.For(maaned).Arbeidsforhold(Person, af));

    [Fact]
    public void New_id_with_same_startdato_keeps_the_arbeidsforhold_and_records_id_history_with_AFIDHI()
    {
        var register = new Registerkjoering();
        var jan = En("2024-01", Ordinaert("af1"));
        var feb = En("2024-02", Ordinaert("af1"));
        register.Avled([jan, feb], Tid1);

        var r = register.Avled([jan, feb, En("2024-03", Ordinaert("AF-0001"))], Tid2);

        var af = Assert.Single(r.NyeVersjoner);
        Assert.Equal((1000L, "AF-0001", 2), (af.NavArbeidsforholdId, af.ArbeidsforholdId!, af.NavVersjon));
        Assert.Equal([new IdHistorikk("af1", M("2024-01"), M("2024-02"))], af.IdHistorikk);
        Assert.Equal([new Varsel(Varselentitet.Arbeidsforhold, "AFIDHI")], af.Varsler);
        Assert.Equal(new Rapporteringsmaaneder(M("2024-01"), null), Assert.Single(af.Ansettelsesdetaljer).Rapporteringsmaaneder);
        Assert.Equal(new Endringshendelse(Endringstype.Endring, [], 1000, af.NavUuid, 2), Assert.Single(r.Hendelser));
        Assert.Single(r.Tilstand.Arbeidsforhold);
    }

    [Fact]
    public void Two_id_changes_keep_both_earlier_ids_and_one_AFIDHI()
    {
        var r = new Registerkjoering().Avled(
            [En("2024-01", Ordinaert("a")), En("2024-02", Ordinaert("b")), En("2024-03", Ordinaert("c"))],
            Tid1);

        var af = Assert.Single(r.Tilstand.Arbeidsforhold);
        Assert.Equal("c", af.ArbeidsforholdId);
        Assert.Equal([new IdHistorikk("a", M("2024-01"), M("2024-01")), new IdHistorikk("b", M("2024-02"), M("2024-02"))], af.IdHistorikk);
        Assert.Equal([new Varsel(Varselentitet.Arbeidsforhold, "AFIDHI")], af.Varsler);
    }

    [Fact]
    public void New_id_with_nearby_startdato_and_same_details_is_matched_by_similarity()
    {
        var naer = Ordinaert("ny") with { Startdato = Start.AddDays(10) };
        var r = new Registerkjoering().Avled([En("2024-01", Ordinaert("af1")), En("2024-02", naer)], Tid1);

        var af = Assert.Single(r.Tilstand.Arbeidsforhold);
        Assert.Equal(("ny", Start.AddDays(10)), (af.ArbeidsforholdId!, af.Ansettelsesperiode.Startdato));
        Assert.Equal("af1", Assert.Single(af.IdHistorikk).ArbeidsforholdId);
    }

    [Fact]
    public void New_id_with_nearby_startdato_but_other_details_is_a_new_arbeidsforhold()
    {
        var annet = Ordinaert("ny") with { Startdato = Start.AddDays(10), Yrke = "3431101", Stillingsprosent = 40m };
        var r = new Registerkjoering().Avled([En("2024-01", Ordinaert("af1")), En("2024-02", annet)], Tid1);

        Assert.Equal(["af1", "ny"], r.Tilstand.Arbeidsforhold.Select(a => a.ArbeidsforholdId));
        Assert.All(r.Tilstand.Arbeidsforhold, a => Assert.Empty(a.IdHistorikk));
        Assert.Equal([Endringstype.Opprettelse, Endringstype.Opprettelse], r.Hendelser.Select(h => h.Endringstype));
    }

    [Fact]
    public void New_id_is_not_matched_when_the_old_arbeidsforhold_is_still_reported()
    {
        var feb = Maaned("2024-02", LeveranseBygger.For("2024-02").Virksomhet(Virk1, v => v.Person(Person, p => p
            .Arbeidsforhold(Ordinaert("af1"))
            .Arbeidsforhold(Ordinaert("af2")))));

        var r = new Registerkjoering().Avled([En("2024-01", Ordinaert("af1")), feb], Tid1);

        Assert.Equal(["af1", "af2"], r.Tilstand.Arbeidsforhold.Select(a => a.ArbeidsforholdId));
        Assert.All(r.Tilstand.Arbeidsforhold, a => Assert.Empty(a.Varsler));
    }

    [Fact]
    public void New_id_is_not_matched_across_type_virksomhet_or_person()
    {
        var annenType = Ordinaert("t") with { TypeArbeidsforhold = Arbeidsforholdtype.Forenklet };
        var feb = Maaned("2024-02", LeveranseBygger.For("2024-02")
            .Virksomhet(Virk1, v => v.Person(Person, p => p.Arbeidsforhold(annenType)).Person(Person2, p => p.Arbeidsforhold(Ordinaert("p"))))
            .Virksomhet(Virk2, v => v.Person(Person, p => p.Arbeidsforhold(Ordinaert("v")))));

        var r = new Registerkjoering().Avled([En("2024-01", Ordinaert("af1")), feb], Tid1);

        Assert.Equal(4, r.Tilstand.Arbeidsforhold.Count);
        Assert.All(r.Tilstand.Arbeidsforhold, a => Assert.Empty(a.IdHistorikk));
    }

    [Fact]
    public void New_id_is_matched_only_against_the_previous_reported_month()
    {
        // af1 is missing in February, so in March it was not reported in the previous reported month.
        var feb = Maaned("2024-02", LeveranseBygger.For("2024-02").Arbeidsforhold(Person2, Ordinaert("x")));
        var r = new Registerkjoering().Avled([En("2024-01", Ordinaert("af1")), feb, En("2024-03", Ordinaert("ny"))], Tid1);

        Assert.Equal(["af1", "x", "ny"], r.Tilstand.Arbeidsforhold.Select(a => a.ArbeidsforholdId));
    }

    [Fact]
    public void Correction_that_undoes_an_id_change_keeps_the_registers_ids()
    {
        var register = new Registerkjoering();
        var jan = En("2024-01", Ordinaert("af1"));
        register.Avled([jan, En("2024-02", Ordinaert("AF-0001"))], Tid1);

        var r = register.Avled([jan, En("2024-02", Ordinaert("af1"))], Tid2);

        var af = Assert.Single(r.NyeVersjoner);
        Assert.Equal((1000L, "af1"), (af.NavArbeidsforholdId, af.ArbeidsforholdId!));
        Assert.Empty(af.IdHistorikk);
        Assert.Empty(af.Varsler);
        Assert.Empty(r.Slettinger);
    }

    [Fact]
    public void Id_change_found_only_on_rederivation_keeps_the_stored_arbeidsforhold_with_the_same_key()
    {
        var register = new Registerkjoering();
        var jan = En("2024-01", Ordinaert("af1"));
        var febGammel = Maaned("2024-02", LeveranseBygger.For("2024-02").Virksomhet(Virk1, v => v.Person(Person, p => p
            .Arbeidsforhold(Ordinaert("af1"))
            .Arbeidsforhold(Ordinaert("AF-0001")))));
        register.Avled([jan, febGammel], Tid1);
        Assert.Equal(2, register.Tilstand.Arbeidsforhold.Count);

        var r = register.Avled([jan, En("2024-02", Ordinaert("AF-0001"))], Tid2);

        // The stored arbeidsforhold with the same key wins; it now carries the earlier id, the other is deleted.
        var af = Assert.Single(r.Tilstand.Arbeidsforhold);
        Assert.Equal((1001L, "AF-0001"), (af.NavArbeidsforholdId, af.ArbeidsforholdId!));
        Assert.Equal([new IdHistorikk("af1", M("2024-01"), M("2024-01"))], af.IdHistorikk);
        Assert.Equal(1000, Assert.Single(r.Slettinger).NavArbeidsforholdId);
    }
}
