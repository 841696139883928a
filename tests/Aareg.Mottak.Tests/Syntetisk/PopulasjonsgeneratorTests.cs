using System.Globalization;
using Aareg.Domain.AMelding;
using Aareg.Domain.Identer;
using Aareg.Domain.Kodeverk;
using Aareg.Domain.Tid;
using Aareg.Mottak.Lesing;
using Aareg.Syntetisk;

namespace Aareg.Mottak.Tests.Syntetisk;

public sealed class PopulasjonsgeneratorTests
{
    private static readonly Kalendermaaned Start = new(2024, 1);

    /// <summary>Scale 0.001 over three months, generated once for the tests that only read it.</summary>
    private static readonly Lazy<(Populasjonsgenerator Generator, IReadOnlyList<GenerertMelding>[] Maaneder)> Liten = new(() =>
    {
        var generator = new Populasjonsgenerator(new GeneratorValg(42, 0.001, 3, Start));
        var maaneder = generator.Maaneder.Select(m => (IReadOnlyList<GenerertMelding>)generator.Meldinger(m).ToList()).ToArray();
        return (generator, maaneder);
    });

    private static IEnumerable<(GenerertMelding Melding, Virksomhet Virksomhet, Inntektsmottaker Mottaker, Arbeidsforhold Af)> AlleArbeidsforhold(
        IEnumerable<GenerertMelding> meldinger) =>
        from g in meldinger
        from v in g.Leveranse.Virksomheter
        from m in v.Inntektsmottakere
        from af in m.Arbeidsforhold
        select (g, v, m, af);

    /// <summary>The month's true content: the meldinger that stand once replacements and rejections are applied.</summary>
    private static List<GenerertMelding> Gjeldende(IReadOnlyList<GenerertMelding> maaned)
    {
        var erstattet = maaned.Where(g => !g.ForventetAvvist && g.Leveranse.ErstatterMeldingsId is not null)
            .Select(g => (g.Leveranse.Opplysningspliktig, g.Leveranse.ErstatterMeldingsId))
            .ToHashSet();
        return [.. maaned.Where(g => !g.ForventetAvvist && !erstattet.Contains((g.Leveranse.Opplysningspliktig, g.Leveranse.MeldingsId)))];
    }

    [Fact]
    public void Population_at_scale_0_001_matches_the_national_figures_scaled()
    {
        var s = Liten.Value.Generator.Statistikk;

        Assert.Equal(210, s.Opplysningspliktige);
        Assert.InRange(s.Virksomheter, 225, 275);
        Assert.Equal(3_000, s.Personer);
        Assert.Equal(3_500, s.AktiveArbeidsforhold);

        // At least a few hundred for the largest at small scales (PERFORMANCE.md W4).
        Assert.Equal(300, s.StoersteArbeidsgiver);
    }

    [Fact]
    public void Size_distribution_follows_SSB_most_small_some_large()
    {
        var generator = new Populasjonsgenerator(new GeneratorValg(7, 0.02, 1, Start));
        var stoerrelser = Gjeldende(generator.Meldinger(Start).ToList())
            .GroupBy(g => g.Leveranse.Opplysningspliktig)
            .Select(g => AlleArbeidsforhold(g).Count(x => x.Af.Startdato < Start.FoersteDag))
            .ToList();

        Assert.InRange(stoerrelser.Count, 4_100, 4_200);
        Assert.InRange(stoerrelser.Count(n => n <= 4) / (double)stoerrelser.Count, 0.45, 0.70);
        Assert.InRange(stoerrelser.Count(n => n >= 250) / (double)stoerrelser.Count, 0.002, 0.02);
        Assert.InRange(stoerrelser.Max(), 300, 400);
    }

    [Fact]
    public void Monthly_churn_is_about_8_percent_starts_and_7_percent_ends()
    {
        var maaned = Gjeldende(Liten.Value.Maaneder[1]);
        var afs = AlleArbeidsforhold(maaned).Select(x => x.Af).ToList();
        var m = Start.LeggTil(1);

        var starter = afs.Count(af => af.Startdato is { } d && m.Inneholder(d));
        var slutter = afs.Count(af => af.Sluttdato is { } d && m.Inneholder(d));
        var aktive = afs.Count - starter;

        Assert.InRange(aktive, 3_300, 3_800);
        Assert.InRange(starter / (double)aktive, 0.065, 0.095);
        Assert.InRange(slutter / (double)aktive, 0.055, 0.085);
        Assert.All(afs.Where(af => af.Sluttdato is not null && af.TypeArbeidsforhold != "frilanserOppdragstakerHonorarPersonerMm"),
            af => Assert.NotNull(af.AarsakTilSluttdato));
    }

    [Fact]
    public void Every_month_at_the_smallest_scale_has_every_kind_of_melding()
    {
        foreach (var maaned in Liten.Value.Maaneder)
        {
            var kategorier = maaned.Select(g => g.Kategori).ToHashSet();
            Assert.Contains(Meldingskategori.Ordinaer, kategorier);
            Assert.Contains(Meldingskategori.Tillegg, kategorier);
            Assert.Contains(Meldingskategori.Erstattet, kategorier);
            Assert.Contains(Meldingskategori.Erstatning, kategorier);
            Assert.Contains(Meldingskategori.Nullstilling, kategorier);
            Assert.Contains(Meldingskategori.UgyldigVirksomhet, kategorier);
            Assert.Contains(Meldingskategori.UgyldigErstatning, kategorier);
            Assert.Contains(Meldingskategori.Forsinket, kategorier);
            Assert.All(maaned, g => Assert.Equal(
                g.Kategori is Meldingskategori.UgyldigVirksomhet or Meldingskategori.UgyldigErstatning,
                g.ForventetAvvist));
            Assert.Single(maaned, g => g.Kategori == Meldingskategori.Nullstilling && g.Leveranse.Virksomheter.Count == 0);
        }
    }

    [Fact]
    public void Every_month_at_the_smallest_scale_has_maritime_hourly_leave_abroad_freelance_and_dnr()
    {
        foreach (var maaned in Liten.Value.Maaneder)
        {
            var alle = AlleArbeidsforhold(maaned).ToList();
            var inntekter = maaned.SelectMany(g => g.Leveranse.Virksomheter).SelectMany(v => v.Inntektsmottakere).SelectMany(m => m.Inntekter).ToList();

            Assert.Contains(alle, x => x.Af.TypeArbeidsforhold == "maritimtArbeidsforhold"
                && x.Af.Fartoey is { Skipsregister: not null, Skipstype: not null, Fartsomraade: not null });
            Assert.Contains(alle, x => x.Af.TypeArbeidsforhold == "frilanserOppdragstakerHonorarPersonerMm");
            Assert.Contains(alle, x => x.Af.Permisjoner.Any(p => p.PermisjonId is not null && p.Beskrivelse is not null && p.Beskrivelse != "permittering"));
            Assert.Contains(alle, x => x.Af.Permisjoner.Any(p => p.Beskrivelse == "permittering"));
            Assert.Contains(alle, x => x.Mottaker.NorskIdentifikator![0] >= '4');
            Assert.Contains(inntekter, i => i.Opptjeningsland is not null and not "NO");
            Assert.Contains(maaned, g => g.Leveranse.Pensjonsinnretninger.Count > 0);

            // Hourly pay is linked to its arbeidsforhold by id, with the hours in antall (DOMAIN §6.5).
            var timer = alle.SelectMany(x => x.Mottaker.Inntekter.Where(i => i.Beskrivelse == "timeloenn").Select(i => (x.Mottaker, Inntekt: i))).ToList();
            Assert.NotEmpty(timer);
            Assert.All(timer, t =>
            {
                Assert.True(t.Inntekt.Antall > 0);
                Assert.Contains(t.Mottaker.Arbeidsforhold, af => af.ArbeidsforholdId == t.Inntekt.ArbeidsforholdId);
            });
        }
    }

    [Fact]
    public void Every_person_ident_and_orgnr_is_valid_and_synthetic()
    {
        foreach (var maaned in Liten.Value.Maaneder)
        {
            foreach (var g in maaned)
            {
                Assert.True(Organisasjonsnummer.TryParse(g.Leveranse.Opplysningspliktig, out _));
                Assert.StartsWith("3", g.Leveranse.Opplysningspliktig, StringComparison.Ordinal);
                Assert.All(g.Leveranse.Pensjonsinnretninger, o => Assert.True(Organisasjonsnummer.TryParse(o, out _)));
                for (var v = 0; v < g.Leveranse.Virksomheter.Count; v++)
                {
                    var virksomhet = g.Leveranse.Virksomheter[v];
                    var forventetUgyldig = g.Kategori == Meldingskategori.UgyldigVirksomhet && v == 0;
                    Assert.Equal(!forventetUgyldig, Organisasjonsnummer.TryParse(virksomhet.NorskIdentifikator, out _));
                    foreach (var mottaker in virksomhet.Inntektsmottakere)
                    {
                        Assert.Equal(IdentFeil.Gyldig, Personident.Valider(mottaker.NorskIdentifikator, true, out var ident));
                        Assert.True(ident.ErSyntetisk);

                        // A real person can never be generated: production refuses every generated ident.
                        Assert.Equal(IdentFeil.SyntetiskIkkeTillatt, Personident.Valider(mottaker.NorskIdentifikator, false, out _));
                    }
                }
            }
        }
    }

    [Fact]
    public void Codes_are_from_the_code_lists_valid_for_the_month()
    {
        var generator = new Populasjonsgenerator(new GeneratorValg(3, 0.001, 27, new Kalendermaaned(2020, 11)));
        foreach (var m in new[] { new Kalendermaaned(2020, 12), new Kalendermaaned(2022, 12), new Kalendermaaned(2023, 1) })
        {
            var afs = AlleArbeidsforhold(generator.Meldinger(m)).Select(x => x.Af).ToList();
            var permisjoner = afs.SelectMany(af => af.Permisjoner).Select(p => p.Beskrivelse).ToHashSet();
            Assert.All(afs, af =>
            {
                Assert.Equal(7, af.Yrke!.Length);
                Assert.True(Styrk08.ErEnhetsgruppe(af.Yrke.AsSpan(0, 4)), af.Yrke);
                Assert.InRange(af.Stillingsprosent ?? 0, 0, 100);
                Assert.NotNull(af.ArbeidsforholdId);
                Assert.Matches("^[0-9a-zA-Z_.-]{1,150}$", af.ArbeidsforholdId);
            });

            if (m.Aar < 2021)
            {
                // formForAnsettelse and aarsakTilSluttdato came with the 2021 changes.
                Assert.All(afs, af => Assert.Null(af.FormForAnsettelse));
                Assert.All(afs, af => Assert.Null(af.AarsakTilSluttdato));
            }
            else
            {
                Assert.All(afs.Where(af => af.TypeArbeidsforhold == "ordinaertArbeidsforhold"), af => Assert.NotNull(af.FormForAnsettelse));
            }

            string[] historiske = ["utdanningspermisjon", "velferdspermisjon", "permisjon"];
            string[] nye = ["utdanningspermisjonLovfestet", "utdanningspermisjonIkkeLovfestet", "andreLovfestedePermisjoner", "andreIkkeLovfestedePermisjoner"];
            Assert.DoesNotContain(m.Aar >= 2023 ? historiske : nye, k => permisjoner.Contains(k));
        }
    }

    [Fact]
    public void Replacements_follow_what_they_replace_and_invalid_ones_replace_nothing_known()
    {
        foreach (var maaned in Liten.Value.Maaneder)
        {
            var sett = new HashSet<(string?, string?)>();
            var foerst = new Dictionary<(string?, string?), DateTimeOffset>();
            foreach (var g in maaned)
            {
                var l = g.Leveranse;
                Assert.True(sett.Add((l.Opplysningspliktig, l.MeldingsId)), "meldingsId brukt to ganger");
                Assert.Matches("^[0-9a-zA-Z_.-]{1,150}$", l.MeldingsId!);
                if (l.ErstatterMeldingsId is { } erstatter)
                {
                    var kjent = sett.Contains((l.Opplysningspliktig, erstatter));
                    Assert.Equal(!g.ForventetAvvist, kjent);
                    if (kjent)
                    {
                        Assert.True(l.Leveringstidspunkt > foerst[(l.Opplysningspliktig, erstatter)]);
                    }
                }

                foerst[(l.Opplysningspliktig, l.MeldingsId)] = l.Leveringstidspunkt!.Value;
            }

            // Files sort in delivery order.
            var navn = maaned.Select(g => g.Filnavn).ToList();
            Assert.Equal(navn.Order(StringComparer.Ordinal), navn);
        }
    }

    [Fact]
    public void A_replacement_corrects_the_replaced_melding_to_the_true_month()
    {
        var maaned = Liten.Value.Maaneder[0];
        var erstatninger = maaned.Where(g => g.Kategori == Meldingskategori.Erstatning).ToList();
        Assert.NotEmpty(erstatninger);
        var kjente = maaned.ToDictionary(g => g.Leveranse.MeldingsId!);
        var rettet = 0;
        foreach (var e in erstatninger)
        {
            var original = kjente[e.Leveranse.ErstatterMeldingsId!];
            if (original.Kategori == Meldingskategori.Erstattet)
            {
                Assert.NotEqual(AMeldingJsonSkriver.TilBytes(original.Leveranse with { MeldingsId = null, Leveringstidspunkt = null }),
                    AMeldingJsonSkriver.TilBytes(e.Leveranse with { MeldingsId = null, Leveringstidspunkt = null, ErstatterMeldingsId = null }));
                rettet++;
            }
        }

        Assert.True(rettet > 0);
    }

    [Fact]
    public void Additive_meldinger_split_the_month_by_virksomhet()
    {
        foreach (var maaned in Liten.Value.Maaneder)
        {
            var par = maaned.Where(g => g.Kategori == Meldingskategori.Tillegg).GroupBy(g => g.Leveranse.Opplysningspliktig).ToList();
            Assert.NotEmpty(par);
            Assert.All(par, p =>
            {
                Assert.Equal(2, p.Count());
                var virksomheter = p.Select(g => g.Leveranse.Virksomheter.Select(v => v.NorskIdentifikator).ToHashSet()).ToList();
                Assert.NotEmpty(virksomheter[0]);
                Assert.NotEmpty(virksomheter[1]);
                Assert.False(virksomheter[0].Overlaps(virksomheter[1]));
            });
        }
    }

    [Fact]
    public void Same_options_give_the_same_meldinger_also_after_going_back_a_month()
    {
        var a = new Populasjonsgenerator(new GeneratorValg(11, 0.001, 3, Start));
        var b = new Populasjonsgenerator(new GeneratorValg(11, 0.001, 3, Start));
        var m3 = Start.LeggTil(2);

        var direkte = Avtrykk(b.Meldinger(m3));
        Avtrykk(a.Meldinger(Start.LeggTil(1)));
        var foerste = Avtrykk(a.Meldinger(Start));
        var etterTilbake = Avtrykk(a.Meldinger(m3));

        Assert.Equal(direkte, etterTilbake);
        Assert.Equal(Avtrykk(b.Meldinger(Start)), foerste);
        Assert.NotEqual(Avtrykk(new Populasjonsgenerator(new GeneratorValg(12, 0.001, 3, Start)).Meldinger(Start)), foerste);
    }

    [Fact]
    public void An_enumeration_refuses_to_continue_after_the_population_moved()
    {
        var generator = new Populasjonsgenerator(new GeneratorValg(5, 0.001, 2, Start));
        using var gammel = generator.Meldinger(Start).GetEnumerator();
        Assert.True(gammel.MoveNext());

        _ = generator.Meldinger(Start.LeggTil(1));

        Assert.Throws<InvalidOperationException>(() => gammel.MoveNext());
    }

    [Fact]
    public void Rejects_months_outside_the_generated_range_and_invalid_options()
    {
        var generator = new Populasjonsgenerator(new GeneratorValg(5, 0.001, 2, Start));

        Assert.Throws<ArgumentOutOfRangeException>(() => generator.Meldinger(Start.LeggTil(2)));
        Assert.Throws<ArgumentOutOfRangeException>(() => generator.Meldinger(Start.LeggTil(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Populasjonsgenerator(new GeneratorValg(5, 0, 2, Start)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Populasjonsgenerator(new GeneratorValg(5, 0.001, 2, new Kalendermaaned(2014, 6))));
    }

    [Fact]
    public void Demo_options_give_about_200_opplysningspliktige_and_5000_persons()
    {
        var generator = new Populasjonsgenerator(GeneratorValg.Demo(Start));

        Assert.Equal(200, generator.Statistikk.Opplysningspliktige);
        Assert.Equal(5_000, generator.Statistikk.Personer);
        Assert.Equal(24, generator.Maaneder.Count);
    }

    [Fact]
    public void Tiny_explicit_counts_still_give_a_valid_melding_every_month()
    {
        var generator = new Populasjonsgenerator(new GeneratorValg(9, 0.001, 3, Start, AntallOpplysningspliktige: 1, AntallPersoner: 1));

        Assert.Equal(1, generator.Statistikk.AktiveArbeidsforhold);
        foreach (var m in generator.Maaneder)
        {
            var gjeldende = Gjeldende(generator.Meldinger(m).ToList());
            Assert.Single(gjeldende.Select(g => g.Leveranse.Opplysningspliktig).Distinct());
        }
    }

    private static string Avtrykk(IEnumerable<GenerertMelding> meldinger)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var g in meldinger)
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(g.Filnavn + g.Kategori + g.ForventetAvvist.ToString(CultureInfo.InvariantCulture)));
            hash.AppendData(AMeldingXmlSkriver.TilBytes(g.Leveranse));
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
