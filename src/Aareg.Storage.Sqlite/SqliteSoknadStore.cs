using System.Globalization;
using System.Text.Json;
using Aareg.Storage.Tilgang;
using Microsoft.Data.Sqlite;

namespace Aareg.Storage.Sqlite;

/// <summary>
/// Applications in SQLite (migration 6): the application document in <c>soknad</c> (without its history) and each
/// status change as its own row in <c>soknad_status</c>, appended, never rewritten.
/// </summary>
public sealed class SqliteSoknadStore(SqliteDatabase database) : ISoknadStore
{
    public async Task LagreAsync(Soknad soknad, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(soknad);
        using var laan = await database.TaSkriverAsync(ct);
        var tilkobling = laan.Tilkobling;
        await using var tx = (SqliteTransaction)await tilkobling.BeginTransactionAsync(ct);

        long lagrede;
        await using (var tell = tilkobling.CreateCommand())
        {
            tell.Transaction = tx;
            tell.CommandText = "SELECT COUNT(*) FROM soknad_status WHERE soknad_id = $id";
            tell.Parameters.AddWithValue("$id", soknad.Id);
            lagrede = (long)(await tell.ExecuteScalarAsync(ct))!;
        }

        if (lagrede > soknad.Historikk.Count)
        {
            throw new InvalidOperationException("Statushistorikken kan bare utvides, ikke skrives om.");
        }

        // A decision is final: a second decision made from the same reading (another case worker at the same time)
        // must not overwrite the first, as on PostgreSQL.
        await using (var status = tilkobling.CreateCommand())
        {
            status.Transaction = tx;
            status.CommandText = "SELECT status FROM soknad WHERE id = $id";
            status.Parameters.AddWithValue("$id", soknad.Id);
            if (await status.ExecuteScalarAsync(ct) is string lagret
                && Enum.Parse<Soknadsstatus>(lagret) is Soknadsstatus.Innvilget or Soknadsstatus.DelvisInnvilget or Soknadsstatus.Avslaatt)
            {
                throw new InvalidOperationException("Søknaden er allerede avgjort og kan ikke endres.");
            }
        }

        await using (var sett = tilkobling.CreateCommand())
        {
            sett.Transaction = tx;
            sett.CommandText = """
                INSERT INTO soknad (id, organisasjonsnummer, status, dokument, opprettet, endret) VALUES ($id, $o, $s, $d, $opp, $e)
                ON CONFLICT(id) DO UPDATE SET status = excluded.status, dokument = excluded.dokument, endret = excluded.endret
                """;
            sett.Parameters.AddWithValue("$id", soknad.Id);
            sett.Parameters.AddWithValue("$o", soknad.Organisasjonsnummer);
            sett.Parameters.AddWithValue("$s", soknad.Status.ToString());
            sett.Parameters.AddWithValue("$d", JsonSerializer.Serialize(soknad with { Historikk = [] }, TilgangJsonContext.Default.Soknad));
            sett.Parameters.AddWithValue("$opp", Tekst(soknad.Opprettet));
            sett.Parameters.AddWithValue("$e", Tekst(soknad.Endret));
            await sett.ExecuteNonQueryAsync(ct);
        }

        for (var nr = (int)lagrede; nr < soknad.Historikk.Count; nr++)
        {
            var endring = soknad.Historikk[nr];
            await using var historikk = tilkobling.CreateCommand();
            historikk.Transaction = tx;
            historikk.CommandText = "INSERT INTO soknad_status (soknad_id, nr, status, tidspunkt, av, melding) VALUES ($id, $nr, $s, $t, $av, $m)";
            historikk.Parameters.AddWithValue("$id", soknad.Id);
            historikk.Parameters.AddWithValue("$nr", nr);
            historikk.Parameters.AddWithValue("$s", endring.Status.ToString());
            historikk.Parameters.AddWithValue("$t", Tekst(endring.Tidspunkt));
            historikk.Parameters.AddWithValue("$av", endring.Av);
            historikk.Parameters.AddWithValue("$m", (object?)endring.Melding ?? DBNull.Value);
            await historikk.ExecuteNonQueryAsync(ct);
        }

        await tx.CommitAsync(ct);
    }

    public async Task<Soknad?> HentAsync(string id, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        var liste = await LesAsync("WHERE id = $p", id, ct);
        return liste.Count == 0 ? null : liste[0];
    }

    public Task<IReadOnlyList<Soknad>> ListForOrganisasjonAsync(string organisasjonsnummer, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(organisasjonsnummer);
        return LesAsync("WHERE organisasjonsnummer = $p", organisasjonsnummer, ct);
    }

    public Task<IReadOnlyList<Soknad>> ListAsync(Soknadsstatus? status = null, CancellationToken ct = default) =>
        status is { } s ? LesAsync("WHERE status = $p", s.ToString(), ct) : LesAsync("", null, ct);

    private async Task<IReadOnlyList<Soknad>> LesAsync(string hvor, string? parameter, CancellationToken ct)
    {
        await using var tilkobling = await database.AapneLeserAsync(ct);
        var soknader = new List<Soknad>();
        await using (var kommando = tilkobling.CreateCommand())
        {
            kommando.CommandText = $"SELECT dokument FROM soknad {hvor} ORDER BY opprettet DESC, id";
            if (parameter is not null)
            {
                kommando.Parameters.AddWithValue("$p", parameter);
            }

            await using var leser = await kommando.ExecuteReaderAsync(ct);
            while (await leser.ReadAsync(ct))
            {
                soknader.Add(JsonSerializer.Deserialize(leser.GetString(0), TilgangJsonContext.Default.Soknad)
                    ?? throw new JsonException("Tomt søknadsdokument."));
            }
        }

        for (var i = 0; i < soknader.Count; i++)
        {
            soknader[i] = soknader[i] with { Historikk = await LesHistorikkAsync(tilkobling, soknader[i].Id, ct) };
        }

        return soknader;
    }

    private static async Task<IReadOnlyList<Statusendring>> LesHistorikkAsync(SqliteConnection tilkobling, string id, CancellationToken ct)
    {
        await using var kommando = tilkobling.CreateCommand();
        kommando.CommandText = "SELECT status, tidspunkt, av, melding FROM soknad_status WHERE soknad_id = $id ORDER BY nr";
        kommando.Parameters.AddWithValue("$id", id);
        var historikk = new List<Statusendring>();
        await using var leser = await kommando.ExecuteReaderAsync(ct);
        while (await leser.ReadAsync(ct))
        {
            historikk.Add(new Statusendring(
                Enum.Parse<Soknadsstatus>(leser.GetString(0)),
                DateTimeOffset.Parse(leser.GetString(1), CultureInfo.InvariantCulture),
                leser.GetString(2),
                leser.IsDBNull(3) ? null : leser.GetString(3)));
        }

        return historikk;
    }

    internal static string Tekst(DateTimeOffset tidspunkt) => tidspunkt.ToString("O", CultureInfo.InvariantCulture);
}

/// <summary>Delegations of the right to apply (migration 6); revoking sets <c>tilbakekalt</c>, nothing is deleted.</summary>
public sealed class SqliteDelegeringStore(SqliteDatabase database) : IDelegeringStore
{
    private const string Kolonner = "id, organisasjonsnummer, mottaker, gitt_av, gitt_av_rolle, opprettet, tilbakekalt, tilbakekalt_av";

    public async Task LagreAsync(Delegering delegering, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(delegering);
        using var laan = await database.TaSkriverAsync(ct);
        await using var kommando = laan.Tilkobling.CreateCommand();
        kommando.CommandText = $"""
            INSERT INTO delegering ({Kolonner}) VALUES ($id, $o, $m, $g, $r, $opp, $t, $tav)
            ON CONFLICT(id) DO UPDATE SET tilbakekalt = excluded.tilbakekalt, tilbakekalt_av = excluded.tilbakekalt_av
            """;
        kommando.Parameters.AddWithValue("$id", delegering.Id);
        kommando.Parameters.AddWithValue("$o", delegering.Organisasjonsnummer);
        kommando.Parameters.AddWithValue("$m", delegering.Mottaker);
        kommando.Parameters.AddWithValue("$g", delegering.GittAv);
        kommando.Parameters.AddWithValue("$r", delegering.GittAvRolle);
        kommando.Parameters.AddWithValue("$opp", SqliteSoknadStore.Tekst(delegering.Opprettet));
        kommando.Parameters.AddWithValue("$t", delegering.Tilbakekalt is { } t ? SqliteSoknadStore.Tekst(t) : DBNull.Value);
        kommando.Parameters.AddWithValue("$tav", (object?)delegering.TilbakekaltAv ?? DBNull.Value);
        await kommando.ExecuteNonQueryAsync(ct);
    }

    public async Task<Delegering?> HentAsync(string id, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        var liste = await LesAsync("WHERE id = $p", [id], ct);
        return liste.Count == 0 ? null : liste[0];
    }

    public Task<IReadOnlyList<Delegering>> ListForOrganisasjonAsync(string organisasjonsnummer, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(organisasjonsnummer);
        return LesAsync("WHERE organisasjonsnummer = $p", [organisasjonsnummer], ct);
    }

    public async Task<Delegering?> FinnGjeldendeAsync(string organisasjonsnummer, IReadOnlyCollection<string> mottakere, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(organisasjonsnummer);
        ArgumentNullException.ThrowIfNull(mottakere);
        foreach (var mottaker in mottakere)
        {
            var liste = await LesAsync("WHERE organisasjonsnummer = $p AND mottaker = $q AND tilbakekalt IS NULL", [organisasjonsnummer, mottaker], ct);
            if (liste.Count > 0)
            {
                return liste[^1];
            }
        }

        return null;
    }

    private async Task<IReadOnlyList<Delegering>> LesAsync(string hvor, string[] parametre, CancellationToken ct)
    {
        await using var tilkobling = await database.AapneLeserAsync(ct);
        await using var kommando = tilkobling.CreateCommand();
        kommando.CommandText = $"SELECT {Kolonner} FROM delegering {hvor} ORDER BY opprettet DESC, id";
        kommando.Parameters.AddWithValue("$p", parametre[0]);
        if (parametre.Length > 1)
        {
            kommando.Parameters.AddWithValue("$q", parametre[1]);
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
                DateTimeOffset.Parse(leser.GetString(5), CultureInfo.InvariantCulture),
                leser.IsDBNull(6) ? null : DateTimeOffset.Parse(leser.GetString(6), CultureInfo.InvariantCulture),
                leser.IsDBNull(7) ? null : leser.GetString(7)));
        }

        return liste;
    }
}
