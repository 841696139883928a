using System.Text.Json;
using Aareg.Storage.Tilgang;
using Npgsql;
using NpgsqlTypes;

namespace Aareg.Storage.Postgres;

/// <summary>
/// Applications in PostgreSQL (<see cref="Migrasjon005Tilgang"/>): the application document in <c>soknad</c>
/// (without its history) and each status change as its own row in <c>soknad_status</c>, appended, never rewritten.
/// </summary>
/// <remarks>
/// On SQLite one writer at a time made a save read and write the history without interference. Here several nodes
/// save at once, so a save locks the application's row (<c>SELECT … FOR UPDATE</c>) and checks, under that lock, that
/// it continues what is stored: the stored history must be the start of the one being saved, and a decided
/// application is closed. Of two case workers deciding the same application on different nodes, each having read
/// it under handling, the second to get the lock finds the first one's decision and is refused
/// (<see cref="InvalidOperationException"/>), rather than silently replacing it. A row lock rather than SERIALIZABLE
/// with retry: a conflict here is a stale decision, which a retry would only repeat, so it must surface to the caller.
/// History times are <c>timestamptz</c> (microseconds); the check compares them at that resolution.
/// Reads go to the primary: applicants and case workers read right after they write.
/// </remarks>
public sealed class PostgresSoknadStore(PostgresDatabase database) : ISoknadStore
{
    private const string Utvalg = """
        SELECT s.dokument, h.statuser, h.tider, h.av, h.meldinger FROM soknad s
        CROSS JOIN LATERAL (
            SELECT array_agg(status ORDER BY nr) AS statuser, array_agg(tidspunkt ORDER BY nr) AS tider,
                   array_agg(av ORDER BY nr) AS av, array_agg(melding ORDER BY nr) AS meldinger
            FROM soknad_status WHERE soknad_id = s.id) h
        """;

    public async Task LagreAsync(Soknad soknad, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(soknad);
        ArgumentException.ThrowIfNullOrEmpty(soknad.Id);
        var dokument = JsonSerializer.Serialize(soknad with { Historikk = [] }, TilgangJsonContext.Default.Soknad);
        await using var tilkobling = await database.Skriver.OpenConnectionAsync(ct);
        await using var tx = await tilkobling.BeginTransactionAsync(System.Data.IsolationLevel.ReadCommitted, ct);

        // A new application is inserted (and so locked) at once; an existing one is left for the update below. If
        // another node inserts the same id meanwhile, this waits for it and then takes the existing-row path.
        bool ny;
        await using (var opprett = new NpgsqlCommand("""
            INSERT INTO soknad (id, organisasjonsnummer, status, dokument, opprettet, endret) VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (id) DO NOTHING
            """, tilkobling, tx))
        {
            opprett.Parameters.AddWithValue(soknad.Id);
            opprett.Parameters.AddWithValue(soknad.Organisasjonsnummer);
            opprett.Parameters.AddWithValue(soknad.Status.ToString());
            opprett.Parameters.Add(Tekst(dokument));
            opprett.Parameters.AddWithValue(soknad.Opprettet.ToUniversalTime());
            opprett.Parameters.AddWithValue(soknad.Endret.ToUniversalTime());
            ny = await opprett.ExecuteNonQueryAsync(ct) == 1;
        }

        var lagrede = 0;
        if (!ny)
        {
            lagrede = await SjekkFortsettelseAsync(tilkobling, tx, soknad, ct);
        }

        await using (var batch = new NpgsqlBatch(tilkobling, tx))
        {
            if (!ny)
            {
                var oppdater = new NpgsqlBatchCommand("UPDATE soknad SET status = $2, dokument = $3, endret = $4 WHERE id = $1");
                oppdater.Parameters.AddWithValue(soknad.Id);
                oppdater.Parameters.AddWithValue(soknad.Status.ToString());
                oppdater.Parameters.Add(Tekst(dokument));
                oppdater.Parameters.AddWithValue(soknad.Endret.ToUniversalTime());
                batch.BatchCommands.Add(oppdater);
            }

            for (var nr = lagrede; nr < soknad.Historikk.Count; nr++)
            {
                var endring = soknad.Historikk[nr];
                var historikk = new NpgsqlBatchCommand(
                    "INSERT INTO soknad_status (soknad_id, nr, status, tidspunkt, av, melding) VALUES ($1, $2, $3, $4, $5, $6)");
                historikk.Parameters.AddWithValue(soknad.Id);
                historikk.Parameters.AddWithValue(nr);
                historikk.Parameters.AddWithValue(endring.Status.ToString());
                historikk.Parameters.AddWithValue(endring.Tidspunkt.ToUniversalTime());
                historikk.Parameters.AddWithValue(endring.Av);
                historikk.Parameters.Add(Tekst(endring.Melding));
                batch.BatchCommands.Add(historikk);
            }

            if (batch.BatchCommands.Count > 0)
            {
                await batch.ExecuteNonQueryAsync(ct);
            }
        }

        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// Locks the stored application and checks that <paramref name="soknad"/> continues it; returns how many history
    /// entries are stored. Messages name no person (the history holds idents).
    /// </summary>
    private static async Task<int> SjekkFortsettelseAsync(NpgsqlConnection tilkobling, NpgsqlTransaction tx, Soknad soknad, CancellationToken ct)
    {
        Soknadsstatus lagretStatus;
        await using (var laas = new NpgsqlCommand("SELECT status FROM soknad WHERE id = $1 FOR UPDATE", tilkobling, tx))
        {
            laas.Parameters.AddWithValue(soknad.Id);
            lagretStatus = Enum.Parse<Soknadsstatus>((string)(await laas.ExecuteScalarAsync(ct))!);
        }

        var lagret = new List<Statusendring>();
        await using (var hent = new NpgsqlCommand(
            "SELECT status, tidspunkt, av, melding FROM soknad_status WHERE soknad_id = $1 ORDER BY nr", tilkobling, tx))
        {
            hent.Parameters.AddWithValue(soknad.Id);
            await using var leser = await hent.ExecuteReaderAsync(ct);
            while (await leser.ReadAsync(ct))
            {
                lagret.Add(new Statusendring(
                    Enum.Parse<Soknadsstatus>(leser.GetString(0)),
                    leser.GetFieldValue<DateTimeOffset>(1),
                    leser.GetString(2),
                    leser.IsDBNull(3) ? null : leser.GetString(3)));
            }
        }

        if (lagret.Count > soknad.Historikk.Count)
        {
            throw new InvalidOperationException("Statushistorikken kan bare utvides, ikke skrives om.");
        }

        if (lagretStatus is Soknadsstatus.Innvilget or Soknadsstatus.DelvisInnvilget or Soknadsstatus.Avslaatt)
        {
            throw new InvalidOperationException("Søknaden er allerede avgjort og kan ikke endres.");
        }

        for (var i = 0; i < lagret.Count; i++)
        {
            if (!Lik(lagret[i], soknad.Historikk[i]))
            {
                throw new InvalidOperationException("Søknaden er endret av noen andre i mellomtiden; hent den på nytt.");
            }
        }

        return lagret.Count;
    }

    /// <summary>Equal as stored: times at <c>timestamptz</c> resolution (whole microseconds, as Npgsql writes them).</summary>
    private static bool Lik(Statusendring lagret, Statusendring ny) =>
        lagret.Status == ny.Status
        && lagret.Tidspunkt.UtcTicks / 10 == ny.Tidspunkt.UtcTicks / 10
        && lagret.Av == ny.Av
        && lagret.Melding == ny.Melding;

    public async Task<Soknad?> HentAsync(string id, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        var liste = await LesAsync("WHERE s.id = $1", id, ct);
        return liste.Count == 0 ? null : liste[0];
    }

    public Task<IReadOnlyList<Soknad>> ListForOrganisasjonAsync(string organisasjonsnummer, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(organisasjonsnummer);
        return LesAsync("WHERE s.organisasjonsnummer = $1", organisasjonsnummer, ct);
    }

    public Task<IReadOnlyList<Soknad>> ListAsync(Soknadsstatus? status = null, CancellationToken ct = default) =>
        status is { } s ? LesAsync("WHERE s.status = $1", s.ToString(), ct) : LesAsync("", null, ct);

    /// <summary>Documents and their history in one statement, so both come from one snapshot.</summary>
    private async Task<IReadOnlyList<Soknad>> LesAsync(string hvor, string? parameter, CancellationToken ct)
    {
        // Ties on opprettet in id order, byte-wise as on SQLite.
        await using var kommando = database.Skriver.CreateCommand($"{Utvalg} {hvor} ORDER BY s.opprettet DESC, s.id COLLATE \"C\"");
        if (parameter is not null)
        {
            kommando.Parameters.AddWithValue(parameter);
        }

        var soknader = new List<Soknad>();
        await using var leser = await kommando.ExecuteReaderAsync(ct);
        while (await leser.ReadAsync(ct))
        {
            var soknad = JsonSerializer.Deserialize(leser.GetString(0), TilgangJsonContext.Default.Soknad)
                ?? throw new JsonException("Tomt søknadsdokument.");
            var historikk = new List<Statusendring>();
            if (!leser.IsDBNull(1))
            {
                var statuser = leser.GetFieldValue<string[]>(1);
                var tider = leser.GetFieldValue<DateTimeOffset[]>(2);
                var av = leser.GetFieldValue<string[]>(3);
                var meldinger = leser.GetFieldValue<string?[]>(4);
                for (var i = 0; i < statuser.Length; i++)
                {
                    historikk.Add(new Statusendring(Enum.Parse<Soknadsstatus>(statuser[i]), tider[i], av[i], meldinger[i]));
                }
            }

            soknader.Add(soknad with { Historikk = historikk });
        }

        return soknader;
    }

    internal static NpgsqlParameter Tekst(string? verdi) =>
        new() { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)verdi ?? DBNull.Value };
}

/// <summary>
/// Delegations of the right to apply (<see cref="Migrasjon005Tilgang"/>); revoking sets <c>tilbakekalt</c>, nothing
/// is deleted. A revocation is final: when two nodes revoke the same delegation at once the first one stands, and no
/// later save of a stale copy can bring a revoked delegation back into force.
/// </summary>
public sealed class PostgresDelegeringStore(PostgresDatabase database) : IDelegeringStore
{
    private const string Kolonner = "id, organisasjonsnummer, mottaker, gitt_av, gitt_av_rolle, opprettet, tilbakekalt, tilbakekalt_av";

    public async Task LagreAsync(Delegering delegering, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(delegering);
        ArgumentException.ThrowIfNullOrEmpty(delegering.Id);
        await using var kommando = database.Skriver.CreateCommand($"""
            INSERT INTO delegering ({Kolonner}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            ON CONFLICT (id) DO UPDATE SET
                tilbakekalt = COALESCE(delegering.tilbakekalt, excluded.tilbakekalt),
                tilbakekalt_av = CASE WHEN delegering.tilbakekalt IS NULL THEN excluded.tilbakekalt_av ELSE delegering.tilbakekalt_av END
            """);
        kommando.Parameters.AddWithValue(delegering.Id);
        kommando.Parameters.AddWithValue(delegering.Organisasjonsnummer);
        kommando.Parameters.AddWithValue(delegering.Mottaker);
        kommando.Parameters.AddWithValue(delegering.GittAv);
        kommando.Parameters.AddWithValue(delegering.GittAvRolle);
        kommando.Parameters.AddWithValue(delegering.Opprettet.ToUniversalTime());
        kommando.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = delegering.Tilbakekalt is { } t ? t.ToUniversalTime() : DBNull.Value });
        kommando.Parameters.Add(PostgresSoknadStore.Tekst(delegering.TilbakekaltAv));
        await kommando.ExecuteNonQueryAsync(ct);
    }

    public async Task<Delegering?> HentAsync(string id, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        var liste = await LesAsync("WHERE id = $1", id, null, ct);
        return liste.Count == 0 ? null : liste[0];
    }

    public Task<IReadOnlyList<Delegering>> ListForOrganisasjonAsync(string organisasjonsnummer, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(organisasjonsnummer);
        return LesAsync("WHERE organisasjonsnummer = $1", organisasjonsnummer, null, ct);
    }

    /// <summary>
    /// As on SQLite: the receivers are tried in the order given, and for the first with any delegation in force the
    /// oldest one is returned. Read from the primary: a revocation must take effect at once on every node.
    /// </summary>
    public async Task<Delegering?> FinnGjeldendeAsync(string organisasjonsnummer, IReadOnlyCollection<string> mottakere, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(organisasjonsnummer);
        ArgumentNullException.ThrowIfNull(mottakere);
        if (mottakere.Count == 0)
        {
            return null;
        }

        var gjeldende = await LesAsync(
            "WHERE organisasjonsnummer = $1 AND mottaker = ANY($2) AND tilbakekalt IS NULL", organisasjonsnummer, [.. mottakere], ct);
        foreach (var mottaker in mottakere)
        {
            if (gjeldende.LastOrDefault(d => d.Mottaker == mottaker) is { } delegering)
            {
                return delegering;
            }
        }

        return null;
    }

    private async Task<IReadOnlyList<Delegering>> LesAsync(string hvor, string parameter, string[]? mottakere, CancellationToken ct)
    {
        await using var kommando = database.Skriver.CreateCommand($"SELECT {Kolonner} FROM delegering {hvor} ORDER BY opprettet DESC, id COLLATE \"C\"");
        kommando.Parameters.AddWithValue(parameter);
        if (mottakere is not null)
        {
            kommando.Parameters.AddWithValue(mottakere);
        }

        var liste = new List<Delegering>();
        await using var leser = await kommando.ExecuteReaderAsync(ct);
        while (await leser.ReadAsync(ct))
        {
            liste.Add(new Delegering(
                leser.GetString(0),
                leser.GetString(1),
                leser.GetString(2),
                leser.GetString(3),
                leser.GetString(4),
                leser.GetFieldValue<DateTimeOffset>(5),
                leser.IsDBNull(6) ? null : leser.GetFieldValue<DateTimeOffset>(6),
                leser.IsDBNull(7) ? null : leser.GetString(7)));
        }

        return liste;
    }
}
