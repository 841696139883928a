using Aareg.Api.Oppsett;
using Aareg.Domain.Identer;
using Aareg.Mottak;
using Aareg.Storage.Tilgang;
using Aareg.Tilgang;
using Aareg.Tilgang.Avtaler;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Aareg.Api.Endpoints;

/// <summary>The person given the right (<c>mottaker</c>, a fødselsnummer or d-nummer) for the organisation.</summary>
public sealed record DelegeringBody(string? Organisasjonsnummer, string? Mottaker);

public sealed record DelegeringDto(
    string Id,
    string Organisasjonsnummer,
    string Mottaker,
    string GittAv,
    string GittAvRolle,
    DateTimeOffset Opprettet,
    DateTimeOffset? Tilbakekalt,
    string? TilbakekaltAv,
    bool Gjeldende)
{
    public static DelegeringDto Fra(Delegering d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new DelegeringDto(d.Id, d.Organisasjonsnummer, d.Mottaker, d.GittAv, d.GittAvRolle, d.Opprettet, d.Tilbakekalt, d.TilbakekaltAv, d.ErGjeldende);
    }
}

/// <summary>
/// Delegation of the right «Søke om tilgang til Aa-registeret og forvalte avtaleforhold»: only a holder of one of the
/// Enhetsregisteret roles may give or revoke it (the source document: «Rettigheten kan delegeres til andre»); a
/// delegate cannot pass it on.
/// </summary>
public static class RettighetApi
{
    public static IEndpointRouteBuilder MapRettighetApi(this IEndpointRouteBuilder app)
    {
        var gruppe = app.MapGroup("/api/v1/rettigheter/delegeringer").WithTags("Rettigheter").RequireAuthorization();

        gruppe.MapPost("", DelegerAsync).WithName("Deleger")
            .WithSummary("En rolleinnehaver delegerer retten til å søke og forvalte avtaler til en person")
            .Produces<DelegeringDto>(StatusCodes.Status201Created).ProducesProblem(400).ProducesProblem(403);
        gruppe.MapDelete("/{id}", TilbakekallAsync).WithName("TilbakekallDelegering")
            .WithSummary("En rolleinnehaver tilbakekaller en delegering")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(403).ProducesProblem(404);
        gruppe.MapGet("", ListAsync).WithName("ListDelegeringer")
            .WithSummary("Organisasjonens delegeringer (Nav-Organisasjonsnummer), også tilbakekalte")
            .Produces<IReadOnlyList<DelegeringDto>>().ProducesProblem(400).ProducesProblem(403);
        return app;
    }

    private static async Task<Results<Created<DelegeringDto>, ProblemHttpResult>> DelegerAsync(
        HttpContext http, Kallerkontekst kaller, [FromBody] DelegeringBody body,
        [FromHeader(Name = Tilgangsforvaltning.OrganisasjonHeader)] string? orgHeader,
        Tilgangsforvaltning forvaltning, IDelegeringStore store, MottaksInnstillinger innstillinger, TimeProvider tid, CancellationToken ct)
    {
        var (orgnr, problem) = SoknadApi.Orgnr(http, body.Organisasjonsnummer ?? orgHeader);
        if (problem is not null)
        {
            return problem;
        }

        // The value is never echoed: a person ident is personal data.
        if (!Personident.TryParse(body.Mottaker, innstillinger.TillatSyntetiske, out var mottaker))
        {
            return Problemer.UgyldigForespoersel(http, "Ugyldig mottaker.", new Dictionary<string, string[]> { ["mottaker"] = ["Mottaker må være et gyldig fødselsnummer eller d-nummer."] });
        }

        var (rolle, ingenRolle) = await KrevRolleAsync(http, kaller, orgnr!, forvaltning, ct);
        if (ingenRolle is not null)
        {
            return ingenRolle;
        }

        var delegering = new Delegering(
            Guid.CreateVersion7().ToString("N"), orgnr!, mottaker.Verdi, kaller.Pid!, rolle!, tid.GetUtcNow(), null, null);
        await store.LagreAsync(delegering, ct);
        return TypedResults.Created($"/api/v1/rettigheter/delegeringer/{delegering.Id}", DelegeringDto.Fra(delegering));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> TilbakekallAsync(
        HttpContext http, Kallerkontekst kaller, string id, Tilgangsforvaltning forvaltning, IDelegeringStore store, TimeProvider tid, CancellationToken ct)
    {
        var delegering = await store.HentAsync(id, ct);
        if (delegering is null)
        {
            return Problemer.IkkeFunnet(http, "Fant ingen delegering med denne id-en.");
        }

        var (_, ingenRolle) = await KrevRolleAsync(http, kaller, delegering.Organisasjonsnummer, forvaltning, ct);
        if (ingenRolle is not null)
        {
            return ingenRolle;
        }

        if (delegering.ErGjeldende)
        {
            await store.LagreAsync(delegering with { Tilbakekalt = tid.GetUtcNow(), TilbakekaltAv = kaller.Pid }, ct);
        }

        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<IReadOnlyList<DelegeringDto>>, ProblemHttpResult>> ListAsync(
        HttpContext http, Kallerkontekst kaller,
        [FromHeader(Name = Tilgangsforvaltning.OrganisasjonHeader)] string? orgHeader,
        Tilgangsforvaltning forvaltning, IDelegeringStore store, CancellationToken ct)
    {
        var (orgnr, problem) = SoknadApi.Orgnr(http, orgHeader);
        if (problem is not null)
        {
            return problem;
        }

        if (await SoknadApi.KrevRettAsync(http, kaller, orgnr!, forvaltning, ct) is { } ingenRett)
        {
            return ingenRett;
        }

        return TypedResults.Ok<IReadOnlyList<DelegeringDto>>([.. (await store.ListForOrganisasjonAsync(orgnr!, ct)).Select(DelegeringDto.Fra)]);
    }

    private static async Task<(string? Rolle, ProblemHttpResult? Problem)> KrevRolleAsync(
        HttpContext http, Kallerkontekst kaller, string orgnr, Tilgangsforvaltning forvaltning, CancellationToken ct)
    {
        if (SoknadApi.KrevPerson(http, kaller) is { } ikkePerson)
        {
            return (null, ikkePerson);
        }

        return await forvaltning.RolleAsync(kaller.Pid!, orgnr, ct) is { } rolle
            ? (rolle, null)
            : (null, Problemer.IkkeTilgang(http, Feilkoder.IkkeTilgang,
                $"Bare innehavere av rollene {string.Join(", ", Soknadsrett.Roller.Order(StringComparer.Ordinal))} i Enhetsregisteret for {orgnr} kan gi og tilbakekalle delegeringer."));
    }
}
