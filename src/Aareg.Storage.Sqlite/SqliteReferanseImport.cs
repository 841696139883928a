using Aareg.Storage.Referanse;
using Microsoft.Data.Sqlite;

namespace Aareg.Storage.Sqlite;

/// <summary>
/// One reference import: the writer lease, one transaction and prepared statements reused for every row, so a bulk
/// file goes in at hundreds of thousands of rows a second (SQLite's cost is per transaction, not per row).
/// </summary>
internal sealed class SqliteReferanseImport : IReferanseImport
{
    private readonly SqliteDatabase.Skrivelaan _laan;
    private readonly SqliteTransaction _tx;
    private readonly List<SqliteCommand> _kommandoer = [];
    private readonly SqliteCommand _lagreEnhet;
    private readonly SqliteCommand _slettEnhet;
    private readonly SqliteCommand _fjernEnhet;
    private readonly SqliteCommand _fjernRoller;
    private readonly SqliteCommand _hentEnhet;
    private readonly SqliteCommand _lagreRolle;
    private readonly SqliteCommand _lagreIdentbytte;
    private readonly SqliteCommand _lagreBeskyttelse;
    private readonly SqliteCommand _hentTilstand;
    private readonly SqliteCommand _settTilstand;
    private bool _fullfoert;

    public SqliteReferanseImport(SqliteDatabase.Skrivelaan laan, DateOnly importdato)
    {
        _laan = laan;
        _tx = laan.Tilkobling.BeginTransaction(deferred: false);

        try
        {
            // A bankruptcy without konkursdato gets the import date once; later imports keep the date first recorded,
            // so re-importing the same file does not move it (ERKONK closes arbeidsforhold at that date, DOMAIN §6).
            _lagreEnhet = Forbered(
                """
                INSERT INTO enhet (orgnr, navn, organisasjonsform, hovedenhet, overordnet_enhet, registreringsdato, slettedato, konkurs, konkursdato)
                VALUES ($orgnr, $navn, $form, $hoved, $overordnet, $registrert, $slettet, $konkurs,
                        CASE WHEN $konkurs = 1 THEN COALESCE($konkursdato, $importdato) END)
                ON CONFLICT (orgnr) DO UPDATE SET
                    navn = excluded.navn, organisasjonsform = excluded.organisasjonsform, hovedenhet = excluded.hovedenhet,
                    overordnet_enhet = excluded.overordnet_enhet, registreringsdato = excluded.registreringsdato,
                    slettedato = excluded.slettedato, konkurs = excluded.konkurs,
                    konkursdato = CASE WHEN excluded.konkurs = 1 THEN COALESCE($konkursdato, enhet.konkursdato, $importdato) END
                """,
                "$orgnr", "$navn", "$form", "$hoved", "$overordnet", "$registrert", "$slettet", "$konkurs", "$konkursdato", "$importdato");
            _lagreEnhet.Parameters["$importdato"].Value = SqliteReferanseStore.Tekst(importdato);
            _slettEnhet = Forbered("UPDATE enhet SET slettedato = $slettet WHERE orgnr = $orgnr", "$orgnr", "$slettet");
            _fjernEnhet = Forbered("DELETE FROM enhet WHERE orgnr = $orgnr", "$orgnr");
            _fjernRoller = Forbered("DELETE FROM enhet_rolle WHERE orgnr = $orgnr", "$orgnr");
            _hentEnhet = Forbered(
                "SELECT orgnr, navn, organisasjonsform, hovedenhet, overordnet_enhet, registreringsdato, slettedato, konkurs, konkursdato FROM enhet WHERE orgnr = $orgnr",
                "$orgnr");
            _lagreRolle = Forbered(
                "INSERT OR IGNORE INTO enhet_rolle (orgnr, rolle, person_ident) VALUES ($orgnr, $rolle, $ident)", "$orgnr", "$rolle", "$ident");
            _lagreIdentbytte = Forbered(
                """
                INSERT INTO identbytte (gammel_ident, ny_ident, dato) VALUES ($gammel, $ny, $dato)
                ON CONFLICT (gammel_ident) DO UPDATE SET ny_ident = excluded.ny_ident, dato = excluded.dato
                """,
                "$gammel", "$ny", "$dato");
            _lagreBeskyttelse = Forbered(
                "INSERT OR IGNORE INTO adressebeskyttelse (ident, gradering, dato) VALUES ($ident, $gradering, $dato)", "$ident", "$gradering", "$dato");
            _hentTilstand = Forbered("SELECT verdi FROM referanse_tilstand WHERE navn = $navn", "$navn");
            _settTilstand = Forbered(
                "INSERT INTO referanse_tilstand (navn, verdi) VALUES ($navn, $verdi) ON CONFLICT (navn) DO UPDATE SET verdi = excluded.verdi",
                "$navn", "$verdi");
        }
        catch
        {
            // The writer connection is shared: never leave a transaction open on it.
            foreach (var kommando in _kommandoer)
            {
                kommando.Dispose();
            }

            _tx.Dispose();
            throw;
        }
    }

    public void LagreEnhet(Enhet enhet)
    {
        ArgumentNullException.ThrowIfNull(enhet);
        var p = _lagreEnhet.Parameters;
        p["$orgnr"].Value = enhet.Orgnr;
        p["$navn"].Value = enhet.Navn;
        p["$form"].Value = enhet.Organisasjonsform;
        p["$hoved"].Value = enhet.ErHovedenhet ? 1 : 0;
        p["$overordnet"].Value = (object?)enhet.OverordnetEnhet ?? DBNull.Value;
        p["$registrert"].Value = SqliteReferanseStore.Tekst(enhet.Registreringsdato);
        p["$slettet"].Value = SqliteReferanseStore.Tekst(enhet.Slettedato);
        p["$konkurs"].Value = enhet.Konkurs ? 1 : 0;
        p["$konkursdato"].Value = SqliteReferanseStore.Tekst(enhet.Konkursdato);
        _lagreEnhet.ExecuteNonQuery();
    }

    public bool SlettEnhet(string orgnr, DateOnly slettedato)
    {
        _slettEnhet.Parameters["$orgnr"].Value = orgnr;
        _slettEnhet.Parameters["$slettet"].Value = SqliteReferanseStore.Tekst(slettedato);
        return _slettEnhet.ExecuteNonQuery() > 0;
    }

    public bool FjernEnhet(string orgnr)
    {
        _fjernRoller.Parameters["$orgnr"].Value = orgnr;
        _fjernRoller.ExecuteNonQuery();
        _fjernEnhet.Parameters["$orgnr"].Value = orgnr;
        return _fjernEnhet.ExecuteNonQuery() > 0;
    }

    public Enhet? HentEnhet(string orgnr)
    {
        _hentEnhet.Parameters["$orgnr"].Value = orgnr;
        using var leser = _hentEnhet.ExecuteReader();
        return leser.Read() ? SqliteReferanseStore.LesEnhet(leser) : null;
    }

    public void ErstattRoller(string orgnr, IReadOnlyList<Rolle> roller)
    {
        ArgumentNullException.ThrowIfNull(roller);
        _fjernRoller.Parameters["$orgnr"].Value = orgnr;
        _fjernRoller.ExecuteNonQuery();
        _lagreRolle.Parameters["$orgnr"].Value = orgnr;
        foreach (var rolle in roller)
        {
            _lagreRolle.Parameters["$rolle"].Value = rolle.Rollekode;
            _lagreRolle.Parameters["$ident"].Value = rolle.PersonIdent;
            _lagreRolle.ExecuteNonQuery();
        }
    }

    public void LagreIdentbytte(Identbytte bytte)
    {
        ArgumentNullException.ThrowIfNull(bytte);
        _lagreIdentbytte.Parameters["$gammel"].Value = bytte.GammelIdent;
        _lagreIdentbytte.Parameters["$ny"].Value = bytte.NyIdent;
        _lagreIdentbytte.Parameters["$dato"].Value = SqliteReferanseStore.Tekst(bytte.Dato);
        _lagreIdentbytte.ExecuteNonQuery();
    }

    public void LagreAdressebeskyttelse(Adressebeskyttelse beskyttelse)
    {
        ArgumentNullException.ThrowIfNull(beskyttelse);
        _lagreBeskyttelse.Parameters["$ident"].Value = beskyttelse.Ident;
        _lagreBeskyttelse.Parameters["$gradering"].Value = beskyttelse.Gradering;
        _lagreBeskyttelse.Parameters["$dato"].Value = SqliteReferanseStore.Tekst(beskyttelse.Dato);
        _lagreBeskyttelse.ExecuteNonQuery();
    }

    public long? HentOppdateringsmarkoer(string feed)
    {
        _hentTilstand.Parameters["$navn"].Value = SqliteReferanseStore.Markoernavn(feed);
        return _hentTilstand.ExecuteScalar() is long verdi ? verdi : null;
    }

    public void SettOppdateringsmarkoer(string feed, long oppdateringsid) =>
        SettTilstand(SqliteReferanseStore.Markoernavn(feed), oppdateringsid);

    public async Task CommitAsync(CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(_fullfoert, this);
        _hentTilstand.Parameters["$navn"].Value = SqliteReferanseStore.VersjonNavn;
        var versjon = _hentTilstand.ExecuteScalar() is long v ? v : 0;
        SettTilstand(SqliteReferanseStore.VersjonNavn, versjon + 1);
        await _tx.CommitAsync(ct);
        _fullfoert = true;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_fullfoert)
            {
                _fullfoert = true;
                await _tx.RollbackAsync();
            }
        }
        finally
        {
            foreach (var kommando in _kommandoer)
            {
                await kommando.DisposeAsync();
            }

            await _tx.DisposeAsync();
            _laan.Dispose();
        }
    }

    private void SettTilstand(string navn, long verdi)
    {
        _settTilstand.Parameters["$navn"].Value = navn;
        _settTilstand.Parameters["$verdi"].Value = verdi;
        _settTilstand.ExecuteNonQuery();
    }

    private SqliteCommand Forbered(string sql, params string[] parametere)
    {
        var kommando = _laan.Tilkobling.CreateCommand();
        _kommandoer.Add(kommando);
        kommando.Transaction = _tx;
        kommando.CommandText = sql;
        foreach (var navn in parametere)
        {
            kommando.Parameters.Add(new SqliteParameter(navn, DBNull.Value));
        }

        kommando.Prepare();
        return kommando;
    }
}
