using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Aareg.Domain.AMelding;
using Aareg.Domain.Tid;
using Aareg.Tests.Felles;

namespace Aareg.Api.Tests;

/// <summary>
/// One opplysningspliktig's meldinger, sent through the intake API and applied by the register, read through the
/// pension API (API §2):
/// <list type="bullet">
/// <item>2025-01: names institution A; reports only <see cref="TestMeldinger.AnnenPerson"/> (af-9).</item>
/// <item>2025-02: names A; <see cref="TestMeldinger.Person"/> af-1 appears (yrke 3431101, permisjon P-1 10–20 Feb, 10 hours).</item>
/// <item>2025-03: names A; af-1 changes yrke to 5132121, permisjon P-2 in March, 20 hours.</item>
/// <item>2025-04: names institution B only.</item>
/// </list>
/// Both arbeidsforhold started 2020-01-01, long before they were first reported.
/// </summary>
public class OtpScenario : IAsyncLifetime
{
    public const string InstitusjonA = "987976535";
    public const string InstitusjonB = "964979367";
    public const string YrkeFoer = "3431101";
    public const string YrkeEtter = "5132121";

    public AaregFabrikk Fabrikk { get; } = new();

    /// <summary>Why this register could not be built (no PostgreSQL here); the tests skip with it.</summary>
    public string? HoppOverGrunn { get; protected set; }

    /// <summary>Chooses the store before the service starts (SQLite unless overridden).</summary>
    protected virtual Task ForberedAsync() => Task.CompletedTask;

    public async ValueTask InitializeAsync()
    {
        await ForberedAsync();
        if (HoppOverGrunn is not null)
        {
            return;
        }

        using var mottak = await Fabrikk.KlientAsync("nav:aareg/v1/mottak", consumer: TestMeldinger.Opplysningspliktig);
        await SendAsync(mottak, Melding("otp-1", "2025-01", [InstitusjonA], [AnnenPerson()]));
        await SendAsync(mottak, Melding("otp-2", "2025-02", [InstitusjonA], [AnnenPerson(), Person(YrkeFoer, "P-1", new DateOnly(2025, 2, 10), new DateOnly(2025, 2, 20), 10m)]));
        await SendAsync(mottak, Melding("otp-3", "2025-03", [InstitusjonA], [AnnenPerson(), Person(YrkeEtter, "P-2", new DateOnly(2025, 3, 3), new DateOnly(2025, 3, 7), 20m)]));
        await SendAsync(mottak, Melding("otp-4", "2025-04", [InstitusjonB], [AnnenPerson(), Person(YrkeEtter, null, null, null, null)]));
    }

    public async ValueTask DisposeAsync()
    {
        await Fabrikk.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private static Leveranse Melding(string meldingsId, string maaned, string[] institusjoner, Inntektsmottaker[] mottakere) =>
        TestMeldinger.Lag(meldingsId, maaned) with
        {
            Pensjonsinnretninger = institusjoner,
            Virksomheter = [new Virksomhet { NorskIdentifikator = TestMeldinger.Virksomhet, Inntektsmottakere = mottakere }],
        };

    private static Inntektsmottaker AnnenPerson() => new()
    {
        NorskIdentifikator = TestMeldinger.AnnenPerson,
        Arbeidsforhold = [TestMeldinger.Arbeidsforhold("af-9")],
        Inntekter = [Loenn("af-9", "fastloenn", null)],
    };

    private static Inntektsmottaker Person(string yrke, string? permisjonId, DateOnly? start, DateOnly? slutt, decimal? timer) => new()
    {
        NorskIdentifikator = TestMeldinger.Person,
        Arbeidsforhold =
        [
            TestMeldinger.Arbeidsforhold("af-1", yrke) with
            {
                Permisjoner = permisjonId is null
                    ? []
                    : [new Permisjon { PermisjonId = permisjonId, Beskrivelse = "permisjonMedForeldrepenger", Startdato = start, Sluttdato = slutt, Permisjonsprosent = 100m }],
            },
        ],
        Inntekter = timer is { } antall ? [Loenn("af-1", "fastloenn", null), Loenn("af-1", "timeloenn", antall)] : [Loenn("af-1", "fastloenn", null)],
    };

    private static Inntekt Loenn(string arbeidsforholdId, string beskrivelse, decimal? antall) => new()
    {
        Fordel = "kontantytelse",
        Beloep = 1000m,
        ArbeidsforholdId = arbeidsforholdId,
        Art = Inntektsart.Loennsinntekt,
        Beskrivelse = beskrivelse,
        Antall = antall,
    };

    internal static async Task SendAsync(HttpClient klient, Leveranse leveranse)
    {
        using var innhold = new ByteArrayContent(TestMeldinger.Xml(leveranse));
        innhold.Headers.ContentType = new MediaTypeHeaderValue("application/xml");
        using var svar = await klient.PostAsync("/api/v1/a-melding", innhold);
        var kvittering = JsonDocument.Parse(await svar.Content.ReadAsStringAsync()).RootElement;
        Assert.True(svar.StatusCode == HttpStatusCode.Created, kvittering.ToString());
        Assert.Equal("MOTTATT", kvittering.GetProperty("status").GetString());

        // The register worker applies meldinger in the background: wait until this one is BEHANDLET.
        var sti = $"/api/v1/a-melding/{kvittering.GetProperty("mottaksId").GetString()}";
        for (var forsoek = 0; forsoek < 200; forsoek++)
        {
            using var status = await klient.GetAsync(sti);
            var json = JsonDocument.Parse(await status.Content.ReadAsStringAsync()).RootElement;
            if (json.GetProperty("behandlingsstatus").GetString() == "BEHANDLET")
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail("The register did not apply the melding in time.");
    }
}

/// <summary>The same scenario on PostgreSQL.</summary>
public sealed class OtpScenarioPostgres(PostgresKlynge klynge) : OtpScenario
{
    protected override async Task ForberedAsync()
    {
        HoppOverGrunn = await klynge.HoppOverGrunnAsync();
        if (HoppOverGrunn is null)
        {
            await Fabrikk.BrukPostgresAsync(klynge);
        }
    }
}

public sealed class OtpApiSqliteTests(OtpScenario scenario) : OtpApiTests(scenario), IClassFixture<OtpScenario>;

public sealed class OtpApiPostgresTests(OtpScenarioPostgres scenario) : OtpApiTests(scenario), IClassFixture<OtpScenarioPostgres>;

/// <summary>The OTP API on one scenario (the derived classes choose the store).</summary>
public abstract class OtpApiTests
{
    private readonly OtpScenario scenario;

    protected OtpApiTests(OtpScenario scenario)
    {
        Assert.SkipWhen(scenario.HoppOverGrunn is not null, scenario.HoppOverGrunn ?? string.Empty);
        this.scenario = scenario;
    }

    private const string Otp = "nav:aareg/v1/arbeidsforhold/otp";
    private const string Oversikt = "/api/otp/v1/arbeidsforholdoversikter";
    private const string PerPerson = "/api/otp/v1/arbeidsforhold";

    private async Task<(HttpStatusCode Status, JsonElement Json, string? Innholdstype)> HentAsync(
        string sti, string? institusjon = OtpScenario.InstitusjonA, string? scope = Otp, string? person = null, string? opplysningspliktig = TestMeldinger.Opplysningspliktig)
    {
        using var klient = scope is null ? scenario.Fabrikk.CreateClient() : await scenario.Fabrikk.KlientAsync(scope, consumer: institusjon);
        using var forespoersel = new HttpRequestMessage(HttpMethod.Get, sti);
        if (opplysningspliktig is not null)
        {
            forespoersel.Headers.Add("Nav-Opplysningspliktigident", opplysningspliktig);
        }

        if (person is not null)
        {
            forespoersel.Headers.Add("Nav-Personident", person);
        }

        using var svar = await klient.SendAsync(forespoersel);
        var tekst = await svar.Content.ReadAsStringAsync();
        return (svar.StatusCode, tekst.Length == 0 ? default : JsonDocument.Parse(tekst).RootElement.Clone(), svar.Content.Headers.ContentType?.MediaType);
    }

    private Task<(HttpStatusCode Status, JsonElement Json, string? Innholdstype)> PersonAsync(string fra, string til, string? institusjon = OtpScenario.InstitusjonA) =>
        HentAsync($"{PerPerson}?ansattFraMaaned={fra}&ansattTilMaaned={til}", institusjon, person: TestMeldinger.Person);

    private static JsonElement EttArbeidsforhold(JsonElement svar)
    {
        var liste = svar.GetProperty("arbeidsforhold").EnumerateArray().ToArray();
        return Assert.Single(liste);
    }

    private static string[] Strenger(JsonElement liste) => [.. liste.EnumerateArray().Select(e => e.GetString()!)];

    [Fact]
    public async Task Grants_access_when_the_institution_is_named_in_every_month()
    {
        var (status, json, _) = await HentAsync($"{Oversikt}?ansattFraMaaned=2025-01&ansattTilMaaned=2025-03");

        Assert.Equal(HttpStatusCode.OK, status);
        var oversikter = json.GetProperty("arbeidsforholdoversikter").EnumerateArray().ToArray();
        Assert.Equal(2, oversikter.Length);
        Assert.Equal(
            ["af-1", "af-9"],
            oversikter.Select(o => o.GetProperty("id").GetString()!).Order(StringComparer.Ordinal).ToArray());
        var af1 = oversikter.Single(o => o.GetProperty("id").GetString() == "af-1");
        Assert.Equal(TestMeldinger.Person, af1.GetProperty("arbeidstaker").GetProperty("ident").GetString());

        // The overview shows the current yrke (API §2), not the one of the period.
        Assert.Equal(OtpScenario.YrkeEtter, af1.GetProperty("yrke").GetProperty("kode").GetString());
        Assert.True(af1.TryGetProperty("navUuid", out _));
    }

    [Fact]
    public async Task Answers_AA_101_listing_the_months_where_another_institution_is_named()
    {
        var (status, json, type) = await HentAsync($"{Oversikt}?ansattFraMaaned=2025-02&ansattTilMaaned=2025-04");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("application/problem+json", type);
        Assert.Equal("AA-101", json.GetProperty("kode").GetString());
        Assert.Equal(["2025-04"], Strenger(json.GetProperty("maanederUtenTilgang")));
        Assert.Contains("2025-04", json.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_other_institution_has_access_only_to_its_own_months()
    {
        var (egen, _, _) = await PersonAsync("2025-04", "2025-04", OtpScenario.InstitusjonB);
        var (tidligere, json, _) = await PersonAsync("2025-01", "2025-04", OtpScenario.InstitusjonB);

        Assert.Equal(HttpStatusCode.OK, egen);
        Assert.Equal(HttpStatusCode.Forbidden, tidligere);
        Assert.Equal(["2025-01", "2025-02", "2025-03"], Strenger(json.GetProperty("maanederUtenTilgang")));
    }

    [Fact]
    public async Task Months_without_meldinger_neither_grant_nor_deny()
    {
        // 2024-10..2024-12 have no meldinger; 2025-01 names A.
        var (medMelding, _, _) = await HentAsync($"{Oversikt}?ansattFraMaaned=2024-10&ansattTilMaaned=2025-01");

        // A period where the employer sent nothing at all names nobody, so nobody gets access.
        var (utenMelding, json, _) = await HentAsync($"{Oversikt}?ansattFraMaaned=2023-01&ansattTilMaaned=2023-12");

        Assert.Equal(HttpStatusCode.OK, medMelding);
        Assert.Equal(HttpStatusCode.Forbidden, utenMelding);
        Assert.Equal("AA-101", json.GetProperty("kode").GetString());
        Assert.Empty(json.GetProperty("maanederUtenTilgang").EnumerateArray());
    }

    [Fact]
    public async Task A_stranger_institution_gets_AA_101()
    {
        var (status, json, _) = await HentAsync($"{Oversikt}?ansattFraMaaned=2025-01&ansattTilMaaned=2025-01", TestMeldinger.AnnenOpplysningspliktig);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("AA-101", json.GetProperty("kode").GetString());
        Assert.Equal(["2025-01"], Strenger(json.GetProperty("maanederUtenTilgang")));
    }

    [Fact]
    public async Task Details_reported_only_after_the_period_give_the_earliest_version()
    {
        // af-1 started 2020-01-01 but was first reported for 2025-02: no detail version overlaps January.
        var (status, json, _) = await PersonAsync("2025-01", "2025-01");

        Assert.Equal(HttpStatusCode.OK, status);
        var af = EttArbeidsforhold(json);
        var detaljer = Assert.Single(af.GetProperty("ansettelsesdetaljer").EnumerateArray().ToArray());
        Assert.Equal("2025-02", detaljer.GetProperty("rapporteringsmaaneder").GetProperty("fra").GetString());
        Assert.Equal(OtpScenario.YrkeFoer, detaljer.GetProperty("yrke").GetProperty("kode").GetString());
        Assert.False(af.TryGetProperty("permisjoner", out _));
        Assert.False(af.TryGetProperty("timerMedTimeloenn", out _));
    }

    [Fact]
    public async Task Keeps_the_details_permisjoner_and_hours_of_the_period()
    {
        var (status, json, _) = await PersonAsync("2025-02", "2025-02");

        Assert.Equal(HttpStatusCode.OK, status);
        var af = EttArbeidsforhold(json);
        var detaljer = Assert.Single(af.GetProperty("ansettelsesdetaljer").EnumerateArray().ToArray());
        Assert.Equal(OtpScenario.YrkeFoer, detaljer.GetProperty("yrke").GetProperty("kode").GetString());
        var permisjon = Assert.Single(af.GetProperty("permisjoner").EnumerateArray().ToArray());
        Assert.Equal("P-1", permisjon.GetProperty("id").GetString());
        var timer = Assert.Single(af.GetProperty("timerMedTimeloenn").EnumerateArray().ToArray());
        Assert.Equal("2025-02", timer.GetProperty("rapporteringsmaaned").GetString());
        Assert.Equal(10m, timer.GetProperty("antall").GetDecimal());
    }

    [Fact]
    public async Task A_later_period_drops_the_earlier_details_permisjon_and_hours()
    {
        var (status, json, _) = await PersonAsync("2025-03", "2025-03");

        Assert.Equal(HttpStatusCode.OK, status);
        var af = EttArbeidsforhold(json);
        var detaljer = Assert.Single(af.GetProperty("ansettelsesdetaljer").EnumerateArray().ToArray());
        Assert.Equal(OtpScenario.YrkeEtter, detaljer.GetProperty("yrke").GetProperty("kode").GetString());
        Assert.Equal(["P-2"], af.GetProperty("permisjoner").EnumerateArray().Select(p => p.GetProperty("id").GetString()!).ToArray());
        var timer = Assert.Single(af.GetProperty("timerMedTimeloenn").EnumerateArray().ToArray());
        Assert.Equal(20m, timer.GetProperty("antall").GetDecimal());
    }

    [Fact]
    public async Task A_period_spanning_both_versions_shows_both_newest_first()
    {
        var (status, json, _) = await PersonAsync("2025-02", "2025-03");

        Assert.Equal(HttpStatusCode.OK, status);
        var af = EttArbeidsforhold(json);
        Assert.Equal(
            [OtpScenario.YrkeEtter, OtpScenario.YrkeFoer],
            af.GetProperty("ansettelsesdetaljer").EnumerateArray().Select(d => d.GetProperty("yrke").GetProperty("kode").GetString()!).ToArray());
        Assert.Equal(2, af.GetProperty("permisjoner").GetArrayLength());
        Assert.Equal(2, af.GetProperty("timerMedTimeloenn").GetArrayLength());
    }

    [Fact]
    public async Task Another_persons_lookup_is_an_empty_list_not_404()
    {
        var (status, json, _) = await HentAsync($"{PerPerson}?ansattFraMaaned=2025-01&ansattTilMaaned=2025-03", person: "67106748532");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(0, json.GetProperty("arbeidsforhold").GetArrayLength());
    }

    [Theory]
    [InlineData("", "2025-03", "AA-053", "ansattFraMaaned")]
    [InlineData("ansattFraMaaned=2025-13", "2025-03", "AA-053", "ansattFraMaaned")]
    [InlineData("ansattFraMaaned=25-01", "2025-03", "AA-053", "ansattFraMaaned")]
    [InlineData("ansattFraMaaned=2025-01", "2025/03", "AA-054", "ansattTilMaaned")]
    [InlineData("ansattFraMaaned=2025-03", "2025-02", "AA-055", "ansattTilMaaned")]
    public async Task Rejects_bad_months_with_their_codes(string fra, string til, string kode, string felt)
    {
        var (status, json, type) = await HentAsync($"{Oversikt}?{fra}&ansattTilMaaned={til}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", type);
        Assert.Equal(kode, json.GetProperty("kode").GetString());
        Assert.True(json.GetProperty("errors").TryGetProperty(felt, out _));
    }

    [Fact]
    public async Task Ansatt_til_maaned_defaults_to_the_current_month()
    {
        // From 2025-01 to now: the months after 2025-03 either name B (2025-04) or have no meldinger.
        var (status, json, _) = await HentAsync($"{Oversikt}?ansattFraMaaned=2025-01");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal(["2025-04"], Strenger(json.GetProperty("maanederUtenTilgang")));
    }

    [Fact]
    public async Task Requires_the_person_header_on_the_person_lookup()
    {
        var (status, json, _) = await HentAsync($"{PerPerson}?ansattFraMaaned=2025-01&ansattTilMaaned=2025-01");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("AA-400", json.GetProperty("kode").GetString());
        Assert.True(json.GetProperty("errors").TryGetProperty("Nav-Personident", out _));
    }

    [Fact]
    public async Task Requires_the_opplysningspliktig_header()
    {
        var (status, json, _) = await HentAsync($"{Oversikt}?ansattFraMaaned=2025-01&ansattTilMaaned=2025-01", opplysningspliktig: null);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(json.GetProperty("errors").TryGetProperty("Nav-Opplysningspliktigident", out _));
    }

    [Fact]
    public async Task Rejects_a_token_without_the_otp_scope_with_403()
    {
        var (status, json, _) = await HentAsync($"{Oversikt}?ansattFraMaaned=2025-01&ansattTilMaaned=2025-01", scope: "nav:aareg/v1/arbeidsforhold");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("AA-403", json.GetProperty("kode").GetString());
        Assert.Contains(Otp, json.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rejects_a_call_without_token_with_401()
    {
        var (status, json, _) = await HentAsync($"{Oversikt}?ansattFraMaaned=2025-01&ansattTilMaaned=2025-01", scope: null);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("AA-401", json.GetProperty("kode").GetString());
    }
}

/// <summary>Access follows the meldinger in force: a replacement's institutions replace those of the melding it replaces.</summary>
public sealed class OtpErstatningTests : IAsyncLifetime
{
    private readonly AaregFabrikk _fabrikk = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _fabrikk.DisposeAsync();

    private async Task<(HttpStatusCode Status, JsonElement Json)> OversiktAsync(string fra, string til)
    {
        using var klient = await _fabrikk.KlientAsync("nav:aareg/v1/arbeidsforhold/otp", consumer: OtpScenario.InstitusjonA);
        using var forespoersel = new HttpRequestMessage(HttpMethod.Get, $"/api/otp/v1/arbeidsforholdoversikter?ansattFraMaaned={fra}&ansattTilMaaned={til}");
        forespoersel.Headers.Add("Nav-Opplysningspliktigident", TestMeldinger.Opplysningspliktig);
        using var svar = await klient.SendAsync(forespoersel);
        return (svar.StatusCode, JsonDocument.Parse(await svar.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    [Fact]
    public async Task A_replacement_and_a_null_out_change_the_months_access()
    {
        using var mottak = await _fabrikk.KlientAsync("nav:aareg/v1/mottak", consumer: TestMeldinger.Opplysningspliktig);
        await OtpScenario.SendAsync(mottak, TestMeldinger.Lag("r-1", "2025-05") with { Pensjonsinnretninger = [OtpScenario.InstitusjonB] });
        await OtpScenario.SendAsync(mottak, TestMeldinger.Lag("r-3", "2025-06") with { Pensjonsinnretninger = [OtpScenario.InstitusjonB] });
        var (foer, json) = await OversiktAsync("2025-05", "2025-06");
        Assert.Equal(HttpStatusCode.Forbidden, foer);
        Assert.Equal(["2025-05", "2025-06"], json.GetProperty("maanederUtenTilgang").EnumerateArray().Select(m => m.GetString()!).ToArray());

        // May is replaced by a melding naming A; June is nulled out (no virksomhet, no institution).
        await OtpScenario.SendAsync(mottak, TestMeldinger.Lag("r-2", "2025-05", erstatter: "r-1") with { Pensjonsinnretninger = [OtpScenario.InstitusjonA] });
        await OtpScenario.SendAsync(mottak, TestMeldinger.Lag("r-4", "2025-06", erstatter: "r-3", utenVirksomhet: true));
        var (etter, oversikt) = await OversiktAsync("2025-05", "2025-06");

        Assert.Equal(HttpStatusCode.OK, etter);
        Assert.Single(oversikt.GetProperty("arbeidsforholdoversikter").EnumerateArray());
    }
}

/// <summary>The period rules on a register version built directly (no HTTP).</summary>
public sealed class OtpPeriodeTests
{
    private static readonly Aareg.Domain.Register.RegisterArbeidsforhold Maritimt = Oppslag.Registereksempel.Maritimt();

    [Theory]
    [InlineData("2016-01", "2016-09", false)]
    [InlineData("2016-01", "2016-10", true)]
    [InlineData("2021-03", "2021-03", true)]
    [InlineData("2021-04", "2030-12", false)]
    public void Includes_an_arbeidsforhold_whose_ansettelsesperiode_overlaps(string fra, string til, bool omfattet)
    {
        var periode = new Aareg.Api.Oppslag.OtpPeriode(Kalendermaaned.Parse(fra), Kalendermaaned.Parse(til));

        Assert.Equal(omfattet, periode.Omfatter(Maritimt));
    }

    [Fact]
    public void An_open_sluttdato_is_active_for_any_later_period()
    {
        var aapent = Maritimt with { Ansettelsesperiode = Maritimt.Ansettelsesperiode with { Sluttdato = null } };
        var periode = new Aareg.Api.Oppslag.OtpPeriode(new Kalendermaaned(2040, 1), new Kalendermaaned(2040, 1));

        Assert.True(periode.Omfatter(aapent));
    }

    [Fact]
    public void Cuts_sub_entities_to_the_period()
    {
        // 2019-03..2019-04: the first detail version (2016-10..2020-12), hours of 2019-03, stay abroad of 2019-04,
        // no permisjon (2020) and no permittering (from 2020-03-16, open).
        var avgrenset = new Aareg.Api.Oppslag.OtpPeriode(new Kalendermaaned(2019, 3), new Kalendermaaned(2019, 4)).Avgrens(Maritimt);

        var detaljer = Assert.Single(avgrenset.Ansettelsesdetaljer);
        Assert.Equal(new Kalendermaaned(2016, 10), detaljer.Rapporteringsmaaneder.Fra);
        Assert.Single(avgrenset.TimerMedTimeloenn);
        Assert.Single(avgrenset.Utenlandsopphold);
        Assert.Empty(avgrenset.Permisjoner);
        Assert.Empty(avgrenset.Permitteringer);
    }

    [Fact]
    public void Keeps_the_earliest_details_when_none_overlap()
    {
        var avgrenset = new Aareg.Api.Oppslag.OtpPeriode(new Kalendermaaned(2016, 1), new Kalendermaaned(2016, 9)).Avgrens(Maritimt);

        Assert.Equal(new Kalendermaaned(2016, 10), Assert.Single(avgrenset.Ansettelsesdetaljer).Rapporteringsmaaneder.Fra);
    }

    [Fact]
    public void An_open_permittering_overlaps_every_later_period()
    {
        var avgrenset = new Aareg.Api.Oppslag.OtpPeriode(new Kalendermaaned(2021, 1), new Kalendermaaned(2021, 2)).Avgrens(Maritimt);

        Assert.Equal("PT-1", Assert.Single(avgrenset.Permitteringer).Id);
        Assert.Empty(avgrenset.Permisjoner);
        Assert.Empty(avgrenset.TimerMedTimeloenn);
        Assert.Equal(new Kalendermaaned(2021, 1), Assert.Single(avgrenset.Ansettelsesdetaljer).Rapporteringsmaaneder.Fra);
    }
}
