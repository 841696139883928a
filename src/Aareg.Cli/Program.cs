using System.CommandLine;

namespace Aareg.Cli;

/// <summary>The <c>aareg</c> command.</summary>
internal static class Kommandolinje
{
    public static async Task<int> Main(string[] args)
    {
        var rot = new RootCommand("aareg – kommandolinjen til Arbeidsgiver- og arbeidstakerregisteret")
        {
            ImportKommando.Lag(),
            AnvendKommando.Lag(),
            AvledKommando.Lag(),
            GenererKommando.Lag(),
            ImportEnhetsregisteretKommando.Lag(),
            ImportFolkeregisterKommando.Lag(),
            TokenKommando.Lag(),
            MigrerKommando.Lag(),
            FlyttKommando.Lag(),
            RevisjonKommando.Lag(),
        };

        return await rot.Parse(args).InvokeAsync();
    }
}
