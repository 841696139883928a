using System.CommandLine;
using Aareg.Domain.Kodeverk;
using Aareg.Mottak;
using Aareg.Storage.Sqlite;
using Microsoft.Extensions.Configuration;

namespace Aareg.Cli;

/// <summary>
/// The command line reads the same configuration keys as the service (environment variables such as
/// <c>Aareg__DataDirectory</c>), and options on the command line win over them.
/// </summary>
internal static class CliKonfig
{
    public static readonly Option<string?> Datamappe = new("--data")
    {
        Description = "Datamappen (standard: Aareg__DataDirectory eller ./data)",
    };

    public static readonly Option<bool?> TillatSyntetiske = new("--tillat-syntetiske")
    {
        Description = "Godta syntetiske testidenter (standard: Aareg__Identer__TillatSyntetiske, ellers nei)",
    };

    private static readonly IConfiguration Miljoe = new ConfigurationBuilder().AddEnvironmentVariables().Build();

    public static string DatamappeFra(ParseResult resultat) =>
        Path.GetFullPath(resultat.GetValue(Datamappe) ?? Miljoe["Aareg:DataDirectory"] ?? "data");

    public static bool TillatSyntetiskeFra(ParseResult resultat) =>
        resultat.GetValue(TillatSyntetiske) ?? Miljoe.GetValue("Aareg:Identer:TillatSyntetiske", false);

    public static async Task<(SqliteDatabase Database, SqliteMeldingStore Store)> AapneStoreAsync(string datamappe, CancellationToken ct)
    {
        var database = new SqliteDatabase(Path.Combine(datamappe, "aareg.db"));
        var store = new SqliteMeldingStore(database);
        await store.MigrerAsync(ct);
        return (database, store);
    }

    public static Mottaksbehandler Behandler(SqliteMeldingStore store, bool tillatSyntetiske) =>
        new(store, Kodeverkkatalog.Standard, new MottaksInnstillinger { TillatSyntetiske = tillatSyntetiske }, TimeProvider.System);
}
