using Aareg.Storage.Pensjon;
using Aareg.Storage.Sqlite;

namespace Aareg.Storage.Tests;

/// <summary>The pension-institution store suite on SQLite; each "node" is its own <see cref="SqliteDatabase"/> on the same file.</summary>
public sealed class SqlitePensjonsinnretningStoreTests(SqliteTestfil fil) : PensjonsinnretningStoreTests, IClassFixture<SqliteTestfil>
{
    protected override Task<(IMeldingStore Meldinger, IPensjonsinnretningStore Pensjon, IAsyncDisposable Eier)> LagNodeAsync()
    {
        var database = new SqliteDatabase(fil.Filsti);
        return Task.FromResult<(IMeldingStore, IPensjonsinnretningStore, IAsyncDisposable)>(
            (new SqliteMeldingStore(database), new SqlitePensjonsinnretningStore(database), database));
    }
}
