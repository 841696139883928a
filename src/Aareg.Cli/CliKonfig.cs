using System.CommandLine;
using Aareg.Domain.Kodeverk;
using Aareg.Mottak;
using Aareg.Storage;
using Aareg.Storage.Valg;
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

    /// <summary>
    /// The store settings as the service reads them (<c>Aareg__Storage__Provider</c>, <c>ConnectionStrings__Aareg</c>,
    /// <c>ConnectionStrings__AaregLes</c>) with <paramref name="datamappe"/> for SQLite. Connection strings come from
    /// the environment only, never from the command line, where other users could read the password.
    /// </summary>
    public static Lagringsvalg Lagringsvalg(string datamappe) =>
        new(Miljoe["Aareg:Storage:Provider"], Miljoe.GetConnectionString("Aareg"), Miljoe.GetConnectionString("AaregLes"), datamappe);

    /// <summary>Opens every store of the configured backend and brings its schema up to date.</summary>
    public static async Task<ILagring> AapneStoreAsync(string datamappe, CancellationToken ct)
    {
        var lagring = Lagringsvalg(datamappe).Aapne();
        try
        {
            await lagring.MigrerAsync(ct);
            return lagring;
        }
        catch
        {
            await lagring.DisposeAsync();
            throw;
        }
    }

    public static Mottaksbehandler Behandler(IMeldingStore store, bool tillatSyntetiske) =>
        new(store, Kodeverkkatalog.Standard, new MottaksInnstillinger { TillatSyntetiske = tillatSyntetiske }, TimeProvider.System);
}
