using System.Globalization;
using Aareg.Domain.AMelding;
using Aareg.Domain.Tid;

namespace Aareg.Domain.Kontroller;

/// <summary>
/// The previous month's arbeidsforhold of the opplysningspliktig, keyed by (virksomhet, person, arbeidsforholdId),
/// built once per control run for rules 108, 276 and 518. The walk marks every key it meets, so 108 afterwards only
/// has to look at what is left unmarked.
/// </summary>
internal sealed class Forrigemaanedsindeks
{
    private readonly Dictionary<Noekkel, TidligereArbeidsforhold> forhold;

    private Forrigemaanedsindeks(Dictionary<Noekkel, TidligereArbeidsforhold> forhold) => this.forhold = forhold;

    public Dictionary<Noekkel, TidligereArbeidsforhold>.ValueCollection Alle => forhold.Values;

    public static Forrigemaanedsindeks? Bygg(IReadOnlyList<Leveranse>? leveranser)
    {
        if (leveranser is null || leveranser.Count == 0)
        {
            return null;
        }

        var forhold = new Dictionary<Noekkel, TidligereArbeidsforhold>(Antall(leveranser));
        // Index loops, not foreach: these lists are interfaces, and their enumerators would be boxed per node.
        for (var l = 0; l < leveranser.Count; l++)
        {
            var maaned = leveranser[l].Kalendermaaned;
            var virksomheter = leveranser[l].Virksomheter;
            for (var v = 0; v < virksomheter.Count; v++)
            {
                var orgnr = virksomheter[v].NorskIdentifikator ?? string.Empty;
                var mottakere = virksomheter[v].Inntektsmottakere;
                for (var i = 0; i < mottakere.Count; i++)
                {
                    var person = Personnoekkel(mottakere[i]);
                    var alle = mottakere[i].Arbeidsforhold;
                    for (var a = 0; a < alle.Count; a++)
                    {
                        var arbeidsforhold = alle[a];

                        // Two id-less arbeidsforhold of one person in one virksomhet share a key; the first one stands
                        // for both, which is all 108/276/518 can do without an id to tell them apart.
                        var noekkel = new Noekkel(orgnr, person, arbeidsforhold.ArbeidsforholdId ?? string.Empty);
                        forhold.TryAdd(noekkel, new TidligereArbeidsforhold(orgnr, person, arbeidsforhold, maaned));
                    }
                }
            }
        }

        return new Forrigemaanedsindeks(forhold);
    }

    /// <summary>Last month's version of this arbeidsforhold, marking it as reported this month.</summary>
    public Arbeidsforhold? FinnOgMarker(string virksomhet, string person, string? arbeidsforholdId)
    {
        if (!forhold.TryGetValue(new Noekkel(virksomhet, person, arbeidsforholdId ?? string.Empty), out var tidligere))
        {
            return null;
        }

        tidligere.RapportertDenneMaaneden = true;
        return tidligere.Arbeidsforhold;
    }

    /// <summary>Marks what the month's other meldinger report, leaving out the ones that do not count.</summary>
    public void MarkerRapportert(IReadOnlyList<Leveranse> leveranser, string? utenMeldingsId, string? ogUtenMeldingsId)
    {
        for (var l = 0; l < leveranser.Count; l++)
        {
            var leveranse = leveranser[l];
            if (leveranse.MeldingsId is { } id && (id == utenMeldingsId || id == ogUtenMeldingsId))
            {
                continue;
            }

            var virksomheter = leveranse.Virksomheter;
            for (var v = 0; v < virksomheter.Count; v++)
            {
                var orgnr = virksomheter[v].NorskIdentifikator ?? string.Empty;
                var mottakere = virksomheter[v].Inntektsmottakere;
                for (var i = 0; i < mottakere.Count; i++)
                {
                    var person = Personnoekkel(mottakere[i]);
                    var alle = mottakere[i].Arbeidsforhold;
                    for (var a = 0; a < alle.Count; a++)
                    {
                        FinnOgMarker(orgnr, person, alle[a].ArbeidsforholdId);
                    }
                }
            }
        }
    }

    /// <summary>
    /// Who the inntektsmottaker is, as a key: the norskIdentifikator, else the first international identifier,
    /// else name and birth date (DOMAIN §4: a person without a Norwegian ident is identified by those).
    /// </summary>
    public static string Personnoekkel(Inntektsmottaker mottaker)
    {
        if (!string.IsNullOrEmpty(mottaker.NorskIdentifikator))
        {
            return mottaker.NorskIdentifikator;
        }

        if (mottaker.InternasjonaleIdentifikatorer.Count > 0 && mottaker.InternasjonaleIdentifikatorer[0] is { Identifikator: { Length: > 0 } identifikator } intl)
        {
            return string.Concat(intl.Land, ":", identifikator);
        }

        return mottaker.IdentifiserendeInformasjon is { } info
            ? string.Concat(info.Navn, "|", info.Foedselsdato?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            : string.Empty;
    }

    private static int Antall(IReadOnlyList<Leveranse> leveranser)
    {
        var antall = 0;
        for (var l = 0; l < leveranser.Count; l++)
        {
            var virksomheter = leveranser[l].Virksomheter;
            for (var v = 0; v < virksomheter.Count; v++)
            {
                var mottakere = virksomheter[v].Inntektsmottakere;
                for (var i = 0; i < mottakere.Count; i++)
                {
                    antall += mottakere[i].Arbeidsforhold.Count;
                }
            }
        }

        return antall;
    }

    internal readonly record struct Noekkel(string Virksomhet, string Person, string ArbeidsforholdId);
}

/// <summary>One arbeidsforhold of last month, and whether this month reports it.</summary>
internal sealed class TidligereArbeidsforhold(string virksomhet, string person, Arbeidsforhold arbeidsforhold, Kalendermaaned? maaned)
{
    /// <summary>The month of the melding that reported it.</summary>
    public Kalendermaaned? Maaned { get; } = maaned;

    public string Virksomhet { get; } = virksomhet;

    public string Person { get; } = person;

    public Arbeidsforhold Arbeidsforhold { get; } = arbeidsforhold;

    public bool RapportertDenneMaaneden { get; set; }
}
