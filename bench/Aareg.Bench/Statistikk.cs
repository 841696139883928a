namespace Aareg.Bench;

/// <summary>Percentiles of a latency sample (milliseconds), nearest-rank on the sorted sample.</summary>
internal sealed record Fordeling(int Antall, double P50, double P99, double P999, double Maks)
{
    public static Fordeling Av(IReadOnlyCollection<double> verdier)
    {
        if (verdier.Count == 0)
        {
            return new Fordeling(0, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        var s = verdier.ToArray();
        Array.Sort(s);
        return new Fordeling(s.Length, Rang(s, 0.50), Rang(s, 0.99), Rang(s, 0.999), s[^1]);
    }

    private static double Rang(double[] sortert, double andel)
    {
        var i = (int)Math.Ceiling(andel * sortert.Length) - 1;
        return sortert[Math.Clamp(i, 0, sortert.Length - 1)];
    }
}

/// <summary>Resident-set figures of a Linux process from /proc/&lt;pid&gt;/status (kB).</summary>
internal static class Minne
{
    public static long? Les(int pid, string felt)
    {
        try
        {
            foreach (var linje in File.ReadLines($"/proc/{pid}/status"))
            {
                if (linje.StartsWith(felt + ":", StringComparison.Ordinal))
                {
                    var tall = linje[(felt.Length + 1)..].Trim().Split(' ')[0];
                    return long.Parse(tall, System.Globalization.CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
            // The process ended between two samples; the caller keeps the last value it saw.
        }
        catch (UnauthorizedAccessException)
        {
        }

        return null;
    }

    public static long EgenRssKb() => Les(Environment.ProcessId, "VmRSS") ?? Environment.WorkingSet / 1024;
}

/// <summary>Samples the harness's own RSS in the background, for the in-process workloads' memory growth.</summary>
internal sealed class RssMaaler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopp = new();
    private readonly Task _maaling;

    public RssMaaler()
    {
        StartKb = Minne.EgenRssKb();
        ToppKb = StartKb;
        _maaling = Task.Run(async () =>
        {
            while (!_stopp.IsCancellationRequested)
            {
                ToppKb = Math.Max(ToppKb, Minne.EgenRssKb());
                try
                {
                    await Task.Delay(20, _stopp.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        });
    }

    public long StartKb { get; }

    public long ToppKb { get; private set; }

    private bool _stoppet;

    public async ValueTask DisposeAsync()
    {
        if (_stoppet)
        {
            return;
        }

        _stoppet = true;
        await _stopp.CancelAsync();
        await _maaling;
        ToppKb = Math.Max(ToppKb, Minne.EgenRssKb());
        _stopp.Dispose();
    }
}
