namespace Aareg.Storage.Referanse;

/// <summary>
/// A unit in Enhetsregisteret (DOMAIN §3) as the register stores it: a hovedenhet (juridisk enhet, the
/// opplysningspliktig) or an underenhet (virksomhet, the arbeidssted) with its <paramref name="OverordnetEnhet"/>.
/// </summary>
/// <param name="Organisasjonsform">Brønnøysund's code (AS, ENK, STAT, BEDR …).</param>
/// <param name="Konkursdato">When the bankruptcy was registered; the import date when the source gave none.</param>
public sealed record Enhet(
    string Orgnr,
    string Navn,
    string Organisasjonsform,
    bool ErHovedenhet,
    string? OverordnetEnhet,
    DateOnly? Registreringsdato,
    DateOnly? Slettedato,
    bool Konkurs,
    DateOnly? Konkursdato);

/// <summary>A person's role in a unit (DAGL, LEDE, KOMP, DTPR, DTSO, BEST, REPR, INNH …).</summary>
public sealed record Rolle(string Rollekode, string PersonIdent);

/// <summary>Folkeregisteret identbytte: from <paramref name="Dato"/> the person is known by <paramref name="NyIdent"/>.</summary>
public sealed record Identbytte(string GammelIdent, string NyIdent, DateOnly Dato);

/// <summary>
/// Folkeregisteret adressebeskyttelse event: <c>fortrolig</c>, <c>strengtFortrolig</c>, <c>strengtFortroligUtland</c>,
/// or <c>ugradert</c> (protection lifted). <paramref name="Ident"/> is the person's ident on that date.
/// </summary>
public sealed record Adressebeskyttelse(string Ident, string Gradering, DateOnly Dato);

/// <summary>Brønnøysund's change types in the update feed.</summary>
public enum Endringstype
{
    /// <summary>A new unit.</summary>
    Ny,

    /// <summary>A changed unit.</summary>
    Endring,

    /// <summary>The unit was deleted (it stays known, with a slettedato).</summary>
    Sletting,

    /// <summary>The unit was removed from the open data altogether (registered in error); treated as never registered.</summary>
    Fjernet,
}

/// <summary>The reference data held, for the import summary and health checks.</summary>
public sealed record Referanseomfang(long Hovedenheter, long Underenheter, long Roller, long Identbytter, long Adressebeskyttelser);
