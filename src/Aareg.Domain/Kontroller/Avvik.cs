using System.Text.Json.Serialization;

namespace Aareg.Domain.Kontroller;

/// <summary>Severity of a deviation (DOMAIN §4.2). Serialised as the lower-case Norwegian names.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Alvorlighetsgrad>))]
public enum Alvorlighetsgrad
{
    /// <summary>The melding is rejected and counts as not delivered.</summary>
    [JsonStringEnumMemberName("avvisning")]
    Avvisning,

    /// <summary>Accepted, but must be corrected by the 5th of the next month.</summary>
    [JsonStringEnumMemberName("oeyeblikkelig")]
    Oeyeblikkelig,

    /// <summary>Accepted; probably wrong, the sender should check.</summary>
    [JsonStringEnumMemberName("retningslinje")]
    Retningslinje,
}

/// <summary>One deviation in a tilbakemelding.</summary>
/// <param name="Regel">Rule id: the a-ordningen number where one exists (104, 107B, 166-B, …), else the product's own name.</param>
/// <param name="Sti">Path to the node, e.g. <c>virksomhet[0]/inntektsmottaker[3]/arbeidsforhold[0]/yrke</c>.</param>
/// <param name="Verdi">The offending value, when there is one. Never a full person ident (see <see cref="Avvik.Maskert"/>).</param>
public sealed record Avvik(string Regel, Alvorlighetsgrad Alvorlighetsgrad, string Melding, string? Sti, string? Verdi)
{
    /// <summary>
    /// Masks a person ident for use in <see cref="Verdi"/>: feedback is shown in payroll systems and may be logged,
    /// so it carries the birth-date part only (the sender knows whom it concerns from the path).
    /// </summary>
    public static string Maskert(string ident) =>
        ident.Length == 11 ? string.Concat(ident.AsSpan(0, 6), "*****") : new string('*', Math.Min(ident.Length, 11));
}
