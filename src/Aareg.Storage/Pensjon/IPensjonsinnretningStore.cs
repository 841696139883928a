using Aareg.Domain.Tid;

namespace Aareg.Storage.Pensjon;

/// <summary>
/// Which pension institutions (pensjonsinnretninger, OTP) an opplysningspliktig names in its a-meldinger, month by
/// month (API §2: the pension API's access follows from the meldinger themselves). Only meldinger in force count:
/// accepted and not replaced (DOMAIN §4.1).
/// </summary>
public interface IPensjonsinnretningStore
{
    /// <summary>
    /// The months in [<paramref name="fra"/>, <paramref name="til"/>] in which the opplysningspliktig has at least one
    /// melding in force, each with the organisasjonsnumre named as pensjonsinnretning in any of that month's meldinger
    /// (an empty set when none names one). Months without a melding in force are absent, and so are months whose only
    /// meldinger in force are null-outs (no virksomhet, no institution: the month's content was withdrawn). Ascending.
    /// </summary>
    Task<IReadOnlyList<Pensjonsinnretningsmaaned>> HentAsync(
        string opplysningspliktig,
        Kalendermaaned fra,
        Kalendermaaned til,
        CancellationToken ct = default);
}

/// <summary>One month with meldinger in force and the pensjonsinnretninger they name.</summary>
public sealed record Pensjonsinnretningsmaaned(Kalendermaaned Maaned, IReadOnlySet<string> Pensjonsinnretninger);
