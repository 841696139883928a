using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Aareg.Tilgang;

/// <summary>Plugs the register's authentication (API.md §9) into an ASP.NET Core host.</summary>
public static class TilgangRegistrering
{
    /// <summary>The default scheme: a policy scheme that forwards to the issuer's own JWT bearer scheme.</summary>
    public const string Skjema = "Aareg";

    internal const string AvvistSkjema = "Aareg.Avvist";
    internal const string UtviklingSkjema = "Aareg.Utvikling";
    internal const string UtstederSkjemaPrefiks = "Aareg.Utsteder.";

    /// <summary>Only asymmetric signatures (API.md §9); this also shuts out <c>alg: none</c> and HS256 key confusion.</summary>
    private static readonly string[] Algoritmer = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256];

    /// <summary>Small tolerance for clock drift between the issuer and the register.</summary>
    private static readonly TimeSpan Klokkeavvik = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Registers JWT bearer validation for every issuer in <c>Aareg:Auth:Utstedere</c>, plus the development issuer
    /// when it is on (<see cref="UtviklingsutstederPaa"/>). Tokens from any other issuer are rejected with 401.
    /// Configuration errors (missing key files, duplicate issuers) fail here, at startup.
    /// </summary>
    public static IServiceCollection AddAaregAutentisering(
        this IServiceCollection services,
        IConfiguration configuration,
        IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);

        var seksjon = configuration.GetSection(AutentiseringOptions.Seksjon);
        services.AddOptions<AutentiseringOptions>().Bind(seksjon);
        var options = seksjon.Get<AutentiseringOptions>() ?? new AutentiseringOptions();
        Valider(options);

        var skjemaForIssuer = new Dictionary<string, string>(StringComparer.Ordinal);
        var auth = services.AddAuthentication(Skjema);

        foreach (var utsteder in options.Utstedere)
        {
            var skjema = UtstederSkjemaPrefiks + utsteder.Navn;
            skjemaForIssuer[utsteder.Issuer] = skjema;
            var statiske = StatiskeNokler(utsteder);
            var konfigurasjon = utsteder.JwksUri is { } uri ? Nokkelkilder.FraJwksUri(utsteder.Issuer, uri) : null;
            auth.AddJwtBearer(skjema, o =>
            {
                Felles(o, utsteder.Issuer, utsteder.Audience, statiske, utsteder.Type);
                o.ConfigurationManager = konfigurasjon;
            });
        }

        if (UtviklingsutstederPaa(configuration, environment))
        {
            var datamappe = configuration["Aareg:DataDirectory"] ?? "./data";
            var utvikling = Utviklingsutsteder.FraDatamappe(datamappe);
            services.AddSingleton(utvikling);
            skjemaForIssuer[Utviklingsutsteder.Issuer] = UtviklingSkjema;
            auth.AddJwtBearer(UtviklingSkjema, o =>
                Felles(o, Utviklingsutsteder.Issuer, Utviklingsutsteder.Audience, [utvikling.Signeringsnokkel], type: null));
        }

        auth.AddScheme<AuthenticationSchemeOptions, AvvistHandler>(AvvistSkjema, null);
        auth.AddPolicyScheme(Skjema, "Aareg bearer-token", o =>
            o.ForwardDefaultSelector = context => VelgSkjema(context, skjemaForIssuer));

        services.AddAuthorization();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, TilgangResultHandler>();
        return services;
    }

    /// <summary>On in the Development environment or when <c>Aareg:Auth:Utviklingsutsteder</c> is true; off otherwise.</summary>
    public static bool UtviklingsutstederPaa(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        return environment.IsDevelopment()
            || configuration.GetValue<bool>(AutentiseringOptions.Seksjon + ":" + nameof(AutentiseringOptions.Utviklingsutsteder));
    }

    /// <summary>
    /// Picks the JWT bearer scheme by the token's (not yet validated) <c>iss</c>; the chosen scheme then validates
    /// issuer, signature and lifetime for real. No token, an unreadable token or an unknown issuer go to a scheme
    /// that never authenticates.
    /// </summary>
    internal static string VelgSkjema(HttpContext context, IReadOnlyDictionary<string, string> skjemaForIssuer)
    {
        var token = BearerToken(context.Request);
        if (token is null)
        {
            return AvvistSkjema;
        }

        try
        {
            var issuer = new JsonWebToken(token).Issuer;
            return skjemaForIssuer.TryGetValue(issuer, out var skjema) ? skjema : AvvistSkjema;
        }
        catch (Exception e) when (e is ArgumentException or SecurityTokenException)
        {
            return AvvistSkjema;
        }
    }

    internal static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string prefiks = "Bearer ";
        if (!header.StartsWith(prefiks, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = header[prefiks.Length..].Trim();
        return token.Length == 0 ? null : token;
    }

    private static void Felles(
        JwtBearerOptions o,
        string issuer,
        string? audience,
        IReadOnlyList<SecurityKey> nokler,
        Utstedertype? type)
    {
        // Claim names stay as issued (scope, consumer, supplier, pid, roller), not WS-* URIs.
        o.MapInboundClaims = false;
        o.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidIssuer = issuer,
            ValidateAudience = audience is not null,
            ValidAudience = audience,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = Klokkeavvik,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            IssuerSigningKeys = nokler,
            ValidAlgorithms = Algoritmer,
            NameClaimType = Claimnavn.Subject,
            RoleClaimType = Claimnavn.Roller,
        };
        o.Events = new JwtBearerEvents
        {
            OnTokenValidated = context =>
            {
                if (type is { } t && context.Principal?.Identity is ClaimsIdentity identitet)
                {
                    FjernUbetrodde(identitet, t);
                }

                return Task.CompletedTask;
            },
            OnChallenge = context =>
            {
                context.HandleResponse();
                var detalj = context.AuthenticateFailure switch
                {
                    null => "Mangler token: send Authorization: Bearer <token>.",
                    SecurityTokenExpiredException => "Tokenet er utløpt.",
                    _ => "Tokenet er ugyldig.",
                };
                return Problemsvar.SkrivUautentisertAsync(context.HttpContext, context.AuthenticateFailure is not null, detalj);
            },
            OnForbidden = context => Problemsvar.SkrivAsync(
                context.HttpContext,
                StatusCodes.Status403Forbidden,
                Problemsvar.IkkeTilgang,
                TilgangResultHandler.Detalj(context.HttpContext)),
        };
    }

    /// <summary>
    /// Each issuer vouches only for its own kind of identity (API.md §9): a Maskinporten token cannot make its holder
    /// a person or a case worker, an ID-porten token cannot act for an organisation, and so on. Claims outside the
    /// issuer's remit are dropped before anything reads them. The development issuer plays every role.
    /// </summary>
    private static void FjernUbetrodde(ClaimsIdentity identitet, Utstedertype type)
    {
        string[] ubetrodde = type switch
        {
            Utstedertype.Maskinporten => [Claimnavn.Pid, Claimnavn.Acr, Claimnavn.Roller],
            Utstedertype.IdPorten => [Claimnavn.Consumer, Claimnavn.Supplier, Claimnavn.Roller],
            Utstedertype.Saksbehandler => [Claimnavn.Consumer, Claimnavn.Supplier, Claimnavn.Pid],
            _ => [],
        };
        foreach (var claim in identitet.Claims.Where(c => ubetrodde.Contains(c.Type, StringComparer.Ordinal)).ToList())
        {
            identitet.RemoveClaim(claim);
        }
    }

    private static List<SecurityKey> StatiskeNokler(UtstederOptions utsteder)
    {
        var nokler = new List<SecurityKey>();
        if (!string.IsNullOrWhiteSpace(utsteder.JwksFil))
        {
            nokler.AddRange(Nokkelkilder.FraJwksFil(utsteder.Navn, utsteder.JwksFil));
        }

        if (!string.IsNullOrWhiteSpace(utsteder.SigningKeysPem))
        {
            nokler.AddRange(Nokkelkilder.FraPem(utsteder.Navn, utsteder.SigningKeysPem));
        }

        return nokler;
    }

    private static void Valider(AutentiseringOptions options)
    {
        var feil = new List<string>();
        var navn = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var issuere = new HashSet<string>(StringComparer.Ordinal) { Utviklingsutsteder.Issuer };
        for (var i = 0; i < options.Utstedere.Count; i++)
        {
            var u = options.Utstedere[i];
            var hvem = $"{AutentiseringOptions.Seksjon}:Utstedere:{i}";
            if (string.IsNullOrWhiteSpace(u.Navn) || !u.Navn.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                feil.Add($"{hvem}: Navn må være satt (bokstaver, sifre, - og _).");
            }
            else if (!navn.Add(u.Navn))
            {
                feil.Add($"{hvem}: Navn '{u.Navn}' er brukt før.");
            }

            if (string.IsNullOrWhiteSpace(u.Issuer))
            {
                feil.Add($"{hvem}: Issuer må være satt.");
            }
            else if (!issuere.Add(u.Issuer))
            {
                feil.Add($"{hvem}: Issuer '{u.Issuer}' er allerede i bruk.");
            }

            if (!Enum.IsDefined(u.Type))
            {
                feil.Add($"{hvem}: Type må være Maskinporten, IdPorten eller Saksbehandler.");
            }

            if (string.IsNullOrWhiteSpace(u.JwksFil) && string.IsNullOrWhiteSpace(u.SigningKeysPem) && u.JwksUri is null)
            {
                feil.Add($"{hvem}: oppgi JwksFil, JwksUri eller SigningKeysPem.");
            }

            if (u.JwksUri is { IsAbsoluteUri: false })
            {
                feil.Add($"{hvem}: JwksUri må være en absolutt adresse.");
            }
        }

        if (feil.Count > 0)
        {
            throw new InvalidOperationException("Ugyldig autentiseringsoppsett: " + string.Join(" ", feil));
        }
    }
}

/// <summary>
/// Where the policy scheme sends requests it cannot route to a trusted issuer: no token (anonymous; endpoints that
/// require a token challenge with 401) or a token from an unknown issuer / unreadable token (fails, then 401).
/// </summary>
internal sealed class AvvistHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync() =>
        Task.FromResult(TilgangRegistrering.BearerToken(Request) is null
            ? AuthenticateResult.NoResult()
            : AuthenticateResult.Fail("Tokenet er ulesbart eller fra en ukjent utsteder."));

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var tokenSendt = TilgangRegistrering.BearerToken(Request) is not null;
        return Problemsvar.SkrivUautentisertAsync(
            Context,
            tokenSendt,
            tokenSendt ? "Tokenet er ugyldig eller fra en ukjent utsteder." : "Mangler token: send Authorization: Bearer <token>.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problemsvar.SkrivAsync(Context, StatusCodes.Status403Forbidden, Problemsvar.IkkeTilgang, TilgangResultHandler.Detalj(Context));
}
