using System.Collections.Frozen;
using Aareg.Storage.Referanse;

namespace Aareg.Mottak.Referanse;

/// <summary>
/// Folkeregisteret for the register (DOMAIN §3): identbytte (a person keeps every earlier ident, marked not current)
/// and adressebeskyttelse. An in-memory snapshot, rebuilt after an import; chains such as dnr → fnr1 → fnr2 are
/// resolved once when it is built, so <see cref="Kanonisk"/> is one lookup (the derivation calls it for every person).
/// </summary>
public sealed class Folkeregister(IReferanseStore store)
{
    /// <summary>The gradering that lifts an earlier protection.</summary>
    public const string Ugradert = "ugradert";

    private Snapshot _snapshot = Snapshot.Tom;

    /// <summary>The person's current ident: <paramref name="ident"/> itself when it was never replaced.</summary>
    public string Kanonisk(string ident) =>
        Volatile.Read(ref _snapshot).Kanonisk.TryGetValue(ident, out var gjeldende) ? gjeldende : ident;

    /// <summary>Every ident the person has had, oldest first; only the current one has <c>Gjeldende</c> true.</summary>
    public IReadOnlyList<(string Ident, bool Gjeldende)> AlleIdenter(string ident)
    {
        var snapshot = Volatile.Read(ref _snapshot);
        var gjeldende = snapshot.Kanonisk.TryGetValue(ident, out var k) ? k : ident;
        return snapshot.Identer.TryGetValue(gjeldende, out var alle)
            ? alle.Select(i => (i, i == gjeldende)).ToArray()
            : [(ident, true)];
    }

    /// <summary>
    /// The person's current protection (<c>fortrolig</c>, <c>strengtFortrolig</c>, <c>strengtFortroligUtland</c>),
    /// whichever of the person's idents it was registered under; null when none, or when lifted (<c>ugradert</c>).
    /// </summary>
    public string? Adressebeskyttelse(string ident)
    {
        var snapshot = Volatile.Read(ref _snapshot);
        var gjeldende = snapshot.Kanonisk.TryGetValue(ident, out var k) ? k : ident;
        return snapshot.Beskyttelse.TryGetValue(gjeldende, out var gradering) ? gradering : null;
    }

    /// <summary>Rebuilds the snapshot from the store and swaps it in.</summary>
    public async Task LastAsync(CancellationToken ct = default)
    {
        var versjon = await store.HentVersjonAsync(ct);
        var neste = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var bytte in store.LesIdentbytterAsync(ct))
        {
            neste[bytte.GammelIdent] = bytte.NyIdent;
        }

        var kanonisk = new Dictionary<string, string>(neste.Count, StringComparer.Ordinal);
        var identer = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var gammel in neste.Keys)
        {
            kanonisk[gammel] = FoelgKjede(neste, gammel);
        }

        // Oldest first: walk each chain from its start (an ident that nobody replaced into).
        var erErstatning = new HashSet<string>(neste.Values, StringComparer.Ordinal);
        foreach (var start in neste.Keys.Where(g => !erErstatning.Contains(g)).Order(StringComparer.Ordinal))
        {
            var kjede = new List<string> { start };
            var sett = new HashSet<string>(StringComparer.Ordinal) { start };
            for (var i = start; neste.TryGetValue(i, out var ny) && sett.Add(ny); i = ny)
            {
                kjede.Add(ny);
            }

            if (identer.TryGetValue(kjede[^1], out var fra))
            {
                // Two old idents merged into one person: keep each ident once.
                fra.InsertRange(0, kjede.Where(i => !fra.Contains(i)));
            }
            else
            {
                identer[kjede[^1]] = kjede;
            }
        }

        // Latest wins, in the order the events apply (date, then import order); keyed by the person's current
        // ident, so a protection registered under a D-number still holds after the person got a fødselsnummer.
        var beskyttelse = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var hendelse in store.LesAdressebeskyttelserAsync(ct))
        {
            var person = kanonisk.TryGetValue(hendelse.Ident, out var k) ? k : hendelse.Ident;
            if (hendelse.Gradering == Ugradert)
            {
                beskyttelse.Remove(person);
            }
            else
            {
                beskyttelse[person] = hendelse.Gradering;
            }
        }

        Volatile.Write(ref _snapshot, new Snapshot(
            kanonisk.ToFrozenDictionary(StringComparer.Ordinal),
            identer.ToFrozenDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal),
            beskyttelse.ToFrozenDictionary(StringComparer.Ordinal),
            versjon));
    }

    /// <summary>Rebuilds the snapshot when an import was committed since it was built; true when it did.</summary>
    public async Task<bool> OppdaterHvisEndretAsync(CancellationToken ct = default)
    {
        var snapshot = Volatile.Read(ref _snapshot);
        if (snapshot.Versjon >= 0 && await store.HentVersjonAsync(ct) == snapshot.Versjon)
        {
            return false;
        }

        await LastAsync(ct);
        return true;
    }

    /// <summary>The end of the chain from <paramref name="ident"/>; a cycle (bad data) stops where it repeats.</summary>
    private static string FoelgKjede(Dictionary<string, string> neste, string ident)
    {
        var sett = new HashSet<string>(StringComparer.Ordinal) { ident };
        var gjeldende = ident;
        while (neste.TryGetValue(gjeldende, out var ny) && sett.Add(ny))
        {
            gjeldende = ny;
        }

        return gjeldende;
    }

    private sealed record Snapshot(
        FrozenDictionary<string, string> Kanonisk,
        FrozenDictionary<string, string[]> Identer,
        FrozenDictionary<string, string> Beskyttelse,
        long Versjon)
    {
        public static readonly Snapshot Tom = new(
            FrozenDictionary<string, string>.Empty, FrozenDictionary<string, string[]>.Empty, FrozenDictionary<string, string>.Empty, -1);
    }
}
