using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aareg.Api.Tests.Oppslag;
using Aareg.Domain.AMelding;
using Aareg.Domain.Identer;
using Aareg.Domain.Tid;
using Aareg.Tests.Felles;
using Microsoft.Extensions.DependencyInjection;

namespace Aareg.Api.Tests;

/// <summary>
/// A register built through the real intake: a-meldinger are sent to <c>POST /api/v1/a-melding</c> and the tests wait
/// until the register worker has applied them (<c>behandlingsstatus BEHANDLET</c>).
/// </summary>
internal static class Oppslagsregister
{
    public const string Oppslagsscope = "nav:aareg/v1/arbeidsforhold";
    public const string Mottaksscope = "nav:aareg/v1/mottak";

    /// <summary>The consumer organisation doing lookups (any valid orgnr; agreements come later).</summary>
    public const string Konsument = TestMeldinger.Loennssystem;

    public static async Task SendOgVentAsync(HttpClient mottak, Leveranse leveranse)
    {
        using var innhold = new ByteArrayContent(TestMeldinger.Xml(leveranse));
        innhold.Headers.ContentType = new MediaTypeHeaderValue("application/xml");
        using var svar = await mottak.PostAsync("/api/v1/a-melding", innhold);
        var kvittering = JsonNode.Parse(await svar.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.Created, svar.StatusCode);
        Assert.Equal("MOTTATT", kvittering["status"]!.GetValue<string>());
        var id = kvittering["mottaksId"]!.GetValue<string>();
        for (var forsoek = 0; forsoek < 300; forsoek++)
        {
            using var status = await mottak.GetAsync($"/api/v1/a-melding/{id}");
            var json = JsonNode.Parse(await status.Content.ReadAsStringAsync())!;
            if (json["behandlingsstatus"]?.GetValue<string>() == "BEHANDLET")
            {
                return;
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.Fail("The melding was not applied to the register in time.");
    }

    public static Leveranse Melding(string meldingsId, string maaned, string opplysningspliktig, params (string Virksomhet, string Person, Arbeidsforhold Af)[] linjer) => new()
    {
        Leveringstidspunkt = new DateTimeOffset(2025, 4, 3, 9, 15, 0, TimeSpan.Zero),
        Kalendermaaned = Kalendermaaned.Parse(maaned),
        Kildesystem = "testlønn 1.0",
        MeldingsId = meldingsId,
        Opplysningspliktig = opplysningspliktig,
        Virksomheter =
        [
            .. linjer.GroupBy(l => l.Virksomhet).Select(v => new Virksomhet
            {
                NorskIdentifikator = v.Key,
                Inntektsmottakere =
                [
                    .. v.GroupBy(l => l.Person).Select(p => new Inntektsmottaker
                    {
                        NorskIdentifikator = p.Key,
                        Arbeidsforhold = [.. p.Select(l => l.Af)],
                        Inntekter =
                        [
                            .. p.Select(l => new Inntekt
                            {
                                Fordel = "kontantytelse",
                                Beloep = 45000m,
                                ArbeidsforholdId = l.Af.ArbeidsforholdId,
                                Art = Inntektsart.Loennsinntekt,
                                Beskrivelse = "fastloenn",
                            }),
                        ],
                    }),
                ],
            }),
        ],
    };

    public static Arbeidsforhold Af(
        string id,
        DateOnly start,
        DateOnly? slutt = null,
        string type = "ordinaertArbeidsforhold",
        string yrke = "3431101") => TestMeldinger.Arbeidsforhold(id, yrke) with
        {
            TypeArbeidsforhold = type,
            Startdato = start,
            Sluttdato = slutt,
            AarsakTilSluttdato = slutt is null ? null : "arbeidstakerHarSagtOppSelv",
            SisteDatoForStillingsprosentendring = start,
        };

    /// <summary>A valid organisasjonsnummer from eight digits (the next one that has a check digit).</summary>
    public static string Orgnr(int aatteSifre)
    {
        for (var n = aatteSifre; ; n++)
        {
            var tekst = n.ToString("D8", CultureInfo.InvariantCulture);
            if (Organisasjonsnummer.Kontrollsiffer(tekst) is { } k)
            {
                return tekst + k.ToString(CultureInfo.InvariantCulture);
            }
        }
    }

    /// <summary>Distinct valid fødselsnumre (born in the 1980s, individnummer 0–499).</summary>
    public static IEnumerable<string> Fnr()
    {
        for (var individ = 100; individ < 500; individ++)
        {
            for (var dag = 1; dag <= 28; dag++)
            {
                var ni = string.Create(CultureInfo.InvariantCulture, $"{dag:D2}0585{individ:D3}");
                if (Personident.MedKontrollsifre(ni) is { } fnr)
                {
                    yield return fnr;
                }
            }
        }
    }

    public static string Tidspunkt(DateTimeOffset t) =>
        t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}

/// <summary>
/// One register for the read-only lookups: a person with an ongoing arbeidsforhold whose yrke changed (two detail
/// versions), an ended one, a future one and a frilanser one; and a larger employer with 250 arbeidsforhold in two
/// underenheter.
/// </summary>
public class Oppslagsdata : IAsyncLifetime
{
    public const string Person = TestMeldinger.Person;
    public const string UkjentPerson = TestMeldinger.AnnenPerson;
    public const string Opplysningspliktig = TestMeldinger.Opplysningspliktig;
    public const string Virksomhet = TestMeldinger.Virksomhet;
    public const string StorOpplysningspliktig = TestMeldinger.AnnenOpplysningspliktig;
    public const int AntallIStor = 250;
    public const int AntallIFoersteUnderenhet = 150;

    public static readonly string UnderenhetA = Oppslagsregister.Orgnr(91000000);
    public static readonly string UnderenhetB = Oppslagsregister.Orgnr(92000000);

    /// <summary>Every 10th arbeidsforhold of the larger employer has ended.</summary>
    public const int AvsluttetHver = 10;

    public AaregFabrikk Fabrikk { get; } = new();

    public HttpClient Klient { get; private set; } = null!;

    public DateOnly FremtidigStart { get; } = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(60);

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

        Klient = await Fabrikk.KlientAsync(Oppslagsregister.Oppslagsscope, consumer: Oppslagsregister.Konsument);
        using var mottak = await Fabrikk.KlientAsync(Oppslagsregister.Mottaksscope, consumer: Opplysningspliktig);
        var start = new DateOnly(2020, 1, 1);
        await Oppslagsregister.SendOgVentAsync(mottak, Oppslagsregister.Melding(
            "feb", "2025-02", Opplysningspliktig,
            (Virksomhet, Person, Oppslagsregister.Af("af-1", start)),
            (Virksomhet, Person, Oppslagsregister.Af("af-slutt", new DateOnly(2019, 1, 1), new DateOnly(2025, 2, 15))),
            (Virksomhet, Person, Oppslagsregister.Af("af-fri", new DateOnly(2024, 1, 1), type: "frilanserOppdragstakerHonorarPersonerMm"))));
        await Oppslagsregister.SendOgVentAsync(mottak, Oppslagsregister.Melding(
            "mar", "2025-03", Opplysningspliktig,
            (Virksomhet, Person, Oppslagsregister.Af("af-1", start, yrke: "5132121")),
            (Virksomhet, Person, Oppslagsregister.Af("af-fremtid", FremtidigStart)),
            (Virksomhet, Person, Oppslagsregister.Af("af-fri", new DateOnly(2024, 1, 1), type: "frilanserOppdragstakerHonorarPersonerMm"))));

        using var storMottak = await Fabrikk.KlientAsync(Oppslagsregister.Mottaksscope, consumer: StorOpplysningspliktig);
        var linjer = Oppslagsregister.Fnr().Take(AntallIStor).Select((fnr, i) => (
            i < AntallIFoersteUnderenhet ? UnderenhetA : UnderenhetB,
            fnr,
            Oppslagsregister.Af($"s-{i}", start, i % AvsluttetHver == 0 ? new DateOnly(2025, 3, 10) : null)));
        await Oppslagsregister.SendOgVentAsync(storMottak, Oppslagsregister.Melding("stor", "2025-03", StorOpplysningspliktig, [.. linjer]));
    }

    public async ValueTask DisposeAsync()
    {
        Klient?.Dispose();
        await Fabrikk.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

/// <summary>The same register on PostgreSQL.</summary>
public sealed class OppslagsdataPostgres(PostgresKlynge klynge) : Oppslagsdata
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

public sealed class OppslagApiSqliteTests(Oppslagsdata data) : OppslagApiTests(data), IClassFixture<Oppslagsdata>;

public sealed class OppslagApiPostgresTests(OppslagsdataPostgres data) : OppslagApiTests(data), IClassFixture<OppslagsdataPostgres>;

/// <summary>The lookup API on one register (the derived classes choose the store).</summary>
public abstract class OppslagApiTests
{
    private readonly Oppslagsdata data;

    protected OppslagApiTests(Oppslagsdata data)
    {
        Assert.SkipWhen(data.HoppOverGrunn is not null, data.HoppOverGrunn ?? string.Empty);
        this.data = data;
    }

    private const string PersonSti = "/api/v2/arbeidstaker/arbeidsforhold";
    private const string OversiktSti = "/api/v1/opplysningspliktig/arbeidsforholdoversikt";
    private const string SammendragSti = "/api/v1/opplysningspliktig/arbeidsgiveroversikt";

    private async Task<(HttpStatusCode Status, string Tekst, string? Type)> HentAsync(string sti, params (string Navn, string Verdi)[] headere)
    {
        using var forespoersel = new HttpRequestMessage(HttpMethod.Get, sti);
        foreach (var (navn, verdi) in headere)
        {
            forespoersel.Headers.Add(navn, verdi);
        }

        using var svar = await data.Klient.SendAsync(forespoersel, TestContext.Current.CancellationToken);
        return (svar.StatusCode, await svar.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), svar.Content.Headers.ContentType?.MediaType);
    }

    private async Task<List<KArbeidsforhold>> PersonAsync(string query = "", string person = Oppslagsdata.Person)
    {
        var (status, tekst, _) = await HentAsync(PersonSti + query, ("Nav-Personident", person));
        Assert.Equal(HttpStatusCode.OK, status);
        return NavV2Klient.Les<List<KArbeidsforhold>>(tekst);
    }

    private async Task<string[]> IderAsync(string query) =>
        [.. (await PersonAsync(query)).Select(a => a.Id!).Order(StringComparer.Ordinal)];

    private async Task<JsonNode> ProblemAsync(string sti, HttpStatusCode forventet, params (string, string)[] headere)
    {
        var (status, tekst, type) = await HentAsync(sti, headere);
        Assert.Equal(forventet, status);
        Assert.Equal("application/problem+json", type);
        return JsonNode.Parse(tekst)!;
    }

    private async Task<KArbeidsforhold> Af1Async() => (await PersonAsync()).Single(a => a.Id == "af-1");

    [Fact]
    public async Task A_persons_arbeidsforhold_read_into_NAVs_v2_client_model_with_the_defaults()
    {
        var (status, tekst, type) = await HentAsync(PersonSti, ("Nav-Personident", Oppslagsdata.Person));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("application/json", type);

        var liste = NavV2Klient.Les<List<KArbeidsforhold>>(tekst);

        // Default: every status, every type except frilanser, ordered by navArbeidsforholdId.
        Assert.Equal(["af-1", "af-slutt", "af-fremtid"], liste.Select(a => a.Id));
        Assert.Equal(liste.Select(a => a.NavArbeidsforholdId).Order(), liste.Select(a => a.NavArbeidsforholdId));
        var af1 = liste[0];
        Assert.Equal(new KKode("ordinaertArbeidsforhold", "Ordinært arbeidsforhold"), af1.Type);
        Assert.Equal(new KIdent(KIdenttype.Folkeregisterident, Oppslagsdata.Person, true), Assert.Single(af1.Arbeidstaker.Identer));
        Assert.Equal(new KIdent(KIdenttype.Organisasjonsnummer, Oppslagsdata.Virksomhet, null), Assert.Single(af1.Arbeidssted.Identer));
        Assert.Equal(KEnhetstype.Hovedenhet, af1.Opplysningspliktig.Type);
        Assert.Equal("2020-01-01", af1.Ansettelsesperiode!.Startdato);
        Assert.Null(af1.Ansettelsesperiode.Sluttdato);
        Assert.Equal("A_ORDNINGEN", af1.Rapporteringsordning.Kode);
        Assert.Null(af1.Bruksperiode.Tom);
        Assert.NotNull(af1.Sporingsinformasjon);
        Assert.Equal("EDAG", af1.Sporingsinformasjon!.OpprettetKilde);

        var slutt = liste[1];
        Assert.Equal("2025-02-15", slutt.Ansettelsesperiode!.Sluttdato);
        Assert.Equal("arbeidstakerHarSagtOppSelv", slutt.Ansettelsesperiode.Sluttaarsak?.Kode);

        // UTF-8 as it is: æøå are not escaped as \u00E6 etc.
        Assert.Contains("Ordinært arbeidsforhold", tekst, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u00", tekst, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_current_detail_version_has_til_null_on_every_arbeidsforhold_also_an_ended_one()
    {
        foreach (var query in new[] { "", "?historikk=true" })
        {
            foreach (var af in await PersonAsync(query))
            {
                var aapne = af.Ansettelsesdetaljer!.Where(d => d.Rapporteringsmaaneder.Til is null).ToList();
                Assert.Single(aapne);
                Assert.Same(af.Ansettelsesdetaljer![0], aapne[0]);
            }
        }

        var slutt = (await PersonAsync()).Single(a => a.Id == "af-slutt");
        Assert.Equal(new KRapporteringsmaaneder("2025-02", null), Assert.Single(slutt.Ansettelsesdetaljer!).Rapporteringsmaaneder);
    }

    [Fact]
    public async Task Arbeidsforholdtype_filters_and_defaults_to_all_but_frilanser()
    {
        Assert.Equal(["af-fri"], await IderAsync("?arbeidsforholdtype=frilanserOppdragstakerHonorarPersonerMm"));
        Assert.Equal(
            ["af-1", "af-fremtid", "af-fri", "af-slutt"],
            await IderAsync("?arbeidsforholdtype=ordinaertArbeidsforhold,%20frilanserOppdragstakerHonorarPersonerMm"));
        Assert.Empty(await IderAsync("?arbeidsforholdtype=maritimtArbeidsforhold"));
        Assert.Equal(["af-1", "af-fremtid", "af-slutt"], await IderAsync(""));
    }

    [Fact]
    public async Task Arbeidsforholdstatus_is_judged_at_the_lookup_time_and_defaults_to_all()
    {
        Assert.Equal(["af-1"], await IderAsync("?arbeidsforholdstatus=AKTIV"));
        Assert.Equal(["af-slutt"], await IderAsync("?arbeidsforholdstatus=AVSLUTTET"));
        Assert.Equal(["af-fremtid"], await IderAsync("?arbeidsforholdstatus=FREMTIDIG"));
        Assert.Equal(["af-1", "af-fremtid"], await IderAsync("?arbeidsforholdstatus=AKTIV,FREMTIDIG"));
        Assert.Equal(["af-1", "af-fremtid", "af-slutt"], await IderAsync(""));
    }

    [Fact]
    public async Task Rapporteringsordning_and_its_alias_regelverk_default_to_A_ORDNINGEN()
    {
        Assert.Empty(await IderAsync("?rapporteringsordning=FOER_A_ORDNINGEN"));
        Assert.Empty(await IderAsync("?regelverk=FOER_A_ORDNINGEN"));
        Assert.Equal(["af-1", "af-fremtid", "af-slutt"], await IderAsync("?rapporteringsordning=A_ORDNINGEN"));
        Assert.Equal(["af-1", "af-fremtid", "af-slutt"], await IderAsync("?rapporteringsordning=ALLE"));
        Assert.Equal(["af-1", "af-fremtid", "af-slutt"], await IderAsync("?regelverk=ALLE"));
    }

    [Fact]
    public async Task Ansettelsesperiode_filters_by_overlap()
    {
        // af-slutt ran 2019-01-01..2025-02-15, af-1 from 2020-01-01 (open), af-fremtid starts in two months.
        Assert.Equal(["af-1", "af-fremtid"], await IderAsync("?ansettelsesperiodeFom=2025-03-01"));
        Assert.Equal(["af-slutt"], await IderAsync("?ansettelsesperiodeTom=2019-12-31"));
        Assert.Equal(["af-1", "af-slutt"], await IderAsync("?ansettelsesperiodeFom=2025-02-15&ansettelsesperiodeTom=2025-02-28"));
        Assert.Equal(["af-1"], await IderAsync("?ansettelsesperiodeFom=2025-02-16&ansettelsesperiodeTom=2025-02-28"));
    }

    [Fact]
    public async Task Historikk_false_gives_only_the_current_details_and_true_every_version_newest_first()
    {
        var gjeldende = Assert.Single((await Af1Async()).Ansettelsesdetaljer!);
        Assert.Equal("5132121", gjeldende.Yrke?.Kode);
        Assert.Equal(new KRapporteringsmaaneder("2025-03", null), gjeldende.Rapporteringsmaaneder);

        var alle = (await PersonAsync("?historikk=true")).Single(a => a.Id == "af-1").Ansettelsesdetaljer!;
        Assert.Equal(2, alle.Count);
        Assert.Equal(("5132121", "2025-03", (string?)null), (alle[0].Yrke?.Kode, alle[0].Rapporteringsmaaneder.Fra, alle[0].Rapporteringsmaaneder.Til));
        Assert.Equal(("3431101", "2025-02", "2025-02"), (alle[1].Yrke?.Kode, alle[1].Rapporteringsmaaneder.Fra, alle[1].Rapporteringsmaaneder.Til));
    }

    [Fact]
    public async Task Sporingsinformasjon_false_leaves_out_every_sporingsinformasjon_object()
    {
        var (_, med, _) = await HentAsync(PersonSti, ("Nav-Personident", Oppslagsdata.Person));
        var (status, uten, _) = await HentAsync(PersonSti + "?sporingsinformasjon=false&historikk=true", ("Nav-Personident", Oppslagsdata.Person));

        Assert.Contains("\"sporingsinformasjon\"", med, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.DoesNotContain("sporingsinformasjon", uten, StringComparison.Ordinal);
        Assert.All(NavV2Klient.Les<List<KArbeidsforhold>>(uten), a => Assert.Null(a.Sporingsinformasjon));
    }

    [Fact]
    public async Task An_unknown_person_gets_200_and_an_empty_list()
    {
        var (status, tekst, _) = await HentAsync(PersonSti, ("Nav-Personident", Oppslagsdata.UkjentPerson));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("[]", tekst);
    }

    [Fact]
    public async Task By_navArbeidsforholdId_and_by_navUuid_give_the_same_arbeidsforhold()
    {
        var af1 = await Af1Async();

        var (s1, medId, _) = await HentAsync($"/api/v2/arbeidsforhold/{af1.NavArbeidsforholdId}");
        var (s2, medUuid, _) = await HentAsync($"/api/v2/arbeidsforhold/{af1.NavUuid}");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (s1, s2));
        Assert.Equal(medId, medUuid);
        var k = NavV2Klient.Les<KArbeidsforhold>(medId);
        Assert.Equal(("af-1", af1.NavUuid, af1.NavVersjon), (k.Id, k.NavUuid, k.NavVersjon));
        Assert.Single(k.Ansettelsesdetaljer!);
        Assert.Null(JsonNode.Parse(medId)!["tekniskHistorikk"]);
    }

    [Fact]
    public async Task Unknown_ids_give_404_problems_and_a_malformed_id_400()
    {
        var ukjentId = await ProblemAsync("/api/v2/arbeidsforhold/987654321", HttpStatusCode.NotFound);
        var ukjentUuid = await ProblemAsync($"/api/v2/arbeidsforhold/{Guid.NewGuid()}", HttpStatusCode.NotFound);
        var feil = await ProblemAsync("/api/v2/arbeidsforhold/ikke-en-id", HttpStatusCode.BadRequest);

        Assert.Equal("AA-404", ukjentId["kode"]!.GetValue<string>());
        Assert.Equal("AA-404", ukjentUuid["kode"]!.GetValue<string>());
        Assert.NotNull(ukjentId["korrelasjonsid"]);
        Assert.NotNull(feil["errors"]!["id"]);
    }

    [Fact]
    public async Task TekniskHistorikk_adds_the_earlier_stored_versions_with_their_bruksperiode()
    {
        var af1 = await Af1Async();

        var (status, tekst, _) = await HentAsync($"/api/v2/arbeidsforhold/{af1.NavArbeidsforholdId}?tekniskHistorikk=true");

        Assert.Equal(HttpStatusCode.OK, status);
        var json = JsonNode.Parse(tekst)!.AsObject();
        var historikk = json["tekniskHistorikk"]!.AsArray();
        Assert.NotEmpty(historikk);
        var gjeldendeFom = json["bruksperiode"]!["fom"]!.GetValue<string>();
        Assert.Null(json["bruksperiode"]!["tom"]);
        var forrigeFom = gjeldendeFom;
        foreach (var versjon in historikk)
        {
            // Each earlier version is a whole v2 arbeidsforhold, closed, and older than the one after it.
            var k = NavV2Klient.Les<KArbeidsforhold>(versjon!.ToJsonString());
            Assert.Equal(af1.NavUuid, k.NavUuid);
            Assert.NotNull(k.Bruksperiode.Tom);
            Assert.True(string.CompareOrdinal(k.Bruksperiode.Tom, forrigeFom) <= 0);
            forrigeFom = k.Bruksperiode.Fom;
        }

        // The version from before the yrke change is among them.
        Assert.Contains(historikk, v => v!["ansettelsesdetaljer"]![0]!["yrke"]!["kode"]!.GetValue<string>() == "3431101");

        // Without the key, the rest of the body is the plain v2 arbeidsforhold.
        json.Remove("tekniskHistorikk");
        var (_, uten, _) = await HentAsync($"/api/v2/arbeidsforhold/{af1.NavArbeidsforholdId}");
        Assert.Equal(uten, json.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    [Fact]
    public async Task The_employer_overview_pages_cover_every_arbeidsforhold_exactly_once_in_a_stable_order()
    {
        var sett = new List<KArbeidsforholdoversikt>();
        foreach (var startrad in new[] { 0, 100, 200 })
        {
            var (status, tekst, _) = await HentAsync($"{OversiktSti}?startrad={startrad}", ("Nav-Opplysningspliktigident", Oppslagsdata.StorOpplysningspliktig));
            Assert.Equal(HttpStatusCode.OK, status);
            var side = JsonNode.Parse(tekst)!;
            Assert.Equal(startrad, side["startrad"]!.GetValue<int>());
            Assert.Equal(Oppslagsdata.AntallIStor, side["totalAntall"]!.GetValue<int>());
            var elementer = side["arbeidsforholdoversikter"]!.AsArray();
            Assert.Equal(side["antall"]!.GetValue<int>(), elementer.Count);
            Assert.Equal(startrad == 200 ? 50 : 100, elementer.Count);
            sett.AddRange(elementer.Select(e => NavV2Klient.Les<KArbeidsforholdoversikt>(e!.ToJsonString())));
        }

        Assert.Equal(Oppslagsdata.AntallIStor, sett.Select(o => o.NavArbeidsforholdId).Distinct().Count());
        var rekkefoelge = sett.Select(o => (o.Arbeidsgiver.Organisasjonsnummer, o.NavArbeidsforholdId)).ToList();
        Assert.Equal(rekkefoelge.OrderBy(r => r.Organisasjonsnummer, StringComparer.Ordinal).ThenBy(r => r.NavArbeidsforholdId), rekkefoelge);
        Assert.All(sett, o => Assert.Equal(new KAktoer(KAktoertype.Organisasjon, Oppslagsdata.StorOpplysningspliktig, null), o.Opplysningspliktig));
        Assert.All(sett, o => Assert.Equal(("ordinaertArbeidsforhold", "3431101", 100d, true), (o.Type, o.Yrke, o.Stillingsprosent!.Value, o.InnrapportertEtterAOrdningen)));

        // The same page again gives the same rows.
        var (_, igjen, _) = await HentAsync($"{OversiktSti}?startrad=100&antall=100", ("Nav-Opplysningspliktigident", Oppslagsdata.StorOpplysningspliktig));
        var igjenIder = JsonNode.Parse(igjen)!["arbeidsforholdoversikter"]!.AsArray().Select(e => e!["navArbeidsforholdId"]!.GetValue<long>());
        Assert.Equal(sett.Skip(100).Take(100).Select(o => o.NavArbeidsforholdId), igjenIder);
    }

    [Fact]
    public async Task The_overview_filters_by_underenhet_and_status()
    {
        async Task<(int Total, int Antall)> Tell(string query, params (string, string)[] ekstra)
        {
            var (status, tekst, _) = await HentAsync(OversiktSti + query, [("Nav-Opplysningspliktigident", Oppslagsdata.StorOpplysningspliktig), .. ekstra]);
            Assert.Equal(HttpStatusCode.OK, status);
            var side = JsonNode.Parse(tekst)!;
            return (side["totalAntall"]!.GetValue<int>(), side["antall"]!.GetValue<int>());
        }

        var avsluttet = Oppslagsdata.AntallIStor / Oppslagsdata.AvsluttetHver;
        Assert.Equal((Oppslagsdata.AntallIStor - Oppslagsdata.AntallIFoersteUnderenhet, 100), await Tell("", ("Nav-Arbeidsgiverident", Oppslagsdata.UnderenhetB)));
        Assert.Equal((avsluttet, avsluttet), await Tell("?status=AVSLUTTET&antall=1000"));
        Assert.Equal((Oppslagsdata.AntallIStor - avsluttet, 7), await Tell("?status=AKTIV&antall=7"));
        Assert.Equal((Oppslagsdata.AntallIStor, 0), await Tell("?startrad=1000"));
        Assert.Equal((0, 0), await Tell("?rapporteringsordning=FOER_A_ORDNINGEN"));
    }

    [Fact]
    public async Task The_overview_refuses_bad_paging_and_a_missing_opplysningspliktig()
    {
        var forMange = await ProblemAsync($"{OversiktSti}?antall=1001&startrad=-1", HttpStatusCode.BadRequest, ("Nav-Opplysningspliktigident", Oppslagsdata.StorOpplysningspliktig));
        var mangler = await ProblemAsync(OversiktSti, HttpStatusCode.BadRequest);

        Assert.NotNull(forMange["errors"]!["antall"]);
        Assert.NotNull(forMange["errors"]!["startrad"]);
        Assert.Equal("AA-400", mangler["kode"]!.GetValue<string>());
        Assert.NotNull(mangler["errors"]!["Nav-Opplysningspliktigident"]);
    }

    [Fact]
    public async Task The_employer_summary_counts_active_and_inactive_per_underenhet()
    {
        var (status, tekst, _) = await HentAsync(SammendragSti, ("Nav-Opplysningspliktigident", Oppslagsdata.StorOpplysningspliktig));

        Assert.Equal(HttpStatusCode.OK, status);
        var liste = JsonNode.Parse(tekst)!.AsArray();
        Assert.Equal(2, liste.Count);
        var perEnhet = liste.ToDictionary(
            e => e!["arbeidsgiver"]!["organisasjonsnummer"]!.GetValue<string>(),
            e => (e!["aktiveArbeidsforhold"]!.GetValue<int>(), e["inaktiveArbeidsforhold"]!.GetValue<int>()));
        Assert.Equal("Organisasjon", liste[0]!["arbeidsgiver"]!["type"]!.GetValue<string>());

        // Arbeidsforhold i = 0, 10, 20, … ended: 15 of the first 150 and 10 of the last 100.
        Assert.Equal((135, 15), perEnhet[Oppslagsdata.UnderenhetA]);
        Assert.Equal((90, 10), perEnhet[Oppslagsdata.UnderenhetB]);

        var (_, tom, _) = await HentAsync(SammendragSti, ("Nav-Opplysningspliktigident", Oppslagsregister.Orgnr(93000000)));
        Assert.Equal("[]", tom);
    }

    [Fact]
    public async Task An_invalid_or_missing_Nav_Personident_is_a_400_problem_that_does_not_echo_the_ident()
    {
        const string Ugyldig = "02029404856";
        var ugyldig = await ProblemAsync(PersonSti, HttpStatusCode.BadRequest, ("Nav-Personident", Ugyldig));
        var mangler = await ProblemAsync(PersonSti, HttpStatusCode.BadRequest);

        Assert.Equal("AA-400", ugyldig["kode"]!.GetValue<string>());
        Assert.NotNull(ugyldig["errors"]!["Nav-Personident"]);
        Assert.DoesNotContain(Ugyldig, ugyldig.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("AA-400", mangler["kode"]!.GetValue<string>());
        Assert.NotNull(mangler["errors"]!["Nav-Personident"]);
    }

    [Fact]
    public async Task Invalid_query_values_give_400_with_errors_per_field()
    {
        var problem = await ProblemAsync(
            PersonSti + "?arbeidsforholdtype=fast&arbeidsforholdstatus=SLUTT&rapporteringsordning=NY&historikk=kanskje&sporingsinformasjon=ja"
            + "&ansettelsesperiodeFom=2025-13-01&kjentPaa=i%20går",
            HttpStatusCode.BadRequest,
            ("Nav-Personident", Oppslagsdata.Person));

        var feil = problem["errors"]!.AsObject();
        Assert.Equal(
            ["ansettelsesperiodeFom", "arbeidsforholdstatus", "arbeidsforholdtype", "historikk", "kjentPaa", "rapporteringsordning", "sporingsinformasjon"],
            feil.Select(f => f.Key).Order(StringComparer.Ordinal));
        Assert.Equal(400, problem["status"]!.GetValue<int>());

        var omvendt = await ProblemAsync(
            PersonSti + "?ansettelsesperiodeFom=2025-02-01&ansettelsesperiodeTom=2025-01-01", HttpStatusCode.BadRequest, ("Nav-Personident", Oppslagsdata.Person));
        Assert.NotNull(omvendt["errors"]!["ansettelsesperiodeTom"]);
    }

    [Fact]
    public async Task Without_a_token_the_lookups_answer_401_problem()
    {
        using var anonym = data.Fabrikk.CreateClient();
        foreach (var sti in new[] { PersonSti, "/api/v2/arbeidsforhold/1", OversiktSti, SammendragSti })
        {
            using var forespoersel = new HttpRequestMessage(HttpMethod.Get, sti);
            forespoersel.Headers.Add("Nav-Personident", Oppslagsdata.Person);
            using var svar = await anonym.SendAsync(forespoersel, TestContext.Current.CancellationToken);

            Assert.Equal(HttpStatusCode.Unauthorized, svar.StatusCode);
            Assert.Equal("application/problem+json", svar.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task A_token_without_the_lookup_scope_gets_403_problem_naming_the_scope()
    {
        using var feilScope = await data.Fabrikk.KlientAsync(Oppslagsregister.Mottaksscope, consumer: Oppslagsdata.Opplysningspliktig);
        using var forespoersel = new HttpRequestMessage(HttpMethod.Get, PersonSti);
        forespoersel.Headers.Add("Nav-Personident", Oppslagsdata.Person);
        using var svar = await feilScope.SendAsync(forespoersel, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, svar.StatusCode);
        Assert.Equal("application/problem+json", svar.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await svar.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        Assert.Contains(Oppslagsregister.Oppslagsscope, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain(Oppslagsdata.Person, problem.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_every_header_query_parameter_and_response()
    {
        using var anonym = data.Fabrikk.CreateClient();
        var dokument = JsonNode.Parse(await anonym.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken))!;

        var person = dokument["paths"]![PersonSti]!["get"]!;
        Assert.Equal("HentArbeidsforholdForArbeidstaker", person["operationId"]!.GetValue<string>());
        Assert.Equal("Oppslag", person["tags"]![0]!.GetValue<string>());
        Assert.Contains("200 []", person["description"]!.GetValue<string>(), StringComparison.Ordinal);
        var parametre = person["parameters"]!.AsArray().ToDictionary(p => p!["name"]!.GetValue<string>(), p => p!);
        Assert.Equal(
            ["Nav-Formaal", "Nav-Personident", "Nav-Saksreferanse", "ansettelsesperiodeFom", "ansettelsesperiodeTom", "arbeidsforholdstatus", "arbeidsforholdtype", "historikk", "kjentPaa", "rapporteringsordning", "regelverk", "sporingsinformasjon"],
            parametre.Keys.Order(StringComparer.Ordinal));
        Assert.All(parametre.Values, p => Assert.False(string.IsNullOrWhiteSpace(p["description"]?.GetValue<string>())));
        Assert.Equal("header", parametre["Nav-Personident"]["in"]!.GetValue<string>());
        Assert.True(parametre["Nav-Personident"]["required"]!.GetValue<bool>());
        Assert.Equal(["200", "400", "401", "403", "429", "503"], person["responses"]!.AsObject().Select(r => r.Key).Order(StringComparer.Ordinal));

        var oversikt = dokument["paths"]![OversiktSti]!["get"]!;
        var oversiktParametre = oversikt["parameters"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()).ToList();
        Assert.Contains("Nav-Opplysningspliktigident", oversiktParametre);
        Assert.Contains("Nav-Arbeidsgiverident", oversiktParametre);
        Assert.Contains("startrad", oversiktParametre);
        Assert.Contains("antall", oversiktParametre);
        var vedId = dokument["paths"]!["/api/v2/arbeidsforhold/{id}"]!["get"]!["responses"]!;
        Assert.NotNull(vedId["404"]);
        var former = vedId["200"]!["content"]!["application/json"]!["schema"]!["anyOf"]!.AsArray().Select(f => f!["$ref"]!.GetValue<string>());
        Assert.Equal(["#/components/schemas/ArbeidsforholdDto", "#/components/schemas/ArbeidsforholdMedTekniskHistorikkDto"], former);
        Assert.NotNull(dokument["components"]!["schemas"]!["ArbeidsforholdMedTekniskHistorikkDto"]!["properties"]!["tekniskHistorikk"]);
        Assert.NotNull(dokument["paths"]![SammendragSti]!["get"]);
    }
}

/// <summary>Bitemporal lookups (<c>kjentPaa</c>) around a correction, each on a register of its own.</summary>
public sealed class OppslagKjentPaaSqliteTests : OppslagKjentPaaTests;

public sealed class OppslagKjentPaaPostgresTests(PostgresKlynge klynge) : OppslagKjentPaaTests
{
    protected override Task ForberedAsync(AaregFabrikk fabrikk) => fabrikk.BrukPostgresAsync(klynge);
}

public abstract class OppslagKjentPaaTests : IAsyncLifetime
{
    private readonly AaregFabrikk _fabrikk = new();
    private HttpClient _oppslag = null!;
    private HttpClient _mottak = null!;

    /// <summary>Chooses the store before the service starts (SQLite unless overridden).</summary>
    protected virtual Task ForberedAsync(AaregFabrikk fabrikk) => Task.CompletedTask;

    public async ValueTask InitializeAsync()
    {
        await ForberedAsync(_fabrikk);
        _oppslag = await _fabrikk.KlientAsync(Oppslagsregister.Oppslagsscope, consumer: Oppslagsregister.Konsument);
        _mottak = await _fabrikk.KlientAsync(Oppslagsregister.Mottaksscope, consumer: TestMeldinger.Opplysningspliktig);
    }

    public async ValueTask DisposeAsync()
    {
        _oppslag?.Dispose();
        _mottak?.Dispose();
        await _fabrikk.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private async Task<List<KArbeidsforhold>> PersonAsync(string query)
    {
        using var forespoersel = new HttpRequestMessage(HttpMethod.Get, "/api/v2/arbeidstaker/arbeidsforhold" + query);
        forespoersel.Headers.Add("Nav-Personident", TestMeldinger.Person);
        using var svar = await _oppslag.SendAsync(forespoersel, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, svar.StatusCode);
        return NavV2Klient.Les<List<KArbeidsforhold>>(await svar.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task KjentPaa_before_a_correction_gives_the_old_yrke_and_after_it_the_new()
    {
        var foerAlt = DateTimeOffset.UtcNow.AddSeconds(-1);
        await Oppslagsregister.SendOgVentAsync(_mottak, TestMeldinger.Lag("m-1"));
        await Task.Delay(20, TestContext.Current.CancellationToken);
        var foerRettelse = DateTimeOffset.UtcNow;
        await Task.Delay(20, TestContext.Current.CancellationToken);
        await Oppslagsregister.SendOgVentAsync(_mottak, TestMeldinger.Lag("m-2", erstatter: "m-1", yrke: "5132121"));

        var naa = Assert.Single(await PersonAsync(""));
        var foer = Assert.Single(await PersonAsync("?kjentPaa=" + Oppslagsregister.Tidspunkt(foerRettelse)));
        var etter = Assert.Single(await PersonAsync("?kjentPaa=" + Oppslagsregister.Tidspunkt(DateTimeOffset.UtcNow)));

        Assert.Equal("5132121", Assert.Single(naa.Ansettelsesdetaljer!).Yrke?.Kode);
        Assert.Equal("3431101", Assert.Single(foer.Ansettelsesdetaljer!).Yrke?.Kode);
        Assert.Equal("5132121", Assert.Single(etter.Ansettelsesdetaljer!).Yrke?.Kode);
        Assert.Equal(naa.NavArbeidsforholdId, foer.NavArbeidsforholdId);
        Assert.NotNull(foer.Bruksperiode.Tom);
        Assert.Null(naa.Bruksperiode.Tom);

        // Before the register knew anything: still 200 [].
        Assert.Empty(await PersonAsync("?kjentPaa=" + Oppslagsregister.Tidspunkt(foerAlt)));

        // Without an offset, kjentPaa is Norwegian local time, the clock the API writes its own times in.
        var lokal = TimeZoneInfo.ConvertTime(foerRettelse, TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo"))
            .ToString("yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture);
        Assert.Equal("3431101", Assert.Single(Assert.Single(await PersonAsync("?kjentPaa=" + lokal)).Ansettelsesdetaljer!).Yrke?.Kode);

        // An offset works too, also with the '+' left unencoded in the URL.
        var medOffset = foerRettelse.ToOffset(TimeSpan.FromHours(2)).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);
        Assert.Equal("3431101", Assert.Single(Assert.Single(await PersonAsync("?kjentPaa=" + medOffset)).Ansettelsesdetaljer!).Yrke?.Kode);

        // By id, kjentPaa gives the version then in use.
        using var svar = await _oppslag.GetAsync(
            $"/api/v2/arbeidsforhold/{naa.NavArbeidsforholdId}?kjentPaa={Oppslagsregister.Tidspunkt(foerRettelse)}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, svar.StatusCode);
        var vedId = NavV2Klient.Les<KArbeidsforhold>(await svar.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("3431101", Assert.Single(vedId.Ansettelsesdetaljer!).Yrke?.Kode);
    }
}

/// <summary>Identbytte (DOMAIN §3): any of the person's idents finds the arbeidsforhold (API §1).</summary>
public sealed class OppslagIdentbytteTests : IAsyncLifetime
{
    private readonly AaregFabrikk _fabrikk = new();
    private HttpClient _oppslag = null!;

    public async ValueTask InitializeAsync() =>
        _oppslag = await _fabrikk.KlientAsync(Oppslagsregister.Oppslagsscope, consumer: Oppslagsregister.Konsument);

    public async ValueTask DisposeAsync()
    {
        _oppslag.Dispose();
        await _fabrikk.DisposeAsync();
    }

    private async Task<List<KArbeidsforhold>> PersonAsync(string ident)
    {
        using var forespoersel = new HttpRequestMessage(HttpMethod.Get, "/api/v2/arbeidstaker/arbeidsforhold");
        forespoersel.Headers.Add("Nav-Personident", ident);
        using var svar = await _oppslag.SendAsync(forespoersel, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, svar.StatusCode);
        return NavV2Klient.Les<List<KArbeidsforhold>>(await svar.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Both_the_old_and_the_new_ident_find_the_arbeidsforhold_and_the_identer_list_marks_the_current_one()
    {
        var gammel = TestMeldinger.Person;
        var ny = Oppslagsregister.Fnr().First();
        using (var mottak = await _fabrikk.KlientAsync(Oppslagsregister.Mottaksscope, consumer: TestMeldinger.Opplysningspliktig))
        {
            await Oppslagsregister.SendOgVentAsync(mottak, TestMeldinger.Lag("m-1"));
        }

        var referanse = _fabrikk.Services.GetRequiredService<Aareg.Storage.Referanse.IReferanseStore>();
        await using (var import = await referanse.StartImportAsync(new DateOnly(2025, 5, 1), TestContext.Current.CancellationToken))
        {
            import.LagreIdentbytte(new Aareg.Storage.Referanse.Identbytte(gammel, ny, new DateOnly(2025, 5, 1)));
            await import.CommitAsync(TestContext.Current.CancellationToken);
        }

        await _fabrikk.Services.GetRequiredService<Aareg.Mottak.Referanse.Folkeregister>().LastAsync(TestContext.Current.CancellationToken);

        var medNy = Assert.Single(await PersonAsync(ny));
        var medGammel = Assert.Single(await PersonAsync(gammel));

        Assert.Equal(medNy.NavArbeidsforholdId, medGammel.NavArbeidsforholdId);
        Assert.Equal(
            [new KIdent(KIdenttype.Folkeregisterident, gammel, false), new KIdent(KIdenttype.Folkeregisterident, ny, true)],
            medNy.Arbeidstaker.Identer);
    }
}
