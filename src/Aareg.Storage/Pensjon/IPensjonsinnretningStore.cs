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

/// <summary>The months a store's query returns, folded the same way on every backend.</summary>
public static class Pensjonsinnretningsmaaneder
{
    /// <summary>
    /// Reads rows of (kalendermaaned, pensjonsinnretning or NULL, antall_virksomheter) — one per melding in force and
    /// institution it names — into months, ascending.
    /// </summary>
    public static async Task<IReadOnlyList<Pensjonsinnretningsmaaned>> LesAsync(System.Data.Common.DbDataReader leser, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(leser);
        var maaneder = new SortedDictionary<Kalendermaaned, HashSet<string>>();
        while (await leser.ReadAsync(ct))
        {
            var navngir = !leser.IsDBNull(1);
            if (!navngir && Convert.ToInt64(leser.GetValue(2), System.Globalization.CultureInfo.InvariantCulture) == 0)
            {
                // A null-out (no virksomhet, no institution) withdraws the month's content (DOMAIN §4.1): the month
                // then counts as one without meldinger (ADR 0007).
                continue;
            }

            var maaned = Kalendermaaned.Parse(leser.GetString(0));
            if (!maaneder.TryGetValue(maaned, out var innretninger))
            {
                innretninger = new HashSet<string>(StringComparer.Ordinal);
                maaneder[maaned] = innretninger;
            }

            if (navngir)
            {
                innretninger.Add(leser.GetString(1));
            }
        }

        return [.. maaneder.Select(p => new Pensjonsinnretningsmaaned(p.Key, p.Value))];
    }
}
