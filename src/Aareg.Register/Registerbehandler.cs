using Aareg.Domain.AMelding;
using Aareg.Domain.Register;
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

    public long Meldinger => Interlocked.Read(ref _meldinger);

    public long Versjoner => Interlocked.Read(ref _versjoner);

    public long Slettinger => Interlocked.Read(ref _slettinger);

    public long Bekreftelser => Interlocked.Read(ref _bekreftelser);

    public long Hendelser => Interlocked.Read(ref _hendelser);

    /// <summary>Applications refused because the state moved meanwhile (derived again; nothing lost).</summary>
    public long Konflikter => Interlocked.Read(ref _konflikter);

    internal void Legg(Anvendelsesoppsummering o)
    {
        Interlocked.Increment(ref _meldinger);
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
/// and nothing is applied twice.
/// </summary>
public sealed class Registerbehandler(IRegisterStore store, TimeProvider tid, RegisterbehandlerValg? valg = null)
{
    /// <summary>Consecutive conflicts on one opplysningspliktig before giving up (then the error is real).</summary>
    private const int MaksKonflikter = 5;

    private readonly RegisterbehandlerValg _valg = valg ?? RegisterbehandlerValg.Standard;
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

            var maaneder = await HentMaanederAsync(melding, lest, ct);
            var tidspunkt = NesteTidspunkt();
            var nesteId = tilstand.NesteNavArbeidsforholdId;
            var kontekst = new AvledningsKontekst
            {
                Tidspunkt = tidspunkt,
                MeldingsId = lest[melding.MottaksId].MeldingsId,
                NyNavArbeidsforholdId = () => nesteId++,
                NyNavUuid = Guid.NewGuid,
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
                    checked((int)(nesteId - tilstand.NesteNavArbeidsforholdId))),
                ct);
            Statistikk.Legg(oppsummering);

            tilstand = oppsummering.IdForskyvning != 0
                ? await store.HentTilstandAsync(krav.Opplysningspliktig, ct)
                : new Registertilstand(
                    resultat.Tilstand with { Arbeidsforhold = [.. resultat.Tilstand.Arbeidsforhold.OrderBy(a => a.NavArbeidsforholdId)] },
                    melding.Sekvens,
                    nesteId);
        }
    }

    /// <summary>The opplysningspliktig's month contents as they stood right after <paramref name="melding"/> was accepted.</summary>
    private async Task<List<Maanedsinnhold>> HentMaanederAsync(Koelement melding, Dictionary<Guid, Leveranse> lest, CancellationToken ct)
    {
        var gjeldende = await store.HentGjeldendeAsync(melding.Opplysningspliktig, melding.Sekvens, ct);
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

        if (!lest.ContainsKey(melding.MottaksId))
        {
            throw new InvalidOperationException($"Melding {melding.MottaksId} er ikke gjeldende ved sin egen køplass.");
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
