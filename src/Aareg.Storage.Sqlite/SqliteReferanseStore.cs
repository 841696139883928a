using System.Globalization;
using System.Runtime.CompilerServices;
using Aareg.Storage.Referanse;
using Microsoft.Data.Sqlite;

namespace Aareg.Storage.Sqlite;

/// <summary>The SQLite implementation of the reference-register store (tables from <see cref="Migrasjon003Referanse"/>).</summary>
public sealed class SqliteReferanseStore(SqliteDatabase database) : IReferanseStore
{
    internal const string VersjonNavn = "versjon";
    private const string EnhetKolonner =
        "orgnr, navn, organisasjonsform, hovedenhet, overordnet_enhet, registreringsdato, slettedato, konkurs, konkursdato";

    public async Task MigrerAsync(CancellationToken ct = default)
    {
        using var laan = await database.TaSkriverAsync(ct);
        await SqliteMigrasjoner.MigrerAsync(laan.Tilkobling, ct);
    }

    public async Task<IReferanseImport> StartImportAsync(DateOnly importdato, CancellationToken ct = default)
    {
        var laan = await database.TaSkriverAsync(ct);
        try
        {
            return new SqliteReferanseImport(laan, importdato);
        }
        catch
        {
            laan.Dispose();
            throw;
        }
    }

    public async IAsyncEnumerable<Enhet> LesEnheterAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var tilkobling = await database.AapneLeserAsync(ct);
        await using var kommando = tilkobling.CreateCommand();
        kommando.CommandText = $"SELECT {EnhetKolonner} FROM enhet ORDER BY orgnr";
        await using var leser = await kommando.ExecuteReaderAsync(ct);
        while (await leser.ReadAsync(ct))
        {
            yield return LesEnhet(leser);
        }
    }

    public async Task<Enhet?> HentEnhetAsync(string orgnr, CancellationToken ct = default)
    {
        await using var tilkobling = await database.AapneLeserAsync(ct);
        await using var kommando = tilkobling.CreateCommand();
        kommando.CommandText = $"SELECT {EnhetKolonner} FROM enhet WHERE orgnr = $o";
        kommando.Parameters.AddWithValue("$o", orgnr);
        await using var leser = await kommando.ExecuteReaderAsync(ct);
        return await leser.ReadAsync(ct) ? LesEnhet(leser) : null;
    }

    public async IAsyncEnumerable<Identbytte> LesIdentbytterAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var tilkobling = await database.AapneLeserAsync(ct);
        await using var kommando = tilkobling.CreateCommand();
        kommando.CommandText = "SELECT gammel_ident, ny_ident, dato FROM identbytte ORDER BY dato, gammel_ident";
        await using var leser = await kommando.ExecuteReaderAsync(ct);
        while (await leser.ReadAsync(ct))
        {
            yield return new Identbytte(leser.GetString(0), leser.GetString(1), Dato(leser.GetString(2)));
        }
    }

    public async IAsyncEnumerable<Adressebeskyttelse> LesAdressebeskyttelserAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var tilkobling = await database.AapneLeserAsync(ct);
        await using var kommando = tilkobling.CreateCommand();
        kommando.CommandText = "SELECT ident, gradering, dato FROM adressebeskyttelse ORDER BY dato, sekvens";
        await using var leser = await kommando.ExecuteReaderAsync(ct);
        while (await leser.ReadAsync(ct))
        {
            yield return new Adressebeskyttelse(leser.GetString(0), leser.GetString(1), Dato(leser.GetString(2)));
        }
    }

    public async Task<IReadOnlyList<string>> HentRollerAsync(IReadOnlyCollection<string> personIdenter, string orgnr, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(personIdenter);
        if (personIdenter.Count == 0)
        {
            return [];
        }

        await using var tilkobling = await database.AapneLeserAsync(ct);
        await using var kommando = tilkobling.CreateCommand();
        var navn = new List<string>(personIdenter.Count);
        foreach (var ident in personIdenter)
        {
            var parameter = string.Create(CultureInfo.InvariantCulture, $"$p{navn.Count}");
            kommando.Parameters.AddWithValue(parameter, ident);
            navn.Add(parameter);
        }

        kommando.CommandText = $"SELECT DISTINCT rolle FROM enhet_rolle WHERE orgnr = $o AND person_ident IN ({string.Join(", ", navn)}) ORDER BY rolle";
        kommando.Parameters.AddWithValue("$o", orgnr);
        var roller = new List<string>();
        await using var leser = await kommando.ExecuteReaderAsync(ct);
        while (await leser.ReadAsync(ct))
        {
            roller.Add(leser.GetString(0));
        }

        return roller;
    }

    public async Task<IReadOnlyList<Rolle>> HentRollerForEnhetAsync(string orgnr, CancellationToken ct = default)
    {
        await using var tilkobling = await database.AapneLeserAsync(ct);
        await using var kommando = tilkobling.CreateCommand();
        kommando.CommandText = "SELECT rolle, person_ident FROM enhet_rolle WHERE orgnr = $o ORDER BY rolle, person_ident";
        kommando.Parameters.AddWithValue("$o", orgnr);
        var roller = new List<Rolle>();
        await using var leser = await kommando.ExecuteReaderAsync(ct);
        while (await leser.ReadAsync(ct))
        {
            roller.Add(new Rolle(leser.GetString(0), leser.GetString(1)));
        }

        return roller;
    }

    public Task<long?> HentOppdateringsmarkoerAsync(string feed, CancellationToken ct = default) =>
        HentTilstandAsync(Markoernavn(feed), ct);

    public async Task<long> HentVersjonAsync(CancellationToken ct = default) =>
        await HentTilstandAsync(VersjonNavn, ct) ?? 0;

    public async Task<Referanseomfang> TellAsync(CancellationToken ct = default)
    {
        await using var tilkobling = await database.AapneLeserAsync(ct);
        await using var kommando = tilkobling.CreateCommand();
        kommando.CommandText = """
            SELECT (SELECT COUNT(*) FROM enhet WHERE hovedenhet = 1), (SELECT COUNT(*) FROM enhet WHERE hovedenhet = 0),
                   (SELECT COUNT(*) FROM enhet_rolle), (SELECT COUNT(*) FROM identbytte), (SELECT COUNT(*) FROM adressebeskyttelse)
            """;
        await using var leser = await kommando.ExecuteReaderAsync(ct);
        await leser.ReadAsync(ct);
        return new Referanseomfang(leser.GetInt64(0), leser.GetInt64(1), leser.GetInt64(2), leser.GetInt64(3), leser.GetInt64(4));
    }

    internal static string Markoernavn(string feed) => "oppdateringer/" + feed;

    internal static Enhet LesEnhet(SqliteDataReader leser) => new(
        leser.GetString(0),
        leser.GetString(1),
        leser.GetString(2),
        leser.GetInt64(3) != 0,
        leser.IsDBNull(4) ? null : leser.GetString(4),
        leser.IsDBNull(5) ? null : Dato(leser.GetString(5)),
        leser.IsDBNull(6) ? null : Dato(leser.GetString(6)),
        leser.GetInt64(7) != 0,
        leser.IsDBNull(8) ? null : Dato(leser.GetString(8)));

    internal static DateOnly Dato(string tekst) => DateOnly.ParseExact(tekst, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal static object Tekst(DateOnly? dato) =>
        dato is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : DBNull.Value;

    private async Task<long?> HentTilstandAsync(string navn, CancellationToken ct)
    {
        await using var tilkobling = await database.AapneLeserAsync(ct);
        await using var kommando = tilkobling.CreateCommand();
        kommando.CommandText = "SELECT verdi FROM referanse_tilstand WHERE navn = $n";
        kommando.Parameters.AddWithValue("$n", navn);
        return await kommando.ExecuteScalarAsync(ct) is long verdi ? verdi : null;
    }
}
