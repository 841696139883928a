using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Aareg.Api.Tests;

public sealed class GrenseTests
{
    [Fact]
    public async Task An_oversized_body_is_413_problem_json()
    {
        await using var fabrikk = new AaregFabrikk();
        fabrikk.Innstillinger["Aareg:Mottak:MaksStoerrelse"] = "2048";
        using var klient = await fabrikk.KlientAsync("nav:aareg/v1/mottak", consumer: TestMeldinger.Opplysningspliktig);
        using var innhold = new ByteArrayContent(new byte[4096]);
        innhold.Headers.ContentType = new MediaTypeHeaderValue("application/xml");

        using var svar = await klient.PostAsync("/api/v1/a-melding", innhold);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, svar.StatusCode);
        using var json = JsonDocument.Parse(await svar.Content.ReadAsStringAsync());
        Assert.Equal("AA-413", json.RootElement.GetProperty("kode").GetString());
    }

    [Fact]
    public async Task The_development_issuer_is_off_in_production_unless_switched_on()
    {
        await using var fabrikk = new AaregFabrikk();
        fabrikk.Innstillinger.Remove("Aareg:Auth:Utviklingsutsteder");
        using var klient = fabrikk.CreateClient();

        using var svar = await klient.PostAsync("/dev/token", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.NotFound, svar.StatusCode);
    }

    [Fact]
    public async Task Code_lists_are_open_and_filter_by_date()
    {
        await using var fabrikk = new AaregFabrikk();
        using var klient = fabrikk.CreateClient();

        using var navn = JsonDocument.Parse(await klient.GetStringAsync("/api/v1/kodeverk"));
        using var foer = JsonDocument.Parse(await klient.GetStringAsync("/api/v1/kodeverk/Ansettelsesformer/koder?dato=2020-06-01"));
        using var etter = JsonDocument.Parse(await klient.GetStringAsync("/api/v1/kodeverk/Ansettelsesformer/koder?dato=2022-06-01"));
        using var ukjent = await klient.GetAsync("/api/v1/kodeverk/Finnesikke/koder");

        Assert.Contains(navn.RootElement.EnumerateArray(), n => n.GetString() == "Arbeidsforholdtyper");
        Assert.DoesNotContain(foer.RootElement.EnumerateArray(), k => k.GetProperty("kode").GetString() == "midlertidig");
        Assert.Contains(etter.RootElement.EnumerateArray(), k => k.GetProperty("kode").GetString() == "midlertidig");
        Assert.Equal(HttpStatusCode.NotFound, ukjent.StatusCode);
    }

    [Fact]
    public async Task Health_and_the_openapi_document_are_served()
    {
        await using var fabrikk = new AaregFabrikk();
        using var klient = fabrikk.CreateClient();

        using var live = await klient.GetAsync("/health/live");
        using var ready = await klient.GetAsync("/health/ready");
        using var openapi = JsonDocument.Parse(await klient.GetStringAsync("/openapi/v1.json"));

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var stier = openapi.RootElement.GetProperty("paths");
        Assert.True(stier.TryGetProperty("/api/v1/a-melding", out _));
        Assert.True(stier.TryGetProperty("/api/v1/kodeverk/{navn}/koder", out _));
    }
}
