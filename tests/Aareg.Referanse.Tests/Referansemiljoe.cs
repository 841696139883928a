using System.Text;
using Aareg.Mottak.Referanse;
using Aareg.Storage.Sqlite;

namespace Aareg.Referanse.Tests;

/// <summary>A fresh SQLite database in a temporary folder, with the importers and read services on it.</summary>
internal sealed class Referansemiljoe : IAsyncDisposable
{
    private Referansemiljoe(string mappe, FastTid tid)
    {
        Mappe = mappe;
        Tid = tid;
        Database = new SqliteDatabase(Path.Combine(mappe, "aareg.db"));
        Store = new SqliteReferanseStore(Database);
        Enheter = new EnhetsregisterImport(Store, tid);
        Personer = new FolkeregisterImport(Store, tid);
        Folkeregister = new Folkeregister(Store);
        Enhetsregister = new Enhetsregister(Store, Folkeregister);
    }

    public string Mappe { get; }

    public FastTid Tid { get; }

    public SqliteDatabase Database { get; }

    public SqliteReferanseStore Store { get; }

    public EnhetsregisterImport Enheter { get; }

    public FolkeregisterImport Personer { get; }

    public Folkeregister Folkeregister { get; }

    public Enhetsregister Enhetsregister { get; }

    public static async Task<Referansemiljoe> LagAsync(DateOnly? idag = null)
    {
        var mappe = Path.Combine(Path.GetTempPath(), "aareg-referanse-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(mappe);
        var miljoe = new Referansemiljoe(mappe, new FastTid(idag ?? new DateOnly(2024, 6, 15)));
        await miljoe.Store.MigrerAsync(TestContext.Current.CancellationToken);
        return miljoe;
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
        await Database.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
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
internal sealed class FastTid(DateOnly idag) : TimeProvider
{
    public DateOnly Idag { get; set; } = idag;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override DateTimeOffset GetUtcNow() => new(Idag.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
}
