using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Aareg.Tilgang.Tests;

public sealed class AutentiseringTests : IDisposable
{
    private readonly Datamappe mappe = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => mappe.Dispose();

    [Fact]
    public async Task No_token_gives_401_problem_json_with_kode_and_the_callers_correlation_id()
    {
        await using var vert = await TestVert.StartAsync("Development", mappe.Sti);
        using var melding = new HttpRequestMessage(HttpMethod.Get, "/mottak");
        melding.Headers.Add("Nav-Call-Id", "kall-123");

        using var svar = await vert.Klient.SendAsync(melding, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, svar.StatusCode);
        Assert.Equal("application/problem+json", svar.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Bearer", svar.Headers.WwwAuthenticate.Single().Scheme);
        var problem = await LesJson(svar);
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
        Assert.Equal("AA-401", problem.GetProperty("kode").GetString());
        Assert.Equal("kall-123", problem.GetProperty("korrelasjonsid").GetString());
        Assert.Equal("/mottak", problem.GetProperty("instance").GetString());
    }

    [Fact]
    public async Task Open_endpoint_needs_no_token()
    {
        await using var vert = await TestVert.StartAsync("Production", mappe.Sti);

        using var svar = await vert.GetAsync("/aapen");

        Assert.Equal(HttpStatusCode.OK, svar.StatusCode);
    }

    [Fact]
    public async Task Expired_token_gives_401()
    {
        await using var vert = await TestVert.StartAsync("Development", mappe.Sti);
        using var fortid = Utviklingsutsteder.FraDatamappe(mappe.Sti, new FastTid(DateTimeOffset.UtcNow.AddHours(-3)));
        var token = fortid.LagToken(new TokenForespoersel(Scopes.Mottak, Testdata.OrgnrA));

        using var svar = await vert.GetAsync("/mottak", token);

        Assert.Equal(HttpStatusCode.Unauthorized, svar.StatusCode);
        var problem = await LesJson(svar);
        Assert.Equal("AA-401", problem.GetProperty("kode").GetString());
        Assert.Equal("Tokenet er utløpt.", problem.GetProperty("detail").GetString());
        Assert.Contains("invalid_token", svar.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_for_the_dev_issuer_signed_with_another_key_gives_401()
    {
        await using var vert = await TestVert.StartAsync("Development", mappe.Sti);
        using var annenMappe = new Datamappe();
        using var falsk = Utviklingsutsteder.FraDatamappe(annenMappe.Sti);
        var token = falsk.LagToken(new TokenForespoersel(Scopes.Mottak, Testdata.OrgnrA));

        using var svar = await vert.GetAsync("/mottak", token);

        Assert.Equal(HttpStatusCode.Unauthorized, svar.StatusCode);
        Assert.Equal("AA-401", (await LesJson(svar)).GetProperty("kode").GetString());
    }

    [Fact]
    public async Task Token_from_an_unknown_issuer_gives_401()
    {
        await using var vert = await TestVert.StartAsync("Development", mappe.Sti);
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var token = Signer(
            Nyttelast("https://ukjent.example/", Utviklingsutsteder.Audience, Scopes.Mottak),
            new SigningCredentials(new ECDsaSecurityKey(ec), SecurityAlgorithms.EcdsaSha256));

        using var svar = await vert.GetAsync("/mottak", token);

        Assert.Equal(HttpStatusCode.Unauthorized, svar.StatusCode);
        var problem = await LesJson(svar);
        Assert.Equal("AA-401", problem.GetProperty("kode").GetString());
        Assert.Contains("ukjent utsteder", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Garbage_bearer_token_gives_401()
    {
        await using var vert = await TestVert.StartAsync("Development", mappe.Sti);

        using var svar = await vert.GetAsync("/mottak", "ikke.et.token");

        Assert.Equal(HttpStatusCode.Unauthorized, svar.StatusCode);
        Assert.Equal("AA-401", (await LesJson(svar)).GetProperty("kode").GetString());
    }

    [Fact]
    public async Task Unsigned_alg_none_token_gives_401()
    {
        await using var vert = await TestVert.StartAsync("Development", mappe.Sti);
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""");
        var nyttelast = Base64UrlEncoder.Encode(Nyttelast(Utviklingsutsteder.Issuer, Utviklingsutsteder.Audience, Scopes.Mottak));

        using var svar = await vert.GetAsync("/mottak", $"{header}.{nyttelast}.");

        Assert.Equal(HttpStatusCode.Unauthorized, svar.StatusCode);
    }

    [Fact]
    public async Task Hs256_token_signed_with_the_public_key_as_secret_gives_401()
    {
        await using var vert = await TestVert.StartAsync("Development", mappe.Sti);
        var offentligJwks = vert.Tjenester.GetRequiredService<Utviklingsutsteder>().Jwks();
        var hemmelighet = new SymmetricSecurityKey(SHA256.HashData(Encoding.UTF8.GetBytes(offentligJwks)));
        var token = Signer(
            Nyttelast(Utviklingsutsteder.Issuer, Utviklingsutsteder.Audience, Scopes.Mottak),
            new SigningCredentials(hemmelighet, SecurityAlgorithms.HmacSha256));

        using var svar = await vert.GetAsync("/mottak", token);

        Assert.Equal(HttpStatusCode.Unauthorized, svar.StatusCode);
    }

    [Fact]
    public async Task Wrong_scope_gives_403_problem_json_naming_the_missing_scope()
    {
        await using var vert = await TestVert.StartAsync("Development", mappe.Sti);
        var token = DevToken(vert, new TokenForespoersel(Scopes.Arbeidsforhold, Testdata.OrgnrA));

        using var svar = await vert.GetAsync("/mottak", token);

        Assert.Equal(HttpStatusCode.Forbidden, svar.StatusCode);
        Assert.Equal("application/problem+json", svar.Content.Headers.ContentType?.MediaType);
        var problem = await LesJson(svar);
        Assert.Equal(403, problem.GetProperty("status").GetInt32());
        Assert.Equal("AA-403", problem.GetProperty("kode").GetString());
        Assert.Equal("Mangler scope nav:aareg/v1/mottak.", problem.GetProperty("detail").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("korrelasjonsid").GetString()));
    }

    [Fact]
    public async Task Right_scope_gives_200_and_the_handler_sees_the_consumer_orgnr_from_the_maskinporten_object()
    {
        await using var vert = await TestVert.StartAsync("Development", mappe.Sti);
        var token = DevToken(vert, new TokenForespoersel($"{Scopes.Mottak} {Scopes.Hendelser}", Testdata.OrgnrA, Testdata.OrgnrB));

        using var svar = await vert.GetAsync("/mottak", token);

        Assert.Equal(HttpStatusCode.OK, svar.StatusCode);
        var kaller = await svar.Content.ReadFromJsonAsync<KallerSvar>(Ct);
        Assert.NotNull(kaller);
        Assert.Equal(Testdata.OrgnrA, kaller.Consumer);
        Assert.Equal(Testdata.OrgnrB, kaller.Supplier);
        Assert.Equal([Scopes.Hendelser, Scopes.Mottak], kaller.Scopes);
        Assert.Equal(Utviklingsutsteder.Issuer, kaller.Utsteder);
        Assert.Null(kaller.Pid);
    }

    [Fact]
    public async Task Scope_required_on_a_route_group_applies_to_its_endpoints()
    {
        await using var vert = await TestVert.StartAsync("Development", mappe.Sti);
        var riktig = DevToken(vert, new TokenForespoersel(Scopes.Arbeidsforhold, Testdata.OrgnrA));
        var feil = DevToken(vert, new TokenForespoersel(Scopes.Otp, Testdata.OrgnrA));

        using var ok = await vert.GetAsync("/oppslag", riktig);
        using var forbudt = await vert.GetAsync("/oppslag", feil);
        using var anonym = await vert.GetAsync("/oppslag");

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forbudt.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonym.StatusCode);
    }

    [Fact]
    public async Task Person_and_case_worker_claims_reach_the_caller_context()
    {
        await using var vert = await TestVert.StartAsync("Development", mappe.Sti);
        var fnr = Testdata.SyntetiskFnr();
        var token = DevToken(vert, new TokenForespoersel(Scopes.Mottak, null, Pid: fnr, Roller: ["SAKSBEHANDLER", "LES"]));

        using var svar = await vert.GetAsync("/mottak", token);

        var kaller = await svar.Content.ReadFromJsonAsync<KallerSvar>(Ct);
        Assert.NotNull(kaller);
        Assert.Null(kaller.Consumer);
        Assert.Equal(fnr, kaller.Pid);
        Assert.Equal(Utviklingsutsteder.StandardAcr, kaller.Acr);
        Assert.Equal(["SAKSBEHANDLER", "LES"], kaller.Roller);
    }

    internal static string DevToken(TestVert vert, TokenForespoersel foresporsel) =>
        vert.Tjenester.GetRequiredService<Utviklingsutsteder>().LagToken(foresporsel);

    internal static string Nyttelast(string issuer, string audience, string scope, string? ekstra = null)
    {
        var naa = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return $$"""{"iss":"{{issuer}}","aud":"{{audience}}","iat":{{naa}},"nbf":{{naa}},"exp":{{naa + 600}},"scope":"{{scope}}","consumer":{"authority":"iso6523-actorid-upis","ID":"0192:{{Testdata.OrgnrA}}"}{{ekstra}}}""";
    }

    internal static string Signer(string nyttelast, SigningCredentials signering) =>
        new JsonWebTokenHandler().CreateToken(nyttelast, signering);

    internal static async Task<JsonElement> LesJson(HttpResponseMessage svar) =>
        (await svar.Content.ReadFromJsonAsync<JsonElement>(Ct)).Clone();
}
