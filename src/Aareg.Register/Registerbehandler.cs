using Aareg.Domain.AMelding;
using Aareg.Domain.Register;
using Aareg.Domain.Tid;
using Aareg.Mottak.Lesing;
using Aareg.Storage.Register;

namespace Aareg.Register;

/// <summary>Options of the applier.</summary>
/// <param name="Parallellitet">How many opplysningspliktige are derived at the same time (each by one worker loop).</param>
public sealed record RegisterbehandlerValg(int Parallellitet = 1)
{
    public static RegisterbehandlerValg Standard { get; } = new();
}

/// <summary>Running totals of an applier (thread-safe), for progress and summaries.</summary>
public sealed class Registerstatistikk
{
    private long _meldinger;
    private long _versjoner;
    private long _slettinger;
    private long _bekreftelser;
    private long _hendelser;
    private long _konflikter;
    private long _reavledet;
    private long _reavledetUendret;

    public long Meldinger => Interlocked.Read(ref _meldinger);

    public long Versjoner => Interlocked.Read(ref _versjoner);

    public long Slettinger => Interlocked.Read(ref _slettinger);

    public long Bekreftelser => Interlocked.Read(ref _bekreftelser);

    public long Hendelser => Interlocked.Read(ref _hendelser);

    /// <summary>Applications refused because the state moved meanwhile (derived again; nothing lost).</summary>
    public long Konflikter => Interlocked.Read(ref _konflikter);

    /// <summary>Opplysningspliktige a re-derivation changed (versions and events written).</summary>
    public long Reavledet => Interlocked.Read(ref _reavledet);

    /// <summary>Opplysningspliktige a re-derivation looked at and left unchanged.</summary>
    public long ReavledetUendret => Interlocked.Read(ref _reavledetUendret);

    internal void Legg(Anvendelsesoppsummering o)
    {
        Interlocked.Increment(ref _meldinger);
        LeggTilSkrevet(o);
    }

    internal void LeggReavledet(Anvendelsesoppsummering o)
    {
        Interlocked.Increment(ref _reavledet);
        LeggTilSkrevet(o);
    }

    internal void Uendret() => Interlocked.Increment(ref _reavledetUendret);

    private void LeggTilSkrevet(Anvendelsesoppsummering o)
    {
        Interlocked.Add(ref _versjoner, o.Versjoner);
        Interlocked.Add(ref _slettinger, o.Slettinger);
        Interlocked.Add(ref _bekreftelser, o.Bekreftelser);
        Interlocked.Add(ref _hendelser, o.Hendelser);
    }

    internal void Konflikt() => Interlocked.Increment(ref _konflikter);
}

/// <summary>
/// Applies accepted a-meldinger to the register (DOMAIN §6, ADR 0006): claims one opplysningspliktig at a time,
/// and for each of its queued meldinger, in queue order, derives the opplysningspliktig from all its months as they
/// stood right after that melding (<see cref="Avleder"/> diffs against the stored state, so only differences are
/// stored) and applies the result in one transaction that also marks the melding behandlet. A crash at any point
/// leaves either all of a melding's effects or none, and an unapplied melding stays in the queue; so nothing is lost
/// and nothing is applied twice. <see cref="ReavledAsync"/> runs the register's own rules without a melding.
/// </summary>
/// <param name="referanse">Folkeregisteret and Enhetsregisteret (identbytte, EROPPH/ERKONK); null: none.</param>
public sealed class Registerbehandler(
    IRegisterStore store,
    TimeProvider tid,
    RegisterbehandlerValg? valg = null,
    IRegisterreferanse? referanse = null)
{
    /// <summary>Consecutive conflicts on one opplysningspliktig before giving up (then the error is real).</summary>
    private const int MaksKonflikter = 5;

    /// <summary>DOMAIN §6: open arbeidsforhold not reported for three months are closed (IBKAOR).</summary>
    private const int MaanederFoerLukking = 3;

    private readonly RegisterbehandlerValg _valg = valg ?? RegisterbehandlerValg.Standard;
    private readonly IRegisterreferanse _referanse = referanse ?? Registerreferanse.Ingen;
    private readonly Lock _tidslaas = new();
    private DateTimeOffset _sisteTidspunkt = DateTimeOffset.MinValue;

    public Registerstatistikk Statistikk { get; } = new();

    /// <summary>Applies everything queued (also what arrives meanwhile); returns how many meldinger were applied.</summary>
    public async Task<int> BehandleAsync(CancellationToken ct = default)
    {
        var foer = Statistikk.Meldinger;
        var loekker = Math.Max(1, _valg.Parallellitet);
        if (loekker == 1)
        {
            await LoekkeAsync(ct);
        }
        else
        {
            await Task.WhenAll(Enumerable.Range(0, loekker).Select(_ => Task.Run(() => LoekkeAsync(ct), ct)));
        }

        return (int)(Statistikk.Meldinger - foer);
    }

    private async Task LoekkeAsync(CancellationToken ct)
    {
        var konflikter = 0;
        while (await store.KrevAsync(ct) is { } krav)
        {
            try
            {
                await BehandleKravAsync(krav, ct);
                konflikter = 0;
            }
            catch (RegisterKonfliktException) when (++konflikter < MaksKonflikter)
            {
                // Another worker or process applied a melding of this opplysningspliktig since we read its state:
                // nothing was written; the next claim reads the fresh state.
                Statistikk.Konflikt();
            }
            finally
            {
                await store.FrigiAsync(krav);
            }
        }
    }

    private async Task BehandleKravAsync(Registerkrav krav, CancellationToken ct)
    {
        var tilstand = await store.HentTilstandAsync(krav.Opplysningspliktig, ct);
        var lest = new Dictionary<Guid, Leveranse>();
        foreach (var melding in krav.Meldinger)
        {
            ct.ThrowIfCancellationRequested();
            if (melding.Sekvens <= tilstand.SistAnvendtKo)
            {
                continue;
            }

            var maaneder = await HentMaanederAsync(melding.Opplysningspliktig, melding.Sekvens, lest, ct);
            if (!lest.TryGetValue(melding.MottaksId, out var leveranse))
            {
                throw new InvalidOperationException($"Melding {melding.MottaksId} er ikke gjeldende ved sin egen køplass.");
            }

            var tidspunkt = NesteTidspunkt();
            var nesteId = tilstand.NesteNavArbeidsforholdId;

            // GjeldendeMaaned stays unset: a melding is derived up to its latest month, so a replay gives the same
            // register whenever it runs (ADR 0006); closing by today's month is ReavledAsync's job.
            var kontekst = new AvledningsKontekst
            {
                Tidspunkt = tidspunkt,
                MeldingsId = leveranse.MeldingsId,
                NyNavArbeidsforholdId = () => nesteId++,
                NyNavUuid = Guid.NewGuid,
                Personident = _referanse.Kanonisk,
                Opphoer = _referanse.Opphoer(melding.Opplysningspliktig),
            };

            var resultat = Avleder.Avled(tilstand.Tilstand, maaneder, kontekst);
            var oppsummering = await store.AnvendAsync(
                new Anvendelse(
                    melding,
                    tidspunkt,
                    tilstand.Tilstand,
                    resultat,
                    tilstand.SistAnvendtKo,
                    tilstand.NesteNavArbeidsforholdId,
                    checked((int)(nesteId - tilstand.NesteNavArbeidsforholdId)))
                {
                    ForventetReavledninger = tilstand.Reavledninger,
                },
                ct);
            Statistikk.Legg(oppsummering);

            tilstand = oppsummering.IdForskyvning != 0
                ? await store.HentTilstandAsync(krav.Opplysningspliktig, ct)
                : new Registertilstand(
                    resultat.Tilstand with { Arbeidsforhold = [.. resultat.Tilstand.Arbeidsforhold.OrderBy(a => a.NavArbeidsforholdId)] },
                    melding.Sekvens,
                    nesteId)
                {
                    Reavledninger = tilstand.Reavledninger,
                };
        }
    }

    /// <summary>
    /// Re-derives every opplysningspliktig with register content without a melding (DOMAIN §6, ADR 0006 decision 11):
    /// with today's month as <see cref="AvledningsKontekst.GjeldendeMaaned"/>, so open arbeidsforhold of an employer
    /// that stopped reporting are closed (IBKAOR), and with today's reference data, so new identbytter and
    /// Enhetsregisteret closures (EROPPH/ERKONK) take effect. Each opplysningspliktig is derived from its applied
    /// meldinger and written in one transaction (sporing kilde AAREG); a melding applied meanwhile makes it derive
    /// again. Idempotent: a second run in the same month with the same reference data writes nothing.
    /// </summary>
    /// <param name="fullstendig">
    /// Derive every opplysningspliktig. By default one whose stored state shows that none of the three rules can
    /// change anything (<see cref="KanEndres"/>) is skipped without reading its meldinger.
    /// </param>
    /// <returns>How many opplysningspliktige were changed.</returns>
    public async Task<int> ReavledAsync(bool fullstendig = false, CancellationToken ct = default)
    {
        var foer = Statistikk.Reavledet;
        var maaned = Kalendermaaned.Fra(DateOnly.FromDateTime(tid.GetUtcNow().UtcDateTime));
        foreach (var opplysningspliktig in await store.HentOpplysningspliktigeAsync(ct))
        {
            ct.ThrowIfCancellationRequested();
            for (var forsoek = 1; ; forsoek++)
            {
                try
                {
                    await ReavledAsync(opplysningspliktig, maaned, fullstendig, ct);
                    break;
                }
                catch (RegisterKonfliktException) when (forsoek < MaksKonflikter)
                {
                    // A melding of this opplysningspliktig was applied since we read its state: nothing was
                    // written; read the fresh state and derive again.
                    Statistikk.Konflikt();
                }
            }
        }

        return (int)(Statistikk.Reavledet - foer);
    }

    private async Task ReavledAsync(string opplysningspliktig, Kalendermaaned maaned, bool fullstendig, CancellationToken ct)
    {
        var tilstand = await store.HentTilstandAsync(opplysningspliktig, ct);
        if (tilstand.SistAnvendtKo == 0 || (!fullstendig && !KanEndres(tilstand.Tilstand, maaned, _referanse)))
        {
            Statistikk.Uendret();
            return;
        }

        // The months as the applied meldinger left them; meldinger still queued are the worker's.
        var maaneder = await HentMaanederAsync(opplysningspliktig, tilstand.SistAnvendtKo, [], ct);
        var tidspunkt = NesteTidspunkt();
        var nesteId = tilstand.NesteNavArbeidsforholdId;
        var kontekst = new AvledningsKontekst
        {
            Tidspunkt = tidspunkt,
            MeldingsId = null,
            NyNavArbeidsforholdId = () => nesteId++,
            NyNavUuid = Guid.NewGuid,
            Personident = _referanse.Kanonisk,
            Opphoer = _referanse.Opphoer(opplysningspliktig),
            GjeldendeMaaned = maaned,
        };

        var resultat = Avleder.Avled(tilstand.Tilstand, maaneder, kontekst);
        if (!resultat.HarEndringer && resultat.Bekreftelser.IsEmpty)
        {
            Statistikk.Uendret();
            return;
        }

        var oppsummering = await store.AnvendReavledningAsync(
            new Reavledning(
                opplysningspliktig,
                tidspunkt,
                tilstand.Tilstand,
                resultat,
                tilstand.SistAnvendtKo,
                tilstand.Reavledninger,
                tilstand.NesteNavArbeidsforholdId,
                checked((int)(nesteId - tilstand.NesteNavArbeidsforholdId))),
            ct);
        Statistikk.LeggReavledet(oppsummering);
    }

    /// <summary>
    /// Whether a re-derivation at <paramref name="maaned"/> with today's reference data could differ from the stored
    /// state, which the last melding derived with the same months (a conservative test on the stored versions):
    /// an arbeidsforhold stored under an ident that is no longer the person's (identbytte); an open one while
    /// Enhetsregisteret has ended the opplysningspliktig, or not reported for three months up to
    /// <paramref name="maaned"/> (IBKAOR needs at least that); or one closed by EROPPH/ERKONK at another date or code
    /// than Enhetsregisteret now gives.
    /// </summary>
    internal static bool KanEndres(OpplysningspliktigTilstand tilstand, Kalendermaaned maaned, IRegisterreferanse referanse)
    {
        var opphoer = referanse.Opphoer(tilstand.Opplysningspliktig);
        foreach (var af in tilstand.Arbeidsforhold)
        {
            if (referanse.Kanonisk(af.Noekkel.Arbeidstaker) != af.Noekkel.Arbeidstaker)
            {
                return true;
            }

            var periode = af.Ansettelsesperiode;
            if (periode.Sluttdato is null)
            {
                if (opphoer is not null || maaned.Indeks - af.SistRapportert.Indeks >= MaanederFoerLukking)
                {
                    return true;
                }
            }
            else if (periode.Varsling is Varslingskode.Eropph or Varslingskode.Erkonk
                && (opphoer is null || opphoer.Dato != periode.Sluttdato || opphoer.Varslingskode != periode.Varsling))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The opplysningspliktig's month contents as they stood right after queue row <paramref name="tilOgMedKo"/>.</summary>
    private async Task<List<Maanedsinnhold>> HentMaanederAsync(
        string opplysningspliktig,
        long tilOgMedKo,
        Dictionary<Guid, Leveranse> lest,
        CancellationToken ct)
    {
        var gjeldende = await store.HentGjeldendeAsync(opplysningspliktig, tilOgMedKo, ct);
        var mangler = gjeldende.Select(g => g.MottaksId).Where(id => !lest.ContainsKey(id)).ToList();
        foreach (var (id, innhold) in await store.HentInnholdAsync(mangler, ct))
        {
            lest[id] = AMeldingLeser.Les(innhold, erJson: true, LeseGrenser.Standard).Leveranse
                ?? throw new InvalidOperationException($"Den lagrede kanoniske formen av melding {id} kan ikke leses.");
        }

        var maaneder = new List<Maanedsinnhold>();
        foreach (var maaned in gjeldende.GroupBy(g => g.Kalendermaaned))
        {
            var meldinger = new List<Leveranse>();
            foreach (var g in maaned)
            {
                meldinger.Add(lest.TryGetValue(g.MottaksId, out var l)
                    ? l
                    : throw new InvalidOperationException($"Melding {g.MottaksId} i køen mangler kanonisk innhold."));
            }

            maaneder.Add(new Maanedsinnhold(maaned.Key, meldinger));
        }

        return maaneder;
    }

    /// <summary>
    /// The processing instant, strictly increasing within this applier, so a version's bruksperiode never ends before
    /// it starts even if the wall clock steps back.
    /// </summary>
    private DateTimeOffset NesteTidspunkt()
    {
        var naa = tid.GetUtcNow();
        lock (_tidslaas)
        {
            _sisteTidspunkt = naa > _sisteTidspunkt ? naa : _sisteTidspunkt.AddTicks(1);
            return _sisteTidspunkt;
        }
    }
}
