using Aareg.Domain.Tid;
using AMelding = Aareg.Domain.AMelding;

namespace Aareg.Domain.Register;

/// <summary>
/// The month-by-month part of the derivation (DOMAIN §6): walks one opplysningspliktig's months in order and keeps a
/// mutable working state keyed by the arbeidsforhold key. Produces the derived arbeidsforhold without the register's
/// ids; <see cref="Avleder"/> matches them with the stored state. Everything is keyed by dictionaries so one month
/// costs time linear in its size; only new keys are sorted (for a split-independent order of creation and matching).
/// </summary>
internal sealed class Avledningsmotor
{
    private const string Timeloenn = "timeloenn";
    private const string Permittering = "permittering";
    private const string Norge = "NO";

    // Id-change matching (DOMAIN §6 rule 1): the same startdato is enough on its own; otherwise a startdato within a
    // month plus two of yrke, stillingsprosent and arbeidstidsordning. Candidates are ranked by score.
    private const int PoengSammeStartdato = 4;
    private const int PoengNaerStartdato = 2;
    private const int NaerStartdatoDager = 31;
    private const int TerskelIdEndring = 4;

    /// <summary>DOMAIN §6: open arbeidsforhold not reported for three months are closed (IBKAOR).</summary>
    private const int MaanederUtenRapportFoerLukking = 3;

    private readonly string opplysningspliktig;
    private readonly AvledningsKontekst kontekst;
    private readonly Sporingsinformasjon sporingEdag;
    private readonly Sporingsinformasjon sporingAareg;
    private readonly Dictionary<ArbeidsforholdNoekkel, Arbeid> etterNoekkel = [];
    private readonly Dictionary<(string Arbeidssted, string Arbeidstaker), List<Arbeid>> etterPerson = [];
    private readonly List<Arbeid> alle = [];
    private readonly List<int> rapporterteMaaneder = [];
    private Kalendermaaned? forrigeRapporterte;

    public Avledningsmotor(string opplysningspliktig, AvledningsKontekst kontekst)
    {
        this.opplysningspliktig = opplysningspliktig;
        this.kontekst = kontekst;
        sporingEdag = Sporingsinformasjon.Ny(kontekst.Tidspunkt, kontekst.UtfoertAv, Sporingskilde.Edag, kontekst.MeldingsId);
        sporingAareg = Sporingsinformasjon.Ny(kontekst.Tidspunkt, kontekst.UtfoertAv, Sporingskilde.Aareg, kontekst.MeldingsId);
    }

    public void Fremskriv(Maanedsinnhold innhold)
    {
        var maaned = innhold.Maaned;
        if (forrigeRapporterte is { } forrige && maaned <= forrige)
        {
            throw new ArgumentException("Månedene må komme i stigende rekkefølge uten duplikater.", nameof(innhold));
        }

        // A month without any virksomhet (no meldinger, or only null-outs) is a month the opplysningspliktig
        // did not report (DOMAIN §4.1): it changes nothing and does not count toward the closing rules.
        if (!innhold.Meldinger.Any(static l => l.Virksomheter.Count > 0))
        {
            return;
        }

        var rapporter = SamleRapporter(innhold);

        List<KeyValuePair<ArbeidsforholdNoekkel, Rapport>>? ukjente = null;
        foreach (var par in rapporter)
        {
            if (etterNoekkel.TryGetValue(par.Key, out var kjent))
            {
                Oppdater(kjent, par.Value, maaned);
            }
            else
            {
                (ukjente ??= []).Add(par);
            }
        }

        if (ukjente is not null)
        {
            // New keys in a fixed order, so that id allocation and id-change matching do not depend on how the
            // month was split into meldinger.
            ukjente.Sort(static (a, b) => Sammenlign(a.Key, b.Key));
            foreach (var (noekkel, rapport) in ukjente)
            {
                var arbeid = FinnIdEndring(noekkel, rapport);
                if (arbeid is not null)
                {
                    Omdoep(arbeid, noekkel, maaned);
                }
                else
                {
                    arbeid = Opprett(noekkel, rapport, maaned);
                }

                Oppdater(arbeid, rapport, maaned);
            }
        }

        rapporterteMaaneder.Add(maaned.Indeks);
        forrigeRapporterte = maaned;
    }

    /// <summary>Applies the closing rules at <paramref name="horisont"/> and returns the derived arbeidsforhold.</summary>
    public List<AvledetArbeidsforhold> Avslutt(Kalendermaaned? horisont)
    {
        var resultat = new List<AvledetArbeidsforhold>(alle.Count);
        foreach (var arbeid in alle)
        {
            LukkUrapporterte(arbeid, horisont);
            LukkVedOpphoer(arbeid);
            resultat.Add(new AvledetArbeidsforhold(Bygg(arbeid), arbeid.BekreftetAvUtloeser));
        }

        return resultat;
    }

    private Dictionary<ArbeidsforholdNoekkel, Rapport> SamleRapporter(Maanedsinnhold innhold)
    {
        var rapporter = new Dictionary<ArbeidsforholdNoekkel, Rapport>();

        // Pass 1: the arbeidsforhold. The same key twice in a month (two meldinger): the later report wins.
        foreach (var melding in innhold.Meldinger)
        {
            var fraUtloeser = kontekst.MeldingsId is not null && melding.MeldingsId == kontekst.MeldingsId;
            foreach (var virksomhet in melding.Virksomheter)
            {
                if (string.IsNullOrEmpty(virksomhet.NorskIdentifikator))
                {
                    continue;
                }

                foreach (var mottaker in virksomhet.Inntektsmottakere)
                {
                    var person = Person(mottaker);
                    if (person is null)
                    {
                        continue;
                    }

                    foreach (var af in mottaker.Arbeidsforhold)
                    {
                        if (Arbeidsforholdtype.Detaljertype(af.TypeArbeidsforhold) is null)
                        {
                            continue;
                        }

                        var noekkel = new ArbeidsforholdNoekkel(opplysningspliktig, virksomhet.NorskIdentifikator, person, Id(af.ArbeidsforholdId));
                        if (rapporter.TryGetValue(noekkel, out var rapport))
                        {
                            rapport.Arbeidsforhold = af;
                            rapport.FraUtloeser |= fraUtloeser;
                        }
                        else
                        {
                            rapporter.Add(noekkel, new Rapport(af, fraUtloeser));
                        }
                    }
                }
            }
        }

        // Pass 2: income lines linked to a reported arbeidsforhold give hours (timeloenn) and work abroad (§6 5–6).
        // Summed over all meldinger of the month, so a month split over several meldinger gives the same entries.
        foreach (var melding in innhold.Meldinger)
        {
            foreach (var virksomhet in melding.Virksomheter)
            {
                if (string.IsNullOrEmpty(virksomhet.NorskIdentifikator))
                {
                    continue;
                }

                foreach (var mottaker in virksomhet.Inntektsmottakere)
                {
                    if (mottaker.Inntekter.Count == 0)
                    {
                        continue;
                    }

                    var person = Person(mottaker);
                    if (person is null)
                    {
                        continue;
                    }

                    foreach (var inntekt in mottaker.Inntekter)
                    {
                        var erTimer = inntekt.Antall is not null && string.Equals(inntekt.Beskrivelse, Timeloenn, StringComparison.Ordinal);
                        var land = Utland(inntekt.Opptjeningsland);
                        if (!erTimer && land is null)
                        {
                            continue;
                        }

                        var rapport = Mottaker(rapporter, virksomhet.NorskIdentifikator, person, mottaker, inntekt);
                        if (rapport is null)
                        {
                            continue;
                        }

                        if (erTimer)
                        {
                            rapport.LeggTilTimer(inntekt);
                        }

                        if (land is not null)
                        {
                            rapport.LeggTilUtland(land, inntekt);
                        }
                    }
                }
            }
        }

        return rapporter;
    }

    /// <summary>
    /// The arbeidsforhold an income line belongs to: the one with the line's arbeidsforholdId; a line without id
    /// belongs to the person's only arbeidsforhold in the virksomhet, if there is exactly one.
    /// </summary>
    private Rapport? Mottaker(
        Dictionary<ArbeidsforholdNoekkel, Rapport> rapporter,
        string virksomhet,
        string person,
        AMelding.Inntektsmottaker mottaker,
        AMelding.Inntekt inntekt)
    {
        var id = Id(inntekt.ArbeidsforholdId);
        if (rapporter.TryGetValue(new ArbeidsforholdNoekkel(opplysningspliktig, virksomhet, person, id), out var rapport))
        {
            return rapport;
        }

        if (id is not null)
        {
            return null;
        }

        AMelding.Arbeidsforhold? eneste = null;
        foreach (var af in mottaker.Arbeidsforhold)
        {
            if (Arbeidsforholdtype.Detaljertype(af.TypeArbeidsforhold) is null)
            {
                continue;
            }

            if (eneste is not null)
            {
                return null;
            }

            eneste = af;
        }

        return eneste is null
            ? null
            : rapporter.GetValueOrDefault(new ArbeidsforholdNoekkel(opplysningspliktig, virksomhet, person, Id(eneste.ArbeidsforholdId)));
    }

    /// <summary>
    /// DOMAIN §6 rule 1: an unknown key may be a known arbeidsforhold under a new id. Candidates: same virksomhet,
    /// person and type, reported in the opplysningspliktig's previous reported month and not in this one.
    /// </summary>
    private Arbeid? FinnIdEndring(ArbeidsforholdNoekkel noekkel, Rapport rapport)
    {
        if (forrigeRapporterte is not { } forrige
            || !etterPerson.TryGetValue((noekkel.Arbeidssted, noekkel.Arbeidstaker), out var kandidater))
        {
            return null;
        }

        Arbeid? best = null;
        var bestPoeng = TerskelIdEndring - 1;
        foreach (var kandidat in kandidater)
        {
            // SistRapportert == forrige also excludes everything already reported (or matched) this month.
            if (kandidat.SistRapportert != forrige || kandidat.Type != rapport.Arbeidsforhold.TypeArbeidsforhold)
            {
                continue;
            }

            var poeng = Likhet(kandidat, rapport.Arbeidsforhold);
            if (poeng > bestPoeng)
            {
                best = kandidat;
                bestPoeng = poeng;
            }
        }

        return best;
    }

    private static int Likhet(Arbeid kandidat, AMelding.Arbeidsforhold af)
    {
        var poeng = 0;
        if (af.Startdato is { } start)
        {
            var avstand = Math.Abs(start.DayNumber - kandidat.Startdato.DayNumber);
            poeng += avstand == 0 ? PoengSammeStartdato : avstand <= NaerStartdatoDager ? PoengNaerStartdato : 0;
        }

        var detaljer = kandidat.Detaljer[^1];
        poeng += af.Yrke is not null && af.Yrke == detaljer.Yrke ? 1 : 0;
        poeng += af.Stillingsprosent is not null && af.Stillingsprosent == detaljer.AvtaltStillingsprosent ? 1 : 0;
        poeng += af.Arbeidstidsordning is not null && af.Arbeidstidsordning == detaljer.Arbeidstidsordning ? 1 : 0;
        return poeng;
    }

    private void Omdoep(Arbeid arbeid, ArbeidsforholdNoekkel nyNoekkel, Kalendermaaned maaned)
    {
        arbeid.IdHistorikk.Add(new IdHistorikk(arbeid.Noekkel.ArbeidsforholdId, arbeid.IdBruktFra, arbeid.SistRapportert));
        etterNoekkel.Remove(arbeid.Noekkel);
        arbeid.Noekkel = nyNoekkel;
        arbeid.IdBruktFra = maaned;
        etterNoekkel.Add(nyNoekkel, arbeid);
    }

    private Arbeid Opprett(ArbeidsforholdNoekkel noekkel, Rapport rapport, Kalendermaaned maaned)
    {
        var arbeid = new Arbeid(noekkel, rapport.Arbeidsforhold.TypeArbeidsforhold!, maaned);
        etterNoekkel.Add(noekkel, arbeid);
        var personNoekkel = (noekkel.Arbeidssted, noekkel.Arbeidstaker);
        if (!etterPerson.TryGetValue(personNoekkel, out var liste))
        {
            liste = [];
            etterPerson.Add(personNoekkel, liste);
        }

        liste.Add(arbeid);
        alle.Add(arbeid);
        return arbeid;
    }

    private void Oppdater(Arbeid arbeid, Rapport rapport, Kalendermaaned maaned)
    {
        var af = rapport.Arbeidsforhold;
        var forrigeMaaned = arbeid.ErNy ? (Kalendermaaned?)null : arbeid.SistRapportert;
        arbeid.Type = af.TypeArbeidsforhold!;

        // Rule 2: the ansettelsesperiode is what was reported. A missing startdato (a control flags it) keeps the
        // one known, or else the first day of the first month it was reported.
        arbeid.Startdato = af.Startdato ?? (arbeid.ErNy ? maaned.FoersteDag : arbeid.Startdato);
        arbeid.Sluttdato = af.Sluttdato;
        arbeid.Sluttaarsak = af.AarsakTilSluttdato;
        arbeid.Periodevarsling = null;

        // Rule 3: a new version of the details only when they changed; the old one ends with the previous reported month.
        var detaljer = arbeid.Detaljer;
        if (detaljer.Count == 0)
        {
            detaljer.Add(Detaljer(af, maaned));
        }
        else if (!SammeDetaljer(detaljer[^1], af))
        {
            var gjeldende = detaljer[^1];
            detaljer[^1] = gjeldende with { Rapporteringsmaaneder = gjeldende.Rapporteringsmaaneder with { Til = forrigeMaaned } };
            detaljer.Add(Detaljer(af, maaned));
        }

        // Rule 4: permisjoner and permitteringer (both a-melding forms of a layoff go to permitteringer).
        if (af.Permisjoner.Count > 0 || af.Permitteringer.Count > 0 || arbeid.Permisjoner.Count > 0 || arbeid.Permitteringer.Count > 0)
        {
            OppdaterPermisjoner(arbeid, af, forrigeMaaned, maaned);
        }

        // Rules 5 and 6: at most one entry per month (per country), months come in order so appending keeps order.
        if (rapport.Timer is { } timer)
        {
            arbeid.Timer.Add(new TimerMedTimeloenn(timer.Antall, timer.Start, timer.Slutt, maaned, sporingEdag));
        }

        if (rapport.Utland is { } utland)
        {
            foreach (var (land, periode) in utland.OrderBy(static p => p.Key, StringComparer.Ordinal))
            {
                arbeid.Utland.Add(new Utenlandsopphold(land, periode.Start, periode.Slutt, maaned, sporingEdag));
            }
        }

        arbeid.SistRapportert = maaned;
        arbeid.ErNy = false;

        // Rule 7: only the latest month's report says who confirmed it last.
        arbeid.BekreftetAvUtloeser = rapport.FraUtloeser;
    }

    /// <summary>Rule 4: permisjoner and permitteringer; a layoff in either a-melding form is a permittering.</summary>
    private static void OppdaterPermisjoner(Arbeid arbeid, AMelding.Arbeidsforhold af, Kalendermaaned? forrigeMaaned, Kalendermaaned maaned)
    {
        var rapportertePermisjoner = new List<PermRapport>(af.Permisjoner.Count);
        var rapportertePermitteringer = new List<PermRapport>(af.Permitteringer.Count);
        foreach (var p in af.Permisjoner)
        {
            if (string.IsNullOrEmpty(p.PermisjonId) || string.IsNullOrEmpty(p.Beskrivelse))
            {
                continue;
            }

            var liste = p.Beskrivelse == Permittering ? rapportertePermitteringer : rapportertePermisjoner;
            liste.Add(new PermRapport(p.PermisjonId, p.Beskrivelse, p.Startdato, p.Sluttdato, p.Permisjonsprosent));
        }

        foreach (var p in af.Permitteringer)
        {
            if (!string.IsNullOrEmpty(p.PermitteringId))
            {
                rapportertePermitteringer.Add(new PermRapport(p.PermitteringId, Permittering, p.StartdatoPermittering, p.SluttdatoPermittering, p.Permitteringsprosent));
            }
        }

        arbeid.PermisjonIdEndret |= OppdaterPerm(arbeid.Permisjoner, rapportertePermisjoner, forrigeMaaned, maaned);
        arbeid.PermitteringIdEndret |= OppdaterPerm(arbeid.Permitteringer, rapportertePermitteringer, forrigeMaaned, maaned);
    }

    /// <summary>Upserts by id (DOMAIN §6 rule 4); true when a permisjon/permittering changed id (PPIDHI).</summary>
    private static bool OppdaterPerm(
        List<Perm> eksisterende,
        List<PermRapport> rapporterte,
        Kalendermaaned? forrigeMaaned,
        Kalendermaaned maaned)
    {
        var idEndret = false;
        if (eksisterende.Count == 0 && rapporterte.Count == 0)
        {
            return idEndret;
        }

        List<PermRapport>? ukjente = null;
        foreach (var r in rapporterte)
        {
            var perm = Finn(eksisterende, r.Id);
            if (perm is not null)
            {
                perm.Oppdater(r, maaned);
            }
            else
            {
                (ukjente ??= []).Add(r);
            }
        }

        if (ukjente is not null)
        {
            ukjente.Sort(static (a, b) => string.CompareOrdinal(a.Id, b.Id));
            foreach (var r in ukjente)
            {
                // The same id twice in one arbeidsforhold (a control flags it): the later one wins.
                var perm = Finn(eksisterende, r.Id);
                if (perm is null && forrigeMaaned is { } forrige)
                {
                    // PPIDHI: same type and startdato, reported last time, not this time: the same leave under a new id.
                    perm = eksisterende.Find(e => e.SistRapportert == forrige && e.Type == r.Type && e.Startdato == r.Startdato);
                    if (perm is not null)
                    {
                        perm.Id = r.Id;
                        idEndret = true;
                    }
                }

                if (perm is null)
                {
                    perm = new Perm(r.Id);
                    eksisterende.Add(perm);
                }

                perm.Oppdater(r, maaned);
            }
        }

        // IBPPAG: an open one that is no longer reported ends with the last month it was reported.
        foreach (var perm in eksisterende)
        {
            if (perm.SistRapportert != maaned && perm.Sluttdato is null)
            {
                perm.Sluttdato = perm.SistRapportert.SisteDag;
                perm.Varsling = Varslingskode.Ibppag;
            }
        }

        return idEndret;
    }

    private static Perm? Finn(List<Perm> liste, string id)
    {
        foreach (var p in liste)
        {
            if (p.Id == id)
            {
                return p;
            }
        }

        return null;
    }

    /// <summary>
    /// IBKAOR: open and not reported for three months in which the opplysningspliktig reported, or for three months
    /// after the opplysningspliktig's last melding (up to the horizon).
    /// </summary>
    private void LukkUrapporterte(Arbeid arbeid, Kalendermaaned? horisont)
    {
        if (arbeid.Sluttdato is not null || rapporterteMaaneder.Count == 0)
        {
            return;
        }

        var sist = arbeid.SistRapportert.Indeks;
        var posisjon = rapporterteMaaneder.BinarySearch(sist);
        var rapporterteEtter = rapporterteMaaneder.Count - 1 - posisjon;
        var sisteMelding = rapporterteMaaneder[^1];
        var maanederEtterSisteMelding = horisont is { } h ? Math.Max(0, h.Indeks - sisteMelding) : 0;
        if (rapporterteEtter + maanederEtterSisteMelding >= MaanederUtenRapportFoerLukking)
        {
            arbeid.Sluttdato = arbeid.SistRapportert.SisteDag;
            arbeid.Periodevarsling = Varslingskode.Ibkaor;
        }
    }

    /// <summary>EROPPH/ERKONK: Enhetsregisteret ended the opplysningspliktig; open arbeidsforhold end that date.</summary>
    private void LukkVedOpphoer(Arbeid arbeid)
    {
        if (arbeid.Sluttdato is null && kontekst.Opphoer is { } opphoer)
        {
            arbeid.Sluttdato = opphoer.Dato;
            arbeid.Periodevarsling = opphoer.Varslingskode;
        }
    }

    private RegisterArbeidsforhold Bygg(Arbeid arbeid)
    {
        var varsler = new List<Varsel>(2);
        if (arbeid.IdHistorikk.Count > 0)
        {
            varsler.Add(new Varsel(Varselentitet.Arbeidsforhold, Varslingskode.Afidhi));
        }

        if (arbeid.Periodevarsling is not null)
        {
            varsler.Add(new Varsel(Varselentitet.Ansettelsesperiode, arbeid.Periodevarsling));
        }

        var permisjoner = ByggPerm(arbeid.Permisjoner, arbeid.PermisjonIdEndret, Varselentitet.Permisjon, varsler);
        var permitteringer = ByggPerm(arbeid.Permitteringer, arbeid.PermitteringIdEndret, Varselentitet.Permittering, varsler);

        return new RegisterArbeidsforhold
        {
            Noekkel = arbeid.Noekkel,
            Type = arbeid.Type,
            Ansettelsesperiode = new Ansettelsesperiode(
                arbeid.Startdato,
                arbeid.Sluttdato,
                arbeid.Sluttaarsak,
                arbeid.Periodevarsling,
                arbeid.Periodevarsling is null ? sporingEdag : sporingAareg),
            Ansettelsesdetaljer = arbeid.Detaljer.ToEquatableArray(),
            Permisjoner = permisjoner,
            Permitteringer = permitteringer,
            TimerMedTimeloenn = arbeid.Timer.ToEquatableArray(),
            Utenlandsopphold = arbeid.Utland.ToEquatableArray(),
            IdHistorikk = arbeid.IdHistorikk.ToEquatableArray(),
            Varsler = varsler.ToEquatableArray(),
            Opprettet = kontekst.Tidspunkt,
            SistBekreftet = kontekst.Tidspunkt,
            SistRapportert = arbeid.SistRapportert,
            SistEndret = kontekst.Tidspunkt,
            Sporing = sporingEdag,
        };
    }

    private EquatableArray<PermisjonPermittering> ByggPerm(List<Perm> liste, bool idEndret, Varselentitet entitet, List<Varsel> varsler)
    {
        if (liste.Count == 0)
        {
            return [];
        }

        if (idEndret)
        {
            varsler.Add(new Varsel(entitet, Varslingskode.Ppidhi));
        }

        var ibppag = false;
        var resultat = new PermisjonPermittering[liste.Count];
        for (var i = 0; i < liste.Count; i++)
        {
            var p = liste[i];
            ibppag |= p.Varsling is not null;
            resultat[i] = new PermisjonPermittering(p.Id, p.Type, p.Startdato, p.Sluttdato, p.Prosent, p.Varsling, p.Varsling is null ? sporingEdag : sporingAareg);
        }

        if (ibppag)
        {
            varsler.Add(new Varsel(entitet, Varslingskode.Ibppag));
        }

        // A fixed order (by id) so that stored and re-derived lists line up.
        Array.Sort(resultat, static (a, b) => string.CompareOrdinal(a.Id, b.Id));
        return new EquatableArray<PermisjonPermittering>([.. resultat]);
    }

    private Ansettelsesdetaljer Detaljer(AMelding.Arbeidsforhold af, Kalendermaaned maaned) => new(
        Arbeidsforholdtype.Detaljertype(af.TypeArbeidsforhold)!.Value,
        af.Arbeidstidsordning,
        af.FormForAnsettelse,
        af.Yrke,
        af.AntallTimerPerUkeSomEnFullStillingTilsvarer,
        af.Stillingsprosent,
        af.SisteDatoForStillingsprosentendring,
        af.SisteLoennsendringsdato,
        af.Fartoey?.Fartsomraade,
        af.Fartoey?.Skipsregister,
        af.Fartoey?.Skipstype,
        new Rapporteringsmaaneder(maaned, null),
        sporingEdag);

    // Compares without building a record: this runs for every reported arbeidsforhold every month.
    private static bool SammeDetaljer(Ansettelsesdetaljer d, AMelding.Arbeidsforhold af) =>
        d.Type == Arbeidsforholdtype.Detaljertype(af.TypeArbeidsforhold)
        && d.Arbeidstidsordning == af.Arbeidstidsordning
        && d.Ansettelsesform == af.FormForAnsettelse
        && d.Yrke == af.Yrke
        && d.AntallTimerPrUke == af.AntallTimerPerUkeSomEnFullStillingTilsvarer
        && d.AvtaltStillingsprosent == af.Stillingsprosent
        && d.SisteStillingsprosentendring == af.SisteDatoForStillingsprosentendring
        && d.SisteLoennsendring == af.SisteLoennsendringsdato
        && d.Fartsomraade == af.Fartoey?.Fartsomraade
        && d.Skipsregister == af.Fartoey?.Skipsregister
        && d.Fartoeystype == af.Fartoey?.Skipstype;

    /// <summary>
    /// The person's canonical ident (identbytte). Persons identified only by internasjonalIdentifikator are skipped:
    /// without a Norwegian ident the register cannot key or distribute them (ADR 0005).
    /// </summary>
    private string? Person(AMelding.Inntektsmottaker mottaker) =>
        string.IsNullOrEmpty(mottaker.NorskIdentifikator) ? null : kontekst.Personident(mottaker.NorskIdentifikator);

    private static string? Id(string? arbeidsforholdId) => string.IsNullOrEmpty(arbeidsforholdId) ? null : arbeidsforholdId;

    private static string? Utland(string? land) =>
        string.IsNullOrWhiteSpace(land) || string.Equals(land, Norge, StringComparison.OrdinalIgnoreCase)
            ? null
            : land.Trim().ToUpperInvariant();

    internal static int Sammenlign(ArbeidsforholdNoekkel a, ArbeidsforholdNoekkel b)
    {
        var c = string.CompareOrdinal(a.Arbeidssted, b.Arbeidssted);
        if (c == 0)
        {
            c = string.CompareOrdinal(a.Arbeidstaker, b.Arbeidstaker);
        }

        return c != 0 ? c : string.CompareOrdinal(a.ArbeidsforholdId, b.ArbeidsforholdId);
    }

    /// <summary>The month's report of one arbeidsforhold, with the income facts linked to it.</summary>
    private sealed class Rapport(AMelding.Arbeidsforhold arbeidsforhold, bool fraUtloeser)
    {
        public AMelding.Arbeidsforhold Arbeidsforhold { get; set; } = arbeidsforhold;

        public bool FraUtloeser { get; set; } = fraUtloeser;

        public (decimal Antall, DateOnly? Start, DateOnly? Slutt)? Timer { get; private set; }

        public Dictionary<string, (DateOnly? Start, DateOnly? Slutt)>? Utland { get; private set; }

        public void LeggTilTimer(AMelding.Inntekt inntekt) => Timer = Timer is { } t
            ? (t.Antall + inntekt.Antall!.Value, Min(t.Start, inntekt.StartdatoOpptjeningsperiode), Max(t.Slutt, inntekt.SluttdatoOpptjeningsperiode))
            : (inntekt.Antall!.Value, inntekt.StartdatoOpptjeningsperiode, inntekt.SluttdatoOpptjeningsperiode);

        public void LeggTilUtland(string land, AMelding.Inntekt inntekt)
        {
            Utland ??= new Dictionary<string, (DateOnly?, DateOnly?)>(StringComparer.Ordinal);
            Utland[land] = Utland.TryGetValue(land, out var p)
                ? (Min(p.Start, inntekt.StartdatoOpptjeningsperiode), Max(p.Slutt, inntekt.SluttdatoOpptjeningsperiode))
                : (inntekt.StartdatoOpptjeningsperiode, inntekt.SluttdatoOpptjeningsperiode);
        }

        private static DateOnly? Min(DateOnly? a, DateOnly? b) => a is null ? b : b is null ? a : a < b ? a : b;

        private static DateOnly? Max(DateOnly? a, DateOnly? b) => a is null ? b : b is null ? a : a > b ? a : b;
    }

    private readonly record struct PermRapport(string Id, string Type, DateOnly? Startdato, DateOnly? Sluttdato, decimal? Prosent);

    private sealed class Perm(string id)
    {
        public string Id { get; set; } = id;

        public string Type { get; private set; } = "";

        public DateOnly? Startdato { get; private set; }

        public DateOnly? Sluttdato { get; set; }

        public decimal? Prosent { get; private set; }

        public string? Varsling { get; set; }

        public Kalendermaaned SistRapportert { get; private set; }

        public void Oppdater(PermRapport r, Kalendermaaned maaned)
        {
            Type = r.Type;
            Startdato = r.Startdato;
            Sluttdato = r.Sluttdato;
            Prosent = r.Prosent;
            Varsling = null;
            SistRapportert = maaned;
        }
    }

    /// <summary>The working state of one arbeidsforhold while the months are walked.</summary>
    private sealed class Arbeid(ArbeidsforholdNoekkel noekkel, string type, Kalendermaaned foerste)
    {
        public ArbeidsforholdNoekkel Noekkel { get; set; } = noekkel;

        public string Type { get; set; } = type;

        public bool ErNy { get; set; } = true;

        public Kalendermaaned IdBruktFra { get; set; } = foerste;

        public Kalendermaaned SistRapportert { get; set; } = foerste;

        public bool BekreftetAvUtloeser { get; set; }

        public DateOnly Startdato { get; set; }

        public DateOnly? Sluttdato { get; set; }

        public string? Sluttaarsak { get; set; }

        public string? Periodevarsling { get; set; }

        public List<Ansettelsesdetaljer> Detaljer { get; } = [];

        public List<Perm> Permisjoner { get; } = [];

        public List<Perm> Permitteringer { get; } = [];

        public bool PermisjonIdEndret { get; set; }

        public bool PermitteringIdEndret { get; set; }

        public List<TimerMedTimeloenn> Timer { get; } = [];

        public List<Utenlandsopphold> Utland { get; } = [];

        public List<IdHistorikk> IdHistorikk { get; } = [];
    }
}

/// <summary>A derived arbeidsforhold before it is matched with the stored one (no navIds yet).</summary>
internal readonly record struct AvledetArbeidsforhold(RegisterArbeidsforhold Arbeidsforhold, bool BekreftetAvUtloeser);
