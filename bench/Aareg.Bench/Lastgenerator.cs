using System.Diagnostics;
using System.Net;

namespace Aareg.Bench;

/// <summary>One open-loop run: every request's intended send time, latency from that time, and status.</summary>
internal sealed record Lastresultat(int Rate, double Sekunder, double[] PlanlagtMs, double[] LatensMs, int[] Status, int[] Bytes)
{
    public int Feil => Status.Count(s => s is < 200 or >= 300);

    public int Treff => Bytes.Count(b => b > 2);

    public Fordeling Fordeling(Func<double, bool>? utvalg = null) =>
        Bench.Fordeling.Av(Enumerable.Range(0, LatensMs.Length)
            .Where(i => utvalg is null || utvalg(PlanlagtMs[i]))
            .Select(i => LatensMs[i]).ToArray());

    public int OverEttSekund(Func<double, bool>? utvalg = null) =>
        Enumerable.Range(0, LatensMs.Length).Count(i => (utvalg is null || utvalg(PlanlagtMs[i])) && LatensMs[i] > 1000);
}

/// <summary>
/// Constant-rate, open-loop load: the send times are fixed in advance (start + i/rate) and each latency is measured
/// from its intended send time, so a stalled server is charged for every request it delayed (no coordinated
/// omission). A dedicated thread releases the requests; responses complete on the thread pool.
/// </summary>
internal sealed class Lastgenerator : IDisposable
{
    private readonly HttpClient _klient;

    public Lastgenerator(Uri baseAdresse)
    {
        _klient = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 512,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
        })
        {
            BaseAddress = baseAdresse,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public HttpClient Klient => _klient;

    /// <summary>Epoch of the <see cref="Lastresultat.PlanlagtMs"/> values (Stopwatch ticks).</summary>
    public static double MsSiden(long epoke, long tikk) => (tikk - epoke) * 1000.0 / Stopwatch.Frequency;

    public async Task<Lastresultat> KjoerAsync(int rate, TimeSpan varighet, Func<int, HttpRequestMessage> lag, long? epoke = null)
    {
        var n = Math.Max(1, (int)(rate * varighet.TotalSeconds));
        var planlagtMs = new double[n];
        var latens = new double[n];
        var status = new int[n];
        var bytes = new int[n];
        var oppgaver = new Task[n];
        var start = Stopwatch.GetTimestamp() + (Stopwatch.Frequency / 50);
        var referanse = epoke ?? start;
        var tikkPerForespoersel = Stopwatch.Frequency / (double)rate;

        var planlegger = new Thread(() =>
        {
            for (var i = 0; i < n; i++)
            {
                var planlagt = start + (long)(i * tikkPerForespoersel);
                while (true)
                {
                    var igjen = planlagt - Stopwatch.GetTimestamp();
                    if (igjen <= 0)
                    {
                        break;
                    }

                    // Sleep while more than ~1.2 ms remain; closer than that, yield rather than spin, so the
                    // scheduler never holds a core the service (on the same 2-core machine) could use.
                    if (igjen > Stopwatch.Frequency * 12 / 10_000)
                    {
                        Thread.Sleep(1);
                    }
                    else
                    {
                        Thread.Yield();
                    }
                }

                planlagtMs[i] = MsSiden(referanse, planlagt);
                oppgaver[i] = SendAsync(i, planlagt, lag, latens, status, bytes);
            }
        })
        {
            IsBackground = true,
            Name = "lastgenerator",
            Priority = ThreadPriority.AboveNormal,
        };
        planlegger.Start();
        await Task.Run(planlegger.Join);
        await Task.WhenAll(oppgaver);
        return new Lastresultat(rate, varighet.TotalSeconds, planlagtMs, latens, status, bytes);
    }

    private async Task SendAsync(int i, long planlagt, Func<int, HttpRequestMessage> lag, double[] latens, int[] status, int[] bytes)
    {
        try
        {
            using var foresporsel = lag(i);
            using var svar = await _klient.SendAsync(foresporsel, HttpCompletionOption.ResponseContentRead);
            var innhold = await svar.Content.ReadAsByteArrayAsync();
            status[i] = (int)svar.StatusCode;
            bytes[i] = innhold.Length;
        }
        catch (HttpRequestException)
        {
            status[i] = -1;
        }
        catch (TaskCanceledException)
        {
            status[i] = -2;
        }

        latens[i] = MsSiden(planlagt, Stopwatch.GetTimestamp());
    }

    /// <summary>
    /// The highest constant rate whose p99 stays within <paramref name="grenseMs"/> without errors: doubling from
    /// <paramref name="fra"/>, then bisecting twice between the last pass and the first failure.
    /// </summary>
    public async Task<(int MaksRate, List<(int Rate, Fordeling F, int Feil)> Steg)> SoekMaksRateAsync(
        int fra, int tak, TimeSpan stegvarighet, double grenseMs, Func<int, HttpRequestMessage> lag)
    {
        var steg = new List<(int, Fordeling, int)>();
        async Task<bool> ProevAsync(int rate)
        {
            var r = await KjoerAsync(rate, stegvarighet, lag);
            var f = r.Fordeling();
            steg.Add((rate, f, r.Feil));
            await Task.Delay(300);
            return r.Feil == 0 && f.P99 <= grenseMs;
        }

        int bestaatt = 0, feilet = 0;
        for (var rate = fra; rate <= tak; rate *= 2)
        {
            if (await ProevAsync(rate))
            {
                bestaatt = rate;
            }
            else
            {
                feilet = rate;
                break;
            }
        }

        for (var runde = 0; runde < 2 && feilet > 0 && bestaatt > 0 && feilet - bestaatt > fra / 2; runde++)
        {
            var midt = (bestaatt + feilet) / 2;
            if (await ProevAsync(midt))
            {
                bestaatt = midt;
            }
            else
            {
                feilet = midt;
            }
        }

        return (bestaatt, steg);
    }

    public void Dispose() => _klient.Dispose();
}
