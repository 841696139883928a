using System.CommandLine;

namespace Aareg.Cli;

internal static class MigrerKommando
{
    public static Command Lag()
    {
        var kommando = new Command("migrate", "Oppretter eller oppdaterer databaseskjemaet (gjentatt kjøring gjør ingenting)")
        {
            CliKonfig.Datamappe,
        };
        kommando.SetAction(async (resultat, ct) =>
        {
            var datamappe = CliKonfig.DatamappeFra(resultat);
            await using var lagring = await CliKonfig.AapneStoreAsync(datamappe, ct);
            Console.WriteLine($"Skjemaet er oppdatert ({CliKonfig.Lagringsvalg(datamappe).Beskrivelse()}).");
            return 0;
        });
        return kommando;
    }
}
