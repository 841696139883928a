using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using static Aareg.Api.Tests.Tilgang.SoknadMiljoe;

namespace Aareg.Api.Tests.Tilgang;

/// <summary>Applications through HTTP (API §7): draft → send → case handling → decision → agreement.</summary>
public sealed class SoknadTests
{
    [Fact]
    public async Task Case_workers_deciding_at_the_same_time_one_wins_the_others_get_409_and_only_one_agreement_is_active()
    {
        await using var m = await StartAsync();
        using var leder = await m.PersonAsync(Leder);
        using var saksbehandler = await m.SaksbehandlerAsync();
        var id = (await JsonAsync(await leder.PostAsJsonAsync("/api/v1/soknader", KomplettSoknad()))).GetProperty("id").GetString()!;
        (await leder.PostAsync($"/api/v1/soknader/{id}/send", null)).EnsureSuccessStatusCode();
        (await saksbehandler.PostAsync($"/api/v1/soknader/{id}/behandling", null)).EnsureSuccessStatusCode();

        var svar = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            saksbehandler.PostAsJsonAsync($"/api/v1/soknader/{id}/vedtak", new { utfall = "innvilget" })));

        Assert.Single(svar, s => s.StatusCode == HttpStatusCode.OK);
        Assert.All(svar.Where(s => s.StatusCode != HttpStatusCode.OK), s => Assert.Equal(HttpStatusCode.Conflict, s.StatusCode));
        var vinner = await JsonAsync(svar.Single(s => s.StatusCode == HttpStatusCode.OK));
        var avtaler = (await JsonAsync(await leder.GetAsync("/api/v1/avtaler"))).EnumerateArray().ToList();
        var aktive = avtaler.Where(a => a.GetProperty("status").GetString() == "AKTIV").ToList();
        Assert.Equal(vinner.GetProperty("vedtak").GetProperty("avtaleId").GetString(), Assert.Single(aktive).GetProperty("id").GetString());
    }

    [Fact]
    public async Task Granted_application_goes_through_every_status_and_creates_an_agreement_with_the_granted_elements()
    {
        await using var m = await StartAsync();
        using var leder = await m.PersonAsync(Leder);
        using var saksbehandler = await m.SaksbehandlerAsync();

        var opprettet = await leder.PostAsJsonAsync("/api/v1/soknader", KomplettSoknad());
        Assert.Equal(HttpStatusCode.Created, opprettet.StatusCode);
        var id = (await JsonAsync(opprettet)).GetProperty("id").GetString()!;

        var sendt = await JsonAsync(await leder.PostAsync($"/api/v1/soknader/{id}/send", null));
        Assert.Equal("SENDT", sendt.GetProperty("status").GetString());
        Assert.Equal("DAGL", sendt.GetProperty("soeker").GetProperty("rolle").GetString());
        Assert.Equal(Leder, sendt.GetProperty("soeker").GetProperty("ident").GetString());
        Assert.Equal("1.0", sendt.GetProperty("bruksvilkaar").GetProperty("versjon").GetString());

        // A person cannot decide their own case.
        Assert.Equal(HttpStatusCode.Forbidden, (await leder.PostAsync($"/api/v1/soknader/{id}/behandling", null)).StatusCode);

        (await saksbehandler.PostAsync($"/api/v1/soknader/{id}/behandling", null)).EnsureSuccessStatusCode();
        var venter = await JsonAsync(await saksbehandler.PostAsJsonAsync($"/api/v1/soknader/{id}/venter", new { melding = "Begrunn behovet for yrke." }));
        Assert.Equal("VENTER_PAA_SOEKER", venter.GetProperty("status").GetString());

        // The applicant answers by editing and sending again; the case returns to handling.
        var endret = KomplettSoknad();
        endret["formaalsbeskrivelse"] = "Kontroll av arbeidsforhold; yrke trengs for å vurdere yrkesskade.";
        (await leder.PutAsJsonAsync($"/api/v1/soknader/{id}", endret)).EnsureSuccessStatusCode();
        var svart = await JsonAsync(await leder.PostAsync($"/api/v1/soknader/{id}/send", null));
        Assert.Equal("UNDER_BEHANDLING", svart.GetProperty("status").GetString());

        var vedtak = await JsonAsync(await saksbehandler.PostAsJsonAsync($"/api/v1/soknader/{id}/vedtak", new { utfall = "innvilget", begrunnelse = "Hjemmel i § 10." }));
        Assert.Equal("INNVILGET", vedtak.GetProperty("status").GetString());
        var avtaleId = vedtak.GetProperty("vedtak").GetProperty("avtaleId").GetString()!;
        Assert.Equal(1, vedtak.GetProperty("vedtak").GetProperty("avtaleVersjon").GetInt32());

        var hentet = await JsonAsync(await leder.GetAsync($"/api/v1/soknader/{id}"));
        Assert.Equal(
            ["UTKAST", "SENDT", "UNDER_BEHANDLING", "VENTER_PAA_SOEKER", "UNDER_BEHANDLING", "INNVILGET"],
            hentet.GetProperty("historikk").EnumerateArray().Select(h => h.GetProperty("status").GetString()!).ToArray());
        Assert.Equal("Begrunn behovet for yrke.", hentet.GetProperty("historikk")[3].GetProperty("melding").GetString());

        var avtale = await JsonAsync(await leder.GetAsync($"/api/v1/avtaler/{avtaleId}"));
        Assert.Equal(Organisasjon, avtale.GetProperty("konsument").GetString());
        Assert.Equal("AKTIV", avtale.GetProperty("status").GetString());
        Assert.Equal(["ansettelsesperiode", "arbeidsforholdIdentifikasjon", "yrke"], Strenger(avtale.GetProperty("dataelementer")));
        Assert.Equal(["nav:aareg/v1/arbeidsforhold"], Strenger(avtale.GetProperty("scopes")));
        Assert.Equal(["SAKSBEHANDLING"], Strenger(avtale.GetProperty("formaal")));
        Assert.Equal("Kari Avtale", avtale.GetProperty("kontaktpersoner").GetProperty("avtale").GetProperty("navn").GetString());

        var liste = await JsonAsync(await leder.GetAsync("/api/v1/soknader"));
        Assert.Equal(id, Assert.Single(liste.EnumerateArray()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task Sending_an_incomplete_application_is_400_with_an_error_per_missing_field()
    {
        await using var m = await StartAsync();
        using var leder = await m.PersonAsync(Leder);
        var utkast = await JsonAsync(await leder.PostAsJsonAsync("/api/v1/soknader", new { formaal = new[] { "SAKSBEHANDLING" } }));
        Assert.Equal(Organisasjon, utkast.GetProperty("organisasjonsnummer").GetString());

        var svar = await leder.PostAsync($"/api/v1/soknader/{utkast.GetProperty("id").GetString()}/send", null);

        Assert.Equal(HttpStatusCode.BadRequest, svar.StatusCode);
        Assert.Equal("application/problem+json", svar.Content.Headers.ContentType?.MediaType);
        var feil = (await JsonAsync(svar)).GetProperty("errors");
        foreach (var felt in new[]
                 {
                     "hjemmel.lov", "hjemmel.paragraf", "formaalsbeskrivelse", "behandlingsgrunnlag", "dataelementer", "kanaler",
                     "kontaktpersoner.avtale", "kontaktpersoner.endring", "kontaktpersoner.feil", "kontaktpersoner.sikkerhetsbrudd", "bruksvilkaar",
                 })
        {
            Assert.True(feil.TryGetProperty(felt, out _), $"mangler feil for {felt}");
        }

        Assert.False(feil.TryGetProperty("formaal", out _));
    }

    [Fact]
    public async Task Draft_with_unknown_data_element_channel_or_section_is_rejected_field_by_field()
    {
        await using var m = await StartAsync();
        using var leder = await m.PersonAsync(Leder);
        var soknad = KomplettSoknad("arbeidsforholdIdentifikasjon", "loenn");
        soknad["kanaler"] = new JsonArray(new JsonObject { ["kanal"] = "UTTREKK" }, new JsonObject { ["kanal"] = "FAX" });
        soknad["hjemmel"] = new JsonObject { ["lov"] = "aa-registerforskriften", ["paragraf"] = "§ 3" };
        soknad["databehandler"] = "123456789";

        var svar = await leder.PostAsJsonAsync("/api/v1/soknader", soknad);

        Assert.Equal(HttpStatusCode.BadRequest, svar.StatusCode);
        var feil = (await JsonAsync(svar)).GetProperty("errors");
        Assert.True(feil.TryGetProperty("dataelementer[1]", out _));
        Assert.True(feil.TryGetProperty("kanaler[1].kanal", out _));
        Assert.True(feil.TryGetProperty("hjemmel.paragraf", out _));
        Assert.True(feil.TryGetProperty("databehandler", out _));
        Assert.False(feil.TryGetProperty("dataelementer[0]", out _));
    }

    [Fact]
    public async Task Extract_needs_description_and_frequency_before_sending()
    {
        await using var m = await StartAsync();
        using var leder = await m.PersonAsync(Leder);
        var soknad = KomplettSoknad();
        soknad["kanaler"] = new JsonArray(new JsonObject { ["kanal"] = "UTTREKK" });
        var id = (await JsonAsync(await leder.PostAsJsonAsync("/api/v1/soknader", soknad))).GetProperty("id").GetString();

        var feil = (await JsonAsync(await leder.PostAsync($"/api/v1/soknader/{id}/send", null))).GetProperty("errors");

        Assert.True(feil.TryGetProperty("kanaler[0].beskrivelse", out _));
        Assert.True(feil.TryGetProperty("kanaler[0].frekvens", out _));
    }

    [Fact]
    public async Task Person_without_role_is_refused_until_delegated_and_again_after_revocation()
    {
        await using var m = await StartAsync();
        using var leder = await m.PersonAsync(Leder);
        using var ansatt = await m.PersonAsync(Ansatt);

        var nektet = await ansatt.PostAsJsonAsync("/api/v1/soknader", KomplettSoknad());
        Assert.Equal(HttpStatusCode.Forbidden, nektet.StatusCode);
        var detalj = (await JsonAsync(nektet)).GetProperty("detail").GetString()!;
        Assert.Contains("Søke om tilgang til Aa-registeret og forvalte avtaleforhold", detalj, StringComparison.Ordinal);
        Assert.Contains("DAGL", detalj, StringComparison.Ordinal);

        // Only a role holder can delegate: the employee cannot give themself the right.
        Assert.Equal(HttpStatusCode.Forbidden, (await ansatt.PostAsJsonAsync("/api/v1/rettigheter/delegeringer", new { mottaker = Ansatt })).StatusCode);

        var delegert = await leder.PostAsJsonAsync("/api/v1/rettigheter/delegeringer", new { mottaker = Ansatt });
        Assert.Equal(HttpStatusCode.Created, delegert.StatusCode);
        var delegering = await JsonAsync(delegert);
        Assert.Equal("DAGL", delegering.GetProperty("gittAvRolle").GetString());
        var delegeringId = delegering.GetProperty("id").GetString()!;

        // A delegate cannot pass the right on.
        Assert.Equal(HttpStatusCode.Forbidden, (await ansatt.PostAsJsonAsync("/api/v1/rettigheter/delegeringer", new { mottaker = Annen })).StatusCode);

        var id1 = (await JsonAsync(await ansatt.PostAsJsonAsync("/api/v1/soknader", KomplettSoknad()))).GetProperty("id").GetString();
        var id2 = (await JsonAsync(await ansatt.PostAsJsonAsync("/api/v1/soknader", KomplettSoknad()))).GetProperty("id").GetString();
        var sendt = await JsonAsync(await ansatt.PostAsync($"/api/v1/soknader/{id1}/send", null));
        Assert.Equal("SENDT", sendt.GetProperty("status").GetString());
        Assert.Equal(delegeringId, sendt.GetProperty("soeker").GetProperty("delegeringId").GetString());
        Assert.False(sendt.GetProperty("soeker").TryGetProperty("rolle", out _));

        Assert.Equal(HttpStatusCode.NoContent, (await leder.DeleteAsync($"/api/v1/rettigheter/delegeringer/{delegeringId}")).StatusCode);

        var etterpaa = await ansatt.PostAsync($"/api/v1/soknader/{id2}/send", null);
        Assert.Equal(HttpStatusCode.Forbidden, etterpaa.StatusCode);
        var liste = await JsonAsync(await leder.GetAsync("/api/v1/rettigheter/delegeringer"));
        Assert.False(Assert.Single(liste.EnumerateArray()).GetProperty("gjeldende").GetBoolean());
    }

    [Fact]
    public async Task Portal_refuses_a_role_holder_logged_in_below_substantial()
    {
        await using var m = await StartAsync();
        using var lav = await m.PersonAsync(Leder, acr: "idporten-loa-low");
        using var leder = await m.PersonAsync(Leder, acr: "idporten-loa-substantial");
        var id = (await JsonAsync(await leder.PostAsJsonAsync("/api/v1/soknader", KomplettSoknad()))).GetProperty("id").GetString();

        // The same person with a role for the organisation: every portal action needs substantial or high (API §8).
        var svar = new[]
        {
            await lav.PostAsJsonAsync("/api/v1/soknader", KomplettSoknad()),
            await lav.PutAsJsonAsync($"/api/v1/soknader/{id}", KomplettSoknad()),
            await lav.PostAsync($"/api/v1/soknader/{id}/send", null),
            await lav.GetAsync("/api/v1/soknader"),
            await lav.GetAsync($"/api/v1/soknader/{id}"),
            await lav.GetAsync("/api/v1/avtaler"),
            await lav.GetAsync("/api/v1/rettigheter/delegeringer"),
            await lav.PostAsJsonAsync("/api/v1/rettigheter/delegeringer", new { mottaker = Ansatt }),
        };
        foreach (var s in svar)
        {
            Assert.Equal(HttpStatusCode.Forbidden, s.StatusCode);
            Assert.Equal("application/problem+json", s.Content.Headers.ContentType?.MediaType);
            Assert.Contains("idporten-loa-substantial", (await JsonAsync(s)).GetProperty("detail").GetString()!, StringComparison.Ordinal);
        }

        // Nothing was delegated and the draft was not sent.
        Assert.Empty((await JsonAsync(await leder.GetAsync("/api/v1/rettigheter/delegeringer"))).EnumerateArray());
        Assert.Equal("UTKAST", (await JsonAsync(await leder.GetAsync($"/api/v1/soknader/{id}"))).GetProperty("status").GetString());

        using var hoey = await m.PersonAsync(Leder, acr: "idporten-loa-high");
        Assert.Equal(HttpStatusCode.OK, (await hoey.PostAsync($"/api/v1/soknader/{id}/send", null)).StatusCode);
    }

    [Fact]
    public async Task Role_for_another_organisation_gives_no_right()
    {
        await using var m = await StartAsync();
        using var leder = await m.PersonAsync(Leder, AnnenOrganisasjon);

        var svar = await leder.PostAsJsonAsync("/api/v1/soknader", new { });

        Assert.Equal(HttpStatusCode.Forbidden, svar.StatusCode);
    }

    [Fact]
    public async Task Partly_granted_application_makes_an_agreement_with_only_the_granted_elements()
    {
        await using var m = await StartAsync();
        var (_, soknad) = await m.InnvilgetAsync(
            KomplettSoknad("arbeidsforholdIdentifikasjon", "ansettelsesperiode", "loennsendring"),
            new { utfall = "delvisInnvilget", begrunnelse = "Lønnsendring er ikke nødvendig for formålet.", innvilgedeDataelementer = new[] { "arbeidsforholdIdentifikasjon", "ansettelsesperiode" } });

        Assert.Equal("DELVIS_INNVILGET", soknad.GetProperty("status").GetString());
        using var saksbehandler = await m.SaksbehandlerAsync();
        var avtale = await JsonAsync(await saksbehandler.GetAsync($"/api/v1/avtaler/{soknad.GetProperty("vedtak").GetProperty("avtaleId").GetString()}"));
        Assert.Equal(["ansettelsesperiode", "arbeidsforholdIdentifikasjon"], Strenger(avtale.GetProperty("dataelementer")));
    }

    [Fact]
    public async Task Decision_must_match_what_was_asked_for()
    {
        await using var m = await StartAsync();
        using var leder = await m.PersonAsync(Leder);
        using var saksbehandler = await m.SaksbehandlerAsync();
        var id = (await JsonAsync(await leder.PostAsJsonAsync("/api/v1/soknader", KomplettSoknad()))).GetProperty("id").GetString();
        (await leder.PostAsync($"/api/v1/soknader/{id}/send", null)).EnsureSuccessStatusCode();

        // Not under handling yet.
        Assert.Equal(HttpStatusCode.Conflict, (await saksbehandler.PostAsJsonAsync($"/api/v1/soknader/{id}/vedtak", new { utfall = "innvilget" })).StatusCode);
        (await saksbehandler.PostAsync($"/api/v1/soknader/{id}/behandling", null)).EnsureSuccessStatusCode();

        var mer = await saksbehandler.PostAsJsonAsync($"/api/v1/soknader/{id}/vedtak", new { utfall = "innvilget", innvilgedeDataelementer = new[] { "sporingsinformasjon" } });
        Assert.True((await JsonAsync(mer)).GetProperty("errors").TryGetProperty("innvilgedeDataelementer", out _));
        var mindre = await saksbehandler.PostAsJsonAsync($"/api/v1/soknader/{id}/vedtak", new { utfall = "innvilget", innvilgedeDataelementer = new[] { "ansettelsesperiode" } });
        Assert.True((await JsonAsync(mindre)).GetProperty("errors").TryGetProperty("utfall", out _));
        var avslagUtenGrunn = await saksbehandler.PostAsJsonAsync($"/api/v1/soknader/{id}/vedtak", new { utfall = "avslaatt" });
        Assert.True((await JsonAsync(avslagUtenGrunn)).GetProperty("errors").TryGetProperty("begrunnelse", out _));

        var avslag = await JsonAsync(await saksbehandler.PostAsJsonAsync($"/api/v1/soknader/{id}/vedtak", new { utfall = "avslaatt", begrunnelse = "Ingen hjemmel." }));
        Assert.Equal("AVSLAATT", avslag.GetProperty("status").GetString());
        Assert.False(avslag.GetProperty("vedtak").TryGetProperty("avtaleId", out _));
        Assert.Empty((await JsonAsync(await leder.GetAsync("/api/v1/avtaler"))).EnumerateArray());
    }

    [Fact]
    public async Task Extension_makes_a_new_version_of_the_existing_agreement()
    {
        await using var m = await StartAsync();
        var (_, foerste) = await m.InnvilgetAsync(KomplettSoknad());
        var avtaleId = foerste.GetProperty("vedtak").GetProperty("avtaleId").GetString()!;

        var utvidelse = KomplettSoknad("sluttaarsak", "permisjonerOgPermitteringer");
        utvidelse["type"] = "utvidelse";
        utvidelse["avtaleId"] = avtaleId;
        utvidelse["formaal"] = new JsonArray("KONTROLL");
        var (_, andre) = await m.InnvilgetAsync(utvidelse);

        Assert.Equal(avtaleId, andre.GetProperty("vedtak").GetProperty("avtaleId").GetString());
        Assert.Equal(2, andre.GetProperty("vedtak").GetProperty("avtaleVersjon").GetInt32());
        using var saksbehandler = await m.SaksbehandlerAsync();
        var avtale = await JsonAsync(await saksbehandler.GetAsync($"/api/v1/avtaler/{avtaleId}"));
        Assert.Equal(2, avtale.GetProperty("versjon").GetInt32());
        Assert.Equal(
            ["ansettelsesperiode", "arbeidsforholdIdentifikasjon", "permisjonerOgPermitteringer", "sluttaarsak", "yrke"],
            Strenger(avtale.GetProperty("dataelementer")));
        Assert.Equal(["KONTROLL", "SAKSBEHANDLING"], Strenger(avtale.GetProperty("formaal")));
        var versjoner = avtale.GetProperty("versjoner").EnumerateArray().ToList();
        Assert.Equal(2, versjoner.Count);
        Assert.Equal(3, versjoner[0].GetProperty("dataelementer").GetArrayLength());
    }

    [Fact]
    public async Task Extension_of_another_organisations_agreement_cannot_be_sent()
    {
        await using var m = await StartAsync();
        using var leder = await m.PersonAsync(Leder);
        var soknad = KomplettSoknad();
        soknad["type"] = "utvidelse";
        soknad["avtaleId"] = "demo-889640782";
        var id = (await JsonAsync(await leder.PostAsJsonAsync("/api/v1/soknader", soknad))).GetProperty("id").GetString();

        var feil = (await JsonAsync(await leder.PostAsync($"/api/v1/soknader/{id}/send", null))).GetProperty("errors");

        Assert.True(feil.TryGetProperty("avtaleId", out _));
    }

    internal static string[] Strenger(JsonElement liste) => [.. liste.EnumerateArray().Select(e => e.GetString()!)];
}
