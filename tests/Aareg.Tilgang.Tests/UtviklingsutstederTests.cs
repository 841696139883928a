using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Aareg.Tilgang.Tests;

public sealed class UtviklingsutstederTests : IDisposable
{
    private readonly Datamappe mappe = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => mappe.Dispose();

    [Fact]
    public async Task Dev_issuer_is_off_in_production_routes_do_not_exist_and_its_tokens_are_rejected()
    {
        await using var vert = await TestVert.StartAsync("Production", mappe.Sti);
        using var cliUtsteder = Utviklingsutsteder.FraDatamappe(mappe.Sti);
        var token = cliUtsteder.LagToken(new TokenForespoersel(Scopes.Mottak, Testdata.OrgnrA));

        using var tokenSvar = await vert.Klient.PostAsJsonAsync("/dev/token", new { scope = Scopes.Mottak, consumer = Testdata.OrgnrA }, Ct);
        using var jwksSvar = await vert.GetAsync("/dev/jwks");
        using var kall = await vert.GetAsync("/mottak", token);

        Assert.Equal(HttpStatusCode.NotFound, tokenSvar.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, jwksSvar.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, kall.StatusCode);
        Assert.Null(vert.Tjenester.GetService<Utviklingsutsteder>());
    }

    [Fact]
    public async Task Dev_issuer_is_on_in_development_and_its_tokens_open_the_api()
    {
        await using var vert = await TestVert.StartAsync("Development", mappe.Sti);

        using var tokenSvar = await vert.Klient.PostAsJsonAsync("/dev/token", new { scope = Scopes.Mottak, consumer = Testdata.OrgnrA }, Ct);

        Assert.Equal(HttpStatusCode.OK, tokenSvar.StatusCode);
        var innhold = await tokenSvar.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("Bearer", innhold.GetProperty("token_type").GetString());
        Assert.Equal(3600, innhold.GetProperty("expires_in").GetInt32());
        var token = innhold.GetProperty("access_token").GetString()!;
        using var kall = await vert.GetAsync("/mottak", token);
        Assert.Equal(HttpStatusCode.OK, kall.StatusCode);
        Assert.Equal(Testdata.OrgnrA, (await kall.Content.ReadFromJsonAsync<KallerSvar>(Ct))!.Consumer);
    }

    [Fact]
    public async Task Dev_issuer_can_be_turned_on_by_configuration_outside_development()
    {
        await using var vert = await TestVert.StartAsync(
            "Production",
            mappe.Sti,
            new Dictionary<string, string?> { ["Aareg:Auth:Utviklingsutsteder"] = "true" });

        using var jwks = await vert.GetAsync("/dev/jwks");

        Assert.Equal(HttpStatusCode.OK, jwks.StatusCode);
        var nokkel = (await jwks.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("keys")[0];
        Assert.Equal("EC", nokkel.GetProperty("kty").GetString());
        Assert.Equal("P-256", nokkel.GetProperty("crv").GetString());
        Assert.Equal("ES256", nokkel.GetProperty("alg").GetString());
        Assert.False(nokkel.TryGetProperty("d", out _), "the private key must never be published");
    }

    [Fact]
    public async Task Token_endpoint_rejects_invalid_input_with_field_errors_without_echoing_the_pid()
    {
        await using var vert = await TestVert.StartAsync("Development", mappe.Sti);
        const string ugyldigPid = "01019012346";

        using var svar = await vert.Klient.PostAsJsonAsync(
            "/dev/token",
            new { scope = Scopes.Mottak, consumer = "123456789", pid = ugyldigPid },
            Ct);

        Assert.Equal(HttpStatusCode.BadRequest, svar.StatusCode);
        Assert.Equal("application/problem+json", svar.Content.Headers.ContentType?.MediaType);
        var tekst = await svar.Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain(ugyldigPid, tekst, StringComparison.Ordinal);
        var problem = JsonDocument.Parse(tekst).RootElement;
        Assert.Equal("AA-400", problem.GetProperty("kode").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("consumer", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("pid", out _));
    }

    [Fact]
    public async Task Token_endpoint_rejects_a_body_that_is_not_json()
    {
        await using var vert = await TestVert.StartAsync("Development", mappe.Sti);
        using var innhold = new StringContent("scope=x", System.Text.Encoding.UTF8, "application/json");

        using var svar = await vert.Klient.PostAsync("/dev/token", innhold, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, svar.StatusCode);
        Assert.Equal("application/problem+json", svar.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Key_file_is_reused_by_a_second_host_on_the_same_data_directory()
    {
        string token;
        await using (var forste = await TestVert.StartAsync("Development", mappe.Sti))
        {
            token = AutentiseringTests.DevToken(forste, new TokenForespoersel(Scopes.Mottak, Testdata.OrgnrA));
        }

        Assert.True(File.Exists(Path.Combine(mappe.Sti, Utviklingsutsteder.Nokkelfilnavn)));
        await using var andre = await TestVert.StartAsync("Development", mappe.Sti);
        using var svar = await andre.GetAsync("/mottak", token);

        Assert.Equal(HttpStatusCode.OK, svar.StatusCode);
    }

    [Fact]
    public void Key_is_generated_on_first_use_and_loaded_afterwards_with_the_same_kid()
    {
        using var forste = Utviklingsutsteder.FraDatamappe(mappe.Sti);
        using var andre = Utviklingsutsteder.FraDatamappe(mappe.Sti);

        Assert.Equal(forste.KeyId, andre.KeyId);
        using var annenMappe = new Datamappe();
        using var fremmed = Utviklingsutsteder.FraDatamappe(annenMappe.Sti);
        Assert.NotEqual(forste.KeyId, fremmed.KeyId);
    }

    [Fact]
    public void Token_carries_maskinporten_shaped_claims_and_standard_lifetime()
    {
        var naa = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        using var utsteder = Utviklingsutsteder.FraDatamappe(mappe.Sti, new FastTid(naa));

        var jwt = new JsonWebToken(utsteder.LagToken(new TokenForespoersel(Scopes.Otp, Testdata.OrgnrA, Testdata.OrgnrB)));

        Assert.Equal("ES256", jwt.Alg);
        Assert.Equal(utsteder.KeyId, jwt.Kid);
        Assert.Equal(Utviklingsutsteder.Issuer, jwt.Issuer);
        Assert.Equal([Utviklingsutsteder.Audience], jwt.Audiences);
        Assert.Equal(naa.UtcDateTime, jwt.IssuedAt);
        Assert.Equal(naa.AddHours(1).UtcDateTime, jwt.ValidTo);
        Assert.False(string.IsNullOrEmpty(jwt.Id));
        Assert.Equal(Scopes.Otp, jwt.GetClaim("scope").Value);
        var consumer = JsonDocument.Parse(jwt.GetClaim("consumer").Value).RootElement;
        Assert.Equal("iso6523-actorid-upis", consumer.GetProperty("authority").GetString());
        Assert.Equal("0192:" + Testdata.OrgnrA, consumer.GetProperty("ID").GetString());
        Assert.False(jwt.TryGetClaim("pid", out _));
        Assert.False(jwt.TryGetClaim("acr", out _));
    }

    [Theory]
    [InlineData("123456789", null)]
    [InlineData(null, "12345678901")]
    public void LagToken_rejects_an_invalid_orgnr_or_pid(string? consumer, string? pid)
    {
        using var utsteder = Utviklingsutsteder.FraDatamappe(mappe.Sti);

        var feil = Assert.Throws<ArgumentException>(() => utsteder.LagToken(new TokenForespoersel(Scopes.Mottak, consumer, Pid: pid)));

        if (pid is not null)
        {
            Assert.DoesNotContain(pid, feil.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void LagToken_accepts_a_synthetic_pid()
    {
        using var utsteder = Utviklingsutsteder.FraDatamappe(mappe.Sti);

        var jwt = new JsonWebToken(utsteder.LagToken(new TokenForespoersel("", null, Pid: Testdata.SyntetiskFnr(), Acr: "idporten-loa-high")));

        Assert.Equal(Testdata.SyntetiskFnr(), jwt.GetClaim("pid").Value);
        Assert.Equal("idporten-loa-high", jwt.GetClaim("acr").Value);
    }

    [Fact]
    public void LagToken_rejects_a_lifetime_beyond_a_day()
    {
        using var utsteder = Utviklingsutsteder.FraDatamappe(mappe.Sti);

        Assert.Throws<ArgumentOutOfRangeException>(() =>
            utsteder.LagToken(new TokenForespoersel(Scopes.Mottak, Testdata.OrgnrA), TimeSpan.FromDays(2)));
    }

    [Fact]
    public void Unreadable_key_file_fails_with_a_clear_message()
    {
        Directory.CreateDirectory(mappe.Sti);
        File.WriteAllText(Path.Combine(mappe.Sti, Utviklingsutsteder.Nokkelfilnavn), "{ikke json");

        var feil = Assert.Throws<InvalidOperationException>(() => Utviklingsutsteder.FraDatamappe(mappe.Sti));

        Assert.Contains("kan ikke leses", feil.Message, StringComparison.Ordinal);
    }
}
