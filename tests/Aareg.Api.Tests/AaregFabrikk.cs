using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Aareg.Api.Tests.Tilgang;
using Aareg.Tests.Felles;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Aareg.Api.Tests;

/// <summary>
/// The real service in-process on a fresh SQLite data directory (or, after <see cref="BrukPostgresAsync"/>, a fresh
/// PostgreSQL database), in the production profile with only the development issuer and synthetic idents switched
/// on (so tests prove those flags, not the Development defaults).
/// </summary>
public sealed class AaregFabrikk : WebApplicationFactory<Program>
{
    private PostgresKlynge? _klynge;

    /// <summary>The PostgreSQL database this service runs on (null: SQLite).</summary>
    public string? Tilkoblingstreng { get; private set; }

    /// <summary>
    /// Runs the service on a new database of the test cluster (<c>Aareg:Storage:Provider</c> = Postgres), optionally
    /// with lookups from the cluster's streaming replica (<c>ConnectionStrings:AaregLes</c>). Call before the first
    /// request. Skips the calling test when no PostgreSQL is available.
    /// </summary>
    public async Task BrukPostgresAsync(PostgresKlynge klynge, bool lesFraReplika = false)
    {
        ArgumentNullException.ThrowIfNull(klynge);
        _klynge = klynge;
        Tilkoblingstreng = await klynge.OpprettDatabaseAsync();
        Innstillinger["Aareg:Storage:Provider"] = "Postgres";
        Innstillinger["ConnectionStrings:Aareg"] = Tilkoblingstreng;
        if (lesFraReplika)
        {
            Innstillinger["ConnectionStrings:AaregLes"] = await klynge.ReplikaAsync(new Npgsql.NpgsqlConnectionStringBuilder(Tilkoblingstreng).Database!);
        }
    }

    public string Datamappe { get; } = Path.Combine(Path.GetTempPath(), "aareg-test-" + Guid.NewGuid().ToString("N"));

    public Dictionary<string, string?> Innstillinger { get; } = new()
    {
        ["Aareg:Auth:Utviklingsutsteder"] = "true",
        ["Aareg:Identer:TillatSyntetiske"] = "true",
        ["Aareg:Demo:Seed"] = "false",
    };

    /// <summary>Agreements, audit log and register reads of the access pipeline (Tilgang/Testtilgang.cs).</summary>
    public Testtilgang Tilgang { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.ConfigureTestServices(Tilgang.Registrer);
        builder.UseEnvironment("Production");
        builder.UseSetting("Aareg:DataDirectory", Datamappe);
        foreach (var (noekkel, verdi) in Innstillinger)
        {
            builder.UseSetting(noekkel, verdi);
        }
    }

    public async Task<string> TokenAsync(string scope, string? consumer = null, string? supplier = null, string? pid = null)
    {
        using var klient = CreateClient();
        var svar = await klient.PostAsJsonAsync("/dev/token", new { scope, consumer, supplier, pid });
        svar.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await svar.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("access_token").GetString()!;
    }

    public async Task<HttpClient> KlientAsync(string scope, string? consumer = null, string? supplier = null, string? pid = null)
    {
        var klient = CreateClient();
        klient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(scope, consumer, supplier, pid));
        return klient;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_klynge is not null && Tilkoblingstreng is not null)
        {
            await _klynge.SlettDatabaseAsync(Tilkoblingstreng);
        }

        try
        {
            Directory.Delete(Datamappe, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
