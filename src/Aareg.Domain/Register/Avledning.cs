using Aareg.Domain.AMelding;
using Aareg.Domain.Tid;

namespace Aareg.Domain.Register;

/// <summary>
/// What an opplysningspliktig reported for one month: the union of the month's valid meldinger after replacement and
/// null-out (DOMAIN §4.1), in the order they were received. No meldinger (or only meldinger without virksomhet) means
/// the opplysningspliktig reported nothing that month.
/// </summary>
public sealed record Maanedsinnhold(Kalendermaaned Maaned, IReadOnlyList<Leveranse> Meldinger);

/// <summary>All current arbeidsforhold of one opplysningspliktig (the register's current versions).</summary>
public sealed record OpplysningspliktigTilstand(string Opplysningspliktig, EquatableArray<RegisterArbeidsforhold> Arbeidsforhold)
{
    public static OpplysningspliktigTilstand Tom(string opplysningspliktig) => new(opplysningspliktig, []);
}

/// <summary>Enhetsregisteret says the opplysningspliktig ended: deleted (<c>EROPPH</c>) or bankrupt (<c>ERKONK</c>).</summary>
public sealed record Enhetsopphoer(DateOnly Dato, string Varslingskode)
{
    public static Enhetsopphoer Slettet(DateOnly dato) => new(dato, Register.Varslingskode.Eropph);

    public static Enhetsopphoer Konkurs(DateOnly dato) => new(dato, Register.Varslingskode.Erkonk);
}

/// <summary>
/// Everything the derivation needs from outside, so that it stays a pure function: the processing instant, the
/// melding that triggered it, id allocation, identbytte, Enhetsregisteret facts and the calendar month it runs in.
/// </summary>
public sealed record AvledningsKontekst
{
    /// <summary>When the triggering melding was processed: opprettet/sistEndret/sistBekreftet/sporing of new facts.</summary>
    public required DateTimeOffset Tidspunkt { get; init; }

    /// <summary>The meldingsId that triggered the derivation (sporing kildereferanse); null for the register's own runs.</summary>
    public string? MeldingsId { get; init; }

    /// <summary>Allocates a new navArbeidsforholdId (positive, never reused). Called once per new arbeidsforhold.</summary>
    public required Func<long> NyNavArbeidsforholdId { get; init; }

    /// <summary>Allocates a new navUuid. Called once per new arbeidsforhold, right after the id.</summary>
    public required Func<Guid> NyNavUuid { get; init; }

    /// <summary>Maps any ident of a person to the person's canonical ident (identbytte, DOMAIN §3). Default: identity.</summary>
    public Func<string, string> Personident { get; init; } = static ident => ident;

    /// <summary>Enhetsregisteret closure of the opplysningspliktig, when there is one.</summary>
    public Enhetsopphoer? Opphoer { get; init; }

    /// <summary>
    /// The latest month the derivation treats as passed. Months after the opplysningspliktig's last melding up to
    /// and including this one count toward the three-month closing rule (IBKAOR). Null: the latest month given.
    /// </summary>
    public Kalendermaaned? GjeldendeMaaned { get; init; }

    /// <summary>Who the sporingsinformasjon names as having made the change.</summary>
    public string UtfoertAv { get; init; } = "AAREG";
}

/// <summary>A change event without sequence number (the store assigns gap-free numbers when it commits).</summary>
public sealed record Endringshendelse(
    Endringstype Endringstype,
    EquatableArray<Entitetsendring> Entitetsendringer,
    long NavArbeidsforholdId,
    Guid NavUuid,
    int NavVersjon);

/// <summary>
/// An arbeidsforhold no longer reported in any month: the store closes the bruksperiode of its last version
/// (<see cref="NavVersjon"/>) and removes it from the current view (DOMAIN §6).
/// </summary>
public sealed record Sletting(long NavArbeidsforholdId, Guid NavUuid, int NavVersjon);

/// <summary>
/// An arbeidsforhold confirmed again without any change: only sistBekreftet/sistRapportert move. Not a new version
/// and no event: the store updates the current version in place.
/// </summary>
public sealed record Bekreftelse(long NavArbeidsforholdId, int NavVersjon, DateTimeOffset SistBekreftet, Kalendermaaned SistRapportert);

/// <summary>The derivation's answer: the new current state and the differences from the previous one.</summary>
public sealed record AvledningsResultat(
    OpplysningspliktigTilstand Tilstand,
    EquatableArray<RegisterArbeidsforhold> NyeVersjoner,
    EquatableArray<Sletting> Slettinger,
    EquatableArray<Endringshendelse> Hendelser,
    EquatableArray<Bekreftelse> Bekreftelser)
{
    public bool HarEndringer => !NyeVersjoner.IsEmpty || !Slettinger.IsEmpty;
}
