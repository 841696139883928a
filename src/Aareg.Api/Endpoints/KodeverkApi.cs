using System.Globalization;
using Aareg.Api.Oppsett;
using Aareg.Domain.Kodeverk;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Aareg.Api.Endpoints;

/// <summary>Code lists (API §6). Open, no token: the maritime lists are public datasets.</summary>
public static class KodeverkApi
{
    public static IEndpointRouteBuilder MapKodeverkApi(this IEndpointRouteBuilder app)
    {
        var gruppe = app.MapGroup("/api/v1/kodeverk").WithTags("Kodeverk").AllowAnonymous();

        gruppe.MapGet("/", (IKodeverk kodeverk) => TypedResults.Ok(kodeverk.Navn))
            .WithName("HentKodeverkNavn")
            .WithSummary("Navnene på alle kodeverk");

        gruppe.MapGet("/{navn}/koder", HentKoder)
            .WithName("HentKoder")
            .WithSummary("Kodene i et kodeverk, eventuelt bare de som gjelder en dato")
            .WithDescription("`dato` (ÅÅÅÅ-MM-DD) gir kodene som var gyldige den dagen; uten dato kommer alle, også historiske.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    private static Results<Ok<KodeDto[]>, ProblemHttpResult> HentKoder(string navn, string? dato, IKodeverk kodeverk, HttpContext http)
    {
        DateOnly? paaDato = null;
        if (!string.IsNullOrEmpty(dato))
        {
            if (!DateOnly.TryParseExact(dato, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                return Problemer.UgyldigForespoersel(http, "dato må være på formen ÅÅÅÅ-MM-DD.", new Dictionary<string, string[]> { ["dato"] = ["Ugyldig dato."] });
            }

            paaDato = d;
        }

        var koder = kodeverk.Koder(navn, paaDato);
        return koder is null
            ? Problemer.IkkeFunnet(http, "Ukjent kodeverk.")
            : TypedResults.Ok(koder.Select(k => new KodeDto(k.Verdi, k.Beskrivelse, Dato(k.GyldigFra), k.GyldigTil is { } t ? Dato(t) : null)).ToArray());
    }

    private static string Dato(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>One code: <c>{kode, beskrivelse, gyldigFra, gyldigTil}</c>; gyldigTil absent while valid.</summary>
public sealed record KodeDto(string Kode, string Beskrivelse, string GyldigFra, string? GyldigTil);
