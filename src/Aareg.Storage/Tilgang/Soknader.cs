namespace Aareg.Storage.Tilgang;

/// <summary>
/// Status of an application (API §7): <c>UTKAST → SENDT → UNDER_BEHANDLING ⇄ VENTER_PAA_SOEKER → INNVILGET |
/// DELVIS_INNVILGET | AVSLAATT</c>.
/// </summary>
public enum Soknadsstatus
{
    Utkast,
    Sendt,
    UnderBehandling,
    VenterPaaSoeker,
    Innvilget,
    DelvisInnvilget,
    Avslaatt,
}

/// <summary>A new agreement, or more access under an existing one (the portal's «Søke om ny/utvidet tilgang»).</summary>
public enum Soknadstype
{
    Ny,
    Utvidelse,
}

/// <summary>The outcome of case handling (API §7 vedtak).</summary>
public enum Vedtaksutfall
{
    Innvilget,
    DelvisInnvilget,
    Avslaatt,
}

/// <summary>The legal basis for access: statute and section (aa-registerforskriften § 9 / § 10, or the consumer's own statute).</summary>
public sealed record Hjemmel(string? Lov, string? Paragraf);

/// <summary>A requested channel; an extract (<c>UTTREKK</c>) needs a description of its content and a frequency.</summary>
public sealed record Kanalvalg(string Kanal, string? Beskrivelse = null, string? Frekvens = null);

public sealed record Kontaktperson(string? Navn, string? Telefon, string? Epost);

/// <summary>The four contact persons the source document requires (avtale, endring, feil, sikkerhetsbrudd).</summary>
public sealed record Kontaktpersoner(Kontaktperson? Avtale, Kontaktperson? Endring, Kontaktperson? Feil, Kontaktperson? Sikkerhetsbrudd);

/// <summary>The editable content of an application (what the applicant fills in before sending).</summary>
/// <param name="AvtaleId">The agreement to extend when <paramref name="Type"/> is <see cref="Soknadstype.Utvidelse"/>.</param>
/// <param name="Formaal">Purpose codes asked for (used later in the <c>Nav-Formaal</c> header).</param>
/// <param name="Behandlingsgrunnlag">The GDPR art. 6 (and 9, if relevant) processing basis.</param>
/// <param name="Databehandler">orgnr (hovedenhet) of an external data processor, if one is used.</param>
public sealed record Soknadsinnhold(
    Soknadstype Type,
    string? AvtaleId,
    Hjemmel? Hjemmel,
    IReadOnlyList<string> Formaal,
    string? Formaalsbeskrivelse,
    string? Behandlingsgrunnlag,
    IReadOnlyList<string> Dataelementer,
    IReadOnlyList<Kanalvalg> Kanaler,
    Kontaktpersoner? Kontaktpersoner,
    string? Databehandler)
{
    public static Soknadsinnhold Tom { get; } = new(Soknadstype.Ny, null, null, [], null, null, [], [], null, null);
}

/// <summary>Acceptance of the terms of use (bruksvilkår): which version, by whom, when.</summary>
public sealed record Bruksvilkaaraksept(string Versjon, string GodtattAv, DateTimeOffset Tidspunkt);

/// <summary>
/// Who sent the application and the evidence of their right to act for the organisation, captured at sending:
/// an Enhetsregisteret role code (<paramref name="Rolle"/>) or a delegation (<paramref name="DelegeringId"/>).
/// </summary>
public sealed record Soekerbevis(string Ident, string? Rolle, string? DelegeringId, DateTimeOffset Tidspunkt);

/// <summary>One status change in an application's history; <paramref name="Melding"/> e.g. what the case worker waits for.</summary>
public sealed record Statusendring(Soknadsstatus Status, DateTimeOffset Tidspunkt, string Av, string? Melding);

/// <summary>The decision, with the agreement version it created (when granted).</summary>
public sealed record Vedtak(
    Vedtaksutfall Utfall,
    string Begrunnelse,
    IReadOnlyList<string> InnvilgedeDataelementer,
    IReadOnlyList<string> InnvilgedeKanaler,
    DateOnly? GyldigTil,
    DateTimeOffset Tidspunkt,
    string Saksbehandler,
    string? AvtaleId,
    int? AvtaleVersjon);

/// <summary>An application for access to the register (API §7).</summary>
/// <param name="Organisasjonsnummer">The applicant organisation (the consumer the agreement will be for).</param>
/// <param name="Historikk">Every status change, oldest first; the store only ever appends to it.</param>
public sealed record Soknad(
    string Id,
    string Organisasjonsnummer,
    Soknadsstatus Status,
    Soknadsinnhold Innhold,
    Bruksvilkaaraksept? Bruksvilkaar,
    Soekerbevis? Soeker,
    Vedtak? Vedtak,
    IReadOnlyList<Statusendring> Historikk,
    DateTimeOffset Opprettet,
    DateTimeOffset Endret);

/// <summary>Applications with their status history. Implemented per backend.</summary>
public interface ISoknadStore
{
    /// <summary>Inserts or replaces the application; history entries beyond those already stored are appended.</summary>
    Task LagreAsync(Soknad soknad, CancellationToken ct = default);

    Task<Soknad?> HentAsync(string id, CancellationToken ct = default);

    /// <summary>The organisation's applications, newest first.</summary>
    Task<IReadOnlyList<Soknad>> ListForOrganisasjonAsync(string organisasjonsnummer, CancellationToken ct = default);

    /// <summary>All applications (case handling), optionally with one status, newest first.</summary>
    Task<IReadOnlyList<Soknad>> ListAsync(Soknadsstatus? status = null, CancellationToken ct = default);
}

/// <summary>
/// A right to apply for access and manage agreements for <paramref name="Organisasjonsnummer"/>, given by a holder
/// of one of the Enhetsregisteret roles (the source document: «Rettigheten kan delegeres til andre»).
/// </summary>
/// <param name="Mottaker">The person ident given the right.</param>
/// <param name="GittAv">The role holder's ident; <paramref name="GittAvRolle"/> the role that allowed it.</param>
public sealed record Delegering(
    string Id,
    string Organisasjonsnummer,
    string Mottaker,
    string GittAv,
    string GittAvRolle,
    DateTimeOffset Opprettet,
    DateTimeOffset? Tilbakekalt,
    string? TilbakekaltAv)
{
    public bool ErGjeldende => Tilbakekalt is null;
}

public interface IDelegeringStore
{
    Task LagreAsync(Delegering delegering, CancellationToken ct = default);

    Task<Delegering?> HentAsync(string id, CancellationToken ct = default);

    /// <summary>The organisation's delegations, revoked ones included, newest first.</summary>
    Task<IReadOnlyList<Delegering>> ListForOrganisasjonAsync(string organisasjonsnummer, CancellationToken ct = default);

    /// <summary>A delegation in force for one of <paramref name="mottakere"/> (a person's idents) in the organisation.</summary>
    Task<Delegering?> FinnGjeldendeAsync(string organisasjonsnummer, IReadOnlyCollection<string> mottakere, CancellationToken ct = default);
}
