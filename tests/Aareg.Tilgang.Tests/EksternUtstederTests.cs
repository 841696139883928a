using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.Tokens;

namespace Aareg.Tilgang.Tests;

public sealed class EksternUtstederTests : IDisposable
{
    private const string MaskinportenIssuer = "https://maskinporten.test/";
    private const string AaregAudience = "https://aareg.test/";

    private readonly Datamappe mappe = new();
    private readonly RSA rsa = RSA.Create(2048);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        rsa.Dispose();
        mappe.Dispose();
    }

    [Fact]
    public async Task Configured_issuer_with_a_jwks_file_validates_rs256_tokens()
    {
        await using var vert = await StartMedJwksFil();

        using var svar = await vert.GetAsync("/mottak", RsaToken(AaregAudience));

        Assert.Equal(HttpStatusCode.OK, svar.StatusCode);
        var kaller = await svar.Content.ReadFromJsonAsync<KallerSvar>(Ct);
        Assert.Equal(Testdata.OrgnrA, kaller!.Consumer);
        Assert.Equal(MaskinportenIssuer, kaller.Utsteder);
    }

    [Fact]
    public async Task Configured_issuer_rejects_a_token_for_another_audience()
    {
        await using var vert = await StartMedJwksFil();

        using var svar = await vert.GetAsync("/mottak", RsaToken("https://noe-annet.test/"));

        Assert.Equal(HttpStatusCode.Unauthorized, svar.StatusCode);
        Assert.Equal("Tokenet er ugyldig.", (await AutentiseringTests.LesJson(svar)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Maskinporten_issuer_cannot_vouch_for_a_person_or_case_worker_roles()
    {
        await using var vert = await StartMedJwksFil();
        var token = RsaToken(AaregAudience, ",\"pid\":\"" + Testdata.SyntetiskFnr() + "\",\"roller\":[\"SAKSBEHANDLER\"]");

        using var svar = await vert.GetAsync("/mottak", token);

        Assert.Equal(HttpStatusCode.OK, svar.StatusCode);
        var kaller = await svar.Content.ReadFromJsonAsync<KallerSvar>(Ct);
        Assert.Null(kaller!.Pid);
        Assert.Empty(kaller.Roller);
        Assert.Equal(Testdata.OrgnrA, kaller.Consumer);
    }

    [Fact]
    public async Task Configured_issuer_with_an_inline_pem_key_validates_es256_tokens()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await using var vert = await TestVert.StartAsync("Production", mappe.Sti, new Dictionary<string, string?>
        {
            ["Aareg:Auth:Utstedere:0:Navn"] = "idporten",
            ["Aareg:Auth:Utstedere:0:Issuer"] = "https://idporten.test/",
            ["Aareg:Auth:Utstedere:0:Type"] = "IdPorten",
            ["Aareg:Auth:Utstedere:0:SigningKeysPem"] = ec.ExportSubjectPublicKeyInfoPem(),
        });
        var token = AutentiseringTests.Signer(
            AutentiseringTests.Nyttelast("https://idporten.test/", "hvem-som-helst", Scopes.Mottak, ",\"pid\":\"" + Testdata.SyntetiskFnr() + "\",\"acr\":\"idporten-loa-high\""),
            new SigningCredentials(new ECDsaSecurityKey(ec), SecurityAlgorithms.EcdsaSha256));

        using var svar = await vert.GetAsync("/mottak", token);

        Assert.Equal(HttpStatusCode.OK, svar.StatusCode);
        var kaller = await svar.Content.ReadFromJsonAsync<KallerSvar>(Ct);
        Assert.Equal(Testdata.SyntetiskFnr(), kaller!.Pid);
        Assert.Equal("idporten-loa-high", kaller.Acr);
        Assert.Null(kaller.Consumer);
    }

    [Fact]
    public async Task Configured_issuer_with_a_jwks_uri_fetches_the_keys_over_http()
    {
        var jwksVert = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        jwksVert.WebHost.UseUrls("http://127.0.0.1:0");
        await using var jwksApp = jwksVert.Build();
        var hentinger = 0;
        jwksApp.MapGet("/jwks", () =>
        {
            Interlocked.Increment(ref hentinger);
            return Results.Text(Jwks(), "application/json");
        });
        await jwksApp.StartAsync(Ct);
        var adresse = new Uri(new Uri(jwksApp.Urls.Single()), "/jwks");
        await using var vert = await TestVert.StartAsync("Production", mappe.Sti, new Dictionary<string, string?>
        {
            ["Aareg:Auth:Utstedere:0:Navn"] = "maskinporten",
            ["Aareg:Auth:Utstedere:0:Issuer"] = MaskinportenIssuer,
            ["Aareg:Auth:Utstedere:0:Type"] = "Maskinporten",
            ["Aareg:Auth:Utstedere:0:Audience"] = AaregAudience,
            ["Aareg:Auth:Utstedere:0:JwksUri"] = adresse.ToString(),
        });

        using var forste = await vert.GetAsync("/mottak", RsaToken(AaregAudience));
        using var andre = await vert.GetAsync("/mottak", RsaToken(AaregAudience));

        Assert.Equal(HttpStatusCode.OK, forste.StatusCode);
        Assert.Equal(HttpStatusCode.OK, andre.StatusCode);
        Assert.Equal(1, Volatile.Read(ref hentinger));
    }

    [Fact]
    public async Task Rs384_is_not_an_accepted_algorithm()
    {
        await using var vert = await StartMedJwksFil();
        var token = AutentiseringTests.Signer(
            AutentiseringTests.Nyttelast(MaskinportenIssuer, AaregAudience, Scopes.Mottak),
            new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = "mp-1" }, SecurityAlgorithms.RsaSha384));

        using var svar = await vert.GetAsync("/mottak", token);

        Assert.Equal(HttpStatusCode.Unauthorized, svar.StatusCode);
    }

    [Fact]
    public async Task Two_issuers_with_the_same_iss_fail_at_startup()
    {
        var konfig = new Dictionary<string, string?>
        {
            ["Aareg:Auth:Utstedere:0:Navn"] = "a",
            ["Aareg:Auth:Utstedere:0:Issuer"] = MaskinportenIssuer,
            ["Aareg:Auth:Utstedere:0:SigningKeysPem"] = rsa.ExportSubjectPublicKeyInfoPem(),
            ["Aareg:Auth:Utstedere:1:Navn"] = "b",
            ["Aareg:Auth:Utstedere:1:Issuer"] = MaskinportenIssuer,
            ["Aareg:Auth:Utstedere:1:SigningKeysPem"] = rsa.ExportSubjectPublicKeyInfoPem(),
        };

        var feil = await Assert.ThrowsAsync<InvalidOperationException>(() => TestVert.StartAsync("Production", mappe.Sti, konfig));

        Assert.Contains("allerede i bruk", feil.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_private_key_in_the_configuration_is_refused()
    {
        var konfig = new Dictionary<string, string?>
        {
            ["Aareg:Auth:Utstedere:0:Navn"] = "a",
            ["Aareg:Auth:Utstedere:0:Issuer"] = MaskinportenIssuer,
            ["Aareg:Auth:Utstedere:0:SigningKeysPem"] = rsa.ExportPkcs8PrivateKeyPem(),
        };

        await Assert.ThrowsAsync<InvalidOperationException>(() => TestVert.StartAsync("Production", mappe.Sti, konfig));
    }

    private async Task<TestVert> StartMedJwksFil()
    {
        Directory.CreateDirectory(mappe.Sti);
        var jwksFil = Path.Combine(mappe.Sti, "maskinporten-jwks.json");
        await File.WriteAllTextAsync(jwksFil, Jwks(), Ct);

        return await TestVert.StartAsync("Production", mappe.Sti, new Dictionary<string, string?>
        {
            ["Aareg:Auth:Utstedere:0:Navn"] = "maskinporten",
            ["Aareg:Auth:Utstedere:0:Issuer"] = MaskinportenIssuer,
            ["Aareg:Auth:Utstedere:0:Type"] = "Maskinporten",
            ["Aareg:Auth:Utstedere:0:Audience"] = AaregAudience,
            ["Aareg:Auth:Utstedere:0:JwksFil"] = jwksFil,
        });
    }

    private string Jwks()
    {
        var p = rsa.ExportParameters(includePrivateParameters: false);
        return $$"""{"keys":[{"kty":"RSA","use":"sig","alg":"RS256","kid":"mp-1","n":"{{Base64UrlEncoder.Encode(p.Modulus)}}","e":"{{Base64UrlEncoder.Encode(p.Exponent)}}"}]}""";
    }

    private string RsaToken(string audience, string? ekstra = null) =>
        AutentiseringTests.Signer(
            AutentiseringTests.Nyttelast(MaskinportenIssuer, audience, Scopes.Mottak, ekstra),
            new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = "mp-1" }, SecurityAlgorithms.RsaSha256));
}
