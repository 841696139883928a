using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Aareg.Tilgang;

/// <summary>
/// Requires a scope in the caller's token (API.md §1–§5). Being its own handler, it needs no DI registration
/// (the framework's pass-through handler runs requirements that handle themselves).
/// </summary>
public sealed class ScopeKrav(string scope) : AuthorizationHandler<ScopeKrav>, IAuthorizationRequirement
{
    public string Scope { get; } = scope;

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeKrav requirement)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(requirement);
        if (context.User.Identity?.IsAuthenticated != true)
        {
            return Task.CompletedTask;
        }

        if (Kallerkontekst.Fra(context.User).HarScope(requirement.Scope))
        {
            context.Succeed(requirement);
        }
        else
        {
            // The reason becomes the 403 body's detail: API.md says the body says which right is missing.
            context.Fail(new AuthorizationFailureReason(this, $"Mangler scope {requirement.Scope}."));
        }

        return Task.CompletedTask;
    }
}

public static class ScopeAutorisasjon
{
    /// <summary>401 without a valid token; 403 <c>AA-403</c> "Mangler scope …" when the token lacks <paramref name="scope"/>.</summary>
    public static RouteHandlerBuilder KreverScope(this RouteHandlerBuilder builder, string scope) =>
        builder.RequireAuthorization(Policy(scope));

    /// <inheritdoc cref="KreverScope(RouteHandlerBuilder, string)"/>
    public static RouteGroupBuilder KreverScope(this RouteGroupBuilder builder, string scope) =>
        builder.RequireAuthorization(Policy(scope));

    private static AuthorizationPolicy Policy(string scope)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(scope);
        return new AuthorizationPolicyBuilder()
            .RequireAuthenticatedUser()
            .AddRequirements(new ScopeKrav(scope))
            .Build();
    }
}
