using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using Aareg.Storage.Tilgang;
using Microsoft.Data.Sqlite;

namespace Aareg.Storage.Sqlite;

/// <summary>
/// Agreements in SQLite (migration 6): every version's document in <c>avtale_versjon</c>, the current version number
/// in <c>avtale</c>. <see cref="FinnForKonsumentAsync"/> runs on every lookup, so it answers from an in-memory
/// snapshot of the current versions (agreements number in the hundreds), dropped on every write through this store
/// and at most <see cref="Levetid"/> old otherwise, so a change made by another process (the command line) on the
/// same file is seen within seconds.
/// </summary>
public sealed class SqliteAvtaleStore(SqliteDatabase database) : IAvtaleStore
{
    public static readonly TimeSpan Levetid = TimeSpan.FromSeconds(5);

    private Snapshot? _snapshot;
    private long _generasjon;

    public async Task<IReadOnlyList<Avtale>> FinnForKonsumentAsync(string konsument, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(konsument);
        var snapshot = await SnapshotAsync(ct);
        return snapshot.PerKonsument.TryGetValue(konsument, out var avtaler) ? avtaler : [];
    }

    public async Task<Avtale?> HentAsync(string id, int? versjon = null, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        await using var tilkobling = await database.AapneLeserAsync(ct);
        await using var kommando = tilkobling.CreateCommand();
        kommando.CommandText = versjon is null
            ? "SELECT v.dokument FROM avtale a JOIN avtale_versjon v ON v.id = a.id AND v.versjon = a.gjeldende_versjon WHERE a.id = $id"
            : "SELECT dokument FROM avtale_versjon WHERE id = $id AND versjon = $v";
        kommando.Parameters.AddWithValue("$id", id);
        if (versjon is { } v)
        {
            kommando.Parameters.AddWithValue("$v", v);
        }

        return await kommando.ExecuteScalarAsync(ct) is string dokument ? Les(dokument) : null;
    }

    public async Task<IReadOnlyList<Avtale>> ListAsync(CancellationToken ct = default) =>
        [.. (await LesGjeldendeAsync(ct)).OrderBy(a => a.Konsument, StringComparer.Ordinal).ThenBy(a => a.Id, StringComparer.Ordinal)];

    public async Task<Avtale> LagreNyVersjonAsync(Avtale avtale, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(avtale);
        ArgumentException.ThrowIfNullOrEmpty(avtale.Id);
        using var laan = await database.TaSkriverAsync(ct);
        var tilkobling = laan.Tilkobling;
        await using var tx = (SqliteTransaction)await tilkobling.BeginTransactionAsync(ct);

        var forrige = 0L;
        string? forrigeKonsument = null;
        await using (var hent = tilkobling.CreateCommand())
        {
            hent.Transaction = tx;
            hent.CommandText = "SELECT gjeldende_versjon, konsument FROM avtale WHERE id = $id";
            hent.Parameters.AddWithValue("$id", avtale.Id);
            await using var leser = await hent.ExecuteReaderAsync(ct);
            if (await leser.ReadAsync(ct))
            {
                forrige = leser.GetInt64(0);
                forrigeKonsument = leser.GetString(1);
            }
        }

        // The consumer is the agreement's party: a change of party is a new agreement, never a new version.
        if (forrigeKonsument is not null && forrigeKonsument != avtale.Konsument)
        {
            throw new InvalidOperationException("En avtale kan ikke bytte konsument.");
        }

        var lagret = avtale with { Versjon = (int)forrige + 1 };
        await using (var sett = tilkobling.CreateCommand())
        {
            sett.Transaction = tx;
            sett.CommandText = """
                INSERT INTO avtale (id, konsument, gjeldende_versjon) VALUES ($id, $k, $v)
                ON CONFLICT(id) DO UPDATE SET gjeldende_versjon = excluded.gjeldende_versjon;
                INSERT INTO avtale_versjon (id, versjon, dokument, endret) VALUES ($id, $v, $d, $e);
                """;
            sett.Parameters.AddWithValue("$id", lagret.Id);
            sett.Parameters.AddWithValue("$k", lagret.Konsument);
            sett.Parameters.AddWithValue("$v", lagret.Versjon);
            sett.Parameters.AddWithValue("$d", JsonSerializer.Serialize(lagret, TilgangJsonContext.Default.Avtale));
            sett.Parameters.AddWithValue("$e", lagret.Endret.ToString("O", CultureInfo.InvariantCulture));
            await sett.ExecuteNonQueryAsync(ct);
        }

        await tx.CommitAsync(ct);
        Interlocked.Increment(ref _generasjon);
        Volatile.Write(ref _snapshot, null);
        return lagret;
    }

    private async Task<Snapshot> SnapshotAsync(CancellationToken ct)
    {
        var snapshot = Volatile.Read(ref _snapshot);
        if (snapshot is not null && Environment.TickCount64 - snapshot.Bygget < Levetid.TotalMilliseconds)
        {
            return snapshot;
        }

        var generasjon = Interlocked.Read(ref _generasjon);
        var avtaler = await LesGjeldendeAsync(ct);
        var ny = new Snapshot(
            avtaler.GroupBy(a => a.Konsument, StringComparer.Ordinal)
                .ToFrozenDictionary(g => g.Key, g => (IReadOnlyList<Avtale>)[.. g.OrderBy(a => a.Id, StringComparer.Ordinal)], StringComparer.Ordinal),
            Environment.TickCount64);

        // A write meanwhile may not be in what we read: then answer with it this once but do not keep it.
        if (Interlocked.Read(ref _generasjon) == generasjon)
        {
            Volatile.Write(ref _snapshot, ny);
        }

        return ny;
    }

    private async Task<List<Avtale>> LesGjeldendeAsync(CancellationToken ct)
    {
        await using var tilkobling = await database.AapneLeserAsync(ct);
        await using var kommando = tilkobling.CreateCommand();
        kommando.CommandText = "SELECT v.dokument FROM avtale a JOIN avtale_versjon v ON v.id = a.id AND v.versjon = a.gjeldende_versjon";
        var avtaler = new List<Avtale>();
        await using var leser = await kommando.ExecuteReaderAsync(ct);
        while (await leser.ReadAsync(ct))
        {
            avtaler.Add(Les(leser.GetString(0)));
        }

        return avtaler;
    }

    private static Avtale Les(string dokument) =>
        JsonSerializer.Deserialize(dokument, TilgangJsonContext.Default.Avtale) ?? throw new JsonException("Tomt avtaledokument.");

    private sealed record Snapshot(FrozenDictionary<string, IReadOnlyList<Avtale>> PerKonsument, long Bygget);
}
