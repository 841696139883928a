using Aareg.Domain.AMelding;
using Aareg.Domain.Kontroller;
using Aareg.Domain.Tid;

namespace Aareg.Domain.Tests.Kontroller;

/// <summary>Identifiers from DOMAIN §2's test vectors and small factories for the control tests.</summary>
internal static class Testdata
{
    public const string Opplysningspliktig = "893786570";
    public const string Virksomhet = "954323196";
    public const string AnnenVirksomhet = "987574917";
    public const string FremmedOpplysningspliktig = "964979367";
    public const string FremmedVirksomhet = "910000004";
    public const string UgyldigOrgnr = "893786571";

    public const string Person = "02029404855";
    public const string Person2 = "12106346508";
    public const string Person3 = "14076412317";
    public const string Dnr = "67106748532";
    public const string Syntetisk = "05896729243";
    public const string UgyldigFnr = "02029404856";

    /// <summary>The default month of a test melding, and "today" a little after it.</summary>
    public static readonly Kalendermaaned Maaned = new(2024, 2);
    public static readonly DateOnly Idag = new(2024, 3, 10);

    /// <summary>A complete ordinary arbeidsforhold, as a payroll system sends it (AMELDING_V2_3 §6).</summary>
    public static Arbeidsforhold Ordinaert(string id = "af-1") => new()
    {
        ArbeidsforholdId = id,
        TypeArbeidsforhold = "ordinaertArbeidsforhold",
        Startdato = new DateOnly(2019, 8, 15),
        AntallTimerPerUkeSomEnFullStillingTilsvarer = 37.5m,
        Yrke = "5132121",
        Arbeidstidsordning = "ikkeSkift",
        Stillingsprosent = 100m,
        SisteLoennsendringsdato = new DateOnly(2023, 5, 1),
        SisteDatoForStillingsprosentendring = new DateOnly(2019, 8, 15),
        FormForAnsettelse = "fast",
    };

    public static Arbeidsforhold Maritimt(string id = "sjo-1") => Ordinaert(id) with
    {
        TypeArbeidsforhold = "maritimtArbeidsforhold",
        Yrke = "8341101",
        Arbeidstidsordning = "offshore336",
        AntallTimerPerUkeSomEnFullStillingTilsvarer = 33.6m,
        Fartoey = new Fartoey("nis", "annet", "utenriks"),
    };

    /// <summary>A freelancer as payroll systems send one: id, type, dates and yrke only.</summary>
    public static Arbeidsforhold Frilanser(string id = "fri-1") => new()
    {
        ArbeidsforholdId = id,
        TypeArbeidsforhold = "frilanserOppdragstakerHonorarPersonerMm",
        Startdato = new DateOnly(2023, 11, 1),
        Yrke = "2512117",
    };

    public static Permisjon Permisjon(string id = "perm-1", string beskrivelse = "permisjonMedForeldrepenger") => new()
    {
        PermisjonId = id,
        Beskrivelse = beskrivelse,
        Startdato = new DateOnly(2024, 1, 8),
        Permisjonsprosent = 100m,
    };

    public static KontrollKontekst Kontekst() => new()
    {
        Idag = Idag,
        Kodeverk = TestKodeverk.Instans,
    };

    public static IReadOnlyList<Avvik> Kontroller(Leveranse leveranse, KontrollKontekst? kontekst = null) =>
        Kontrollkatalog.Kontroller(leveranse, kontekst ?? Kontekst());

    /// <summary>The one avvik of the rule; fails when there is none or several.</summary>
    public static Avvik Ett(this IReadOnlyList<Avvik> avvik, string regel) => Assert.Single(avvik, a => a.Regel == regel);

    public static void Ingen(this IReadOnlyList<Avvik> avvik, string regel) => Assert.DoesNotContain(avvik, a => a.Regel == regel);

    public static void Er(this Avvik avvik, Alvorlighetsgrad alvorlighetsgrad, string? sti, string? verdi)
    {
        Assert.Equal(alvorlighetsgrad, avvik.Alvorlighetsgrad);
        Assert.Equal(sti, avvik.Sti);
        Assert.Equal(verdi, avvik.Verdi);
        Assert.False(string.IsNullOrWhiteSpace(avvik.Melding));
    }
}

/// <summary>Builds a leveranse for the tests: one opplysningspliktig, a month, and virksomheter with their persons.</summary>
internal sealed class LeveranseBygger
{
    private readonly List<(string? Orgnr, List<Inntektsmottaker> Mottakere)> virksomheter = [];
    private Kalendermaaned maaned = Testdata.Maaned;
    private string? opplysningspliktig = Testdata.Opplysningspliktig;
    private string meldingsId = "melding-1";
    private string? erstatter;

    public LeveranseBygger Maaned(int aar, int maaned)
    {
        this.maaned = new Kalendermaaned(aar, maaned);
        return this;
    }

    public LeveranseBygger Opplysningspliktig(string? ident)
    {
        opplysningspliktig = ident;
        return this;
    }

    public LeveranseBygger MeldingsId(string id)
    {
        meldingsId = id;
        return this;
    }

    public LeveranseBygger Erstatter(string id)
    {
        erstatter = id;
        return this;
    }

    /// <summary>Starts a new virksomhet; persons added after it belong to it.</summary>
    public LeveranseBygger Virksomhet(string? orgnr)
    {
        virksomheter.Add((orgnr, []));
        return this;
    }

    /// <summary>Adds a person with a norskIdentifikator to the current virksomhet (the default one if none is started).</summary>
    public LeveranseBygger Person(string ident, params Arbeidsforhold[] arbeidsforhold) =>
        Mottaker(new Inntektsmottaker { NorskIdentifikator = ident, Arbeidsforhold = arbeidsforhold });

    public LeveranseBygger Mottaker(Inntektsmottaker mottaker)
    {
        if (virksomheter.Count == 0)
        {
            Virksomhet(Testdata.Virksomhet);
        }

        virksomheter[^1].Mottakere.Add(mottaker);
        return this;
    }

    public Leveranse Bygg() => new()
    {
        Leveringstidspunkt = new DateTimeOffset(maaned.LeggTil(1).FoersteDag.ToDateTime(new TimeOnly(9, 15)), TimeSpan.Zero),
        Kalendermaaned = maaned,
        Kildesystem = "Testlønn 1.0",
        MeldingsId = meldingsId,
        ErstatterMeldingsId = erstatter,
        Opplysningspliktig = opplysningspliktig,
        Virksomheter = [.. virksomheter.Select(v => new Virksomhet { NorskIdentifikator = v.Orgnr, Inntektsmottakere = [.. v.Mottakere] })],
    };
}
