using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Aareg.Tilgang;

/// <summary>
/// Writes the register's error contract (API.md "Errors": RFC 9457 <c>application/problem+json</c> with <c>kode</c>
/// and <c>korrelasjonsid</c>) for the authentication layer, which answers before any endpoint runs.
/// </summary>
internal static class Problemsvar
{
    public const string Uautentisert = "AA-401";
    public const string IkkeTilgang = "AA-403";
    public const string UgyldigForespoersel = "AA-400";

    internal const string ContentType = "application/problem+json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static ProblemDetails Lag(HttpContext context, int status, string kode, string detail)
    {
        var problem = new ProblemDetails
        {
            Type = status switch
            {
                StatusCodes.Status401Unauthorized => "https://tools.ietf.org/html/rfc9110#section-15.5.2",
                StatusCodes.Status403Forbidden => "https://tools.ietf.org/html/rfc9110#section-15.5.4",
                _ => "https://tools.ietf.org/html/rfc9110#section-15.5.1",
            },
            Title = status switch
            {
                StatusCodes.Status401Unauthorized => "Ikke autentisert",
                StatusCodes.Status403Forbidden => "Ingen tilgang",
                _ => "Ugyldig forespørsel",
            },
            Status = status,
            Detail = detail,
            Instance = context.Request.Path.Value,
        };
        problem.Extensions["kode"] = kode;
        problem.Extensions["korrelasjonsid"] = Korrelasjon.Hent(context);
        return problem;
    }

    public static Task SkrivAsync(HttpContext context, int status, string kode, string detail)
    {
        // A policy naming several schemes forbids each of them; only the first may write the body.
        if (context.Response.HasStarted)
        {
            return Task.CompletedTask;
        }

        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(Lag(context, status, kode, detail), Json, ContentType);
    }

    /// <summary>401 with the RFC 6750 challenge header; <c>invalid_token</c> only when a token was actually sent.</summary>
    public static Task SkrivUautentisertAsync(HttpContext context, bool tokenAvvist, string detail)
    {
        if (context.Response.HasStarted)
        {
            return Task.CompletedTask;
        }

        context.Response.Headers.WWWAuthenticate = tokenAvvist ? "Bearer error=\"invalid_token\"" : "Bearer";
        return SkrivAsync(context, StatusCodes.Status401Unauthorized, Uautentisert, detail);
    }
}
