using Aareg.Domain.AMelding;
using Aareg.Domain.Register;
using static Aareg.Domain.Tests.Register.Testdata;
using AMeldingPermisjon = Aareg.Domain.AMelding.Permisjon;
using AMeldingPermittering = Aareg.Domain.AMelding.Permittering;

namespace Aareg.Domain.Tests.Register;

public class PermisjonTests
{
    private static readonly DateTimeOffset Tid1 = Registerkjoering.Tid(5);
    private static readonly DateTimeOffset Tid2 = Registerkjoering.Tid(6);
    private static readonly DateOnly PermStart = new(2024, 1, 10);

    private static AMeldingPermisjon Perm(string id, string beskrivelse = "permisjonMedForeldrepenger", DateOnly? slutt = null) => new()
    {
        PermisjonId = id,
        Beskrivelse = beskrivelse,
        Startdato = PermStart,
        Sluttdato = slutt,
        Permisjonsprosent = 100m,
    };

    private static Maanedsinnhold MedPerm(string maaned, params AMeldingPermisjon[] permisjoner) =>
        Maaned(maaned, LeveranseBygger.For(maaned).Arbeidsforhold(Person, Ordinaert("af1") with { Permisjoner = permisjoner }));

    private static Sporingsinformasjon Edag(DateTimeOffset tid, string? meldingsId) => Sporingsinformasjon.Ny(tid, "AAREG", Sporingskilde.Edag, meldingsId);

    [Fact]
    public void Permisjon_is_created_with_the_arbeidsforhold()
    {
        var r = new Registerkjoering().Avled([MedPerm("2024-01", Perm("p1"))], Tid1);

        var af = Assert.Single(r.Tilstand.Arbeidsforhold);
        Assert.Equal(
            new PermisjonPermittering("p1", "permisjonMedForeldrepenger", PermStart, null, 100m, null, Edag(Tid1, null)),
            Assert.Single(af.Permisjoner));
        Assert.Empty(af.Permitteringer);
        Assert.Equal(
            [Entitetsendring.Ansettelsesperiode, Entitetsendring.Ansettelsesdetaljer, Entitetsendring.Permisjon],
            Assert.Single(r.Hendelser).Entitetsendringer);
    }

    [Fact]
    public void Permisjon_is_updated_by_id()
    {
        var register = new Registerkjoering();
        var jan = MedPerm("2024-01", Perm("p1"));
        register.Avled([jan], Tid1);

        var r = register.Avled([jan, MedPerm("2024-02", Perm("p1", slutt: new DateOnly(2024, 2, 20)))], Tid2);

        var af = Assert.Single(r.NyeVersjoner);
        Assert.Equal(
            new PermisjonPermittering("p1", "permisjonMedForeldrepenger", PermStart, new DateOnly(2024, 2, 20), 100m, null, Edag(Tid1, null).MedEndring(Edag(Tid2, null))),
            Assert.Single(af.Permisjoner));
        Assert.Equal(new Endringshendelse(Endringstype.Endring, [Entitetsendring.Permisjon], 1000, af.NavUuid, 2), Assert.Single(r.Hendelser));
    }

    [Fact]
    public void Open_permisjon_no_longer_reported_is_closed_at_the_end_of_its_last_month_with_IBPPAG()
    {
        var register = new Registerkjoering();
        var jan = MedPerm("2024-01", Perm("p1"));
        register.Avled([jan], Tid1);

        var r = register.Avled([jan, MedPerm("2024-02")], Tid2);

        var af = Assert.Single(r.NyeVersjoner);
        var p = Assert.Single(af.Permisjoner);
        Assert.Equal((new DateOnly(2024, 1, 31), "IBPPAG"), (p.Sluttdato!.Value, p.Varsling!));
        Assert.Equal(Sporingskilde.Aareg, p.Sporing.EndretKilde);
        Assert.Equal([new Varsel(Varselentitet.Permisjon, "IBPPAG")], af.Varsler);
        Assert.Equal(Sporingskilde.Aareg, af.Sporing.EndretKilde);
        Assert.Equal(new Endringshendelse(Endringstype.Endring, [Entitetsendring.Permisjon], 1000, af.NavUuid, 2), Assert.Single(r.Hendelser));
    }

    [Fact]
    public void Permisjon_with_sluttdato_that_is_no_longer_reported_stays_as_reported()
    {
        var r = new Registerkjoering().Avled(
            [MedPerm("2024-01", Perm("p1", slutt: new DateOnly(2024, 1, 20))), MedPerm("2024-02")],
            Tid1);

        var p = Assert.Single(Assert.Single(r.Tilstand.Arbeidsforhold).Permisjoner);
        Assert.Equal(new DateOnly(2024, 1, 20), p.Sluttdato);
        Assert.Null(p.Varsling);
        Assert.Empty(r.Tilstand.Arbeidsforhold[0].Varsler);
    }

    [Fact]
    public void Permisjon_closed_by_the_register_is_reopened_when_reported_again()
    {
        var r = new Registerkjoering().Avled([MedPerm("2024-01", Perm("p1")), MedPerm("2024-02"), MedPerm("2024-03", Perm("p1"))], Tid1);

        var af = Assert.Single(r.Tilstand.Arbeidsforhold);
        Assert.Null(Assert.Single(af.Permisjoner).Sluttdato);
        Assert.Empty(af.Varsler);
    }

    [Fact]
    public void Permisjon_described_as_permittering_and_the_permittering_element_both_become_permitteringer()
    {
        var v23 = new AMeldingPermittering
        {
            PermitteringId = "pt2",
            StartdatoPermittering = new DateOnly(2024, 1, 3),
            SluttdatoPermittering = new DateOnly(2024, 1, 30),
            Permitteringsprosent = 40m,
            Varslingsdato = new DateOnly(2023, 12, 15),
            Permitteringsaarsak = "mangelPaaArbeidEllerOppdrag",
        };
        var af = Ordinaert("af1") with { Permisjoner = [Perm("pt1", "permittering"), Perm("p1")], Permitteringer = [v23] };

        var r = new Registerkjoering().Avled([Maaned("2024-01", LeveranseBygger.For("2024-01").Arbeidsforhold(Person, af))], Tid1);

        var register = Assert.Single(r.Tilstand.Arbeidsforhold);
        var sporing = Edag(Tid1, null);
        Assert.Equal([new PermisjonPermittering("p1", "permisjonMedForeldrepenger", PermStart, null, 100m, null, sporing)], register.Permisjoner);
        Assert.Equal(
            [
                new PermisjonPermittering("pt1", "permittering", PermStart, null, 100m, null, sporing),
                new PermisjonPermittering("pt2", "permittering", new DateOnly(2024, 1, 3), new DateOnly(2024, 1, 30), 40m, null, sporing),
            ],
            register.Permitteringer);
    }

    [Fact]
    public void Permittering_no_longer_reported_is_closed_with_IBPPAG_on_the_permittering()
    {
        var r = new Registerkjoering().Avled([MedPerm("2024-01", Perm("pt1", "permittering")), MedPerm("2024-02")], Tid1);

        var af = Assert.Single(r.Tilstand.Arbeidsforhold);
        Assert.Equal(new DateOnly(2024, 1, 31), Assert.Single(af.Permitteringer).Sluttdato);
        Assert.Equal([new Varsel(Varselentitet.Permittering, "IBPPAG")], af.Varsler);
    }

    [Fact]
    public void Permisjon_under_a_new_id_with_same_type_and_startdato_is_the_same_permisjon_with_PPIDHI()
    {
        var register = new Registerkjoering();
        var jan = MedPerm("2024-01", Perm("p1"));
        register.Avled([jan], Tid1);

        var r = register.Avled([jan, MedPerm("2024-02", Perm("p-ny"))], Tid2);

        var af = Assert.Single(r.NyeVersjoner);
        var p = Assert.Single(af.Permisjoner);
        Assert.Equal(("p-ny", (DateOnly?)null, (string?)null), (p.Id, p.Sluttdato, p.Varsling));
        Assert.Equal([new Varsel(Varselentitet.Permisjon, "PPIDHI")], af.Varsler);
        Assert.Equal(new Endringshendelse(Endringstype.Endring, [Entitetsendring.Permisjon], 1000, af.NavUuid, 2), Assert.Single(r.Hendelser));
    }

    [Fact]
    public void Permisjon_under_a_new_id_with_another_startdato_is_a_new_permisjon_and_the_old_one_is_closed()
    {
        var annen = Perm("p2") with { Startdato = new DateOnly(2024, 2, 1) };
        var r = new Registerkjoering().Avled([MedPerm("2024-01", Perm("p1")), MedPerm("2024-02", annen)], Tid1);

        var af = Assert.Single(r.Tilstand.Arbeidsforhold);
        Assert.Equal(["p1", "p2"], af.Permisjoner.Select(p => p.Id));
        Assert.Equal("IBPPAG", af.Permisjoner[0].Varsling);
        Assert.Equal([new Varsel(Varselentitet.Permisjon, "IBPPAG")], af.Varsler);
    }

    [Fact]
    public void Permisjon_untouched_while_the_arbeidsforhold_itself_is_not_reported()
    {
        var annenPerson = (string m) => Maaned(m, LeveranseBygger.For(m).Arbeidsforhold(Person2, Ordinaert("x")));
        var r = new Registerkjoering().Avled([MedPerm("2024-01", Perm("p1")), annenPerson("2024-02")], Tid1);

        var af = r.Tilstand.Arbeidsforhold.Single(a => a.Noekkel.ArbeidsforholdId == "af1");
        Assert.Null(Assert.Single(af.Permisjoner).Sluttdato);
    }
}
