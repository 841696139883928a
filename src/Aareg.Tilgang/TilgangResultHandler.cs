using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;

namespace Aareg.Tilgang;

/// <summary>
/// Hands the authorization failure reasons (e.g. "Mangler scope …") to the scheme's forbid response through
/// <see cref="HttpContext.Items"/>, so the 403 problem body says what is missing (API.md "Errors": 403 … the body
/// says which). Challenge and forbid themselves stay the framework's.
/// </summary>
internal sealed class TilgangResultHandler : IAuthorizationMiddlewareResultHandler
{
    internal const string DetaljNokkel = "aareg.tilgang.detalj";

    private readonly AuthorizationMiddlewareResultHandler standard = new();

    public Task HandleAsync(
        RequestDelegate next,
        HttpContext context,
        AuthorizationPolicy policy,
        PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (authorizeResult.Forbidden && authorizeResult.AuthorizationFailure is { } feil)
        {
            var grunner = feil.FailureReasons
                .Select(g => g.Message)
                .Where(m => !string.IsNullOrWhiteSpace(m))
                .ToArray();
            if (grunner.Length > 0)
            {
                context.Items[DetaljNokkel] = string.Join(" ", grunner);
            }
        }

        return standard.HandleAsync(next, context, policy, authorizeResult);
    }

    /// <summary>The detail for a 403 body: the recorded reasons, or a generic sentence.</summary>
    internal static string Detalj(HttpContext context) =>
        context.Items.TryGetValue(DetaljNokkel, out var d) && d is string tekst ? tekst : "Mangler tilgang til denne ressursen.";
}
