using Aareg.Domain.AMelding;
using Aareg.Domain.Register;
using Aareg.Domain.Tid;
using AfRapport = Aareg.Domain.AMelding.Arbeidsforhold;

namespace Aareg.Domain.Tests.Register;

/// <summary>Test data: valid identifiers from DOMAIN §2's vectors (no real persons).</summary>
internal static class Testdata
{
    public const string Opplysningspliktig = "893786570";
    public const string Virk1 = "954323196";
    public const string Virk2 = "987574917";
    public const string Person = "02029404855";
    public const string Person2 = "12106346508";
    public const string Dnr = "67106748532";

    public static readonly DateOnly Start = new(2020, 1, 15);

    public static Kalendermaaned M(string tekst) => Kalendermaaned.Parse(tekst);

    /// <summary>A complete ordinary arbeidsforhold as payroll systems report it.</summary>
    public static AfRapport Ordinaert(string? id) => new()
    {
        ArbeidsforholdId = id,
        TypeArbeidsforhold = Arbeidsforholdtype.Ordinaert,
        Startdato = Start,
        Yrke = "5132121",
        Arbeidstidsordning = "ikkeSkift",
        FormForAnsettelse = "fast",
        Stillingsprosent = 100m,
        AntallTimerPerUkeSomEnFullStillingTilsvarer = 37.5m,
    };

    public static Maanedsinnhold Maaned(string maaned, params Leveranse[] meldinger) => new(M(maaned), meldinger);
}

/// <summary>Fluent builder of a parsed a-melding.</summary>
internal sealed class LeveranseBygger
{
    private readonly List<Virksomhet> virksomheter = [];
    private readonly string maaned;
    private string meldingsId;
    private string opplysningspliktig = Testdata.Opplysningspliktig;
    private string? erstatter;

    private LeveranseBygger(string maaned, string meldingsId)
    {
        this.maaned = maaned;
        this.meldingsId = meldingsId;
    }

    public static LeveranseBygger For(string maaned, string? meldingsId = null) => new(maaned, meldingsId ?? "m-" + maaned);

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

    public LeveranseBygger Opplysningspliktig(string orgnr)
    {
        opplysningspliktig = orgnr;
        return this;
    }

    public LeveranseBygger Virksomhet(string orgnr, Action<VirksomhetBygger> bygg)
    {
        var v = new VirksomhetBygger();
        bygg(v);
        virksomheter.Add(new Virksomhet { NorskIdentifikator = orgnr, Inntektsmottakere = v.Mottakere });
        return this;
    }

    /// <summary>One person with one arbeidsforhold in the default virksomhet.</summary>
    public LeveranseBygger Arbeidsforhold(string person, AfRapport af) =>
        Virksomhet(Testdata.Virk1, v => v.Person(person, p => p.Arbeidsforhold(af)));

    public Leveranse Bygg() => new()
    {
        Kalendermaaned = Kalendermaaned.Parse(maaned),
        MeldingsId = meldingsId,
        ErstatterMeldingsId = erstatter,
        Opplysningspliktig = opplysningspliktig,
        Virksomheter = [.. virksomheter],
    };

    public static implicit operator Leveranse(LeveranseBygger bygger) => bygger.Bygg();
}

internal sealed class VirksomhetBygger
{
    public List<Inntektsmottaker> Mottakere { get; } = [];

    public VirksomhetBygger Person(string ident, Action<MottakerBygger> bygg)
    {
        var m = new MottakerBygger();
        bygg(m);
        Mottakere.Add(new Inntektsmottaker { NorskIdentifikator = ident, Arbeidsforhold = [.. m.Rapporterte], Inntekter = [.. m.Inntekter] });
        return this;
    }

    public VirksomhetBygger UtenlandskPerson(string identifikator, Action<MottakerBygger> bygg)
    {
        var m = new MottakerBygger();
        bygg(m);
        Mottakere.Add(new Inntektsmottaker
        {
            InternasjonaleIdentifikatorer = [new InternasjonalIdentifikator(identifikator, "passnummer", "SE")],
            IdentifiserendeInformasjon = new IdentifiserendeInformasjon("Navn Navnesen", new DateOnly(1980, 1, 1), null),
            Arbeidsforhold = [.. m.Rapporterte],
            Inntekter = [.. m.Inntekter],
        });
        return this;
    }
}

internal sealed class MottakerBygger
{
    public List<AfRapport> Rapporterte { get; } = [];

    public List<Inntekt> Inntekter { get; } = [];

    public MottakerBygger Arbeidsforhold(AfRapport af)
    {
        Rapporterte.Add(af);
        return this;
    }

    public MottakerBygger Timeloenn(string? arbeidsforholdId, decimal antall, DateOnly? start = null, DateOnly? slutt = null)
    {
        Inntekter.Add(new Inntekt
        {
            ArbeidsforholdId = arbeidsforholdId,
            Art = Inntektsart.Loennsinntekt,
            Beskrivelse = "timeloenn",
            Antall = antall,
            Beloep = antall * 250m,
            Fordel = "kontantytelse",
            StartdatoOpptjeningsperiode = start,
            SluttdatoOpptjeningsperiode = slutt,
        });
        return this;
    }

    public MottakerBygger Loenn(string? arbeidsforholdId, string? opptjeningsland = null, DateOnly? start = null, DateOnly? slutt = null)
    {
        Inntekter.Add(new Inntekt
        {
            ArbeidsforholdId = arbeidsforholdId,
            Art = Inntektsart.Loennsinntekt,
            Beskrivelse = "fastloenn",
            Beloep = 40000m,
            Fordel = "kontantytelse",
            Opptjeningsland = opptjeningsland,
            StartdatoOpptjeningsperiode = start,
            SluttdatoOpptjeningsperiode = slutt,
        });
        return this;
    }
}

/// <summary>Runs the engine like the store does: deterministic ids, fixed clock per run, state carried between runs.</summary>
internal sealed class Registerkjoering
{
    private long nesteId = 1000;
    private int nesteUuid = 1;

    public Registerkjoering(string opplysningspliktig = Testdata.Opplysningspliktig) => Tilstand = OpplysningspliktigTilstand.Tom(opplysningspliktig);

    public OpplysningspliktigTilstand Tilstand { get; private set; }

    public Func<string, string> Personident { get; set; } = static i => i;

    public static DateTimeOffset Tid(int dag) => new(2024, 6, dag, 12, 0, 0, TimeSpan.FromHours(2));

    public AvledningsKontekst Kontekst(DateTimeOffset tidspunkt, string? meldingsId) => new()
    {
        Tidspunkt = tidspunkt,
        MeldingsId = meldingsId,
        NyNavArbeidsforholdId = () => nesteId++,
        NyNavUuid = () => new Guid(nesteUuid++, 0, 0, new byte[8]),
        Personident = Personident,
    };

    public AvledningsResultat Avled(IReadOnlyList<Maanedsinnhold> maaneder, DateTimeOffset tidspunkt, string? meldingsId = null) =>
        Avled(maaneder, Kontekst(tidspunkt, meldingsId));

    public AvledningsResultat Avled(IReadOnlyList<Maanedsinnhold> maaneder, AvledningsKontekst kontekst)
    {
        var resultat = Avleder.Avled(Tilstand, maaneder, kontekst);
        Tilstand = resultat.Tilstand;
        return resultat;
    }
}
