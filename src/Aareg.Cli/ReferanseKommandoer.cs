using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Aareg.Mottak.Referanse;
using Spectre.Console;

namespace Aareg.Cli;

/// <summary>
/// <c>aareg import-enhetsregisteret &lt;files or folders…&gt;</c>: Brønnøysund's bulk files (enheter, underenheter,
/// roller; <c>.json</c> or <c>.json.gz</c>) and pages of the update feed, each file in one transaction, in the order
/// given (a folder's files in name order, so feed pages named by their first oppdateringsid apply in order).
/// </summary>
internal static class ImportEnhetsregisteretKommando
{
    public static Command Lag()
    {
        var stier = new Argument<string[]>("filer") { Description = "Bulkfiler eller oppdateringssider (JSON), eller mapper med slike", Arity = ArgumentArity.OneOrMore };
        var kommando = new Command("import-enhetsregisteret", "Importerer Enhetsregisteret (enheter, underenheter, roller, oppdateringer)")
        {
            stier, CliKonfig.Datamappe,
        };
        kommando.SetAction(async (resultat, ct) =>
        {
            var filer = ReferanseFiler.Finn(resultat.GetValue(stier)!);
            if (filer.Count == 0)
            {
                AnsiConsole.MarkupLine("[red]Fant ingen filer å importere.[/]");
                return 2;
            }

            var lagring = await CliKonfig.AapneStoreAsync(CliKonfig.DatamappeFra(resultat), ct);
            await using (lagring)
            {
                var import = new EnhetsregisterImport(lagring.Referanse, TimeProvider.System);
                var tabell = new Table()
                    .AddColumn("Fil").AddColumn(new TableColumn("Hovedenheter").RightAligned()).AddColumn(new TableColumn("Underenheter").RightAligned())
                    .AddColumn(new TableColumn("Roller").RightAligned()).AddColumn(new TableColumn("Ny/Endring/Sletting/Fjernet").RightAligned())
                    .AddColumn(new TableColumn("Avvist").RightAligned()).AddColumn(new TableColumn("Tid").RightAligned());
                foreach (var fil in filer)
                {
                    var klokke = Stopwatch.StartNew();
                    EnhetsregisterImportresultat r;
                    try
                    {
                        r = await import.ImporterFilAsync(fil, ct);
                    }
                    catch (Exception e) when (e is JsonException or InvalidDataException)
                    {
                        AnsiConsole.MarkupLineInterpolated($"[red]{Path.GetFileName(fil)}: {e.Message}[/] (ingenting fra filen er lagret)");
                        return 1;
                    }

                    tabell.AddRow(
                        Path.GetFileName(fil),
                        Tall(r.Hovedenheter),
                        Tall(r.Underenheter),
                        Tall(r.Roller),
                        $"{Tall(r.Ny)}/{Tall(r.Endring)}/{Tall(r.Sletting)}/{Tall(r.Fjernet)}",
                        Tall(r.Avvist + r.UtenInnhold),
                        $"{klokke.Elapsed.TotalSeconds:F1} s");
                }

                AnsiConsole.Write(tabell);
                return 0;
            }
        });
        return kommando;
    }

    internal static string Tall(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}

/// <summary><c>aareg import-folkeregister &lt;file&gt;</c>: identbytte and adressebeskyttelse events (JSON lines).</summary>
internal static class ImportFolkeregisterKommando
{
    public static Command Lag()
    {
        var sti = new Argument<string>("fil") { Description = "Hendelsesfil fra Folkeregisteret (JSON-linjer, .jsonl eller .jsonl.gz)" };
        var kommando = new Command("import-folkeregister", "Importerer identbytter og adressebeskyttelse fra Folkeregisteret")
        {
            sti, CliKonfig.Datamappe,
        };
        kommando.SetAction(async (resultat, ct) =>
        {
            var fil = resultat.GetValue(sti)!;
            if (!File.Exists(fil))
            {
                AnsiConsole.MarkupLineInterpolated($"[red]Fant ikke filen {fil}.[/]");
                return 2;
            }

            var lagring = await CliKonfig.AapneStoreAsync(CliKonfig.DatamappeFra(resultat), ct);
            await using (lagring)
            {
                var klokke = Stopwatch.StartNew();
                FolkeregisterImportresultat r;
                try
                {
                    r = await new FolkeregisterImport(lagring.Referanse, TimeProvider.System).ImporterFilAsync(fil, ct);
                }
                catch (JsonException e)
                {
                    // JsonException names the line and position, never the values (they are idents).
                    AnsiConsole.MarkupLineInterpolated($"[red]Ugyldig JSON på linje {(e.LineNumber ?? 0) + 1}[/] (ingenting fra filen er lagret)");
                    return 1;
                }

                var tabell = new Table().AddColumn("").AddColumn(new TableColumn("").RightAligned()).HideHeaders();
                tabell.AddRow("Identbytter", ImportEnhetsregisteretKommando.Tall(r.Identbytter));
                tabell.AddRow("Adressebeskyttelser", ImportEnhetsregisteretKommando.Tall(r.Adressebeskyttelser));
                tabell.AddRow("Avvist (ukjent type eller ugyldig felt)", ImportEnhetsregisteretKommando.Tall(r.Avvist));
                tabell.AddRow("Tid", $"{klokke.Elapsed.TotalSeconds:F1} s");
                AnsiConsole.Write(tabell);
                return 0;
            }
        });
        return kommando;
    }
}

internal static class ReferanseFiler
{
    public static IReadOnlyList<string> Finn(IEnumerable<string> stier)
    {
        var filer = new List<string>();
        foreach (var sti in stier)
        {
            if (File.Exists(sti))
            {
                filer.Add(Path.GetFullPath(sti));
            }
            else if (Directory.Exists(sti))
            {
                filer.AddRange(Directory.EnumerateFiles(Path.GetFullPath(sti))
                    .Where(f => f.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".json.gz", StringComparison.OrdinalIgnoreCase))
                    .Order(StringComparer.Ordinal));
            }
        }

        return filer;
    }
}
