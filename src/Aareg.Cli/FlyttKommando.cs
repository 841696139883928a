using System.CommandLine;
using System.Globalization;
using Aareg.Storage;
using Aareg.Storage.Postgres;
using Aareg.Storage.Sqlite;
using Aareg.Storage.Valg;
using Spectre.Console;

namespace Aareg.Cli;

/// <summary>
/// <c>aareg migrate-store</c>: moves the SQLite store in the data directory into an empty PostgreSQL database
/// (<c>ConnectionStrings__Aareg</c>), all tables in one transaction, and checks the row counts (docs/operations.md).
/// The connection string comes from the environment only, like the service's, so no password lands in the shell
/// history or the process list.
/// </summary>
internal static class FlyttKommando
{
    public static Command Lag()
    {
        var kommando = new Command(
            "migrate-store",
            "Flytter SQLite-lageret i datamappen til en tom PostgreSQL-database (ConnectionStrings__Aareg); stopp tjenesten først")
        {
            CliKonfig.Datamappe,
        };
        kommando.SetAction(async (resultat, ct) =>
        {
            var datamappe = CliKonfig.DatamappeFra(resultat);
            var valg = CliKonfig.Lagringsvalg(datamappe);
            var fil = Path.Combine(datamappe, "aareg.db");
            if (!File.Exists(fil))
            {
                AnsiConsole.MarkupLineInterpolated($"[red]Fant ikke SQLite-lageret {fil}.[/]");
                return 2;
            }

            if (string.IsNullOrWhiteSpace(valg.Tilkobling))
            {
                AnsiConsole.MarkupLine("[red]Sett ConnectionStrings__Aareg til PostgreSQL-databasen det skal flyttes til.[/]");
                return 2;
            }

            await using var kilde = new SqliteDatabase(fil);
            await using var maal = new PostgresDatabase(valg.Tilkobling);
            var tabell = new Table().AddColumn("Tabell").AddColumn(new TableColumn("Rader").RightAligned()).AddColumn(new TableColumn("Tid").RightAligned());
            try
            {
                var klokke = System.Diagnostics.Stopwatch.StartNew();
                var flyttet = await Lagringsflytting.FlyttAsync(kilde, maal, ct: ct);
                foreach (var t in flyttet)
                {
                    tabell.AddRow(t.Tabell, t.Rader.ToString("N0", CultureInfo.InvariantCulture), $"{t.Tid.TotalSeconds:F1} s");
                }

                AnsiConsole.Write(tabell);
                var til = (valg with { Leverandoer = nameof(Lagringstype.Postgres) }).Beskrivelse();
                AnsiConsole.MarkupLineInterpolated($"Flyttet {flyttet.Sum(t => t.Rader):N0} rader til {til} på {klokke.Elapsed.TotalSeconds:F1} s.");
                AnsiConsole.MarkupLine("Start tjenesten med Aareg__Storage__Provider=Postgres, og kjør [bold]aareg audit verify[/] mot den nye databasen.");
                return 0;
            }
            catch (LagringsvalgException e)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]{e.Message}[/]");
                return 1;
            }
        });
        return kommando;
    }
}
