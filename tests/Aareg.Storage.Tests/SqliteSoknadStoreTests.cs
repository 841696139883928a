using Aareg.Storage.Sqlite;
using Aareg.Storage.Tilgang;

namespace Aareg.Storage.Tests;

/// <summary>The application and delegation store suite on SQLite; each "node" is its own <see cref="SqliteDatabase"/> on the same file.</summary>
public sealed class SqliteSoknadStoreTests(SqliteTestfil fil) : SoknadStoreTests, IClassFixture<SqliteTestfil>
{
    protected override async Task<(ISoknadStore Soknader, IDelegeringStore Delegeringer, IAsyncDisposable Eier)> LagNodeAsync()
    {
        var database = new SqliteDatabase(fil.Filsti);
        await new SqliteRevisjonslogg(database).MigrerAsync(Ct);
        return (new SqliteSoknadStore(database), new SqliteDelegeringStore(database), database);
    }
}
