namespace Aareg.Storage.Referanse;

/// <summary>
/// Storage of the reference registers (DOMAIN §3): Enhetsregisteret (units and roles) and Folkeregisteret
/// (identbytte and adressebeskyttelse). Writes go through an <see cref="IReferanseImport"/>, one large transaction per
/// import; every write is an upsert, so importing the same file again, or replaying an update feed, changes nothing.
/// Reads stream, so the in-memory snapshots can be built at national scale.
/// </summary>
public interface IReferanseStore
{
    /// <summary>Creates the schema or brings it up to date; a no-op when it is current.</summary>
    Task MigrerAsync(CancellationToken ct = default);

    /// <summary>Starts an import: takes the writer and opens one transaction until committed or disposed.</summary>
    /// <param name="importdato">The date recorded where the source gives none (a bankruptcy without konkursdato).</param>
    Task<IReferanseImport> StartImportAsync(DateOnly importdato, CancellationToken ct = default);

    /// <summary>All units, in orgnr order.</summary>
    IAsyncEnumerable<Enhet> LesEnheterAsync(CancellationToken ct = default);

    /// <summary>One unit, or null.</summary>
    Task<Enhet?> HentEnhetAsync(string orgnr, CancellationToken ct = default);

    /// <summary>All identbytter, oldest first.</summary>
    IAsyncEnumerable<Identbytte> LesIdentbytterAsync(CancellationToken ct = default);

    /// <summary>All adressebeskyttelse events, in the order they apply (date, then the order they were imported).</summary>
    IAsyncEnumerable<Adressebeskyttelse> LesAdressebeskyttelserAsync(CancellationToken ct = default);

    /// <summary>The role codes held in <paramref name="orgnr"/> by any of <paramref name="personIdenter"/>, sorted, distinct.</summary>
    Task<IReadOnlyList<string>> HentRollerAsync(IReadOnlyCollection<string> personIdenter, string orgnr, CancellationToken ct = default);

    /// <summary>The roles of a unit.</summary>
    Task<IReadOnlyList<Rolle>> HentRollerForEnhetAsync(string orgnr, CancellationToken ct = default);

    /// <summary>The last <c>oppdateringsid</c> applied from an update feed (<c>enheter</c>, <c>underenheter</c>), or null.</summary>
    Task<long?> HentOppdateringsmarkoerAsync(string feed, CancellationToken ct = default);

    /// <summary>Increases with every committed import: readers rebuild their snapshot when it has moved.</summary>
    Task<long> HentVersjonAsync(CancellationToken ct = default);

    Task<Referanseomfang> TellAsync(CancellationToken ct = default);
}

/// <summary>
/// One import in one transaction. Nothing is visible to readers before <see cref="CommitAsync"/>; disposing without
/// committing rolls everything back. The write methods are synchronous: they run prepared statements on the open
/// transaction and never wait for disk.
/// </summary>
public interface IReferanseImport : IAsyncDisposable
{
    /// <summary>Inserts or replaces a unit. A bankruptcy keeps the konkursdato already stored when the new one has none.</summary>
    void LagreEnhet(Enhet enhet);

    /// <summary>Marks a unit deleted; false when the unit is unknown.</summary>
    bool SlettEnhet(string orgnr, DateOnly slettedato);

    /// <summary>Removes a unit and its roles, as if it had never been registered; false when unknown.</summary>
    bool FjernEnhet(string orgnr);

    /// <summary>The unit as stored in this transaction (sees the import's own writes).</summary>
    Enhet? HentEnhet(string orgnr);

    /// <summary>Replaces all roles of a unit: the role files give each unit's complete set.</summary>
    void ErstattRoller(string orgnr, IReadOnlyList<Rolle> roller);

    /// <summary>Records an identbytte; the same old ident again replaces the earlier record.</summary>
    void LagreIdentbytte(Identbytte bytte);

    /// <summary>Records an adressebeskyttelse event; the same event again is ignored.</summary>
    void LagreAdressebeskyttelse(Adressebeskyttelse beskyttelse);

    /// <summary>The last applied <c>oppdateringsid</c> of an update feed, as seen in this transaction.</summary>
    long? HentOppdateringsmarkoer(string feed);

    void SettOppdateringsmarkoer(string feed, long oppdateringsid);

    Task CommitAsync(CancellationToken ct = default);
}
