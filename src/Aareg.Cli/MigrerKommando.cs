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
            var (database, _) = await CliKonfig.AapneStoreAsync(CliKonfig.DatamappeFra(resultat), ct);
            await database.DisposeAsync();
            Console.WriteLine("Skjemaet er oppdatert.");
            return 0;
        });
        return kommando;
    }
}
