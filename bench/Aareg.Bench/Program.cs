using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aareg.Storage.Valg;

namespace Aareg.Bench;

/// <summary>Command-line options (see bench/README.md).</summary>
internal sealed record Valg(
    double Skala,
    string Lager,
    string Ut,
    IReadOnlySet<string> Arbeidslaster,
    int Seed,
    string Arbeidsmappe,
    TimeSpan Varighet,
    TimeSpan Stegvarighet,
    string? Pg)
{
    public static Valg Les(string[] args)
    {
        var verdier = new Dictionary<string, string>(StringComparer.Ordinal);
        var hurtig = false;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--quick")
            {
                hurtig = true;
            }
            else if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length)
            {
                verdier[args[i][2..]] = args[++i];
            }
            else
            {
                throw new ArgumentException($"Ukjent argument: {args[i]}");
            }
        }

        string Hent(string navn, string standard) => verdier.GetValueOrDefault(navn, standard);
        var skala = double.Parse(Hent("scale", "0.01"), CultureInfo.InvariantCulture);
        if (skala is not (0.001 or 0.01 or 0.1 or 1))
        {
            throw new ArgumentException("--scale må være 0.001, 0.01, 0.1 eller 1.");
        }

        var lager = Hent("store", "sqlite");
        if (lager is not ("sqlite" or "postgres"))
        {
            throw new ArgumentException("--store må være sqlite eller postgres.");
        }

        // A server given on the command line or in the environment; none: the harness starts its own cluster.
        var pg = verdier.GetValueOrDefault("pg") ?? Environment.GetEnvironmentVariable("AAREG_BENCH_PG");

        var alle = new[] { "W1", "W2", "W3", "W4", "W5", "W6", "W7", "W9" };
        var valgte = verdier.TryGetValue("workloads", out var liste)
            ? liste.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(w => w.ToUpperInvariant()).ToHashSet()
            : alle.ToHashSet();
        var varighet = double.Parse(Hent("duration", hurtig ? "2" : "10"), CultureInfo.InvariantCulture);
        var steg = double.Parse(Hent("step-duration", hurtig ? "1" : "5"), CultureInfo.InvariantCulture);
        return new Valg(
            skala,
            lager,
            Path.GetFullPath(Hent("out", "results.json")),
            valgte,
            int.Parse(Hent("seed", "1"), CultureInfo.InvariantCulture),
            Path.GetFullPath(Hent("work", Path.Combine(Path.GetTempPath(), "aareg-bench"))),
            TimeSpan.FromSeconds(varighet),
            TimeSpan.FromSeconds(steg),
            string.IsNullOrWhiteSpace(pg) ? null : pg);
    }
}

internal static class Program
{
    private static readonly JsonSerializerOptions Innrykket = new() { WriteIndented = true };

    public static async Task<int> Main(string[] args)
    {
        Valg valg;
        try
        {
            valg = Valg.Les(args);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 2;
        }

        var kjoering = new Benchmark(valg, Produkt.Finn());
        var resultat = await kjoering.KjoerAsync();
        await File.WriteAllTextAsync(valg.Ut, resultat.ToJsonString(Innrykket));
        Logg.Skriv($"Skrev {valg.Ut}");
        var problemer = kjoering.Problemer;
        foreach (var p in problemer)
        {
            await Console.Error.WriteLineAsync("HARNESS-FEIL: " + p);
        }

        return problemer.Count == 0 ? 0 : 1;
    }
}

/// <summary>One run of the suite: floors, then the workloads, into one results document.</summary>
internal sealed class Benchmark(Valg valg, Produkt produkt)
{
    private const double P99GrenseMs = 10;
    private readonly JsonObject _gulv = [];
    private readonly JsonObject _laster = [];
    private readonly JsonArray _maal = [];

    /// <summary>Signs that the harness itself is broken (errors or empty answers where there must be data); fail CI on these only.</summary>
    public List<string> Problemer { get; } = [];

    private bool Med(string w) => valg.Arbeidslaster.Contains(w);

    public async Task<JsonObject> KjoerAsync()
    {
        var commit = produkt.GitCommit();
        var arbeid = valg.Arbeidsmappe;
        Directory.CreateDirectory(arbeid);
        var miljoe = new Dictionary<string, string> { ["Aareg__Identer__TillatSyntetiske"] = "true" };
        var data = Data.Generer(arbeid, valg.Skala, valg.Seed);
        if (valg.Lager != "postgres")
        {
            var basis = await data.BasisAsync(produkt, arbeid, commit, miljoe);
            var kjoeremappe = Kjoeremappe(arbeid);
            var datamappe = Data.Kopier(basis, Path.Combine(kjoeremappe, "data"));
            var lager = new Lager(datamappe, new Lagringsvalg("Sqlite", null, null, datamappe), new Dictionary<string, string>(), null, null);
            return await KjoerAsync(data, commit, kjoeremappe, miljoe, lager);
        }

        await using var pg = await PostgresTjener.StartAsync(valg.Pg, arbeid);
        // Ctrl+C: an own cluster is stopped and removed rather than left running in the work folder.
        ConsoleCancelEventHandler avbryt = (_, _) => pg.StoppNaa();
        Console.CancelKeyPress += avbryt;
        string? kjoeredb = null;
        string? kjoeremappePg = null;
        try
        {
            var basis = await data.BasisPostgresAsync(produkt, pg, arbeid, commit, miljoe);
            kjoeremappePg = Kjoeremappe(arbeid);
            var datamappe = Path.Combine(kjoeremappePg, "data");
            Directory.CreateDirectory(datamappe);
            kjoeredb = PostgresTjener.Databasenavn("aareg_bench_run_" + Path.GetFileName(kjoeremappePg)[4..]);
            await pg.OpprettAsync(kjoeredb, basis);
            Logg.Skriv($"Kjøredatabase {kjoeredb} (kopi av {basis})");
            var tilkobling = pg.Database(kjoeredb);
            var lagerMiljoe = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["Aareg__Storage__Provider"] = "Postgres",
                ["ConnectionStrings__Aareg"] = tilkobling,
            };
            var lager = new Lager(datamappe, new Lagringsvalg("Postgres", tilkobling, null, datamappe), lagerMiljoe, pg, tilkobling);
            return await KjoerAsync(data, commit, kjoeremappePg, miljoe, lager);
        }
        finally
        {
            Console.CancelKeyPress -= avbryt;
            if (kjoeredb is not null)
            {
                await pg.SlettAsync(kjoeredb);
            }

            if (pg.Loggfil is { } logg && kjoeremappePg is not null && File.Exists(logg))
            {
                File.Copy(logg, Path.Combine(kjoeremappePg, "postgres.log"), overwrite: true);
            }
        }
    }

    private static string Kjoeremappe(string arbeid) =>
        Path.Combine(arbeid, "run-" + DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));

    /// <summary>
    /// The store one run measures, and where each part finds it: the data folder (the command line's --data, the
    /// service's Aareg__DataDirectory; SQLite's aareg.db is there), the settings the in-process workloads open it with,
    /// the environment the command line and the service get for it, and the PostgreSQL server and run database.
    /// </summary>
    private sealed record Lager(
        string Datamappe, Lagringsvalg Valg, IReadOnlyDictionary<string, string> Miljoe, PostgresTjener? Pg, string? Tilkobling);

    private async Task<JsonObject> KjoerAsync(Data data, string commit, string kjoeremappe, Dictionary<string, string> grunnmiljoe, Lager lager)
    {
        var datamappe = lager.Datamappe;
        var dbFil = Path.Combine(datamappe, "aareg.db");
        var miljoe = new Dictionary<string, string>(grunnmiljoe, StringComparer.Ordinal);
        foreach (var (k, v) in lager.Miljoe)
        {
            miljoe[k] = v;
        }

        Logg.Skriv($"Kjøremappe {kjoeremappe}");

        // Floors that need only the files: parse, write, point, http.
        var filer = data.Filer(2);
        var (parseTid, rader, xmlBytes) = Gulv.Parse(filer);
        Logg.Skriv($"parse-gulv: {filer.Count} filer, {rader.Count} arbeidsforhold, {parseTid.TotalSeconds:F2} s");
        var skrivTid = Gulv.Skriv(Path.Combine(kjoeremappe, "gulv-skriv.db"), rader);
        Logg.Skriv($"skriv-gulv: {skrivTid.TotalSeconds:F2} s");
        var personer = rader.Select(r => r.Person).Distinct(StringComparer.Ordinal).ToList();
        Stokk(personer);
        var punktVarighet = TimeSpan.FromSeconds(Math.Min(5, valg.Varighet.TotalSeconds));
        var (punktRate, punktLatens) = Gulv.Punkt(Path.Combine(kjoeremappe, "gulv-skriv.db"), personer, punktVarighet);
        Logg.Skriv($"punkt-gulv: {punktRate:F0}/s");
        _gulv["parse"] = new JsonObject { ["sekunder"] = parseTid.TotalSeconds, ["filer"] = filer.Count, ["arbeidsforhold"] = rader.Count, ["xmlBytes"] = xmlBytes, ["traader"] = 2 };
        _gulv["write"] = new JsonObject { ["sekunder"] = skrivTid.TotalSeconds, ["rader"] = rader.Count, ["radPerSekund"] = rader.Count / skrivTid.TotalSeconds, ["transaksjonsstoerrelse"] = 50_000 };
        _gulv["point"] = new JsonObject { ["oppslagPerSekund"] = punktRate, ["traader"] = 2, ["latensMs"] = Json(punktLatens) };
        var sqliteSkrivTid = skrivTid;
        if (lager.Pg is { } pg)
        {
            // The ratios compare the product with the floors of its own store: the PostgreSQL write and point floors
            // replace SQLite's, which stay in results.json (writeSqlite, pointSqlite) for comparison.
            (skrivTid, punktRate) = await PostgresGulvAsync(pg, rader, personer, punktVarighet, Path.GetFileName(kjoeremappe));
        }

        if (rader.Count == 0)
        {
            Problemer.Add("parse-gulvet fant ingen arbeidsforhold");
        }

        var httpGulvRate = await HttpGulvAsync();

        // W1: the month's import and apply through the command line, as an operator runs them.
        var w1Import = await Data.Sjekk(Kommandolinje.KjoerAsync(produkt, miljoe, "import", data.Maaned(2), "--data", datamappe, "--tillat-syntetiske"));
        var w1Anvend = await Data.Sjekk(Kommandolinje.KjoerAsync(produkt, miljoe, "anvend", "--data", datamappe));
        var w1Tid = w1Import.Tid + w1Anvend.Tid;
        Logg.Skriv($"W1: import {w1Import.Tid.TotalSeconds:F1} s, anvend {w1Anvend.Tid.TotalSeconds:F1} s");
        if (Med("W1"))
        {
            var forhold = w1Tid.TotalSeconds / (parseTid + skrivTid).TotalSeconds;
            _laster["W1"] = new JsonObject
            {
                ["maaned"] = Data.Foerste.LeggTil(1).ToString(),
                ["filer"] = filer.Count,
                ["importSekunder"] = w1Import.Tid.TotalSeconds,
                ["anvendSekunder"] = w1Anvend.Tid.TotalSeconds,
                ["totalSekunder"] = w1Tid.TotalSeconds,
                ["importToppRssMb"] = w1Import.ToppRssKb / 1024.0,
                ["anvendToppRssMb"] = w1Anvend.ToppRssKb / 1024.0,
                ["importForhold"] = w1Import.Tid.TotalSeconds / (parseTid + skrivTid).TotalSeconds,
                ["anvendForhold"] = w1Anvend.Tid.TotalSeconds / (parseTid + skrivTid).TotalSeconds,
                ["forhold"] = forhold,
                ["importUtskrift"] = Hale(w1Import.Utskrift),
                ["anvendUtskrift"] = Hale(w1Anvend.Utskrift),
            };
            if (lager.Pg is not null)
            {
                // For comparison only: the same wall time against SQLite's write floor.
                _laster["W1"]!["forholdMotSqliteSkrivegulv"] = w1Tid.TotalSeconds / (parseTid + sqliteSkrivTid).TotalSeconds;
            }

            Maal("W1", "tid ÷ (parse + write)", forhold, 2.0);
            Maal("W1", "topp-RSS MB (mål gjelder skala 1)", Math.Max(w1Import.ToppRssKb, w1Anvend.ToppRssKb) / 1024.0, 4096);
        }

        // Scan floor and the in-process bulk reads (service not running).
        var (scanTid, scanRader, scanBytes, gjeldendeIder) = lager.Tilkobling is { } pgTilkobling
            ? Gulv.ScanPostgres(pgTilkobling, Path.Combine(kjoeremappe, "gulv-scan.jsonl"))
            : Gulv.Scan(dbFil, Path.Combine(kjoeremappe, "gulv-scan.jsonl"));
        _gulv["scan"] = new JsonObject { ["sekunder"] = scanTid.TotalSeconds, ["rader"] = scanRader, ["bytes"] = scanBytes };
        Logg.Skriv($"scan-gulv: {scanRader} rader, {scanTid.TotalSeconds:F2} s");
        if (scanRader == 0)
        {
            Problemer.Add("scan-gulvet fant ingen gjeldende arbeidsforhold etter W1");
        }

        var stroem = await Iprosess.StroemAsync(lager.Valg);
        if (Med("W6"))
        {
            var perSek = stroem.Hendelser / stroem.Tid.TotalSeconds;
            _laster["W6"] = new JsonObject
            {
                ["merknad"] = "Ingen hendelses-endepunkt ennå: lest i prosess via IRegisterStore.HentHendelserAsync, sider på 10 000.",
                ["hendelser"] = stroem.Hendelser,
                ["sekunder"] = stroem.Tid.TotalSeconds,
                ["hendelserPerSekund"] = perSek,
                ["hull"] = stroem.Hull,
                ["duplikater"] = stroem.Duplikater,
                ["foersteSekvensnummer"] = stroem.Foerste,
                ["sisteSekvensnummer"] = stroem.Siste,
            };
            Maal("W6", "hendelser/s", perSek, 500_000, stoerreErBedre: true);
            Maal("W6", "hull + duplikater (hvile)", stroem.Hull + stroem.Duplikater, 0);
            if (stroem.Hendelser == 0)
            {
                Problemer.Add("W6 fant ingen hendelser");
            }
        }

        if (Med("W5"))
        {
            var u = await Iprosess.UttrekkAsync(lager.Valg, Path.Combine(kjoeremappe, "w5-uttrekk.jsonl"));
            var forhold = u.Tid.TotalSeconds / scanTid.TotalSeconds;
            var vekstMb = (u.RssToppKb - u.RssStartKb) / 1024.0;
            _laster["W5"] = new JsonObject
            {
                ["merknad"] = "Ingen uttrekks-endepunkt ennå: målt i prosess via IRegisterStore (alle opplysningspliktige, sider på 1000) + v2-mapperen, strømmet til fil.",
                ["rader"] = u.Rader,
                ["bytes"] = u.Bytes,
                ["sekunder"] = u.Tid.TotalSeconds,
                ["forhold"] = forhold,
                ["rssStartMb"] = u.RssStartKb / 1024.0,
                ["rssVekstMb"] = vekstMb,
            };
            Maal("W5", "tid ÷ scan", forhold, 2.0);
            Maal("W5", "RSS-vekst MB", vekstMb, 200);
            if (u.Rader == 0)
            {
                Problemer.Add("W5 skrev ingen arbeidsforhold");
            }
        }

        var oppstartsfil = Path.Combine(kjoeremappe, "avtaler.json");
        Tjeneste.SkrivOppstartsfil(oppstartsfil);
        var loggfil = Path.Combine(kjoeremappe, "tjeneste.log");
        // W3 asks for current arbeidsforhold only (a deleted one is a correct 404).
        var ider = gjeldendeIder;
        Stokk(ider);
        var idIndeks = new JsonObject();
        Fordeling? w2Hvile = null;
        string token;

        await using (var tjeneste = Tjeneste.Start(produkt, datamappe, oppstartsfil, loggfil, lager.Miljoe))
        using (var last = new Lastgenerator(tjeneste.Adresse))
        {
            var klar = await tjeneste.VentPaaAsync(async k => (await k.GetAsync(new Uri(tjeneste.Adresse, "/health/ready"))).IsSuccessStatusCode, last.Klient, TimeSpan.FromMinutes(5));
            Logg.Skriv($"Tjenesten klar etter {klar.TotalSeconds:F2} s (første start)");
            token = await Tjeneste.HentTokenAsync(last.Klient, tjeneste.Adresse);
            var auth = new AuthenticationHeaderValue("Bearer", token);

            HttpRequestMessage Person(int i)
            {
                var m = new HttpRequestMessage(HttpMethod.Get, "/api/v2/arbeidstaker/arbeidsforhold");
                m.Headers.Authorization = auth;
                m.Headers.Add("Nav-Personident", personer[i % personer.Count]);
                return m;
            }

            HttpRequestMessage Id(int i)
            {
                var m = new HttpRequestMessage(HttpMethod.Get, "/api/v2/arbeidsforhold/" + ider[i % ider.Count].ToString(CultureInfo.InvariantCulture));
                m.Headers.Authorization = auth;
                return m;
            }

            var minGulvRate = Math.Min(punktRate, httpGulvRate);
            if (Med("W2") || Med("W7"))
            {
                w2Hvile = await OppslagAsync("W2", last, Person, minGulvRate, Med("W2"));
            }

            if (Med("W3"))
            {
                await OppslagAsync("W3", last, Id, minGulvRate, true);
            }

            if (Med("W4"))
            {
                await OversiktAsync(last, auth, data.Info.StoersteArbeidsgiverOrgnr);
            }

            if (Med("W7"))
            {
                await UnderInntakAsync(last, Person, data, lager, miljoe, w2Hvile!);
            }

            _laster["tjeneste"] = new JsonObject { ["foersteStartTilKlarSekunder"] = klar.TotalSeconds, ["rssEtterLastMb"] = (tjeneste.RssKb() ?? 0) / 1024.0 };
        }

        if (Med("W9"))
        {
            await KaldstartAsync(lager, oppstartsfil, loggfil, token, personer);
        }

        _laster["W8"] = new JsonObject { ["hoppetOver"] = "Krasj-testen (kill -9 under W1, omstart, sammenligning med ren kjøring) er ikke bygget ennå." };

        var resultat = new JsonObject
        {
            ["maskin"] = Maskin(),
            ["dotnet"] = RuntimeInformation.FrameworkDescription,
            ["skala"] = valg.Skala,
            ["seed"] = valg.Seed,
            ["lager"] = valg.Lager,
            ["gitCommit"] = commit,
            ["tidspunkt"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            ["varighetSekunder"] = valg.Varighet.TotalSeconds,
            ["stegvarighetSekunder"] = valg.Stegvarighet.TotalSeconds,
            ["generering"] = new JsonObject
            {
                ["opplysningspliktige"] = data.Info.Opplysningspliktige,
                ["personer"] = data.Info.Personer,
                ["aktiveArbeidsforhold"] = data.Info.AktiveArbeidsforhold,
                ["stoersteArbeidsgiver"] = data.Info.StoersteArbeidsgiver,
                ["maaneder"] = $"{Data.Foerste} (historikk), {Data.Foerste.LeggTil(1)} (W1), {Data.Foerste.LeggTil(2)} (W7)",
            },
            ["gulv"] = _gulv,
            ["arbeidslaster"] = _laster,
            ["maal"] = _maal,
            ["harnessProblemer"] = new JsonArray([.. Problemer.Select(p => (JsonNode)p)]),
        };
        if (lager.Pg is { } server)
        {
            resultat["postgres"] = await server.BeskrivAsync();
        }

        return resultat;
    }

    /// <summary>
    /// The write and point floors on PostgreSQL, in a database of their own on the same server (dropped afterwards):
    /// see <see cref="Gulv.SkrivPostgres"/>. Returns the figures the ratios use.
    /// </summary>
    private async Task<(TimeSpan SkrivTid, double PunktRate)> PostgresGulvAsync(
        PostgresTjener pg, List<LestArbeidsforhold> rader, List<string> personer, TimeSpan punktVarighet, string kjoering)
    {
        var navn = PostgresTjener.Databasenavn("aareg_bench_gulv_" + kjoering[4..]);
        await pg.OpprettAsync(navn);
        try
        {
            var tilkobling = pg.Database(navn);
            var skrivTid = Gulv.SkrivPostgres(tilkobling, rader);
            Logg.Skriv($"skriv-gulv (PostgreSQL): {skrivTid.TotalSeconds:F2} s");
            var (punktRate, punktLatens) = Gulv.PunktPostgres(tilkobling, personer, punktVarighet);
            Logg.Skriv($"punkt-gulv (PostgreSQL): {punktRate:F0}/s");
            _gulv["writeSqlite"] = _gulv["write"]!.DeepClone();
            _gulv["pointSqlite"] = _gulv["point"]!.DeepClone();
            _gulv["write"] = new JsonObject
            {
                ["lager"] = "postgres",
                ["metode"] = "binær COPY av begge tabellene, én transaksjon (varig commit) per 50 000 rader",
                ["sekunder"] = skrivTid.TotalSeconds,
                ["rader"] = rader.Count,
                ["radPerSekund"] = rader.Count / skrivTid.TotalSeconds,
                ["transaksjonsstoerrelse"] = 50_000,
            };
            _gulv["point"] = new JsonObject { ["lager"] = "postgres", ["oppslagPerSekund"] = punktRate, ["traader"] = 2, ["latensMs"] = Json(punktLatens) };
            return (skrivTid, punktRate);
        }
        finally
        {
            await pg.SlettAsync(navn);
        }
    }

    private async Task<double> HttpGulvAsync()
    {
        var port = Tjeneste.LedigPort();
        await using var app = await Gulv.StartHttpAsync(port);
        using var last = new Lastgenerator(new Uri($"http://127.0.0.1:{port}"));
        static HttpRequestMessage Lag(int _) => new(HttpMethod.Get, "/gulv");
        await last.KjoerAsync(500, TimeSpan.FromSeconds(1), Lag);
        var ved1k = await last.KjoerAsync(1000, valg.Varighet, Lag);
        var (maks, steg) = await last.SoekMaksRateAsync(250, 64_000, valg.Stegvarighet, P99GrenseMs, Lag);
        _gulv["http"] = new JsonObject
        {
            ["svarBytes"] = 230,
            ["ved1000rps"] = Json(ved1k.Fordeling()),
            ["maksRpsP99Under10ms"] = maks,
            ["steg"] = Steg(steg),
        };
        Logg.Skriv($"http-gulv: maks {maks} rps (p99 ≤ 10 ms), p99 ved 1k {ved1k.Fordeling().P99:F2} ms");
        await app.StopAsync();
        return maks;
    }

    private async Task<Fordeling> OppslagAsync(string navn, Lastgenerator last, Func<int, HttpRequestMessage> lag, double minGulvRate, bool rapporter)
    {
        // Warm-up, and the harness check: the lookups must answer 200 and find something.
        var oppvarming = await last.KjoerAsync(100, TimeSpan.FromSeconds(2), lag);
        // Timeouts (an overloaded machine) are figures, not harness faults; refused connections and 4xx/5xx are —
        // except 404 by id: an arbeidsforhold removed by a correction between sampling and lookup is a correct answer
        // (the per-status counts in results.json show how many there were).
        static int Brudd(Lastresultat r) => r.Status.Count(s => s is -1 || (s >= 400 && s != 404));
        if (Brudd(oppvarming) > 0 || oppvarming.Treff == 0)
        {
            Problemer.Add($"{navn}: {oppvarming.Feil} feil og {oppvarming.Treff} treff av {oppvarming.Status.Length} i oppvarmingen (statuser: {string.Join(",", oppvarming.Status.Distinct())})");
        }

        var r100 = await last.KjoerAsync(100, valg.Varighet, lag);
        var r1k = await last.KjoerAsync(1000, valg.Varighet, lag);
        var (maks, steg) = await last.SoekMaksRateAsync(250, 64_000, valg.Stegvarighet, P99GrenseMs, lag);
        Logg.Skriv($"{navn}: p99 {r100.Fordeling().P99:F2} ms @100, {r1k.Fordeling().P99:F2} ms @1k, maks {maks} rps");
        if (Brudd(r100) > 0)
        {
            Problemer.Add($"{navn}: {Brudd(r100)} feilsvar ved 100 rps");
        }

        if (rapporter)
        {
            _laster[navn] = new JsonObject
            {
                ["ved100rps"] = Json(r100),
                ["ved1000rps"] = Json(r1k),
                ["maksRpsP99Under10ms"] = maks,
                ["minGulvRate"] = minGulvRate,
                ["steg"] = Steg(steg),
            };
            Maal(navn, "p99 ms ved 1000 rps", r1k.Fordeling().P99, 2.0);
            Maal(navn, "maks rps ÷ min(point, http)", maks / minGulvRate, 0.4, stoerreErBedre: true);
        }

        return r1k.Fordeling();
    }

    private async Task OversiktAsync(Lastgenerator last, AuthenticationHeaderValue auth, string orgnr)
    {
        var sider = new List<double>();
        var hele = new List<double>();
        long total = 0;
        var runder = -1; // round -1 warms up and is not counted
        var frist = Stopwatch.GetTimestamp() + (long)(valg.Varighet.TotalSeconds * Stopwatch.Frequency);
        while (runder < 3 || (Stopwatch.GetTimestamp() < frist && sider.Count < 1000))
        {
            var t0 = Stopwatch.GetTimestamp();
            for (var start = 0L; ; start += 1000)
            {
                using var m = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/opplysningspliktig/arbeidsforholdoversikt?startrad={start}&antall=1000");
                m.Headers.Authorization = auth;
                m.Headers.Add("Nav-Opplysningspliktigident", orgnr);
                var s0 = Stopwatch.GetTimestamp();
                using var svar = await last.Klient.SendAsync(m);
                var innhold = await svar.Content.ReadAsByteArrayAsync();
                if (runder >= 0)
                {
                    sider.Add(Lastgenerator.MsSiden(s0, Stopwatch.GetTimestamp()));
                }

                if (!svar.IsSuccessStatusCode)
                {
                    Problemer.Add($"W4: status {(int)svar.StatusCode}");
                    return;
                }

                total = JsonDocument.Parse(innhold).RootElement.GetProperty("totalAntall").GetInt64();
                if (start + 1000 >= total)
                {
                    break;
                }
            }

            if (runder >= 0)
            {
                hele.Add(Lastgenerator.MsSiden(t0, Stopwatch.GetTimestamp()));
            }

            runder++;
        }

        if (total == 0)
        {
            Problemer.Add("W4: største arbeidsgiver har ingen arbeidsforhold i registeret");
        }

        var f = Fordeling.Av(sider);
        _laster["W4"] = new JsonObject
        {
            ["opplysningspliktig"] = "største (generatorens StoersteArbeidsgiverOrgnr)",
            ["arbeidsforhold"] = total,
            ["sider"] = sider.Count,
            ["runder"] = runder,
            ["sideMs"] = Json(f),
            ["heleArbeidsgiverenMs"] = Json(Fordeling.Av(hele)),
        };
        Logg.Skriv($"W4: {total} arbeidsforhold, p99 per side {f.P99:F1} ms, hele {Fordeling.Av(hele).P50:F0} ms");
        Maal("W4", "p99 ms per side", f.P99, 20);
    }

    private async Task UnderInntakAsync(Lastgenerator last, Func<int, HttpRequestMessage> lag, Data data, Lager lager, IReadOnlyDictionary<string, string> miljoe, Fordeling hvile)
    {
        var datamappe = lager.Datamappe;
        // W1 for month 3 while the service answers: the command line imports, and the service's own register worker
        // applies the queue, as in production (a second applier beside it, such as `aareg anvend`, would only contend
        // for the same opplysningspliktige). The ingest ends when the queue is empty. W2 at 1k rps and W6 catch-up
        // loops run meanwhile.
        var forventet = (_laster["W1"]?["totalSekunder"]?.GetValue<double>() ?? 30) * 5 + 10;
        var varighet = TimeSpan.FromSeconds(Math.Min(900, forventet));
        var epoke = Stopwatch.GetTimestamp() + Stopwatch.Frequency;
        double fraMs = 0, tilMs = 0;
        var ferdig = new CancellationTokenSource();
        var inntak = Task.Run(async () =>
        {
            await Task.Delay(2000);
            fraMs = Lastgenerator.MsSiden(epoke, Stopwatch.GetTimestamp());
            var i = await Kommandolinje.KjoerAsync(produkt, miljoe, "import", data.Maaned(3), "--data", datamappe, "--tillat-syntetiske");
            var a = await Iprosess.VentPaaTomKoAsync(lager.Valg, TimeSpan.FromSeconds(Math.Max(120, forventet * 2)));
            tilMs = Lastgenerator.MsSiden(epoke, Stopwatch.GetTimestamp());
            await ferdig.CancelAsync();
            return (i, a);
        });
        var stroemmer = Task.Run(async () =>
        {
            var runder = new List<Stroemresultat>();
            while (!ferdig.IsCancellationRequested)
            {
                runder.Add(await Iprosess.StroemAsync(lager.Valg));
            }

            runder.Add(await Iprosess.StroemAsync(lager.Valg));
            return runder;
        });
        // One open-loop run long enough to cover the ingest (which slows down under load); the coverage is reported.
        var r = await last.KjoerAsync(1000, varighet, lag, epoke);
        var (imp, anv) = await inntak;
        var strom = await stroemmer;
        ferdig.Dispose();
        if (imp.Kode != 0 || anv.Kode != 0)
        {
            Problemer.Add($"W7: import feilet eller køen ble ikke tom i tide ({imp.Kode}/{anv.Kode})");
        }

        bool Under(double ms) => ms >= fraMs && ms <= tilMs;
        var under = r.Fordeling(Under);
        var dekning = Math.Min(1, (r.PlanlagtMs[^1] - fraMs) / Math.Max(1, tilMs - fraMs));
        var forhold = under.P99 / hvile.P99;
        var over1s = r.OverEttSekund(Under);
        _laster["W7"] = new JsonObject
        {
            ["inntakSekunder"] = (tilMs - fraMs) / 1000,
            ["importSekunder"] = imp.Tid.TotalSeconds,
            // From the end of the import until the service's worker had applied the whole queue.
            ["tilTomKoSekunder"] = anv.Tid.TotalSeconds,
            ["lastDekningAvInntaket"] = dekning,
            ["underInntak"] = Json(under),
            ["feilUnderInntak"] = Enumerable.Range(0, r.Status.Length).Count(i => Under(r.PlanlagtMs[i]) && r.Status[i] is < 200 or >= 300),
            ["over1s"] = over1s,
            ["hvileP99Ms"] = hvile.P99,
            ["forhold"] = forhold,
            ["w6UnderInntak"] = new JsonObject
            {
                ["runder"] = strom.Count,
                ["hull"] = strom.Sum(s => s.Hull),
                ["duplikater"] = strom.Sum(s => s.Duplikater),
                ["hendelserPerSekundMedian"] = Fordeling.Av(strom.Select(s => s.Hendelser / s.Tid.TotalSeconds).ToArray()).P50,
            },
        };
        if (imp.Kode != 0 || anv.Kode != 0)
        {
            // What the command line said, so a failed ingest under load can be diagnosed from results.json.
            _laster["W7"]!["importUtskrift"] = Hale(imp.Utskrift);
            _laster["W7"]!["koUtskrift"] = Hale(anv.Utskrift);
        }

        Logg.Skriv($"W7: p99 under inntak {under.P99:F2} ms (hvile {hvile.P99:F2}), over 1 s: {over1s}, inntak {(tilMs - fraMs) / 1000:F1} s");
        Maal("W7", "p99 under inntak ÷ p99 i hvile", forhold, 2.0);
        Maal("W7", "forespørsler over 1 s", over1s, 0);
        if (Med("W6"))
        {
            Maal("W6", "hull + duplikater under W1", strom.Sum(s => s.Hull + s.Duplikater), 0);
        }
    }

    private async Task KaldstartAsync(Lager lager, string oppstartsfil, string loggfil, string token, List<string> personer)
    {
        var tider = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            await using var tjeneste = Tjeneste.Start(produkt, lager.Datamappe, oppstartsfil, loggfil, lager.Miljoe);
            using var klient = new HttpClient();
            var tid = await tjeneste.VentPaaAsync(
                async k =>
                {
                    using var m = new HttpRequestMessage(HttpMethod.Get, new Uri(tjeneste.Adresse, "/api/v2/arbeidstaker/arbeidsforhold"));
                    m.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                    m.Headers.Add("Nav-Personident", personer[i]);
                    using var svar = await k.SendAsync(m);
                    return svar.IsSuccessStatusCode;
                },
                klient,
                TimeSpan.FromMinutes(5));
            tider.Add(tid.TotalSeconds);
        }

        var median = Fordeling.Av(tider).P50;
        _laster["W9"] = new JsonObject
        {
            ["merknad"] = "Prosessstart (dotnet Aareg.Api.dll) til første vellykkede oppslag på person, med lageret etter W1 (og W7).",
            ["sekunder"] = new JsonArray([.. tider.Select(t => (JsonNode)t)]),
            ["median"] = median,
        };
        Logg.Skriv($"W9: kaldstart median {median:F2} s");
        Maal("W9", "sekunder til første oppslag (mål gjelder nasjonalt lager)", median, 2.0);
    }

    private void Maal(string arbeidslast, string maaling, double verdi, double grense, bool stoerreErBedre = false)
    {
        var bestaatt = stoerreErBedre ? verdi >= grense : verdi <= grense;
        _maal.Add(new JsonObject
        {
            ["arbeidslast"] = arbeidslast,
            ["maaling"] = maaling,
            ["verdi"] = double.IsFinite(verdi) ? verdi : null,
            ["maal"] = (stoerreErBedre ? "≥ " : "≤ ") + grense.ToString(CultureInfo.InvariantCulture),
            ["bestaatt"] = bestaatt,
        });
    }

    private static JsonObject Json(Fordeling f) => new()
    {
        ["antall"] = f.Antall,
        ["p50"] = Tall(f.P50),
        ["p99"] = Tall(f.P99),
        ["p999"] = Tall(f.P999),
        ["maks"] = Tall(f.Maks),
    };

    private static JsonObject Json(Lastresultat r)
    {
        var o = Json(r.Fordeling());
        o["rate"] = r.Rate;
        o["sekunder"] = r.Sekunder;
        o["feil"] = r.Feil;
        o["statuser"] = new JsonObject(r.Status.GroupBy(s => s).OrderBy(g => g.Key)
            .Select(g => KeyValuePair.Create(g.Key.ToString(CultureInfo.InvariantCulture), (JsonNode?)g.Count())));
        o["over1s"] = r.OverEttSekund();
        return o;
    }

    private static JsonArray Steg(List<(int Rate, Fordeling F, int Feil)> steg) =>
        [.. steg.Select(s => (JsonNode)new JsonObject { ["rate"] = s.Rate, ["p99"] = Tall(s.F.P99), ["feil"] = s.Feil })];

    private static double? Tall(double d) => double.IsFinite(d) ? Math.Round(d, 3) : null;

    private static string Hale(string tekst) => tekst.Length <= 1500 ? tekst : tekst[^1500..];

    private static void Stokk<T>(List<T> liste)
    {
        // Deterministic order so two runs ask for the same idents; not security-relevant.
#pragma warning disable CA5394
        var rng = new Random(42);
        for (var i = liste.Count - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (liste[i], liste[j]) = (liste[j], liste[i]);
        }
#pragma warning restore CA5394
    }

    private static JsonObject Maskin()
    {
        string? modell = null;
        long minneKb = 0;
        try
        {
            modell = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim();
            var linje = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
            minneKb = long.Parse(linje.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            // Not Linux: leave the fields empty.
        }

        return new JsonObject
        {
            ["kjerner"] = Environment.ProcessorCount,
            ["minneGb"] = Math.Round(minneKb / 1024.0 / 1024.0, 1),
            ["os"] = RuntimeInformation.OSDescription,
            ["cpu"] = modell,
        };
    }
}
