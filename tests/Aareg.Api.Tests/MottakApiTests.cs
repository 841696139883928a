using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Aareg.Tests.Felles;

namespace Aareg.Api.Tests;

public sealed class MottakApiSqliteTests : MottakApiTests;

public sealed class MottakApiPostgresTests(PostgresKlynge klynge) : MottakApiTests
{
    protected override Task ForberedAsync(AaregFabrikk fabrikk) => fabrikk.BrukPostgresAsync(klynge);
}

/// <summary>The intake API over HTTP (the derived classes choose the store).</summary>
public abstract class MottakApiTests : IAsyncLifetime
{
    private const string Mottak = "nav:aareg/v1/mottak";
    private readonly AaregFabrikk _fabrikk = new();
    private HttpClient _klient = null!;

    /// <summary>Chooses the store before the service starts (SQLite unless overridden).</summary>
    protected virtual Task ForberedAsync(AaregFabrikk fabrikk) => Task.CompletedTask;

    public async ValueTask InitializeAsync()
    {
        await ForberedAsync(_fabrikk);
        _fabrikk.Innstillinger[$"Aareg:Mottak:Delegeringer:{TestMeldinger.Opplysningspliktig}:0"] = TestMeldinger.Loennssystem;
        _klient = await _fabrikk.KlientAsync(Mottak, consumer: TestMeldinger.Opplysningspliktig);
    }

    public async ValueTask DisposeAsync()
    {
        _klient?.Dispose();
        await _fabrikk.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private static ByteArrayContent Innhold(byte[] bytes, string type = "application/xml")
    {
        var innhold = new ByteArrayContent(bytes);
        innhold.Headers.ContentType = new MediaTypeHeaderValue(type);
        return innhold;
    }

    private static async Task<(HttpStatusCode Status, JsonElement Json)> SendAsync(HttpClient klient, byte[] bytes, string type = "application/xml", string? noekkel = null)
    {
        using var forespoersel = new HttpRequestMessage(HttpMethod.Post, "/api/v1/a-melding") { Content = Innhold(bytes, type) };
        if (noekkel is not null)
        {
            forespoersel.Headers.Add("Idempotency-Key", noekkel);
        }

        using var svar = await klient.SendAsync(forespoersel);
        var tekst = await svar.Content.ReadAsStringAsync();
        return (svar.StatusCode, tekst.Length == 0 ? default : JsonDocument.Parse(tekst).RootElement.Clone());
    }

    private static string[] Regler(JsonElement kvittering) =>
        [.. kvittering.GetProperty("avvik").EnumerateArray().Select(a => a.GetProperty("regel").GetString()!)];

    private async Task<JsonElement> HentAsync(string sti)
    {
        using var svar = await _klient.GetAsync(sti);
        Assert.Equal(HttpStatusCode.OK, svar.StatusCode);
        return JsonDocument.Parse(await svar.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    [Fact]
    public async Task Accepts_a_clean_melding_with_201_and_a_receipt_that_can_be_fetched_again()
    {
        var (status, kvittering) = await SendAsync(_klient, TestMeldinger.Xml(TestMeldinger.Lag("m-1")));

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("MOTTATT", kvittering.GetProperty("status").GetString());
        Assert.Empty(Regler(kvittering));
        Assert.Equal("m-1", kvittering.GetProperty("meldingsId").GetString());
        Assert.Equal(1, kvittering.GetProperty("antall").GetProperty("arbeidsforhold").GetInt32());

        // The register worker applies the melding in the background: behandlingsstatus goes MOTTATT → BEHANDLET.
        var id = kvittering.GetProperty("mottaksId").GetString();
        var hentet = await HentAsync($"/api/v1/a-melding/{id}");
        for (var forsoek = 0; forsoek < 100 && hentet.GetProperty("behandlingsstatus").GetString() != "BEHANDLET"; forsoek++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
            hentet = await HentAsync($"/api/v1/a-melding/{id}");
        }

        Assert.Equal(id, hentet.GetProperty("mottaksId").GetString());
        Assert.Equal("BEHANDLET", hentet.GetProperty("behandlingsstatus").GetString());
        var tilbakemelding = await HentAsync($"/api/v1/a-melding/{id}/tilbakemelding");
        Assert.Equal(0, tilbakemelding.GetProperty("antallAvvisning").GetInt32());
    }

    [Fact]
    public async Task Accepts_the_json_form()
    {
        var (status, kvittering) = await SendAsync(_klient, TestMeldinger.Json(TestMeldinger.Lag("m-json")), "application/json");

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("MOTTATT", kvittering.GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_same_melding_again_returns_the_original_receipt_with_200()
    {
        var melding = TestMeldinger.Xml(TestMeldinger.Lag("m-gjentatt"));
        var (_, foerste) = await SendAsync(_klient, melding);
        var (status, andre) = await SendAsync(_klient, melding);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(foerste.GetProperty("mottaksId").GetString(), andre.GetProperty("mottaksId").GetString());
    }

    [Fact]
    public async Task The_same_melding_as_json_after_xml_is_recognised_as_the_same_content()
    {
        var (_, foerste) = await SendAsync(_klient, TestMeldinger.Xml(TestMeldinger.Lag("m-format")));
        var (status, andre) = await SendAsync(_klient, TestMeldinger.Json(TestMeldinger.Lag("m-format")), "application/json");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(foerste.GetProperty("mottaksId").GetString(), andre.GetProperty("mottaksId").GetString());
    }

    [Fact]
    public async Task The_same_meldingsId_with_other_content_is_rejected()
    {
        await SendAsync(_klient, TestMeldinger.Xml(TestMeldinger.Lag("m-dup")));
        var (status, kvittering) = await SendAsync(_klient, TestMeldinger.Xml(TestMeldinger.Lag("m-dup", yrke: "5132121")));

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("AVVIST", kvittering.GetProperty("status").GetString());
        Assert.Contains("meldingsId", Regler(kvittering));
    }

    [Fact]
    public async Task Idempotency_key_with_the_same_body_repeats_and_with_another_body_conflicts()
    {
        var (s1, k1) = await SendAsync(_klient, TestMeldinger.Xml(TestMeldinger.Lag("m-key-1")), noekkel: "noekkel-1");
        var (s2, k2) = await SendAsync(_klient, TestMeldinger.Xml(TestMeldinger.Lag("m-key-1")), noekkel: "noekkel-1");
        var (s3, problem) = await SendAsync(_klient, TestMeldinger.Xml(TestMeldinger.Lag("m-key-2")), noekkel: "noekkel-1");

        Assert.Equal(HttpStatusCode.Created, s1);
        Assert.Equal(HttpStatusCode.OK, s2);
        Assert.Equal(k1.GetProperty("mottaksId").GetString(), k2.GetProperty("mottaksId").GetString());
        Assert.Equal(HttpStatusCode.Conflict, s3);
        Assert.Equal("AA-409", problem.GetProperty("kode").GetString());
        var maaned = await HentAsync($"/api/v1/a-melding?opplysningspliktig={TestMeldinger.Opplysningspliktig}&kalendermaaned=2025-03");
        Assert.DoesNotContain(maaned.GetProperty("meldinger").EnumerateArray(), m => m.GetProperty("meldingsId").GetString() == "m-key-2");
    }

    [Fact]
    public async Task A_melding_can_be_replaced_only_once_and_a_replacement_can_be_replaced()
    {
        var (_, original) = await SendAsync(_klient, TestMeldinger.Xml(TestMeldinger.Lag("m-a")));
        var (_, erstatning) = await SendAsync(_klient, TestMeldinger.Xml(TestMeldinger.Lag("m-b", erstatter: "m-a", yrke: "5132121")));
        var (_, igjen) = await SendAsync(_klient, TestMeldinger.Xml(TestMeldinger.Lag("m-c", erstatter: "m-a")));
        var (_, kjede) = await SendAsync(_klient, TestMeldinger.Xml(TestMeldinger.Lag("m-d", erstatter: "m-b")));

        Assert.Equal("MOTTATT", erstatning.GetProperty("status").GetString());
        Assert.Equal("AVVIST", igjen.GetProperty("status").GetString());
        Assert.Contains("166-B", Regler(igjen));
        Assert.Equal("MOTTATT", kjede.GetProperty("status").GetString());

        var foerste = await HentAsync($"/api/v1/a-melding/{original.GetProperty("mottaksId").GetString()}");
        Assert.Equal("ERSTATTET", foerste.GetProperty("status").GetString());
        Assert.Equal(erstatning.GetProperty("mottaksId").GetString(), foerste.GetProperty("erstattetAvMottaksId").GetString());
        var andre = await HentAsync($"/api/v1/a-melding/{erstatning.GetProperty("mottaksId").GetString()}");
        Assert.Equal("ERSTATTET", andre.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Replacing_an_unknown_or_other_month_melding_is_rejected_and_the_old_stays_in_force()
    {
        await SendAsync(_klient, TestMeldinger.Xml(TestMeldinger.Lag("m-mars", maaned: "2025-03")));
        var (_, ukjent) = await SendAsync(_klient, TestMeldinger.Xml(TestMeldinger.Lag("m-x", erstatter: "finnes-ikke")));
        var (_, annenMaaned) = await SendAsync(_klient, TestMeldinger.Xml(TestMeldinger.Lag("m-april", maaned: "2025-04", erstatter: "m-mars")));

        Assert.Contains("166-B", Regler(ukjent));
        Assert.Contains("166-B", Regler(annenMaaned));
        var maaned = await HentAsync($"/api/v1/a-melding?opplysningspliktig={TestMeldinger.Opplysningspliktig}&kalendermaaned=2025-03");
        var mars = maaned.GetProperty("meldinger").EnumerateArray().Single(m => m.GetProperty("meldingsId").GetString() == "m-mars");
        Assert.Equal("MOTTATT", mars.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_replacement_without_virksomhet_nulls_out_the_replaced_melding()
    {
        var (_, original) = await SendAsync(_klient, TestMeldinger.Xml(TestMeldinger.Lag("m-null-1")));
        var (status, nulling) = await SendAsync(_klient, TestMeldinger.Xml(TestMeldinger.Lag("m-null-2", erstatter: "m-null-1", utenVirksomhet: true)));

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("MOTTATT", nulling.GetProperty("status").GetString());
        Assert.Equal(0, nulling.GetProperty("antall").GetProperty("virksomheter").GetInt32());
        var foerste = await HentAsync($"/api/v1/a-melding/{original.GetProperty("mottaksId").GetString()}");
        Assert.Equal("ERSTATTET", foerste.GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_additive_melding_adds_to_the_month_and_both_are_listed_in_the_month_view()
    {
        await SendAsync(_klient, TestMeldinger.Xml(TestMeldinger.Lag("m-del-1", maaned: "2025-05")));
        var (_, andre) = await SendAsync(_klient, TestMeldinger.Xml(TestMeldinger.Lag("m-del-2", maaned: "2025-05", virksomhet: "964979367", person: TestMeldinger.AnnenPerson)));

        Assert.Equal("MOTTATT", andre.GetProperty("status").GetString());
        var maaned = await HentAsync($"/api/v1/a-melding?opplysningspliktig={TestMeldinger.Opplysningspliktig}&kalendermaaned=2025-05");
        var meldinger = maaned.GetProperty("meldinger").EnumerateArray().ToList();
        Assert.Equal(2, meldinger.Count);
        Assert.All(meldinger, m => Assert.Equal("MOTTATT", m.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task A_rejected_melding_is_stored_with_its_avvik_and_cannot_be_replaced()
    {
        var (status, avvist) = await SendAsync(_klient, TestMeldinger.Xml(TestMeldinger.Lag("m-107", virksomhet: "893786571")));
        var (_, erstatning) = await SendAsync(_klient, TestMeldinger.Xml(TestMeldinger.Lag("m-108", erstatter: "m-107")));

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("AVVIST", avvist.GetProperty("status").GetString());
        Assert.Contains("107B", Regler(avvist));
        Assert.Contains("166-B", Regler(erstatning));
    }

    [Theory]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE melding [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><melding xmlns=\"urn:ske:fastsetting:innsamling:a-meldingen:v2_3\"><Leveranse><kildesystem>&xxe;</kildesystem></Leveranse></melding>")]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\"><!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\"><!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">]><melding xmlns=\"urn:ske:fastsetting:innsamling:a-meldingen:v2_3\"><Leveranse><kildesystem>&lol4;</kildesystem></Leveranse></melding>")]
    [InlineData("<melding xmlns=\"urn:ske:fastsetting:innsamling:a-meldingen:v2_3\"><Leveranse><kildesystem>ikke lukket</Leveranse>")]
    [InlineData("<melding xmlns=\"urn:ske:fastsetting:innsamling:a-meldingen:v9_9\"><Leveranse/></melding>")]
    [InlineData("dette er ikke xml")]
    public async Task Hostile_or_malformed_xml_is_rejected_with_104_and_only_the_rejected_receipt_is_stored(string xml)
    {
        var (status, kvittering) = await SendAsync(_klient, Encoding.UTF8.GetBytes(xml));

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("AVVIST", kvittering.GetProperty("status").GetString());
        Assert.Contains("104", Regler(kvittering));
        Assert.DoesNotContain("root:", kvittering.GetRawText(), StringComparison.Ordinal);
        var hentet = await HentAsync($"/api/v1/a-melding/{kvittering.GetProperty("mottaksId").GetString()}");
        Assert.Equal("AVVIST", hentet.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Malformed_json_is_rejected_with_104()
    {
        var (status, kvittering) = await SendAsync(_klient, Encoding.UTF8.GetBytes("{\"leveranse\": {"), "application/json");

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Contains("104", Regler(kvittering));
    }

    [Fact]
    public async Task A_wrong_content_type_is_415_problem_json()
    {
        var (status, problem) = await SendAsync(_klient, Encoding.UTF8.GetBytes("hei"), "text/plain");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.Equal("AA-415", problem.GetProperty("kode").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("korrelasjonsid").GetString()));
    }

    [Fact]
    public async Task Without_a_token_intake_is_401_problem_json()
    {
        using var anonym = _fabrikk.CreateClient();
        var (status, problem) = await SendAsync(anonym, TestMeldinger.Xml(TestMeldinger.Lag("m-anonym")));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("AA-401", problem.GetProperty("kode").GetString());
    }

    [Fact]
    public async Task A_token_without_the_intake_scope_is_403()
    {
        using var feilScope = await _fabrikk.KlientAsync("nav:aareg/v1/arbeidsforhold", consumer: TestMeldinger.Opplysningspliktig);
        var (status, problem) = await SendAsync(feilScope, TestMeldinger.Xml(TestMeldinger.Lag("m-scope")));

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("AA-403", problem.GetProperty("kode").GetString());
    }

    [Fact]
    public async Task Another_organisations_melding_is_403_and_nothing_is_stored()
    {
        using var annen = await _fabrikk.KlientAsync(Mottak, consumer: TestMeldinger.AnnenOpplysningspliktig);
        var (status, _) = await SendAsync(annen, TestMeldinger.Xml(TestMeldinger.Lag("m-fremmed", maaned: "2025-07")));

        Assert.Equal(HttpStatusCode.Forbidden, status);
        var maaned = await HentAsync($"/api/v1/a-melding?opplysningspliktig={TestMeldinger.Opplysningspliktig}&kalendermaaned=2025-07");
        Assert.Empty(maaned.GetProperty("meldinger").EnumerateArray());
    }

    [Fact]
    public async Task A_delegated_payroll_vendor_may_send_for_the_opplysningspliktig_and_read_the_receipt()
    {
        using var leverandoer = await _fabrikk.KlientAsync(Mottak, consumer: TestMeldinger.Loennssystem);
        var (status, kvittering) = await SendAsync(leverandoer, TestMeldinger.Xml(TestMeldinger.Lag("m-leverandoer")));

        Assert.Equal(HttpStatusCode.Created, status);
        using var svar = await leverandoer.GetAsync($"/api/v1/a-melding/{kvittering.GetProperty("mottaksId").GetString()}");
        Assert.Equal(HttpStatusCode.OK, svar.StatusCode);
    }

    [Fact]
    public async Task Another_organisation_cannot_read_a_receipt()
    {
        var (_, kvittering) = await SendAsync(_klient, TestMeldinger.Xml(TestMeldinger.Lag("m-privat")));
        using var annen = await _fabrikk.KlientAsync(Mottak, consumer: TestMeldinger.AnnenOpplysningspliktig);

        using var svar = await annen.GetAsync($"/api/v1/a-melding/{kvittering.GetProperty("mottaksId").GetString()}");

        Assert.Equal(HttpStatusCode.Forbidden, svar.StatusCode);
    }

    [Fact]
    public async Task An_unknown_mottaksId_is_404_problem_json()
    {
        using var svar = await _klient.GetAsync($"/api/v1/a-melding/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, svar.StatusCode);
        Assert.Equal("application/problem+json", svar.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_month_view_refuses_a_person_ident_in_the_query_string()
    {
        using var svar = await _klient.GetAsync($"/api/v1/a-melding?opplysningspliktig={TestMeldinger.Person}&kalendermaaned=2025-03");

        Assert.Equal(HttpStatusCode.BadRequest, svar.StatusCode);
    }

    [Fact]
    public async Task The_correlation_id_is_echoed_or_generated()
    {
        using var forespoersel = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        forespoersel.Headers.Add("X-Correlation-ID", "abc-123");
        using var svar = await _klient.SendAsync(forespoersel);
        using var uten = await _klient.GetAsync("/health/live");

        Assert.Equal("abc-123", svar.Headers.GetValues("Nav-Call-Id").Single());
        Assert.False(string.IsNullOrEmpty(uten.Headers.GetValues("Nav-Call-Id").Single()));
    }

    [Fact]
    public async Task Random_bodies_never_make_the_service_answer_500()
    {
        var tilfeldig = new Random(4711);
        var gyldig = TestMeldinger.Xml(TestMeldinger.Lag("m-fuzz"));
        for (var i = 0; i < 40; i++)
        {
            var bytes = (byte[])gyldig.Clone();
            for (var j = 0; j < 1 + (i % 8); j++)
            {
                bytes[tilfeldig.Next(bytes.Length)] = (byte)tilfeldig.Next(256);
            }

            var (status, _) = await SendAsync(_klient, i % 2 == 0 ? bytes : bytes[..tilfeldig.Next(bytes.Length)], i % 3 == 0 ? "application/json" : "application/xml");
            Assert.True((int)status < 500, $"Runde {i} ga {(int)status}");
        }
    }
}
