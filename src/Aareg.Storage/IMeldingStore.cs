using Aareg.Domain.Tid;

namespace Aareg.Storage;

/// <summary>
/// The append-only store of received a-meldinger (API §5). Rows are never updated or deleted: the status
/// <c>Erstattet</c> and <c>Behandlet</c> are recorded as separate facts. Implemented by each backend.
/// </summary>
public interface IMeldingStore
{
    /// <summary>Creates the schema or brings it up to date; a no-op when it is current.</summary>
    Task MigrerAsync(CancellationToken ct = default);

    /// <summary>
    /// Starts the write unit for one melding. Receipts for the same opplysningspliktig are serialised (the
    /// replace-once rule and meldingsId uniqueness are checked and written inside it); the melding is durable
    /// on disk when <see cref="IMottaksTransaksjon.CommitAsync"/> returns.
    /// </summary>
    Task<IMottaksTransaksjon> StartMottakAsync(string? opplysningspliktig, CancellationToken ct = default);

    Task<Kvittering?> HentKvitteringAsync(Guid mottaksId, CancellationToken ct = default);

    /// <summary>All meldinger of an opplysningspliktig and month, in order of receipt (valid, replaced and rejected).</summary>
    Task<IReadOnlyList<Kvittering>> HentMaanedAsync(string opplysningspliktig, Kalendermaaned maaned, CancellationToken ct = default);

    /// <summary>The raw bytes exactly as received.</summary>
    Task<byte[]?> HentRaaAsync(Guid mottaksId, CancellationToken ct = default);

    /// <summary>Counts by status, for health and the import summary.</summary>
    Task<long> TellAsync(CancellationToken ct = default);
}

/// <summary>One melding's write unit. Disposing without commit rolls back.</summary>
public interface IMottaksTransaksjon : IAsyncDisposable
{
    /// <summary>An Idempotency-Key already used by this sender (checked inside the write unit, so two racing requests can't both pass).</summary>
    Task<Idempotensoppfoering?> FinnIdempotensAsync(string avsender, string noekkel, CancellationToken ct = default);

    /// <summary>A stored melding (accepted or rejected) with the same opplysningspliktig, meldingsId and content.</summary>
    Task<Kvittering?> FinnLikAsync(string opplysningspliktig, string meldingsId, byte[] innholdshash, CancellationToken ct = default);

    /// <summary>The accepted (not rejected) melding with this meldingsId, replaced or not.</summary>
    Task<Kvittering?> FinnAkseptertAsync(string opplysningspliktig, string meldingsId, CancellationToken ct = default);

    /// <summary>The canonical parsed form of the meldinger in force (accepted, not replaced) for a month.</summary>
    Task<IReadOnlyList<(Guid MottaksId, byte[] Parsed)>> HentGjeldendeAsync(string opplysningspliktig, Kalendermaaned maaned, CancellationToken ct = default);

    /// <summary>Stores the melding, its replacement link, the register queue entry and the Idempotency-Key.</summary>
    Task LagreAsync(NyMelding melding, CancellationToken ct = default);

    Task CommitAsync(CancellationToken ct = default);
}
