using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aareg.Api.Endpoints;
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
/// The person's insight and the employer self-service against the real service, with the real SQLite audit log
/// (the shared test factory swaps in an in-memory one for the lookup tests; here the insight must read what was written).
/// </summary>
public sealed class InnsynApiTests : IAsyncLifetime
{
    private static readonly string UtenRolle = Oppslagsregister.Fnr().Skip(2).First();
    private static readonly string AnnenRolleperson = Oppslagsregister.Fnr().Skip(1).First();

    private readonly AaregFabrikk _fabrikk = new();
    private WebApplicationFactory<Program> _app = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string RollepersonFnr => Oppslagsregister.Fnr().First();

    public ValueTask InitializeAsync()
    {
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

    private async Task<HttpClient> KlientAsync(string? pid = null, string? acr = null, string scope = "openid", string? consumer = null)
    {
        using var utsteder = _app.CreateClient();
        var svar = await utsteder.PostAsJsonAsync("/dev/token", new { scope, consumer, pid, acr }, Ct);
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
        await _app.Services.GetRequiredService<Enhetsregister>().LastAsync(Ct);
    }

    private static string Enhet(string orgnr, string navn, string? overordnet = null) => overordnet is null
        ? $$"""{"organisasjonsnummer":"{{orgnr}}","navn":"{{navn}}","organisasjonsform":{"kode":"AS","beskrivelse":"x"},"registreringsdatoEnhetsregisteret":"2010-01-01","konkurs":false}"""
        : $$"""{"organisasjonsnummer":"{{orgnr}}","navn":"{{navn}}","organisasjonsform":{"kode":"BEDR","beskrivelse":"x"},"registreringsdatoEnhetsregisteret":"2010-01-01","overordnetEnhet":"{{overordnet}}"}""";

    private static string Rolle(string orgnr, string kode, string fnr) =>
        $$"""{"organisasjonsnummer":"{{orgnr}}","rollegrupper":[{"type":{"kode":"X"},"roller":[{"type":{"kode":"{{kode}}"},"person":{"fodselsnummer":"{{fnr}}","fodselsdato":"1985-05-01"},"fratraadt":false}]}]}""";

    private async Task<IReadOnlyList<LagretRevisjon>> RevisjonForAsync(string person) =>
        await _app.Services.GetRequiredService<IRevisjonsleser>().HentForPersonAsync([person], null, null, Ct);

    [Fact]
    public async Task Lists_who_looked_me_up_with_organisation_purpose_and_time_but_not_hidden_or_refused_lookups()
    {
        await ImporterEnheterAsync($"[{Enhet(TestMeldinger.Loennssystem, "LØNN OG SÅNN AS")}]");
        await _app.Services.GetRequiredService<IRevisjonslogg>().SkrivAsync(
        [
            RevisjonsloggTests.Post(1),
            RevisjonsloggTests.Post(2, skjult: true, konsument: "987976535"),
            RevisjonsloggTests.Post(3) with { Beslutning = Revisjonsbeslutning.Avslaatt, Begrunnelse = "adressebeskyttelse" },
            RevisjonsloggTests.Post(4, person: TestMeldinger.AnnenPerson),
        ], Ct);

        using var klient = await KlientAsync(pid: TestMeldinger.Person);
        using var svar = await klient.GetAsync("/api/v1/innsyn/oppslag", Ct);
        Assert.Equal(HttpStatusCode.OK, svar.StatusCode);
        var liste = JsonNode.Parse(await svar.Content.ReadAsStringAsync(Ct))!.AsArray();

        var oppslag = Assert.Single(liste, o => o!["kanal"]!.GetValue<string>() == "API")!;
        Assert.Equal("2025-03-01T13:01:00.000", oppslag["tidspunkt"]!.GetValue<string>());
        Assert.Equal(TestMeldinger.Loennssystem, oppslag["organisasjon"]!["orgnr"]!.GetValue<string>());
        Assert.Equal("LØNN OG SÅNN AS", oppslag["organisasjon"]!["navn"]!.GetValue<string>());
        Assert.Equal("TEST", oppslag["formaal"]!.GetValue<string>());

        // The person's own look is itself audited, and listed (hidden from nobody).
        var eget = Assert.Single(liste, o => o!["kanal"]!.GetValue<string>() == InnsynApi.Kanal)!;
        Assert.Null(eget["organisasjon"]);
        Assert.Contains(await RevisjonForAsync(TestMeldinger.Person), r => r.Post is { Kanal: InnsynApi.Kanal, Operasjon: "innsyn", SkjultForPerson: false });

        // A window after the lookup leaves it out.
        using var senere = await klient.GetAsync("/api/v1/innsyn/oppslag?fra=2025-03-02&til=2025-03-31", Ct);
        Assert.DoesNotContain(JsonNode.Parse(await senere.Content.ReadAsStringAsync(Ct))!.AsArray(), o => o!["kanal"]!.GetValue<string>() == "API");

        using var ugyldig = await klient.GetAsync("/api/v1/innsyn/oppslag?fra=mars", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, ugyldig.StatusCode);
    }

    [Fact]
    public async Task Refuses_a_person_token_below_substantial_and_a_token_without_pid()
    {
        using var lav = await KlientAsync(pid: TestMeldinger.Person, acr: "idporten-loa-low");
        using var svar = await lav.GetAsync("/api/v1/innsyn/oppslag", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, svar.StatusCode);
        Assert.Equal("application/problem+json", svar.Content.Headers.ContentType?.MediaType);

        using var lavArbeidsforhold = await lav.GetAsync("/api/v1/innsyn/arbeidsforhold", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, lavArbeidsforhold.StatusCode);

        using var organisasjon = await KlientAsync(scope: "nav:aareg/v1/arbeidsforhold", consumer: TestMeldinger.Loennssystem);
        using var orgSvar = await organisasjon.GetAsync("/api/v1/innsyn/oppslag", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, orgSvar.StatusCode);

        using var anonym = _app.CreateClient();
        using var anonymSvar = await anonym.GetAsync("/api/v1/innsyn/oppslag", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymSvar.StatusCode);

        using var hoey = await KlientAsync(pid: TestMeldinger.Person, acr: "idporten-loa-high");
        using var hoeySvar = await hoey.GetAsync("/api/v1/innsyn/oppslag", Ct);
        Assert.Equal(HttpStatusCode.OK, hoeySvar.StatusCode);
    }

    [Fact]
    public async Task Shows_my_own_arbeidsforhold_and_an_employer_with_a_role_its_employees_each_audited()
    {
        using (var mottak = await KlientAsync(scope: Oppslagsregister.Mottaksscope, consumer: TestMeldinger.Opplysningspliktig))
        {
            await Oppslagsregister.SendOgVentAsync(mottak, Oppslagsregister.Melding(
                "m1", "2025-03", TestMeldinger.Opplysningspliktig,
                (TestMeldinger.Virksomhet, TestMeldinger.Person, Oppslagsregister.Af("af-1", new DateOnly(2020, 1, 1))),
                (TestMeldinger.Virksomhet, TestMeldinger.AnnenPerson, Oppslagsregister.Af("af-2", new DateOnly(2021, 1, 1)))));
        }

        // The person's own insight: all their arbeidsforhold, audited as INNSYN.
        using (var person = await KlientAsync(pid: TestMeldinger.Person))
        {
            using var svar = await person.GetAsync("/api/v1/innsyn/arbeidsforhold", Ct);
            Assert.Equal(HttpStatusCode.OK, svar.StatusCode);
            var liste = JsonNode.Parse(await svar.Content.ReadAsStringAsync(Ct))!.AsArray();
            Assert.Equal("af-1", Assert.Single(liste)!["id"]!.GetValue<string>());
            var post = Assert.Single(await RevisjonForAsync(TestMeldinger.Person)).Post;
            Assert.Equal((InnsynApi.Kanal, "innsyn", 1), (post.Kanal, post.Operasjon, post.AntallArbeidsforhold));
        }

        await ImporterEnheterAsync($"[{Enhet(TestMeldinger.Opplysningspliktig, "ARBEIDSGIVER AS")}]");
        await ImporterEnheterAsync($"[{Enhet(TestMeldinger.Virksomhet, "AVDELING", TestMeldinger.Opplysningspliktig)}]");
        await ImporterEnheterAsync($"[{Rolle(TestMeldinger.Opplysningspliktig, "DAGL", RollepersonFnr)},{Rolle(TestMeldinger.Virksomhet, "REVI", AnnenRolleperson)}]");

        // DAGL of the hovedenhet sees the underenhet's employees; each person shown gets one audit record.
        using (var leder = await KlientAsync(pid: RollepersonFnr))
        {
            using var foresporsel = new HttpRequestMessage(HttpMethod.Get, "/api/v1/arbeidsgiver/arbeidsforhold");
            foresporsel.Headers.Add("Nav-Arbeidsgiverident", TestMeldinger.Virksomhet);
            using var svar = await leder.SendAsync(foresporsel, Ct);
            Assert.Equal(HttpStatusCode.OK, svar.StatusCode);
            var liste = JsonNode.Parse(await svar.Content.ReadAsStringAsync(Ct))!.AsArray();
            Assert.Equal(["af-1", "af-2"], liste.Select(a => a!["id"]!.GetValue<string>()).Order(StringComparer.Ordinal));

            var annen = Assert.Single(await RevisjonForAsync(TestMeldinger.AnnenPerson)).Post;
            Assert.Equal((ArbeidsgiverApi.Kanal, TestMeldinger.Virksomhet, RollepersonFnr, 1), (annen.Kanal, annen.Konsument, annen.Bruker, annen.AntallArbeidsforhold));
            Assert.Contains(await RevisjonForAsync(TestMeldinger.Person), r => r.Post.Kanal == ArbeidsgiverApi.Kanal);
        }

        // A role that does not act for the unit (REVI), or none at all: 403, and nothing is audited for the employees.
        foreach (var pid in new[] { AnnenRolleperson, UtenRolle })
        {
            using var uten = await KlientAsync(pid: pid);
            using var foresporsel = new HttpRequestMessage(HttpMethod.Get, "/api/v1/arbeidsgiver/arbeidsforhold");
            foresporsel.Headers.Add("Nav-Arbeidsgiverident", TestMeldinger.Virksomhet);
            using var svar = await uten.SendAsync(foresporsel, Ct);
            Assert.Equal(HttpStatusCode.Forbidden, svar.StatusCode);
            Assert.Equal("application/problem+json", svar.Content.Headers.ContentType?.MediaType);
        }

        Assert.Single(await RevisjonForAsync(TestMeldinger.AnnenPerson));
    }

    [Fact]
    public async Task Employer_self_service_accepts_a_delegation_in_force_and_refuses_after_revocation()
    {
        using (var mottak = await KlientAsync(scope: Oppslagsregister.Mottaksscope, consumer: TestMeldinger.Opplysningspliktig))
        {
            await Oppslagsregister.SendOgVentAsync(mottak, Oppslagsregister.Melding(
                "m1", "2025-03", TestMeldinger.Opplysningspliktig,
                (TestMeldinger.Virksomhet, TestMeldinger.Person, Oppslagsregister.Af("af-1", new DateOnly(2020, 1, 1)))));
        }

        await ImporterEnheterAsync($"[{Enhet(TestMeldinger.Opplysningspliktig, "ARBEIDSGIVER AS")}]");
        await ImporterEnheterAsync($"[{Enhet(TestMeldinger.Virksomhet, "AVDELING", TestMeldinger.Opplysningspliktig)}]");
        await ImporterEnheterAsync($"[{Rolle(TestMeldinger.Opplysningspliktig, "DAGL", RollepersonFnr)}]");

        async Task<HttpResponseMessage> MineAnsatteAsync(HttpClient klient)
        {
            using var foresporsel = new HttpRequestMessage(HttpMethod.Get, "/api/v1/arbeidsgiver/arbeidsforhold");
            foresporsel.Headers.Add("Nav-Arbeidsgiverident", TestMeldinger.Virksomhet);
            return await klient.SendAsync(foresporsel, Ct);
        }

        using var leder = await KlientAsync(pid: RollepersonFnr);
        using var delegert = await KlientAsync(pid: UtenRolle);
        using (var foer = await MineAnsatteAsync(delegert))
        {
            Assert.Equal(HttpStatusCode.Forbidden, foer.StatusCode);
        }

        // The daglig leder of the hovedenhet delegates to a person without a role (API §8 "a delegated right").
        leder.DefaultRequestHeaders.Add("Nav-Organisasjonsnummer", TestMeldinger.Opplysningspliktig);
        using var gitt = await leder.PostAsJsonAsync("/api/v1/rettigheter/delegeringer", new { mottaker = UtenRolle }, Ct);
        Assert.Equal(HttpStatusCode.Created, gitt.StatusCode);
        var delegeringId = JsonNode.Parse(await gitt.Content.ReadAsStringAsync(Ct))!["id"]!.GetValue<string>();

        using (var svar = await MineAnsatteAsync(delegert))
        {
            Assert.Equal(HttpStatusCode.OK, svar.StatusCode);
            var liste = JsonNode.Parse(await svar.Content.ReadAsStringAsync(Ct))!.AsArray();
            Assert.Equal("af-1", Assert.Single(liste)!["id"]!.GetValue<string>());
        }

        // Audited for the employee with the acting person and the delegation that allowed it.
        var post = Assert.Single(await RevisjonForAsync(TestMeldinger.Person), r => r.Post.Kanal == ArbeidsgiverApi.Kanal).Post;
        Assert.Equal((UtenRolle, "delegering " + delegeringId), (post.Bruker, post.Begrunnelse));

        using (var tilbakekalt = await leder.DeleteAsync($"/api/v1/rettigheter/delegeringer/{delegeringId}", Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, tilbakekalt.StatusCode);
        }

        using (var etter = await MineAnsatteAsync(delegert))
        {
            Assert.Equal(HttpStatusCode.Forbidden, etter.StatusCode);
        }

        Assert.Single(await RevisjonForAsync(TestMeldinger.Person), r => r.Post.Kanal == ArbeidsgiverApi.Kanal);
    }
}
