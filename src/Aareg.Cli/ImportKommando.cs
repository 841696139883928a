using System.CommandLine;
using System.Diagnostics;
using System.Threading.Channels;
using Aareg.Mottak;
using Aareg.Storage;
using Spectre.Console;

namespace Aareg.Cli;

/// <summary>
/// <c>aareg import &lt;file or folder&gt;</c>: sends a-melding files through the same intake pipeline as the API
/// (controls, idempotency, durable append-only storage), in file-name order so that a replacement comes after the
/// melding it replaces. A <c>referanse</c> folder (reference data from <c>aareg generate</c>) is skipped.
/// </summary>
internal static class ImportKommando
{
    public static Command Lag()
    {
        var sti = new Argument<string>("sti") { Description = "En a-meldingsfil (.xml/.json) eller en mappe med slike" };
        var kommando = new Command("import", "Importerer a-meldinger gjennom mottaket")
        {
            sti, CliKonfig.Datamappe, CliKonfig.TillatSyntetiske,
        };
        kommando.SetAction(async (resultat, ct) =>
        {
            var filer = FinnFiler(resultat.GetValue(sti)!);
            if (filer.Count == 0)
            {
                AnsiConsole.MarkupLine("[red]Fant ingen a-meldingsfiler.[/]");
                return 2;
            }

            var lagring = await CliKonfig.AapneStoreAsync(CliKonfig.DatamappeFra(resultat), ct);
            await using (lagring)
            {
                var behandler = CliKonfig.Behandler(lagring.Meldinger, CliKonfig.TillatSyntetiskeFra(resultat));
                var sammendrag = await ImporterAsync(behandler, filer, ct);
                Skriv(sammendrag);
                return 0;
            }
        });
        return kommando;
    }

    internal sealed record Sammendrag(int Mottatt, int Avvist, int Gjentatt, long Arbeidsforhold, long Bytes, TimeSpan Tid);

    internal static IReadOnlyList<string> FinnFiler(string sti)
    {
        if (File.Exists(sti))
        {
            return [Path.GetFullPath(sti)];
        }

        if (!Directory.Exists(sti))
        {
            return [];
        }

        var rot = Path.GetFullPath(sti);
        return Directory.EnumerateFiles(rot, "*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
                && !Path.GetRelativePath(rot, f).Split(Path.DirectorySeparatorChar).Contains("referanse"))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    internal static async Task<Sammendrag> ImporterAsync(Mottaksbehandler behandler, IReadOnlyList<string> filer, CancellationToken ct)
    {
        int mottatt = 0, avvist = 0, gjentatt = 0;
        long arbeidsforhold = 0, bytes = 0;
        var klokke = Stopwatch.StartNew();
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async kontekst =>
            {
                var oppgave = kontekst.AddTask("Importerer a-meldinger", maxValue: filer.Count);

                // Parsing runs ahead on the other cores; storing stays in file order, one melding at a time, so a
                // replacement is always stored after the melding it replaces.
                var koe = Channel.CreateBounded<Task<ForberedtMelding>>(new BoundedChannelOptions(2 * Environment.ProcessorCount) { SingleReader = true, SingleWriter = true });
                var leser = Task.Run(
                    async () =>
                    {
                        try
                        {
                            foreach (var fil in filer)
                            {
                                var format = fil.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? Meldingsformat.Json : Meldingsformat.Xml;
                                await koe.Writer.WriteAsync(
                                    Task.Run(
                                        async () =>
                                        {
                                            var innhold = await File.ReadAllBytesAsync(fil, ct);
                                            Interlocked.Add(ref bytes, innhold.Length);
                                            return behandler.Forbered(new Mottaksforespoersel(innhold, format, "cli-import", null, _ => true));
                                        },
                                        ct),
                                    ct);
                            }
                        }
                        finally
                        {
                            koe.Writer.Complete();
                        }
                    },
                    ct);

                await foreach (var forberedelse in koe.Reader.ReadAllAsync(ct))
                {
                    var svar = await behandler.LagreAsync(await forberedelse, ct);
                    switch (svar)
                    {
                        case { Utfall: Mottaksutfall.Gjentatt }:
                            gjentatt++;
                            break;
                        case { Kvittering.Status: Meldingsstatus.Avvist }:
                            avvist++;
                            break;
                        case { Kvittering: { } k }:
                            mottatt++;
                            arbeidsforhold += k.Omfang.Arbeidsforhold;
                            break;
                    }

                    oppgave.Increment(1);
                }

                await leser;
            });
        return new Sammendrag(mottatt, avvist, gjentatt, arbeidsforhold, bytes, klokke.Elapsed);
    }

    private static void Skriv(Sammendrag s)
    {
        var sekunder = Math.Max(s.Tid.TotalSeconds, 0.001);
        var tabell = new Table().AddColumn("").AddColumn(new TableColumn("").RightAligned()).HideHeaders();
        tabell.AddRow("Mottatt (godtatt)", s.Mottatt.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        tabell.AddRow("Avvist", s.Avvist.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        tabell.AddRow("Allerede mottatt", s.Gjentatt.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        tabell.AddRow("Arbeidsforhold i godtatte", s.Arbeidsforhold.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        tabell.AddRow("Tid", $"{s.Tid.TotalSeconds:F1} s");
        tabell.AddRow("Meldinger/s", $"{(s.Mottatt + s.Avvist + s.Gjentatt) / sekunder:F0}");
        tabell.AddRow("Arbeidsforhold/s", $"{s.Arbeidsforhold / sekunder:F0}");
        tabell.AddRow("MB/s", $"{s.Bytes / 1048576.0 / sekunder:F1}");
        AnsiConsole.Write(tabell);
    }
}
