using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aareg.Api.Tests.Tilgang;
using Aareg.Mottak.Referanse;
using Aareg.Storage;
using Aareg.Storage.Referanse;
using Aareg.Storage.Revisjon;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Aareg.Api.Tests.Revisjon;

/// <summary>
/// The person's insight end to end (issue 6 must-show): a melding goes through intake, two organisations look the
/// person up through the lookup API under their agreements, and the person's <c>GET /api/v1/innsyn/oppslag</c> lists
/// the ordinary lookup with organisation, purpose and time but not the one an agreement hides from the person
/// (API §8). Everything runs through the real pipeline and the real SQLite audit log.
/// </summary>
public sealed class InnsynEndeTilEndeTests : IAsyncLifetime
{
    private const string KonsumentA = TestMeldinger.Loennssystem;
    private const string KonsumentB = "987976535";
    private const string NavnA = "SYKEPENGEKONTROLL AS";
    private const string NavnB = "ETTERFORSKNING AS";

    private static readonly TimeZoneInfo Norge = TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo");

    private readonly AaregFabrikk _fabrikk = new();
    private WebApplicationFactory<Program> _app = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        // A: an ordinary agreement with two purposes (so the lookup must name one). B: an agreement the law keeps
        // hidden from the person (e.g. a police investigation), with its legal basis.
        _fabrikk.Tilgang.Avtaler.Sett(
            Testtilgang.Avtale(KonsumentA) with { Formaal = ["YTELSER", "KONTROLL"] },
            Testtilgang.Avtale(KonsumentB) with
            {
                Formaal = ["ETTERFORSKNING"],
                SkjultForPerson = true,
                SkjultHjemmel = "straffeprosessloven § 210",
            });
        _app = _fabrikk.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            s.RemoveAll<IRevisjonslogg>();
            s.AddSingleton(sp => sp.GetRequiredService<ILagring>().Revisjonslogg);
        }));
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _fabrikk.DisposeAsync();
    }

    [Fact]
    public async Task Person_sees_a_real_lookup_with_organisation_purpose_and_time_and_not_a_hidden_one()
    {
        using (var mottak = await KlientAsync(new { scope = Oppslagsregister.Mottaksscope, consumer = TestMeldinger.Opplysningspliktig }))
        {
            await Oppslagsregister.SendOgVentAsync(mottak, Oppslagsregister.Melding(
                "m-innsyn", "2025-03", TestMeldinger.Opplysningspliktig,
                (TestMeldinger.Virksomhet, TestMeldinger.Person, Oppslagsregister.Af("af-innsyn", new DateOnly(2020, 1, 1)))));
        }

        await ImporterEnheterAsync($"[{Enhet(KonsumentA, NavnA)},{Enhet(KonsumentB, NavnB)}]");

        var foer = Lokal(DateTimeOffset.UtcNow);
        await SlaaOppAsync(KonsumentA, "KONTROLL", "SAK-1");
        var etter = Lokal(DateTimeOffset.UtcNow);
        await SlaaOppAsync(KonsumentB, "ETTERFORSKNING", "STRAFFESAK-7");

        // Both lookups were made and audited; B's record carries the agreement's hidden flag.
        var revisjon = await _app.Services.GetRequiredService<IRevisjonsleser>().HentForPersonAsync([TestMeldinger.Person], null, null, Ct);
        Assert.Contains(revisjon, r => r.Post is { Konsument: KonsumentA, SkjultForPerson: false, Beslutning: Revisjonsbeslutning.Tillatt });
        Assert.Contains(revisjon, r => r.Post is { Konsument: KonsumentB, SkjultForPerson: true, Beslutning: Revisjonsbeslutning.Tillatt });

        using var person = await KlientAsync(new { scope = "openid", pid = TestMeldinger.Person, acr = "idporten-loa-substantial" });
        using var svar = await person.GetAsync("/api/v1/innsyn/oppslag", Ct);
        Assert.Equal(HttpStatusCode.OK, svar.StatusCode);
        var liste = JsonNode.Parse(await svar.Content.ReadAsStringAsync(Ct))!.AsArray();

        var oppslag = Assert.Single(liste, o => o!["organisasjon"] is not null)!;
        Assert.Equal(KonsumentA, oppslag["organisasjon"]!["orgnr"]!.GetValue<string>());
        Assert.Equal(NavnA, oppslag["organisasjon"]!["navn"]!.GetValue<string>());
        Assert.Equal("KONTROLL", oppslag["formaal"]!.GetValue<string>());
        Assert.Equal("API", oppslag["kanal"]!.GetValue<string>());
        var tidspunkt = DateTime.ParseExact(oppslag["tidspunkt"]!.GetValue<string>(), "yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture);
        Assert.InRange(tidspunkt, foer, etter);

        Assert.DoesNotContain(liste, o => o!["organisasjon"]?["orgnr"]?.GetValue<string>() == KonsumentB);
        Assert.DoesNotContain(liste, o => o!["formaal"]?.GetValue<string>() == "ETTERFORSKNING");
    }

    private async Task SlaaOppAsync(string konsument, string formaal, string saksreferanse)
    {
        using var klient = await KlientAsync(new { scope = Oppslagsregister.Oppslagsscope, consumer = konsument });
        using var foresporsel = new HttpRequestMessage(HttpMethod.Get, "/api/v2/arbeidstaker/arbeidsforhold");
        foresporsel.Headers.Add("Nav-Personident", TestMeldinger.Person);
        foresporsel.Headers.Add("Nav-Formaal", formaal);
        foresporsel.Headers.Add("Nav-Saksreferanse", saksreferanse);
        using var svar = await klient.SendAsync(foresporsel, Ct);
        Assert.Equal(HttpStatusCode.OK, svar.StatusCode);
        var liste = JsonNode.Parse(await svar.Content.ReadAsStringAsync(Ct))!.AsArray();
        Assert.Equal("af-innsyn", Assert.Single(liste)!["id"]!.GetValue<string>());
    }

    private async Task<HttpClient> KlientAsync(object tokenforespoersel)
    {
        using var utsteder = _app.CreateClient();
        var svar = await utsteder.PostAsJsonAsync("/dev/token", tokenforespoersel, Ct);
        svar.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await svar.Content.ReadAsStringAsync(Ct));
        var klient = _app.CreateClient();
        klient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", json.RootElement.GetProperty("access_token").GetString());
        return klient;
    }

    private async Task ImporterEnheterAsync(string json)
    {
        var import = new EnhetsregisterImport(_app.Services.GetRequiredService<IReferanseStore>(), TimeProvider.System);
        using var stroem = new MemoryStream(Encoding.UTF8.GetBytes(json));
        await import.ImporterBulkAsync(stroem, Ct);
    }

    private static string Enhet(string orgnr, string navn) =>
        $$"""{"organisasjonsnummer":"{{orgnr}}","navn":"{{navn}}","organisasjonsform":{"kode":"AS","beskrivelse":"x"},"registreringsdatoEnhetsregisteret":"2010-01-01","konkurs":false}""";

    /// <summary>Norwegian local time to the millisecond, as the insight shows it (DOMAIN §5).</summary>
    private static DateTime Lokal(DateTimeOffset tid)
    {
        var lokal = TimeZoneInfo.ConvertTime(tid, Norge).DateTime;
        return new DateTime(lokal.Ticks - (lokal.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Unspecified);
    }
}
