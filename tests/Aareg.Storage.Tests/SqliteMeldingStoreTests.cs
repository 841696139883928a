using Aareg.Storage.Sqlite;

namespace Aareg.Storage.Tests;

/// <summary>One SQLite file per test class, deleted when the class is done.</summary>
public sealed class SqliteTestfil : IDisposable
{
    private readonly DirectoryInfo _mappe = Directory.CreateTempSubdirectory("aareg-sqlite-");

    public string Filsti => Path.Combine(_mappe.FullName, "aareg.db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _mappe.Delete(recursive: true);
    }
}

/// <summary>The melding store suite on SQLite; each "node" is its own <see cref="SqliteDatabase"/> on the same file.</summary>
public sealed class SqliteMeldingStoreTests(SqliteTestfil fil) : MeldingStoreTests, IClassFixture<SqliteTestfil>
{
    protected override Task<(IMeldingStore Store, IAsyncDisposable Eier)> LagNodeAsync()
    {
        var database = new SqliteDatabase(fil.Filsti);
        return Task.FromResult<(IMeldingStore, IAsyncDisposable)>((new SqliteMeldingStore(database), database));
    }
}
