using System.Globalization;
using System.Runtime.CompilerServices;
using Aareg.Domain.Revisjon;
using Aareg.Storage.Revisjon;
using Microsoft.Data.Sqlite;

namespace Aareg.Storage.Sqlite;

/// <summary>
/// The audit log in SQLite (API §8, tables from <see cref="Migrasjon007Revisjon"/>). Appends run under the database's
/// single writer lease, so the chain is linear; concurrent <see cref="SkrivAsync"/> calls share one transaction (group commit), committed with
/// <c>synchronous=FULL</c>, so the records are on disk before the lookup answers. Every failure propagates: the
/// caller must then fail the lookup (fail closed).
/// </summary>
public sealed class SqliteRevisjonslogg : IRevisjonslogg, IRevisjonsleser
{
    private static readonly string Kolonner = string.Join(", ", Revisjonsfelter.Kolonner);

    private readonly SqliteDatabase _database;
    private readonly Gruppeskriver _gruppeskriver;

    public SqliteRevisjonslogg(SqliteDatabase database)
    {
        _database = database;
        _gruppeskriver = new Gruppeskriver(SkrivGruppeAsync);
    }

    public async Task MigrerAsync(CancellationToken ct = default)
    {
        using var laan = await _database.TaSkriverAsync(ct);
        await SqliteMigrasjoner.MigrerAsync(laan.Tilkobling, ct);
    }

    /// <summary>
    /// Appends the records durably. Concurrent calls are written together (group commit): one transaction and one
    /// fsync for every call waiting at that moment, so lookups don't serialise on one fsync each. Each call returns
    /// only after the transaction holding its records has committed, and fails when that transaction fails — the
    /// lookup still fails closed.
    /// </summary>
    public async Task SkrivAsync(IReadOnlyList<Oppslagsrevisjon> poster, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(poster);
        foreach (var post in poster)
        {
            Valider(post);
        }

        await _gruppeskriver.SkrivAsync(poster, ct);
    }

    private async Task SkrivGruppeAsync(IReadOnlyList<Oppslagsrevisjon> poster)
    {
        var ct = CancellationToken.None;
        using var laan = await _database.TaSkriverAsync(ct);
        var tilkobling = laan.Tilkobling;
        await using var tx = (SqliteTransaction)await tilkobling.BeginTransactionAsync(ct);
        var (sekvens, forrige) = await HodeAsync(tilkobling, tx, ct) is { } hode
            ? (hode.Sekvensnummer, hode.Hash)
            : (0L, Revisjonskjede.Start.ToArray());

        await using var kommando = tilkobling.CreateCommand();
        kommando.Transaction = tx;
        var parametre = Revisjonsfelter.Kolonner.Select((_, i) => "$f" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
        kommando.CommandText = $"INSERT INTO revisjon (sekvensnummer, {Kolonner}, forrige_hash, hash) VALUES ($s, {string.Join(", ", parametre)}, $fh, $h)";
        var s = kommando.Parameters.Add("$s", SqliteType.Integer);
        var felt = parametre.Select(p => kommando.Parameters.Add(p, SqliteType.Text)).ToArray();
        var fh = kommando.Parameters.Add("$fh", SqliteType.Blob);
        var h = kommando.Parameters.Add("$h", SqliteType.Blob);

        foreach (var post in poster)
        {
            var felter = Revisjonsfelter.Felter(post);
            var lenke = Revisjonskjede.Neste(sekvens, forrige, felter);
            s.Value = lenke.Sekvensnummer;
            for (var i = 0; i < felter.Length; i++)
            {
                felt[i].Value = (object?)felter[i] ?? DBNull.Value;
            }

            fh.Value = lenke.ForrigeHash;
            h.Value = lenke.Hash;
            await kommando.ExecuteNonQueryAsync(ct);
            (sekvens, forrige) = (lenke.Sekvensnummer, lenke.Hash);
        }

        await tx.CommitAsync(ct);
    }

    public async Task<IReadOnlyList<LagretRevisjon>> HentForPersonAsync(
        IReadOnlyCollection<string> identer, DateTimeOffset? fra, DateTimeOffset? til, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(identer);
        var svar = new List<LagretRevisjon>();
        if (identer.Count == 0)
        {
            return svar;
        }

        await using var tilkobling = await _database.AapneLeserAsync(ct);
        await using var kommando = tilkobling.CreateCommand();
        var navn = identer.Select((ident, i) =>
        {
            var p = "$i" + i.ToString(CultureInfo.InvariantCulture);
            kommando.Parameters.AddWithValue(p, ident);
            return p;
        }).ToList();
        kommando.CommandText = $"SELECT sekvensnummer, {Kolonner} FROM revisjon WHERE personident IN ({string.Join(", ", navn)}){Tidsfilter(kommando, fra, til)} ORDER BY tidspunkt, sekvensnummer";
        await using var leser = await kommando.ExecuteReaderAsync(ct);
        while (await leser.ReadAsync(ct))
        {
            svar.Add(new LagretRevisjon(leser.GetInt64(0), Revisjonsfelter.Post(Felter(leser, 1))));
        }

        return svar;
    }

    public async IAsyncEnumerable<LagretRevisjon> LesAsync(
        DateTimeOffset? fra, DateTimeOffset? til, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var tilkobling = await _database.AapneLeserAsync(ct);
        await using var kommando = tilkobling.CreateCommand();
        var filter = Tidsfilter(kommando, fra, til);
        kommando.CommandText = $"SELECT sekvensnummer, {Kolonner} FROM revisjon WHERE 1 = 1{filter} ORDER BY sekvensnummer";
        await using var leser = await kommando.ExecuteReaderAsync(ct);
        while (await leser.ReadAsync(ct))
        {
            yield return new LagretRevisjon(leser.GetInt64(0), Revisjonsfelter.Post(Felter(leser, 1)));
        }
    }

    public async IAsyncEnumerable<Kjedepost> LesKjedeAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var tilkobling = await _database.AapneLeserAsync(ct);
        await using var kommando = tilkobling.CreateCommand();

        // Stored order; rowid breaks ties should a tampered table hold two rows with one number.
        kommando.CommandText = $"SELECT sekvensnummer, forrige_hash, hash, {Kolonner} FROM revisjon ORDER BY sekvensnummer, rowid";
        await using var leser = await kommando.ExecuteReaderAsync(ct);
        while (await leser.ReadAsync(ct))
        {
            yield return new Kjedepost(leser.GetInt64(0), Blob(leser, 1), Blob(leser, 2), Felter(leser, 3));
        }
    }

    public async Task<Kjedehode?> HentHodeAsync(CancellationToken ct = default)
    {
        await using var tilkobling = await _database.AapneLeserAsync(ct);
        return await HodeAsync(tilkobling, null, ct);
    }

    public async Task LagreSjekkpunktAsync(LagretSjekkpunkt sjekkpunkt, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(sjekkpunkt);
        var sp = sjekkpunkt.Sjekkpunkt;
        using var laan = await _database.TaSkriverAsync(ct);
        await using var kommando = laan.Tilkobling.CreateCommand();
        kommando.CommandText = """
            INSERT OR IGNORE INTO revisjon_sjekkpunkt (sekvensnummer, hash, tidspunkt, signatur, offentlig_nokkel)
            VALUES ($s, $h, $t, $sig, $k)
            """;
        kommando.Parameters.AddWithValue("$s", sp.Sekvensnummer);
        kommando.Parameters.AddWithValue("$h", sp.Hash);
        kommando.Parameters.AddWithValue("$t", Sjekkpunkt.Tidstekst(sp.Tidspunkt));
        kommando.Parameters.AddWithValue("$sig", sp.Signatur);
        kommando.Parameters.AddWithValue("$k", sjekkpunkt.OffentligNokkelPem);
        await kommando.ExecuteNonQueryAsync(ct);
    }

    public async Task<LagretSjekkpunkt?> HentSisteSjekkpunktAsync(CancellationToken ct = default)
    {
        await using var tilkobling = await _database.AapneLeserAsync(ct);
        await using var kommando = tilkobling.CreateCommand();
        kommando.CommandText = """
            SELECT sekvensnummer, hash, tidspunkt, signatur, offentlig_nokkel FROM revisjon_sjekkpunkt
            ORDER BY sekvensnummer DESC, tidspunkt DESC LIMIT 1
            """;
        await using var leser = await kommando.ExecuteReaderAsync(ct);
        if (!await leser.ReadAsync(ct))
        {
            return null;
        }

        var tidspunkt = DateTimeOffset.Parse(leser.GetString(2), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
        return new LagretSjekkpunkt(new Sjekkpunkt(leser.GetInt64(0), Blob(leser, 1), tidspunkt, Blob(leser, 3)), leser.GetString(4));
    }

    private static async Task<Kjedehode?> HodeAsync(SqliteConnection tilkobling, SqliteTransaction? tx, CancellationToken ct)
    {
        await using var kommando = tilkobling.CreateCommand();
        kommando.Transaction = tx;
        kommando.CommandText = "SELECT sekvensnummer, hash FROM revisjon ORDER BY sekvensnummer DESC LIMIT 1";
        await using var leser = await kommando.ExecuteReaderAsync(ct);
        return await leser.ReadAsync(ct) ? new Kjedehode(leser.GetInt64(0), Blob(leser, 1)) : null;
    }

    /// <summary>Time bounds as text: stored times are fixed-width UTC, so text order is time order.</summary>
    private static string Tidsfilter(SqliteCommand kommando, DateTimeOffset? fra, DateTimeOffset? til)
    {
        var sql = "";
        if (fra is { } f)
        {
            kommando.Parameters.AddWithValue("$fra", Sjekkpunkt.Tidstekst(f));
            sql += " AND tidspunkt >= $fra";
        }

        if (til is { } t)
        {
            kommando.Parameters.AddWithValue("$til", Sjekkpunkt.Tidstekst(t));
            sql += " AND tidspunkt < $til";
        }

        return sql;
    }

    /// <summary>The stored texts in hash order; integer columns are read back as the invariant text they were written as.</summary>
    private static string?[] Felter(SqliteDataReader leser, int fra)
    {
        var felter = new string?[Revisjonsfelter.Kolonner.Count];
        for (var i = 0; i < felter.Length; i++)
        {
            var kolonne = fra + i;
            felter[i] = leser.IsDBNull(kolonne)
                ? null
                : leser.GetFieldType(kolonne) == typeof(long)
                    ? leser.GetInt64(kolonne).ToString(CultureInfo.InvariantCulture)
                    : leser.GetString(kolonne);
        }

        return felter;
    }

    private static byte[] Blob(SqliteDataReader leser, int kolonne) =>
        leser.IsDBNull(kolonne) ? [] : leser.GetFieldValue<byte[]>(kolonne);

    private static void Valider(Oppslagsrevisjon post)
    {
        ArgumentNullException.ThrowIfNull(post);

        // Messages name the field, never its value (personal data).
        ArgumentException.ThrowIfNullOrWhiteSpace(post.Personident, "Personident");
        ArgumentException.ThrowIfNullOrWhiteSpace(post.Operasjon, "Operasjon");
        ArgumentException.ThrowIfNullOrWhiteSpace(post.Kanal, "Kanal");
        ArgumentException.ThrowIfNullOrWhiteSpace(post.Korrelasjonsid, "Korrelasjonsid");
        if (!Enum.IsDefined(post.Beslutning))
        {
            throw new ArgumentException("Ukjent beslutning.", nameof(post));
        }
    }
}
