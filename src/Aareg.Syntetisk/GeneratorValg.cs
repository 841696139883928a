using Aareg.Domain.Tid;

namespace Aareg.Syntetisk;

/// <summary>
/// Options of the synthetic population generator. <paramref name="Skala"/> 1 is national scale (PERFORMANCE.md:
/// 210,000 opplysningspliktige, 250,000 virksomheter, 3.0 million persons, 3.5 million active arbeidsforhold); the
/// explicit counts, when given, override what the scale gives for that count. The same options always give the same
/// data, byte for byte.
/// </summary>
/// <param name="Seed">Seed of every random choice.</param>
/// <param name="Skala">Scale factor, 0 &lt; Skala ≤ 2 (the synthetic ident series hold about two national populations).</param>
/// <param name="Maaneder">Number of consecutive months to generate (1–600).</param>
/// <param name="FoersteMaaned">The first kalendermåned (from 2015-01, when a-ordningen started).</param>
/// <param name="AntallOpplysningspliktige">Overrides 210,000 × Skala.</param>
/// <param name="AntallPersoner">Overrides 3,000,000 × Skala (persons with an active arbeidsforhold in the first month).</param>
/// <param name="AntallArbeidsforhold">Overrides the active arbeidsforhold; default 7/6 of the persons (3.5 M per 3.0 M).</param>
public sealed record GeneratorValg(
    int Seed,
    double Skala,
    int Maaneder,
    Kalendermaaned FoersteMaaned,
    int? AntallOpplysningspliktige = null,
    int? AntallPersoner = null,
    int? AntallArbeidsforhold = null)
{
    /// <summary>National-scale figures (PERFORMANCE.md).</summary>
    public const int NasjonaleOpplysningspliktige = 210_000;

    public const int NasjonaleVirksomheter = 250_000;

    public const int NasjonalePersoner = 3_000_000;

    public const int NasjonaleArbeidsforhold = 3_500_000;

    public const int NasjonaltStoersteArbeidsgiver = 15_000;

    /// <summary>The demo data set: about 200 opplysningspliktige, 5,000 persons, 24 months.</summary>
    public static GeneratorValg Demo(Kalendermaaned foersteMaaned, int seed = 1) =>
        new(seed, 0.001, 24, foersteMaaned, AntallOpplysningspliktige: 200, AntallPersoner: 5_000);

    /// <summary>The months covered, in order.</summary>
    public IReadOnlyList<Kalendermaaned> AlleMaaneder() =>
        Enumerable.Range(0, Maaneder).Select(FoersteMaaned.LeggTil).ToArray();

    /// <summary>Checks the options and works out the population's target sizes.</summary>
    public Dimensjoner Dimensjoner()
    {
        if (!(Skala > 0 && Skala <= 2))
        {
            throw new ArgumentOutOfRangeException(nameof(Skala), Skala, "Skala må være større enn 0 og høyst 2.");
        }

        if (Maaneder is < 1 or > 600)
        {
            throw new ArgumentOutOfRangeException(nameof(Maaneder), Maaneder, "Antall måneder må være mellom 1 og 600.");
        }

        if (FoersteMaaned < new Kalendermaaned(2015, 1) || FoersteMaaned.LeggTil(Maaneder - 1) > new Kalendermaaned(2099, 12))
        {
            throw new ArgumentOutOfRangeException(nameof(FoersteMaaned), FoersteMaaned, "Månedene må ligge mellom 2015-01 og 2099-12.");
        }

        var opplysningspliktige = AntallOpplysningspliktige ?? Math.Max(1, (int)Math.Round(NasjonaleOpplysningspliktige * Skala));
        var personer = AntallPersoner ?? Math.Max(1, (int)Math.Round(NasjonalePersoner * Skala));
        var arbeidsforhold = AntallArbeidsforhold
            ?? (AntallPersoner is not null
                ? (int)Math.Round(personer * 7.0 / 6.0)
                : Math.Max(1, (int)Math.Round(NasjonaleArbeidsforhold * Skala)));
        if (opplysningspliktige < 1 || personer < 1 || arbeidsforhold < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(AntallOpplysningspliktige), "Antallene må være positive.");
        }

        // Every opplysningspliktig has at least one arbeidsforhold, and every counted person has at least one.
        arbeidsforhold = Math.Max(arbeidsforhold, Math.Max(opplysningspliktige, personer));
        var virksomheter = (int)Math.Round(opplysningspliktige * (double)NasjonaleVirksomheter / NasjonaleOpplysningspliktige);

        // "The largest about 15,000" at national scale, but at least a few hundred at small scales so that there is
        // always one large employer to page through (PERFORMANCE.md, W4).
        var andel = arbeidsforhold * (double)NasjonaltStoersteArbeidsgiver / NasjonaleArbeidsforhold;
        var stoerste = (int)Math.Max(andel, Math.Min(300, arbeidsforhold / 8.0));
        stoerste = Math.Clamp(stoerste, 1, arbeidsforhold - opplysningspliktige + 1);

        if ((long)opplysningspliktige + virksomheter > 3_000_000 || personer * 5L / 4 > 7_000_000)
        {
            throw new ArgumentOutOfRangeException(nameof(Skala), "Populasjonen er større enn de syntetiske nummerseriene rommer.");
        }

        return new Dimensjoner(opplysningspliktige, virksomheter, personer, arbeidsforhold, stoerste, personer + (personer / 4));
    }
}

/// <summary>Target sizes of the generated population (from <see cref="GeneratorValg.Dimensjoner"/>).</summary>
/// <param name="Opplysningspliktige">Hovedenheter that report.</param>
/// <param name="Virksomheter">Target number of underenheter (the actual number is close to it).</param>
/// <param name="Personer">Persons with an active arbeidsforhold in the initial population.</param>
/// <param name="Arbeidsforhold">Active arbeidsforhold in the initial population.</param>
/// <param name="StoersteArbeidsgiver">Arbeidsforhold of the largest opplysningspliktig.</param>
/// <param name="Personpool">All persons that can ever be employed (the rest are hired later).</param>
public sealed record Dimensjoner(
    int Opplysningspliktige,
    int Virksomheter,
    int Personer,
    int Arbeidsforhold,
    int StoersteArbeidsgiver,
    int Personpool);
