using Aareg.Api.Oppsett;
using Aareg.Api.Register;
using Aareg.Domain.Identer;
using Aareg.Domain.Tid;
using Aareg.Mottak;
using Aareg.Storage;
using Aareg.Tilgang;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Aareg.Api.Endpoints;

/// <summary>Intake of a-meldinger for employers and payroll systems (API §5, scope <c>nav:aareg/v1/mottak</c>).</summary>
public static class MottakApi
{
    public static IEndpointRouteBuilder MapMottakApi(this IEndpointRouteBuilder app)
    {
        var gruppe = app.MapGroup("/api/v1/a-melding")
            .WithTags("Mottak")
            .KreverScope(Scopes.Mottak);

        gruppe.MapPost("/", SendAsync)
            .WithName("SendAMelding")
            .WithSummary("Send en a-melding (XML eller JSON)")
            .WithDescription("""
                Tar imot én a-melding for én opplysningspliktig og én kalendermåned, som XML (navnerom
                `urn:ske:fastsetting:innsamling:a-meldingen:v2_3` eller `v2_2`) eller JSON (`{"leveranse": …}`).
                Meldingen lagres varig før svaret sendes, også når den avvises. `201` med kvittering for en ny melding;
                `200` med den opprinnelige kvitteringen når samme melding (eller samme `Idempotency-Key` og innhold)
                sendes igjen; `409` når en `Idempotency-Key` gjenbrukes med annet innhold.
                """)
            .Accepts<string>("application/xml", "application/json")
            .Produces<KvitteringDto>(StatusCodes.Status201Created)
            .Produces<KvitteringDto>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        gruppe.MapGet("/{mottaksId:guid}", HentKvitteringAsync)
            .WithName("HentKvittering")
            .WithSummary("Kvittering og behandlingsstatus for en mottatt melding")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        gruppe.MapGet("/{mottaksId:guid}/tilbakemelding", HentTilbakemeldingAsync)
            .WithName("HentTilbakemelding")
            .WithSummary("Tilbakemelding (avvik) for en mottatt melding")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        gruppe.MapGet("/", HentMaanedAsync)
            .WithName("HentMaanedsoversikt")
            .WithSummary("Månedens meldinger for en opplysningspliktig, med status (gyldig, erstattet, avvist)")
            .WithDescription("""
                Opplysningspliktig oppgis i headeren `Nav-Opplysningspliktigident` (påkrevd når den er en person,
                siden fødselsnummer ikke skal stå i URL) eller, for et organisasjonsnummer, i query-parameteren
                `opplysningspliktig`.
                """)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        return app;
    }

    private static async Task<Results<Created<KvitteringDto>, Ok<KvitteringDto>, ProblemHttpResult>> SendAsync(
        HttpContext http,
        Mottaksbehandler behandler,
        IOptions<MottaksInnstillinger> innstillinger,
        Registersignal registersignal,
        CancellationToken ct)
    {
        var format = FormatFra(http.Request.ContentType);
        if (format is null)
        {
            return Problemer.Lag(
                http, StatusCodes.Status415UnsupportedMediaType, Feilkoder.FeilInnholdstype, "Feil innholdstype",
                "Send a-meldingen som application/xml eller application/json.");
        }

        var maks = innstillinger.Value.MaksStoerrelse;
        if (await LesKroppAsync(http, maks, ct) is not { } innhold)
        {
            return Problemer.Lag(
                http, StatusCodes.Status413PayloadTooLarge, Feilkoder.ForStor, "For stor melding",
                $"Meldingen er større enn grensen på {maks / (1024 * 1024)} MB. Del leveransen, eller bruk kommandolinjeimport.");
        }

        var noekkel = http.Request.Headers["Idempotency-Key"].ToString();
        if (noekkel.Length > 255)
        {
            return Problemer.UgyldigForespoersel(http, "Idempotency-Key kan ikke være lengre enn 255 tegn.");
        }

        var kaller = Kallerkontekst.Fra(http.User);
        var resultat = await behandler.MottaAsync(
            new Mottaksforespoersel(
                innhold,
                format.Value,
                Avsender(kaller),
                noekkel.Length == 0 ? null : noekkel,
                o => innstillinger.Value.KanSendeFor(o, kaller.Consumer, kaller.Supplier, kaller.Pid)),
            ct);

        if (resultat.Utfall == Mottaksutfall.Mottatt)
        {
            // Wake the register worker: the melding is durably queued and should be applied at once.
            registersignal.Signaliser();
        }

        return resultat.Utfall switch
        {
            Mottaksutfall.Mottatt => TypedResults.Created($"/api/v1/a-melding/{resultat.Kvittering!.MottaksId}", KvitteringDto.Fra(resultat.Kvittering)),
            Mottaksutfall.Gjentatt => TypedResults.Ok(KvitteringDto.Fra(resultat.Kvittering!)),
            Mottaksutfall.IdempotensKonflikt => Problemer.Lag(
                http, StatusCodes.Status409Conflict, Feilkoder.IdempotensKonflikt, "Idempotency-Key er brukt før",
                "Idempotency-Key er allerede brukt med et annet innhold."),
            _ => Problemer.IkkeTilgang(
                http, Feilkoder.IkkeRettForOpplysningspliktig,
                "Tokenets organisasjon er ikke meldingens opplysningspliktige, og har ikke fått delegert innsending for den."),
        };
    }

    private static async Task<Results<Ok<KvitteringDto>, ProblemHttpResult>> HentKvitteringAsync(
        Guid mottaksId, HttpContext http, IMeldingStore store, IOptions<MottaksInnstillinger> innstillinger, CancellationToken ct)
    {
        var (kvittering, problem) = await HentEgenAsync(mottaksId, http, store, innstillinger.Value, ct);
        return problem is not null ? problem : TypedResults.Ok(KvitteringDto.Fra(kvittering!));
    }

    private static async Task<Results<Ok<TilbakemeldingDto>, ProblemHttpResult>> HentTilbakemeldingAsync(
        Guid mottaksId, HttpContext http, IMeldingStore store, IOptions<MottaksInnstillinger> innstillinger, CancellationToken ct)
    {
        var (kvittering, problem) = await HentEgenAsync(mottaksId, http, store, innstillinger.Value, ct);
        return problem is not null ? problem : TypedResults.Ok(TilbakemeldingDto.Fra(kvittering!));
    }

    private static async Task<Results<Ok<MaanedsoversiktDto>, ProblemHttpResult>> HentMaanedAsync(
        HttpContext http,
        IMeldingStore store,
        IOptions<MottaksInnstillinger> innstillinger,
        string? opplysningspliktig,
        string? kalendermaaned,
        CancellationToken ct)
    {
        var fraHeader = http.Request.Headers["Nav-Opplysningspliktigident"].ToString();
        var ident = fraHeader.Length > 0 ? fraHeader : opplysningspliktig;
        var feil = new Dictionary<string, string[]>();
        if (string.IsNullOrEmpty(ident))
        {
            feil["opplysningspliktig"] = ["Oppgi opplysningspliktig i headeren Nav-Opplysningspliktigident eller query-parameteren opplysningspliktig."];
        }
        else if (fraHeader.Length == 0 && !Organisasjonsnummer.TryParse(ident, out _))
        {
            // A person ident must never travel in a URL (API.md: idents in headers).
            feil["opplysningspliktig"] = ["Query-parameteren tar bare organisasjonsnummer; bruk headeren Nav-Opplysningspliktigident for en person."];
        }

        if (!Kalendermaaned.TryParse(kalendermaaned, out var maaned))
        {
            feil["kalendermaaned"] = ["Oppgi kalendermaaned som ÅÅÅÅ-MM."];
        }

        if (feil.Count > 0)
        {
            return Problemer.UgyldigForespoersel(http, "Ugyldige parametere.", feil);
        }

        var kaller = Kallerkontekst.Fra(http.User);
        if (!innstillinger.Value.KanSendeFor(ident!, kaller.Consumer, kaller.Supplier, kaller.Pid))
        {
            return Problemer.IkkeTilgang(http, Feilkoder.IkkeRettForOpplysningspliktig, "Ingen tilgang til meldingene til denne opplysningspliktige.");
        }

        var meldinger = await store.HentMaanedAsync(ident!, maaned, ct);
        return TypedResults.Ok(new MaanedsoversiktDto(ident!, maaned.ToString(), [.. meldinger.Select(KvitteringDto.Fra)]));
    }

    private static async Task<(Kvittering? Kvittering, ProblemHttpResult? Problem)> HentEgenAsync(
        Guid mottaksId, HttpContext http, IMeldingStore store, MottaksInnstillinger innstillinger, CancellationToken ct)
    {
        var kvittering = await store.HentKvitteringAsync(mottaksId, ct);
        if (kvittering is null)
        {
            return (null, Problemer.IkkeFunnet(http, "Ingen melding med denne mottaksId."));
        }

        var kaller = Kallerkontekst.Fra(http.User);
        var egen = kvittering.Avsender == Avsender(kaller)
            || (kvittering.Opplysningspliktig is { } o && innstillinger.KanSendeFor(o, kaller.Consumer, kaller.Supplier, kaller.Pid));
        return egen
            ? (kvittering, null)
            : (null, Problemer.IkkeTilgang(http, Feilkoder.IkkeRettForOpplysningspliktig, "Meldingen tilhører en annen opplysningspliktig."));
    }

    private static string Avsender(Kallerkontekst kaller) =>
        kaller.Supplier ?? kaller.Consumer ?? kaller.Pid ?? "ukjent";

    private static Meldingsformat? FormatFra(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType)
            || !Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var mediaType))
        {
            return null;
        }

        var type = mediaType.MediaType.Value ?? string.Empty;
        if (type.Equals("application/xml", StringComparison.OrdinalIgnoreCase)
            || type.Equals("text/xml", StringComparison.OrdinalIgnoreCase))
        {
            return Meldingsformat.Xml;
        }

        return type.Equals("application/json", StringComparison.OrdinalIgnoreCase) ? Meldingsformat.Json : null;
    }

    /// <summary>Reads the body up to <paramref name="maks"/> bytes; null when it is larger.</summary>
    private static async Task<ReadOnlyMemory<byte>?> LesKroppAsync(HttpContext http, long maks, CancellationToken ct)
    {
        if (http.Request.ContentLength > maks)
        {
            return null;
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } grense)
        {
            grense.MaxRequestBodySize = maks + 1;
        }

        using var buffer = new MemoryStream(http.Request.ContentLength is { } lengde ? (int)lengde : 64 * 1024);
        var blokk = new byte[81920];
        try
        {
            int lest;
            while ((lest = await http.Request.Body.ReadAsync(blokk, ct)) > 0)
            {
                if (buffer.Length + lest > maks)
                {
                    return null;
                }

                buffer.Write(blokk, 0, lest);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }

        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }
}
