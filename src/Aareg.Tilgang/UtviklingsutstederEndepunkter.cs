using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Aareg.Tilgang;

/// <summary>Body of <c>POST /dev/token</c>.</summary>
public sealed record TokenBody(
    string? Scope,
    string? Consumer,
    string? Supplier = null,
    string? Pid = null,
    IReadOnlyList<string>? Roller = null,
    string? Acr = null);

/// <summary>OAuth 2.0 token response (RFC 6749 §5.1 field names).</summary>
public sealed record TokenSvar(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] int ExpiresIn);

public static class UtviklingsutstederEndepunkter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Maps <c>POST /dev/token</c> and <c>GET /dev/jwks</c> — only when the development issuer is on (it is then
    /// registered by <see cref="TilgangRegistrering.AddAaregAutentisering"/>); otherwise the routes do not exist.
    /// </summary>
    public static IEndpointRouteBuilder MapUtviklingsutsteder(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.ServiceProvider.GetService<Utviklingsutsteder>() is null)
        {
            return app;
        }

        var gruppe = app.MapGroup("/dev").WithTags("Utvikling").AllowAnonymous();

        gruppe.MapPost("/token", LagToken)
            .WithName("LagUtviklingstoken")
            .WithSummary("Lager et token fra utviklingsutstederen (kun når den er slått på)")
            .WithDescription("Maskinporten-formede consumer/supplier, ID-porten-formet pid/acr og saksbehandlerroller. Syntetiske personidenter er tillatt.")
            .Accepts<TokenBody>("application/json")
            .Produces<TokenSvar>()
            .ProducesValidationProblem();

        gruppe.MapGet("/jwks", (Utviklingsutsteder utsteder) => Results.Text(utsteder.Jwks(), "application/json"))
            .WithName("HentUtviklingsJwks")
            .WithSummary("Utviklingsutstederens offentlige nøkler (JWKS)")
            .Produces(StatusCodes.Status200OK, contentType: "application/json");

        return app;
    }

    private static async Task<Results<Ok<TokenSvar>, ValidationProblem, ProblemHttpResult>> LagToken(
        HttpContext context,
        Utviklingsutsteder utsteder)
    {
        TokenBody? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<TokenBody>(context.Request.Body, Json, context.RequestAborted);
        }
        catch (JsonException)
        {
            body = null;
        }

        if (body is null)
        {
            var problem = Problemsvar.Lag(context, StatusCodes.Status400BadRequest, Problemsvar.UgyldigForespoersel, "Kroppen må være et JSON-objekt {scope, consumer, supplier?, pid?, roller?, acr?}.");
            return TypedResults.Problem(problem);
        }

        var foresporsel = new TokenForespoersel(body.Scope ?? "", body.Consumer, body.Supplier, body.Pid, body.Roller, body.Acr);
        var feil = Utviklingsutsteder.Valider(foresporsel);
        if (feil.Count > 0)
        {
            return TypedResults.ValidationProblem(
                feil,
                detail: "Forespørselen om token er ugyldig.",
                instance: context.Request.Path.Value,
                extensions: new Dictionary<string, object?>
                {
                    ["kode"] = Problemsvar.UgyldigForespoersel,
                    ["korrelasjonsid"] = Korrelasjon.Hent(context),
                });
        }

        var token = utsteder.LagToken(foresporsel);
        return TypedResults.Ok(new TokenSvar(token, "Bearer", (int)Utviklingsutsteder.StandardLevetid.TotalSeconds));
    }
}
