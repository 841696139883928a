using System.Threading.Channels;

namespace Aareg.Storage.Revisjon;

/// <summary>
/// Group commit for the audit logs of both backends: concurrent <see cref="SkrivAsync"/> calls wait in one queue and
/// a single writer loop hands everything waiting at that moment (at most <paramref name="maksGruppe"/> calls) to
/// <paramref name="skrivGruppe"/> as one group — one transaction, one durable commit. Each call returns only after
/// its group committed, and fails with the group's exception when it did not: the lookup still fails closed.
/// </summary>
public sealed class Gruppeskriver(Func<IReadOnlyList<Oppslagsrevisjon>, Task> skrivGruppe, int maksGruppe = 1000)
{
    private readonly Channel<Skriving> _koe = Channel.CreateUnbounded<Skriving>(new UnboundedChannelOptions { SingleReader = true });
    private int _skriverStartet;

    /// <summary>Queues already validated records and waits until the group holding them has committed.</summary>
    public async Task SkrivAsync(IReadOnlyList<Oppslagsrevisjon> poster, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(poster);
        if (poster.Count == 0)
        {
            return;
        }

        var venter = new Skriving(poster, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_koe.Writer.TryWrite(venter))
        {
            throw new InvalidOperationException("Revisjonsloggen tar ikke imot flere poster.");
        }

        if (Interlocked.Exchange(ref _skriverStartet, 1) == 0)
        {
            _ = Task.Run(SkriverAsync, CancellationToken.None);
        }

        await venter.Ferdig.Task.WaitAsync(ct);
    }

    private sealed record Skriving(IReadOnlyList<Oppslagsrevisjon> Poster, TaskCompletionSource Ferdig);

    /// <summary>The single writer loop: takes everything queued, writes it as one group, completes the callers.</summary>
    private async Task SkriverAsync()
    {
        var gruppe = new List<Skriving>();
        while (await _koe.Reader.WaitToReadAsync())
        {
            gruppe.Clear();
            while (gruppe.Count < maksGruppe && _koe.Reader.TryRead(out var neste))
            {
                gruppe.Add(neste);
            }

            try
            {
                await skrivGruppe([.. gruppe.SelectMany(g => g.Poster)]);
                foreach (var g in gruppe)
                {
                    g.Ferdig.TrySetResult();
                }
            }
#pragma warning disable CA1031 // every failure is handed to the waiting callers, who fail their lookups
            catch (Exception e)
#pragma warning restore CA1031
            {
                foreach (var g in gruppe)
                {
                    g.Ferdig.TrySetException(e);
                }
            }
        }
    }
}
