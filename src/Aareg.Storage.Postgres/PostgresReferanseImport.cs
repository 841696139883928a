using Aareg.Storage.Referanse;
using Npgsql;
using NpgsqlTypes;

namespace Aareg.Storage.Postgres;

/// <summary>
/// One reference import on PostgreSQL: one connection to the primary, one transaction, and the import's advisory lock,
/// so imports from several nodes run one after the other (as with SQLite's single writer) and the version they bump
/// moves once per committed import.
/// <para>
/// A statement per row would cost a network round trip per row (SQLite's cost is per transaction, PostgreSQL's per
/// round trip), so writes are staged in a temporary table and merged into the real tables in batches with set-based
/// upserts. A bulk file streams into the staging table through binary COPY; the first rows of a batch wait in memory
/// and go in as one multi-row insert if a merge is needed before the batch has grown (an update-feed page reads the
/// stored unit before almost every write: there a COPY per update would cost more round trips than it saves).
/// </para>
/// <para>
/// The merge gives exactly what applying the rows one by one would: a batch never holds the same unit (or the same
/// unit's role set) twice, because a repeat first merges what is staged; an identbytte repeated in a batch keeps its
/// last row (<c>DISTINCT ON</c> by staging order); adressebeskyttelse events are inserted in staging order, so
/// <c>sekvens</c> keeps the order they were written. A read inside the import (<see cref="HentEnhet"/>, the cursor) or
/// a single-row change that concerns a staged unit runs after the merge of what is staged, in the same round trip, so it
/// sees the import's own writes in order; one that concerns nothing staged runs at once (see <see cref="Etter"/>).
/// Memory is bounded by the batch size, not by the file.
/// </para>
/// </summary>
internal sealed class PostgresReferanseImport : IReferanseImport
{
    private const string Staging = "referanse_inn";

    // One staging table for every kind of row: a connection runs one COPY at a time, and the Folkeregister file mixes
    // identbytte and adressebeskyttelse line by line. Columns a kind does not use are null (one bit each in the row).
    private const string OpprettStaging = $"""
        CREATE TEMP TABLE {Staging} (
            sekvens bigint NOT NULL,
            art smallint NOT NULL,
            orgnr text COLLATE "C",
            navn text,
            organisasjonsform text,
            hovedenhet boolean,
            overordnet_enhet text COLLATE "C",
            registreringsdato date,
            slettedato date,
            konkurs boolean,
            konkursdato date,
            rolle text COLLATE "C",
            person_ident text COLLATE "C",
            ident text COLLATE "C",
            verdi text COLLATE "C",
            dato date
        ) ON COMMIT DROP
        """;

    private const string Kolonner = """
        sekvens, art, orgnr, navn, organisasjonsform, hovedenhet, overordnet_enhet, registreringsdato, slettedato, konkurs,
        konkursdato, rolle, person_ident, ident, verdi, dato
        """;

    private const string Kopi = $"COPY {Staging} ({Kolonner}) FROM STDIN (FORMAT BINARY)";

    private const string Flerradsinnsetting = $"""
        INSERT INTO {Staging} ({Kolonner})
        SELECT * FROM unnest($1::bigint[], $2::smallint[], $3::text[], $4::text[], $5::text[], $6::boolean[], $7::text[],
            $8::date[], $9::date[], $10::boolean[], $11::date[], $12::text[], $13::text[], $14::text[], $15::text[], $16::date[])
        """;

    private const string EnhetOppdatering = """
        navn = excluded.navn, organisasjonsform = excluded.organisasjonsform, hovedenhet = excluded.hovedenhet,
        overordnet_enhet = excluded.overordnet_enhet, registreringsdato = excluded.registreringsdato,
        slettedato = excluded.slettedato, konkurs = excluded.konkurs
        """;

    // Every upsert below leaves a row that would not change alone (the WHERE on DO UPDATE, NOT EXISTS on the role
    // delete): the result is the same, but re-importing the daily file then writes almost nothing (no new row versions,
    // no WAL, no bloat) instead of rewriting every unit and role.
    private const string EnhetEndret = """
        (enhet.navn, enhet.organisasjonsform, enhet.hovedenhet, enhet.overordnet_enhet, enhet.registreringsdato,
         enhet.slettedato, enhet.konkurs)
        IS DISTINCT FROM
        (excluded.navn, excluded.organisasjonsform, excluded.hovedenhet, excluded.overordnet_enhet, excluded.registreringsdato,
         excluded.slettedato, excluded.konkurs)
        """;

    // A bankruptcy without konkursdato gets the import date once; later imports keep the date first recorded, so
    // re-importing the same file does not move it (ERKONK closes arbeidsforhold at that date, DOMAIN §6). The rows that
    // carry a date (or no bankruptcy) and those that do not are merged by separate statements: an upsert cannot tell,
    // from the proposed row alone, a missing date from one equal to the import date.
    private const string MergeEnheterMedDato = $"""
        INSERT INTO enhet ({PostgresReferanseStore.EnhetKolonner})
        SELECT orgnr, navn, organisasjonsform, hovedenhet, overordnet_enhet, registreringsdato, slettedato, konkurs,
               CASE WHEN konkurs THEN konkursdato END
        FROM {Staging} WHERE art = 1 AND NOT (konkurs AND konkursdato IS NULL)
        ON CONFLICT (orgnr) DO UPDATE SET {EnhetOppdatering}, konkursdato = excluded.konkursdato
        WHERE {EnhetEndret} OR enhet.konkursdato IS DISTINCT FROM excluded.konkursdato
        """;

    private const string MergeKonkursUtenDato = $"""
        INSERT INTO enhet ({PostgresReferanseStore.EnhetKolonner})
        SELECT orgnr, navn, organisasjonsform, hovedenhet, overordnet_enhet, registreringsdato, slettedato, true, $1
        FROM {Staging} WHERE art = 1 AND konkurs AND konkursdato IS NULL
        ON CONFLICT (orgnr) DO UPDATE SET {EnhetOppdatering}, konkursdato = COALESCE(enhet.konkursdato, excluded.konkursdato)
        WHERE {EnhetEndret} OR enhet.konkursdato IS NULL
        """;

    // A unit's new set replaces its stored one: the stored roles not in the new set go, the new ones not stored come in.
    private const string FjernRollesett = $"""
        DELETE FROM enhet_rolle r
        WHERE r.orgnr IN (SELECT orgnr FROM {Staging} WHERE art = 2)
          AND NOT EXISTS (SELECT 1 FROM {Staging} n
                          WHERE n.art = 3 AND n.orgnr = r.orgnr AND n.rolle = r.rolle AND n.person_ident = r.person_ident)
        """;

    private const string MergeRoller = $"""
        INSERT INTO enhet_rolle (orgnr, rolle, person_ident)
        SELECT orgnr, rolle, person_ident FROM {Staging} WHERE art = 3
        ON CONFLICT DO NOTHING
        """;

    private const string MergeIdentbytter = $"""
        INSERT INTO identbytte (gammel_ident, ny_ident, dato)
        SELECT DISTINCT ON (ident) ident, verdi, dato FROM {Staging} WHERE art = 4 ORDER BY ident, sekvens DESC
        ON CONFLICT (gammel_ident) DO UPDATE SET ny_ident = excluded.ny_ident, dato = excluded.dato
        WHERE (identbytte.ny_ident, identbytte.dato) IS DISTINCT FROM (excluded.ny_ident, excluded.dato)
        """;

    private const string MergeAdressebeskyttelser = $"""
        INSERT INTO adressebeskyttelse (ident, gradering, dato)
        SELECT ident, verdi, dato FROM {Staging} WHERE art = 5 ORDER BY sekvens
        ON CONFLICT DO NOTHING
        """;

    private const string SettTilstandSql = """
        INSERT INTO referanse_tilstand (navn, verdi) VALUES ($1, $2) ON CONFLICT (navn) DO UPDATE SET verdi = excluded.verdi
        """;

    // An atomic increment of the stored row, in the same transaction as the data: readers on any node see the new
    // version only together with the new data.
    private const string NyVersjon = $"""
        INSERT INTO referanse_tilstand (navn, verdi) VALUES ('{PostgresReferanseStore.VersjonNavn}', 1)
        ON CONFLICT (navn) DO UPDATE SET verdi = referanse_tilstand.verdi + 1
        """;

    private readonly NpgsqlConnection _tilkobling;
    private readonly NpgsqlTransaction _tx;
    private readonly DateOnly _importdato;
    private readonly int _satsstoerrelse;
    private readonly int _kopigrense;
    private readonly HashSet<string> _enheterISats = new(StringComparer.Ordinal);
    private readonly HashSet<string> _rollesettISats = new(StringComparer.Ordinal);
    private readonly List<Rad> _venter = [];
    private NpgsqlBinaryImporter? _kopi;
    private bool _kopiISats;
    private int _arterISats;
    private int _raderISats;
    private long _sekvens;
    private bool _fullfoert;

    private PostgresReferanseImport(NpgsqlConnection tilkobling, NpgsqlTransaction tx, DateOnly importdato, int satsstoerrelse, int kopigrense)
    {
        _tilkobling = tilkobling;
        _tx = tx;
        _importdato = importdato;
        _satsstoerrelse = satsstoerrelse;
        _kopigrense = kopigrense;
    }

    /// <summary>The kinds of staged rows: the <c>art</c> column the merge statements select on.</summary>
    private enum Art : short
    {
        Enhet = 1,
        Rollesett = 2,
        Rolle = 3,
        Identbytte = 4,
        Adressebeskyttelse = 5,
    }

    /// <param name="satsstoerrelse">Rows staged before they are merged.</param>
    /// <param name="kopigrense">Rows waiting in memory before the batch switches to binary COPY.</param>
    public static async Task<PostgresReferanseImport> StartAsync(
        NpgsqlDataSource skriver, DateOnly importdato, int satsstoerrelse, int kopigrense, CancellationToken ct)
    {
        var tilkobling = await skriver.OpenConnectionAsync(ct);
        NpgsqlTransaction? tx = null;
        try
        {
            // READ COMMITTED on purpose: after the lock wait, every statement sees what the previous import committed.
            tx = await tilkobling.BeginTransactionAsync(System.Data.IsolationLevel.ReadCommitted, ct);
            await using var start = new NpgsqlBatch(tilkobling, tx);
            var laas = new NpgsqlBatchCommand("SELECT pg_advisory_xact_lock($1, 0)");
            laas.Parameters.AddWithValue(PostgresReferanseStore.ImportLaasklasse);
            start.BatchCommands.Add(laas);
            start.BatchCommands.Add(new NpgsqlBatchCommand(OpprettStaging));
            await start.ExecuteNonQueryAsync(ct);
            return new PostgresReferanseImport(tilkobling, tx, importdato, satsstoerrelse, kopigrense);
        }
        catch
        {
            if (tx is not null)
            {
                await tx.DisposeAsync();
            }

            await tilkobling.DisposeAsync();
            throw;
        }
    }

    public void LagreEnhet(Enhet enhet)
    {
        ArgumentNullException.ThrowIfNull(enhet);
        Still(new Rad(Art.Enhet, enhet.Orgnr, Enhet: enhet), _enheterISats);
    }

    public bool SlettEnhet(string orgnr, DateOnly slettedato)
    {
        var slett = new NpgsqlBatchCommand("UPDATE enhet SET slettedato = $2 WHERE orgnr = $1");
        slett.Parameters.AddWithValue(orgnr);
        slett.Parameters.AddWithValue(slettedato);
        using var batch = Etter(orgnr, slett);
        batch.ExecuteNonQuery();
        return slett.RecordsAffected > 0;
    }

    public bool FjernEnhet(string orgnr)
    {
        var roller = new NpgsqlBatchCommand("DELETE FROM enhet_rolle WHERE orgnr = $1");
        roller.Parameters.AddWithValue(orgnr);
        var enhet = new NpgsqlBatchCommand("DELETE FROM enhet WHERE orgnr = $1");
        enhet.Parameters.AddWithValue(orgnr);
        using var batch = Etter(orgnr, roller, enhet);
        batch.ExecuteNonQuery();
        return enhet.RecordsAffected > 0;
    }

    public Enhet? HentEnhet(string orgnr)
    {
        var hent = new NpgsqlBatchCommand($"SELECT {PostgresReferanseStore.EnhetKolonner} FROM enhet WHERE orgnr = $1");
        hent.Parameters.AddWithValue(orgnr);
        using var batch = Etter(orgnr, hent);
        using var leser = batch.ExecuteReader();
        return leser.Read() ? PostgresReferanseStore.LesEnhet(leser) : null;
    }

    public void ErstattRoller(string orgnr, IReadOnlyList<Rolle> roller)
    {
        ArgumentNullException.ThrowIfNull(roller);

        // The set marker replaces the unit's stored roles even when the new set is empty; its roles follow it into the
        // same batch (only the marker may start a new one).
        Still(new Rad(Art.Rollesett, orgnr), _rollesettISats);
        foreach (var rolle in roller)
        {
            Still(new Rad(Art.Rolle, orgnr, Rolle: rolle), null);
        }
    }

    public void LagreIdentbytte(Identbytte bytte)
    {
        ArgumentNullException.ThrowIfNull(bytte);
        Still(new Rad(Art.Identbytte, Ident: bytte.GammelIdent, Verdi: bytte.NyIdent, Dato: bytte.Dato), null);
    }

    public void LagreAdressebeskyttelse(Adressebeskyttelse beskyttelse)
    {
        ArgumentNullException.ThrowIfNull(beskyttelse);
        Still(new Rad(Art.Adressebeskyttelse, Ident: beskyttelse.Ident, Verdi: beskyttelse.Gradering, Dato: beskyttelse.Dato), null);
    }

    public long? HentOppdateringsmarkoer(string feed)
    {
        var hent = new NpgsqlBatchCommand("SELECT verdi FROM referanse_tilstand WHERE navn = $1");
        hent.Parameters.AddWithValue(PostgresReferanseStore.Markoernavn(feed));
        using var batch = Etter(null, hent);
        return batch.ExecuteScalar() is long verdi ? verdi : null;
    }

    public void SettOppdateringsmarkoer(string feed, long oppdateringsid)
    {
        var sett = new NpgsqlBatchCommand(SettTilstandSql);
        sett.Parameters.AddWithValue(PostgresReferanseStore.Markoernavn(feed));
        sett.Parameters.AddWithValue(oppdateringsid);
        using var batch = Etter(null, sett);
        batch.ExecuteNonQuery();
    }

    public async Task CommitAsync(CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(_fullfoert, this);
        if (_kopi is not null)
        {
            await _kopi.CompleteAsync(ct);
            await _kopi.DisposeAsync();
            _kopi = null;
        }

        // The last merge and the version bump in one round trip.
        await using var batch = Sammenslaaing(new NpgsqlBatchCommand(NyVersjon));
        await batch.ExecuteNonQueryAsync(ct);
        await _tx.CommitAsync(ct);
        _fullfoert = true;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_kopi is not null)
            {
                // Disposing an unfinished COPY cancels it; the rollback below then discards everything.
                var kopi = _kopi;
                _kopi = null;
                await kopi.DisposeAsync();
            }

            if (!_fullfoert)
            {
                _fullfoert = true;

                // Ending the transaction also releases the advisory lock and drops the staging table.
                await _tx.RollbackAsync();
            }
        }
        finally
        {
            await _tx.DisposeAsync();
            await _tilkobling.DisposeAsync();
        }
    }

    /// <summary>
    /// Stages a row: merges the batch first when it is full, or when the row's key is already in it for this kind
    /// (<paramref name="unike"/>), so no batch holds the same unit twice. The row waits in memory until the batch has
    /// <see cref="_kopigrense"/> rows; from then on the batch streams through COPY.
    /// </summary>
    private void Still(Rad rad, HashSet<string>? unike)
    {
        ObjectDisposedException.ThrowIf(_fullfoert, this);

        // A role row never starts a batch: it belongs with the set marker staged just before it.
        if ((rad.Art != Art.Rolle && _raderISats >= _satsstoerrelse) || (unike is not null && unike.Contains(rad.Orgnr!)))
        {
            using var batch = Sammenslaaing();
            batch.ExecuteNonQuery();
        }

        unike?.Add(rad.Orgnr!);
        rad = rad with { Sekvens = ++_sekvens };
        _arterISats |= 1 << (int)rad.Art;
        _raderISats++;
        if (_kopi is not null)
        {
            Skriv(_kopi, rad);
            return;
        }

        _venter.Add(rad);
        if (_venter.Count >= _kopigrense)
        {
            _kopi = _tilkobling.BeginBinaryImport(Kopi);
            _kopiISats = true;
            foreach (var venter in _venter)
            {
                Skriv(_kopi, venter);
            }

            _venter.Clear();
        }
    }

    /// <summary>
    /// A batch running <paramref name="kommandoer"/>, statements that touch only the unit <paramref name="orgnr"/> (and
    /// its roles) or, with null, only the update-feed cursors. The staged rows are merged first (same round trip) when the
    /// statements could see them, that is, when a staged unit or role set is <paramref name="orgnr"/>'s, and when a
    /// running COPY holds the connection. Otherwise they keep waiting: none of them touches what the statements touch, so
    /// the order between the two does not matter, and an update-feed page, which reads a different unit before nearly
    /// every write, costs one round trip per update rather than a merge per update.
    /// </summary>
    private NpgsqlBatch Etter(string? orgnr, params NpgsqlBatchCommand[] kommandoer)
    {
        ObjectDisposedException.ThrowIf(_fullfoert, this);
        if (_kopi is not null || (orgnr is not null && (_enheterISats.Contains(orgnr) || _rollesettISats.Contains(orgnr))))
        {
            return Sammenslaaing(kommandoer);
        }

        var batch = new NpgsqlBatch(_tilkobling, _tx);
        foreach (var kommando in kommandoer)
        {
            batch.BatchCommands.Add(kommando);
        }

        return batch;
    }

    /// <summary>
    /// A batch that brings the staged rows into the staging table (a running COPY is finished first), merges them in an
    /// order equivalent to the rows' own, empties the staging table, and then runs <paramref name="etter"/>: one round
    /// trip, after which the statements in <paramref name="etter"/> see every write so far.
    /// </summary>
    private NpgsqlBatch Sammenslaaing(params NpgsqlBatchCommand[] etter)
    {
        ObjectDisposedException.ThrowIf(_fullfoert, this);
        if (_kopi is not null)
        {
            _kopi.Complete();
            _kopi.Dispose();
            _kopi = null;
        }

        var batch = new NpgsqlBatch(_tilkobling, _tx);
        if (_venter.Count > 0)
        {
            batch.BatchCommands.Add(Flerrader());
            _venter.Clear();
        }

        if (Har(Art.Enhet))
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(MergeEnheterMedDato));
            var utenDato = new NpgsqlBatchCommand(MergeKonkursUtenDato);
            utenDato.Parameters.AddWithValue(_importdato);
            batch.BatchCommands.Add(utenDato);
        }

        // A unit's stale roles go before its new ones come in; units and roles are separate tables, so their order
        // relative to each other does not matter.
        if (Har(Art.Rollesett))
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(FjernRollesett));
        }

        if (Har(Art.Rolle))
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(MergeRoller));
        }

        if (Har(Art.Identbytte))
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(MergeIdentbytter));
        }

        if (Har(Art.Adressebeskyttelse))
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(MergeAdressebeskyttelser));
        }

        // TRUNCATE keeps the old file until the transaction ends (it must be able to roll back), so after thousands of
        // small batches (an update-feed page) they would pile up; a DELETE of a few rows is cheaper there, and the
        // dead rows are pruned as the pages are reused. A streamed batch is large: TRUNCATE gives its space back.
        if (_raderISats > 0)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(_kopiISats ? $"TRUNCATE {Staging}" : $"DELETE FROM {Staging}"));
        }

        _kopiISats = false;
        _arterISats = 0;
        _raderISats = 0;
        _enheterISats.Clear();
        _rollesettISats.Clear();
        foreach (var kommando in etter)
        {
            batch.BatchCommands.Add(kommando);
        }

        return batch;
    }

    private bool Har(Art art) => (_arterISats & (1 << (int)art)) != 0;

    /// <summary>The rows waiting in memory as one insert of arrays, column by column.</summary>
    private NpgsqlBatchCommand Flerrader()
    {
        var n = _venter.Count;
        var sekvens = new long[n];
        var art = new short[n];
        var orgnr = new string?[n];
        var navn = new string?[n];
        var form = new string?[n];
        var hoved = new bool?[n];
        var overordnet = new string?[n];
        var registrert = new DateOnly?[n];
        var slettet = new DateOnly?[n];
        var konkurs = new bool?[n];
        var konkursdato = new DateOnly?[n];
        var rolle = new string?[n];
        var person = new string?[n];
        var ident = new string?[n];
        var verdi = new string?[n];
        var dato = new DateOnly?[n];
        for (var i = 0; i < n; i++)
        {
            var r = _venter[i];
            (sekvens[i], art[i], orgnr[i]) = (r.Sekvens, (short)r.Art, r.Orgnr);
            (navn[i], form[i], hoved[i], overordnet[i]) = (r.Enhet?.Navn, r.Enhet?.Organisasjonsform, r.Enhet?.ErHovedenhet, r.Enhet?.OverordnetEnhet);
            (registrert[i], slettet[i], konkurs[i], konkursdato[i]) = (r.Enhet?.Registreringsdato, r.Enhet?.Slettedato, r.Enhet?.Konkurs, r.Enhet?.Konkursdato);
            (rolle[i], person[i], ident[i], verdi[i], dato[i]) = (r.Rolle?.Rollekode, r.Rolle?.PersonIdent, r.Ident, r.Verdi, r.Dato);
        }

        var kommando = new NpgsqlBatchCommand(Flerradsinnsetting);
        foreach (var kolonne in new object[] { sekvens, art, orgnr, navn, form, hoved, overordnet, registrert, slettet, konkurs, konkursdato, rolle, person, ident, verdi, dato })
        {
            kommando.Parameters.Add(new NpgsqlParameter { Value = kolonne });
        }

        return kommando;
    }

    /// <summary>One row into the running COPY, in <see cref="Kolonner"/> order.</summary>
    private static void Skriv(NpgsqlBinaryImporter k, Rad r)
    {
        k.StartRow();
        k.Write(r.Sekvens, NpgsqlDbType.Bigint);
        k.Write((short)r.Art, NpgsqlDbType.Smallint);
        Tekst(k, r.Orgnr);
        if (r.Enhet is { } e)
        {
            Tekst(k, e.Navn);
            Tekst(k, e.Organisasjonsform);
            k.Write(e.ErHovedenhet, NpgsqlDbType.Boolean);
            Tekst(k, e.OverordnetEnhet);
            Dato(k, e.Registreringsdato);
            Dato(k, e.Slettedato);
            k.Write(e.Konkurs, NpgsqlDbType.Boolean);
            Dato(k, e.Konkursdato);
        }
        else
        {
            for (var i = 0; i < 8; i++)
            {
                k.WriteNull();
            }
        }

        Tekst(k, r.Rolle?.Rollekode);
        Tekst(k, r.Rolle?.PersonIdent);
        Tekst(k, r.Ident);
        Tekst(k, r.Verdi);
        Dato(k, r.Dato);
    }

    private static void Tekst(NpgsqlBinaryImporter k, string? verdi)
    {
        if (verdi is null)
        {
            k.WriteNull();
        }
        else
        {
            k.Write(verdi, NpgsqlDbType.Text);
        }
    }

    private static void Dato(NpgsqlBinaryImporter k, DateOnly? verdi)
    {
        if (verdi is { } dato)
        {
            k.Write(dato, NpgsqlDbType.Date);
        }
        else
        {
            k.WriteNull();
        }
    }

    /// <summary>
    /// One staged row. A unit row carries <paramref name="Enhet"/>, a role row <paramref name="Rolle"/> (with the unit's
    /// orgnr), an identbytte the old ident, the new one and the date, an adressebeskyttelse the ident, the gradering and
    /// the date; the columns a kind does not use stay null.
    /// </summary>
    private readonly record struct Rad(
        Art Art,
        string? Orgnr = null,
        Enhet? Enhet = null,
        Rolle? Rolle = null,
        string? Ident = null,
        string? Verdi = null,
        DateOnly? Dato = null,
        long Sekvens = 0);
}
