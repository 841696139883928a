using System.Security.Cryptography;
using Aareg.Domain.AMelding;
using Aareg.Domain.Kodeverk;
using Aareg.Domain.Kontroller;
using Aareg.Domain.Tid;
using Aareg.Mottak.Lesing;
using Aareg.Storage;

namespace Aareg.Mottak;

public enum Meldingsformat
{
    Xml,
    Json,
}

/// <summary>One delivery as it arrived.</summary>
/// <param name="Avsender">Who delivered it: the token's consumer orgnr (or pid), or <c>cli</c> for an operator import.</param>
/// <param name="HarRettFor">Whether the sender may deliver for an opplysningspliktig (API §5); checked after parsing.</param>
public sealed record Mottaksforespoersel(
    ReadOnlyMemory<byte> Innhold,
    Meldingsformat Format,
    string Avsender,
    string? Idempotensnoekkel,
    Func<string, bool> HarRettFor);

public enum Mottaksutfall
{
    /// <summary>Stored now (accepted or rejected): 201.</summary>
    Mottatt,

    /// <summary>The same melding or the same Idempotency-Key and body again: the original receipt, 200.</summary>
    Gjentatt,

    /// <summary>The sender may not deliver for the melding's opplysningspliktig: 403, nothing stored.</summary>
    IkkeTilgang,

    /// <summary>The Idempotency-Key was used with another body: 409, nothing stored.</summary>
    IdempotensKonflikt,
}

public sealed record Mottaksresultat(Mottaksutfall Utfall, Kvittering? Kvittering);

/// <summary>A melding parsed and hashed, ready to be stored (<see cref="Mottaksbehandler.Forbered"/>).</summary>
public sealed record ForberedtMelding(
    Mottaksforespoersel Forespoersel,
    LeseResultat Lest,
    byte[] ForespoerselHash,
    byte[]? Kanonisk,
    byte[] Innholdshash);

/// <summary>
/// The intake pipeline (API §5, DOMAIN §4): parse → authorise → controls → store durably, append-only, in one
/// transaction per melding. Every melding is stored, a rejected one too (with its avvik); a rejected melding never
/// reaches the register queue. Idempotent on (opplysningspliktig, meldingsId, content) and on Idempotency-Key.
/// </summary>
public sealed class Mottaksbehandler(
    IMeldingStore store,
    IKodeverk kodeverk,
    MottaksInnstillinger innstillinger,
    TimeProvider tid,
    IEnhetsregisterOppslag? enhetsregister = null)
{
    public const string RegelMeldingsIdBrukt = "meldingsId";

    private static readonly TimeZoneInfo Norge = FinnNorskTidssone();

    public Task<Mottaksresultat> MottaAsync(Mottaksforespoersel forespoersel, CancellationToken ct = default) =>
        LagreAsync(Forbered(forespoersel), ct);

    /// <summary>
    /// The CPU part of intake, without I/O or locks: parse, canonical form, hashes. A bulk import runs this ahead on
    /// other cores while <see cref="LagreAsync"/> stores earlier meldinger in order.
    /// </summary>
    public ForberedtMelding Forbered(Mottaksforespoersel forespoersel)
    {
        ArgumentNullException.ThrowIfNull(forespoersel);
        var forespoerselHash = SHA256.HashData(forespoersel.Innhold.Span);
        var lest = AMeldingLeser.Les(forespoersel.Innhold, forespoersel.Format == Meldingsformat.Json, innstillinger.Grenser);
        byte[]? kanonisk = lest.Leveranse is null ? null : AMeldingJsonSkriver.TilBytes(lest.Leveranse);
        return new ForberedtMelding(forespoersel, lest, forespoerselHash, kanonisk, kanonisk is null ? forespoerselHash : SHA256.HashData(kanonisk));
    }

    /// <summary>Authorises, runs the controls and stores a prepared melding durably (one write unit).</summary>
    public async Task<Mottaksresultat> LagreAsync(ForberedtMelding forberedt, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(forberedt);
        var (forespoersel, lest, forespoerselHash, kanonisk, innholdshash) = forberedt;
        var leveranse = lest.Leveranse;
        var opplysningspliktig = leveranse?.Opplysningspliktig;
        if (opplysningspliktig is not null && !forespoersel.HarRettFor(opplysningspliktig))
        {
            return new Mottaksresultat(Mottaksutfall.IkkeTilgang, null);
        }

        var avvik = new List<Avvik>(lest.Avvik);
        var meldingsId = leveranse?.MeldingsId;
        var maaned = leveranse?.Kalendermaaned;

        await using var tx = await store.StartMottakAsync(opplysningspliktig, ct);

        if (forespoersel.Idempotensnoekkel is { } noekkel
            && await tx.FinnIdempotensAsync(forespoersel.Avsender, noekkel, ct) is { } tidligere)
        {
            return tidligere.ForespoerselHash.AsSpan().SequenceEqual(forespoerselHash)
                ? new Mottaksresultat(Mottaksutfall.Gjentatt, await store.HentKvitteringAsync(tidligere.MottaksId, ct))
                : new Mottaksresultat(Mottaksutfall.IdempotensKonflikt, null);
        }

        if (opplysningspliktig is not null && meldingsId is not null
            && await tx.FinnLikAsync(opplysningspliktig, meldingsId, innholdshash, ct) is { } lik)
        {
            // DOMAIN §4.1: the same melding again is a no-op that returns the original receipt.
            return new Mottaksresultat(Mottaksutfall.Gjentatt, lik);
        }

        Guid? erstatter = null;
        if (leveranse is not null && opplysningspliktig is not null && meldingsId is not null && maaned is { } m
            && !HarAvvisning(avvik))
        {
            if (await tx.FinnAkseptertAsync(opplysningspliktig, meldingsId, ct) is not null)
            {
                avvik.Add(new Avvik(
                    RegelMeldingsIdBrukt,
                    Alvorlighetsgrad.Avvisning,
                    "MeldingsId er allerede brukt for en annen melding fra samme opplysningspliktige med annet innhold.",
                    "meldingsId",
                    meldingsId));
            }
            else
            {
                var (utfall, erstattet) = await VurderErstatningAsync(tx, leveranse, opplysningspliktig, m, ct);
                var kontekst = new KontrollKontekst
                {
                    Idag = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(tid.GetUtcNow(), Norge).DateTime),
                    TillatSyntetiske = innstillinger.TillatSyntetiske,
                    Kodeverk = kodeverk,
                    Erstatning = utfall,
                    ForrigeMaaned = await HentGjeldendeAsync(tx, opplysningspliktig, m.LeggTil(-1), null, ct),
                    SammeMaaned = await HentGjeldendeAsync(tx, opplysningspliktig, m, erstattet, ct) ?? [],
                    Enhetsregister = enhetsregister is { ErLastet: true } ? enhetsregister : null,
                };
                avvik.AddRange(Kontrollkatalog.Kontroller(leveranse, kontekst));
                if (utfall == Erstatningsutfall.Ok)
                {
                    erstatter = erstattet;
                }
            }
        }

        var avvist = leveranse is null || HarAvvisning(avvik);
        var mottaksId = Guid.CreateVersion7(tid.GetUtcNow());
        await tx.LagreAsync(
            new NyMelding(
                MottaksId: mottaksId,
                Avsender: forespoersel.Avsender,
                Mottatt: tid.GetUtcNow(),
                Format: forespoersel.Format == Meldingsformat.Json ? "json" : "xml",
                Opplysningspliktig: opplysningspliktig,
                Kalendermaaned: maaned,
                MeldingsId: meldingsId,
                ErstatterMeldingsId: leveranse?.ErstatterMeldingsId,
                Avvist: avvist,
                Innholdshash: innholdshash,
                Omfang: Tell(leveranse),
                Avvik: avvik,
                Raa: forespoersel.Innhold,
                Parsed: kanonisk,
                Erstatter: avvist ? null : erstatter,
                Idempotensnoekkel: forespoersel.Idempotensnoekkel,
                ForespoerselHash: forespoerselHash,
                Pensjonsinnretninger: leveranse?.Pensjonsinnretninger),
            ct);
        await tx.CommitAsync(ct);
        return new Mottaksresultat(Mottaksutfall.Mottatt, await store.HentKvitteringAsync(mottaksId, ct));
    }

    private static bool HarAvvisning(List<Avvik> avvik) => avvik.Exists(a => a.Alvorlighetsgrad == Alvorlighetsgrad.Avvisning);

    /// <summary>Rule 166-B: the replaced melding must exist, be of the same opplysningspliktig and month, and not be replaced already.</summary>
    private static async Task<(Erstatningsutfall Utfall, Guid? Erstattet)> VurderErstatningAsync(
        IMottaksTransaksjon tx, Leveranse leveranse, string opplysningspliktig, Kalendermaaned maaned, CancellationToken ct)
    {
        if (leveranse.ErstatterMeldingsId is not { } erstatterId)
        {
            return (Erstatningsutfall.IkkeErstatning, null);
        }

        // Looked up under the sender's own opplysningspliktig: another's melding is, to this sender, unknown.
        var maal = await tx.FinnAkseptertAsync(opplysningspliktig, erstatterId, ct);
        if (maal is null)
        {
            return (Erstatningsutfall.UkjentMelding, null);
        }

        if (maal.Kalendermaaned != maaned)
        {
            return (Erstatningsutfall.AnnenOpplysningspliktigEllerMaaned, null);
        }

        return maal.Status == Meldingsstatus.Erstattet
            ? (Erstatningsutfall.AlleredeErstattet, null)
            : (Erstatningsutfall.Ok, maal.MottaksId);
    }

    private async Task<IReadOnlyList<Leveranse>?> HentGjeldendeAsync(
        IMottaksTransaksjon tx, string opplysningspliktig, Kalendermaaned maaned, Guid? unntatt, CancellationToken ct)
    {
        var gjeldende = await tx.HentGjeldendeAsync(opplysningspliktig, maaned, ct);
        if (gjeldende.Count == 0)
        {
            return null;
        }

        var resultat = new List<Leveranse>(gjeldende.Count);
        foreach (var (mottaksId, parsed) in gjeldende)
        {
            if (mottaksId == unntatt)
            {
                continue;
            }

            if (AMeldingLeser.Les(parsed, erJson: true, innstillinger.Grenser).Leveranse is { } l)
            {
                resultat.Add(l);
            }
        }

        return resultat;
    }

    public static Meldingsomfang Tell(Leveranse? leveranse)
    {
        if (leveranse is null)
        {
            return new Meldingsomfang(0, 0, 0);
        }

        int mottakere = 0, arbeidsforhold = 0;
        foreach (var v in leveranse.Virksomheter)
        {
            mottakere += v.Inntektsmottakere.Count;
            foreach (var i in v.Inntektsmottakere)
            {
                arbeidsforhold += i.Arbeidsforhold.Count;
            }
        }

        return new Meldingsomfang(leveranse.Virksomheter.Count, mottakere, arbeidsforhold);
    }

    private static TimeZoneInfo FinnNorskTidssone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.Utc;
        }
    }
}

/// <summary>Configuration of intake (section <c>Aareg:Mottak</c> plus <c>Aareg:Identer</c>).</summary>
public sealed class MottaksInnstillinger
{
    /// <summary>Largest accepted body (API §5: default 50 MB).</summary>
    public long MaksStoerrelse { get; set; } = 50L * 1024 * 1024;

    /// <summary>Accept synthetic test idents (Tenor/NAV); only in test and demo profiles.</summary>
    public bool TillatSyntetiske { get; set; }

    public LeseGrenser Grenser { get; set; } = LeseGrenser.Standard;

    /// <summary>Opplysningspliktig orgnr → orgnrs (payroll vendors, accountants) it has delegated intake to.</summary>
    public Dictionary<string, List<string>> Delegeringer { get; init; } = [];

    /// <summary>API §5: the sender is the opplysningspliktig itself, or someone it has delegated to.</summary>
    public bool KanSendeFor(string opplysningspliktig, string? consumer, string? supplier, string? pid)
    {
        if (consumer == opplysningspliktig || pid == opplysningspliktig)
        {
            return true;
        }

        return Delegeringer.TryGetValue(opplysningspliktig, out var delegerte)
            && ((supplier is not null && delegerte.Contains(supplier)) || (consumer is not null && delegerte.Contains(consumer)));
    }
}
