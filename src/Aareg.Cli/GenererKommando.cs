using System.CommandLine;
using System.Diagnostics;
using Aareg.Domain.Tid;
using Aareg.Syntetisk;
using Spectre.Console;

namespace Aareg.Cli;

/// <summary>
/// <c>aareg generate</c>: the deterministic synthetic population of PERFORMANCE.md as a-melding files
/// (<c>yyyy-MM/{seq}_{meldingsId}.xml</c>, name order = delivery order) plus reference data (<c>referanse/</c>)
/// and an answer key (<c>fasit/</c>). See src/Aareg.Syntetisk/FORMATER.md.
/// </summary>
internal static class GenererKommando
{
    public static Command Lag()
    {
        var ut = new Option<string>("--out") { Description = "Mappen filene skrives til", Required = true };
        var skala = new Option<double>("--scale") { Description = "Skala: 1 = nasjonal størrelse (0.001, 0.01, 0.1, 1)", DefaultValueFactory = _ => 0.01 };
        var maaneder = new Option<int>("--months") { Description = "Antall måneder", DefaultValueFactory = _ => 1 };
        var fra = new Option<string?>("--from") { Description = "Første kalendermåned (ÅÅÅÅ-MM); standard: så mange måneder tilbake at siste er forrige måned" };
        var seed = new Option<int>("--seed") { Description = "Frø for tilfeldige valg", DefaultValueFactory = _ => 1 };
        var kommando = new Command("generate", "Genererer en syntetisk befolkning som a-meldingsfiler og referansedata")
        {
            ut, skala, maaneder, fra, seed,
        };
        kommando.SetAction((resultat, ct) =>
        {
            var antallMaaneder = resultat.GetValue(maaneder);
            Kalendermaaned foerste;
            if (resultat.GetValue(fra) is { } tekst)
            {
                if (!Kalendermaaned.TryParse(tekst, out foerste))
                {
                    AnsiConsole.MarkupLine("[red]--from må være ÅÅÅÅ-MM.[/]");
                    return Task.FromResult(2);
                }
            }
            else
            {
                foerste = Kalendermaaned.Fra(DateOnly.FromDateTime(DateTime.UtcNow)).LeggTil(-antallMaaneder);
            }

            Populasjonsgenerator generator;
            try
            {
                generator = new Populasjonsgenerator(new GeneratorValg(resultat.GetValue(seed), resultat.GetValue(skala), antallMaaneder, foerste));
            }
            catch (ArgumentOutOfRangeException e)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]{e.Message}[/]");
                return Task.FromResult(2);
            }

            var mappe = Path.GetFullPath(resultat.GetValue(ut)!);
            var klokke = Stopwatch.StartNew();
            long filer = 0;
            AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
                .Start(kontekst =>
                {
                    var oppgave = kontekst.AddTask("Genererer", maxValue: antallMaaneder);
                    generator.SkrivFiler(
                        mappe,
                        new Fremdrift(f =>
                        {
                            oppgave.Description = f.Maaned is { } m ? $"Genererer {m}" : f.Steg;
                            oppgave.Value = f.MaanedNummer;
                            filer = f.FilerTotalt;
                        }),
                        ct);
                    oppgave.Value = antallMaaneder;
                });
            var s = generator.Statistikk;
            AnsiConsole.MarkupLineInterpolated(
                $"Skrev {filer:N0} filer til {mappe} på {klokke.Elapsed.TotalSeconds:F1} s: {s.Opplysningspliktige:N0} opplysningspliktige, {s.Virksomheter:N0} virksomheter, {s.Personer:N0} personer, {s.AktiveArbeidsforhold:N0} aktive arbeidsforhold (største arbeidsgiver {s.StoersteArbeidsgiver:N0}).");
            return Task.FromResult(0);
        });
        return kommando;
    }

    /// <summary>Synchronous progress (Progress&lt;T&gt; would post to the thread pool and arrive late).</summary>
    private sealed class Fremdrift(Action<GenereringsFremdrift> handling) : IProgress<GenereringsFremdrift>
    {
        public void Report(GenereringsFremdrift value) => handling(value);
    }
}
