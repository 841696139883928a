using System.Security.Claims;
using System.Text.Json;
using Aareg.Domain.Identer;
using Microsoft.AspNetCore.Http;

namespace Aareg.Tilgang;

/// <summary>
/// Who is calling, read from a validated token (ARCHITECTURE.md access pipeline: authenticate → caller context).
/// <see cref="Consumer"/> and <see cref="Supplier"/> are organisasjonsnumre; <see cref="Pid"/> is personal data and
/// must never be logged.
/// </summary>
public sealed record Kallerkontekst(
    string? Consumer,
    string? Supplier,
    IReadOnlySet<string> Scopes,
    string? Pid,
    string? Acr,
    IReadOnlyList<string> Roller,
    string Utsteder)
{
    /// <summary>Maskinporten's ISO 6523 prefix for Norwegian organisasjonsnumre.</summary>
    private const string Iso6523Orgnr = "0192:";

    public bool HarScope(string scope) => Scopes.Contains(scope);

    /// <summary>Lets minimal API handlers take the caller as a parameter; null (→ 400) when nobody is authenticated.</summary>
    public static ValueTask<Kallerkontekst?> BindAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ValueTask.FromResult(context.User.Identity?.IsAuthenticated == true ? Fra(context.User) : null);
    }

    public static Kallerkontekst Fra(ClaimsPrincipal bruker)
    {
        ArgumentNullException.ThrowIfNull(bruker);

        var scopes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var claim in bruker.FindAll(Claimnavn.Scope))
        {
            scopes.UnionWith(claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        }

        var roller = new List<string>();
        foreach (var claim in bruker.FindAll(Claimnavn.Roller))
        {
            LeggTilRoller(claim.Value, roller);
        }

        var utsteder = bruker.FindFirst(Claimnavn.Issuer)?.Value
            ?? bruker.Claims.FirstOrDefault()?.Issuer
            ?? "";

        return new Kallerkontekst(
            Orgnr(bruker.FindFirst(Claimnavn.Consumer)?.Value),
            Orgnr(bruker.FindFirst(Claimnavn.Supplier)?.Value),
            scopes,
            Tom(bruker.FindFirst(Claimnavn.Pid)?.Value),
            Tom(bruker.FindFirst(Claimnavn.Acr)?.Value),
            roller.Distinct(StringComparer.Ordinal).ToArray(),
            utsteder);
    }

    /// <summary>
    /// Maskinporten sends <c>{"authority":"iso6523-actorid-upis","ID":"0192:&lt;orgnr&gt;"}</c>; a plain orgnr is
    /// also accepted. Anything that is not a valid organisasjonsnummer gives null, so later agreement checks
    /// fail closed instead of matching on garbage.
    /// </summary>
    internal static string? Orgnr(string? verdi)
    {
        if (string.IsNullOrWhiteSpace(verdi))
        {
            return null;
        }

        var id = verdi.Trim();
        if (id.StartsWith('{'))
        {
            id = IdFraJsonObjekt(id);
        }

        if (id is not null && id.StartsWith(Iso6523Orgnr, StringComparison.Ordinal))
        {
            id = id[Iso6523Orgnr.Length..];
        }

        return Organisasjonsnummer.TryParse(id, out var orgnr) ? orgnr.Verdi : null;
    }

    private static string? IdFraJsonObjekt(string json)
    {
        try
        {
            using var dokument = JsonDocument.Parse(json);
            if (dokument.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            foreach (var felt in dokument.RootElement.EnumerateObject())
            {
                if (string.Equals(felt.Name, "ID", StringComparison.OrdinalIgnoreCase)
                    && felt.Value.ValueKind == JsonValueKind.String)
                {
                    return felt.Value.GetString();
                }
            }

            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>An array claim normally arrives as repeated claims; a JSON array in one claim is unpacked too.</summary>
    private static void LeggTilRoller(string verdi, List<string> roller)
    {
        var tekst = verdi.Trim();
        if (tekst.StartsWith('['))
        {
            try
            {
                using var dokument = JsonDocument.Parse(tekst);
                foreach (var element in dokument.RootElement.EnumerateArray())
                {
                    if (element.ValueKind == JsonValueKind.String && Tom(element.GetString()) is { } rolle)
                    {
                        roller.Add(rolle);
                    }
                }

                return;
            }
            catch (JsonException)
            {
                // Not JSON after all: fall through and treat it as one role name.
            }
        }

        if (tekst.Length > 0)
        {
            roller.Add(tekst);
        }
    }

    private static string? Tom(string? verdi) => string.IsNullOrWhiteSpace(verdi) ? null : verdi;
}

/// <summary>Claim names as issued (inbound claim mapping is off, so they are not rewritten to WS-* URIs).</summary>
internal static class Claimnavn
{
    public const string Issuer = "iss";
    public const string Scope = "scope";
    public const string Consumer = "consumer";
    public const string Supplier = "supplier";
    public const string Pid = "pid";
    public const string Acr = "acr";
    public const string Roller = "roller";
    public const string Subject = "sub";
}
