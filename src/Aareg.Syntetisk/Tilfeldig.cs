namespace Aareg.Syntetisk;

/// <summary>
/// The generator's own seeded PRNG (xoshiro256**, seeded through SplitMix64). <see cref="System.Random"/> is not
/// used because its algorithm is not promised to stay the same between .NET versions, and generated files must be
/// byte-identical for the same options. Streams are derived from (seed, purpose, month, entity) so that one entity's
/// draws never depend on how many draws another entity made.
/// </summary>
internal struct Tilfeldig
{
    private ulong s0;
    private ulong s1;
    private ulong s2;
    private ulong s3;

    public Tilfeldig(ulong seed)
    {
        var x = seed;
        s0 = SplitMix(ref x);
        s1 = SplitMix(ref x);
        s2 = SplitMix(ref x);
        s3 = SplitMix(ref x);
    }

    /// <summary>A stream for one purpose and entity: independent of every other (seed, formaal, a, b) combination.</summary>
    public static Tilfeldig For(ulong seed, Formaal formaal, long a = 0, long b = 0) =>
        new(Hash(seed, (ulong)formaal, (ulong)a, (ulong)b));

    public static ulong Hash(ulong seed, ulong a, ulong b = 0, ulong c = 0)
    {
        var x = seed ^ 0x9E3779B97F4A7C15UL;
        var h = SplitMix(ref x);
        x = h ^ a;
        h = SplitMix(ref x);
        x = h ^ b;
        h = SplitMix(ref x);
        x = h ^ c;
        return SplitMix(ref x);
    }

    public ulong Neste()
    {
        var resultat = RotateLeft(s1 * 5, 7) * 9;
        var t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = RotateLeft(s3, 45);
        return resultat;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double Desimal() => (Neste() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, antall) (Lemire's multiply-shift; the tiny bias is irrelevant for test data).</summary>
    public int Heltall(int antall)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(antall);
        return (int)(((Neste() >> 32) * (ulong)antall) >> 32);
    }

    /// <summary>Uniform in [fra, til] inclusive.</summary>
    public int Mellom(int fra, int til) => til <= fra ? fra : fra + Heltall(til - fra + 1);

    public bool Sjanse(double sannsynlighet) => Desimal() < sannsynlighet;

    /// <summary>Rounds <paramref name="verdi"/> up or down at random so that the expectation is <paramref name="verdi"/>.</summary>
    public int TilfeldigAvrunding(double verdi)
    {
        var heltall = Math.Floor(verdi);
        return (int)heltall + (Sjanse(verdi - heltall) ? 1 : 0);
    }

    /// <summary>Index drawn from cumulative weights (ascending, last = total).</summary>
    public int Velg(ReadOnlySpan<double> kumulativ)
    {
        var u = Desimal() * kumulativ[^1];
        for (var i = 0; i < kumulativ.Length; i++)
        {
            if (u < kumulativ[i])
            {
                return i;
            }
        }

        return kumulativ.Length - 1;
    }

    private static ulong SplitMix(ref ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        var z = x;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}

/// <summary>The purposes of the generator's random streams; each has its own stream so they never interfere.</summary>
internal enum Formaal : ulong
{
    Stoerrelser = 1,
    Arbeidsgiver = 2,
    Person = 3,
    InitieltArbeidsforhold = 4,
    Maaned = 5,
    MaanedUtvalg = 6,
    Melding = 7,
    Roller = 8,
    Hendelser = 9,
    Virksomhet = 10,
}
