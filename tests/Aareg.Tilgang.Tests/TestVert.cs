using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Aareg.Tilgang.Tests;

/// <summary>A tiny API host with the authentication library plugged in, as the real API host does it.</summary>
internal sealed class TestVert : IAsyncDisposable
{
    private readonly WebApplication app;

    private TestVert(WebApplication app)
    {
        this.app = app;
        Klient = app.GetTestClient();
    }

    public HttpClient Klient { get; }

    public IServiceProvider Tjenester => app.Services;

    public static async Task<TestVert> StartAsync(string miljo, string datamappe, IDictionary<string, string?>? konfigurasjon = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = miljo });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        var verdier = new Dictionary<string, string?> { ["Aareg:DataDirectory"] = datamappe };
        foreach (var (nokkel, verdi) in konfigurasjon ?? new Dictionary<string, string?>())
        {
            verdier[nokkel] = verdi;
        }

        builder.Configuration.AddInMemoryCollection(verdier);
        builder.Services.AddAaregAutentisering(builder.Configuration, builder.Environment);

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapUtviklingsutsteder();
        app.MapGet("/mottak", (Kallerkontekst kaller) => TypedResults.Ok(Svar(kaller))).KreverScope(Scopes.Mottak);
        app.MapGroup("/oppslag").KreverScope(Scopes.Arbeidsforhold)
            .MapGet("/", (Kallerkontekst kaller) => TypedResults.Ok(Svar(kaller)));
        app.MapGet("/aapen", () => "aapen");

        await app.StartAsync(TestContext.Current.CancellationToken);
        return new TestVert(app);
    }

    public Task<HttpResponseMessage> GetAsync(string sti, string? token = null)
    {
        var melding = new HttpRequestMessage(HttpMethod.Get, sti);
        if (token is not null)
        {
            melding.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return Klient.SendAsync(melding, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        Klient.Dispose();
        await app.DisposeAsync();
    }

    private static KallerSvar Svar(Kallerkontekst k) =>
        new(k.Consumer, k.Supplier, k.Scopes.Order(StringComparer.Ordinal).ToArray(), k.Pid, k.Acr, k.Roller.ToArray(), k.Utsteder);
}

internal sealed record KallerSvar(
    string? Consumer,
    string? Supplier,
    string[] Scopes,
    string? Pid,
    string? Acr,
    string[] Roller,
    string Utsteder);

/// <summary>A throw-away data directory per test.</summary>
internal sealed class Datamappe : IDisposable
{
    public Datamappe() =>
        Sti = Path.Combine(Path.GetTempPath(), "aareg-tilgang-tester", Guid.NewGuid().ToString("N"));

    public string Sti { get; }

    public void Dispose()
    {
        if (Directory.Exists(Sti))
        {
            Directory.Delete(Sti, recursive: true);
        }
    }
}

internal sealed class FastTid(DateTimeOffset naa) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => naa;
}

internal static class Testdata
{
    /// <summary>Brønnøysundregistrene and NAV: real, valid organisasjonsnumre.</summary>
    public const string OrgnrA = "974760673";
    public const string OrgnrB = "889640782";

    /// <summary>A synthetic (Tenor-style, month + 80) fødselsnummer with valid check digits.</summary>
    public static string SyntetiskFnr()
    {
        for (var individ = 100; individ < 500; individ++)
        {
            if (Aareg.Domain.Identer.Personident.MedKontrollsifre($"018190{individ}") is { } fnr)
            {
                return fnr;
            }
        }

        throw new InvalidOperationException("Fant ingen gyldig syntetisk fødselsnummer.");
    }
}
