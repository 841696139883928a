using System.Text;
using Aareg.Mottak.Referanse;
using Aareg.Storage.Postgres;
using Aareg.Storage.Referanse;
using Aareg.Storage.Sqlite;
using Aareg.Tests.Felles;

namespace Aareg.Referanse.Tests;

/// <summary>
/// A fresh, empty reference store on one backend, with the importers and read services on it, and a temporary folder
/// for files. On SQLite a database file in that folder; on PostgreSQL a database of its own on the test cluster,
/// dropped on dispose.
/// </summary>
public sealed class Referansemiljoe : IAsyncDisposable
{
    private readonly Func<ValueTask> _rydd;

    private Referansemiljoe(string mappe, FastTid tid, IReferanseStore store, Func<ValueTask> rydd)
    {
        Mappe = mappe;
        Tid = tid;
        Store = store;
        _rydd = rydd;
        Enheter = new EnhetsregisterImport(Store, tid);
        Personer = new FolkeregisterImport(Store, tid);
        Folkeregister = new Folkeregister(Store);
        Enhetsregister = new Enhetsregister(Store, Folkeregister);
    }

    public string Mappe { get; }

    public FastTid Tid { get; }

    public IReferanseStore Store { get; }

    public EnhetsregisterImport Enheter { get; }

    public FolkeregisterImport Personer { get; }

    public Folkeregister Folkeregister { get; }

    public Enhetsregister Enhetsregister { get; }

    public static async Task<Referansemiljoe> LagSqliteAsync(DateOnly? idag = null)
    {
        var mappe = NyMappe();
        var database = new SqliteDatabase(Path.Combine(mappe, "aareg.db"));
        var miljoe = new Referansemiljoe(mappe, new FastTid(idag ?? Standarddag), new SqliteReferanseStore(database), async () =>
        {
            await database.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        });
        await miljoe.Store.MigrerAsync(TestContext.Current.CancellationToken);
        return miljoe;
    }

    /// <param name="satsstoerrelse">Rows the PostgreSQL import stages per merge; small values exercise the batch boundaries.</param>
    /// <param name="kopigrense">Rows before the import switches to binary COPY; 1 streams every row through COPY.</param>
    public static async Task<Referansemiljoe> LagPostgresAsync(PostgresKlynge klynge, DateOnly? idag = null, int? satsstoerrelse = null, int? kopigrense = null)
    {
        ArgumentNullException.ThrowIfNull(klynge);
        var tilkoblingstreng = await klynge.OpprettDatabaseAsync();
        var database = new PostgresDatabase(tilkoblingstreng);
        var standard = new PostgresReferanseStore(database);
        var store = new PostgresReferanseStore(database)
        {
            Satsstoerrelse = satsstoerrelse ?? standard.Satsstoerrelse,
            Kopigrense = kopigrense ?? standard.Kopigrense,
        };
        var miljoe = new Referansemiljoe(NyMappe(), new FastTid(idag ?? Standarddag), store, async () =>
        {
            await database.DisposeAsync();
            await klynge.SlettDatabaseAsync(tilkoblingstreng);
        });
        await miljoe.Store.MigrerAsync(TestContext.Current.CancellationToken);
        return miljoe;
    }

    private static DateOnly Standarddag => new(2024, 6, 15);

    private static string NyMappe()
    {
        var mappe = Path.Combine(Path.GetTempPath(), "aareg-referanse-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(mappe);
        return mappe;
    }

    public async Task<EnhetsregisterImportresultat> ImporterEnheterAsync(string json)
    {
        using var stroem = new MemoryStream(Encoding.UTF8.GetBytes(json));
        var resultat = json.TrimStart().StartsWith('{')
            ? await Enheter.ImporterOppdateringerAsync(stroem, TestContext.Current.CancellationToken)
            : await Enheter.ImporterBulkAsync(stroem, TestContext.Current.CancellationToken);
        await LastAsync();
        return resultat;
    }

    public async Task<FolkeregisterImportresultat> ImporterPersonerAsync(params string[] linjer)
    {
        using var stroem = new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', linjer) + "\n"));
        var resultat = await Personer.ImporterAsync(stroem, TestContext.Current.CancellationToken);
        await LastAsync();
        return resultat;
    }

    public async Task LastAsync()
    {
        await Folkeregister.OppdaterHvisEndretAsync(TestContext.Current.CancellationToken);
        await Enhetsregister.OppdaterHvisEndretAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _rydd();
        try
        {
            Directory.Delete(Mappe, recursive: true);
        }
        catch (IOException)
        {
            // A pooled reader may still hold the file for a moment; the temp folder is cleaned by the OS.
        }
    }
}

/// <summary>A fixed clock in UTC: the import date of a bankruptcy without konkursdato is "today".</summary>
public sealed class FastTid(DateOnly idag) : TimeProvider
{
    public DateOnly Idag { get; set; } = idag;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override DateTimeOffset GetUtcNow() => new(Idag.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
}
