namespace Aareg.Storage.Tilgang;

/// <summary>Status of an agreement (API §7): <c>AKTIV → SUSPENDERT → AVSLUTTET</c>.</summary>
public enum Avtalestatus
{
    Aktiv,
    Suspendert,
    Avsluttet,
}

/// <summary>Channels an agreement can allow (API §7).</summary>
public static class Kanaler
{
    public const string Api = "API";
    public const string Web = "WEB";
    public const string Uttrekk = "UTTREKK";
    public const string Hendelser = "HENDELSER";
}

/// <summary>
/// One version of an agreement (avtale) between the register owner and a consumer (API §7). Every change is a new
/// version; an audit record names the id and version that allowed a lookup.
/// </summary>
/// <param name="Dataelementer">Names from the data element catalogue of API §7 (e.g. <c>ansettelsesperiode</c>), or <c>*</c> for all.</param>
/// <param name="Scopes">Token scopes the agreement covers (e.g. <c>nav:aareg/v1/arbeidsforhold</c>).</param>
/// <param name="Databehandler">orgnr of the data processor that may call on the consumer's behalf (token <c>supplier</c>).</param>
/// <param name="SeAdressebeskyttede">May see persons with protected address (DOMAIN §3); false for system consumers by default.</param>
/// <param name="SkjultForPerson">Lookups are hidden from the person's insight (e.g. police investigations).</param>
/// <param name="SkjultHjemmel">The legal basis for hiding lookups; required when <paramref name="SkjultForPerson"/>.</param>
/// <param name="MaksOppslagPerMinutt">Rate limit per consumer; null = the deployment default.</param>
/// <param name="Kontaktpersoner">The consumer's four contact persons (Bruksvilkår pkt. 15.1); null for file-loaded agreements.</param>
/// <param name="Grunnlag">What made this version: the application id, <c>oppstartsfil</c>, or the management action.</param>
public sealed record Avtale(
    string Id,
    int Versjon,
    string Konsument,
    Avtalestatus Status,
    IReadOnlyList<string> Formaal,
    IReadOnlyList<string> Dataelementer,
    IReadOnlyList<string> Kanaler,
    IReadOnlyList<string> Scopes,
    string? Databehandler,
    DateOnly GyldigFra,
    DateOnly? GyldigTil,
    bool Otp,
    bool SeAdressebeskyttede,
    bool SkjultForPerson,
    string? SkjultHjemmel,
    int? MaksOppslagPerMinutt,
    DateTimeOffset Endret,
    string EndretAv,
    Kontaktpersoner? Kontaktpersoner = null,
    string? Grunnlag = null);

/// <summary>Agreements, versioned. Implemented per backend.</summary>
public interface IAvtaleStore
{
    /// <summary>The current version of the consumer's agreements (any status).</summary>
    Task<IReadOnlyList<Avtale>> FinnForKonsumentAsync(string konsument, CancellationToken ct = default);

    /// <summary>A given version, or the current one when <paramref name="versjon"/> is null.</summary>
    Task<Avtale?> HentAsync(string id, int? versjon = null, CancellationToken ct = default);

    Task<IReadOnlyList<Avtale>> ListAsync(CancellationToken ct = default);

    /// <summary>Stores <paramref name="avtale"/> as the next version (its Versjon is set by the store) and returns it.</summary>
    Task<Avtale> LagreNyVersjonAsync(Avtale avtale, CancellationToken ct = default);
}
