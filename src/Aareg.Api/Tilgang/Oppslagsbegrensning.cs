using System.Threading.RateLimiting;

namespace Aareg.Api.Tilgang;

/// <summary>
/// The rate limit per consumer (API.md Errors: 429 with <c>Retry-After</c>): a token bucket per consumer holding the
/// agreement's <c>MaksOppslagPerMinutt</c> lookups, refilled one at a time across the minute. The buckets are
/// System.Threading.RateLimiting's.
/// </summary>
public sealed class Oppslagsbegrensning : IDisposable
{
    private readonly PartitionedRateLimiter<(string Konsument, int PerMinutt)> _begrenser =
        PartitionedRateLimiter.Create<(string Konsument, int PerMinutt), (string, int)>(noekkel =>
            RateLimitPartition.GetTokenBucketLimiter(noekkel, n => new TokenBucketRateLimiterOptions
            {
                TokenLimit = n.Item2,
                TokensPerPeriod = 1,
                ReplenishmentPeriod = TimeSpan.FromMinutes(1) / n.Item2,
                QueueLimit = 0,
                AutoReplenishment = true,
            }));

    /// <summary>Takes one lookup from the consumer's bucket; null when allowed, otherwise how long to wait.</summary>
    public TimeSpan? Ta(string konsument, int perMinutt)
    {
        ArgumentException.ThrowIfNullOrEmpty(konsument);
        ArgumentOutOfRangeException.ThrowIfLessThan(perMinutt, 1);
        using var lease = _begrenser.AttemptAcquire((konsument, perMinutt));
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var vent) ? vent : TimeSpan.FromMinutes(1) / perMinutt;
    }

    public void Dispose() => _begrenser.Dispose();
}
