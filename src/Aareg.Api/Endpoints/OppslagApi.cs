using System.ComponentModel;
using System.Globalization;
using Aareg.Api.Oppslag;
using Aareg.Api.Oppsett;
using Aareg.Api.Tilgang;
using Aareg.Domain.Identer;
using Aareg.Domain.Kodeverk;
using Aareg.Domain.Register;
using Aareg.Mottak;
using Aareg.Mottak.Referanse;
using Aareg.Storage.Register;
using Aareg.Storage.Tilgang;
using Aareg.Tilgang;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;

namespace Aareg.Api.Endpoints;

/// <summary>
/// The lookup API for consumers (API §1, scope <c>nav:aareg/v1/arbeidsforhold</c>), path-, header- and
/// JSON-compatible with NAV's v2 clients. Idents travel only in headers and are never logged.
/// </summary>
public static class OppslagApi
{
    private const int StandardAntall = 100;
    private const int MaksAntall = 1000;

    private const string Avvik = """

        **Forskjeller fra NAV:** ingen arbeidsforhold gir `200 []`, aldri `404`; `404` bare for en ukjent id.
        `kjentPaa` er en produktutvidelse (bitemporalt oppslag: slik registeret kjente det på et tidspunkt).
        Alle feil er `application/problem+json` med stabil `kode` og `errors` per felt.
        """;

    public static IEndpointRouteBuilder MapOppslagApi(this IEndpointRouteBuilder app)
    {
        var gruppe = app.MapGroup("/api")
            .WithTags("Oppslag")
            .KreverAvtale(Scopes.Arbeidsforhold, Kanaler.Api);

        gruppe.MapGet("/v2/arbeidstaker/arbeidsforhold", HentForArbeidstakerAsync)
            .WithName("HentArbeidsforholdForArbeidstaker")
            .WithSummary("En persons arbeidsforhold (NAV v2)")
            .WithDescription("""
                Arbeidsforholdene til personen i headeren `Nav-Personident`, i NAVs v2-format. Alle identer personen har
                hatt (identbytte) gir treff, og `arbeidstaker.identer` lister dem med `gjeldende`. Uten filtre: alle typer
                unntatt frilanserOppdragstakerHonorarPersonerMm, alle statuser, rapporteringsordning A_ORDNINGEN, bare
                gjeldende ansettelsesdetaljer, med sporingsinformasjon. Rekkefølge: navArbeidsforholdId.
                """ + Avvik)
            .Produces<IReadOnlyList<ArbeidsforholdDto>>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .AddOpenApiOperationTransformer(PaakrevdHeader("Nav-Personident"));

        gruppe.MapGet("/v2/arbeidsforhold/{id}", HentArbeidsforholdAsync)
            .WithName("HentArbeidsforhold")
            .WithSummary("Ett arbeidsforhold på navArbeidsforholdId eller navUuid (NAV v2)")
            .WithDescription("""
                `id` er registerets `navArbeidsforholdId` (tall) eller `navUuid`. `404` når id-en er ukjent (eller
                arbeidsforholdet ikke var i registeret på `kjentPaa`). Med `tekniskHistorikk=true` får svaret i tillegg
                feltet `tekniskHistorikk`: tidligere lagrede versjoner, nyeste først, hver et helt v2-arbeidsforhold med
                sin `bruksperiode` (NAVs v2-modell har ikke plass til dem; klienter som ignorerer ukjente felt leser
                gjeldende versjon uendret).
                """ + Avvik)
            .Produces<ArbeidsforholdDto>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .AddOpenApiOperationTransformer(MedTekniskHistorikkSkjema);

        gruppe.MapGet("/v1/opplysningspliktig/arbeidsforholdoversikt", HentOversiktAsync)
            .WithName("HentArbeidsforholdoversikt")
            .WithSummary("Oversikt over en opplysningspliktigs arbeidsforhold, sidevis")
            .WithDescription("""
                Arbeidsforholdene til opplysningspliktig i `Nav-Opplysningspliktigident`, eventuelt bare én underenhet
                (`Nav-Arbeidsgiverident`), i NAVs flate oversiktsformat. Sidevis med `startrad` og `antall` i stabil
                rekkefølge (underenhet, navArbeidsforholdId); `totalAntall` er antallet etter filtrene. Samme filtre
                og standardverdier som oppslag på person; `status` er NAVs snarvei for ALLE/AKTIV/AVSLUTTET.
                """ + Avvik)
            .Produces<ArbeidsforholdoversiktSideDto>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .AddOpenApiOperationTransformer(PaakrevdHeader("Nav-Opplysningspliktigident"));

        gruppe.MapGet("/v1/opplysningspliktig/arbeidsgiveroversikt", HentArbeidsgiveroversiktAsync)
            .WithName("HentArbeidsgiveroversikt")
            .WithSummary("Antall aktive og inaktive arbeidsforhold per underenhet")
            .WithDescription("""
                Per underenhet (arbeidssted) til opplysningspliktig i `Nav-Opplysningspliktigident`: antall aktive
                (ikke avsluttet på oppslagstidspunktet, også de som starter senere) og inaktive (avsluttet)
                arbeidsforhold, sortert på organisasjonsnummer. Type- og rapporteringsordningsfilter som i oversikten.
                En opplysningspliktig uten arbeidsforhold gir `200 []`.
                """ + Avvik)
            .Produces<IReadOnlyList<ArbeidsgiveroversiktDto>>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .AddOpenApiOperationTransformer(PaakrevdHeader("Nav-Opplysningspliktigident"));

        return app;
    }

    private static async Task<Results<JsonHttpResult<IReadOnlyList<ArbeidsforholdDto>>, ProblemHttpResult>> HentForArbeidstakerAsync(
        HttpContext http,
        [FromHeader(Name = "Nav-Personident")][Description(Parameterbeskrivelse.Personident)] string? personident,
        [AsParameters] Personparametre p,
        IRegisterStore store,
        Folkeregister folkeregister,
        IKodeverk kodeverk,
        MottaksInnstillinger innstillinger,
        TimeProvider tid,
        [FromServices] Tilgangskontroll tilgang,
        CancellationToken ct)
    {
        var leser = new Oppslagsfilterleser();
        var ident = Personident(leser, "Nav-Personident", personident, innstillinger, paakrevd: true);
        var filter = LesFilter(
            leser, tid, p.Arbeidsforholdtype, leser.Statuser(p.Arbeidsforholdstatus), p.Rapporteringsordning, p.Regelverk,
            p.AnsettelsesperiodeFom, p.AnsettelsesperiodeTom, p.Historikk, p.Sporingsinformasjon, tekniskHistorikk: null, p.KjentPaa);
        if (leser.Feil.Count > 0)
        {
            return Ugyldig(http, leser);
        }

        var vurdering = await tilgang.VurderAsync(http, ident, ct);
        if (vurdering.Problem is { } nei)
        {
            return nei;
        }

        var beslutning = vurdering.Beslutning!;
        if (KreverPeriode(http, beslutning, filter) is { } periodefilter)
        {
            return periodefilter;
        }

        var valg = beslutning.Valg(filter.Historikk, filter.Sporingsinformasjon);
        var grunnlag = new Revisjonsgrunnlag();
        IReadOnlyList<ArbeidsforholdDto> svar = [];

        // Population rule before the query (ARCHITECTURE): a protected person is not read at all without the right.
        if (tilgang.ErSkjermet(beslutning, ident!))
        {
            grunnlag.Skjermet(ident!);
        }
        else
        {
            // Any of the person's idents finds the arbeidsforhold (API §1, DOMAIN §3 identbytte): ask for every ident
            // Folkeregisteret knows for the person and keep each arbeidsforhold once.
            var utvalg = Tilgangsbeslutning.Utvalg(valg);
            var funnet = new Dictionary<long, LagretArbeidsforhold>();
            foreach (var (kjentIdent, _) in folkeregister.AlleIdenter(ident!))
            {
                foreach (var lagret in await store.HentForPersonAsync(kjentIdent, filter.KjentPaa, utvalg, ct))
                {
                    funnet.TryAdd(lagret.Arbeidsforhold.NavArbeidsforholdId, lagret);
                }
            }

            var mapper = new ArbeidsforholdMapper(kodeverk);
            svar =
            [
                .. funnet.Values
                    .Where(l => filter.Treffer(l.Arbeidsforhold))
                    .OrderBy(l => l.Arbeidsforhold.NavArbeidsforholdId)
                    .Select(l => mapper.Map(l, Identer(folkeregister, l.Arbeidsforhold), valg)),
            ];
            grunnlag.Tillatt(ident!, svar.Count);
        }

        if (await tilgang.RevisjonAsync(http, beslutning, grunnlag, ct) is { } ikkeRevidert)
        {
            return ikkeRevidert;
        }

        return TypedResults.Json(svar, OppslagSerialisering.Type<IReadOnlyList<ArbeidsforholdDto>>());
    }

    private static async Task<Results<JsonHttpResult<ArbeidsforholdDto>, JsonHttpResult<ArbeidsforholdMedTekniskHistorikkDto>, ProblemHttpResult>> HentArbeidsforholdAsync(
        HttpContext http,
        [Description("navArbeidsforholdId (tall) eller navUuid.")] string id,
        [AsParameters] Idparametre p,
        IRegisterStore store,
        Folkeregister folkeregister,
        IKodeverk kodeverk,
        TimeProvider tid,
        [FromServices] Tilgangskontroll tilgang,
        CancellationToken ct)
    {
        var leser = new Oppslagsfilterleser();
        long? navId = long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var tall) ? tall : null;
        Guid? navUuid = navId is null && Guid.TryParse(id, out var uuid) ? uuid : null;
        if (navId is null && navUuid is null)
        {
            leser.Legg("id", "Må være en navArbeidsforholdId (tall) eller en navUuid.");
        }

        // By id, the arbeidsforhold is returned whatever its type, status or ordning: only the display flags apply.
        var filter = LesFilter(
            leser, tid, null, Oppslagsfilter.AlleStatuser, null, null, null, null, p.Historikk, p.Sporingsinformasjon, p.TekniskHistorikk, p.KjentPaa);
        if (leser.Feil.Count > 0)
        {
            return Ugyldig(http, leser);
        }

        var vurdering = await tilgang.VurderAsync(http, null, ct);
        if (vurdering.Problem is { } nei)
        {
            return nei;
        }

        var beslutning = vurdering.Beslutning!;
        var valg = beslutning.Valg(filter.Historikk, filter.Sporingsinformasjon);
        var utvalg = Tilgangsbeslutning.Utvalg(valg);
        var lagret = navId is { } n
            ? await store.HentAsync(n, filter.KjentPaa, utvalg, ct)
            : await store.HentAsync(navUuid!.Value, filter.KjentPaa, utvalg, ct);
        if (lagret is null)
        {
            return Problemer.IkkeFunnet(http, "Fant ikke arbeidsforholdet.");
        }

        var grunnlag = new Revisjonsgrunnlag();
        var arbeidstaker = lagret.Arbeidsforhold.Noekkel.Arbeidstaker;
        if (tilgang.ErSkjermet(beslutning, arbeidstaker))
        {
            // Left out, as in every other lookup: to this consumer the id is unknown. A 403 would tell that the
            // person behind it has a protected address, which is itself protected.
            grunnlag.Skjermet(arbeidstaker);
            return await tilgang.RevisjonAsync(http, beslutning, grunnlag, ct) ?? Problemer.IkkeFunnet(http, "Fant ikke arbeidsforholdet.");
        }

        grunnlag.Tillatt(arbeidstaker);
        var mapper = new ArbeidsforholdMapper(kodeverk);
        var identer = Identer(folkeregister, lagret.Arbeidsforhold);
        var dto = mapper.Map(lagret, identer, valg);

        // Technical history is part of the data element "historikk" (API §7), as are closed detail versions.
        if (!filter.TekniskHistorikk || !valg.Tillater(Dataelement.Historikk))
        {
            return await tilgang.RevisjonAsync(http, beslutning, grunnlag, ct) is { } ikkeRevidert
                ? ikkeRevidert
                : TypedResults.Json(dto, OppslagSerialisering.Type<ArbeidsforholdDto>());
        }

        var versjoner = await store.HentVersjonerAsync(lagret.Arbeidsforhold.NavArbeidsforholdId, utvalg with { Historikk = true }, ct);
        IReadOnlyList<ArbeidsforholdDto> tidligere =
        [
            .. versjoner
                .Where(v => v.Bruksperiode.Fom < lagret.Bruksperiode.Fom)
                .OrderByDescending(v => v.Bruksperiode.Fom)
                .Select(v => mapper.Map(v, identer, valg)),
        ];
        if (await tilgang.RevisjonAsync(http, beslutning, grunnlag, ct) is { } feilet)
        {
            return feilet;
        }

        return TypedResults.Json(
            ArbeidsforholdMedTekniskHistorikkDto.Fra(dto, tidligere),
            OppslagSerialisering.Type<ArbeidsforholdMedTekniskHistorikkDto>());
    }

    private static async Task<Results<JsonHttpResult<ArbeidsforholdoversiktSideDto>, ProblemHttpResult>> HentOversiktAsync(
        HttpContext http,
        [AsParameters] Oversiktparametre p,
        IRegisterStore store,
        IKodeverk kodeverk,
        MottaksInnstillinger innstillinger,
        TimeProvider tid,
        [FromServices] Tilgangskontroll tilgang,
        CancellationToken ct)
    {
        var leser = new Oppslagsfilterleser();
        var opplysningspliktig = Enhetsident(leser, "Nav-Opplysningspliktigident", p.Opplysningspliktigident, innstillinger, paakrevd: true);
        var underenhet = Enhetsident(leser, "Nav-Arbeidsgiverident", p.Arbeidsgiverident, innstillinger, paakrevd: false);
        if (!string.IsNullOrWhiteSpace(p.Status) && !string.IsNullOrWhiteSpace(p.Arbeidsforholdstatus))
        {
            leser.Legg("status", "status og arbeidsforholdstatus kan ikke kombineres; oppgi én av dem.");
        }

        var statuser = string.IsNullOrWhiteSpace(p.Arbeidsforholdstatus) ? leser.OversiktStatus(p.Status) : leser.Statuser(p.Arbeidsforholdstatus);
        var filter = LesFilter(
            leser, tid, p.Arbeidsforholdtype, statuser, p.Rapporteringsordning, p.Regelverk,
            p.AnsettelsesperiodeFom, p.AnsettelsesperiodeTom, null, null, null, p.KjentPaa);
        var startrad = leser.Heltall("startrad", p.Startrad, 0, 0, int.MaxValue);
        var antall = leser.Heltall("antall", p.Antall, StandardAntall, 1, MaksAntall);
        if (leser.Feil.Count > 0)
        {
            return Ugyldig(http, leser);
        }

        var vurdering = await tilgang.VurderAsync(http, null, ct);
        if (vurdering.Problem is { } nei)
        {
            return nei;
        }

        var beslutning = vurdering.Beslutning!;
        if (KreverPeriode(http, beslutning, filter) is { } periodefilter)
        {
            return periodefilter;
        }

        var valg = beslutning.Valg(historikk: false, sporingsinformasjon: false);
        var grunnlag = new Revisjonsgrunnlag();
        var treff = Synlige(tilgang, beslutning, await FiltrertAsync(store, opplysningspliktig!, underenhet, filter, Tilgangsbeslutning.Utvalg(valg), ct), grunnlag);
        var mapper = new ArbeidsforholdMapper(kodeverk);
        var sidetreff = treff.Skip(startrad).Take(antall).ToList();
        foreach (var a in sidetreff)
        {
            grunnlag.Tillatt(a.Noekkel.Arbeidstaker);
        }

        if (await tilgang.RevisjonAsync(http, beslutning, grunnlag, ct) is { } ikkeRevidert)
        {
            return ikkeRevidert;
        }

        IReadOnlyList<ArbeidsforholdoversiktDto> side = [.. sidetreff.Select(a => mapper.MapOversikt(a, valg))];
        return TypedResults.Json(
            new ArbeidsforholdoversiktSideDto(side.Count, treff.Count, startrad, side),
            OppslagSerialisering.Type<ArbeidsforholdoversiktSideDto>());
    }

    private static async Task<Results<JsonHttpResult<IReadOnlyList<ArbeidsgiveroversiktDto>>, ProblemHttpResult>> HentArbeidsgiveroversiktAsync(
        HttpContext http,
        [AsParameters] Sammendragparametre p,
        IRegisterStore store,
        MottaksInnstillinger innstillinger,
        TimeProvider tid,
        [FromServices] Tilgangskontroll tilgang,
        CancellationToken ct)
    {
        var leser = new Oppslagsfilterleser();
        var opplysningspliktig = Enhetsident(leser, "Nav-Opplysningspliktigident", p.Opplysningspliktigident, innstillinger, paakrevd: true);
        var filter = LesFilter(
            leser, tid, p.Arbeidsforholdtype, Oppslagsfilter.AlleStatuser, p.Rapporteringsordning, p.Regelverk,
            null, null, null, null, null, p.KjentPaa);
        if (leser.Feil.Count > 0)
        {
            return Ugyldig(http, leser);
        }

        // Only counts are returned, but they are still read under the same access decision as every lookup. They
        // name no person, so no person is audited; protected persons are still left out of them.
        var vurdering = await tilgang.VurderAsync(http, null, ct);
        if (vurdering.Problem is { } nei)
        {
            return nei;
        }

        var beslutning = vurdering.Beslutning!;
        if (Tilgangskontroll.KreverElement(http, beslutning, Dataelement.Ansettelsesperiode, brukes: true, "Antall aktive og inaktive") is { } uten)
        {
            return uten;
        }

        var utvalg = Tilgangsbeslutning.Utvalg(beslutning.Valg(historikk: false, sporingsinformasjon: false));
        var treff = Synlige(tilgang, beslutning, await FiltrertAsync(store, opplysningspliktig!, null, filter, utvalg, ct), new Revisjonsgrunnlag());
        IReadOnlyList<ArbeidsgiveroversiktDto> svar =
        [
            .. treff
                .GroupBy(a => a.Noekkel.Arbeidssted, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g =>
                {
                    var inaktive = g.Count(a => Oppslagsfilter.Status(a.Ansettelsesperiode, filter.Oppslagsdato) == Arbeidsforholdstatus.Avsluttet);
                    var arbeidsgiver = g.First().Noekkel.ArbeidsstedErPerson ? AktoerDto.Person(g.Key) : AktoerDto.Organisasjon(g.Key);
                    return new ArbeidsgiveroversiktDto(arbeidsgiver, g.Count() - inaktive, inaktive);
                }),
        ];
        return TypedResults.Json(svar, OppslagSerialisering.Type<IReadOnlyList<ArbeidsgiveroversiktDto>>());
    }

    /// <summary>
    /// The status and period filters are answered from the ansettelsesperiode: a consumer whose agreement does not
    /// allow that element may not filter on it either (API §7), or the answer would tell what it may not read.
    /// </summary>
    private static ProblemHttpResult? KreverPeriode(HttpContext http, Tilgangsbeslutning beslutning, Oppslagsfilter filter) =>
        Tilgangskontroll.KreverElement(
            http,
            beslutning,
            Dataelement.Ansettelsesperiode,
            brukes: filter.Statuser.Count < Oppslagsfilter.AlleStatuser.Count || filter.AnsettelsesperiodeFom is not null || filter.AnsettelsesperiodeTom is not null,
            "Filteret på status eller ansettelsesperiode");

    /// <summary>The population rule on a list: protected persons are left out, and each is audited as a deny.</summary>
    private static List<RegisterArbeidsforhold> Synlige(
        Tilgangskontroll tilgang, Tilgangsbeslutning beslutning, List<RegisterArbeidsforhold> treff, Revisjonsgrunnlag grunnlag)
    {
        var synlige = new List<RegisterArbeidsforhold>(treff.Count);
        foreach (var a in treff)
        {
            if (tilgang.ErSkjermet(beslutning, a.Noekkel.Arbeidstaker))
            {
                grunnlag.Skjermet(a.Noekkel.Arbeidstaker);
            }
            else
            {
                synlige.Add(a);
            }
        }

        return synlige;
    }

    /// <summary>
    /// The opplysningspliktig's arbeidsforhold that pass the filter, in the store's stable order (arbeidssted,
    /// navArbeidsforholdId). Filtering happens here, so the whole list is read; the store's own paging cannot be used
    /// while the filters are not part of its query.
    /// </summary>
    private static async Task<List<RegisterArbeidsforhold>> FiltrertAsync(
        IRegisterStore store, string opplysningspliktig, string? underenhet, Oppslagsfilter filter, Datautvalg utvalg, CancellationToken ct)
    {
        var alle = await store.HentForOpplysningspliktigAsync(opplysningspliktig, underenhet, 0, int.MaxValue, filter.KjentPaa, utvalg, ct);
        return [.. alle.Arbeidsforhold.Select(l => l.Arbeidsforhold).Where(filter.Treffer)];
    }

    private static Oppslagsfilter LesFilter(
        Oppslagsfilterleser leser,
        TimeProvider tid,
        string? typer,
        IReadOnlySet<Arbeidsforholdstatus> statuser,
        string? rapporteringsordning,
        string? regelverk,
        string? fom,
        string? tom,
        string? historikk,
        string? sporingsinformasjon,
        string? tekniskHistorikk,
        string? kjentPaa)
    {
        var periodeFom = leser.Dato("ansettelsesperiodeFom", fom);
        var periodeTom = leser.Dato("ansettelsesperiodeTom", tom);
        leser.Periode(periodeFom, periodeTom);
        var kjent = leser.Tidspunkt("kjentPaa", kjentPaa);
        return new Oppslagsfilter(
            Typer: leser.Typer(typer),
            Statuser: statuser,
            Rapporteringsordning: leser.Rapporteringsordning(rapporteringsordning, regelverk),
            AnsettelsesperiodeFom: periodeFom,
            AnsettelsesperiodeTom: periodeTom,
            Historikk: leser.Flagg("historikk", historikk, false),
            Sporingsinformasjon: leser.Flagg("sporingsinformasjon", sporingsinformasjon, true),
            TekniskHistorikk: leser.Flagg("tekniskHistorikk", tekniskHistorikk, false),
            KjentPaa: kjent,
            Oppslagsdato: Oppslagsfilterleser.NorskDato(kjent ?? tid.GetUtcNow()));
    }

    /// <summary>A person ident from a header; the value is never echoed (personal data).</summary>
    private static string? Personident(Oppslagsfilterleser leser, string header, string? verdi, MottaksInnstillinger innstillinger, bool paakrevd)
    {
        if (string.IsNullOrWhiteSpace(verdi))
        {
            if (paakrevd)
            {
                leser.Legg(header, $"Headeren {header} mangler.");
            }

            return null;
        }

        var tekst = verdi.Trim();
        if (!Domain.Identer.Personident.TryParse(tekst, innstillinger.TillatSyntetiske, out _))
        {
            leser.Legg(header, $"{header} er ikke et gyldig fødselsnummer eller d-nummer.");
            return null;
        }

        return tekst;
    }

    /// <summary>An organisasjonsnummer, or a person ident for a private employer (DOMAIN §2), from a header.</summary>
    private static string? Enhetsident(Oppslagsfilterleser leser, string header, string? verdi, MottaksInnstillinger innstillinger, bool paakrevd)
    {
        if (string.IsNullOrWhiteSpace(verdi))
        {
            if (paakrevd)
            {
                leser.Legg(header, $"Headeren {header} mangler.");
            }

            return null;
        }

        var tekst = verdi.Trim();
        if (Organisasjonsnummer.TryParse(tekst, out var orgnr))
        {
            return orgnr.Verdi;
        }

        if (Domain.Identer.Personident.TryParse(tekst, innstillinger.TillatSyntetiske, out _))
        {
            return tekst;
        }

        leser.Legg(header, $"{header} er ikke et gyldig organisasjonsnummer eller fødselsnummer.");
        return null;
    }

    private static IReadOnlyList<Personidentversjon> Identer(Folkeregister folkeregister, RegisterArbeidsforhold arbeidsforhold) =>
        [.. folkeregister.AlleIdenter(arbeidsforhold.Noekkel.Arbeidstaker).Select(i => new Personidentversjon(i.Ident, i.Gjeldende))];

    private static ProblemHttpResult Ugyldig(HttpContext http, Oppslagsfilterleser leser) =>
        Problemer.UgyldigForespoersel(http, "Ugyldige parametere.", leser.FeilSomOrdbok());

    /// <summary>
    /// The 200 body by id is the plain v2 arbeidsforhold, or with <c>tekniskHistorikk=true</c> the same with one more
    /// field: documented as anyOf the two (a body with the field also satisfies the plain shape).
    /// </summary>
    private static async Task MedTekniskHistorikkSkjema(
        OpenApiOperation operasjon, Microsoft.AspNetCore.OpenApi.OpenApiOperationTransformerContext kontekst, CancellationToken ct)
    {
        if (operasjon.Responses is null
            || !operasjon.Responses.TryGetValue("200", out var ok)
            || ok.Content is null
            || !ok.Content.TryGetValue("application/json", out var innhold)
            || innhold.Schema is not { } vanlig
            || kontekst.Document is not { } dokument)
        {
            return;
        }

        const string Navn = nameof(ArbeidsforholdMedTekniskHistorikkDto);
        var skjema = await kontekst.GetOrCreateSchemaAsync(typeof(ArbeidsforholdMedTekniskHistorikkDto), null, ct);
        dokument.AddComponent(Navn, skjema);
        innhold.Schema = new OpenApiSchema { AnyOf = [vanlig, new OpenApiSchemaReference(Navn, dokument)] };
    }

    /// <summary>Headers are bound as optional strings so that we answer a missing one ourselves; the document says they are required.</summary>
    private static Func<OpenApiOperation, Microsoft.AspNetCore.OpenApi.OpenApiOperationTransformerContext, CancellationToken, Task> PaakrevdHeader(string navn) =>
        (operasjon, _, _) =>
        {
            foreach (var parameter in operasjon.Parameters ?? [])
            {
                if (parameter is OpenApiParameter { In: ParameterLocation.Header } p && p.Name == navn)
                {
                    p.Required = true;
                }
            }

            return Task.CompletedTask;
        };
}
