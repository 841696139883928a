using Aareg.Storage.Revisjon;
using Aareg.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Aareg.Storage.Tests;

/// <summary>The audit log suite on SQLite: one file per test; each "node" is its own <see cref="SqliteDatabase"/> on it.</summary>
public sealed class SqliteRevisjonsloggTests : RevisjonsloggTests
{
    protected override Task<string> LagDatabaseAsync() =>
        Task.FromResult(Path.Combine(Directory.CreateTempSubdirectory("aareg-revisjon-").FullName, "aareg.db"));

    protected override Task SlettDatabaseAsync(string database)
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(Path.GetDirectoryName(database)!, recursive: true);
        return Task.CompletedTask;
    }

    protected override async Task<(IRevisjonslogg Logg, IRevisjonsleser Leser, IAsyncDisposable Eier)> LagNodeAsync(string database)
    {
        var sqlite = new SqliteDatabase(database);
        var logg = new SqliteRevisjonslogg(sqlite);
        await logg.MigrerAsync(Ct);
        return (logg, logg, sqlite);
    }

    protected override async Task UtfoerAsync(string database, string sql, bool forbiVernet = false)
    {
        await using var tilkobling = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString());
        await tilkobling.OpenAsync(Ct);
        await using var kommando = tilkobling.CreateCommand();
        kommando.CommandText = (forbiVernet ? "DROP TRIGGER IF EXISTS revisjon_ingen_endring; DROP TRIGGER IF EXISTS revisjon_ingen_sletting; " : "") + sql;
        await kommando.ExecuteNonQueryAsync(Ct);
    }
}
