using Aareg.Domain.AMelding;
using Aareg.Domain.Register;
using CsCheck;
using static Aareg.Domain.Tests.Register.Testdata;

namespace Aareg.Domain.Tests.Register;

/// <summary>Properties of the derivation (DOMAIN §6): a deterministic function of the month contents.</summary>
public class AvlederEgenskaperTests
{
    private static readonly DateTimeOffset Tid1 = Registerkjoering.Tid(5);
    private static readonly DateTimeOffset Tid2 = Registerkjoering.Tid(6);

    private static readonly (string Virksomhet, string Person, string Id)[] Plasser =
    [
        .. from v in new[] { Virk1, Virk2 }
           from p in new[] { Person, Person2, Dnr }
           from id in new[] { "a", "b" }
           select (v, p, id),
    ];

    /// <summary>How one slot (virksomhet, person, arbeidsforholdId) is reported in one month.</summary>
    private sealed record Rapport(bool Med, int Yrke, int Prosent, bool Slutt, int Perm, int Timer, bool Utland, bool NyId);

    private static readonly Gen<Rapport> GenRapport =
        Gen.Select(
            Gen.Int[0, 9].Select(i => i < 7),
            Gen.Int[0, 3],
            Gen.Int[0, 3],
            Gen.Int[0, 9].Select(i => i == 0),
            Gen.Int[0, 4],
            Gen.Select(Gen.Int[0, 2], Gen.Int[0, 2], Gen.Int[0, 9].Select(i => i == 0), (t, u, n) => (t, u == 0, n)),
            (med, yrke, prosent, slutt, perm, rest) => new Rapport(med, yrke, prosent, slutt, perm, rest.t, rest.Item2, rest.n));

    /// <summary>1–5 consecutive months; per month the report of every slot.</summary>
    private static readonly Gen<Rapport[][]> GenHistorikk = GenRapport.Array[Plasser.Length].Array[1, 5];

    private static string Maanedstekst(int i) => new Tid.Kalendermaaned(2024, 1).LeggTil(i).ToString();

    private static Arbeidsforhold Af(string id, Rapport r, int maaned) => Ordinaert(r.NyId && maaned > 0 ? id + "-ny" : id) with
    {
        Yrke = r.Yrke == 0 ? "3431101" : "5132121",
        Stillingsprosent = r.Prosent == 0 ? 50m : 100m,
        Sluttdato = r.Slutt ? new DateOnly(2024, 1, 1).AddMonths(maaned + 1).AddDays(-1) : null,
        AarsakTilSluttdato = r.Slutt ? "arbeidstakerHarSagtOppSelv" : null,
        Permisjoner = r.Perm switch
        {
            1 => [new Permisjon { PermisjonId = "p1", Beskrivelse = "permisjonMedForeldrepenger", Startdato = new DateOnly(2024, 1, 3), Permisjonsprosent = 100m }],
            2 => [new Permisjon { PermisjonId = "p2", Beskrivelse = "permittering", Startdato = new DateOnly(2024, 1, 3), Permisjonsprosent = 50m }],
            3 => [new Permisjon { PermisjonId = "p1", Beskrivelse = "permisjonMedForeldrepenger", Startdato = new DateOnly(2024, 1, 3), Sluttdato = new DateOnly(2024, 2, 1), Permisjonsprosent = 100m }],
            _ => [],
        },
    };

    private static void Rapporter(MottakerBygger p, string id, Rapport r, int maaned)
    {
        var af = Af(id, r, maaned);
        p.Arbeidsforhold(af);
        for (var t = 0; t < r.Timer; t++)
        {
            p.Timeloenn(af.ArbeidsforholdId, 7.5m + t);
        }

        if (r.Utland)
        {
            p.Loenn(af.ArbeidsforholdId, "SE");
        }
    }

    /// <summary>The month as meldinger: all virksomheter in one melding, or one additive melding per virksomhet.</summary>
    private static List<Maanedsinnhold> Maaneder(Rapport[][] historikk, bool delt)
    {
        var maaneder = new List<Maanedsinnhold>();
        for (var m = 0; m < historikk.Length; m++)
        {
            var tekst = Maanedstekst(m);
            var meldinger = new List<Leveranse>();
            var samlet = LeveranseBygger.For(tekst, "alt-" + tekst);
            foreach (var virksomhet in new[] { Virk1, Virk2 })
            {
                var bygger = delt ? LeveranseBygger.For(tekst, virksomhet + "-" + tekst) : samlet;
                var mm = m;
                bygger.Virksomhet(virksomhet, v =>
                {
                    foreach (var person in new[] { Person, Person2, Dnr })
                    {
                        var rapporter = Enumerable.Range(0, Plasser.Length)
                            .Where(i => Plasser[i].Virksomhet == virksomhet && Plasser[i].Person == person && historikk[mm][i].Med)
                            .ToList();
                        if (rapporter.Count > 0)
                        {
                            v.Person(person, p => rapporter.ForEach(i => Rapporter(p, Plasser[i].Id, historikk[mm][i], mm)));
                        }
                    }
                });
                if (delt)
                {
                    meldinger.Add(bygger);
                }
            }

            if (!delt)
            {
                meldinger.Add(samlet);
            }

            maaneder.Add(new Maanedsinnhold(Tid.Kalendermaaned.Parse(tekst), meldinger));
        }

        return maaneder;
    }

    private static string Vis(Rapport[][] h) => string.Join(" | ", h.Select(m => string.Concat(m.Select(r => r.Med ? "x" : "."))));

    [Fact]
    public void The_same_content_split_into_additive_meldinger_per_virksomhet_gives_the_same_register()
    {
        GenHistorikk.Sample(
            historikk =>
            {
                var samlet = new Registerkjoering().Avled(Maaneder(historikk, delt: false), Tid1);
                var delt = new Registerkjoering().Avled(Maaneder(historikk, delt: true), Tid1);
                Assert.Equal(samlet, delt);
            },
            iter: 200,
            print: Vis);
    }

    [Fact]
    public void Deriving_from_scratch_twice_gives_identical_results()
    {
        GenHistorikk.Sample(
            historikk =>
            {
                var maaneder = Maaneder(historikk, delt: true);
                Assert.Equal(new Registerkjoering().Avled(maaneder, Tid1), new Registerkjoering().Avled(maaneder, Tid1));
            },
            iter: 200,
            print: Vis);
    }

    [Fact]
    public void Replacing_a_month_with_identical_content_produces_no_versions_and_no_events()
    {
        Gen.Select(GenHistorikk, Gen.Int[0, 4]).Sample(
            (historikk, valgt) =>
            {
                var register = new Registerkjoering();
                var maaneder = Maaneder(historikk, delt: true);
                register.Avled(maaneder, Tid1);
                var foer = register.Tilstand;

                var k = valgt % maaneder.Count;
                var erstattet = maaneder[k] with
                {
                    Meldinger = [.. maaneder[k].Meldinger.Select(l => l with { MeldingsId = "e-" + l.MeldingsId, ErstatterMeldingsId = l.MeldingsId })],
                };
                maaneder[k] = erstattet;
                var r = register.Avled(maaneder, Tid2, erstattet.Meldinger[0].MeldingsId);

                Assert.Empty(r.NyeVersjoner);
                Assert.Empty(r.Slettinger);
                Assert.Empty(r.Hendelser);
                Assert.Equal(foer.Arbeidsforhold.Select(a => (a.NavArbeidsforholdId, a.NavVersjon)), r.Tilstand.Arbeidsforhold.Select(a => (a.NavArbeidsforholdId, a.NavVersjon)));
            },
            iter: 200,
            print: t => Vis(t.Item1));
    }

    [Fact]
    public void Deriving_month_by_month_gives_the_same_register_content_as_deriving_all_months_at_once()
    {
        GenHistorikk.Sample(
            historikk =>
            {
                var maaneder = Maaneder(historikk, delt: false);
                var samlet = new Registerkjoering().Avled(maaneder, Tid1);

                var steg = new Registerkjoering();
                AvledningsResultat? siste = null;
                for (var n = 1; n <= maaneder.Count; n++)
                {
                    siste = steg.Avled(maaneder[..n], Tid1);
                    Assert.Empty(siste.Slettinger);
                }

                Assert.Equal(samlet.Tilstand.Arbeidsforhold.Select(Innhold), siste!.Tilstand.Arbeidsforhold.Select(Innhold));
            },
            iter: 200,
            print: Vis);
    }

    /// <summary>The functional content: without navVersjon and sporing, which depend on how often it was derived.</summary>
    private static RegisterArbeidsforhold Innhold(RegisterArbeidsforhold a)
    {
        var s = Sporingsinformasjon.Ny(default, "", "", null);
        return a with
        {
            NavVersjon = 0,
            SistEndret = default,
            Sporing = s,
            Ansettelsesperiode = a.Ansettelsesperiode.MedSporing(s),
            Ansettelsesdetaljer = a.Ansettelsesdetaljer.Select(x => x.MedSporing(s)).ToEquatableArray(),
            Permisjoner = a.Permisjoner.Select(x => x.MedSporing(s)).ToEquatableArray(),
            Permitteringer = a.Permitteringer.Select(x => x.MedSporing(s)).ToEquatableArray(),
            TimerMedTimeloenn = a.TimerMedTimeloenn.Select(x => x.MedSporing(s)).ToEquatableArray(),
            Utenlandsopphold = a.Utenlandsopphold.Select(x => x.MedSporing(s)).ToEquatableArray(),
        };
    }
}
