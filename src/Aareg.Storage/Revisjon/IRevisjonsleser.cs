using Aareg.Domain.Revisjon;

namespace Aareg.Storage.Revisjon;

/// <summary>An audit record with its place in the chain.</summary>
public sealed record LagretRevisjon(long Sekvensnummer, Oppslagsrevisjon Post);

/// <summary>The chain head: the last record's sequence number and hash.</summary>
public sealed record Kjedehode(long Sekvensnummer, byte[] Hash);

/// <summary>A signed checkpoint as kept in the store, with the public key that verifies it (PEM, SPKI).</summary>
public sealed record LagretSjekkpunkt(Sjekkpunkt Sjekkpunkt, string OffentligNokkelPem);

/// <summary>
/// Reading the audit log (API §8): the person's insight, the SIEM export and the chain verification. Separate from
/// <see cref="IRevisjonslogg"/> so the lookup path can only append.
/// </summary>
public interface IRevisjonsleser
{
    /// <summary>Records about any of <paramref name="identer"/> with time in [<paramref name="fra"/>, <paramref name="til"/>), oldest first.</summary>
    Task<IReadOnlyList<LagretRevisjon>> HentForPersonAsync(
        IReadOnlyCollection<string> identer, DateTimeOffset? fra, DateTimeOffset? til, CancellationToken ct = default);

    /// <summary>All records with time in [<paramref name="fra"/>, <paramref name="til"/>), in sequence order.</summary>
    IAsyncEnumerable<LagretRevisjon> LesAsync(DateTimeOffset? fra, DateTimeOffset? til, CancellationToken ct = default);

    /// <summary>The chain as stored, in sequence order, for <see cref="Kjedeverifisering"/>.</summary>
    IAsyncEnumerable<Kjedepost> LesKjedeAsync(CancellationToken ct = default);

    Task<Kjedehode?> HentHodeAsync(CancellationToken ct = default);

    Task LagreSjekkpunktAsync(LagretSjekkpunkt sjekkpunkt, CancellationToken ct = default);

    Task<LagretSjekkpunkt?> HentSisteSjekkpunktAsync(CancellationToken ct = default);
}
