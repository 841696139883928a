using Aareg.Storage.Sqlite;
using Aareg.Storage.Tilgang;

namespace Aareg.Storage.Tests;

/// <summary>The agreement store suite on SQLite; each "node" is its own <see cref="SqliteDatabase"/> on the same file.</summary>
public sealed class SqliteAvtaleStoreTests(SqliteTestfil fil) : AvtaleStoreTests, IClassFixture<SqliteTestfil>
{
    protected override async Task<(IAvtaleStore Store, IAsyncDisposable Eier)> LagNodeAsync()
    {
        var database = new SqliteDatabase(fil.Filsti);
        await new SqliteRevisjonslogg(database).MigrerAsync(Ct);
        return (new SqliteAvtaleStore(database), database);
    }
}
