using System.Diagnostics;
using Aareg.Domain.Tid;
using Aareg.Mottak;
using Aareg.Mottak.Lesing;
using Aareg.Syntetisk;
using Microsoft.Data.Sqlite;

namespace Aareg.Register.Tests;

/// <summary>
/// PERFORMANCE W8: <c>kill -9</c> of a real <c>aareg anvend</c> process, then a rerun. The CLI is built with this
/// project (project reference) and found beside the tests; <c>AAREG_CLI</c> can point at another build.
/// </summary>
public sealed class KillTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Kill_9_during_aareg_anvend_then_rerun_applies_every_melding_once_and_matches_a_clean_run()
    {
        var cli = Environment.GetEnvironmentVariable("AAREG_CLI") ?? Path.Combine(AppContext.BaseDirectory, "aareg");
        Assert.True(File.Exists(cli), $"Fant ikke aareg-programmet ({cli}).");

        var generator = new Populasjonsgenerator(new GeneratorValg(3, 0.001, 2, new Kalendermaaned(2024, 1), AntallOpplysningspliktige: 150, AntallPersoner: 1500));
        var meldinger = generator.Maaneder.SelectMany(generator.Meldinger).Select(g => AMeldingJsonSkriver.TilBytes(g.Leveranse)).ToList();

        await using var ren = await Registermiljoe.StartAsync(Lager.Sqlite);
        await using var drept = await Registermiljoe.StartAsync(Lager.Sqlite);
        foreach (var melding in meldinger)
        {
            await ren.Mottak.MottaAsync(new Mottaksforespoersel(melding, Meldingsformat.Json, "test", null, _ => true), Ct);
            await drept.Mottak.MottaAsync(new Mottaksforespoersel(melding, Meldingsformat.Json, "test", null, _ => true), Ct);
        }

        await ren.Behandler.BehandleAsync(Ct);
        var antall = await ren.TellAsync("SELECT COUNT(*) FROM behandlet");
        await drept.LukkAsync();

        using (var prosess = Start(cli!, drept.Mappe))
        {
            // Kill once some but not all meldinger are applied.
            var klokke = Stopwatch.StartNew();
            while (Behandlet(drept.Filsti) < antall / 3 && klokke.Elapsed < TimeSpan.FromMinutes(2) && !prosess.HasExited)
            {
                await Task.Delay(20, Ct);
            }

            Assert.False(prosess.HasExited, "aareg anvend ble ferdig før den kunne drepes.");
            prosess.Kill();
            await prosess.WaitForExitAsync(Ct);
        }

        Assert.InRange(Behandlet(drept.Filsti), 1, antall - 1);
        using (var prosess = Start(cli!, drept.Mappe))
        {
            await prosess.WaitForExitAsync(Ct);
            Assert.Equal(0, prosess.ExitCode);
        }

        await drept.StartPaaNyttAsync();
        Assert.Equal(antall, await drept.TellAsync("SELECT COUNT(*) FROM behandlet"));
        Assert.Equal(await Registerbilde.LagAsync(ren), await Registerbilde.LagAsync(drept));
        await KrasjTests.AssertGapFreeAsync(drept);
    }

    private static Process Start(string cli, string mappe)
    {
        var info = new ProcessStartInfo(cli) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "anvend", "--data", mappe, "--parallell", "2" })
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["TERM"] = "dumb";
        var prosess = Process.Start(info) ?? throw new InvalidOperationException("aareg startet ikke.");
        prosess.OutputDataReceived += static (_, _) => { };
        prosess.ErrorDataReceived += static (_, _) => { };
        prosess.BeginOutputReadLine();
        prosess.BeginErrorReadLine();
        return prosess;
    }

    private static long Behandlet(string filsti)
    {
        using var tilkobling = new SqliteConnection($"Data Source={filsti};Mode=ReadOnly;Pooling=False");
        tilkobling.Open();
        using var kommando = tilkobling.CreateCommand();
        kommando.CommandText = "PRAGMA busy_timeout=5000";
        kommando.ExecuteNonQuery();
        kommando.CommandText = "SELECT COUNT(*) FROM behandlet";
        return (long)kommando.ExecuteScalar()!;
    }
}
