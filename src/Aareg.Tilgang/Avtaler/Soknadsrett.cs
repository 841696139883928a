namespace Aareg.Tilgang.Avtaler;

/// <summary>
/// Who may apply for access and manage an organisation's agreements: the Altinn right «Søke om tilgang til
/// Aa-registeret og forvalte avtaleforhold», which holders of these Enhetsregisteret roles have, and which they may
/// delegate to others (the source document; aa-registerforskriften §§ 9–10 on who may be given access).
/// </summary>
public static class Soknadsrett
{
    /// <summary>Bestyrende reder, daglig leder, deltakere med delt/fullt ansvar, komplementar, norsk representant, styrets leder.</summary>
    public static IReadOnlySet<string> Roller { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "BEST", "DAGL", "DTPR", "DTSO", "KOMP", "REPR", "LEDE",
    };

    /// <summary>The first of the person's roles in the unit that gives the right (in a stable order), or null.</summary>
    public static string? GivendeRolle(IEnumerable<string> roller)
    {
        ArgumentNullException.ThrowIfNull(roller);
        return roller.Where(Roller.Contains).Order(StringComparer.Ordinal).FirstOrDefault();
    }

    /// <summary>The 403 text: which right is missing (API.md: the body says which right is missing).</summary>
    public static string ManglendeRettighet(string organisasjonsnummer) =>
        $"Mangler rettigheten «Søke om tilgang til Aa-registeret og forvalte avtaleforhold» for {organisasjonsnummer}: "
        + "krever en av rollene " + string.Join(", ", Roller.Order(StringComparer.Ordinal)) + " i Enhetsregisteret, eller en delegering fra en som har en av dem.";
}

/// <summary>The token scopes an agreement's channels need (API §1–§4); web lookups authenticate persons, not the consumer.</summary>
public static class Kanalscopes
{
    public const string Api = "API";
    public const string Web = "WEB";
    public const string Uttrekk = "UTTREKK";
    public const string Hendelser = "HENDELSER";

    public static IReadOnlySet<string> Gyldige { get; } = new HashSet<string>(StringComparer.Ordinal) { Api, Web, Uttrekk, Hendelser };

    /// <summary>
    /// Scopes for <paramref name="kanaler"/>: API gives the lookup scope (or the OTP scope for a pension institution),
    /// UTTREKK and HENDELSER their own. Sorted, distinct.
    /// </summary>
    public static IReadOnlyList<string> For(IEnumerable<string> kanaler, bool otp)
    {
        ArgumentNullException.ThrowIfNull(kanaler);
        var scopes = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var kanal in kanaler)
        {
            switch (kanal)
            {
                case Api:
                    scopes.Add(otp ? Scopes.Otp : Scopes.Arbeidsforhold);
                    break;
                case Uttrekk:
                    scopes.Add(Scopes.Uttrekk);
                    break;
                case Hendelser:
                    scopes.Add(Scopes.Hendelser);
                    break;
                default:
                    break;
            }
        }

        return [.. scopes];
    }
}
