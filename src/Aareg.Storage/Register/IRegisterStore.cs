using Aareg.Domain.Register;

namespace Aareg.Storage.Register;

/// <summary>
/// The versioned, bitemporal register (DOMAIN §5, §6; ADR 0006): every version of every arbeidsforhold with its
/// bruksperiode (transaction time), change events with a gap-free sequence number, and the work queue of accepted
/// meldinger not yet applied. Versions are never overwritten; only the current version's confirmation
/// (sistBekreftet/sistRapportert) is updated in place, see <see cref="AnvendAsync"/>.
/// </summary>
public interface IRegisterStore
{
    /// <summary>
    /// Claims the opplysningspliktig of the oldest unapplied queue row that no other worker holds, with all its
    /// unapplied queue rows in queue order; null when there is nothing to claim. Release with <see cref="FrigiAsync"/>.
    /// A claim only avoids duplicate work: <see cref="AnvendAsync"/> checks on its own that nothing was applied since
    /// the state was read.
    /// </summary>
    Task<Registerkrav?> KrevAsync(CancellationToken ct = default);

    /// <summary>Releases a claim (also after a failure; unapplied rows are claimed again later).</summary>
    Task FrigiAsync(Registerkrav krav);

    /// <summary>
    /// The opplysningspliktig's meldinger in force as they stood right after queue row <paramref name="tilOgMedKo"/>
    /// was accepted: accepted meldinger queued up to and including it and not replaced by one queued up to it. A
    /// null-out replacement is in force itself (it has no virksomhet, so its month has no content).
    /// </summary>
    Task<IReadOnlyList<Koelement>> HentGjeldendeAsync(string opplysningspliktig, long tilOgMedKo, CancellationToken ct = default);

    /// <summary>The canonical parsed form (a-melding JSON) of the given meldinger.</summary>
    Task<IReadOnlyDictionary<Guid, byte[]>> HentInnholdAsync(IReadOnlyCollection<Guid> mottaksIder, CancellationToken ct = default);

    /// <summary>The opplysningspliktig's current versions, the last queue row applied and the id sequence.</summary>
    Task<Registertilstand> HentTilstandAsync(string opplysningspliktig, CancellationToken ct = default);

    /// <summary>
    /// Applies one melding's derivation result in ONE transaction: closes the bruksperiode of replaced and deleted
    /// versions, inserts new versions, updates confirmations in place, appends the change events with the next
    /// gap-free sequence numbers, and marks the melding behandlet. Throws <see cref="RegisterKonfliktException"/>
    /// (and writes nothing) when the opplysningspliktig's state moved since <see cref="HentTilstandAsync"/>.
    /// </summary>
    Task<Anvendelsesoppsummering> AnvendAsync(Anvendelse anvendelse, CancellationToken ct = default);

    /// <summary>
    /// Applies a re-derivation that no melding triggered (the register's own rules at today's month and with
    /// today's reference data: IBKAOR, identbytte, EROPPH/ERKONK) in ONE transaction, like <see cref="AnvendAsync"/>
    /// but without a queue row: events without mottaksId, the queue position unchanged, the re-derivation counter
    /// increased. Throws <see cref="RegisterKonfliktException"/> (and writes nothing) when the opplysningspliktig's
    /// state moved since <see cref="HentTilstandAsync"/>, whether by a melding or by another re-derivation.
    /// </summary>
    Task<Anvendelsesoppsummering> AnvendReavledningAsync(Reavledning reavledning, CancellationToken ct = default);

    /// <summary>Every opplysningspliktig with register content (at least one applied melding), in orgnr order.</summary>
    Task<IReadOnlyList<string>> HentOpplysningspliktigeAsync(CancellationToken ct = default);

    /// <summary>
    /// Current arbeidsforhold (or as known at <paramref name="kjentPaa"/>) of a person, by any of the person's idents.
    /// <paramref name="utvalg"/> (null = all) limits which data elements are read at all (API §7).
    /// </summary>
    Task<IReadOnlyList<LagretArbeidsforhold>> HentForPersonAsync(string ident, DateTimeOffset? kjentPaa = null, Datautvalg? utvalg = null, CancellationToken ct = default);

    /// <summary>
    /// The current version (or the one in use at <paramref name="kjentPaa"/>); null when unknown or not in force then.
    /// <paramref name="utvalg"/> as for <see cref="HentForPersonAsync"/>.
    /// </summary>
    Task<LagretArbeidsforhold?> HentAsync(long navArbeidsforholdId, DateTimeOffset? kjentPaa = null, Datautvalg? utvalg = null, CancellationToken ct = default);

    /// <inheritdoc cref="HentAsync(long, DateTimeOffset?, Datautvalg?, CancellationToken)"/>
    Task<LagretArbeidsforhold?> HentAsync(Guid navUuid, DateTimeOffset? kjentPaa = null, Datautvalg? utvalg = null, CancellationToken ct = default);

    /// <summary>Every stored version (technical history), oldest first; empty when the id is unknown.</summary>
    Task<IReadOnlyList<LagretArbeidsforhold>> HentVersjonerAsync(long navArbeidsforholdId, CancellationToken ct = default);

    /// <summary>
    /// <see cref="HentVersjonerAsync(long, CancellationToken)"/> with only the data elements in <paramref name="utvalg"/>
    /// (a separate overload so callers that pass the token by position keep compiling).
    /// </summary>
    Task<IReadOnlyList<LagretArbeidsforhold>> HentVersjonerAsync(long navArbeidsforholdId, Datautvalg? utvalg, CancellationToken ct = default);

    /// <summary>
    /// The opplysningspliktig's arbeidsforhold, optionally of one underenhet, in a stable order (arbeidssted,
    /// navArbeidsforholdId), paged, with the total count.
    /// </summary>
    Task<Registerside> HentForOpplysningspliktigAsync(
        string opplysningspliktig,
        string? underenhet,
        int startrad,
        int antall,
        DateTimeOffset? kjentPaa = null,
        Datautvalg? utvalg = null,
        CancellationToken ct = default);

    /// <summary>Change events with sekvensnummer ≥ <paramref name="fraSekvensnummer"/>, ascending.</summary>
    Task<IReadOnlyList<Registerhendelse>> HentHendelserAsync(long fraSekvensnummer, int antall, CancellationToken ct = default);

    /// <summary>The highest sekvensnummer stored (0 when none).</summary>
    Task<long> SisteSekvensnummerAsync(CancellationToken ct = default);

    /// <summary>
    /// How many accepted meldinger wait to be applied (the queue's depth, from the primary): for operators, for a
    /// command-line run to say what it left to others, and for waiting until the register has caught up.
    /// </summary>
    Task<long> TellUanvendteAsync(CancellationToken ct = default);
}

/// <summary>One row of the register queue (one accepted melding).</summary>
public sealed record Koelement(long Sekvens, Guid MottaksId, string Opplysningspliktig, Domain.Tid.Kalendermaaned Kalendermaaned);

/// <summary>A worker's claim on one opplysningspliktig: its unapplied queue rows in queue order.</summary>
public sealed record Registerkrav(string Opplysningspliktig, IReadOnlyList<Koelement> Meldinger);

/// <summary>
/// The stored state the derivation starts from. <see cref="SistAnvendtKo"/> is the optimistic-concurrency token;
/// <see cref="NesteNavArbeidsforholdId"/> the next id of the sequence when the state was read.
/// </summary>
public sealed record Registertilstand(OpplysningspliktigTilstand Tilstand, long SistAnvendtKo, long NesteNavArbeidsforholdId)
{
    /// <summary>
    /// How many re-derivations wrote to the opplysningspliktig: the second half of the progress token (a
    /// re-derivation does not move <see cref="SistAnvendtKo"/>).
    /// </summary>
    public long Reavledninger { get; init; }
}

/// <summary>
/// One melding's derivation result to apply. New arbeidsforhold were given the ids
/// <see cref="ForsteNyeId"/>..<see cref="ForsteNyeId"/>+<see cref="AntallNyeIder"/>−1 from the sequence as it was
/// read; if another opplysningspliktig took ids meanwhile, the store moves them to the next free range.
/// </summary>
/// <param name="Forrige">The state the derivation started from (gives the key and type of deleted arbeidsforhold).</param>
/// <param name="ForventetSistAnvendtKo">The <see cref="Registertilstand.SistAnvendtKo"/> the state was read with.</param>
public sealed record Anvendelse(
    Koelement Melding,
    DateTimeOffset Tidspunkt,
    OpplysningspliktigTilstand Forrige,
    AvledningsResultat Resultat,
    long ForventetSistAnvendtKo,
    long ForsteNyeId,
    int AntallNyeIder)
{
    /// <summary>The <see cref="Registertilstand.Reavledninger"/> the state was read with.</summary>
    public long ForventetReavledninger { get; init; }
}

/// <summary>
/// A re-derivation's result to apply (no melding behind it; sporing kilde <c>AAREG</c>). Ids and the progress
/// token as in <see cref="Anvendelse"/>.
/// </summary>
public sealed record Reavledning(
    string Opplysningspliktig,
    DateTimeOffset Tidspunkt,
    OpplysningspliktigTilstand Forrige,
    AvledningsResultat Resultat,
    long ForventetSistAnvendtKo,
    long ForventetReavledninger,
    long ForsteNyeId,
    int AntallNyeIder);

/// <summary>What one application wrote.</summary>
/// <param name="IdForskyvning">How far the new navArbeidsforholdIds were moved (0 with one worker).</param>
public sealed record Anvendelsesoppsummering(int Versjoner, int Slettinger, int Bekreftelser, int Hendelser, long IdForskyvning);

/// <summary>Transaction time of a version: when the register started and stopped believing it (tom null = current).</summary>
public readonly record struct Bruksperiode(DateTimeOffset Fom, DateTimeOffset? Tom);

/// <summary>A stored version with its bruksperiode.</summary>
public sealed record LagretArbeidsforhold(RegisterArbeidsforhold Arbeidsforhold, Bruksperiode Bruksperiode);

/// <summary>One page of an opplysningspliktig's arbeidsforhold.</summary>
public sealed record Registerside(int Startrad, long TotaltAntall, IReadOnlyList<LagretArbeidsforhold> Arbeidsforhold);

/// <summary>A stored change event (DOMAIN §6, API §3): thin, consumers fetch the arbeidsforhold by id.</summary>
public sealed record Registerhendelse(
    long Sekvensnummer,
    Endringstype Endringstype,
    IReadOnlyList<Entitetsendring> Entitetsendringer,
    long NavArbeidsforholdId,
    Guid NavUuid,
    int NavVersjon,
    string Type,
    ArbeidsforholdNoekkel Noekkel,
    DateTimeOffset Tidsstempel);

/// <summary>
/// The opplysningspliktig's state moved since it was read (another worker or process applied a melding of it):
/// nothing was written; derive again from the fresh state.
/// </summary>
public sealed class RegisterKonfliktException : Exception
{
    public RegisterKonfliktException()
    {
    }

    public RegisterKonfliktException(string message)
        : base(message)
    {
    }

    public RegisterKonfliktException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// What both kinds of application write, as the stores' one applying transaction takes it: <see cref="Melding"/> is
/// null for a re-derivation (<see cref="Reavledning"/>).
/// </summary>
public sealed record Registeroppdrag(
    string Opplysningspliktig,
    Koelement? Melding,
    DateTimeOffset Tidspunkt,
    OpplysningspliktigTilstand Forrige,
    AvledningsResultat Resultat,
    long ForventetSistAnvendtKo,
    long ForventetReavledninger,
    long ForsteNyeId,
    int AntallNyeIder)
{
    public static Registeroppdrag Fra(Anvendelse anvendelse)
    {
        ArgumentNullException.ThrowIfNull(anvendelse);
        return new(
            anvendelse.Melding.Opplysningspliktig,
            anvendelse.Melding,
            anvendelse.Tidspunkt,
            anvendelse.Forrige,
            anvendelse.Resultat,
            anvendelse.ForventetSistAnvendtKo,
            anvendelse.ForventetReavledninger,
            anvendelse.ForsteNyeId,
            anvendelse.AntallNyeIder);
    }

    public static Registeroppdrag Fra(Reavledning reavledning)
    {
        ArgumentNullException.ThrowIfNull(reavledning);
        return new(
            reavledning.Opplysningspliktig,
            Melding: null,
            reavledning.Tidspunkt,
            reavledning.Forrige,
            reavledning.Resultat,
            reavledning.ForventetSistAnvendtKo,
            reavledning.ForventetReavledninger,
            reavledning.ForsteNyeId,
            reavledning.AntallNyeIder);
    }
}
