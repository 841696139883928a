using Aareg.Domain.AMelding;
using Aareg.Domain.Kodeverk;
using Aareg.Domain.Tid;
using Aareg.Mottak;
using Aareg.Mottak.Lesing;
using Aareg.Mottak.Referanse;
using Aareg.Storage;
using Aareg.Storage.Sqlite;
using Microsoft.Data.Sqlite;

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
/// The real intake pipeline and the applier on a temp SQLite file. <see cref="StartPaaNyttAsync"/> drops every
/// in-process object (as a crashed process would) and opens the same file again.
/// </summary>
internal sealed class Registermiljoe : IAsyncDisposable
{
    private readonly string _mappe;

    private Registermiljoe(string mappe, Klokke klokke)
    {
        _mappe = mappe;
        Klokke = klokke;
    }

    public Klokke Klokke { get; }

    /// <summary>The data folder (the CLI's <c>--data</c>): the database is <c>aareg.db</c> in it.</summary>
    public string Mappe => _mappe;

    public string Filsti => Path.Combine(_mappe, "aareg.db");

    public SqliteDatabase Database { get; private set; } = null!;

    public SqliteMeldingStore Meldinger { get; private set; } = null!;

    public SqliteRegisterStore Register { get; private set; } = null!;

    public Mottaksbehandler Mottak { get; private set; } = null!;

    public Registerbehandler Behandler { get; private set; } = null!;

    public SqliteReferanseStore Referansestore { get; private set; } = null!;

    public Folkeregister Folkeregister { get; private set; } = null!;

    public Enhetsregister Enhetsregister { get; private set; } = null!;

    public static async Task<Registermiljoe> StartAsync(RegisterbehandlerValg? valg = null)
    {
        var mappe = Path.Combine(Path.GetTempPath(), "aareg-register-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(mappe);
        var miljoe = new Registermiljoe(mappe, new Klokke(new DateTimeOffset(2025, 6, 10, 8, 0, 0, TimeSpan.Zero)));
        await miljoe.AapneAsync(valg);
        return miljoe;
    }

    public async Task StartPaaNyttAsync(RegisterbehandlerValg? valg = null)
    {
        await LukkAsync();
        await AapneAsync(valg);
    }

    /// <summary>Closes the file (so another process may use it); <see cref="StartPaaNyttAsync"/> opens it again.</summary>
    public async Task LukkAsync()
    {
        await Database.DisposeAsync();
        SqliteConnection.ClearAllPools();
    }

    private async Task AapneAsync(RegisterbehandlerValg? valg)
    {
        Database = new SqliteDatabase(Filsti);
        Meldinger = new SqliteMeldingStore(Database);
        await Meldinger.MigrerAsync();
        Referansestore = new SqliteReferanseStore(Database);
        Folkeregister = new Folkeregister(Referansestore);
        Enhetsregister = new Enhetsregister(Referansestore, Folkeregister);
        await Folkeregister.LastAsync();
        await Enhetsregister.LastAsync();
        var referanse = new Registerreferanse(Folkeregister, Enhetsregister);
        Register = new SqliteRegisterStore(Database) { Personidenter = referanse.AlleIdenter };
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

    /// <summary>Single-value query on the file, for checks the store API does not expose.</summary>
    public async Task<long> TellAsync(string sql)
    {
        await using var tilkobling = await Database.AapneLeserAsync(default);
        await using var kommando = tilkobling.CreateCommand();
        kommando.CommandText = sql;
        return (long)(await kommando.ExecuteScalarAsync())!;
    }

    /// <summary>The first column of every row of a query.</summary>
    public async Task<List<T>> ListeAsync<T>(string sql)
    {
        await using var tilkobling = await Database.AapneLeserAsync(default);
        await using var kommando = tilkobling.CreateCommand();
        kommando.CommandText = sql;
        var resultat = new List<T>();
        await using var leser = await kommando.ExecuteReaderAsync();
        while (await leser.ReadAsync())
        {
            resultat.Add(leser.GetFieldValue<T>(0));
        }

        return resultat;
    }

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        SqliteConnection.ClearAllPools();
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
