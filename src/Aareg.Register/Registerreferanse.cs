using Aareg.Domain.Register;
using Aareg.Mottak.Referanse;

namespace Aareg.Register;

/// <summary>
/// What the register's derivation needs from the reference registers (DOMAIN §3, §6): the person's canonical ident
/// (identbytte), all of a person's idents (lookups by an old ident), and Enhetsregisteret's closure of an
/// opplysningspliktig (EROPPH/ERKONK). Reads in-memory snapshots only: it is called for every person of every melding.
/// </summary>
public interface IRegisterreferanse
{
    /// <summary>The person's current ident; <paramref name="ident"/> itself when it was never replaced.</summary>
    string Kanonisk(string ident);

    /// <summary>Every ident of the person <paramref name="ident"/> belongs to (at least <paramref name="ident"/>).</summary>
    IReadOnlyCollection<string> AlleIdenter(string ident);

    /// <summary>Enhetsregisteret's closure of the opplysningspliktig, or null when it is active or unknown.</summary>
    Enhetsopphoer? Opphoer(string opplysningspliktig);
}

/// <summary>
/// <see cref="IRegisterreferanse"/> over the Folkeregisteret and Enhetsregisteret snapshots; either may be absent
/// (tests and tools without reference data): then idents are their own and no unit has ended.
/// </summary>
public sealed class Registerreferanse(Folkeregister? folkeregister, Enhetsregister? enhetsregister) : IRegisterreferanse
{
    /// <summary>No reference data: every ident is canonical, no opplysningspliktig has ended.</summary>
    public static IRegisterreferanse Ingen { get; } = new Registerreferanse(null, null);

    public string Kanonisk(string ident) => folkeregister?.Kanonisk(ident) ?? ident;

    public IReadOnlyCollection<string> AlleIdenter(string ident) =>
        folkeregister is null ? [ident] : [.. folkeregister.AlleIdenter(ident).Select(static i => i.Ident)];

    public Enhetsopphoer? Opphoer(string opplysningspliktig) => enhetsregister?.Opphoer(opplysningspliktig);
}
