using System.Collections.Frozen;
using System.Globalization;
using Aareg.Domain.Kontroller;
using Aareg.Domain.Register;
using Aareg.Storage.Referanse;

namespace Aareg.Mottak.Referanse;

/// <summary>
/// Enhetsregisteret for the controls and the derivation (DOMAIN §3, §4.2, §6): an in-memory snapshot of every unit,
/// built from the store and swapped whole after an import. The controls look up every virksomhet of every melding, so
/// <see cref="Finn"/> is one frozen-dictionary lookup; units are keyed by their orgnr as a number (nine digits fit an
/// int) with a small struct value, which keeps the national register (about two million units) near 100 MB.
/// Roles stay in the store: they are needed per request by the access rules, not per melding.
/// </summary>
public sealed class Enhetsregister(IReferanseStore store, Folkeregister folkeregister) : IEnhetsregisterOppslag
{
    private Snapshot _snapshot = Snapshot.Tom;

    /// <summary>True when at least one unit is loaded: before that the controls do not consult the register.</summary>
    public bool ErLastet => Volatile.Read(ref _snapshot).Enheter.Count > 0;

    /// <summary>Units in the snapshot.</summary>
    public int Antall => Volatile.Read(ref _snapshot).Enheter.Count;

    public EnhetInfo? Finn(string orgnr)
    {
        if (!TilNoekkel(orgnr, out var noekkel) || !Volatile.Read(ref _snapshot).Enheter.TryGetValue(noekkel, out var post))
        {
            return null;
        }

        return new EnhetInfo(orgnr, post.ErHovedenhet, post.Overordnet < 0 ? null : TilOrgnr(post.Overordnet), post.Slettedato, post.Konkurs);
    }

    /// <summary>
    /// Whether Enhetsregisteret ended the opplysningspliktig (DOMAIN §6): bankrupt (<c>ERKONK</c>, at the konkursdato,
    /// or the date the bankruptcy was first imported when the source gave none) or deleted (<c>EROPPH</c>, at the
    /// slettedato). When both are recorded the earlier one closed the arbeidsforhold; on the same day bankruptcy wins,
    /// as the cause. Null for a unit that is active or unknown.
    /// </summary>
    public Enhetsopphoer? Opphoer(string opplysningspliktig)
    {
        if (!TilNoekkel(opplysningspliktig, out var noekkel) || !Volatile.Read(ref _snapshot).Enheter.TryGetValue(noekkel, out var post))
        {
            return null;
        }

        return (post.Konkurs ? post.Konkursdato : null, post.Slettedato) switch
        {
            ({ } konkurs, { } slettet) when slettet < konkurs => Enhetsopphoer.Slettet(slettet),
            ({ } konkurs, _) => Enhetsopphoer.Konkurs(konkurs),
            (null, { } slettet) => Enhetsopphoer.Slettet(slettet),
            _ => null,
        };
    }

    /// <summary>
    /// The roles (DAGL, LEDE, INNH …) the person holds in the unit, under any of the person's idents (identbytte):
    /// who may act for the unit in the access rules. Sorted, distinct.
    /// </summary>
    public Task<IReadOnlyList<string>> RollerForAsync(string personIdent, string orgnr, CancellationToken ct = default)
    {
        var identer = folkeregister.AlleIdenter(personIdent).Select(i => i.Ident).ToArray();
        return store.HentRollerAsync(identer, orgnr, ct);
    }

    /// <summary>Rebuilds the snapshot from the store and swaps it in; lookups meanwhile see the previous one.</summary>
    public async Task LastAsync(CancellationToken ct = default)
    {
        var versjon = await store.HentVersjonAsync(ct);
        var enheter = new Dictionary<int, Post>();
        await foreach (var enhet in store.LesEnheterAsync(ct))
        {
            if (!TilNoekkel(enhet.Orgnr, out var noekkel))
            {
                continue;
            }

            var overordnet = TilNoekkel(enhet.OverordnetEnhet, out var o) ? o : -1;
            enheter[noekkel] = new Post(overordnet, enhet.ErHovedenhet, enhet.Konkurs, enhet.Slettedato, enhet.Konkursdato);
        }

        Volatile.Write(ref _snapshot, new Snapshot(enheter.ToFrozenDictionary(), versjon));
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

    private static bool TilNoekkel(string? orgnr, out int noekkel)
    {
        noekkel = 0;
        if (!EnhetsregisterImport.ErOrgnr(orgnr))
        {
            return false;
        }

        foreach (var c in orgnr)
        {
            noekkel = (noekkel * 10) + (c - '0');
        }

        return true;
    }

    private static string TilOrgnr(int noekkel) => noekkel.ToString("D9", CultureInfo.InvariantCulture);

    private readonly record struct Post(int Overordnet, bool ErHovedenhet, bool Konkurs, DateOnly? Slettedato, DateOnly? Konkursdato);

    private sealed record Snapshot(FrozenDictionary<int, Post> Enheter, long Versjon)
    {
        public static readonly Snapshot Tom = new(FrozenDictionary<int, Post>.Empty, -1);
    }
}
