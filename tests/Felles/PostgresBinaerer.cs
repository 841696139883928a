using System.Diagnostics;

namespace Aareg.Tests.Felles;

/// <summary>
/// The installed PostgreSQL server programs, run the way a throwaway cluster needs them: as the <c>postgres</c> user
/// when we are root (initdb refuses root). Shared by the tests' cluster (<c>PostgresKlynge</c>) and the benchmark
/// harness's (<c>bench/Aareg.Bench/PostgresTjener.cs</c>), which link this file.
/// </summary>
internal static class PostgresBinaerer
{
    public const string Superbruker = "postgres";

    /// <summary>
    /// The folder with initdb and pg_ctl: <paramref name="oppgitt"/> when given (the only place looked at then), else
    /// the newest Debian/Ubuntu installation, else PATH. Null when none is found.
    /// </summary>
    public static string? FinnMappe(string? oppgitt = null)
    {
        static bool Har(string d) => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl"));
        if (!string.IsNullOrEmpty(oppgitt))
        {
            return Har(oppgitt) ? oppgitt : null;
        }

        if (Directory.Exists("/usr/lib/postgresql"))
        {
            var debian = Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(Har)
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault();
            if (debian is not null)
            {
                return debian;
            }
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(Har);
    }

    /// <summary>Runs a program to completion (as <c>postgres</c> through runuser when asked); throws with its output on failure.</summary>
    public static async Task KjoerAsync(string program, IReadOnlyList<string> argumenter, bool somPostgres)
    {
        var info = new ProcessStartInfo(somPostgres ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (somPostgres)
        {
            foreach (var a in (string[])["-u", Superbruker, "--", program])
            {
                info.ArgumentList.Add(a);
            }
        }

        foreach (var a in argumenter)
        {
            info.ArgumentList.Add(a);
        }

        using var prosess = Process.Start(info) ?? throw new InvalidOperationException($"Kunne ikke starte {program}.");
        var ut = prosess.StandardOutput.ReadToEndAsync();
        var feil = prosess.StandardError.ReadToEndAsync();
        await prosess.WaitForExitAsync();
        if (prosess.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} avsluttet med {prosess.ExitCode}: {await feil}{await ut}");
        }
    }

    /// <summary>Removes a cluster's folder; a leftover in the temp folder is harmless.</summary>
    public static void SlettMappe(string mappe)
    {
        try
        {
            Directory.Delete(mappe, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
