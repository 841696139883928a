using System.Globalization;
using Aareg.Domain.AMelding;
using Aareg.Domain.Identer;
using Aareg.Domain.Tid;

namespace Aareg.Domain.Kontroller;

/// <summary>The kinds of <c>typeArbeidsforhold</c> the rules distinguish (DOMAIN §8, Arbeidsforholdtyper).</summary>
public enum Arbeidsforholdkategori
{
    /// <summary>Missing or not a known type (F282 reports an unknown code).</summary>
    Ukjent,
    Ordinaert,
    Maritimt,
    Forenklet,
    Frilanser,

    /// <summary><c>pensjonOgAndreTyperYtelserUtenAnsettelsesforhold</c>: in the a-melding, but not an arbeidsforhold.</summary>
    PensjonOgYtelser,
}

/// <summary>
/// The state of one control run over one melding: where the walk is, what is known about the current node, and the
/// avvik found so far. Rule hooks read the current position from here and report through <see cref="Rapporter"/>.
/// Paths are only built when an avvik is reported, and the avvik list only when the first one is, so a clean melding
/// allocates almost nothing beyond the previous month's index (PERFORMANCE: every melding passes through here).
/// </summary>
public sealed class Kontrollrunde
{
    private readonly Forrigemaanedsindeks? forrigeIndeks;
    private List<Avvik>? avvik;
    private Kontrollregel regel = null!;
    private int virksomhetIndeks = -1;
    private int mottakerIndeks = -1;
    private int arbeidsforholdIndeks = -1;
    private Dictionary<(string Virksomhet, string Person), (int Virksomhet, int Mottaker)>? mottakerPosisjoner;

    internal Kontrollrunde(Leveranse leveranse, KontrollKontekst kontekst)
    {
        Leveranse = leveranse;
        Kontekst = kontekst;

        // A missing kalendermaaned is a schema error (104, reported by the reader); the code lists of the current
        // month are then the best guess for the remaining checks.
        Maaned = leveranse.Kalendermaaned ?? Kalendermaaned.Fra(kontekst.Idag);
        Gyldighetsdato = Maaned.FoersteDag;
        OpplysningspliktigOrgnr = Organisasjonsnummer.TryParse(leveranse.Opplysningspliktig, out var orgnr) ? orgnr.Verdi : null;
        Enhetsregister = kontekst.Enhetsregister is { ErLastet: true } register ? register : null;
        forrigeIndeks = Forrigemaanedsindeks.Bygg(kontekst.ForrigeMaaned);
    }

    public Leveranse Leveranse { get; }

    public KontrollKontekst Kontekst { get; }

    /// <summary>The melding's kalendermåned (today's month when it is missing).</summary>
    public Kalendermaaned Maaned { get; }

    /// <summary>The date codes are checked on: the first day of <see cref="Maaned"/> (DOMAIN §8).</summary>
    public DateOnly Gyldighetsdato { get; }

    /// <summary>The opplysningspliktig's orgnr when it is a valid one; null for a person or an invalid value.</summary>
    public string? OpplysningspliktigOrgnr { get; }

    /// <summary>Enhetsregisteret when it is loaded, else null.</summary>
    public IEnhetsregisterOppslag? Enhetsregister { get; }

    /// <summary>The virksomhet being walked (null at leveranse level).</summary>
    public Virksomhet? Virksomhet { get; private set; }

    /// <summary>The inntektsmottaker being walked.</summary>
    public Inntektsmottaker? Inntektsmottaker { get; private set; }

    /// <summary>The kind of the arbeidsforhold being walked.</summary>
    public Arbeidsforholdkategori Kategori { get; private set; }

    /// <summary>
    /// The same arbeidsforhold (virksomhet, person, arbeidsforholdId) as reported last month, when
    /// <see cref="KontrollKontekst.ForrigeMaaned"/> is known and it was reported there.
    /// </summary>
    public Arbeidsforhold? ForrigeMaanedsArbeidsforhold { get; private set; }

    internal Forrigemaanedsindeks? ForrigeIndeks => forrigeIndeks;

    /// <summary>Reports an avvik of the running rule at the current node, or at <paramref name="felt"/> below it.</summary>
    /// <param name="felt">Path below the current node (<c>yrke</c>, <c>permisjon[1]/beskrivelse</c>), null for the node.</param>
    /// <param name="verdi">The offending value; a person ident only through <see cref="Avvik.Maskert"/>.</param>
    public void Rapporter(string melding, string? felt, string? verdi) =>
        RapporterMedSti(melding, Sti(felt), verdi);

    /// <summary>True when the code is in the list and valid in the melding's month.</summary>
    public bool ErGyldigKode(string kodeverk, string kode) => Kontekst.Kodeverk.ErGyldig(kodeverk, kode, Gyldighetsdato);

    /// <summary>The path of the current node (relative to oppgave), with <paramref name="felt"/> appended.</summary>
    public string? Sti(string? felt)
    {
        string node;
        if (arbeidsforholdIndeks >= 0)
        {
            node = string.Create(CultureInfo.InvariantCulture, $"virksomhet[{virksomhetIndeks}]/inntektsmottaker[{mottakerIndeks}]/arbeidsforhold[{arbeidsforholdIndeks}]");
        }
        else if (mottakerIndeks >= 0)
        {
            node = string.Create(CultureInfo.InvariantCulture, $"virksomhet[{virksomhetIndeks}]/inntektsmottaker[{mottakerIndeks}]");
        }
        else if (virksomhetIndeks >= 0)
        {
            node = string.Create(CultureInfo.InvariantCulture, $"virksomhet[{virksomhetIndeks}]");
        }
        else
        {
            return felt;
        }

        return felt is null ? node : string.Concat(node, "/", felt);
    }

    internal void RapporterMedSti(string melding, string? sti, string? verdi) =>
        (avvik ??= []).Add(new Avvik(regel.Id, regel.Alvorlighetsgrad, melding, sti, verdi));

    /// <summary>
    /// The path of a person (or failing that the virksomhet) in this melding, for avvik about something that is missing
    /// from it (108). The index is built on first use only, so meldinger without such avvik never pay for it.
    /// </summary>
    internal string? StiTilMottaker(string virksomhet, string person)
    {
        if (mottakerPosisjoner is null)
        {
            mottakerPosisjoner = [];
            var virksomheter = Leveranse.Virksomheter;
            for (var v = 0; v < virksomheter.Count; v++)
            {
                var orgnr = virksomheter[v].NorskIdentifikator ?? string.Empty;
                mottakerPosisjoner.TryAdd((orgnr, string.Empty), (v, -1));
                var mottakere = virksomheter[v].Inntektsmottakere;
                for (var i = 0; i < mottakere.Count; i++)
                {
                    mottakerPosisjoner.TryAdd((orgnr, Forrigemaanedsindeks.Personnoekkel(mottakere[i])), (v, i));
                }
            }
        }

        if (mottakerPosisjoner.TryGetValue((virksomhet, person), out var posisjon))
        {
            return string.Create(CultureInfo.InvariantCulture, $"virksomhet[{posisjon.Virksomhet}]/inntektsmottaker[{posisjon.Mottaker}]");
        }

        return mottakerPosisjoner.TryGetValue((virksomhet, string.Empty), out posisjon)
            ? string.Create(CultureInfo.InvariantCulture, $"virksomhet[{posisjon.Virksomhet}]")
            : null;
    }

    /// <summary>The single pass over the tree: every rule's hook runs at its level, in catalogue order.</summary>
    internal IReadOnlyList<Avvik> Gjennomfoer(Regelsett regler)
    {
        Kjoer(regler.Leveranse);

        var virksomheter = Leveranse.Virksomheter;
        for (var v = 0; v < virksomheter.Count; v++)
        {
            var virksomhet = virksomheter[v];
            Virksomhet = virksomhet;
            virksomhetIndeks = v;
            mottakerIndeks = -1;
            arbeidsforholdIndeks = -1;
            Inntektsmottaker = null;
            Kjoer(regler.Virksomhet, virksomhet);

            var orgnr = virksomhet.NorskIdentifikator ?? string.Empty;
            var mottakere = virksomhet.Inntektsmottakere;
            for (var i = 0; i < mottakere.Count; i++)
            {
                var mottaker = mottakere[i];
                Inntektsmottaker = mottaker;
                mottakerIndeks = i;
                arbeidsforholdIndeks = -1;
                Kjoer(regler.Inntektsmottaker, mottaker);

                var person = forrigeIndeks is null ? null : Forrigemaanedsindeks.Personnoekkel(mottaker);
                var arbeidsforhold = mottaker.Arbeidsforhold;
                for (var a = 0; a < arbeidsforhold.Count; a++)
                {
                    var forhold = arbeidsforhold[a];
                    arbeidsforholdIndeks = a;
                    Kategori = Kategoriser(forhold.TypeArbeidsforhold);
                    ForrigeMaanedsArbeidsforhold = person is null
                        ? null
                        : forrigeIndeks!.FinnOgMarker(orgnr, person, forhold.ArbeidsforholdId);
                    Kjoer(regler.Arbeidsforhold, forhold);
                }
            }
        }

        Virksomhet = null;
        Inntektsmottaker = null;
        ForrigeMaanedsArbeidsforhold = null;
        virksomhetIndeks = -1;
        mottakerIndeks = -1;
        arbeidsforholdIndeks = -1;
        Kjoer(regler.Slutt);

        return avvik is null ? [] : avvik;
    }

    public static Arbeidsforholdkategori Kategoriser(string? typeArbeidsforhold) => typeArbeidsforhold switch
    {
        "ordinaertArbeidsforhold" => Arbeidsforholdkategori.Ordinaert,
        "maritimtArbeidsforhold" => Arbeidsforholdkategori.Maritimt,
        "forenkletOppgjoersordning" => Arbeidsforholdkategori.Forenklet,
        "frilanserOppdragstakerHonorarPersonerMm" => Arbeidsforholdkategori.Frilanser,
        "pensjonOgAndreTyperYtelserUtenAnsettelsesforhold" => Arbeidsforholdkategori.PensjonOgYtelser,
        _ => Arbeidsforholdkategori.Ukjent,
    };

    private void Kjoer(Regelsett.Krok<Action<Kontrollrunde>>[] kroker)
    {
        foreach (var krok in kroker)
        {
            regel = krok.Regel;
            krok.Kontroll(this);
        }
    }

    private void Kjoer<TNode>(Regelsett.Krok<Action<Kontrollrunde, TNode>>[] kroker, TNode node)
    {
        foreach (var krok in kroker)
        {
            regel = krok.Regel;
            krok.Kontroll(this, node);
        }
    }
}

/// <summary>The catalogue split by level once, so the walk calls only the hooks that exist.</summary>
internal sealed class Regelsett
{
    public Regelsett(IReadOnlyList<Kontrollregel> regler)
    {
        Leveranse = Velg(regler, r => r.Leveransekontroll);
        Virksomhet = Velg(regler, r => r.Virksomhetskontroll);
        Inntektsmottaker = Velg(regler, r => r.Inntektsmottakerkontroll);
        Arbeidsforhold = Velg(regler, r => r.Arbeidsforholdkontroll);
        Slutt = Velg(regler, r => r.Sluttkontroll);
    }

    public Krok<Action<Kontrollrunde>>[] Leveranse { get; }

    public Krok<Action<Kontrollrunde, Virksomhet>>[] Virksomhet { get; }

    public Krok<Action<Kontrollrunde, Inntektsmottaker>>[] Inntektsmottaker { get; }

    public Krok<Action<Kontrollrunde, Arbeidsforhold>>[] Arbeidsforhold { get; }

    public Krok<Action<Kontrollrunde>>[] Slutt { get; }

    private static Krok<T>[] Velg<T>(IReadOnlyList<Kontrollregel> regler, Func<Kontrollregel, T?> krok)
        where T : Delegate
    {
        var valgt = new List<Krok<T>>();
        foreach (var regel in regler)
        {
            if (krok(regel) is { } kontroll)
            {
                valgt.Add(new Krok<T>(regel, kontroll));
            }
        }

        return [.. valgt];
    }

    internal readonly record struct Krok<T>(Kontrollregel Regel, T Kontroll);
}
