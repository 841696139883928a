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
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim> _jobblaaser = new(StringComparer.Ordinal);

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

    /// <summary>
    /// In-process: one process owns a SQLite file in normal operation (a second one, such as the command line beside
    /// the service, stays correct through the register's progress token, it only repeats work).
    /// </summary>
    public async Task<IAsyncDisposable?> TaJobblaasAsync(string jobb, bool vent, CancellationToken ct = default)
    {
        var laas = _jobblaaser.GetOrAdd(jobb, _ => new SemaphoreSlim(1, 1));
        if (vent)
        {
            await laas.WaitAsync(ct);
        }
        else if (!await laas.WaitAsync(0, ct))
        {
            return null;
        }

        return new Jobblaas(laas);
    }

    private sealed class Jobblaas(SemaphoreSlim laas) : IAsyncDisposable
    {
        private int _frigitt;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _frigitt, 1) == 0)
            {
                laas.Release();
            }

            return ValueTask.CompletedTask;
        }
    }

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}
