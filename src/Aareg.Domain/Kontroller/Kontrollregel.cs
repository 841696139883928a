using Aareg.Domain.AMelding;

namespace Aareg.Domain.Kontroller;

/// <summary>
/// One control rule of the catalogue (DOMAIN §4.2): id, severity, what it checks, and the check itself.
/// A rule hooks into one or more levels of the single pass over the melding; each hook reports through
/// <see cref="Kontrollrunde.Rapporter"/>, which stamps the avvik with this rule's id and severity.
/// A rule without any hook is reported elsewhere (104: the reader).
/// </summary>
/// <param name="Id">The a-ordningen number where one exists (104, 107B, 166-B …), else the product's kebab-case name.</param>
/// <param name="Beskrivelse">What the rule checks, in bokmål (for documentation and the feedback page).</param>
public sealed record Kontrollregel(string Id, Alvorlighetsgrad Alvorlighetsgrad, string Beskrivelse)
{
    /// <summary>Runs once per melding, before the tree is walked.</summary>
    public Action<Kontrollrunde>? Leveransekontroll { get; init; }

    /// <summary>Runs once per <c>virksomhet</c>.</summary>
    public Action<Kontrollrunde, Virksomhet>? Virksomhetskontroll { get; init; }

    /// <summary>Runs once per <c>inntektsmottaker</c>.</summary>
    public Action<Kontrollrunde, Inntektsmottaker>? Inntektsmottakerkontroll { get; init; }

    /// <summary>Runs once per <c>arbeidsforhold</c>.</summary>
    public Action<Kontrollrunde, Arbeidsforhold>? Arbeidsforholdkontroll { get; init; }

    /// <summary>Runs once per melding after the walk (e.g. 108: what was not seen).</summary>
    public Action<Kontrollrunde>? Sluttkontroll { get; init; }

    /// <summary>Makes an avvik of this rule; for rules reported outside the catalogue's pass (104 in the reader).</summary>
    public Avvik Lag(string melding, string? sti = null, string? verdi = null) =>
        new(Id, Alvorlighetsgrad, melding, sti, verdi);
}
