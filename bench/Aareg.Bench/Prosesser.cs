using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;

namespace Aareg.Bench;

/// <summary>Where the Release builds of the product are, next to this harness in the same tree.</summary>
internal sealed record Produkt(string Rot, string ApiDll, string CliDll)
{
    public static Produkt Finn()
    {
        var mappe = new DirectoryInfo(AppContext.BaseDirectory);
        while (mappe is not null && !File.Exists(Path.Combine(mappe.FullName, "Aareg.slnx")))
        {
            mappe = mappe.Parent;
        }

        if (mappe is null)
        {
            throw new InvalidOperationException("Fant ikke Aareg.slnx over harnessens mappe.");
        }

        var rot = mappe.FullName;
        var api = Path.Combine(rot, "src/Aareg.Api/bin/Release/net10.0/Aareg.Api.dll");
        var cli = Path.Combine(rot, "src/Aareg.Cli/bin/Release/net10.0/aareg.dll");
        foreach (var dll in new[] { api, cli })
        {
            if (!File.Exists(dll))
            {
                throw new InvalidOperationException($"Mangler {dll}: kjør harnessen med `dotnet run -c Release --project bench/Aareg.Bench`.");
            }
        }

        return new Produkt(rot, api, cli);
    }

    public string GitCommit()
    {
        try
        {
            var psi = new ProcessStartInfo("git", "rev-parse HEAD") { WorkingDirectory = Rot, RedirectStandardOutput = true, RedirectStandardError = true };
            using var p = Process.Start(psi)!;
            var ut = p.StandardOutput.ReadToEnd().Trim();
            p.WaitForExit();
            return p.ExitCode == 0 ? ut : "ukjent";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "ukjent";
        }
    }
}

/// <summary>A finished command-line run: wall time, peak RSS (VmHWM) and its output.</summary>
internal sealed record Kjoering(TimeSpan Tid, long ToppRssKb, int Kode, string Utskrift);

internal static class Kommandolinje
{
    /// <summary>Runs <c>dotnet aareg.dll …</c> and samples its /proc status until it exits.</summary>
    public static async Task<Kjoering> KjoerAsync(Produkt produkt, IReadOnlyDictionary<string, string> miljoe, params string[] argumenter)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(produkt.CliDll);
        foreach (var a in argumenter)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (k, v) in miljoe)
        {
            psi.Environment[k] = v;
        }

        var klokke = Stopwatch.StartNew();
        using var p = Process.Start(psi)!;
        var utskrift = new StringBuilder();
        p.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (utskrift) { utskrift.AppendLine(e.Data); } } };
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (utskrift) { utskrift.AppendLine(e.Data); } } };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        long topp = 0;
        while (!p.HasExited)
        {
            topp = Math.Max(topp, Minne.Les(p.Id, "VmHWM") ?? 0);
            await Task.Delay(25);
        }

        await p.WaitForExitAsync();
        klokke.Stop();
        return new Kjoering(klokke.Elapsed, topp, p.ExitCode, utskrift.ToString());
    }
}

/// <summary>
/// The service started the way a deployment starts it: <c>dotnet Aareg.Api.dll --urls …</c> from the Release build,
/// production profile, development token issuer on, synthetic idents allowed, agreements from a start-up file.
/// </summary>
internal sealed class Tjeneste : IAsyncDisposable
{
    public const string Konsument = "974760673";
    public const string Scope = "nav:aareg/v1/arbeidsforhold";

    private readonly Process _prosess;
    private readonly StreamWriter _logg;

    private Tjeneste(Process prosess, StreamWriter logg, Uri adresse, long startTikk)
    {
        _prosess = prosess;
        _logg = logg;
        Adresse = adresse;
        StartTikk = startTikk;
    }

    public Uri Adresse { get; }

    public long StartTikk { get; }

    public int Pid => _prosess.Id;

    public static Tjeneste Start(Produkt produkt, string datamappe, string oppstartsfil, string loggfil, IReadOnlyDictionary<string, string> lager)
    {
        var port = LedigPort();
        var adresse = new Uri($"http://127.0.0.1:{port}");
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(produkt.ApiDll)!,
        };
        psi.ArgumentList.Add(produkt.ApiDll);
        psi.ArgumentList.Add("--urls");
        psi.ArgumentList.Add(adresse.ToString().TrimEnd('/'));
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        psi.Environment["DOTNET_ENVIRONMENT"] = "Production";
        psi.Environment["Aareg__DataDirectory"] = datamappe;
        psi.Environment["Aareg__Auth__Utviklingsutsteder"] = "true";
        psi.Environment["Aareg__Identer__TillatSyntetiske"] = "true";
        psi.Environment["Aareg__Demo__Seed"] = "false";
        psi.Environment["Aareg__Tilgang__Oppstartsfil"] = oppstartsfil;
        // The store (empty for SQLite in the data folder; Aareg__Storage__Provider + ConnectionStrings__Aareg for PostgreSQL).
        foreach (var (k, v) in lager)
        {
            psi.Environment[k] = v;
        }

        var logg = new StreamWriter(loggfil, append: true) { AutoFlush = true };
        var start = Stopwatch.GetTimestamp();
        var p = Process.Start(psi)!;
        p.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (logg) { logg.WriteLine(e.Data); } } };
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (logg) { logg.WriteLine(e.Data); } } };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return new Tjeneste(p, logg, adresse, start);
    }

    /// <summary>The agreement of the benchmark consumer: every data element, one purpose, API, its own high rate limit.</summary>
    public static void SkrivOppstartsfil(string fil) => File.WriteAllText(fil, $$"""
        {
          "avtaler": [
            {
              "konsument": "{{Konsument}}",
              "id": "benchmark",
              "formaal": ["YTELSER"],
              "dataelementer": ["*"],
              "kanaler": ["API"],
              "maksOppslagPerMinutt": 100000000
            }
          ]
        }
        """);

    /// <summary>Polls until <paramref name="proev"/> succeeds; returns the time from process start.</summary>
    public async Task<TimeSpan> VentPaaAsync(Func<HttpClient, Task<bool>> proev, HttpClient klient, TimeSpan grense)
    {
        var frist = Stopwatch.GetTimestamp() + (long)(grense.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < frist)
        {
            if (_prosess.HasExited)
            {
                throw new InvalidOperationException($"Tjenesten stoppet med kode {_prosess.ExitCode}; se loggen.");
            }

            try
            {
                if (await proev(klient))
                {
                    return TimeSpan.FromMilliseconds(Lastgenerator.MsSiden(StartTikk, Stopwatch.GetTimestamp()));
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(10);
        }

        throw new TimeoutException("Tjenesten svarte ikke i tide.");
    }

    public static async Task<string> HentTokenAsync(HttpClient klient, Uri adresse)
    {
        using var svar = await klient.PostAsJsonAsync(new Uri(adresse, "/dev/token"), new TokenBody(Scope, Konsument), BenchJson.Default.TokenBody);
        svar.EnsureSuccessStatusCode();
        var token = await svar.Content.ReadFromJsonAsync(BenchJson.Default.TokenSvar);
        return token?.AccessToken ?? throw new InvalidOperationException("Tomt token.");
    }

    public long? RssKb() => Minne.Les(_prosess.Id, "VmRSS");

    public async ValueTask DisposeAsync()
    {
        if (!_prosess.HasExited)
        {
            // SIGTERM: the host's graceful shutdown, as an orchestrator stops it.
            using (var kill = Process.Start("kill", ["-TERM", _prosess.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var frist = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await _prosess.WaitForExitAsync(frist.Token);
            }
            catch (OperationCanceledException)
            {
                _prosess.Kill();
            }
        }

        _prosess.Dispose();
        lock (_logg)
        {
            _logg.Dispose();
        }
    }

    public static int LedigPort()
    {
        using var lytter = new TcpListener(IPAddress.Loopback, 0);
        lytter.Start();
        return ((IPEndPoint)lytter.LocalEndpoint).Port;
    }
}

internal sealed record TokenBody(string Scope, string Consumer);

internal sealed record TokenSvar([property: System.Text.Json.Serialization.JsonPropertyName("access_token")] string AccessToken);
