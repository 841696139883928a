using Aareg.Api.Oppsett;
using Aareg.Storage.Tilgang;
using Aareg.Tilgang;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Aareg.Api.Endpoints;

public sealed record AvtaleDto(
    string Id,
    int Versjon,
    string Konsument,
    string Status,
    IReadOnlyList<string> Formaal,
    IReadOnlyList<string> Dataelementer,
    IReadOnlyList<string> Kanaler,
    IReadOnlyList<string> Scopes,
    string? Databehandler,
    DateOnly GyldigFra,
    DateOnly? GyldigTil,
    bool Otp,
    bool SeAdressebeskyttede,
    bool SkjultForPerson,
    string? SkjultHjemmel,
    int? MaksOppslagPerMinutt,
    Kontaktpersoner? Kontaktpersoner,
    string? Grunnlag,
    DateTimeOffset Endret,
    string EndretAv,
    IReadOnlyList<AvtaleDto>? Versjoner = null)
{
    public static AvtaleDto Fra(Avtale a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new AvtaleDto(
            a.Id, a.Versjon, a.Konsument, AvtaleApi.Statuskode(a.Status), a.Formaal, a.Dataelementer, a.Kanaler, a.Scopes,
            a.Databehandler, a.GyldigFra, a.GyldigTil, a.Otp, a.SeAdressebeskyttede, a.SkjultForPerson, a.SkjultHjemmel,
            a.MaksOppslagPerMinutt, a.Kontaktpersoner, a.Grunnlag, a.Endret, a.EndretAv);
    }
}

public sealed record AvtaleendringBody(string? Begrunnelse);

/// <summary>
/// Agreements (API §7): the consumer organisation's right holders see and manage their own (contact persons,
/// termination: Bruksvilkår pkt. 15.1 and 20.2); the owner's case workers see all and may suspend and resume.
/// Every change is a new version saying who made it and when.
/// </summary>
public static class AvtaleApi
{
    public static IEndpointRouteBuilder MapAvtaleApi(this IEndpointRouteBuilder app)
    {
        var gruppe = app.MapGroup("/api/v1/avtaler").WithTags("Avtaler").RequireAuthorization();

        gruppe.MapGet("", ListAsync).WithName("ListAvtaler")
            .WithSummary("Organisasjonens avtaler (person med rettighet, Nav-Organisasjonsnummer; eller konsumentens eget token); saksbehandler: alle")
            .Produces<IReadOnlyList<AvtaleDto>>().ProducesProblem(400).ProducesProblem(403);
        gruppe.MapGet("/{id}", HentAsync).WithName("HentAvtale")
            .WithSummary("En avtale med alle versjonene")
            .Produces<AvtaleDto>().ProducesProblem(403).ProducesProblem(404);
        gruppe.MapPut("/{id}/kontaktpersoner", EndreKontaktpersonerAsync).WithName("EndreKontaktpersoner")
            .WithSummary("Endrer avtalens fire kontaktpersoner (ny versjon)")
            .Produces<AvtaleDto>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        gruppe.MapPost("/{id}/avslutt", AvsluttAsync).WithName("AvsluttAvtale")
            .WithSummary("Avslutter avtalen (organisasjonens rettighetshaver eller saksbehandler)")
            .Produces<AvtaleDto>().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        gruppe.MapPost("/{id}/suspender", (HttpContext http, Kallerkontekst k, string id, Saksbehandlere s, IAvtaleStore store, TimeProvider tid, CancellationToken ct) =>
                EndreStatusAsync(http, k, id, Avtalestatus.Aktiv, Avtalestatus.Suspendert, s, store, tid, ct))
            .WithName("SuspenderAvtale").WithSummary("Saksbehandler suspenderer avtalen (oppslag avvises til den gjenopptas)")
            .Produces<AvtaleDto>().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        gruppe.MapPost("/{id}/gjenoppta", (HttpContext http, Kallerkontekst k, string id, Saksbehandlere s, IAvtaleStore store, TimeProvider tid, CancellationToken ct) =>
                EndreStatusAsync(http, k, id, Avtalestatus.Suspendert, Avtalestatus.Aktiv, s, store, tid, ct))
            .WithName("GjenopptaAvtale").WithSummary("Saksbehandler gjenopptar en suspendert avtale")
            .Produces<AvtaleDto>().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        return app;
    }

    public static string Statuskode(Avtalestatus status) => status switch
    {
        Avtalestatus.Aktiv => "AKTIV",
        Avtalestatus.Suspendert => "SUSPENDERT",
        _ => "AVSLUTTET",
    };

    private static async Task<Results<Ok<IReadOnlyList<AvtaleDto>>, ProblemHttpResult>> ListAsync(
        HttpContext http, Kallerkontekst kaller, string? konsument,
        [FromHeader(Name = Tilgangsforvaltning.OrganisasjonHeader)] string? orgHeader,
        Saksbehandlere saksbehandlere, Tilgangsforvaltning forvaltning, IAvtaleStore store, CancellationToken ct)
    {
        if (saksbehandlere.ErSaksbehandler(http, kaller) && orgHeader is null)
        {
            var alle = konsument is null ? await store.ListAsync(ct) : await store.FinnForKonsumentAsync(konsument, ct);
            return TypedResults.Ok<IReadOnlyList<AvtaleDto>>([.. alle.Select(AvtaleDto.Fra)]);
        }

        // A consumer's own (Maskinporten) token sees its own agreements.
        if (kaller.Pid is null && kaller.Consumer is { } egen)
        {
            return TypedResults.Ok<IReadOnlyList<AvtaleDto>>([.. (await store.FinnForKonsumentAsync(egen, ct)).Select(AvtaleDto.Fra)]);
        }

        var (orgnr, problem) = SoknadApi.Orgnr(http, orgHeader);
        if (problem is not null)
        {
            return problem;
        }

        if (await SoknadApi.KrevRettAsync(http, kaller, orgnr!, forvaltning, ct) is { } ingenRett)
        {
            return ingenRett;
        }

        return TypedResults.Ok<IReadOnlyList<AvtaleDto>>([.. (await store.FinnForKonsumentAsync(orgnr!, ct)).Select(AvtaleDto.Fra)]);
    }

    private static async Task<Results<Ok<AvtaleDto>, ProblemHttpResult>> HentAsync(
        HttpContext http, Kallerkontekst kaller, string id, Saksbehandlere saksbehandlere, Tilgangsforvaltning forvaltning, IAvtaleStore store, CancellationToken ct)
    {
        var (avtale, problem) = await HentMedTilgangAsync(http, kaller, id, tillatSaksbehandler: true, saksbehandlere, forvaltning, store, ct);
        if (problem is not null)
        {
            return problem;
        }

        var versjoner = new List<AvtaleDto>();
        for (var v = 1; v <= avtale!.Versjon; v++)
        {
            if (await store.HentAsync(id, v, ct) is { } versjon)
            {
                versjoner.Add(AvtaleDto.Fra(versjon));
            }
        }

        return TypedResults.Ok(AvtaleDto.Fra(avtale) with { Versjoner = versjoner });
    }

    private static async Task<Results<Ok<AvtaleDto>, ProblemHttpResult>> EndreKontaktpersonerAsync(
        HttpContext http, Kallerkontekst kaller, string id, [FromBody] Kontaktpersoner body,
        Saksbehandlere saksbehandlere, Tilgangsforvaltning forvaltning, IAvtaleStore store, TimeProvider tid, CancellationToken ct)
    {
        var (avtale, problem) = await HentMedTilgangAsync(http, kaller, id, tillatSaksbehandler: false, saksbehandlere, forvaltning, store, ct);
        if (problem is not null)
        {
            return problem;
        }

        if (avtale!.Status == Avtalestatus.Avsluttet)
        {
            return SoknadApi.Konflikt(http, "Avtalen er avsluttet.");
        }

        var feil = Soknadsregler.Valider(
                Soknadsinnhold.Tom with { Kontaktpersoner = body }, komplett: true, TilgangOppsett.Dataelementnavn, _ => null)
            .Where(p => p.Key.StartsWith("kontaktpersoner", StringComparison.Ordinal))
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        if (feil.Count > 0)
        {
            return Problemer.UgyldigForespoersel(http, "Kontaktpersonene er ikke komplette.", feil);
        }

        var lagret = await store.LagreNyVersjonAsync(
            avtale with { Kontaktpersoner = body, Endret = tid.GetUtcNow(), EndretAv = kaller.Pid!, Grunnlag = "kontaktpersoner" }, ct);
        return TypedResults.Ok(AvtaleDto.Fra(lagret));
    }

    private static async Task<Results<Ok<AvtaleDto>, ProblemHttpResult>> AvsluttAsync(
        HttpContext http, Kallerkontekst kaller, string id,
        Saksbehandlere saksbehandlere, Tilgangsforvaltning forvaltning, IAvtaleStore store, TimeProvider tid, CancellationToken ct)
    {
        var (avtale, problem) = await HentMedTilgangAsync(http, kaller, id, tillatSaksbehandler: true, saksbehandlere, forvaltning, store, ct);
        if (problem is not null)
        {
            return problem;
        }

        if (avtale!.Status == Avtalestatus.Avsluttet)
        {
            return SoknadApi.Konflikt(http, "Avtalen er allerede avsluttet.");
        }

        var naa = tid.GetUtcNow();
        var idag = DateOnly.FromDateTime(naa.UtcDateTime);
        var lagret = await store.LagreNyVersjonAsync(
            avtale with
            {
                Status = Avtalestatus.Avsluttet,
                GyldigTil = avtale.GyldigTil is { } til && til < idag ? til : idag,
                Endret = naa,
                EndretAv = kaller.Pid ?? Saksbehandlere.Hvem(http),
                Grunnlag = "avslutt",
            },
            ct);
        return TypedResults.Ok(AvtaleDto.Fra(lagret));
    }

    private static async Task<Results<Ok<AvtaleDto>, ProblemHttpResult>> EndreStatusAsync(
        HttpContext http, Kallerkontekst kaller, string id, Avtalestatus fra, Avtalestatus til,
        Saksbehandlere saksbehandlere, IAvtaleStore store, TimeProvider tid, CancellationToken ct)
    {
        if (!saksbehandlere.ErSaksbehandler(http, kaller))
        {
            return Problemer.IkkeTilgang(http, Feilkoder.IkkeTilgang, $"Krever rollen {Saksbehandlere.Rolle}.");
        }

        var avtale = await store.HentAsync(id, ct: ct);
        if (avtale is null)
        {
            return Problemer.IkkeFunnet(http, "Fant ingen avtale med denne id-en.");
        }

        if (avtale.Status != fra)
        {
            return SoknadApi.Konflikt(http, $"Avtalen er {Statuskode(avtale.Status)}, ikke {Statuskode(fra)}.");
        }

        var lagret = await store.LagreNyVersjonAsync(
            avtale with { Status = til, Endret = tid.GetUtcNow(), EndretAv = Saksbehandlere.Hvem(http), Grunnlag = til == Avtalestatus.Suspendert ? "suspender" : "gjenoppta" },
            ct);
        return TypedResults.Ok(AvtaleDto.Fra(lagret));
    }

    /// <summary>The agreement, if the caller is a case worker (when allowed) or a person with the right for its consumer.</summary>
    private static async Task<(Avtale? Avtale, ProblemHttpResult? Problem)> HentMedTilgangAsync(
        HttpContext http, Kallerkontekst kaller, string id, bool tillatSaksbehandler,
        Saksbehandlere saksbehandlere, Tilgangsforvaltning forvaltning, IAvtaleStore store, CancellationToken ct)
    {
        var avtale = await store.HentAsync(id, ct: ct);
        if (avtale is null)
        {
            return (null, Problemer.IkkeFunnet(http, "Fant ingen avtale med denne id-en."));
        }

        if (tillatSaksbehandler && saksbehandlere.ErSaksbehandler(http, kaller))
        {
            return (avtale, null);
        }

        return await SoknadApi.KrevRettAsync(http, kaller, avtale.Konsument, forvaltning, ct) is { } ingenRett ? (null, ingenRett) : (avtale, null);
    }
}
