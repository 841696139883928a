using Microsoft.Data.Sqlite;

namespace Aareg.Storage.Sqlite;

/// <summary>
/// The embedded store: one file in the data directory, WAL journal, one writer at a time (SQLite's model),
/// readers on pooled connections. <c>synchronous=FULL</c> so that a commit is on disk before we acknowledge.
/// </summary>
public sealed class SqliteDatabase : IAsyncDisposable
{
    private readonly SemaphoreSlim _skrivelaas = new(1, 1);
    private readonly string _tilkoblingstreng;
    private SqliteConnection? _skriver;

    public SqliteDatabase(string filsti)
    {
        ArgumentException.ThrowIfNullOrEmpty(filsti);
        var mappe = Path.GetDirectoryName(Path.GetFullPath(filsti));
        if (!string.IsNullOrEmpty(mappe))
        {
            Directory.CreateDirectory(mappe);
        }

        Filsti = filsti;
        _tilkoblingstreng = new SqliteConnectionStringBuilder
        {
            DataSource = filsti,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string Filsti { get; }

    /// <summary>Opens a pooled connection for reading.</summary>
    public async Task<SqliteConnection> AapneLeserAsync(CancellationToken ct)
    {
        var tilkobling = new SqliteConnection(_tilkoblingstreng);
        await tilkobling.OpenAsync(ct);
        await UtfoerAsync(tilkobling, "PRAGMA busy_timeout=30000; PRAGMA query_only=1;", ct);
        return tilkobling;
    }

    /// <summary>Takes the single writer; dispose the lease to release it.</summary>
    public async Task<Skrivelaan> TaSkriverAsync(CancellationToken ct)
    {
        await _skrivelaas.WaitAsync(ct);
        try
        {
            if (_skriver is null)
            {
                var tilkobling = new SqliteConnection(_tilkoblingstreng);
                await tilkobling.OpenAsync(ct);
                await UtfoerAsync(
                    tilkobling,
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000; PRAGMA query_only=0;",
                    ct);
                _skriver = tilkobling;
            }

            return new Skrivelaan(_skriver, _skrivelaas);
        }
        catch
        {
            _skrivelaas.Release();
            throw;
        }
    }

    internal static async Task UtfoerAsync(SqliteConnection tilkobling, string sql, CancellationToken ct, SqliteTransaction? tx = null)
    {
        await using var kommando = tilkobling.CreateCommand();
        kommando.CommandText = sql;
        kommando.Transaction = tx;
        await kommando.ExecuteNonQueryAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_skriver is not null)
        {
            await _skriver.DisposeAsync();
            _skriver = null;
        }

        _skrivelaas.Dispose();
    }

    /// <summary>Exclusive use of the writer connection.</summary>
    public sealed class Skrivelaan : IDisposable
    {
        private readonly SemaphoreSlim _laas;
        private bool _frigitt;

        internal Skrivelaan(SqliteConnection tilkobling, SemaphoreSlim laas)
        {
            Tilkobling = tilkobling;
            _laas = laas;
        }

        public SqliteConnection Tilkobling { get; }

        public void Dispose()
        {
            if (!_frigitt)
            {
                _frigitt = true;
                _laas.Release();
            }
        }
    }
}
