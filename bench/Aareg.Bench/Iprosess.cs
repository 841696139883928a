using System.Diagnostics;
using System.Text.Json;
using Aareg.Api.Oppslag;
using Aareg.Domain.Kodeverk;
using Aareg.Storage.Valg;

namespace Aareg.Bench;

internal sealed record Uttrekksresultat(TimeSpan Tid, long Rader, long Bytes, long RssStartKb, long RssToppKb);

internal sealed record Stroemresultat(TimeSpan Tid, long Hendelser, long Hull, long Duplikater, long Foerste, long Siste, IReadOnlyList<long> Ider);

/// <summary>
/// W5 and W6 run in the harness's process against the product's store, because the service has no extract or feed
/// endpoint yet; they use the same store interface and v2 mapper the endpoints would, and open the store the way the
/// service does (<see cref="Lagringsvalg"/>), so they measure whichever store <c>--store</c> chose.
/// </summary>
internal static class Iprosess
{
    /// <summary>W5: every opplysningspliktig's current arbeidsforhold, pages of 1000, v2 JSON, one per line, streamed to a file.</summary>
    public static async Task<Uttrekksresultat> UttrekkAsync(Lagringsvalg lager, string utFil)
    {
        GC.Collect();
        await using var rss = new RssMaaler();
        var klokke = Stopwatch.StartNew();
        long rader = 0;
        await using (var lagring = lager.Aapne())
        await using (var ut = new FileStream(utFil, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            var store = lagring.LagRegister(null);
            var mapper = new ArbeidsforholdMapper(Kodeverkkatalog.Standard);
            var valg = new Oppslagsvalg();
            using var w = new Utf8JsonWriter(ut);
            foreach (var op in await store.HentOpplysningspliktigeAsync())
            {
                for (var start = 0; ; start += 1000)
                {
                    var side = await store.HentForOpplysningspliktigAsync(op, null, start, 1000);
                    foreach (var lagret in side.Arbeidsforhold)
                    {
                        JsonSerializer.Serialize(w, mapper.Map(lagret, [], valg), OppslagJsonContext.Default.ArbeidsforholdDto);
                        w.Flush();
                        ut.WriteByte((byte)'\n');
                        w.Reset();
                        rader++;
                    }

                    if (side.Arbeidsforhold.Count < 1000)
                    {
                        break;
                    }
                }
            }
        }

        klokke.Stop();
        await rss.DisposeAsync();
        return new Uttrekksresultat(klokke.Elapsed, rader, new FileInfo(utFil).Length, rss.StartKb, rss.ToppKb);
    }

    /// <summary>W6: the change events from sekvensnummer 0 in pages of 10,000, checking for gaps and duplicates.</summary>
    /// <summary>
    /// Waits until the service's register worker has applied every queued melding (polls the queue's depth once a
    /// second), as a <see cref="Kjoering"/> of the wait: code 0 when the queue emptied, 1 when it did not in time.
    /// </summary>
    public static async Task<Kjoering> VentPaaTomKoAsync(Lagringsvalg lager, TimeSpan tidsgrense)
    {
        var klokke = System.Diagnostics.Stopwatch.StartNew();
        await using var lagring = lager.Aapne();
        var register = lagring.LagRegister(null);
        long igjen;
        while ((igjen = await register.TellUanvendteAsync()) > 0 && klokke.Elapsed < tidsgrense)
        {
            await Task.Delay(1000);
        }

        return new Kjoering(klokke.Elapsed, 0, igjen == 0 ? 0 : 1, $"{igjen} meldinger ikke anvendt etter {klokke.Elapsed.TotalSeconds:F0} s");
    }

    public static async Task<Stroemresultat> StroemAsync(Lagringsvalg lager, bool samleIder = false)
    {
        var klokke = Stopwatch.StartNew();
        long antall = 0, hull = 0, duplikater = 0, forrige = 0, foerste = 0;
        var ider = new HashSet<long>();
        await using (var lagring = lager.Aapne())
        {
            var store = lagring.LagRegister(null);
            var fra = 0L;
            while (true)
            {
                var side = await store.HentHendelserAsync(fra, 10_000);
                if (side.Count == 0)
                {
                    break;
                }

                foreach (var h in side)
                {
                    if (antall == 0)
                    {
                        foerste = h.Sekvensnummer;
                    }
                    else if (h.Sekvensnummer <= forrige)
                    {
                        duplikater++;
                    }
                    else if (h.Sekvensnummer != forrige + 1)
                    {
                        hull += h.Sekvensnummer - forrige - 1;
                    }

                    forrige = Math.Max(forrige, h.Sekvensnummer);
                    antall++;
                    if (samleIder)
                    {
                        ider.Add(h.NavArbeidsforholdId);
                    }
                }

                fra = forrige + 1;
            }
        }

        klokke.Stop();
        return new Stroemresultat(klokke.Elapsed, antall, hull, duplikater, foerste, forrige, [.. ider]);
    }
}
