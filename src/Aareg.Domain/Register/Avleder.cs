namespace Aareg.Domain.Register;

/// <summary>
/// The register's derivation engine (DOMAIN §6, ADR 0005): a pure, deterministic function from an opplysningspliktig's
/// accepted month contents to its arbeidsforhold. It derives the register from the first month and compares the
/// result with the stored current state, so that only real differences become new versions and change events, and
/// the register's ids (navArbeidsforholdId, navUuid) of arbeidsforhold that still exist are kept.
/// </summary>
public static class Avleder
{
    /// <summary>
    /// Derives the opplysningspliktig from all its months and returns the new state and the differences from
    /// <paramref name="forrige"/> (the stored current versions).
    /// </summary>
    /// <param name="forrige">The stored current state of the opplysningspliktig (empty for a new one).</param>
    /// <param name="alleMaaneder">Every month of the opplysningspliktig with its valid meldinger, any order, each month once.</param>
    /// <param name="kontekst">Time, triggering melding, id allocation, identbytte and Enhetsregisteret facts.</param>
    public static AvledningsResultat Avled(
        OpplysningspliktigTilstand forrige,
        IReadOnlyList<Maanedsinnhold> alleMaaneder,
        AvledningsKontekst kontekst)
    {
        ArgumentNullException.ThrowIfNull(forrige);
        ArgumentNullException.ThrowIfNull(alleMaaneder);
        ArgumentNullException.ThrowIfNull(kontekst);

        var maaneder = alleMaaneder.ToArray();
        Array.Sort(maaneder, static (a, b) => a.Maaned.CompareTo(b.Maaned));
        for (var i = 1; i < maaneder.Length; i++)
        {
            if (maaneder[i].Maaned == maaneder[i - 1].Maaned)
            {
                throw new ArgumentException("Hver måned kan bare gis én gang.", nameof(alleMaaneder));
            }
        }

        var motor = new Avledningsmotor(forrige.Opplysningspliktig, kontekst);
        foreach (var maaned in maaneder)
        {
            motor.Fremskriv(maaned);
        }

        var horisont = kontekst.GjeldendeMaaned ?? (maaneder.Length > 0 ? maaneder[^1].Maaned : null);
        return Sammenstill(forrige, motor.Avslutt(horisont), kontekst);
    }

    /// <summary>
    /// Matches every derived arbeidsforhold with its stored counterpart (by key, then by id history in both
    /// directions) and turns the differences into versions and events.
    /// </summary>
    private static AvledningsResultat Sammenstill(
        OpplysningspliktigTilstand forrige,
        List<AvledetArbeidsforhold> avledet,
        AvledningsKontekst kontekst)
    {
        var lagret = forrige.Arbeidsforhold;
        var etterNoekkel = new Dictionary<ArbeidsforholdNoekkel, int>(lagret.Count);
        Dictionary<ArbeidsforholdNoekkel, int>? etterTidligereId = null;
        for (var i = 0; i < lagret.Count; i++)
        {
            // The stored key with today's canonical ident: an identbytte since it was stored keeps the match.
            var noekkel = Kanonisk(lagret[i].Noekkel, kontekst);
            etterNoekkel.TryAdd(noekkel, i);
            foreach (var historikk in lagret[i].IdHistorikk)
            {
                (etterTidligereId ??= []).TryAdd(noekkel with { ArbeidsforholdId = historikk.ArbeidsforholdId }, i);
            }
        }

        var brukt = new bool[lagret.Count];
        var sporingEdag = Sporingsinformasjon.Ny(kontekst.Tidspunkt, kontekst.UtfoertAv, Sporingskilde.Edag, kontekst.MeldingsId);
        var sporingAareg = Sporingsinformasjon.Ny(kontekst.Tidspunkt, kontekst.UtfoertAv, Sporingskilde.Aareg, kontekst.MeldingsId);

        var tilstand = new List<RegisterArbeidsforhold>(avledet.Count);
        var versjoner = new List<RegisterArbeidsforhold>();
        var hendelser = new List<Endringshendelse>();
        var bekreftelser = new List<Bekreftelse>();
        var slettinger = new List<Sletting>();

        var match = Match(avledet, etterNoekkel, etterTidligereId, brukt);
        for (var j = 0; j < avledet.Count; j++)
        {
            var (d, bekreftetAvUtloeser) = avledet[j];
            var indeks = match[j];
            if (indeks < 0)
            {
                var ny = d with
                {
                    NavArbeidsforholdId = kontekst.NyNavArbeidsforholdId(),
                    NavUuid = kontekst.NyNavUuid(),
                    NavVersjon = 1,
                };
                tilstand.Add(ny);
                versjoner.Add(ny);
                hendelser.Add(new Endringshendelse(Endringstype.Opprettelse, Opprettelsesendringer(ny), ny.NavArbeidsforholdId, ny.NavUuid, ny.NavVersjon));
                continue;
            }

            var s = lagret[indeks];
            var endringer = new Endringer();

            var periode = s.Ansettelsesperiode;
            if (!periode.HarSammeInnhold(d.Ansettelsesperiode))
            {
                periode = d.Ansettelsesperiode.MedSporing(periode.Sporing.MedEndring(d.Ansettelsesperiode.Sporing));
                endringer.Merk(Entitetsendring.Ansettelsesperiode, d.Ansettelsesperiode.Sporing);
            }

            var detaljer = Flett(d.Ansettelsesdetaljer, s.Ansettelsesdetaljer, static x => x.Rapporteringsmaaneder.Fra, Entitetsendring.Ansettelsesdetaljer, ref endringer);
            var permisjoner = Flett(d.Permisjoner, s.Permisjoner, static x => x.Id, Entitetsendring.Permisjon, ref endringer);
            var permitteringer = Flett(d.Permitteringer, s.Permitteringer, static x => x.Id, Entitetsendring.Permittering, ref endringer);
            var timer = Flett(d.TimerMedTimeloenn, s.TimerMedTimeloenn, static x => x.Rapporteringsmaaned, Entitetsendring.TimerMedTimeloenn, ref endringer);
            var utland = Flett(d.Utenlandsopphold, s.Utenlandsopphold, static x => (x.Rapporteringsmaaned, x.Land), Entitetsendring.Utenlandsopphold, ref endringer);

            // Arbeidsforhold-level facts (new id, identbytte, type) are an Endring without a sub-entity. Varsler
            // follow from the other changes; a change only in them is the register's own (e.g. IBKAOR).
            var arbeidsforholdEndret = d.Noekkel != s.Noekkel
                || d.Type != s.Type
                || d.Rapporteringsordning != s.Rapporteringsordning
                || d.IdHistorikk != s.IdHistorikk;
            var varslerEndret = d.Varsler != s.Varsler;
            var sistBekreftet = bekreftetAvUtloeser ? kontekst.Tidspunkt : s.SistBekreftet;

            if (!arbeidsforholdEndret && !varslerEndret && !endringer.Noen)
            {
                if (sistBekreftet != s.SistBekreftet || d.SistRapportert != s.SistRapportert)
                {
                    // Confirmed again, nothing changed: no version, no event (DOMAIN §6 rule 7).
                    s = s with { SistBekreftet = sistBekreftet, SistRapportert = d.SistRapportert };
                    bekreftelser.Add(new Bekreftelse(s.NavArbeidsforholdId, s.NavVersjon, sistBekreftet, d.SistRapportert));
                }

                tilstand.Add(s);
                continue;
            }

            var kilde = arbeidsforholdEndret || endringer.FraMelding ? sporingEdag : sporingAareg;
            var versjon = d with
            {
                NavArbeidsforholdId = s.NavArbeidsforholdId,
                NavUuid = s.NavUuid,
                NavVersjon = s.NavVersjon + 1,
                Ansettelsesperiode = periode,
                Ansettelsesdetaljer = detaljer,
                Permisjoner = permisjoner,
                Permitteringer = permitteringer,
                TimerMedTimeloenn = timer,
                Utenlandsopphold = utland,
                Opprettet = s.Opprettet,
                SistBekreftet = sistBekreftet,
                SistEndret = kontekst.Tidspunkt,
                Sporing = s.Sporing.MedEndring(kilde),
            };
            tilstand.Add(versjon);
            versjoner.Add(versjon);
            hendelser.Add(new Endringshendelse(Endringstype.Endring, endringer.Liste(), versjon.NavArbeidsforholdId, versjon.NavUuid, versjon.NavVersjon));
        }

        // Stored but no longer derived from any month (a correction removed it): Sletting (DOMAIN §6).
        for (var i = 0; i < lagret.Count; i++)
        {
            if (!brukt[i])
            {
                var s = lagret[i];
                slettinger.Add(new Sletting(s.NavArbeidsforholdId, s.NavUuid, s.NavVersjon));
                hendelser.Add(new Endringshendelse(Endringstype.Sletting, [], s.NavArbeidsforholdId, s.NavUuid, s.NavVersjon));
            }
        }

        return new AvledningsResultat(
            new OpplysningspliktigTilstand(forrige.Opplysningspliktig, tilstand.ToEquatableArray()),
            versjoner.ToEquatableArray(),
            slettinger.ToEquatableArray(),
            hendelser.ToEquatableArray(),
            bekreftelser.ToEquatableArray());
    }

    private static ArbeidsforholdNoekkel Kanonisk(ArbeidsforholdNoekkel noekkel, AvledningsKontekst kontekst)
    {
        var person = kontekst.Personident(noekkel.Arbeidstaker);
        return person == noekkel.Arbeidstaker ? noekkel : noekkel with { Arbeidstaker = person };
    }

    /// <summary>
    /// For each derived arbeidsforhold the index of its stored counterpart, or -1. Exact keys first, for all of them,
    /// so that an id history never takes a stored arbeidsforhold that still exists under its own key; then the
    /// derived one's earlier ids (most recent first), then a stored one that had the derived key as an earlier id
    /// (a correction undid an id change).
    /// </summary>
    private static int[] Match(
        List<AvledetArbeidsforhold> avledet,
        Dictionary<ArbeidsforholdNoekkel, int> etterNoekkel,
        Dictionary<ArbeidsforholdNoekkel, int>? etterTidligereId,
        bool[] brukt)
    {
        var match = new int[avledet.Count];
        var ubesvarte = false;
        for (var j = 0; j < avledet.Count; j++)
        {
            match[j] = -1;
            if (etterNoekkel.TryGetValue(avledet[j].Arbeidsforhold.Noekkel, out var i) && !brukt[i])
            {
                match[j] = i;
                brukt[i] = true;
            }
            else
            {
                ubesvarte = true;
            }
        }

        if (!ubesvarte)
        {
            return match;
        }

        for (var j = 0; j < avledet.Count; j++)
        {
            if (match[j] >= 0)
            {
                continue;
            }

            var d = avledet[j].Arbeidsforhold;
            var i = -1;
            for (var h = d.IdHistorikk.Count - 1; h >= 0 && i < 0; h--)
            {
                if (etterNoekkel.TryGetValue(d.Noekkel with { ArbeidsforholdId = d.IdHistorikk[h].ArbeidsforholdId }, out var k) && !brukt[k])
                {
                    i = k;
                }
            }

            if (i < 0 && etterTidligereId is not null && etterTidligereId.TryGetValue(d.Noekkel, out var t) && !brukt[t])
            {
                i = t;
            }

            if (i >= 0)
            {
                match[j] = i;
                brukt[i] = true;
            }
        }

        return match;
    }

    /// <summary>
    /// The derived list with stored items kept where their content is unchanged (keeping their sporing); changed
    /// items keep their creation sporing and get this change as endret. Lists are in a fixed order, so the common
    /// case (nothing changed) is one pass without allocation.
    /// </summary>
    private static EquatableArray<T> Flett<T, TKey>(
        EquatableArray<T> avledet,
        EquatableArray<T> lagret,
        Func<T, TKey> noekkel,
        Entitetsendring entitet,
        ref Endringer endringer)
        where T : class, ISporet<T>
        where TKey : notnull
    {
        if (avledet.Count == lagret.Count)
        {
            var like = true;
            for (var i = 0; i < lagret.Count && like; i++)
            {
                like = lagret[i].HarSammeInnhold(avledet[i]);
            }

            if (like)
            {
                return lagret;
            }
        }

        var etter = new Dictionary<TKey, T>(lagret.Count);
        foreach (var s in lagret)
        {
            etter.TryAdd(noekkel(s), s);
        }

        var resultat = new T[avledet.Count];
        for (var i = 0; i < avledet.Count; i++)
        {
            var d = avledet[i];
            if (etter.Remove(noekkel(d), out var s))
            {
                if (s.HarSammeInnhold(d))
                {
                    resultat[i] = s;
                    continue;
                }

                resultat[i] = d.MedSporing(s.Sporing.MedEndring(d.Sporing));
            }
            else
            {
                resultat[i] = d;
            }

            endringer.Merk(entitet, d.Sporing);
        }

        if (etter.Count > 0)
        {
            // Something stored is gone: a melding was corrected.
            endringer.Merk(entitet, null);
        }

        return new EquatableArray<T>([.. resultat]);
    }

    private static EquatableArray<Entitetsendring> Opprettelsesendringer(RegisterArbeidsforhold af)
    {
        var liste = new List<Entitetsendring>(6) { Entitetsendring.Ansettelsesperiode, Entitetsendring.Ansettelsesdetaljer };
        if (!af.Permisjoner.IsEmpty)
        {
            liste.Add(Entitetsendring.Permisjon);
        }

        if (!af.Permitteringer.IsEmpty)
        {
            liste.Add(Entitetsendring.Permittering);
        }

        if (!af.TimerMedTimeloenn.IsEmpty)
        {
            liste.Add(Entitetsendring.TimerMedTimeloenn);
        }

        if (!af.Utenlandsopphold.IsEmpty)
        {
            liste.Add(Entitetsendring.Utenlandsopphold);
        }

        return liste.ToEquatableArray();
    }

    /// <summary>Which entities changed, and whether any change came from a melding (EDAG) rather than the register.</summary>
    private struct Endringer
    {
        private int flagg;

        public readonly bool Noen => flagg != 0;

        public bool FraMelding { get; private set; }

        /// <param name="sporing">The changed item's new sporing; null when an item was removed (always a melding's doing).</param>
        public void Merk(Entitetsendring entitet, Sporingsinformasjon? sporing)
        {
            flagg |= 1 << (int)entitet;
            FraMelding |= sporing is null || sporing.OpprettetKilde == Sporingskilde.Edag;
        }

        public readonly EquatableArray<Entitetsendring> Liste()
        {
            var liste = new List<Entitetsendring>(6);
            foreach (var e in Enum.GetValues<Entitetsendring>())
            {
                if ((flagg & (1 << (int)e)) != 0)
                {
                    liste.Add(e);
                }
            }

            return liste.ToEquatableArray();
        }
    }
}
