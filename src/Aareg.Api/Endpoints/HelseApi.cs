using Aareg.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Aareg.Api.Endpoints;

/// <summary>Liveness and readiness for the orchestrator.</summary>
public static class HelseApi
{
    public static IEndpointRouteBuilder MapHelseApi(this IEndpointRouteBuilder app)
    {
        var gruppe = app.MapGroup("/health").WithTags("Helse").AllowAnonymous();

        gruppe.MapGet("/live", () => TypedResults.Ok(new HelseDto("UP")))
            .WithName("Liveness")
            .WithSummary("Prosessen lever");

        gruppe.MapGet("/ready", KlarAsync)
            .WithName("Readiness")
            .WithSummary("Tjenesten er klar: lageret svarer");

        return app;
    }

    private static async Task<Results<Ok<HelseDto>, JsonHttpResult<HelseDto>>> KlarAsync(IMeldingStore store, CancellationToken ct)
    {
        try
        {
            await store.TellAsync(ct);
            return TypedResults.Ok(new HelseDto("UP"));
        }
#pragma warning disable CA1031 // readiness must answer "not ready", whatever the store's failure is
        catch (Exception)
#pragma warning restore CA1031
        {
            return TypedResults.Json(new HelseDto("DOWN"), statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}

public sealed record HelseDto(string Status);
