using Aareg.Storage.Pensjon;
using Aareg.Storage.Referanse;
using Aareg.Storage.Register;
using Aareg.Storage.Revisjon;
using Aareg.Storage.Tilgang;

namespace Aareg.Storage.Sqlite;

/// <summary>Every store on one SQLite file (<c>aareg.db</c> in the data directory).</summary>
public sealed class SqliteLagring : ILagring
{
    private readonly SqliteRevisjonslogg _revisjon;

    public SqliteLagring(string filsti)
        : this(new SqliteDatabase(filsti))
    {
    }

    public SqliteLagring(SqliteDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        Database = database;
        Meldinger = new SqliteMeldingStore(database);
        Referanse = new SqliteReferanseStore(database);
        Pensjonsinnretninger = new SqlitePensjonsinnretningStore(database);
        Avtaler = new SqliteAvtaleStore(database);
        Soknader = new SqliteSoknadStore(database);
        Delegeringer = new SqliteDelegeringStore(database);
        _revisjon = new SqliteRevisjonslogg(database);
    }

    public SqliteDatabase Database { get; }

    public Lagringstype Type => Lagringstype.Sqlite;

    public IMeldingStore Meldinger { get; }

    public IReferanseStore Referanse { get; }

    public IPensjonsinnretningStore Pensjonsinnretninger { get; }

    public IAvtaleStore Avtaler { get; }

    public ISoknadStore Soknader { get; }

    public IDelegeringStore Delegeringer { get; }

    public IRevisjonslogg Revisjonslogg => _revisjon;

    public IRevisjonsleser Revisjonsleser => _revisjon;

    public IRegisterStore LagRegister(Func<string, IReadOnlyCollection<string>>? personidenter) =>
        new SqliteRegisterStore(Database) { Personidenter = personidenter };

    public Task MigrerAsync(CancellationToken ct = default) => Meldinger.MigrerAsync(ct);

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}
