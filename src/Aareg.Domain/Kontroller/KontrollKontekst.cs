using Aareg.Domain.AMelding;
using Aareg.Domain.Kodeverk;

namespace Aareg.Domain.Kontroller;

/// <summary>
/// The outcome of checking <c>erstatterMeldingsId</c> against the store (DOMAIN §4.1, rule 166-B). The intake pipeline
/// computes it, because only the store knows which meldinger exist and which are already replaced.
/// </summary>
public enum Erstatningsutfall
{
    /// <summary>The melding has no <c>erstatterMeldingsId</c>: it adds to the month.</summary>
    IkkeErstatning,

    /// <summary>It replaces a melding in force for the same opplysningspliktig and month.</summary>
    Ok,

    /// <summary>No melding with that meldingsId has been received from this opplysningspliktig.</summary>
    UkjentMelding,

    /// <summary>The melding it names belongs to another opplysningspliktig or another kalendermåned.</summary>
    AnnenOpplysningspliktigEllerMaaned,

    /// <summary>The melding it names has already been replaced; only the replacement can be replaced.</summary>
    AlleredeErstattet,
}

/// <summary>Everything the controls need besides the melding itself. Built once per melding by the intake pipeline.</summary>
public sealed record KontrollKontekst
{
    /// <summary>Today's date in Norway: rule <c>fremtidig-maaned</c> and the plausibility of dates depend on it.</summary>
    public required DateOnly Idag { get; init; }

    /// <summary>Accept synthetic test idents (Tenor +80, NAV +40); never in the production profile (DOMAIN §2).</summary>
    public bool TillatSyntetiske { get; init; }

    /// <summary>Code lists; codes are checked as valid on the first day of the melding's kalendermåned (DOMAIN §8).</summary>
    public required IKodeverk Kodeverk { get; init; }

    /// <summary>How <c>erstatterMeldingsId</c> resolved in the store (rule 166-B).</summary>
    public Erstatningsutfall Erstatning { get; init; } = Erstatningsutfall.IkkeErstatning;

    /// <summary>
    /// The valid meldinger in force for the month before the melding's kalendermåned, for the same opplysningspliktig,
    /// after replacement (replaced meldinger left out). Null when unknown or when nothing was reported that month:
    /// rules 108, 276 and 518 are then not run.
    /// </summary>
    public IReadOnlyList<Leveranse>? ForrigeMaaned { get; init; }

    /// <summary>
    /// The other valid meldinger in force for the same opplysningspliktig and kalendermåned, which this melding adds to
    /// (DOMAIN §4.1: the month is the union of its meldinger). Rule 108 counts an arbeidsforhold found in any of them as
    /// reported. The melding this one replaces (its <c>erstatterMeldingsId</c>) and a melding with this melding's own
    /// meldingsId may be included: the controls leave them out, so the pipeline can pass the month as stored.
    /// </summary>
    public IReadOnlyList<Leveranse> SammeMaaned { get; init; } = [];

    /// <summary>Enhetsregisteret; null (or not <see cref="IEnhetsregisterOppslag.ErLastet"/>) when not imported.</summary>
    public IEnhetsregisterOppslag? Enhetsregister { get; init; }
}
