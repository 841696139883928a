using System.Globalization;
using System.Runtime.InteropServices;
using Aareg.Domain.AMelding;
using Aareg.Domain.Tid;

namespace Aareg.Syntetisk;

/// <summary>How a built melding departs from the opplysningspliktig's true month.</summary>
internal enum Avvikstype
{
    Ingen,

    /// <summary>A content error the sender corrects by a replacement (DOMAIN §4.1).</summary>
    Feilaktig,

    /// <summary>The first virksomhet's orgnr has a wrong check digit (rule 107B).</summary>
    UgyldigVirksomhet,

    /// <summary>No virksomhet: a null-out replacement.</summary>
    Tom,
}

/// <summary>
/// Builds the <see cref="Leveranse"/> of one opplysningspliktig and month from the population state, the way a payroll
/// system fills it (AMELDING_V2_3.md §6, §10.2): ordinary employees with all details, freelancers with id, type, dates
/// and yrke only. Income lines carry what the register derives (DOMAIN §6): hours of hourly pay and the country of
/// work abroad. Building is a pure function of the state, so a melding can be built again for its replacement.
/// </summary>
internal sealed class LeveranseBygger(Populasjon populasjon)
{
    private static readonly decimal[] Timesatser = [185m, 210m, 235m, 260m, 295m, 340m];

    public Leveranse Bygg(
        Arbeidsgiver a,
        Kalendermaaned maaned,
        int nummer,
        DateTimeOffset tidspunkt,
        string? erstatter = null,
        int virksomhetFra = 0,
        int virksomhetTil = int.MaxValue,
        Avvikstype avvik = Avvikstype.Ingen)
    {
        var orgnr = Orgnr(a.Orgnr);
        var leveranse = new Leveranse
        {
            Leveringstidspunkt = tidspunkt,
            Kalendermaaned = maaned,
            Kildesystem = Tabeller.Kildesystemer[(a.Kildesystem + (maaned.Indeks >= a.IdByttemaaned ? 1 : 0)) % Tabeller.Kildesystemer.Length],
            ErstatterMeldingsId = erstatter,
            MeldingsId = MeldingsId(a, maaned, nummer),
            Opplysningspliktig = orgnr,
            SpraakForTilbakemelding = a.Nynorsk ? "nynorsk" : "bokmaal",
        };

        if (avvik == Avvikstype.Tom)
        {
            return leveranse;
        }

        var afs = CollectionsMarshal.AsSpan(a.Arbeidsforhold);
        var kopi = avvik == Avvikstype.Feilaktig ? LagFeil(a, maaned, afs) : null;
        if (kopi is not null)
        {
            afs = kopi;
        }

        // Group as payroll systems do: per virksomhet, per person; keys sort by (virksomhet, person, position).
        var noekler = new ulong[afs.Length];
        for (var i = 0; i < afs.Length; i++)
        {
            noekler[i] = ((ulong)afs[i].Virksomhet << 48) | ((ulong)(uint)afs[i].Person << 22) | (uint)i;
        }

        Array.Sort(noekler);
        var virksomheter = new List<Virksomhet>();
        var k = 0;
        while (k < noekler.Length)
        {
            var v = (int)(noekler[k] >> 48);
            var mottakere = new List<Inntektsmottaker>();
            while (k < noekler.Length && (int)(noekler[k] >> 48) == v)
            {
                var person = afs[(int)(noekler[k] & 0x3FFFFF)].Person;
                var arbeidsforhold = new List<Arbeidsforhold>(1);
                var inntekter = new List<Inntekt>(1);
                while (k < noekler.Length && (int)(noekler[k] >> 48) == v && afs[(int)(noekler[k] & 0x3FFFFF)].Person == person)
                {
                    ref readonly var af = ref afs[(int)(noekler[k] & 0x3FFFFF)];
                    var id = ArbeidsforholdId(a, af, maaned);
                    arbeidsforhold.Add(Arbeidsforhold(a, af, id, maaned));
                    if (Inntekt(a, af, id, maaned) is { } inntekt)
                    {
                        inntekter.Add(inntekt);
                    }

                    k++;
                }

                if (v >= virksomhetFra && v < virksomhetTil)
                {
                    mottakere.Add(new Inntektsmottaker
                    {
                        NorskIdentifikator = populasjon.Ident(person, maaned).ToString("D11", CultureInfo.InvariantCulture),
                        Arbeidsforhold = arbeidsforhold,
                        Inntekter = inntekter,
                    });
                }
            }

            if (mottakere.Count > 0)
            {
                var virksomhetOrgnr = Orgnr(populasjon.UnderenhetOrgnr[a.ForsteUnderenhet + v]);
                if (avvik == Avvikstype.UgyldigVirksomhet && virksomheter.Count == 0)
                {
                    // One more than the check digit is never the check digit: the orgnr fails modulus 11.
                    var feil = (char)('0' + ((virksomhetOrgnr[8] - '0' + 1) % 10));
                    virksomhetOrgnr = string.Concat(virksomhetOrgnr.AsSpan(0, 8), new ReadOnlySpan<char>(in feil));
                }

                virksomheter.Add(new Virksomhet { NorskIdentifikator = virksomhetOrgnr, Inntektsmottakere = mottakere });
            }
        }

        return leveranse with
        {
            Virksomheter = virksomheter,
            Pensjonsinnretninger = a.Pensjonsinnretning >= 0 ? [Orgnr(populasjon.PensjonOrgnr[a.Pensjonsinnretning])] : [],
        };
    }

    public static string MeldingsId(Arbeidsgiver a, Kalendermaaned maaned, int nummer) =>
        string.Create(CultureInfo.InvariantCulture, $"{a.Orgnr:D9}-{maaned.Aar:D4}{maaned.Maaned:D2}-{nummer}");

    public static string Orgnr(int orgnr) => orgnr.ToString("D9", CultureInfo.InvariantCulture);

    /// <summary>The virksomhet index that splits the employer's reported virksomheter in two non-empty halves.</summary>
    public static int Deling(Arbeidsgiver a)
    {
        var brukte = a.Arbeidsforhold.Select(af => (int)af.Virksomhet).Distinct().Order().ToArray();
        return brukte.Length < 2 ? int.MaxValue : brukte[brukte.Length / 2];
    }

    private static string ArbeidsforholdId(Arbeidsgiver a, in ArbeidsforholdTilstand af, Kalendermaaned maaned)
    {
        var stil = (a.IdStil + (maaned.Indeks >= a.IdByttemaaned ? 1 : 0)) % 3;
        return stil switch
        {
            0 => af.Nummer.ToString(CultureInfo.InvariantCulture),
            1 => string.Create(CultureInfo.InvariantCulture, $"AF-{af.Nummer:D6}"),
            _ => string.Create(CultureInfo.InvariantCulture, $"A{af.Nummer:D5}.1"),
        };
    }

    private ArbeidsforholdTilstand[]? LagFeil(Arbeidsgiver a, Kalendermaaned maaned, ReadOnlySpan<ArbeidsforholdTilstand> afs)
    {
        // What the replacement corrects: a forgotten employee, a wrong stillingsprosent or a wrong yrke.
        var rng = Tilfeldig.For(populasjon.Seed, Formaal.Melding, maaned.Indeks, a.Indeks);
        var kopi = afs.ToArray();
        var i = rng.Heltall(kopi.Length);
        var u = rng.Desimal();
        if (kopi.Length >= 2 && u < 0.4)
        {
            return [.. kopi[..i], .. kopi[(i + 1)..]];
        }

        if (kopi[i].Type != Tabeller.TypeFrilanser && u < 0.7)
        {
            kopi[i].Stillingsprosent = (short)(kopi[i].Stillingsprosent == 500 ? 1000 : 500);
        }
        else
        {
            kopi[i].Yrke = kopi[i].Yrke == 4110101 ? 3313101 : 4110101;
        }

        return kopi;
    }

    private Arbeidsforhold Arbeidsforhold(Arbeidsgiver a, in ArbeidsforholdTilstand af, string id, Kalendermaaned maaned)
    {
        var startdato = DateOnly.FromDayNumber(af.Startdato);
        DateOnly? sluttdato = af.Sluttdato != 0 ? DateOnly.FromDayNumber(af.Sluttdato) : null;
        var yrke = af.Yrke.ToString("D7", CultureInfo.InvariantCulture);
        if (af.Type == Tabeller.TypeFrilanser)
        {
            // What the payroll program sends for a freelancer (AMELDING_V2_3.md §6).
            return new Arbeidsforhold
            {
                ArbeidsforholdId = id,
                TypeArbeidsforhold = Tabeller.Frilanser,
                Startdato = startdato,
                Sluttdato = sluttdato,
                Yrke = yrke,
            };
        }

        var fra2021 = maaned.FoersteDag >= Tabeller.Fra2021;
        Fartoey? fartoey = null;
        if (af.Type == Tabeller.TypeMaritim)
        {
            var f = populasjon.UnderenhetFartoey[a.ForsteUnderenhet + af.Virksomhet];
            var kode = f == 0 ? 0 : f - 1;
            fartoey = new Fartoey(Tabeller.Skipsregistre[kode & 3], Tabeller.Skipstyper[(kode >> 2) & 3], Tabeller.Fartsomraader[(kode >> 4) & 1]);
        }

        var (permisjoner, permitteringer) = Permisjoner(af, maaned);
        return new Arbeidsforhold
        {
            ArbeidsforholdId = id,
            TypeArbeidsforhold = Tabeller.Arbeidsforholdtyper[af.Type],
            Startdato = startdato,
            Sluttdato = sluttdato,
            AntallTimerPerUkeSomEnFullStillingTilsvarer = Tabeller.TimerPerUke[af.Arbeidstid],
            Yrke = yrke,
            Arbeidstidsordning = Tabeller.Arbeidstidsordninger[af.Arbeidstid],
            Stillingsprosent = af.Stillingsprosent / 10m,
            SisteLoennsendringsdato = DateOnly.FromDayNumber(af.SisteLoennsendring),
            Fartoey = fartoey,
            Permisjoner = permisjoner,
            SisteDatoForStillingsprosentendring = DateOnly.FromDayNumber(af.SisteStillingsendring),

            // Sluttårsak and ansettelsesform are reported from 2021 (DOMAIN §4.2, §8).
            AarsakTilSluttdato = sluttdato is not null && fra2021 ? Tabeller.Sluttaarsaker[af.Sluttaarsak] : null,
            FormForAnsettelse = fra2021 ? Tabeller.Ansettelsesformer[af.Form] : null,
            Permitteringer = permitteringer,
        };
    }

    private static (IReadOnlyList<Permisjon>, IReadOnlyList<Permittering>) Permisjoner(in ArbeidsforholdTilstand af, Kalendermaaned maaned)
    {
        if (!af.HarPermisjon || af.PermisjonStart > maaned.SisteDag.DayNumber)
        {
            return ([], []);
        }

        var start = DateOnly.FromDayNumber(af.PermisjonStart);
        DateOnly? slutt = af.PermisjonSlutt != 0 ? DateOnly.FromDayNumber(af.PermisjonSlutt) : null;
        var art = Tabeller.Permisjonsarter[af.PermisjonArt];
        if (af.PermitteringSomElement)
        {
            // The separate v2_3 element; the employer's duty to pay lasts the first ten working days.
            return ([], [new Permittering
            {
                PermitteringId = string.Create(CultureInfo.InvariantCulture, $"PT{af.PermisjonNummer}"),
                Varslingsdato = start.AddDays(-14),
                StartdatoPermittering = start,
                SluttdatoPermittering = slutt,
                SluttdatoLoennsplikt = start.AddDays(13),
                Permitteringsprosent = af.Permisjonsprosent,
                Permitteringsaarsak = Tabeller.Permitteringsaarsaker[af.PermisjonNummer % Tabeller.Permitteringsaarsaker.Length],
            }]);
        }

        // Payroll systems report layoffs as a permisjon with beskrivelse permittering (DOMAIN §4); before 2023 the
        // historic codes apply (DOMAIN §8).
        return ([new Permisjon
        {
            Startdato = start,
            Sluttdato = slutt,
            Permisjonsprosent = af.Permisjonsprosent,
            PermisjonId = string.Create(CultureInfo.InvariantCulture, $"P{af.PermisjonNummer}"),
            Beskrivelse = maaned.FoersteDag >= Tabeller.Fra2023 ? art.Kode : art.HistoriskKode,
            Loennet = af.PermisjonArt == 4 ? true : null,
        }], []);
    }

    private Inntekt? Inntekt(Arbeidsgiver a, in ArbeidsforholdTilstand af, string id, Kalendermaaned maaned)
    {
        if (af.HarPermisjon && af.Permisjonsprosent == 100 && af.PermisjonStart <= maaned.FoersteDag.DayNumber
            && (af.PermisjonSlutt == 0 || af.PermisjonSlutt >= maaned.SisteDag.DayNumber))
        {
            // On full leave all month: no pay from the employer.
            return null;
        }

        var h = Tilfeldig.Hash(populasjon.Seed, (ulong)Formaal.Melding, (ulong)a.Indeks, ((ulong)(uint)af.Nummer << 20) | (uint)maaned.Indeks);
        var land = af.Land != 0 ? Tabeller.Land[af.Land] : null;
        if (af.Type == Tabeller.TypeFrilanser)
        {
            return new Inntekt
            {
                Fordel = "kontantytelse",
                Beloep = 2_000m + (h % 380) * 100m,
                ArbeidsforholdId = id,
                Art = Inntektsart.Loennsinntekt,
                Beskrivelse = "honorarAkkordProsentProvisjon",
                Opptjeningsland = land,
            };
        }

        if (af.Timeloennet)
        {
            var antall = 4m + ((h >> 12) % 300) / 2m;
            var sats = Timesatser[(af.Nummer & 0x7FFFFFFF) % Timesatser.Length];
            var fra = DateOnly.FromDayNumber(Math.Max(af.Startdato, maaned.FoersteDag.DayNumber));
            var til = af.Sluttdato != 0 && af.Sluttdato < maaned.SisteDag.DayNumber ? DateOnly.FromDayNumber(af.Sluttdato) : maaned.SisteDag;
            return new Inntekt
            {
                StartdatoOpptjeningsperiode = fra,
                SluttdatoOpptjeningsperiode = til,
                Fordel = "kontantytelse",
                Beloep = antall * sats,
                ArbeidsforholdId = id,
                Art = Inntektsart.Loennsinntekt,
                Beskrivelse = "timeloenn",
                Antall = antall,
                Opptjeningsland = land,
            };
        }

        // Yearly pay 420,000-1,100,000 fixed per arbeidsforhold, paid monthly by stillingsprosent.
        var aarsloenn = 420_000m + ((Tilfeldig.Hash(populasjon.Seed, (ulong)Formaal.Melding, (ulong)a.Indeks, (ulong)(uint)af.Nummer) % 681) * 1_000m);
        return new Inntekt
        {
            Fordel = "kontantytelse",
            Beloep = decimal.Round(aarsloenn * af.Stillingsprosent / 1000m / 12m, 2),
            ArbeidsforholdId = id,
            Art = Inntektsart.Loennsinntekt,
            Beskrivelse = "fastloenn",
            Opptjeningsland = land,
        };
    }
}
