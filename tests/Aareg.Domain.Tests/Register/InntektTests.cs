using Aareg.Domain.Register;
using static Aareg.Domain.Tests.Register.Testdata;

namespace Aareg.Domain.Tests.Register;

public class InntektTests
{
    private static readonly DateTimeOffset Tid1 = Registerkjoering.Tid(5);
    private static readonly DateTimeOffset Tid2 = Registerkjoering.Tid(6);
    private static readonly Sporingsinformasjon Sporing1 = Sporingsinformasjon.Ny(Tid1, "AAREG", Sporingskilde.Edag, null);

    private static Maanedsinnhold Med(string maaned, Action<MottakerBygger> bygg) =>
        Maaned(maaned, LeveranseBygger.For(maaned).Virksomhet(Virk1, v => v.Person(Person, p =>
        {
            p.Arbeidsforhold(Ordinaert("af1")).Arbeidsforhold(Ordinaert("af2") with { Startdato = new DateOnly(2019, 3, 1) });
            bygg(p);
        })));

    private static RegisterArbeidsforhold Af(AvledningsResultat r, string id) =>
        r.Tilstand.Arbeidsforhold.Single(a => a.ArbeidsforholdId == id);

    [Fact]
    public void Hours_of_hourly_pay_are_summed_per_month_on_the_arbeidsforhold_of_the_income_line()
    {
        var start = new DateOnly(2024, 1, 1);
        var jan = Med("2024-01", p => p
            .Timeloenn("af1", 10m, start, new DateOnly(2024, 1, 15))
            .Timeloenn("af1", 5.5m, new DateOnly(2024, 1, 16), new DateOnly(2024, 1, 31))
            .Timeloenn("af2", 7m)
            .Loenn("af1"));

        var r = new Registerkjoering().Avled([jan], Tid1);

        Assert.Equal([new TimerMedTimeloenn(15.5m, start, new DateOnly(2024, 1, 31), M("2024-01"), Sporing1)], Af(r, "af1").TimerMedTimeloenn);
        Assert.Equal([new TimerMedTimeloenn(7m, null, null, M("2024-01"), Sporing1)], Af(r, "af2").TimerMedTimeloenn);
    }

    [Fact]
    public void Hours_form_one_entry_per_month_and_a_new_month_is_a_TimerMedTimeloenn_change()
    {
        var register = new Registerkjoering();
        var jan = Med("2024-01", p => p.Timeloenn("af1", 10m));
        register.Avled([jan], Tid1);

        var r = register.Avled([jan, Med("2024-02", p => p.Timeloenn("af1", 8m))], Tid2);

        var af = Assert.Single(r.NyeVersjoner);
        Assert.Equal([(10m, M("2024-01")), (8m, M("2024-02"))], af.TimerMedTimeloenn.Select(t => (t.Antall, t.Rapporteringsmaaned)));
        Assert.Same(register.Tilstand.Arbeidsforhold[0], af);
        Assert.Equal(new Endringshendelse(Endringstype.Endring, [Entitetsendring.TimerMedTimeloenn], 1000, af.NavUuid, 2), Assert.Single(r.Hendelser));
    }

    [Fact]
    public void Income_line_without_arbeidsforholdId_belongs_to_the_persons_only_arbeidsforhold()
    {
        var jan = Maaned("2024-01", LeveranseBygger.For("2024-01").Virksomhet(Virk1, v => v.Person(Person, p => p
            .Arbeidsforhold(Ordinaert("af1"))
            .Timeloenn(null, 12m))));

        var r = new Registerkjoering().Avled([jan], Tid1);

        Assert.Equal(12m, Assert.Single(Assert.Single(r.Tilstand.Arbeidsforhold).TimerMedTimeloenn).Antall);
    }

    [Fact]
    public void Income_line_without_arbeidsforholdId_is_ignored_when_the_person_has_several_arbeidsforhold()
    {
        var r = new Registerkjoering().Avled([Med("2024-01", p => p.Timeloenn(null, 12m))], Tid1);

        Assert.All(r.Tilstand.Arbeidsforhold, a => Assert.Empty(a.TimerMedTimeloenn));
    }

    [Fact]
    public void Work_abroad_gives_one_entry_per_country_and_month_and_Norway_is_not_abroad()
    {
        var jan = Med("2024-01", p => p
            .Loenn("af1", "SE", new DateOnly(2024, 1, 10), new DateOnly(2024, 1, 12))
            .Loenn("af1", "se", new DateOnly(2024, 1, 2), new DateOnly(2024, 1, 5))
            .Loenn("af1", "DE")
            .Loenn("af1", "NO")
            .Loenn("af1"));

        var r = new Registerkjoering().Avled([jan], Tid1);

        Assert.Equal(
            [
                new Utenlandsopphold("DE", null, null, M("2024-01"), Sporing1),
                new Utenlandsopphold("SE", new DateOnly(2024, 1, 2), new DateOnly(2024, 1, 12), M("2024-01"), Sporing1),
            ],
            Af(r, "af1").Utenlandsopphold);
        Assert.Empty(Af(r, "af2").Utenlandsopphold);
        Assert.Contains(Entitetsendring.Utenlandsopphold, r.Hendelser[0].Entitetsendringer);
    }

    [Fact]
    public void Correction_removing_work_abroad_is_a_Utenlandsopphold_change()
    {
        var register = new Registerkjoering();
        register.Avled([Med("2024-01", p => p.Loenn("af1", "SE"))], Tid1);

        var r = register.Avled([Med("2024-01", p => p.Loenn("af1"))], Tid2);

        var af = Assert.Single(r.NyeVersjoner);
        Assert.Empty(af.Utenlandsopphold);
        Assert.Equal([Entitetsendring.Utenlandsopphold], Assert.Single(r.Hendelser).Entitetsendringer);
    }
}
