using System.CommandLine;
using Aareg.Tilgang;

namespace Aareg.Cli;

/// <summary>Mints a token from the development issuer's key in the data directory (API §9), for local use and tests.</summary>
internal static class TokenKommando
{
    public static Command Lag()
    {
        var scope = new Option<string>("--scope") { Description = "Scope(s), mellomromsseparert", Required = true };
        var consumer = new Option<string?>("--consumer") { Description = "Organisasjonsnummer til konsumenten" };
        var supplier = new Option<string?>("--supplier") { Description = "Organisasjonsnummer til leverandøren (databehandler)" };
        var pid = new Option<string?>("--pid") { Description = "Personident for et persontoken (ID-porten)" };
        var roller = new Option<string[]>("--rolle") { Description = "Roller for saksbehandler", AllowMultipleArgumentsPerToken = true };
        var kommando = new Command("token", "Lager et token fra utviklingsutstederen (bare for utvikling og test)")
        {
            scope, consumer, supplier, pid, roller, CliKonfig.Datamappe,
        };
        kommando.SetAction(resultat =>
        {
            using var utsteder = Utviklingsutsteder.FraDatamappe(CliKonfig.DatamappeFra(resultat));
            try
            {
                Console.WriteLine(utsteder.LagToken(new TokenForespoersel(
                    resultat.GetValue(scope)!,
                    resultat.GetValue(consumer),
                    resultat.GetValue(supplier),
                    resultat.GetValue(pid),
                    resultat.GetValue(roller))));
                return 0;
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine(e.Message);
                return 2;
            }
        });
        return kommando;
    }
}
