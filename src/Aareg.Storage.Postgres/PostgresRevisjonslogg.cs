using System.Globalization;
using System.Runtime.CompilerServices;
using Aareg.Domain.Revisjon;
using Aareg.Storage.Revisjon;
using Npgsql;
using NpgsqlTypes;

namespace Aareg.Storage.Postgres;

/// <summary>
/// The audit log in PostgreSQL (API §8, tables from <see cref="Migrasjon006Revisjon"/>). Any number of nodes append
/// to one chain: each append transaction takes a transaction-scoped advisory lock before it reads the chain head, so
/// appends are serialised across nodes and every record links to the one committed before it (no forks, no reused
/// numbers; the primary key on the sequence number backs this). Within a node, concurrent <see cref="SkrivAsync"/>
/// calls share one transaction and one commit (group commit), so lookups do not queue on one commit each. A commit
/// is durable before any caller returns; every failure propagates to every caller in the group, who must then fail
/// its lookup (fail closed).
/// </summary>
/// <remarks>
/// Appends, the chain head, the chain walk and checkpoints use the primary (<see cref="PostgresDatabase.Skriver"/>):
/// verification must see every committed record. The person's insight and the SIEM export read
/// <see cref="PostgresDatabase.Leser"/>, which may be a replica a moment behind: a record written just now may be
/// missing from it until the replica catches up.
/// </remarks>
public sealed class PostgresRevisjonslogg : IRevisjonslogg, IRevisjonsleser
{
    private readonly PostgresDatabase _database;

    /// <summary>
    /// The first key of the two-key advisory lock that serialises appends to the chain ("Aa" + 6, after the receipts'
    /// <see cref="PostgresMeldingStore.MottakLaasklasse"/>); the second key is 0 (there is one chain).
    /// </summary>
    internal const int RevisjonLaasklasse = 0x4161_0006;

    private static readonly string Kolonner = string.Join(", ", Revisjonsfelter.Kolonner);

    /// <summary>The fields as the exact texts that were hashed: typed columns back in their invariant form.</summary>
    private static readonly string Felttekster = string.Join(", ", Revisjonsfelter.Kolonner.Select(k => k switch
    {
        "avtaleversjon" or "antall_arbeidsforhold" => k + "::text",
        "skjult_for_person" => "CASE WHEN skjult_for_person THEN '1' ELSE '0' END",
        _ => k,
    }));

    /// <summary>The column type each field is copied as, in <see cref="Revisjonsfelter.Kolonner"/> order.</summary>
    private static readonly NpgsqlDbType[] Felttyper = [.. Revisjonsfelter.Kolonner.Select(k => k switch
    {
        "avtaleversjon" or "antall_arbeidsforhold" => NpgsqlDbType.Integer,
        "skjult_for_person" => NpgsqlDbType.Boolean,
        _ => NpgsqlDbType.Text,
    })];

    private readonly Gruppeskriver _gruppeskriver;

    public PostgresRevisjonslogg(PostgresDatabase database)
    {
        _database = database;
        _gruppeskriver = new Gruppeskriver(SkrivGruppeAsync);
    }

    /// <summary>Brings the schema up to date (the same migrations as every other store on the database).</summary>
    public Task MigrerAsync(CancellationToken ct = default) => _database.MigrerAsync(ct);

    /// <summary>
    /// Appends the records durably. Concurrent calls on this node are written together (group commit): one
    /// transaction and one commit for every call waiting at that moment. Each call returns only after the
    /// transaction holding its records has committed, and fails when that transaction fails — the lookup still
    /// fails closed.
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

    /// <summary>
    /// One group in one transaction: lock the chain, read its head, copy the linked records in, commit. READ COMMITTED
    /// on purpose: the head is read by a statement after the lock, so it sees what the previous holder (on any node)
    /// committed. Not cancellable: callers that stop waiting must not leave a half-written group behind.
    /// </summary>
    private async Task SkrivGruppeAsync(IReadOnlyList<Oppslagsrevisjon> poster)
    {
        var ct = CancellationToken.None;
        await using var tilkobling = await _database.Skriver.OpenConnectionAsync(ct);
        await using var tx = await tilkobling.BeginTransactionAsync(System.Data.IsolationLevel.ReadCommitted, ct);

        // The lock, and a durable commit even where the server or database default is synchronous_commit=off (an
        // acknowledged audit record must survive a crash); stronger settings (remote_apply …) are left as they are.
        await using (var laas = new NpgsqlCommand("""
            SELECT pg_advisory_xact_lock($1, 0),
                   CASE WHEN current_setting('synchronous_commit') = 'off' THEN set_config('synchronous_commit', 'on', true) END
            """, tilkobling, tx))
        {
            laas.Parameters.AddWithValue(RevisjonLaasklasse);
            await laas.ExecuteNonQueryAsync(ct);
        }

        var (sekvens, forrige) = await HodeAsync(tilkobling, tx, ct) is { } hode
            ? (hode.Sekvensnummer, hode.Hash)
            : (0L, Revisjonskjede.Start.ToArray());

        await using (var kopi = await tilkobling.BeginBinaryImportAsync(
            $"COPY revisjon (sekvensnummer, {Kolonner}, forrige_hash, hash) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var post in poster)
            {
                var felter = Revisjonsfelter.Felter(post);
                var lenke = Revisjonskjede.Neste(sekvens, forrige, felter);
                await kopi.StartRowAsync(ct);
                await kopi.WriteAsync(lenke.Sekvensnummer, NpgsqlDbType.Bigint, ct);
                for (var i = 0; i < felter.Length; i++)
                {
                    await SkrivFeltAsync(kopi, felter[i], Felttyper[i], ct);
                }

                await kopi.WriteAsync(lenke.ForrigeHash, NpgsqlDbType.Bytea, ct);
                await kopi.WriteAsync(lenke.Hash, NpgsqlDbType.Bytea, ct);
                (sekvens, forrige) = (lenke.Sekvensnummer, lenke.Hash);
            }

            await kopi.CompleteAsync(ct);
        }

        await tx.CommitAsync(ct);
    }

    /// <summary>A field's text as its column type; the text was made by <see cref="Revisjonsfelter.Felter"/>, so it parses.</summary>
    private static Task SkrivFeltAsync(NpgsqlBinaryImporter kopi, string? tekst, NpgsqlDbType type, CancellationToken ct) =>
        (tekst, type) switch
        {
            (null, _) => kopi.WriteNullAsync(ct),
            (_, NpgsqlDbType.Integer) => kopi.WriteAsync(int.Parse(tekst, CultureInfo.InvariantCulture), type, ct),
            (_, NpgsqlDbType.Boolean) => kopi.WriteAsync(tekst == "1", type, ct),
            _ => kopi.WriteAsync(tekst, type, ct),
        };

    public async Task<IReadOnlyList<LagretRevisjon>> HentForPersonAsync(
        IReadOnlyCollection<string> identer, DateTimeOffset? fra, DateTimeOffset? til, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(identer);
        var svar = new List<LagretRevisjon>();
        if (identer.Count == 0)
        {
            return svar;
        }

        await using var kommando = _database.Leser.CreateCommand();
        kommando.Parameters.AddWithValue(identer.ToArray());
        kommando.CommandText =
            $"SELECT sekvensnummer, {Felttekster} FROM revisjon WHERE personident = ANY($1){Tidsfilter(kommando, fra, til)} ORDER BY tidspunkt, sekvensnummer";
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
        await using var kommando = _database.Leser.CreateCommand();
        var filter = Tidsfilter(kommando, fra, til);
        kommando.CommandText = $"SELECT sekvensnummer, {Felttekster} FROM revisjon WHERE true{filter} ORDER BY sekvensnummer";
        await using var leser = await kommando.ExecuteReaderAsync(ct);
        while (await leser.ReadAsync(ct))
        {
            yield return new LagretRevisjon(leser.GetInt64(0), Revisjonsfelter.Post(Felter(leser, 1)));
        }
    }

    public async IAsyncEnumerable<Kjedepost> LesKjedeAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        // Stored order; ctid breaks ties should a tampered table (primary key dropped) hold two rows with one number.
        await using var kommando = _database.Skriver.CreateCommand(
            $"SELECT sekvensnummer, forrige_hash, hash, {Felttekster} FROM revisjon ORDER BY sekvensnummer, ctid");
        await using var leser = await kommando.ExecuteReaderAsync(ct);
        while (await leser.ReadAsync(ct))
        {
            yield return new Kjedepost(leser.GetInt64(0), Blob(leser, 1), Blob(leser, 2), Felter(leser, 3));
        }
    }

    public async Task<Kjedehode?> HentHodeAsync(CancellationToken ct = default)
    {
        await using var tilkobling = await _database.Skriver.OpenConnectionAsync(ct);
        return await HodeAsync(tilkobling, null, ct);
    }

    public async Task LagreSjekkpunktAsync(LagretSjekkpunkt sjekkpunkt, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(sjekkpunkt);
        var sp = sjekkpunkt.Sjekkpunkt;
        await using var kommando = _database.Skriver.CreateCommand("""
            INSERT INTO revisjon_sjekkpunkt (sekvensnummer, hash, tidspunkt, signatur, offentlig_nokkel)
            VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING
            """);
        kommando.Parameters.AddWithValue(sp.Sekvensnummer);
        kommando.Parameters.AddWithValue(sp.Hash);
        kommando.Parameters.AddWithValue(Sjekkpunkt.Tidstekst(sp.Tidspunkt));
        kommando.Parameters.AddWithValue(sp.Signatur);
        kommando.Parameters.AddWithValue(sjekkpunkt.OffentligNokkelPem);
        await kommando.ExecuteNonQueryAsync(ct);
    }

    public async Task<LagretSjekkpunkt?> HentSisteSjekkpunktAsync(CancellationToken ct = default)
    {
        await using var kommando = _database.Skriver.CreateCommand("""
            SELECT sekvensnummer, hash, tidspunkt, signatur, offentlig_nokkel FROM revisjon_sjekkpunkt
            ORDER BY sekvensnummer DESC, tidspunkt DESC LIMIT 1
            """);
        await using var leser = await kommando.ExecuteReaderAsync(ct);
        if (!await leser.ReadAsync(ct))
        {
            return null;
        }

        var tidspunkt = DateTimeOffset.Parse(leser.GetString(2), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
        return new LagretSjekkpunkt(new Sjekkpunkt(leser.GetInt64(0), Blob(leser, 1), tidspunkt, Blob(leser, 3)), leser.GetString(4));
    }

    private static async Task<Kjedehode?> HodeAsync(NpgsqlConnection tilkobling, NpgsqlTransaction? tx, CancellationToken ct)
    {
        await using var kommando = new NpgsqlCommand("SELECT sekvensnummer, hash FROM revisjon ORDER BY sekvensnummer DESC LIMIT 1", tilkobling, tx);
        await using var leser = await kommando.ExecuteReaderAsync(ct);
        return await leser.ReadAsync(ct) ? new Kjedehode(leser.GetInt64(0), Blob(leser, 1)) : null;
    }

    /// <summary>Time bounds as text: stored times are fixed-width UTC under the "C" collation, so text order is time order.</summary>
    private static string Tidsfilter(NpgsqlCommand kommando, DateTimeOffset? fra, DateTimeOffset? til)
    {
        var sql = "";
        if (fra is { } f)
        {
            kommando.Parameters.Add(PostgresSoknadStore.Tekst(Sjekkpunkt.Tidstekst(f)));
            sql += " AND tidspunkt >= $" + kommando.Parameters.Count.ToString(CultureInfo.InvariantCulture);
        }

        if (til is { } t)
        {
            kommando.Parameters.Add(PostgresSoknadStore.Tekst(Sjekkpunkt.Tidstekst(t)));
            sql += " AND tidspunkt < $" + kommando.Parameters.Count.ToString(CultureInfo.InvariantCulture);
        }

        return sql;
    }

    /// <summary>The stored texts in hash order (the select list already turned typed columns back into text).</summary>
    private static string?[] Felter(NpgsqlDataReader leser, int fra)
    {
        var felter = new string?[Revisjonsfelter.Kolonner.Count];
        for (var i = 0; i < felter.Length; i++)
        {
            felter[i] = leser.IsDBNull(fra + i) ? null : leser.GetString(fra + i);
        }

        return felter;
    }

    private static byte[] Blob(NpgsqlDataReader leser, int kolonne) =>
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

        // PostgreSQL text cannot hold U+0000. Refused here, for this caller alone: in the group's COPY it would fail
        // every other lookup waiting on the same commit.
        var felter = Revisjonsfelter.Felter(post);
        for (var i = 0; i < felter.Length; i++)
        {
            if (felter[i]?.Contains('\0', StringComparison.Ordinal) == true)
            {
                throw new ArgumentException($"Feltet {Revisjonsfelter.Kolonner[i]} inneholder et NUL-tegn.", nameof(post));
            }
        }
    }
}
