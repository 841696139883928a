using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Aareg.Mottak.Referanse;
using Aareg.Register;
using Aareg.Storage;
using Spectre.Console;

namespace Aareg.Cli;

/// <summary>
/// <c>aareg avled</c>: re-derives the register without a melding (DOMAIN §6, ADR 0006 decision 11), with today's
/// month and the reference data in the same database: closes open arbeidsforhold of employers that stopped reporting
/// (IBKAOR), applies identbytter and Enhetsregisteret closures (EROPPH/ERKONK). One transaction per
/// opplysningspliktig; running it again the same month changes nothing.
/// </summary>
internal static class AvledKommando
{
    public static Command Lag()
    {
        var fullstendig = new Option<bool>("--fullstendig")
        {
            Description = "Avled alle opplysningspliktige, også dem den raske sjekken sier ingen regel kan endre",
        };
        var kommando = new Command("avled", "Avleder registeret på nytt uten a-melding (IBKAOR, identbytte, EROPPH/ERKONK) med dagens måned og referansedata")
        {
            CliKonfig.Datamappe, fullstendig,
        };
        kommando.SetAction(async (resultat, ct) =>
        {
            var lagring = await CliKonfig.AapneStoreAsync(CliKonfig.DatamappeFra(resultat), ct);
            await using (lagring)
            {
                var referanse = await LastReferanseAsync(lagring, ct);
                var behandler = new Registerbehandler(lagring.LagRegister(referanse.AlleIdenter), TimeProvider.System, referanse: referanse);
                var klokke = Stopwatch.StartNew();
                var antall = 0;
                await AnsiConsole.Status().StartAsync("Avleder registeret på nytt …", async _ =>
                    antall = await behandler.ReavledAsync(resultat.GetValue(fullstendig), ct));

                var s = behandler.Statistikk;
                var tabell = new Table().AddColumn("").AddColumn(new TableColumn("").RightAligned()).HideHeaders();
                tabell.AddRow("Opplysningspliktige endret", Tall(antall));
                tabell.AddRow("Opplysningspliktige uendret", Tall(s.ReavledetUendret));
                tabell.AddRow("Arbeidsforholdversjoner skrevet", Tall(s.Versjoner));
                tabell.AddRow("Hendelser", Tall(s.Hendelser));
                tabell.AddRow("Tid", $"{klokke.Elapsed.TotalSeconds:F1} s");
                AnsiConsole.Write(tabell);
                return 0;
            }
        });
        return kommando;
    }

    /// <summary>
    /// Folkeregisteret and Enhetsregisteret as imported into the same database (<c>aareg import-folkeregister</c>,
    /// <c>import-enhetsregisteret</c>); empty snapshots when nothing was imported.
    /// </summary>
    internal static async Task<Registerreferanse> LastReferanseAsync(ILagring lagring, CancellationToken ct)
    {
        var store = lagring.Referanse;
        var folkeregister = new Folkeregister(store);
        var enhetsregister = new Enhetsregister(store, folkeregister);
        await folkeregister.LastAsync(ct);
        await enhetsregister.LastAsync(ct);
        return new Registerreferanse(folkeregister, enhetsregister);
    }

    private static string Tall(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
