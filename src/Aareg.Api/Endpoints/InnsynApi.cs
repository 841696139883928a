using System.ComponentModel;
using Aareg.Api.Oppslag;
using Aareg.Api.Oppsett;
using Aareg.Domain.Kodeverk;
using Aareg.Mottak.Referanse;
using Aareg.Storage.Referanse;
using Aareg.Storage.Register;
using Aareg.Storage.Revisjon;
using Aareg.Tilgang;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Aareg.Api.Endpoints;

/// <summary>One lookup of the person as the person sees it (API §8): when, which organisation, why, how.</summary>
/// <param name="Tidspunkt">Norwegian local time to milliseconds (DOMAIN §5).</param>
/// <param name="Organisasjon">The consumer; null for the person's own insight.</param>
/// <param name="Databehandler">orgnr of the data processor that called on the consumer's behalf, if any.</param>
public sealed record InnsynOppslagDto(string Tidspunkt, InnsynOrganisasjonDto? Organisasjon, string? Formaal, string Kanal, string? Databehandler);

/// <param name="Navn">From Enhetsregisteret; null when the unit is not there.</param>
public sealed record InnsynOrganisasjonDto(string Orgnr, string? Navn);

/// <summary>
/// The person's own insight (API §8), with an ID-porten-style token (<c>pid</c>, <c>acr</c> at least substantial).
/// No agreement is needed: these are the person's own data. Each call is audited (channel INNSYN, hidden from nobody).
/// </summary>
public static class InnsynApi
{
    public const string Kanal = "INNSYN";

    /// <summary>ID-porten's levels at or above substantial (API §8).</summary>
    private static readonly HashSet<string> GodkjenteNivaaer = new(StringComparer.Ordinal) { "idporten-loa-substantial", "idporten-loa-high" };

    public static IEndpointRouteBuilder MapInnsynApi(this IEndpointRouteBuilder app)
    {
        var gruppe = app.MapGroup("/api/v1/innsyn").WithTags("Innsyn").RequireAuthorization();

        gruppe.MapGet("/arbeidsforhold", HentArbeidsforholdAsync)
            .WithName("HentEgneArbeidsforhold")
            .WithSummary("Mine arbeidsforhold (innsyn)")
            .WithDescription("""
                Personens egne arbeidsforhold under alle identer personen har hatt, med alle dataelementer og historikk.
                Krever et persontoken (`pid`) med `acr` minst `idporten-loa-substantial`.
                """)
            .Produces<IReadOnlyList<ArbeidsforholdDto>>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        gruppe.MapGet("/oppslag", HentOppslagAsync)
            .WithName("HentOppslagPaaMeg")
            .WithSummary("Hvem har slått meg opp (innsyn)")
            .WithDescription("""
                Oppslag på personen (alle identer) i perioden: tidspunkt (norsk tid), organisasjon (navn og
                organisasjonsnummer), formål og kanal. Oppslag som loven skjuler for personen (avtaler med skjult
                innsyn) og avslåtte oppslag (ingen opplysninger ble utlevert) vises ikke. `fra`/`til` er datoer
                (`til` tas med); uten dem vises alt.
                """)
            .Produces<IReadOnlyList<InnsynOppslagDto>>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        return app;
    }

    private static async Task<Results<JsonHttpResult<IReadOnlyList<ArbeidsforholdDto>>, ProblemHttpResult>> HentArbeidsforholdAsync(
        HttpContext http,
        IRegisterStore store,
        Folkeregister folkeregister,
        IKodeverk kodeverk,
        IRevisjonslogg revisjon,
        TimeProvider tid,
        CancellationToken ct)
    {
        if (Person(http) is not { } pid)
        {
            return Avvist(http);
        }

        var funnet = new Dictionary<long, LagretArbeidsforhold>();
        foreach (var (ident, _) in folkeregister.AlleIdenter(pid))
        {
            foreach (var lagret in await store.HentForPersonAsync(ident, ct: ct))
            {
                funnet.TryAdd(lagret.Arbeidsforhold.NavArbeidsforholdId, lagret);
            }
        }

        var identer = folkeregister.AlleIdenter(pid).Select(i => new Personidentversjon(i.Ident, i.Gjeldende)).ToList();
        var mapper = new ArbeidsforholdMapper(kodeverk);
        var valg = new Oppslagsvalg { Historikk = true, Sporingsinformasjon = true, Dataelementer = Dataelementkatalog.Alle };
        IReadOnlyList<ArbeidsforholdDto> svar =
        [
            .. funnet.Values.OrderBy(l => l.Arbeidsforhold.NavArbeidsforholdId).Select(l => mapper.Map(l, identer, valg)),
        ];

        // Audited before answering, like every read of personal data (API §8); a failed write fails the request.
        await revisjon.SkrivAsync([Post(http, tid, pid, "innsyn", "arbeidsforhold", svar.Count)], ct);
        return TypedResults.Json(svar, OppslagSerialisering.Type<IReadOnlyList<ArbeidsforholdDto>>());
    }

    private static async Task<Results<Ok<IReadOnlyList<InnsynOppslagDto>>, ProblemHttpResult>> HentOppslagAsync(
        HttpContext http,
        [Description("Fra og med dato (yyyy-MM-dd, norsk tid).")] string? fra,
        [Description("Til og med dato (yyyy-MM-dd, norsk tid).")] string? til,
        IRevisjonsleser leser,
        IRevisjonslogg revisjon,
        IReferanseStore referanse,
        Folkeregister folkeregister,
        TimeProvider tid,
        CancellationToken ct)
    {
        if (Person(http) is not { } pid)
        {
            return Avvist(http);
        }

        var feil = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var fraDato = Dato("fra", fra, feil);
        var tilDato = Dato("til", til, feil);
        if (fraDato is { } f && tilDato is { } t && t < f)
        {
            feil["til"] = ["til kan ikke være før fra."];
        }

        if (feil.Count > 0)
        {
            return Problemer.UgyldigForespoersel(http, "Ugyldige parametere.", feil);
        }

        var identer = folkeregister.AlleIdenter(pid).Select(i => i.Ident).ToList();
        await revisjon.SkrivAsync([Post(http, tid, pid, "innsyn", "oppslag", 0)], ct);
        var poster = await leser.HentForPersonAsync(
            identer, fraDato is { } ff ? Midnatt(ff) : null, tilDato is { } tt ? Midnatt(tt.AddDays(1)) : null, ct);

        var navn = new Dictionary<string, string?>(StringComparer.Ordinal);
        var svar = new List<InnsynOppslagDto>();
        foreach (var p in poster.Select(l => l.Post))
        {
            // Hidden by law (the agreement's flag) or refused (nothing was disclosed): not listed (docs/revisjon.md).
            if (p.SkjultForPerson || p.Beslutning != Revisjonsbeslutning.Tillatt)
            {
                continue;
            }

            InnsynOrganisasjonDto? organisasjon = null;
            if (p.Konsument is { } orgnr)
            {
                if (!navn.TryGetValue(orgnr, out var n))
                {
                    n = (await referanse.HentEnhetAsync(orgnr, ct))?.Navn;
                    navn[orgnr] = n;
                }

                organisasjon = new InnsynOrganisasjonDto(orgnr, n);
            }

            svar.Add(new InnsynOppslagDto(Tidsformat.Lokal(p.Tidspunkt), organisasjon, p.Formaal, p.Kanal, p.Databehandler));
        }

        return TypedResults.Ok<IReadOnlyList<InnsynOppslagDto>>(svar);
    }

    /// <summary>The person's ident when the token is a person's at level substantial or high; else null (→ 403).</summary>
    internal static string? Person(HttpContext http)
    {
        var kaller = Kallerkontekst.Fra(http.User);
        return kaller.Pid is { } pid && kaller.Acr is { } acr && GodkjenteNivaaer.Contains(acr) ? pid : null;
    }

    internal static ProblemHttpResult Avvist(HttpContext http) =>
        Problemer.IkkeTilgang(http, Feilkoder.IkkeTilgang, "Krever et persontoken (pid) med sikkerhetsnivå idporten-loa-substantial eller høyere.");

    private static Storage.Revisjon.Oppslagsrevisjon Post(HttpContext http, TimeProvider tid, string pid, string operasjon, string ressurs, int antall) => new(
        Tidspunkt: tid.GetUtcNow(),
        Personident: pid,
        Konsument: null,
        Databehandler: null,
        Bruker: null,
        Formaal: "innsyn",
        Saksreferanse: null,
        AvtaleId: null,
        Avtaleversjon: null,
        Operasjon: operasjon,
        Kanal: Kanal,
        Filtre: "ressurs=" + ressurs + (http.Request.QueryString.HasValue ? ";" + http.Request.QueryString.Value : ""),
        AntallArbeidsforhold: antall,
        Beslutning: Revisjonsbeslutning.Tillatt,
        Begrunnelse: null,
        Korrelasjonsid: Korrelasjon.Hent(http),
        SkjultForPerson: false);

    private static DateOnly? Dato(string navn, string? verdi, Dictionary<string, string[]> feil)
    {
        if (string.IsNullOrWhiteSpace(verdi))
        {
            return null;
        }

        if (DateOnly.TryParseExact(verdi.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var dato))
        {
            return dato;
        }

        feil[navn] = [$"{navn} må være en dato på formen yyyy-MM-dd."];
        return null;
    }

    /// <summary>Midnight Norwegian time at the start of <paramref name="dato"/>.</summary>
    private static DateTimeOffset Midnatt(DateOnly dato)
    {
        var lokal = dato.ToDateTime(TimeOnly.MinValue);
        var norge = TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo");
        return new DateTimeOffset(lokal, norge.GetUtcOffset(lokal));
    }
}
