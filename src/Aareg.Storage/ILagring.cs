using Aareg.Storage.Pensjon;
using Aareg.Storage.Referanse;
using Aareg.Storage.Register;
using Aareg.Storage.Revisjon;
using Aareg.Storage.Tilgang;

namespace Aareg.Storage;

/// <summary>Which backend holds the register (<c>Aareg:Storage:Provider</c>).</summary>
public enum Lagringstype
{
    /// <summary>One file in the data directory: one machine, the embedded default.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server (<c>ConnectionStrings:Aareg</c>, optionally a replica in <c>ConnectionStrings:AaregLes</c>): several nodes.</summary>
    Postgres,
}

/// <summary>
/// Every store of one backend over one database (ARCHITECTURE: one store abstraction, two backends). The service and
/// the command line open one of these from configuration and never name a backend's classes themselves, so the same
/// code runs on SQLite and PostgreSQL.
/// </summary>
public interface ILagring : IAsyncDisposable
{
    Lagringstype Type { get; }

    IMeldingStore Meldinger { get; }

    IReferanseStore Referanse { get; }

    IPensjonsinnretningStore Pensjonsinnretninger { get; }

    IAvtaleStore Avtaler { get; }

    ISoknadStore Soknader { get; }

    IDelegeringStore Delegeringer { get; }

    /// <summary>The audit log: the lookup path appends through <see cref="IRevisjonslogg"/> only.</summary>
    IRevisjonslogg Revisjonslogg { get; }

    IRevisjonsleser Revisjonsleser { get; }

    /// <summary>
    /// A register store that finds a person by any of the person's idents through <paramref name="personidenter"/>
    /// (Folkeregisteret's identbytte; null = only the ident asked for). One per process: a store may hold claims.
    /// </summary>
    IRegisterStore LagRegister(Func<string, IReadOnlyCollection<string>>? personidenter);

    /// <summary>Brings the schema up to date (versioned; re-running is a no-op).</summary>
    Task MigrerAsync(CancellationToken ct = default);

    /// <summary>
    /// A lock on a scheduled job (<paramref name="jobb"/>) that holds across every node of the store, so that work
    /// such as the periodic re-derivation runs on one node at a time. <paramref name="vent"/>: wait for it; otherwise
    /// null when another node holds it. Dispose to release; a node that dies releases its locks with it.
    /// </summary>
    Task<IAsyncDisposable?> TaJobblaasAsync(string jobb, bool vent, CancellationToken ct = default);
}
