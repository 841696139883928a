using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Aareg.Register;
using Spectre.Console;

namespace Aareg.Cli;

/// <summary>
/// <c>aareg anvend</c>: applies every accepted melding still in the register queue (DOMAIN §6, ADR 0006) and prints
/// what it wrote. Safe to interrupt at any point (also kill -9): a melding is applied entirely or not at all, and a
/// rerun picks up what is left.
/// </summary>
internal static class AnvendKommando
{
    public static Command Lag()
    {
        var parallell = new Option<int>("--parallell")
        {
            Description = "Antall opplysningspliktige som avledes samtidig (standard: antall kjerner)",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };
        var kommando = new Command("anvend", "Anvender mottatte a-meldinger på registeret (arbeidsforhold, versjoner og hendelser)")
        {
            CliKonfig.Datamappe, parallell,
        };
        kommando.SetAction(async (resultat, ct) =>
        {
            var lagring = await CliKonfig.AapneStoreAsync(CliKonfig.DatamappeFra(resultat), ct);
            await using (lagring)
            {
                // Identbytte and Enhetsregisteret closures apply from the reference data imported into the same store.
                var referanse = await AvledKommando.LastReferanseAsync(lagring, ct);
                var register = lagring.LagRegister(referanse.AlleIdenter);
                var behandler = new Registerbehandler(
                    register,
                    TimeProvider.System,
                    new RegisterbehandlerValg(Math.Max(1, resultat.GetValue(parallell))),
                    referanse);
                var klokke = Stopwatch.StartNew();
                var antall = 0;
                await AnsiConsole.Status().StartAsync("Anvender a-meldinger …", async status =>
                {
                    using var oppdatering = new CancellationTokenSource();
                    var vis = Task.Run(
                        async () =>
                        {
                            while (!oppdatering.IsCancellationRequested)
                            {
                                var s = behandler.Statistikk;
                                status.Status($"Anvender a-meldinger … {s.Meldinger:N0} meldinger, {s.Versjoner:N0} versjoner, {s.Hendelser:N0} hendelser");
                                await Task.Delay(250, CancellationToken.None);
                            }
                        },
                        CancellationToken.None);
                    try
                    {
                        antall = await behandler.BehandleAsync(ct);
                    }
                    finally
                    {
                        await oppdatering.CancelAsync();
                        await vis;
                    }
                });
                Skriv(antall, behandler.Statistikk, klokke.Elapsed);

                // Meldinger another process holds (a service node, or a dead host's sessions until the server notices)
                // are left to it: say so rather than report a clean finish.
                var igjen = await register.TellUanvendteAsync(ct);
                if (igjen > 0)
                {
                    AnsiConsole.MarkupLineInterpolated(
                        $"[yellow]{igjen:N0} a-meldinger venter fortsatt: de holdes av en annen prosess (en tjenestenode) og anvendes der.[/]");
                }

                return 0;
            }
        });
        return kommando;
    }

    private static void Skriv(int meldinger, Registerstatistikk s, TimeSpan tid)
    {
        var sekunder = Math.Max(tid.TotalSeconds, 0.001);
        var tabell = new Table().AddColumn("").AddColumn(new TableColumn("").RightAligned()).HideHeaders();
        tabell.AddRow("Meldinger anvendt", meldinger.ToString("N0", CultureInfo.InvariantCulture));
        tabell.AddRow("Arbeidsforholdversjoner skrevet", s.Versjoner.ToString("N0", CultureInfo.InvariantCulture));
        tabell.AddRow("Slettinger", s.Slettinger.ToString("N0", CultureInfo.InvariantCulture));
        tabell.AddRow("Bekreftelser", s.Bekreftelser.ToString("N0", CultureInfo.InvariantCulture));
        tabell.AddRow("Hendelser", s.Hendelser.ToString("N0", CultureInfo.InvariantCulture));
        tabell.AddRow("Tid", $"{tid.TotalSeconds:F1} s");
        tabell.AddRow("Meldinger/s", $"{meldinger / sekunder:F0}");
        AnsiConsole.Write(tabell);
    }
}
