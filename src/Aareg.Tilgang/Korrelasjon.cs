using Microsoft.AspNetCore.Http;

namespace Aareg.Tilgang;

/// <summary>
/// The request's correlation id (API.md: every response carries <c>Nav-Call-Id</c>; <c>X-Correlation-ID</c> and
/// <c>correlation-id</c> are accepted on the way in; one is generated when absent). Computed once per request and
/// cached in <see cref="HttpContext.Items"/> so problem bodies, logs, audit records and the echoed header agree.
/// </summary>
public static class Korrelasjon
{
    /// <summary>The header the register echoes on every response.</summary>
    public const string NavCallId = "Nav-Call-Id";

    /// <summary>The <see cref="HttpContext.Items"/> key holding the id for the rest of the request.</summary>
    public const string ItemsNokkel = "korrelasjonsid";

    /// <summary>Longer values are not ids but noise (or an attempt to flood logs); a fresh id is used instead.</summary>
    private const int MaksLengde = 128;

    private static readonly string[] Headere = [NavCallId, "X-Correlation-ID", "correlation-id"];

    public static string Hent(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items.TryGetValue(ItemsNokkel, out var lagret) && lagret is string id)
        {
            return id;
        }

        id = FraHeadere(context.Request.Headers) ?? Guid.NewGuid().ToString("D");
        context.Items[ItemsNokkel] = id;
        return id;
    }

    private static string? FraHeadere(IHeaderDictionary headere)
    {
        foreach (var navn in Headere)
        {
            var verdi = headere[navn].ToString().Trim();
            if (ErGyldig(verdi))
            {
                return verdi;
            }
        }

        return null;
    }

    /// <summary>
    /// The id is echoed in a response header and written to logs and audit records: only printable ASCII without
    /// spaces is accepted, so a caller cannot inject header lines or forge log entries.
    /// </summary>
    private static bool ErGyldig(string verdi)
    {
        if (verdi.Length is 0 or > MaksLengde)
        {
            return false;
        }

        foreach (var c in verdi)
        {
            if (c is <= ' ' or > '~')
            {
                return false;
            }
        }

        return true;
    }
}
