using System.Runtime.CompilerServices;
using Aareg.Storage.Referanse;
using Npgsql;

namespace Aareg.Storage.Postgres;

/// <summary>
/// The PostgreSQL implementation of the reference-register store (tables from <see cref="Migrasjon003Referanse"/>).
/// Imports run on the primary, one transaction each, serialised across nodes by a transaction-scoped advisory lock
/// (<see cref="PostgresReferanseImport"/>). Every read goes to the primary (<see cref="PostgresDatabase.Skriver"/>),
/// also when lookups use a replica: the snapshots feed the register's derivation (identbytte, EROPPH/ERKONK) and
/// intake controls, which must see the latest import; a node starting right after a migration cannot wait for a
/// replica to have the tables; and with several load-balanced replicas a version and its data could come from
/// replicas at different lag. Snapshot loads are rare (only when the version moved), so the primary barely notices.
/// The version is still read before the data, so a snapshot is never labelled newer than its content.
/// </summary>
public sealed class PostgresReferanseStore(PostgresDatabase database) : IReferanseStore
{
    internal const string VersjonNavn = "versjon";

    /// <summary>
    /// The first key of the two-key advisory lock every import takes ("Aa" + 3, after migration 3): one import at a time
    /// across all nodes, as SQLite's single writer gave. Apart from the melding store's per-opplysningspliktig class
    /// (<see cref="PostgresMeldingStore.MottakLaasklasse"/>); the single-key migration lock is a separate key space.
    /// </summary>
    internal const int ImportLaasklasse = 0x4161_0003;

    internal const string EnhetKolonner =
        "orgnr, navn, organisasjonsform, hovedenhet, overordnet_enhet, registreringsdato, slettedato, konkurs, konkursdato";

    /// <summary>
    /// Rows an import stages before merging them into the tables (memory per import is bounded by this, not by the file).
    /// Larger batches mean fewer merge round trips; the default keeps the staging table and the duplicate check small.
    /// </summary>
    public int Satsstoerrelse { get; init; } = 50_000;

    /// <summary>
    /// Rows a batch keeps in memory before it switches to binary COPY. Below it, a read inside the import sends them as
    /// one multi-row insert in the same round trip as the read (what an update-feed page, which reads before nearly
    /// every write, needs); above it, a bulk file streams.
    /// </summary>
    public int Kopigrense { get; init; } = 1_000;

    public Task MigrerAsync(CancellationToken ct = default) => database.MigrerAsync(ct);

    public async Task<IReferanseImport> StartImportAsync(DateOnly importdato, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Satsstoerrelse, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(Kopigrense, 1);
        return await PostgresReferanseImport.StartAsync(database.Skriver, importdato, Satsstoerrelse, Kopigrense, ct);
    }

    public async IAsyncEnumerable<Enhet> LesEnheterAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var kommando = database.Skriver.CreateCommand($"SELECT {EnhetKolonner} FROM enhet ORDER BY orgnr");
        await using var leser = await kommando.ExecuteReaderAsync(ct);
        while (await leser.ReadAsync(ct))
        {
            yield return LesEnhet(leser);
        }
    }

    public async Task<Enhet?> HentEnhetAsync(string orgnr, CancellationToken ct = default)
    {
        await using var kommando = database.Skriver.CreateCommand($"SELECT {EnhetKolonner} FROM enhet WHERE orgnr = $1");
        kommando.Parameters.AddWithValue(orgnr);
        await using var leser = await kommando.ExecuteReaderAsync(ct);
        return await leser.ReadAsync(ct) ? LesEnhet(leser) : null;
    }

    public async IAsyncEnumerable<Identbytte> LesIdentbytterAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var kommando = database.Skriver.CreateCommand("SELECT gammel_ident, ny_ident, dato FROM identbytte ORDER BY dato, gammel_ident");
        await using var leser = await kommando.ExecuteReaderAsync(ct);
        while (await leser.ReadAsync(ct))
        {
            yield return new Identbytte(leser.GetString(0), leser.GetString(1), leser.GetFieldValue<DateOnly>(2));
        }
    }

    public async IAsyncEnumerable<Adressebeskyttelse> LesAdressebeskyttelserAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var kommando = database.Skriver.CreateCommand("SELECT ident, gradering, dato FROM adressebeskyttelse ORDER BY dato, sekvens");
        await using var leser = await kommando.ExecuteReaderAsync(ct);
        while (await leser.ReadAsync(ct))
        {
            yield return new Adressebeskyttelse(leser.GetString(0), leser.GetString(1), leser.GetFieldValue<DateOnly>(2));
        }
    }

    public async Task<IReadOnlyList<string>> HentRollerAsync(IReadOnlyCollection<string> personIdenter, string orgnr, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(personIdenter);
        if (personIdenter.Count == 0)
        {
            return [];
        }

        // One statement text whatever the number of idents (an array parameter), so it is prepared once per connection.
        await using var kommando = database.Skriver.CreateCommand(
            "SELECT DISTINCT rolle FROM enhet_rolle WHERE orgnr = $1 AND person_ident = ANY($2) ORDER BY rolle");
        kommando.Parameters.AddWithValue(orgnr);
        kommando.Parameters.AddWithValue(personIdenter.ToArray());
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
        await using var kommando = database.Skriver.CreateCommand(
            "SELECT rolle, person_ident FROM enhet_rolle WHERE orgnr = $1 ORDER BY rolle, person_ident");
        kommando.Parameters.AddWithValue(orgnr);
        var roller = new List<Rolle>();
        await using var leser = await kommando.ExecuteReaderAsync(ct);
        while (await leser.ReadAsync(ct))
        {
            roller.Add(new Rolle(leser.GetString(0), leser.GetString(1)));
        }

        return roller;
    }

    /// <summary>From the primary: whoever fetches the next page of the feed starts from here, and a lagging cursor would
    /// only make it fetch (and skip) pages already applied.</summary>
    public Task<long?> HentOppdateringsmarkoerAsync(string feed, CancellationToken ct = default) =>
        HentTilstandAsync(database.Skriver, Markoernavn(feed), ct);

    /// <summary>From the read source, the same one the snapshot data comes from (see the class comment).</summary>
    public async Task<long> HentVersjonAsync(CancellationToken ct = default) =>
        await HentTilstandAsync(database.Skriver, VersjonNavn, ct) ?? 0;

    public async Task<Referanseomfang> TellAsync(CancellationToken ct = default)
    {
        await using var kommando = database.Skriver.CreateCommand("""
            SELECT (SELECT COUNT(*) FROM enhet WHERE hovedenhet), (SELECT COUNT(*) FROM enhet WHERE NOT hovedenhet),
                   (SELECT COUNT(*) FROM enhet_rolle), (SELECT COUNT(*) FROM identbytte), (SELECT COUNT(*) FROM adressebeskyttelse)
            """);
        await using var leser = await kommando.ExecuteReaderAsync(ct);
        await leser.ReadAsync(ct);
        return new Referanseomfang(leser.GetInt64(0), leser.GetInt64(1), leser.GetInt64(2), leser.GetInt64(3), leser.GetInt64(4));
    }

    internal static string Markoernavn(string feed) => "oppdateringer/" + feed;

    internal static Enhet LesEnhet(NpgsqlDataReader leser) => new(
        leser.GetString(0),
        leser.GetString(1),
        leser.GetString(2),
        leser.GetBoolean(3),
        leser.IsDBNull(4) ? null : leser.GetString(4),
        leser.IsDBNull(5) ? null : leser.GetFieldValue<DateOnly>(5),
        leser.IsDBNull(6) ? null : leser.GetFieldValue<DateOnly>(6),
        leser.GetBoolean(7),
        leser.IsDBNull(8) ? null : leser.GetFieldValue<DateOnly>(8));

    private static async Task<long?> HentTilstandAsync(NpgsqlDataSource kilde, string navn, CancellationToken ct)
    {
        await using var kommando = kilde.CreateCommand("SELECT verdi FROM referanse_tilstand WHERE navn = $1");
        kommando.Parameters.AddWithValue(navn);
        return await kommando.ExecuteScalarAsync(ct) is long verdi ? verdi : null;
    }
}
