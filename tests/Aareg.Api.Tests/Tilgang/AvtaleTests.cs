using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Aareg.Api.Oppsett;
using Aareg.Domain.Identer;
using Aareg.Storage.Tilgang;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using static Aareg.Api.Tests.Tilgang.SoknadMiljoe;

namespace Aareg.Api.Tests.Tilgang;

/// <summary>Agreements (API §7): management by the consumer and case workers, versions, and the start-up file.</summary>
public sealed class AvtaleTests
{
    [Fact]
    public async Task Contact_person_change_and_termination_each_make_a_version_saying_who_and_when()
    {
        await using var m = await StartAsync();
        var (_, soknad) = await m.InnvilgetAsync(KomplettSoknad());
        var id = soknad.GetProperty("vedtak").GetProperty("avtaleId").GetString()!;
        using var leder = await m.PersonAsync(Leder);
        using var annen = await m.PersonAsync(Annen);

        var nye = new JsonObject
        {
            ["avtale"] = Kontakt("Nina Ny"), ["endring"] = Kontakt("Ola Endring"),
            ["feil"] = Kontakt("Per Feil"), ["sikkerhetsbrudd"] = Kontakt("Siri Sikkerhet"),
        };
        Assert.Equal(HttpStatusCode.Forbidden, (await annen.PutAsJsonAsync($"/api/v1/avtaler/{id}/kontaktpersoner", nye)).StatusCode);
        var ufullstendig = new JsonObject { ["avtale"] = Kontakt("Nina Ny") };
        var feil = await leder.PutAsJsonAsync($"/api/v1/avtaler/{id}/kontaktpersoner", ufullstendig);
        Assert.Equal(HttpStatusCode.BadRequest, feil.StatusCode);
        Assert.True((await JsonAsync(feil)).GetProperty("errors").TryGetProperty("kontaktpersoner.sikkerhetsbrudd", out _));

        var endret = await JsonAsync(await leder.PutAsJsonAsync($"/api/v1/avtaler/{id}/kontaktpersoner", nye));
        Assert.Equal(2, endret.GetProperty("versjon").GetInt32());
        Assert.Equal(Leder, endret.GetProperty("endretAv").GetString());
        Assert.Equal("Nina Ny", endret.GetProperty("kontaktpersoner").GetProperty("avtale").GetProperty("navn").GetString());

        Assert.Equal(HttpStatusCode.Forbidden, (await annen.PostAsync($"/api/v1/avtaler/{id}/avslutt", null)).StatusCode);
        var avsluttet = await JsonAsync(await leder.PostAsync($"/api/v1/avtaler/{id}/avslutt", null));
        Assert.Equal("AVSLUTTET", avsluttet.GetProperty("status").GetString());
        Assert.Equal(3, avsluttet.GetProperty("versjon").GetInt32());
        Assert.True(avsluttet.TryGetProperty("gyldigTil", out _));
        Assert.Equal(HttpStatusCode.Conflict, (await leder.PostAsync($"/api/v1/avtaler/{id}/avslutt", null)).StatusCode);

        var hentet = await JsonAsync(await leder.GetAsync($"/api/v1/avtaler/{id}"));
        var versjoner = hentet.GetProperty("versjoner").EnumerateArray().ToList();
        Assert.Equal([1, 2, 3], versjoner.Select(v => v.GetProperty("versjon").GetInt32()));
        Assert.Equal(["AKTIV", "AKTIV", "AVSLUTTET"], versjoner.Select(v => v.GetProperty("status").GetString()));
        Assert.Equal("Kari Avtale", versjoner[0].GetProperty("kontaktpersoner").GetProperty("avtale").GetProperty("navn").GetString());

        // The old version stays readable: an audit record names the version that allowed a lookup.
        var store = m.Fabrikk.Services.GetRequiredService<IAvtaleStore>();
        Assert.Equal(Avtalestatus.Aktiv, (await store.HentAsync(id, 1, TestContext.Current.CancellationToken))!.Status);
        Assert.Equal(Avtalestatus.Avsluttet, Assert.Single(await store.FinnForKonsumentAsync(Organisasjon, TestContext.Current.CancellationToken)).Status);
    }

    [Fact]
    public async Task Only_case_workers_suspend_and_resume()
    {
        await using var m = await StartAsync();
        var (_, soknad) = await m.InnvilgetAsync(KomplettSoknad());
        var id = soknad.GetProperty("vedtak").GetProperty("avtaleId").GetString()!;
        using var leder = await m.PersonAsync(Leder);
        using var saksbehandler = await m.SaksbehandlerAsync();

        Assert.Equal(HttpStatusCode.Forbidden, (await leder.PostAsync($"/api/v1/avtaler/{id}/suspender", null)).StatusCode);
        var suspendert = await JsonAsync(await saksbehandler.PostAsync($"/api/v1/avtaler/{id}/suspender", null));
        Assert.Equal("SUSPENDERT", suspendert.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await saksbehandler.PostAsync($"/api/v1/avtaler/{id}/suspender", null)).StatusCode);
        var gjenopptatt = await JsonAsync(await saksbehandler.PostAsync($"/api/v1/avtaler/{id}/gjenoppta", null));
        Assert.Equal("AKTIV", gjenopptatt.GetProperty("status").GetString());
        Assert.Equal(3, gjenopptatt.GetProperty("versjon").GetInt32());

        var alle = await JsonAsync(await saksbehandler.GetAsync("/api/v1/avtaler"));
        Assert.Contains(alle.EnumerateArray(), a => a.GetProperty("id").GetString() == id);
    }

    [Fact]
    public async Task Consumer_token_lists_its_own_agreements()
    {
        await using var m = await StartAsync();
        await m.InnvilgetAsync(KomplettSoknad());
        using var konsument = await m.Fabrikk.KlientAsync("nav:aareg/v1/arbeidsforhold", consumer: Organisasjon);
        using var fremmed = await m.Fabrikk.KlientAsync("nav:aareg/v1/arbeidsforhold", consumer: AnnenOrganisasjon);

        var egne = await JsonAsync(await konsument.GetAsync("/api/v1/avtaler"));
        Assert.Equal(Organisasjon, Assert.Single(egne.EnumerateArray()).GetProperty("konsument").GetString());
        Assert.Empty((await JsonAsync(await fremmed.GetAsync("/api/v1/avtaler"))).EnumerateArray());
    }

    [Fact]
    public async Task Startup_file_loads_agreements_idempotently_and_a_change_makes_a_new_version()
    {
        var fil = Path.Combine(Path.GetTempPath(), "aareg-oppstart-" + Guid.NewGuid().ToString("N") + ".json");
        await File.WriteAllTextAsync(fil, """
            {
              "avtaler": [
                {"konsument": "889640782", "formaal": ["YTELSER"], "dataelementer": ["*"], "kanaler": ["API"]},
                {"konsument": "938708606", "formaal": ["OTP"], "dataelementer": ["ansettelsesperiode", "arbeidsforholdIdentifikasjon"],
                 "kanaler": ["API"], "otp": true, "databehandler": "971526920"}
              ],
              "saksbehandlere": [{"ident": "Z990001", "roller": ["saksbehandler"]}]
            }
            """, TestContext.Current.CancellationToken);
        try
        {
            await using var m = await StartAsync(f => f.Innstillinger["Aareg:Tilgang:Oppstartsfil"] = fil);
            var ct = TestContext.Current.CancellationToken;
            var store = m.Fabrikk.Services.GetRequiredService<IAvtaleStore>();
            var nav = Assert.Single(await store.FinnForKonsumentAsync("889640782", ct));
            Assert.Equal(1, nav.Versjon);
            Assert.Equal(["*"], nav.Dataelementer);
            Assert.Equal(["nav:aareg/v1/arbeidsforhold"], nav.Scopes);
            Assert.Equal(Oppstartsfil.Grunnlag, nav.Grunnlag);
            var otp = Assert.Single(await store.FinnForKonsumentAsync("938708606", ct));
            Assert.True(otp.Otp);
            Assert.Equal(["nav:aareg/v1/arbeidsforhold/otp"], otp.Scopes);
            Assert.Equal("971526920", otp.Databehandler);

            // Loading the same file again changes nothing.
            var oppstart = m.Fabrikk.Services.GetServices<IHostedService>().OfType<AvtaleOppstart>().Single();
            await oppstart.StartAsync(ct);
            Assert.Equal(1, (await store.HentAsync(nav.Id, ct: ct))!.Versjon);

            await File.WriteAllTextAsync(fil, """
                {"avtaler": [
                  {"konsument": "889640782", "formaal": ["YTELSER"], "dataelementer": ["ansettelsesperiode"], "kanaler": ["API"]},
                  {"konsument": "938708606", "formaal": ["OTP"], "dataelementer": ["ansettelsesperiode", "arbeidsforholdIdentifikasjon"],
                   "kanaler": ["API"], "otp": true, "databehandler": "971526920"}
                ]}
                """, ct);
            await oppstart.StartAsync(ct);
            var endret = (await store.HentAsync(nav.Id, ct: ct))!;
            Assert.Equal(2, endret.Versjon);
            Assert.Equal(["ansettelsesperiode"], endret.Dataelementer);
            Assert.Equal(["*"], (await store.HentAsync(nav.Id, 1, ct))!.Dataelementer);
            Assert.Equal(1, (await store.HentAsync(otp.Id, ct: ct))!.Versjon);
        }
        finally
        {
            File.Delete(fil);
        }
    }

    [Fact]
    public void Startup_file_with_errors_names_every_one()
    {
        var fil = Oppstartsfil.Les("""
            {"avtaler": [
              {"konsument": "123", "formaal": ["X"], "dataelementer": ["*"]},
              {"konsument": "889640782", "formaal": [], "dataelementer": ["loenn"], "kanaler": ["FAX"], "skjultForPerson": true}
            ]}
            """);

        var feil = Assert.Throws<InvalidOperationException>(() =>
            fil.TilAvtaler(TilgangOppsett.Dataelementnavn, _ => [], new DateOnly(2025, 1, 1), DateTimeOffset.UnixEpoch));

        foreach (var del in new[] { "avtaler[0].konsument", "avtaler[1].dataelementer", "avtaler[1].kanaler", "avtaler[1].skjultHjemmel", "avtaler[1].formaal" })
        {
            Assert.Contains(del, feil.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Demo_agreements_are_for_valid_organisations_and_known_elements()
    {
        var avtaler = new Oppstartsfil(AvtaleOppstart.DemoAvtaler, null)
            .TilAvtaler(TilgangOppsett.Dataelementnavn, _ => ["nav:aareg/v1/arbeidsforhold"], new DateOnly(2025, 1, 1), DateTimeOffset.UnixEpoch);

        Assert.Equal(4, avtaler.Count);
        Assert.All(avtaler, a => Assert.True(Organisasjonsnummer.TryParse(a.Konsument, out _)));
        Assert.Contains(avtaler, a => a.Otp && a.Konsument == "938708606");
    }
}
