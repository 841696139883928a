using Aareg.Domain.AMelding;
using Aareg.Domain.Kodeverk;
using Aareg.Domain.Tid;
using Aareg.Mottak;
using Aareg.Mottak.Lesing;
using Aareg.Mottak.Referanse;
using Aareg.Storage;
using Aareg.Storage.Postgres;
using Aareg.Storage.Referanse;
using Aareg.Storage.Register;
using Aareg.Storage.Sqlite;
using Aareg.Tests.Felles;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Aareg.Register.Tests;

/// <summary>A clock that moves one second on every reading: deterministic, strictly increasing instants.</summary>
internal sealed class Klokke(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Add(ref _ticks, TimeSpan.TicksPerSecond), TimeSpan.Zero);

    /// <summary>The instant the next reading will be past (without moving the clock).</summary>
    public DateTimeOffset Naa => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    /// <summary>Moves the clock (months later, for the register's own closing rules).</summary>
    public void Sett(DateTimeOffset tidspunkt) => Interlocked.Exchange(ref _ticks, tidspunkt.UtcTicks);
}

/// <summary>
/// Which register store a test runs on: every register test class is abstract and has one derived class per store
/// (<c>Sqlite…Tests</c>, <c>Postgres…Tests</c>), so the whole suite runs on both.
/// </summary>
public sealed class Lager
{
    private Lager(string navn, PostgresKlynge? klynge)
    {
        Navn = navn;
        Klynge = klynge;
    }

    public static Lager Sqlite { get; } = new("Sqlite", null);

    public string Navn { get; }

    /// <summary>The PostgreSQL test cluster; null for SQLite.</summary>
    internal PostgresKlynge? Klynge { get; }

    public static Lager Postgres(PostgresKlynge klynge) => new("Postgres", klynge ?? throw new ArgumentNullException(nameof(klynge)));

    public override string ToString() => Navn;
}

/// <summary>
/// The real intake pipeline and the applier on a fresh store: a temp SQLite file, or a database of its own on the
/// PostgreSQL test cluster (dropped at the end). <see cref="StartPaaNyttAsync"/> drops every in-process object (as a
/// crashed process would) and opens the same database again. On PostgreSQL, <see cref="StartNodeAsync"/> adds another
/// service node on the same database: its own connection pools, stores and applier, as a second process would have.
/// </summary>
internal sealed class Registermiljoe : IAsyncDisposable
{
    private readonly string _mappe;
    private readonly string? _pgTilkoblingstreng;
    private readonly bool _eierDatabasen;
    private SqliteDatabase? _sqlite;

    private Registermiljoe(Lager lager, string mappe, Klokke klokke, string? pgTilkoblingstreng, bool eierDatabasen)
    {
        Lager = lager;
        _mappe = mappe;
        Klokke = klokke;
        _pgTilkoblingstreng = pgTilkoblingstreng;
        _eierDatabasen = eierDatabasen;
    }

    public Lager Lager { get; }

    public Klokke Klokke { get; }

    /// <summary>The data folder (the CLI's <c>--data</c>): on SQLite the database is <c>aareg.db</c> in it.</summary>
    public string Mappe => _mappe;

    public string Filsti => Path.Combine(_mappe, "aareg.db");

    /// <summary>
    /// This node's PostgreSQL connection string (with its password, unlike <c>NpgsqlDataSource.ConnectionString</c>),
    /// for a child process such as the CLI; null on SQLite.
    /// </summary>
    public string? PostgresTilkoblingstreng => _pgTilkoblingstreng;

    /// <summary>The PostgreSQL connections of this node; null on SQLite.</summary>
    public PostgresDatabase? Postgres { get; private set; }

    public IMeldingStore Meldinger { get; private set; } = null!;

    public IRegisterStore Register { get; private set; } = null!;

    public Mottaksbehandler Mottak { get; private set; } = null!;

    public Registerbehandler Behandler { get; private set; } = null!;

    public IReferanseStore Referansestore { get; private set; } = null!;

    public Folkeregister Folkeregister { get; private set; } = null!;

    public Enhetsregister Enhetsregister { get; private set; } = null!;

    /// <summary>Fault injection inside the applying transaction (the store's internal hook, either backend).</summary>
    public Action<string>? Feilpunkt
    {
        set
        {
            switch (Register)
            {
                case SqliteRegisterStore sqlite:
                    sqlite.Feilpunkt = value;
                    break;
                case PostgresRegisterStore postgres:
                    postgres.Feilpunkt = value;
                    break;
            }
        }
    }

    public static async Task<Registermiljoe> StartAsync(Lager lager, RegisterbehandlerValg? valg = null)
    {
        ArgumentNullException.ThrowIfNull(lager);
        var mappe = Path.Combine(Path.GetTempPath(), "aareg-register-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(mappe);
        var klokke = new Klokke(new DateTimeOffset(2025, 6, 10, 8, 0, 0, TimeSpan.Zero));
        var tilkoblingstreng = lager.Klynge is { } klynge ? await klynge.OpprettDatabaseAsync() : null;
        var miljoe = new Registermiljoe(lager, mappe, klokke, tilkoblingstreng, eierDatabasen: true);
        await miljoe.AapneAsync(valg);
        return miljoe;
    }

    /// <summary>
    /// Another service node on this environment's PostgreSQL database (and clock): separate pools, stores and
    /// applier. <paramref name="applikasjon"/> names its connections (pg_stat_activity), so a test can end them.
    /// </summary>
    public async Task<Registermiljoe> StartNodeAsync(string applikasjon, RegisterbehandlerValg? valg = null)
    {
        var tilkoblingstreng = _pgTilkoblingstreng ?? throw new InvalidOperationException("Flere noder krever PostgreSQL.");
        var node = new Registermiljoe(
            Lager,
            _mappe,
            Klokke,
            new NpgsqlConnectionStringBuilder(tilkoblingstreng) { ApplicationName = applikasjon }.ConnectionString,
            eierDatabasen: false);
        await node.AapneAsync(valg);
        return node;
    }

    public async Task StartPaaNyttAsync(RegisterbehandlerValg? valg = null)
    {
        await LukkAsync();
        await AapneAsync(valg);
    }

    /// <summary>Closes the database (so another process may use it); <see cref="StartPaaNyttAsync"/> opens it again.</summary>
    public async Task LukkAsync()
    {
        if (Postgres is not null)
        {
            await Postgres.DisposeAsync();
            Postgres = null;
        }

        if (_sqlite is not null)
        {
            await _sqlite.DisposeAsync();
            _sqlite = null;
        }

        SqliteConnection.ClearAllPools();
    }

    private async Task AapneAsync(RegisterbehandlerValg? valg)
    {
        if (_pgTilkoblingstreng is null)
        {
            _sqlite = new SqliteDatabase(Filsti);
            Meldinger = new SqliteMeldingStore(_sqlite);
            await Meldinger.MigrerAsync();
            Referansestore = new SqliteReferanseStore(_sqlite);
        }
        else
        {
            Postgres = new PostgresDatabase(_pgTilkoblingstreng);
            Meldinger = new PostgresMeldingStore(Postgres);
            await Meldinger.MigrerAsync();
            Referansestore = new PostgresReferanseStore(Postgres);
        }

        Folkeregister = new Folkeregister(Referansestore);
        Enhetsregister = new Enhetsregister(Referansestore, Folkeregister);
        await Folkeregister.LastAsync();
        await Enhetsregister.LastAsync();
        var referanse = new Registerreferanse(Folkeregister, Enhetsregister);
        Register = Postgres is null
            ? new SqliteRegisterStore(_sqlite!) { Personidenter = referanse.AlleIdenter }
            : new PostgresRegisterStore(Postgres) { Personidenter = referanse.AlleIdenter };
        Mottak = new Mottaksbehandler(Meldinger, Kodeverkkatalog.Standard, new MottaksInnstillinger { TillatSyntetiske = true }, Klokke);
        Behandler = new Registerbehandler(Register, Klokke, valg, referanse);
    }

    /// <summary>Imports Folkeregisteret events (JSON lines) and refreshes the snapshot, as the service does.</summary>
    public async Task ImporterFolkeregisterAsync(params string[] linjer)
    {
        using var stroem = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(string.Join('\n', linjer) + "\n"));
        await new FolkeregisterImport(Referansestore, Klokke).ImporterAsync(stroem);
        await Folkeregister.OppdaterHvisEndretAsync();
    }

    /// <summary>Imports Enhetsregisteret units (bulk JSON array) and refreshes the snapshot.</summary>
    public async Task ImporterEnheterAsync(string json)
    {
        using var stroem = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));
        await new EnhetsregisterImport(Referansestore, Klokke).ImporterBulkAsync(stroem);
        await Enhetsregister.OppdaterHvisEndretAsync();
    }

    public async Task<Kvittering> SendAsync(Leveranse leveranse)
    {
        var svar = await Mottak.MottaAsync(new Mottaksforespoersel(AMeldingJsonSkriver.TilBytes(leveranse), Meldingsformat.Json, "test", null, _ => true));
        var kvittering = svar.Kvittering ?? throw new InvalidOperationException($"Ingen kvittering: {svar.Utfall}");
        if (kvittering.Status == Meldingsstatus.Avvist)
        {
            throw new InvalidOperationException("Avvist: " + string.Join("; ", kvittering.Avvik.Select(a => $"{a.Regel} {a.Sti} {a.Melding}")));
        }

        return kvittering;
    }

    public async Task<Kvittering> KvitteringAsync(Guid mottaksId) =>
        await Meldinger.HentKvitteringAsync(mottaksId) ?? throw new InvalidOperationException("Ukjent melding.");

    /// <summary>
    /// Single-value query on the database, for checks the store API does not expose. The SQL must be valid on both
    /// backends (plain SELECTs over the shared table and column names are).
    /// </summary>
    public async Task<long> TellAsync(string sql) =>
        Convert.ToInt64(Assert.Single(await ListeAsync<object>(sql)), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The first column of every row of a query (either backend).</summary>
    public async Task<List<T>> ListeAsync<T>(string sql)
    {
        var resultat = new List<T>();
        if (Postgres is { } postgres)
        {
            await using var kommando = postgres.Skriver.CreateCommand(sql);
            await using var leser = await kommando.ExecuteReaderAsync();
            while (await leser.ReadAsync())
            {
                resultat.Add(leser.GetFieldValue<T>(0));
            }
        }
        else
        {
            await using var tilkobling = await _sqlite!.AapneLeserAsync(default);
            await using var kommando = tilkobling.CreateCommand();
            kommando.CommandText = sql;
            await using var leser = await kommando.ExecuteReaderAsync();
            while (await leser.ReadAsync())
            {
                resultat.Add(leser.GetFieldValue<T>(0));
            }
        }

        return resultat;
    }

    public async ValueTask DisposeAsync()
    {
        await LukkAsync();
        if (!_eierDatabasen)
        {
            return;
        }

        if (_pgTilkoblingstreng is not null && Lager.Klynge is { } klynge)
        {
            await klynge.SlettDatabaseAsync(_pgTilkoblingstreng);
        }

        try
        {
            Directory.Delete(_mappe, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}

/// <summary>Small, clean a-meldinger for one opplysningspliktig (valid check digits; TillatSyntetiske is on).</summary>
internal static class Meldinger
{
    public const string Opplysningspliktig = "893786570";
    public const string Virksomhet = "954323196";
    public const string Person = "02029404855";
    public const string AnnenPerson = "12106346508";

    public sealed record Af(string Person, string Id, string Yrke = "3431101", decimal Prosent = 100m, DateOnly? Start = null, DateOnly? Slutt = null);

    public static Leveranse Lag(string meldingsId, string maaned, string? erstatter, params Af[] arbeidsforhold) => new()
    {
        Leveringstidspunkt = new DateTimeOffset(2025, 4, 3, 9, 15, 0, TimeSpan.Zero),
        Kalendermaaned = Kalendermaaned.Parse(maaned),
        Kildesystem = "testlønn 1.0",
        MeldingsId = meldingsId,
        ErstatterMeldingsId = erstatter,
        Opplysningspliktig = Opplysningspliktig,
        Virksomheter = arbeidsforhold.Length == 0
            ? []
            :
            [
                new Virksomhet
                {
                    NorskIdentifikator = Virksomhet,
                    Inntektsmottakere = [.. arbeidsforhold.GroupBy(a => a.Person).Select(p => new Inntektsmottaker
                    {
                        NorskIdentifikator = p.Key,
                        Arbeidsforhold = [.. p.Select(Arbeidsforhold)],
                        Inntekter = [.. p.Select(a => new Inntekt
                        {
                            Fordel = "kontantytelse",
                            Beloep = 45000m,
                            ArbeidsforholdId = a.Id,
                            Art = Inntektsart.Loennsinntekt,
                            Beskrivelse = "fastloenn",
                        })],
                    })],
                },
            ],
    };

    private static Arbeidsforhold Arbeidsforhold(Af a) => new()
    {
        ArbeidsforholdId = a.Id,
        TypeArbeidsforhold = "ordinaertArbeidsforhold",
        Startdato = a.Start ?? new DateOnly(2020, 1, 1),
        Sluttdato = a.Slutt,
        AarsakTilSluttdato = a.Slutt is null ? null : "arbeidstakerHarSagtOppSelv",
        AntallTimerPerUkeSomEnFullStillingTilsvarer = 37.5m,
        Yrke = a.Yrke,
        Arbeidstidsordning = "ikkeSkift",
        Stillingsprosent = a.Prosent,
        SisteLoennsendringsdato = new DateOnly(2024, 1, 1),
        SisteDatoForStillingsprosentendring = new DateOnly(2020, 1, 1),
        FormForAnsettelse = "fast",
    };
}
