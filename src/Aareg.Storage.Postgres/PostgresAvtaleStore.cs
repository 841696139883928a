using System.Collections.Frozen;
using System.Text.Json;
using Aareg.Storage.Tilgang;
using Npgsql;
using NpgsqlTypes;

namespace Aareg.Storage.Postgres;

/// <summary>
/// Agreements in PostgreSQL (<see cref="Migrasjon005Tilgang"/>): every version's document in <c>avtale_versjon</c>,
/// the current version number in <c>avtale</c>. As on SQLite, <see cref="FinnForKonsumentAsync"/> (every lookup)
/// answers from an in-memory snapshot of the current versions, dropped on every write through this store and at most
/// <see cref="Levetid"/> old otherwise, so a change made on another node is seen within seconds. Everything reads the
/// primary: agreements gate access, and a node must never rebuild its snapshot from a replica that has not yet seen
/// a suspension it just wrote (one small query per node every few seconds is no load worth offloading).
/// </summary>
public sealed class PostgresAvtaleStore(PostgresDatabase database) : IAvtaleStore
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
        await using var kommando = database.Skriver.CreateCommand(versjon is null
            ? "SELECT v.dokument FROM avtale a JOIN avtale_versjon v ON v.id = a.id AND v.versjon = a.gjeldende_versjon WHERE a.id = $1"
            : "SELECT dokument FROM avtale_versjon WHERE id = $1 AND versjon = $2");
        kommando.Parameters.AddWithValue(id);
        if (versjon is { } v)
        {
            kommando.Parameters.AddWithValue(v);
        }

        return await kommando.ExecuteScalarAsync(ct) is string dokument ? Les(dokument) : null;
    }

    public async Task<IReadOnlyList<Avtale>> ListAsync(CancellationToken ct = default) =>
        [.. (await LesGjeldendeAsync(ct)).OrderBy(a => a.Konsument, StringComparer.Ordinal).ThenBy(a => a.Id, StringComparer.Ordinal)];

    /// <summary>
    /// The next version, numbered under a row lock on the agreement: a writer on another node waits for the lock and
    /// then reads the number the first one committed (READ COMMITTED re-reads a locked row once it is released), so
    /// two concurrent changes get consecutive versions, never the same one. The primary key on (id, versjon) backs it.
    /// </summary>
    public async Task<Avtale> LagreNyVersjonAsync(Avtale avtale, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(avtale);
        ArgumentException.ThrowIfNullOrEmpty(avtale.Id);
        await using var tilkobling = await database.Skriver.OpenConnectionAsync(ct);
        await using var tx = await tilkobling.BeginTransactionAsync(System.Data.IsolationLevel.ReadCommitted, ct);

        // A new agreement's row appears with version 0 (or, if another node creates it meanwhile, this waits for that
        // one and leaves it), then the row is locked and read as committed.
        await using (var opprett = new NpgsqlCommand(
            "INSERT INTO avtale (id, konsument, gjeldende_versjon) VALUES ($1, $2, 0) ON CONFLICT (id) DO NOTHING", tilkobling, tx))
        {
            opprett.Parameters.AddWithValue(avtale.Id);
            opprett.Parameters.AddWithValue(avtale.Konsument);
            await opprett.ExecuteNonQueryAsync(ct);
        }

        int forrige;
        string forrigeKonsument;
        await using (var hent = new NpgsqlCommand("SELECT gjeldende_versjon, konsument FROM avtale WHERE id = $1 FOR UPDATE", tilkobling, tx))
        {
            hent.Parameters.AddWithValue(avtale.Id);
            await using var leser = await hent.ExecuteReaderAsync(ct);
            if (!await leser.ReadAsync(ct))
            {
                throw new InvalidOperationException("Avtalen forsvant under lagring.");
            }

            forrige = leser.GetInt32(0);
            forrigeKonsument = leser.GetString(1);
        }

        // The consumer is the agreement's party: a change of party is a new agreement, never a new version.
        if (forrigeKonsument != avtale.Konsument)
        {
            throw new InvalidOperationException("En avtale kan ikke bytte konsument.");
        }

        var lagret = avtale with { Versjon = forrige + 1 };
        await using (var batch = new NpgsqlBatch(tilkobling, tx))
        {
            var versjon = new NpgsqlBatchCommand("INSERT INTO avtale_versjon (id, versjon, dokument, endret) VALUES ($1, $2, $3, $4)");
            versjon.Parameters.AddWithValue(lagret.Id);
            versjon.Parameters.AddWithValue(lagret.Versjon);
            versjon.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = JsonSerializer.Serialize(lagret, TilgangJsonContext.Default.Avtale) });
            versjon.Parameters.AddWithValue(lagret.Endret.ToUniversalTime());
            batch.BatchCommands.Add(versjon);

            var gjeldende = new NpgsqlBatchCommand("UPDATE avtale SET gjeldende_versjon = $2 WHERE id = $1");
            gjeldende.Parameters.AddWithValue(lagret.Id);
            gjeldende.Parameters.AddWithValue(lagret.Versjon);
            batch.BatchCommands.Add(gjeldende);
            await batch.ExecuteNonQueryAsync(ct);
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
        await using var kommando = database.Skriver.CreateCommand(
            "SELECT v.dokument FROM avtale a JOIN avtale_versjon v ON v.id = a.id AND v.versjon = a.gjeldende_versjon");
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
