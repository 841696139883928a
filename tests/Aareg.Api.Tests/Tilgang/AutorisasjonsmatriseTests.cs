using System.Net;
using System.Text.Json;
using Aareg.Api.Tests.Oppslag;
using Aareg.Api.Tilgang;
using Aareg.Storage.Tilgang;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Aareg.Api.Tests.Tilgang;

/// <summary>
/// The authorisation matrix (API §7, §9), generated from the app's own endpoint list: every route that reads personal
/// data is run through every way to be refused and the one way to be allowed. A route under <c>/api/</c> that is
/// neither marked <see cref="PersondataMetadata"/> nor on the list of routes with their own rules fails the test,
/// so a new endpoint cannot slip past the pipeline.
/// </summary>
public sealed class AutorisasjonsmatriseTests : IAsyncLifetime
{
    private const string Konsument = "987574917";
    private const string Leverandoer = "893786570";
    private const string AnnenLeverandoer = "954323196";

    /// <summary>Routes that are not personal-data reads under agreements, each with why.</summary>
    private static readonly string[] EgneRegler =
    [
        "/api/v1/kodeverk",      // code lists: public reference data
        "/api/v1/a-melding",     // intake: the sender's own meldinger, its own rules (API §5)
        "/api/v1/soknader",      // access management: the applicant organisation's own applications (API §7)
        "/api/v1/avtaler",       // access management: agreements, owner's case workers and the consumer (API §7)
        "/api/v1/rettigheter",   // access management: delegations (API §7)
        "/api/v1/innsyn",        // the person's own insight, person token (API §8)
        "/api/v1/arbeidsgiver",  // employer self-service: role or delegation for the unit (API §8)
        "/api/health", "/api/v1/helse", "/api/dev",
    ];

    /// <summary>A request that the allowed caller gets 200 for, per route pattern.</summary>
    private static readonly Dictionary<string, (string Sti, Dictionary<string, string> Headere)> Eksempler = new(StringComparer.Ordinal)
    {
        ["/api/v2/arbeidstaker/arbeidsforhold"] = ("/api/v2/arbeidstaker/arbeidsforhold", new() { ["Nav-Personident"] = Registereksempel.Fnr }),
        ["/api/v2/arbeidsforhold/{id}"] = ($"/api/v2/arbeidsforhold/{Eksempelregister.Id}", []),
        ["/api/v1/opplysningspliktig/arbeidsforholdoversikt"] =
            ("/api/v1/opplysningspliktig/arbeidsforholdoversikt", new() { ["Nav-Opplysningspliktigident"] = Registereksempel.Opplysningspliktig }),
        ["/api/v1/opplysningspliktig/arbeidsgiveroversikt"] =
            ("/api/v1/opplysningspliktig/arbeidsgiveroversikt", new() { ["Nav-Opplysningspliktigident"] = Registereksempel.Opplysningspliktig }),
        ["/api/otp/v1/arbeidsforholdoversikter"] =
            ("/api/otp/v1/arbeidsforholdoversikter?ansattFraMaaned=2016-01", new() { ["Nav-Opplysningspliktigident"] = Registereksempel.Opplysningspliktig }),
        ["/api/otp/v1/arbeidsforhold"] =
            ("/api/otp/v1/arbeidsforhold?ansattFraMaaned=2016-01", new()
            {
                ["Nav-Opplysningspliktigident"] = Registereksempel.Opplysningspliktig,
                ["Nav-Personident"] = Registereksempel.Fnr,
            }),
    };

    private readonly AaregFabrikk _fabrikk = new();

    public ValueTask InitializeAsync()
    {
        _fabrikk.Tilgang.Isolert = true;
        _fabrikk.Tilgang.Register = new Eksempelregister();
        _fabrikk.Tilgang.Pensjonsinnretninger = new HashSet<string> { Konsument };
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _fabrikk.DisposeAsync();

    private List<(string Moenster, PersondataMetadata? Krav)> ApiRuter()
    {
        _ = _fabrikk.Server;
        var kilde = _fabrikk.Services.GetRequiredService<EndpointDataSource>();
        return
        [
            .. kilde.Endpoints.OfType<RouteEndpoint>()
                .Where(e => e.RoutePattern.RawText is { } r && r.TrimStart('/').StartsWith("api/", StringComparison.Ordinal))
                .Select(e => ("/" + e.RoutePattern.RawText!.TrimStart('/'), e.Metadata.GetMetadata<PersondataMetadata>()))
                .Distinct(),
        ];
    }

    [Fact]
    public void Every_api_route_has_an_access_policy_or_is_explicitly_open()
    {
        var uten = ApiRuter()
            .Where(r => r.Krav is null && !EgneRegler.Any(o => r.Moenster.StartsWith(o, StringComparison.Ordinal)))
            .Select(r => r.Moenster)
            .ToList();

        Assert.True(uten.Count == 0, "Ruter uten tilgangspolicy: " + string.Join(", ", uten));
        Assert.Equal(6, ApiRuter().Count(r => r.Krav is not null));
    }

    [Fact]
    public async Task Every_personal_data_route_refuses_each_failed_condition_and_allows_the_agreed_request()
    {
        var ruter = ApiRuter().Where(r => r.Krav is not null).ToList();
        Assert.NotEmpty(ruter);
        var avtaler = _fabrikk.Tilgang.Avtaler;
        var grunn = Testtilgang.Avtale(Konsument) with { Formaal = ["A", "B"], Databehandler = Leverandoer };

        foreach (var (moenster, krav) in ruter)
        {
            Assert.True(Eksempler.TryGetValue(moenster, out var eksempel), $"Matrisen mangler et eksempel for {moenster}");
            var scope = krav!.Scope;

            async Task Forvent(HttpStatusCode status, string? kode, string? tokenScope = null, string? leverandoer = Leverandoer, string? formaal = "A", bool token = true)
            {
                using var klient = token ? await _fabrikk.KlientAsync(tokenScope ?? scope, consumer: Konsument, supplier: leverandoer) : _fabrikk.CreateClient();
                using var forespoersel = new HttpRequestMessage(HttpMethod.Get, eksempel.Sti);
                foreach (var (navn, verdi) in eksempel.Headere)
                {
                    forespoersel.Headers.Add(navn, verdi);
                }

                if (formaal is not null)
                {
                    forespoersel.Headers.Add(Tilgangskontroll.FormaalHeader, formaal);
                }

                using var svar = await klient.SendAsync(forespoersel, TestContext.Current.CancellationToken);
                var tekst = await svar.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
                Assert.True(status == svar.StatusCode, $"{moenster} ({kode ?? "tillatt"}): {(int)svar.StatusCode} {tekst}");
                if (kode is not null)
                {
                    using var json = JsonDocument.Parse(tekst);
                    Assert.Equal(kode, json.RootElement.GetProperty("kode").GetString());
                }
            }

            avtaler.Sett(grunn);
            await Forvent(HttpStatusCode.Unauthorized, null, token: false);
            await Forvent(HttpStatusCode.Forbidden, "AA-403", tokenScope: Aareg.Tilgang.Scopes.Mottak);

            avtaler.Sett();
            await Forvent(HttpStatusCode.Forbidden, Tilgangskoder.Avtale);
            avtaler.Sett(grunn with { Status = Avtalestatus.Avsluttet });
            await Forvent(HttpStatusCode.Forbidden, Tilgangskoder.Avtale);
            avtaler.Sett(grunn with { GyldigTil = new DateOnly(2021, 1, 1) });
            await Forvent(HttpStatusCode.Forbidden, Tilgangskoder.Avtale);

            avtaler.Sett(grunn with { Status = Avtalestatus.Suspendert });
            await Forvent(HttpStatusCode.Forbidden, Tilgangskoder.Suspendert);

            avtaler.Sett(grunn with { Scopes = [.. grunn.Scopes.Where(s => s != scope)] });
            await Forvent(HttpStatusCode.Forbidden, Tilgangskoder.Scope);

            avtaler.Sett(grunn with { Kanaler = [Kanaler.Web, Kanaler.Uttrekk] });
            await Forvent(HttpStatusCode.Forbidden, Tilgangskoder.Kanal);

            if (krav.Otp)
            {
                avtaler.Sett(grunn with { Otp = false });
                await Forvent(HttpStatusCode.Forbidden, Tilgangskoder.Otp);
            }

            avtaler.Sett(grunn);
            await Forvent(HttpStatusCode.Forbidden, Tilgangskoder.Databehandler, leverandoer: AnnenLeverandoer);
            await Forvent(HttpStatusCode.Forbidden, Tilgangskoder.Formaal, formaal: null);
            await Forvent(HttpStatusCode.Forbidden, Tilgangskoder.Formaal, formaal: "C");

            await Forvent(HttpStatusCode.OK, null);
            await Forvent(HttpStatusCode.OK, null, formaal: "B");

            // The consumer calling on its own behalf needs no data processor; one purpose needs no header.
            avtaler.Sett(grunn with { Formaal = ["A"], Databehandler = null });
            await Forvent(HttpStatusCode.OK, null, leverandoer: null, formaal: null);
        }
    }
}
