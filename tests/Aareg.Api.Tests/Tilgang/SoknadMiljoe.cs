using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aareg.Mottak.Referanse;
using Aareg.Storage.Referanse;
using Microsoft.Extensions.DependencyInjection;

namespace Aareg.Api.Tests.Tilgang;

/// <summary>
/// The service with an applicant organisation whose Enhetsregisteret roles are imported: <see cref="Leder"/> is its
/// daglig leder, <see cref="Ansatt"/> and <see cref="Annen"/> hold no role.
/// </summary>
public sealed class SoknadMiljoe : IAsyncDisposable
{
    public const string Organisasjon = "974760673";
    public const string AnnenOrganisasjon = "983887457";
    public const string Leder = "02029404855";
    public const string Ansatt = "12106346508";
    public const string Annen = "15058012359";

    public AaregFabrikk Fabrikk { get; } = new();

    public static async Task<SoknadMiljoe> StartAsync(Action<AaregFabrikk>? oppsett = null)
    {
        var m = new SoknadMiljoe();
        oppsett?.Invoke(m.Fabrikk);
        var roller = "[{\"organisasjonsnummer\":\"" + Organisasjon + "\",\"rollegrupper\":[{\"type\":{\"kode\":\"DAGL\"},\"roller\":["
            + "{\"type\":{\"kode\":\"DAGL\"},\"person\":{\"fodselsnummer\":\"" + Leder + "\",\"fodselsdato\":\"1994-02-02\"},\"fratraadt\":false},"
            + "{\"type\":{\"kode\":\"REVI\"},\"enhet\":{\"organisasjonsnummer\":\"" + AnnenOrganisasjon + "\"},\"fratraadt\":false}]}]}]";
        var import = new EnhetsregisterImport(m.Fabrikk.Services.GetRequiredService<IReferanseStore>(), TimeProvider.System);
        await using var stroem = new MemoryStream(Encoding.UTF8.GetBytes(roller));
        await import.ImporterBulkAsync(stroem, TestContext.Current.CancellationToken);
        return m;
    }

    /// <param name="acr">The token's level; null gives the development issuer's default (substantial).</param>
    public async Task<HttpClient> PersonAsync(string pid, string? organisasjon = Organisasjon, string? acr = null)
    {
        var klient = await KlientAsync(new { scope = "openid", pid, acr });
        if (organisasjon is not null)
        {
            klient.DefaultRequestHeaders.Add("Nav-Organisasjonsnummer", organisasjon);
        }

        return klient;
    }

    public Task<HttpClient> SaksbehandlerAsync() => KlientAsync(new { scope = "openid", roller = new[] { "saksbehandler" } });

    private async Task<HttpClient> KlientAsync(object tokenforespoersel)
    {
        using var anonym = Fabrikk.CreateClient();
        var svar = await anonym.PostAsJsonAsync("/dev/token", tokenforespoersel);
        svar.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await svar.Content.ReadAsStringAsync());
        var klient = Fabrikk.CreateClient();
        klient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", json.RootElement.GetProperty("access_token").GetString());
        return klient;
    }

    /// <summary>A complete application body: everything the source document says must be ready before sending.</summary>
    public static JsonObject KomplettSoknad(params string[] dataelementer) => new()
    {
        ["organisasjonsnummer"] = Organisasjon,
        ["type"] = "ny",
        ["hjemmel"] = new JsonObject { ["lov"] = "aa-registerforskriften", ["paragraf"] = "§ 10" },
        ["formaal"] = new JsonArray("SAKSBEHANDLING"),
        ["formaalsbeskrivelse"] = "Kontroll av arbeidsforhold ved søknad om ytelser.",
        ["behandlingsgrunnlag"] = "Personvernforordningen art. 6 nr. 1 bokstav e",
        ["dataelementer"] = new JsonArray([.. (dataelementer.Length == 0 ? ["arbeidsforholdIdentifikasjon", "ansettelsesperiode", "yrke"] : dataelementer).Select(d => JsonValue.Create(d))]),
        ["kanaler"] = new JsonArray(new JsonObject { ["kanal"] = "API" }),
        ["kontaktpersoner"] = new JsonObject
        {
            ["avtale"] = Kontakt("Kari Avtale"),
            ["endring"] = Kontakt("Ola Endring"),
            ["feil"] = Kontakt("Per Feil"),
            ["sikkerhetsbrudd"] = Kontakt("Siri Sikkerhet"),
        },
        ["bruksvilkaar"] = new JsonObject { ["versjon"] = "1.0", ["godtatt"] = true },
    };

    public static JsonObject Kontakt(string navn) => new() { ["navn"] = navn, ["telefon"] = "+47 22 00 00 00", ["epost"] = "kontakt@example.no" };

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage svar)
    {
        var tekst = await svar.Content.ReadAsStringAsync();
        return JsonDocument.Parse(tekst).RootElement.Clone();
    }

    /// <summary>Draft, send, take, grant: the agreement the application made.</summary>
    public async Task<(string SoknadId, JsonElement Soknad)> InnvilgetAsync(JsonObject soknad, object? vedtak = null)
    {
        using var leder = await PersonAsync(Leder);
        using var saksbehandler = await SaksbehandlerAsync();
        var utkast = await JsonAsync(await leder.PostAsJsonAsync("/api/v1/soknader", soknad));
        var id = utkast.GetProperty("id").GetString()!;
        (await leder.PostAsync($"/api/v1/soknader/{id}/send", null)).EnsureSuccessStatusCode();
        (await saksbehandler.PostAsync($"/api/v1/soknader/{id}/behandling", null)).EnsureSuccessStatusCode();
        var svar = await saksbehandler.PostAsJsonAsync($"/api/v1/soknader/{id}/vedtak", vedtak ?? new { utfall = "innvilget" });
        Assert.Equal(System.Net.HttpStatusCode.OK, svar.StatusCode);
        return (id, await JsonAsync(svar));
    }

    public async ValueTask DisposeAsync() => await Fabrikk.DisposeAsync();
}
