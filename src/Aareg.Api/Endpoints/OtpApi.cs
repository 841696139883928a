using Aareg.Api.Oppsett;
using Aareg.Api.Oppslag;
using Aareg.Api.Tilgang;
using Aareg.Domain.Identer;
using Aareg.Domain.Kodeverk;
using Aareg.Domain.Tid;
using Aareg.Mottak;
using Aareg.Storage.Pensjon;
using Aareg.Storage.Register;
using Aareg.Storage.Tilgang;
using Aareg.Tilgang;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;

namespace Aareg.Api.Endpoints;

/// <summary>
/// The pension API for OTP institutions (API §2, scope <c>nav:aareg/v1/arbeidsforhold/otp</c>). Access is not an
/// agreement but a fact of the meldinger: the institution must be named as pensjonsinnretning by the
/// opplysningspliktig for the months asked about (ADR 0007).
/// </summary>
public static class OtpApi
{
    public const string OpplysningspliktigHeader = "Nav-Opplysningspliktigident";
    public const string PersonHeader = "Nav-Personident";

    /// <summary>Page size when reading all of an opplysningspliktig's arbeidsforhold from the register.</summary>
    private const int Sidestoerrelse = 1000;

    private static readonly TimeZoneInfo Norge = TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo");

    public static IEndpointRouteBuilder MapOtpApi(this IEndpointRouteBuilder app)
    {
        var gruppe = app.MapGroup("/api/otp/v1")
            .WithTags("Pensjon (OTP)")
            .KreverAvtale(Scopes.Otp, Kanaler.Api, otp: true);

        gruppe.MapGet("/arbeidsforholdoversikter", HentOversikterAsync)
            .WithName("HentOtpArbeidsforholdoversikter")
            .WithSummary("Arbeidsforholdene hos en opplysningspliktig i en periode, for pensjonsinnretningen")
            .WithDescription("""
                Alle arbeidsforhold hos opplysningspliktig (headeren `Nav-Opplysningspliktigident`) der
                ansettelsesperioden overlapper perioden fra første dag i `ansattFraMaaned` til siste dag i
                `ansattTilMaaned` (åpen sluttdato = aktiv). Hvert element har `navUuid`, arbeidsgivers `id`, arbeidstaker,
                gjeldende yrke, id-historikk og `sistEndret`.

                Tilgang: tokenets organisasjon (`consumer`) må være oppgitt som pensjonsinnretning i a-meldingene til
                den opplysningspliktige for hver måned i perioden som har a-meldinger; måneder uten a-meldinger teller
                ikke, men minst én måned i perioden må oppgi innretningen. Ellers `403` med `kode` `AA-101` og
                `maanederUtenTilgang`. Ingen treff er `200` med tom liste, aldri `404`.
                """)
            .Produces<OtpArbeidsforholdoversikterDto>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .AddOpenApiOperationTransformer((operasjon, _, _) => Dokumenter(operasjon, medPerson: false));

        gruppe.MapGet("/arbeidsforhold", HentArbeidsforholdAsync)
            .WithName("HentOtpArbeidsforhold")
            .WithSummary("En persons arbeidsforhold hos en opplysningspliktig i en periode, for pensjonsinnretningen")
            .WithDescription("""
                Personens (headeren `Nav-Personident`; alle personens identer treffer) arbeidsforhold hos
                opplysningspliktig (headeren `Nav-Opplysningspliktigident`) som overlapper perioden, i v2-formen
                `Arbeidsforhold`, avgrenset til perioden: ansettelsesdetaljene med rapporteringsmåneder i perioden
                (overlapper ingen, kommer den tidligste), permisjoner og permitteringer med datoer i perioden, og
                timer med timelønn og utenlandsopphold rapportert i en måned i perioden.

                Tilgang som for oversikten (`403` `AA-101` for månedene uten tilgang). Ingen treff er `200` med tom
                liste, aldri `404`.
                """)
            .Produces<OtpArbeidsforholdlisteDto>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .AddOpenApiOperationTransformer((operasjon, _, _) => Dokumenter(operasjon, medPerson: true));

        return app;
    }

    private static async Task<Results<JsonHttpResult<OtpArbeidsforholdoversikterDto>, ProblemHttpResult>> HentOversikterAsync(
        HttpContext http,
        [FromHeader(Name = OpplysningspliktigHeader)] string? opplysningspliktig,
        string? ansattFraMaaned,
        string? ansattTilMaaned,
        IRegisterStore register,
        IPensjonsinnretningStore pensjon,
        IKodeverk kodeverk,
        MottaksInnstillinger innstillinger,
        TimeProvider tid,
        [FromServices] Tilgangskontroll tilgang,
        CancellationToken ct)
    {
        var (forespoersel, problem) = Valider(http, opplysningspliktig, null, ansattFraMaaned, ansattTilMaaned, innstillinger, tid, medPerson: false);
        if (problem is not null)
        {
            return problem;
        }

        var vurdering = await tilgang.VurderAsync(http, null, ct);
        if (vurdering.Problem is { } nei)
        {
            return nei;
        }

        var beslutning = vurdering.Beslutning!;
        if (KreverPeriode(http, beslutning) is { } utenPeriode)
        {
            return utenPeriode;
        }

        if (await SjekkTilgangAsync(http, pensjon, forespoersel, ct) is { } ingenTilgang)
        {
            return ingenTilgang;
        }

        var mapper = new ArbeidsforholdMapper(kodeverk);
        var valg = beslutning.Valg(historikk: false, sporingsinformasjon: false);
        var utvalg = Tilgangsbeslutning.Utvalg(valg);
        var grunnlag = new Revisjonsgrunnlag();
        var oversikter = new List<OtpArbeidsforholdoversiktDto>();
        for (var startrad = 0; ; startrad += Sidestoerrelse)
        {
            var side = await register.HentForOpplysningspliktigAsync(forespoersel.Opplysningspliktig, null, startrad, Sidestoerrelse, utvalg: utvalg, ct: ct);
            foreach (var l in side.Arbeidsforhold.Where(l => forespoersel.Periode.Omfatter(l.Arbeidsforhold)))
            {
                var arbeidstaker = l.Arbeidsforhold.Noekkel.Arbeidstaker;
                if (tilgang.ErSkjermet(beslutning, arbeidstaker))
                {
                    grunnlag.Skjermet(arbeidstaker);
                    continue;
                }

                grunnlag.Tillatt(arbeidstaker);
                oversikter.Add(mapper.MapOtpOversikt(l.Arbeidsforhold, valg));
            }

            if (side.Arbeidsforhold.Count < Sidestoerrelse || startrad + side.Arbeidsforhold.Count >= side.TotaltAntall)
            {
                break;
            }
        }

        if (await tilgang.RevisjonAsync(http, beslutning, grunnlag, ct) is { } ikkeRevidert)
        {
            return ikkeRevidert;
        }

        return TypedResults.Json(new OtpArbeidsforholdoversikterDto(oversikter), OppslagJsonContext.Default.OtpArbeidsforholdoversikterDto);
    }

    private static async Task<Results<JsonHttpResult<OtpArbeidsforholdlisteDto>, ProblemHttpResult>> HentArbeidsforholdAsync(
        HttpContext http,
        [FromHeader(Name = OpplysningspliktigHeader)] string? opplysningspliktig,
        [FromHeader(Name = PersonHeader)] string? person,
        string? ansattFraMaaned,
        string? ansattTilMaaned,
        IRegisterStore register,
        IPensjonsinnretningStore pensjon,
        IKodeverk kodeverk,
        MottaksInnstillinger innstillinger,
        TimeProvider tid,
        [FromServices] Tilgangskontroll tilgang,
        CancellationToken ct)
    {
        var (forespoersel, problem) = Valider(http, opplysningspliktig, person, ansattFraMaaned, ansattTilMaaned, innstillinger, tid, medPerson: true);
        if (problem is not null)
        {
            return problem;
        }

        var vurdering = await tilgang.VurderAsync(http, forespoersel.Person, ct);
        if (vurdering.Problem is { } nei)
        {
            return nei;
        }

        var beslutning = vurdering.Beslutning!;
        if (KreverPeriode(http, beslutning) is { } utenPeriode)
        {
            return utenPeriode;
        }

        if (await SjekkTilgangAsync(http, pensjon, forespoersel, ct) is { } ingenTilgang)
        {
            return ingenTilgang;
        }

        var mapper = new ArbeidsforholdMapper(kodeverk);

        // The period rules pick the detail versions, so every version they keep is shown (not only the current one).
        var valg = beslutning.Valg(historikk: true, sporingsinformasjon: true);
        var periode = forespoersel.Periode;
        var grunnlag = new Revisjonsgrunnlag();
        List<ArbeidsforholdDto> arbeidsforhold = [];
        if (tilgang.ErSkjermet(beslutning, forespoersel.Person!))
        {
            grunnlag.Skjermet(forespoersel.Person!);
        }
        else
        {
            var lagrede = await register.HentForPersonAsync(forespoersel.Person!, utvalg: Tilgangsbeslutning.Utvalg(valg), ct: ct);
            arbeidsforhold = lagrede
                .Where(l => l.Arbeidsforhold.Noekkel.Opplysningspliktig == forespoersel.Opplysningspliktig && periode.Omfatter(l.Arbeidsforhold))
                .OrderBy(l => l.Arbeidsforhold.NavArbeidsforholdId)
                .Select(l => mapper.Map(periode.Avgrens(l.Arbeidsforhold), l.Bruksperiode, [], valg))
                .ToList();
            grunnlag.Tillatt(forespoersel.Person!, arbeidsforhold.Count);
        }

        if (await tilgang.RevisjonAsync(http, beslutning, grunnlag, ct) is { } ikkeRevidert)
        {
            return ikkeRevidert;
        }

        return TypedResults.Json(new OtpArbeidsforholdlisteDto(arbeidsforhold), OppslagJsonContext.Default.OtpArbeidsforholdlisteDto);
    }

    /// <summary>The period rules (API §2) select by the ansettelsesperiode, so the agreement must allow that element.</summary>
    private static ProblemHttpResult? KreverPeriode(HttpContext http, Tilgangsbeslutning beslutning) =>
        Tilgangskontroll.KreverElement(http, beslutning, Dataelement.Ansettelsesperiode, brukes: true, "Periodeutvalget");

    /// <summary>A validated request: the parties (normalised) and the months.</summary>
    private sealed record OtpForespoersel(string Opplysningspliktig, string? Person, OtpPeriode Periode);

    /// <summary>
    /// Checks headers and months. The month codes are NAV's (API §2): <c>AA-053</c> bad <c>ansattFraMaaned</c>,
    /// <c>AA-054</c> bad <c>ansattTilMaaned</c>, <c>AA-055</c> til before fra; the first that applies names the
    /// problem, and <c>errors</c> lists every field that is wrong.
    /// </summary>
    private static (OtpForespoersel Forespoersel, ProblemHttpResult? Problem) Valider(
        HttpContext http,
        string? opplysningspliktig,
        string? person,
        string? ansattFraMaaned,
        string? ansattTilMaaned,
        MottaksInnstillinger innstillinger,
        TimeProvider tid,
        bool medPerson)
    {
        var feil = new Dictionary<string, string[]>(StringComparer.Ordinal);
        string? kode = null;

        if (!Kalendermaaned.TryParse(ansattFraMaaned, out var fra))
        {
            feil["ansattFraMaaned"] = [string.IsNullOrEmpty(ansattFraMaaned) ? "ansattFraMaaned er påkrevd (ÅÅÅÅ-MM)." : "ansattFraMaaned må være på formen ÅÅÅÅ-MM."];
            kode = OtpFeilkoder.UgyldigFraMaaned;
        }

        var til = Kalendermaaned.Fra(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(tid.GetUtcNow(), Norge).DateTime));
        if (!string.IsNullOrEmpty(ansattTilMaaned) && !Kalendermaaned.TryParse(ansattTilMaaned, out til))
        {
            feil["ansattTilMaaned"] = ["ansattTilMaaned må være på formen ÅÅÅÅ-MM."];
            kode ??= OtpFeilkoder.UgyldigTilMaaned;
        }
        else if (!feil.ContainsKey("ansattFraMaaned") && til < fra)
        {
            feil["ansattTilMaaned"] = ["ansattTilMaaned kan ikke være før ansattFraMaaned."];
            kode ??= OtpFeilkoder.TilFoerFra;
        }

        string? opplysningspliktigVerdi = null;
        if (string.IsNullOrEmpty(opplysningspliktig))
        {
            feil[OpplysningspliktigHeader] = ["Headeren er påkrevd (organisasjonsnummer, eller fødselsnummer for en privat arbeidsgiver)."];
        }
        else if (Aktoer.TryParse(opplysningspliktig, innstillinger.TillatSyntetiske, out var aktoer))
        {
            opplysningspliktigVerdi = aktoer.Verdi;
        }
        else
        {
            feil[OpplysningspliktigHeader] = ["Ugyldig organisasjonsnummer eller fødselsnummer."];
        }

        string? personVerdi = null;
        if (medPerson)
        {
            if (string.IsNullOrEmpty(person))
            {
                feil[PersonHeader] = ["Headeren er påkrevd (fødselsnummer eller d-nummer)."];
            }
            else if (Personident.TryParse(person, innstillinger.TillatSyntetiske, out var ident))
            {
                personVerdi = ident.Verdi;
            }
            else
            {
                feil[PersonHeader] = ["Ugyldig fødselsnummer eller d-nummer."];
            }
        }

        if (feil.Count > 0)
        {
            var problem = kode is null
                ? Problemer.UgyldigForespoersel(http, "Ugyldige headere.", feil)
                : Problemer.Lag(http, StatusCodes.Status400BadRequest, kode, "Ugyldig periode", PeriodeDetalj(kode), feil);
            return (null!, problem);
        }

        return (new OtpForespoersel(opplysningspliktigVerdi!, personVerdi, new OtpPeriode(fra, til)), null);
    }

    private static string PeriodeDetalj(string kode) => kode switch
    {
        OtpFeilkoder.UgyldigFraMaaned => "ansattFraMaaned mangler eller er ikke en måned på formen ÅÅÅÅ-MM.",
        OtpFeilkoder.UgyldigTilMaaned => "ansattTilMaaned er ikke en måned på formen ÅÅÅÅ-MM.",
        _ => "ansattTilMaaned er før ansattFraMaaned.",
    };

    /// <summary>
    /// ADR 0007: the caller's organisation must be named as pensjonsinnretning in every month of the period that has
    /// meldinger in force, and the period must hold at least one such month. Months without meldinger (not yet
    /// reported, before the employer's first melding, or nulled out) neither grant nor deny.
    /// </summary>
    private static async Task<ProblemHttpResult?> SjekkTilgangAsync(
        HttpContext http, IPensjonsinnretningStore pensjon, OtpForespoersel forespoersel, CancellationToken ct)
    {
        var institusjon = Kallerkontekst.Fra(http.User).Consumer;
        if (institusjon is null)
        {
            return IngenTilgang(http, "Tokenet har ingen organisasjon (consumer) som kan være pensjonsinnretning.", []);
        }

        var periode = forespoersel.Periode;
        var maaneder = await pensjon.HentAsync(forespoersel.Opplysningspliktig, periode.Fra, periode.Til, ct);
        if (maaneder.Count == 0)
        {
            return IngenTilgang(
                http,
                "Den opplysningspliktige har ingen a-meldinger i perioden som oppgir organisasjonen som pensjonsinnretning.",
                []);
        }

        var uten = maaneder
            .Where(m => !m.Pensjonsinnretninger.Contains(institusjon))
            .Select(m => m.Maaned.ToString())
            .ToArray();
        return uten.Length == 0
            ? null
            : IngenTilgang(
                http,
                $"Organisasjonen er ikke oppgitt som pensjonsinnretning i a-meldingene for {string.Join(", ", uten)}.",
                uten);
    }

    private static ProblemHttpResult IngenTilgang(HttpContext http, string detalj, string[] maaneder)
    {
        var problem = Problemer.Lag(http, StatusCodes.Status403Forbidden, OtpFeilkoder.IkkePensjonsinnretning, "Ingen tilgang", detalj);
        problem.ProblemDetails.Extensions["maanederUtenTilgang"] = maaneder;
        return problem;
    }

    /// <summary>Header and month parameters are validated by the handler (to answer with the codes above), so the document marks them here.</summary>
    private static Task Dokumenter(OpenApiOperation operasjon, bool medPerson)
    {
        foreach (var parameter in (operasjon.Parameters ?? []).OfType<OpenApiParameter>())
        {
            switch (parameter.Name)
            {
                case OpplysningspliktigHeader:
                    parameter.Required = true;
                    parameter.Description = "Den opplysningspliktige: organisasjonsnummer (hovedenhet), eller fødselsnummer for en privat arbeidsgiver.";
                    break;
                case PersonHeader:
                    parameter.Required = true;
                    parameter.Description = "Arbeidstakerens fødselsnummer eller d-nummer; alle personens historiske identer treffer.";
                    break;
                case "ansattFraMaaned":
                    parameter.Required = true;
                    parameter.Description = "Første måned i perioden, ÅÅÅÅ-MM. Mangler eller ugyldig: `400` `AA-053`.";
                    Maanedsformat(parameter);
                    break;
                case "ansattTilMaaned":
                    parameter.Description = "Siste måned i perioden, ÅÅÅÅ-MM; standard er inneværende måned (norsk tid). Ugyldig: `400` `AA-054`; før fra: `400` `AA-055`.";
                    Maanedsformat(parameter);
                    break;
                default:
                    break;
            }
        }

        foreach (var (status, svar) in operasjon.Responses ?? [])
        {
            if (svar is not OpenApiResponse respons)
            {
                continue;
            }

            respons.Description = status switch
            {
                "200" => medPerson
                    ? "Personens arbeidsforhold hos den opplysningspliktige i perioden (tom liste når det ikke finnes noen)."
                    : "Arbeidsforholdene hos den opplysningspliktige i perioden (tom liste når det ikke finnes noen).",
                "400" => "Ugyldig forespørsel: `AA-053` ugyldig ansattFraMaaned, `AA-054` ugyldig ansattTilMaaned, `AA-055` til før fra, `AA-400` manglende eller ugyldig ident i header.",
                "401" => "Mangler gyldig token (`AA-401`).",
                "403" => "Tokenet mangler scope `nav:aareg/v1/arbeidsforhold/otp` (`AA-403`), eller organisasjonen er ikke pensjonsinnretning for den opplysningspliktige i alle månedene med a-meldinger (`AA-101`, med `maanederUtenTilgang`). " + OpenApiOppsett.Avtalekoder,
                _ => respons.Description,
            };
        }

        return Task.CompletedTask;
    }

    private static void Maanedsformat(OpenApiParameter parameter)
    {
        if (parameter.Schema is OpenApiSchema skjema)
        {
            skjema.Pattern = "^[0-9]{4}-(0[1-9]|1[0-2])$";
            skjema.Examples = [System.Text.Json.Nodes.JsonValue.Create("2024-01")];
        }
    }
}

/// <summary>Product error codes of the pension API (API §2); they never change meaning once published.</summary>
public static class OtpFeilkoder
{
    /// <summary>The institution is not named as pensjonsinnretning for some months of the period.</summary>
    public const string IkkePensjonsinnretning = "AA-101";

    /// <summary><c>ansattFraMaaned</c> missing or not <c>yyyy-MM</c>.</summary>
    public const string UgyldigFraMaaned = "AA-053";

    /// <summary><c>ansattTilMaaned</c> not <c>yyyy-MM</c>.</summary>
    public const string UgyldigTilMaaned = "AA-054";

    /// <summary><c>ansattTilMaaned</c> before <c>ansattFraMaaned</c>.</summary>
    public const string TilFoerFra = "AA-055";
}
