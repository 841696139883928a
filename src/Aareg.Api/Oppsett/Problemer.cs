using Aareg.Tilgang;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Aareg.Api.Oppsett;

/// <summary>
/// RFC 9457 problem+json with the product's extensions <c>kode</c> and <c>korrelasjonsid</c> (API.md, Errors).
/// No stack traces, SQL or internal names ever reach a response.
/// </summary>
public static class Problemer
{
    public static ProblemHttpResult Lag(HttpContext http, int status, string kode, string tittel, string detalj, IDictionary<string, string[]>? feil = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        var problem = feil is null ? new ProblemDetails() : new HttpValidationProblemDetails(feil);
        problem.Status = status;
        problem.Title = tittel;
        problem.Detail = detalj;
        problem.Type = $"https://aareg.local/problemer/{kode}";
        problem.Instance = http.Request.Path;
        problem.Extensions["kode"] = kode;
        problem.Extensions["korrelasjonsid"] = Korrelasjon.Hent(http);
        return TypedResults.Problem(problem);
    }

    public static ProblemHttpResult UgyldigForespoersel(HttpContext http, string detalj, IDictionary<string, string[]>? feil = null) =>
        Lag(http, StatusCodes.Status400BadRequest, Feilkoder.UgyldigForespoersel, "Ugyldig forespørsel", detalj, feil);

    public static ProblemHttpResult IkkeFunnet(HttpContext http, string detalj) =>
        Lag(http, StatusCodes.Status404NotFound, Feilkoder.IkkeFunnet, "Ikke funnet", detalj);

    public static ProblemHttpResult IkkeTilgang(HttpContext http, string kode, string detalj) =>
        Lag(http, StatusCodes.Status403Forbidden, kode, "Ingen tilgang", detalj);

    /// <summary>
    /// Fills in kode and korrelasjonsid on problems the framework writes itself (404 for unknown routes,
    /// 405, 413 from Kestrel, the exception handler's 500).
    /// </summary>
    public static void Berik(ProblemDetailsContext kontekst)
    {
        ArgumentNullException.ThrowIfNull(kontekst);
        var status = kontekst.ProblemDetails.Status ?? kontekst.HttpContext.Response.StatusCode;
        kontekst.ProblemDetails.Extensions.TryAdd("kode", status switch
        {
            400 => Feilkoder.UgyldigForespoersel,
            401 => Feilkoder.IkkeAutentisert,
            403 => Feilkoder.IkkeTilgang,
            404 => Feilkoder.IkkeFunnet,
            413 => Feilkoder.ForStor,
            415 => Feilkoder.FeilInnholdstype,
            429 => Feilkoder.ForMangeForespoersler,
            _ => $"AA-{status}",
        });
        kontekst.ProblemDetails.Extensions["korrelasjonsid"] = Korrelasjon.Hent(kontekst.HttpContext);
        kontekst.ProblemDetails.Instance ??= kontekst.HttpContext.Request.Path;
        if (status >= 500)
        {
            // Never leak exception text.
            kontekst.ProblemDetails.Detail = "En intern feil oppstod. Oppgi korrelasjonsid ved henvendelse.";
            kontekst.ProblemDetails.Extensions.Remove("exception");
            kontekst.ProblemDetails.Extensions.Remove("traceId");
        }
    }
}
