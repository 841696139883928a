using System.Globalization;
using System.Runtime.InteropServices;
using Aareg.Domain.Identer;
using Aareg.Domain.Tid;

namespace Aareg.Syntetisk;

internal sealed record Identbytte(int Person, long GammelIdent, long NyIdent, DateOnly Dato);

internal sealed record Adressebeskyttelse(int Person, string Gradering, DateOnly Dato);

/// <summary>
/// The generator's population: opplysningspliktige with their underenheter and arbeidsforhold, and the persons. Built
/// from the seed alone; <see cref="GaaTil"/> moves it month by month (churn per PERFORMANCE.md). Every random choice
/// draws from a stream keyed by (seed, purpose, month, entity), so the state of month M depends on nothing but the
/// options.
/// </summary>
internal sealed class Populasjon
{
    // SSB-like size classes (share of opplysningspliktige, smallest and largest size): most have 1-4 employees and
    // about 0.5 % have 250 or more (PERFORMANCE.md: 1,100 of 210,000).
    private static readonly double[] KlasseKumulativ = Tabeller.Kumulativ([0.60, 0.17, 0.11, 0.075, 0.025, 0.0145, 0.0055]);
    private static readonly (int Fra, int Til)[] Klasser = [(1, 4), (5, 9), (10, 19), (20, 49), (50, 99), (100, 249), (250, int.MaxValue)];
    private static readonly double[] SmaaKumulativ = Tabeller.Kumulativ([40, 25, 20, 15]);

    /// <summary>Monthly churn (PERFORMANCE.md): starts and ends as shares of the active arbeidsforhold.</summary>
    public const double AndelStart = 0.08;

    public const double AndelSlutt = 0.07;
    public const double AndelDetaljendring = 0.10;
    public const double AndelPermisjonStart = 0.005;
    public const double AndelPermisjonSlutt = 0.12;

    private const int HovedenhetSerie = 31_000_000;
    private const int UnderenhetSerie = 35_000_000;
    private const int PensjonSerie = 39_000_000;

    private readonly ulong seed;
    private readonly ushort[] foedselsdag;
    private readonly Dictionary<int, Identbytte> identbytter = [];

    public Populasjon(GeneratorValg valg)
    {
        Valg = valg;
        Dimensjoner = valg.Dimensjoner();
        seed = (ulong)(uint)valg.Seed;
        FoersteMaaned = valg.FoersteMaaned;
        SisteMaaned = valg.FoersteMaaned.LeggTil(valg.Maaneder - 1);
        FoersteFoedselsdag = new DateOnly(FoersteMaaned.Aar - 69, 1, 1).DayNumber;
        AntallFoedselsdager = new DateOnly(FoersteMaaned.Aar - 17, 12, 31).DayNumber - FoersteFoedselsdag + 1;

        Personidenter = new long[Dimensjoner.Personpool];
        ErDnr = new bool[Dimensjoner.Personpool];
        foedselsdag = new ushort[Dimensjoner.Personpool];
        LagPersoner();

        var stoerrelser = LagStoerrelser();
        Arbeidsgivere = new Arbeidsgiver[stoerrelser.Length];
        var underenheter = LagArbeidsgivere(stoerrelser);
        UnderenhetOrgnr = new int[underenheter.Count];
        UnderenhetEier = new int[underenheter.Count];
        UnderenhetFartoey = new byte[underenheter.Count];
        LagUnderenheter(underenheter);
        PensjonOrgnr = LagOrgnrSerie(PensjonSerie, Tabeller.Pensjonsinnretninger.Length, 0);
        LagArbeidsforhold();
        LagHendelser();
        InitieltAktive = Arbeidsgivere.Sum(a => a.Arbeidsforhold.Count);
    }

    public GeneratorValg Valg { get; }

    public Dimensjoner Dimensjoner { get; }

    public Kalendermaaned FoersteMaaned { get; }

    public Kalendermaaned SisteMaaned { get; }

    public int FoersteFoedselsdag { get; }

    public int AntallFoedselsdager { get; }

    /// <summary>Each person's first ident (an fnr, or a dnr for foreign workers), as a number.</summary>
    public long[] Personidenter { get; }

    public bool[] ErDnr { get; }

    public Arbeidsgiver[] Arbeidsgivere { get; }

    public int[] UnderenhetOrgnr { get; }

    public int[] UnderenhetEier { get; }

    /// <summary>Fartøy of an underenhet that is a ship: skipsregister | skipstype &lt;&lt; 2 | fartsområde &lt;&lt; 4, +1; 0 = not a ship.</summary>
    public byte[] UnderenhetFartoey { get; }

    public int[] PensjonOrgnr { get; }

    public List<Adressebeskyttelse> Adressebeskyttelser { get; } = [];

    public int InitieltAktive { get; }

    /// <summary>The month the state is at; null = the initial population, before the first month's churn.</summary>
    public Kalendermaaned? Maaned { get; private set; }

    /// <summary>Counts changes of position, so that an enumeration notices that someone moved the state under it.</summary>
    public int Versjon { get; private set; }

    public ulong Seed => seed;

    public DateOnly Foedselsdato(int person) => DateOnly.FromDayNumber(FoersteFoedselsdag + foedselsdag[person]);

    /// <summary>The ident the employer reports in <paramref name="maaned"/>: the fnr from the month of an identbytte on.</summary>
    public long Ident(int person, Kalendermaaned maaned) =>
        ErDnr[person] && identbytter.TryGetValue(person, out var bytte) && Kalendermaaned.Fra(bytte.Dato) <= maaned
            ? bytte.NyIdent
            : Personidenter[person];

    public IEnumerable<Identbytte> Identbytter()
    {
        for (var p = 0; p < ErDnr.Length; p++)
        {
            if (ErDnr[p] && identbytter.TryGetValue(p, out var bytte))
            {
                yield return bytte;
            }
        }
    }

    /// <summary>Moves the state to <paramref name="maaned"/> (only forwards; the caller rebuilds to go back).</summary>
    public void GaaTil(Kalendermaaned maaned)
    {
        if (maaned < FoersteMaaned || maaned > SisteMaaned)
        {
            throw new ArgumentOutOfRangeException(nameof(maaned), maaned, "Måneden er utenfor de genererte månedene.");
        }

        if (Maaned is { } naa && naa > maaned)
        {
            throw new InvalidOperationException("Populasjonen kan bare gå fremover; bygg den på nytt for å gå tilbake.");
        }

        var neste = Maaned is { } m ? m.LeggTil(1) : FoersteMaaned;
        while (neste <= maaned)
        {
            Versjon++;
            Utvikle(neste);
            VelgRoller(neste);
            Maaned = neste;
            neste = neste.LeggTil(1);
        }
    }

    private static long LagIdent(DateOnly dato, int individnummer, bool dnr)
    {
        // Skatteetaten's synthetic (Tenor) numbers: month + 80; a synthetic D-number also has day + 40 (DOMAIN §2).
        // Real persons can never be generated, because no real ident has a month above 12.
        var ni = string.Create(CultureInfo.InvariantCulture, $"{dato.Day + (dnr ? 40 : 0):D2}{dato.Month + 80:D2}{dato.Year % 100:D2}{individnummer:D3}");
        var elleve = Personident.MedKontrollsifre(ni);
        return elleve is null ? -1 : long.Parse(elleve, CultureInfo.InvariantCulture);
    }

    private static int[] LagOrgnrSerie(int start, int antall, int hopp)
    {
        var resultat = new int[antall];
        var prefiks = start + hopp;
        Span<char> tegn = stackalloc char[8];
        for (var i = 0; i < antall; prefiks++)
        {
            prefiks.TryFormat(tegn, out _, "D8", CultureInfo.InvariantCulture);
            if (Organisasjonsnummer.Kontrollsiffer(tegn) is { } k)
            {
                resultat[i++] = (prefiks * 10) + k;
            }
        }

        return resultat;
    }

    private void LagPersoner()
    {
        // Person i is born on day (i mod D) of the birth range and takes the next free individual number of that day,
        // so idents are unique without a lookup table. A dnr person also reserves the fnr it gets at an identbytte.
        var nesteIndivid = new short[AntallFoedselsdager];
        for (var p = 0; p < Personidenter.Length; p++)
        {
            var erDnr = Tilfeldig.Hash(seed, (ulong)Formaal.Person, (ulong)p) % 1000 < 60;
            var dag = p % AntallFoedselsdager;
            for (var forsoek = 0; ; forsoek++)
            {
                if (forsoek >= AntallFoedselsdager)
                {
                    throw new InvalidOperationException("Den syntetiske identserien er brukt opp.");
                }

                var dato = DateOnly.FromDayNumber(FoersteFoedselsdag + dag);
                var basis = dato.Year >= 2000 ? 500 : 0;
                var funnet = false;
                while (!funnet && nesteIndivid[dag] < 500)
                {
                    var individ = basis + nesteIndivid[dag]++;
                    var fnr = LagIdent(dato, individ, false);
                    var dnr = erDnr ? LagIdent(dato, individ, true) : 0;
                    if (fnr < 0 || dnr < 0)
                    {
                        continue;
                    }

                    Personidenter[p] = erDnr ? dnr : fnr;
                    ErDnr[p] = erDnr;
                    foedselsdag[p] = (ushort)dag;
                    funnet = true;
                }

                if (funnet)
                {
                    break;
                }

                dag = (dag + 1) % AntallFoedselsdager;
            }
        }
    }

    private int[] LagStoerrelser()
    {
        var d = Dimensjoner;
        var rng = Tilfeldig.For(seed, Formaal.Stoerrelser);
        var stoerrelser = new int[d.Opplysningspliktige];
        for (var i = 0; i < stoerrelser.Length; i++)
        {
            var klasse = rng.Velg(KlasseKumulativ);
            stoerrelser[i] = klasse switch
            {
                0 => 1 + rng.Velg(SmaaKumulativ),
                6 => (int)Math.Min(d.StoersteArbeidsgiver, 250 / Math.Pow(1 - rng.Desimal(), 1 / 1.3)),
                _ => (int)Math.Round(Klasser[klasse].Fra * Math.Pow(Klasser[klasse].Til / (double)Klasser[klasse].Fra, rng.Desimal())),
            };
        }

        var stoerste = 0;
        for (var i = 1; i < stoerrelser.Length; i++)
        {
            if (stoerrelser[i] > stoerrelser[stoerste])
            {
                stoerste = i;
            }
        }

        stoerrelser[stoerste] = d.StoersteArbeidsgiver;

        // Scale the sizes of 5 and more (not the largest) so that the total hits the target; then fix the rounding.
        var smaa = 0L;
        var mellom = new List<int>();
        for (var i = 0; i < stoerrelser.Length; i++)
        {
            if (i == stoerste)
            {
                continue;
            }

            if (stoerrelser[i] < 5)
            {
                smaa += stoerrelser[i];
            }
            else
            {
                mellom.Add(i);
            }
        }

        var maal = d.Arbeidsforhold - d.StoersteArbeidsgiver - smaa;
        if (mellom.Count > 0 && maal > 0)
        {
            var original = mellom.Select(i => stoerrelser[i]).ToArray();
            double lav = 0.01, hoey = 1000;
            for (var iterasjon = 0; iterasjon < 60; iterasjon++)
            {
                var f = (lav + hoey) / 2;
                var sum = 0L;
                foreach (var s in original)
                {
                    sum += Math.Clamp((long)Math.Round(s * f), 1, d.StoersteArbeidsgiver);
                }

                if (sum < maal)
                {
                    lav = f;
                }
                else
                {
                    hoey = f;
                }
            }

            for (var j = 0; j < mellom.Count; j++)
            {
                stoerrelser[mellom[j]] = (int)Math.Clamp((long)Math.Round(original[j] * hoey), 1, d.StoersteArbeidsgiver);
            }
        }

        var rest = d.Arbeidsforhold - stoerrelser.Sum(s => (long)s);
        for (var forsoek = 0; rest != 0 && forsoek < 1_000_000; forsoek++)
        {
            var i = rng.Heltall(stoerrelser.Length);
            if (rest > 0 && (stoerrelser[i] < d.StoersteArbeidsgiver || stoerrelser.Length == 1))
            {
                stoerrelser[i]++;
                rest--;
            }
            else if (rest < 0 && stoerrelser[i] > 1 && i != stoerste)
            {
                stoerrelser[i]--;
                rest++;
            }
        }

        // Whatever random picks could not place goes to the largest (only in degenerate option combinations).
        stoerrelser[stoerste] = (int)Math.Max(1, stoerrelser[stoerste] + rest);
        return stoerrelser;
    }

    private List<(int Eier, int Nummer)> LagArbeidsgivere(int[] stoerrelser)
    {
        var d = Dimensjoner;
        var orgnr = LagOrgnrSerie(HovedenhetSerie, stoerrelser.Length, 0);
        var stoerste = Array.IndexOf(stoerrelser, stoerrelser.Max());
        var forhold = Math.Max(0, d.Virksomheter - d.Opplysningspliktige) / (double)d.Arbeidsforhold;
        var underenheter = new List<(int, int)>(d.Virksomheter + 16);
        var foersteDag = FoersteMaaned.FoersteDag.DayNumber;

        for (var i = 0; i < stoerrelser.Length; i++)
        {
            var rng = Tilfeldig.For(seed, Formaal.Arbeidsgiver, i);
            var n = stoerrelser[i];
            var a = new Arbeidsgiver
            {
                Indeks = i,
                Orgnr = orgnr[i],
                InitiellStoerrelse = n,
                Offentlig = n >= 250 && rng.Sjanse(0.35),
                IdStil = (byte)rng.Heltall(3),
                Nynorsk = rng.Sjanse(0.08),
                Registreringsdato = foersteDag - rng.Mellom(60, 30 * 365),
                Pensjonsinnretning = -1,
            };
            if (a.Offentlig)
            {
                a.Bransje = (byte)(rng.Sjanse(0.6) ? Tabeller.OffentligBransje : rng.Sjanse(0.5) ? 4 : 5);
                a.Form = (byte)rng.Heltall(Tabeller.OffentligeFormer.Length);
                a.Kildesystem = 5;
            }
            else
            {
                a.Bransje = (byte)rng.Heltall(Tabeller.PrivateBransjer);
                a.Form = (byte)(n >= 250 && rng.Sjanse(0.3) ? FormIndeks(Tabeller.ASA) : rng.Velg(Tabeller.PrivateFormerKumulativ));
                if (a.Form != 0 && n > 20 && Tabeller.PrivateFormer[a.Form] != Tabeller.ASA)
                {
                    // Sole proprietorships and partnerships stay small; larger employers are limited companies.
                    a.Form = 0;
                }

                a.Kildesystem = (byte)rng.Heltall(5);
                if (n >= 2 && rng.Sjanse(0.3))
                {
                    a.Pensjonsinnretning = (sbyte)rng.Heltall(Tabeller.Pensjonsinnretninger.Length);
                }
            }

            // Sites follow size: a larger employer has more underenheter (about 40,000 extra at national scale).
            var ekstra = Math.Min(n - 1, rng.TilfeldigAvrunding(n * forhold));
            if (i == stoerste && n >= 2)
            {
                ekstra = Math.Max(ekstra, 1);
            }

            a.ForsteUnderenhet = underenheter.Count;
            a.AntallUnderenheter = Math.Min(1 + ekstra, ushort.MaxValue);
            for (var u = 0; u < a.AntallUnderenheter; u++)
            {
                underenheter.Add((i, u));
            }

            Arbeidsgivere[i] = a;
        }

        VelgMaritime(stoerste);
        VelgOpphoer(stoerste);
        VelgIdbytte(stoerste);
        return underenheter;
    }

    private static int FormIndeks(Organisasjonsform form) => Array.IndexOf(Tabeller.PrivateFormer, form);

    private void VelgMaritime(int stoerste)
    {
        // Shipping companies (about 0.4 %, at least one): their crews are maritimtArbeidsforhold on ships (underenheter).
        var rng = Tilfeldig.For(seed, Formaal.Arbeidsgiver, -1);
        var antall = Math.Max(1, (int)Math.Round(Arbeidsgivere.Length * 0.004));
        var kandidater = Arbeidsgivere.Where(a => a.Indeks != stoerste && !a.Offentlig && a.InitiellStoerrelse >= 3).ToList();
        if (kandidater.Count == 0)
        {
            kandidater = [.. Arbeidsgivere.Where(a => a.Indeks != stoerste)];
        }

        if (kandidater.Count == 0)
        {
            kandidater = [.. Arbeidsgivere];
        }

        for (var valgt = 0; valgt < antall && kandidater.Count > 0; valgt++)
        {
            var j = rng.Heltall(kandidater.Count);
            var a = kandidater[j];
            kandidater.RemoveAt(j);
            a.Maritim = true;
            a.Bransje = Tabeller.SjoefartBransje;
            a.Form = (byte)(rng.Sjanse(0.2) ? FormIndeks(Tabeller.PRE) : 0);
            a.Pensjonsinnretning = (sbyte)rng.Heltall(Tabeller.Pensjonsinnretninger.Length);
        }
    }

    private void VelgOpphoer(int stoerste)
    {
        // About 1 % a year go bankrupt or are deleted; they simply stop reporting, and Enhetsregisteret says why
        // (DOMAIN §6: the register closes their arbeidsforhold with ERKONK / EROPPH).
        if (Valg.Maaneder < 2)
        {
            return;
        }

        var rng = Tilfeldig.For(seed, Formaal.Arbeidsgiver, -2);
        var antall = Math.Max(2, (int)Math.Round(Arbeidsgivere.Length * 0.01 * Valg.Maaneder / 12));
        var kandidater = Arbeidsgivere.Where(a => a.Indeks != stoerste && !a.Maritim && !a.Offentlig && a.InitiellStoerrelse < 250).ToList();
        for (var valgt = 0; valgt < antall && kandidater.Count > 1; valgt++)
        {
            var j = rng.Heltall(kandidater.Count);
            var a = kandidater[j];
            kandidater.RemoveAt(j);
            var maaned = FoersteMaaned.LeggTil(rng.Mellom(1, Valg.Maaneder - 1));
            a.Opphoersmaaned = maaned.Indeks;
            a.Opphoersdato = maaned.FoersteDag.DayNumber + rng.Heltall(28);
            a.Konkurs = valgt % 2 == 0;
        }
    }

    private void VelgIdbytte(int stoerste)
    {
        // A few change payroll system, and with it every arbeidsforholdId (DOMAIN §6: id-change matching, AFIDHI).
        if (Valg.Maaneder < 2)
        {
            return;
        }

        var rng = Tilfeldig.For(seed, Formaal.Arbeidsgiver, -3);
        var antall = Math.Max(1, (int)Math.Round(Arbeidsgivere.Length * 0.002 * Valg.Maaneder / 12));
        for (var valgt = 0; valgt < antall; valgt++)
        {
            var a = Arbeidsgivere[rng.Heltall(Arbeidsgivere.Length)];
            if (a.Indeks != stoerste && a.Opphoersmaaned == int.MaxValue)
            {
                a.IdByttemaaned = FoersteMaaned.LeggTil(rng.Mellom(1, Valg.Maaneder - 1)).Indeks;
            }
        }
    }

    private void LagUnderenheter(List<(int Eier, int Nummer)> underenheter)
    {
        var orgnr = LagOrgnrSerie(UnderenhetSerie, underenheter.Count, 0);
        for (var u = 0; u < underenheter.Count; u++)
        {
            UnderenhetOrgnr[u] = orgnr[u];
            UnderenhetEier[u] = underenheter[u].Eier;
            if (Arbeidsgivere[underenheter[u].Eier].Maritim)
            {
                var h = Tilfeldig.Hash(seed, (ulong)Formaal.Virksomhet, (ulong)u);
                var register = h % 10 < 5 ? 0 : h % 10 < 8 ? 1 : 2;
                var type = (h >> 8) % 10 < 8 ? 0 : (h >> 8) % 10 < 9 ? 1 : 2;
                var omraade = (h >> 16) % 3 == 0 ? 1 : 0;
                UnderenhetFartoey[u] = (byte)(1 + (register | (type << 2) | (omraade << 4)));
            }
        }
    }

    private void LagArbeidsforhold()
    {
        // Slot k of the A initial arbeidsforhold gets person pi(k) when pi(k) < P (pi an affine permutation), else a
        // random one of the P: exactly P persons are employed, some with a second job.
        var d = Dimensjoner;
        var a0 = (long)d.Arbeidsforhold;
        var rngP = Tilfeldig.For(seed, Formaal.InitieltArbeidsforhold, -1);
        var multiplikator = 1_000_003L + rngP.Heltall(1_000_000);
        while (Gcd(multiplikator, a0) != 1)
        {
            multiplikator++;
        }

        var forskyvning = rngP.Heltall((int)Math.Min(a0, int.MaxValue));
        var slot = 0L;
        var forrigeDag = FoersteMaaned.FoersteDag.DayNumber - 1;
        foreach (var a in Arbeidsgivere)
        {
            var rng = Tilfeldig.For(seed, Formaal.InitieltArbeidsforhold, a.Indeks);
            a.Arbeidsforhold = new List<ArbeidsforholdTilstand>(a.InitiellStoerrelse + (a.InitiellStoerrelse / 4) + 1);
            for (var k = 0; k < a.InitiellStoerrelse; k++, slot++)
            {
                var pi = (int)(((slot * multiplikator) + forskyvning) % a0);
                var person = pi < d.Personer ? pi : rng.Heltall(d.Personer);
                var nedre = Math.Max(
                    Math.Max(Foedselsdato(person).AddYears(17).DayNumber, a.Registreringsdato),
                    new DateOnly(1975, 1, 1).DayNumber);
                var aarTilbake = -Math.Log(1 - rng.Desimal()) * 5.0;
                var start = Math.Max(nedre, forrigeDag - (int)(aarTilbake * 365.25));
                start = Math.Min(start, forrigeDag);
                var af = NyttArbeidsforhold(ref rng, a, person, start, FoersteMaaned);
                af.SisteLoennsendring = Math.Max(start, forrigeDag - rng.Heltall(730));
                af.SisteStillingsendring = rng.Sjanse(0.7) ? start : rng.Mellom(start, forrigeDag);
                if (af.Type != Tabeller.TypeFrilanser && rng.Sjanse(0.04))
                {
                    StartPermisjon(ref rng, a, ref af, Math.Max(start, forrigeDag - rng.Heltall(300)), FoersteMaaned);
                }

                if (rng.Sjanse(0.005))
                {
                    af.Land = (byte)(1 + rng.Heltall(Tabeller.Land.Length - 1));
                    af.UtlandTil = FoersteMaaned.Indeks + rng.Heltall(6);
                }

                a.Arbeidsforhold.Add(af);
            }
        }
    }

    private static long Gcd(long a, long b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }

    private static ArbeidsforholdTilstand NyttArbeidsforhold(ref Tilfeldig rng, Arbeidsgiver a, int person, int startdato, Kalendermaaned maaned)
    {
        var bransje = Tabeller.Bransjer[a.Bransje];
        var af = new ArbeidsforholdTilstand
        {
            Person = person,
            Nummer = ++a.NesteNummer,
            Virksomhet = (ushort)(a.AntallUnderenheter > 1 && !rng.Sjanse(0.3) ? rng.Heltall(a.AntallUnderenheter) : 0),
            Startdato = startdato,
            SisteLoennsendring = startdato,
            SisteStillingsendring = startdato,
            Sluttaarsak = byte.MaxValue,
        };

        af.Type = a.Maritim
            ? (rng.Sjanse(0.85) ? Tabeller.TypeMaritim : Tabeller.TypeOrdinaer)
            : (rng.Sjanse(0.04) ? Tabeller.TypeFrilanser : Tabeller.TypeOrdinaer);
        var yrker = af.Type switch
        {
            Tabeller.TypeFrilanser => Tabeller.FrilanserYrker,
            Tabeller.TypeOrdinaer when a.Maritim => Tabeller.Kontoryrker,
            _ => bransje.Yrker,
        };
        af.Yrke = VelgYrke(ref rng, yrker);
        if (af.Type == Tabeller.TypeFrilanser)
        {
            return af;
        }

        af.Arbeidstid = VelgArbeidstid(ref rng, a, af.Type, maaned);
        var u = rng.Desimal();
        af.Form = u < 0.78 ? Tabeller.Fast : u < 0.92 ? Tabeller.Midlertidig : Tabeller.Tilkallingsvikar;
        af.Timeloennet = af.Form == Tabeller.Tilkallingsvikar || rng.Sjanse(0.04);
        af.Stillingsprosent = af.Form == Tabeller.Tilkallingsvikar
            ? (short)0
            : Tabeller.Stillingsprosenter[rng.Velg(Tabeller.StillingsprosentKumulativ)];
        return af;
    }

    private static int VelgYrke(ref Tilfeldig rng, string[] yrker)
    {
        // The first yrke of a trade is its main one (half of the staff).
        var kode = rng.Sjanse(0.5) ? yrker[0] : yrker[rng.Heltall(yrker.Length)];
        return int.Parse(kode, CultureInfo.InvariantCulture);
    }

    private static byte VelgArbeidstid(ref Tilfeldig rng, Arbeidsgiver a, byte type, Kalendermaaned maaned)
    {
        var andreSkift = maaned.FoersteDag >= Tabeller.Fra2019 ? Tabeller.AndreSkift : (byte)2;
        if (type == Tabeller.TypeMaritim)
        {
            return rng.Sjanse(0.4) ? Tabeller.Helkontinuerlig336 : Tabeller.IkkeSkift;
        }

        return a.Bransje switch
        {
            4 when rng.Sjanse(0.35) => Tabeller.Turnus355,
            3 when rng.Sjanse(0.2) => andreSkift,
            Tabeller.OffentligBransje when rng.Sjanse(0.1) => Tabeller.Turnus355,
            _ => rng.Sjanse(0.03) ? (byte)2 : Tabeller.IkkeSkift,
        };
    }

    private static void StartPermisjon(ref Tilfeldig rng, Arbeidsgiver a, ref ArbeidsforholdTilstand af, int start, Kalendermaaned maaned)
    {
        af.PermisjonStart = start;
        af.PermisjonNummer = ++a.NestePermisjon;
        af.PermisjonArt = (byte)rng.Velg(Tabeller.PermisjonsartKumulativ);
        var u = rng.Desimal();
        af.Permisjonsprosent = (byte)(u < 0.7 ? 100 : u < 0.9 ? 50 : 20);
        af.PermitteringSomElement = af.PermisjonArt == Tabeller.PermitteringArt && rng.Sjanse(0.25);

        // Half are reported with a planned end date from the start; the rest get one when they end.
        af.PermisjonSlutt = rng.Sjanse(0.5)
            ? Math.Max(start + 14, maaned.LeggTil(rng.Mellom(1, 10)).FoersteDag.DayNumber + rng.Heltall(28))
            : 0;
    }

    /// <summary>One month's churn (PERFORMANCE.md): ends, detail changes, leave changes, stays abroad, starts.</summary>
    private void Utvikle(Kalendermaaned maaned)
    {
        var foersteDag = maaned.FoersteDag.DayNumber;
        var sisteDag = maaned.SisteDag.DayNumber;
        foreach (var a in Arbeidsgivere)
        {
            if (maaned.Indeks >= a.Opphoersmaaned)
            {
                continue;
            }

            var rng = Tilfeldig.For(seed, Formaal.Maaned, maaned.Indeks, a.Indeks);

            // Ended arbeidsforhold were reported with their sluttdato in their last month; leaves likewise.
            a.Arbeidsforhold.RemoveAll(af => af.Sluttdato != 0 && af.Sluttdato < foersteDag);
            var liste = CollectionsMarshal.AsSpan(a.Arbeidsforhold);
            var aktive = liste.Length;
            var avsluttet = 0;
            for (var i = 0; i < liste.Length; i++)
            {
                ref var af = ref liste[i];
                if (af.PermisjonSlutt != 0 && af.PermisjonSlutt < foersteDag)
                {
                    af.PermisjonStart = 0;
                    af.PermisjonSlutt = 0;
                }

                if (af.Land != 0 && af.UtlandTil < maaned.Indeks)
                {
                    af.Land = 0;
                }

                var u = rng.Desimal();
                if (u < AndelSlutt)
                {
                    Avslutt(ref rng, ref af, foersteDag, sisteDag);
                    avsluttet++;
                    continue;
                }

                if (u < AndelSlutt + AndelDetaljendring)
                {
                    EndreDetaljer(ref rng, a, ref af, foersteDag, sisteDag);
                }

                if (af.Type == Tabeller.TypeFrilanser)
                {
                    continue;
                }

                if (!af.HarPermisjon)
                {
                    if (rng.Sjanse(AndelPermisjonStart))
                    {
                        StartPermisjon(ref rng, a, ref af, Math.Max(af.Startdato, rng.Mellom(foersteDag, sisteDag)), maaned);
                    }
                }
                else if (af.PermisjonSlutt == 0 && rng.Sjanse(AndelPermisjonSlutt))
                {
                    af.PermisjonSlutt = Math.Max(af.PermisjonStart, rng.Mellom(foersteDag, sisteDag));
                }

                if (af.Land == 0 && rng.Sjanse(0.002))
                {
                    af.Land = (byte)(1 + rng.Heltall(Tabeller.Land.Length - 1));
                    af.UtlandTil = maaned.Indeks + rng.Heltall(6);
                }
            }

            var starter = rng.TilfeldigAvrunding(Math.Max(aktive, 1) * AndelStart);
            if (aktive > 0 && avsluttet == aktive && rng.Sjanse(0.9))
            {
                // A small business whose only employee leaves mostly hires a successor; without this the
                // opplysningspliktige die out month by month while the a-meldinger should stay about 210,000.
                starter = Math.Max(starter, 1);
            }

            for (var s = 0; s < starter; s++)
            {
                var person = rng.Heltall(Dimensjoner.Personpool);
                var start = rng.Mellom(foersteDag, sisteDag);
                a.Arbeidsforhold.Add(NyttArbeidsforhold(ref rng, a, person, start, maaned));
            }
        }
    }

    private static void Avslutt(ref Tilfeldig rng, ref ArbeidsforholdTilstand af, int foersteDag, int sisteDag)
    {
        af.Sluttdato = Math.Max(af.Startdato, rng.Mellom(foersteDag, sisteDag));
        af.Sluttaarsak = (byte)rng.Velg(Tabeller.SluttaarsakKumulativ);
        if (af.HarPermisjon)
        {
            if (af.PermisjonStart > af.Sluttdato)
            {
                af.PermisjonStart = 0;
                af.PermisjonSlutt = 0;
            }
            else if (af.PermisjonSlutt == 0 || af.PermisjonSlutt > af.Sluttdato)
            {
                af.PermisjonSlutt = af.Sluttdato;
            }
        }
    }

    private static void EndreDetaljer(ref Tilfeldig rng, Arbeidsgiver a, ref ArbeidsforholdTilstand af, int foersteDag, int sisteDag)
    {
        var dag = Math.Max(af.Startdato, rng.Mellom(foersteDag, sisteDag));
        var u = rng.Desimal();
        if (af.Type == Tabeller.TypeFrilanser || u < 0.2)
        {
            var yrker = af.Type == Tabeller.TypeFrilanser ? Tabeller.FrilanserYrker : Tabeller.Bransjer[a.Bransje].Yrker;
            var nytt = int.Parse(yrker[rng.Heltall(yrker.Length)], CultureInfo.InvariantCulture);
            af.Yrke = nytt != af.Yrke ? nytt : af.Yrke + 1;
            return;
        }

        if (u < 0.55 && af.Form != Tabeller.Tilkallingsvikar)
        {
            var ny = Tabeller.Stillingsprosenter[rng.Velg(Tabeller.StillingsprosentKumulativ)];
            af.Stillingsprosent = ny != af.Stillingsprosent ? ny : (short)(af.Stillingsprosent == 1000 ? 800 : 1000);
            af.SisteStillingsendring = dag;
            return;
        }

        af.SisteLoennsendring = dag;
    }

    /// <summary>Decides each opplysningspliktig's role in the month: replacements, additions, invalid, late.</summary>
    private void VelgRoller(Kalendermaaned maaned)
    {
        var rapporterende = new List<Arbeidsgiver>();
        foreach (var a in Arbeidsgivere)
        {
            a.ForrigeRapportert = a.SistRapportert;
            a.Rolle = maaned.Indeks < a.Opphoersmaaned && a.Arbeidsforhold.Count > 0 ? Maanedsrolle.Ordinaer : Maanedsrolle.Ingen;
            if (a.Rolle != Maanedsrolle.Ingen)
            {
                a.SistRapportert = maaned.Indeks;
                rapporterende.Add(a);
            }
        }

        var rng = Tilfeldig.For(seed, Formaal.MaanedUtvalg, maaned.Indeks);
        for (var i = rapporterende.Count - 1; i > 0; i--)
        {
            var j = rng.Heltall(i + 1);
            (rapporterende[i], rapporterende[j]) = (rapporterende[j], rapporterende[i]);
        }

        // Shares per PERFORMANCE.md and the brief, each at least one a month so that even the smallest scale has them.
        var n = rapporterende.Count;
        Tildel(rapporterende, Maanedsrolle.Tillegg, Math.Max(1, (int)Math.Round(n * 0.01)), HarToVirksomheter);
        Tildel(rapporterende, Maanedsrolle.Nullstilling, Math.Max(1, (int)Math.Round(n * 0.0002)), _ => true);
        Tildel(rapporterende, Maanedsrolle.Erstatning, Math.Max(1, (int)Math.Round(n * 0.03)), _ => true);
        var ugyldige = Math.Max(2, (int)Math.Round(n * 0.005));
        Tildel(rapporterende, Maanedsrolle.UgyldigVirksomhet, (ugyldige + 1) / 2, _ => true);
        Tildel(rapporterende, Maanedsrolle.UgyldigErstatning, ugyldige / 2, _ => true);
        Tildel(rapporterende, Maanedsrolle.Forsinket, (int)Math.Round(n * 0.01), _ => true);
    }

    private static void Tildel(List<Arbeidsgiver> stokket, Maanedsrolle rolle, int antall, Func<Arbeidsgiver, bool> kan)
    {
        foreach (var a in stokket)
        {
            if (antall == 0)
            {
                return;
            }

            if (a.Rolle == Maanedsrolle.Ordinaer && kan(a))
            {
                a.Rolle = rolle;
                antall--;
            }
        }
    }

    private static bool HarToVirksomheter(Arbeidsgiver a)
    {
        var liste = CollectionsMarshal.AsSpan(a.Arbeidsforhold);
        for (var i = 1; i < liste.Length; i++)
        {
            if (liste[i].Virksomhet != liste[0].Virksomhet)
            {
                return true;
            }
        }

        return false;
    }

    private void LagHendelser()
    {
        // Identbytte dnr -> fnr for about 5 % of the dnr persons, from two years before the first month to the last;
        // the fnr is the one reserved for the person in LagPersoner (same birth date and individual number).
        var fra = FoersteMaaned.LeggTil(-24).FoersteDag.DayNumber;
        var til = SisteMaaned.SisteDag.DayNumber;
        var beskyttet = 0;
        for (var p = 0; p < Personidenter.Length; p++)
        {
            var h = Tilfeldig.Hash(seed, (ulong)Formaal.Hendelser, (ulong)p);
            if (ErDnr[p] && h % 100 < 5)
            {
                var dnr = Personidenter[p].ToString("D11", CultureInfo.InvariantCulture);
                var dato = Foedselsdato(p);
                var individ = int.Parse(dnr.AsSpan(6, 3), CultureInfo.InvariantCulture);
                var dag = fra + (int)((h >> 16) % (ulong)(til - fra + 1));
                identbytter[p] = new Identbytte(p, Personidenter[p], LagIdent(dato, individ, false), DateOnly.FromDayNumber(dag));
            }

            if ((h >> 40) % 10_000 < 8)
            {
                Adressebeskyttelser.Add(LagBeskyttelse(p, h));
                beskyttet++;
            }
        }

        // A few persons with protected address even at the smallest scale (DOMAIN §3).
        for (var p = 0; beskyttet < 2 && p < Personidenter.Length; p++)
        {
            if (!Adressebeskyttelser.Exists(b => b.Person == p))
            {
                Adressebeskyttelser.Add(LagBeskyttelse(p, Tilfeldig.Hash(seed, (ulong)Formaal.Hendelser, (ulong)p, 1)));
                beskyttet++;
            }
        }

        Adressebeskyttelser.Sort((x, y) => x.Person.CompareTo(y.Person));
    }

    private Adressebeskyttelse LagBeskyttelse(int person, ulong h)
    {
        var gradering = ((h >> 8) % 100) switch
        {
            < 70 => "fortrolig",
            < 95 => "strengtFortrolig",
            _ => "strengtFortroligUtland",
        };
        var fra = FoersteMaaned.LeggTil(-60).FoersteDag.DayNumber;
        var til = SisteMaaned.SisteDag.DayNumber;
        return new Adressebeskyttelse(person, gradering, DateOnly.FromDayNumber(fra + (int)((h >> 20) % (ulong)(til - fra + 1))));
    }
}
