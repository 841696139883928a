using System.Diagnostics;
using Aareg.Domain.Tid;
using Aareg.Mottak;
using Aareg.Mottak.Lesing;
using Aareg.Syntetisk;
using Aareg.Tests.Felles;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Aareg.Register.Tests;

/// <summary>
/// PERFORMANCE W8: <c>kill -9</c> of a real <c>aareg anvend</c> process, then a rerun. The CLI is built with this
/// project (project reference) and found beside the tests; <c>AAREG_CLI</c> can point at another build. The child
/// process gets its store the way an operator gives it: <c>--data</c> for SQLite, the service's environment variables
/// (<c>Aareg__Storage__Provider</c>, <c>ConnectionStrings__Aareg</c>) for PostgreSQL.
/// </summary>
public abstract class KillTests(Lager lager)
{
    private static readonly TimeSpan Tidsgrense = TimeSpan.FromMinutes(2);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Kill_9_during_aareg_anvend_then_rerun_applies_every_melding_once_and_matches_a_clean_run()
    {
        var cli = Environment.GetEnvironmentVariable("AAREG_CLI") ?? Path.Combine(AppContext.BaseDirectory, "aareg");
        Assert.True(File.Exists(cli), $"Fant ikke aareg-programmet ({cli}).");

        var generator = new Populasjonsgenerator(new GeneratorValg(3, 0.001, 2, new Kalendermaaned(2024, 1), AntallOpplysningspliktige: 150, AntallPersoner: 1500));
        var meldinger = generator.Maaneder.SelectMany(generator.Meldinger).Select(g => AMeldingJsonSkriver.TilBytes(g.Leveranse)).ToList();

        await using var ren = await Registermiljoe.StartAsync(lager);
        await using var drept = await Registermiljoe.StartAsync(lager);
        foreach (var melding in meldinger)
        {
            await ren.Mottak.MottaAsync(new Mottaksforespoersel(melding, Meldingsformat.Json, "test", null, _ => true), Ct);
            await drept.Mottak.MottaAsync(new Mottaksforespoersel(melding, Meldingsformat.Json, "test", null, _ => true), Ct);
        }

        await ren.Behandler.BehandleAsync(Ct);
        var antall = await ren.TellAsync("SELECT COUNT(*) FROM behandlet");
        Lagerkobling kobling = drept.PostgresTilkoblingstreng is { } tilkoblingstreng
            ? new PostgresKobling(tilkoblingstreng)
            : new SqliteKobling(drept.Filsti);
        await drept.LukkAsync();

        using (var prosess = Start(cli!, drept.Mappe, kobling))
        {
            // Kill once some but not all meldinger are applied.
            var klokke = Stopwatch.StartNew();
            while (await kobling.BehandletAsync() < antall / 3 && klokke.Elapsed < Tidsgrense && !prosess.HasExited)
            {
                await Task.Delay(20, Ct);
            }

            Assert.False(prosess.HasExited, "aareg anvend ble ferdig før den kunne drepes.");
            await kobling.DrepMidtIArbeidAsync(prosess);
        }

        var foerOmstart = await kobling.BehandletAsync();
        TestContext.Current.TestOutputHelper?.WriteLine($"{lager}: drept etter {foerOmstart} av {antall} meldinger.");
        Assert.InRange(foerOmstart, 1, antall - 1);
        using (var prosess = Start(cli!, drept.Mappe, kobling))
        {
            await prosess.WaitForExitAsync(Ct);
            Assert.Equal(0, prosess.ExitCode);
        }

        await drept.StartPaaNyttAsync();
        Assert.Equal(antall, await drept.TellAsync("SELECT COUNT(*) FROM behandlet"));
        Assert.Equal(antall, await drept.TellAsync("SELECT COUNT(DISTINCT mottaks_id) FROM behandlet"));
        Assert.Equal(await Registerbilde.LagAsync(ren), await Registerbilde.LagAsync(drept));
        await KrasjTests.AssertGapFreeAsync(drept);
    }

    private static Process Start(string cli, string mappe, Lagerkobling kobling)
    {
        var info = new ProcessStartInfo(cli) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "anvend", "--data", mappe, "--parallell", "2" })
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["TERM"] = "dumb";

        // Only what this test chooses: a store setting in the test runner's own environment must not leak in.
        info.Environment.Remove("Aareg__Storage__Provider");
        info.Environment.Remove("ConnectionStrings__Aareg");
        info.Environment.Remove("ConnectionStrings__AaregLes");
        kobling.Konfigurer(info);
        var prosess = Process.Start(info) ?? throw new InvalidOperationException("aareg startet ikke.");
        prosess.OutputDataReceived += static (_, _) => { };
        prosess.ErrorDataReceived += static (_, _) => { };
        prosess.BeginOutputReadLine();
        prosess.BeginErrorReadLine();
        return prosess;
    }

    /// <summary>How the test reaches the child's store from outside the child, and how it kills the child mid-work.</summary>
    private abstract class Lagerkobling
    {
        /// <summary>Gives the child process its store.</summary>
        public abstract void Konfigurer(ProcessStartInfo info);

        /// <summary>Committed applications so far (read while the child works).</summary>
        public abstract Task<long> BehandletAsync();

        /// <summary>Kills the child with SIGKILL (<see cref="Process.Kill()"/> on Unix) and waits until it is gone.</summary>
        public abstract Task DrepMidtIArbeidAsync(Process prosess);
    }

    private sealed class SqliteKobling(string filsti) : Lagerkobling
    {
        public override void Konfigurer(ProcessStartInfo info) => info.Environment["Aareg__Storage__Provider"] = "Sqlite";

        public override Task<long> BehandletAsync()
        {
            using var tilkobling = new SqliteConnection($"Data Source={filsti};Mode=ReadOnly;Pooling=False");
            tilkobling.Open();
            using var kommando = tilkobling.CreateCommand();
            kommando.CommandText = "PRAGMA busy_timeout=5000";
            kommando.ExecuteNonQuery();
            kommando.CommandText = "SELECT COUNT(*) FROM behandlet";
            return Task.FromResult((long)kommando.ExecuteScalar()!);
        }

        public override async Task DrepMidtIArbeidAsync(Process prosess)
        {
            prosess.Kill();
            await prosess.WaitForExitAsync(Ct);
        }
    }

    /// <summary>
    /// The child connects under an application name of its own, so the test can see its sessions in
    /// <c>pg_stat_activity</c>. A kill at a random moment may land between two transactions and prove little, so the
    /// test makes sure it lands inside one: it holds the event counter row (<c>register_sekvens</c>, updated late in
    /// every applying transaction that writes events) and kills the child once one of its transactions waits for that
    /// row, after having written its closings, versions, queue mark and behandlet row. That transaction cannot commit
    /// before the kill (it waits for the test), so the server must throw its writes away.
    /// </summary>
    private sealed class PostgresKobling(string tilkoblingstreng) : Lagerkobling
    {
        private readonly string _applikasjon = "aareg-kill-" + Guid.NewGuid().ToString("N")[..12];

        public override void Konfigurer(ProcessStartInfo info)
        {
            info.Environment["Aareg__Storage__Provider"] = "Postgres";
            info.Environment["ConnectionStrings__Aareg"] = new NpgsqlConnectionStringBuilder(tilkoblingstreng) { ApplicationName = _applikasjon }.ConnectionString;
        }

        public override Task<long> BehandletAsync() => TellAsync("SELECT COUNT(*) FROM behandlet");

        public override async Task DrepMidtIArbeidAsync(Process prosess)
        {
            await using var laas = new NpgsqlConnection(tilkoblingstreng);
            await laas.OpenAsync(Ct);
            await using var tx = await laas.BeginTransactionAsync(Ct);
            await using (var kommando = new NpgsqlCommand("SELECT verdi FROM register_sekvens WHERE navn = 'sekvensnummer' FOR UPDATE", laas, tx))
            {
                await kommando.ExecuteNonQueryAsync(Ct);
            }

            // backend_xid is set once a transaction has written: the child's uncommitted register rows exist.
            var klokke = Stopwatch.StartNew();
            while (await TellAsync(
                "SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock' AND backend_xid IS NOT NULL AND query LIKE '%register_sekvens%'",
                _applikasjon) == 0)
            {
                Assert.False(prosess.HasExited, "aareg anvend avsluttet før en anvendelse ventet på hendelsestelleren.");
                Assert.True(klokke.Elapsed < Tidsgrense, "Ingen anvendelse ventet på hendelsestelleren.");
                await Task.Delay(5, Ct);
            }

            prosess.Kill();
            await prosess.WaitForExitAsync(Ct);
            await tx.RollbackAsync(Ct);

            // The server ends a dead client's sessions (and frees their claims, session advisory locks) when it next
            // reads from them. Until then the opplysningspliktige they held look claimed by another node, which a rerun
            // rightly leaves alone; this test is about the rerun picking up everything, so it waits for the server.
            klokke.Restart();
            while (await TellAsync("SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = $1", _applikasjon) > 0)
            {
                Assert.True(klokke.Elapsed < Tidsgrense, "Tjeneren avsluttet ikke sesjonene til den drepte prosessen.");
                await Task.Delay(20, Ct);
            }
        }

        private async Task<long> TellAsync(string sql, params object[] parametre)
        {
            await using var tilkobling = new NpgsqlConnection(tilkoblingstreng);
            await tilkobling.OpenAsync(Ct);
            await using var kommando = new NpgsqlCommand(sql, tilkobling);
            foreach (var parameter in parametre)
            {
                kommando.Parameters.AddWithValue(parameter);
            }

            return Convert.ToInt64(await kommando.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}

public sealed class SqliteKillTests() : KillTests(Lager.Sqlite);

public sealed class PostgresKillTests(PostgresKlynge klynge) : KillTests(Lager.Postgres(klynge));
