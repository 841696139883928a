using Aareg.Cli;
using Aareg.Domain.Revisjon;
using Aareg.Storage.Revisjon;
using Aareg.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Aareg.Api.Tests.Revisjon;

/// <summary>
/// The SQLite audit log and <c>aareg audit</c>: records are written through the store, then the database file is
/// tampered with directly in SQL (the way someone with file access would), and the verify command must name it.
/// </summary>
public sealed class RevisjonsloggTests : IDisposable
{
    private readonly string _mappe = Path.Combine(Path.GetTempPath(), "aareg-revisjon-" + Guid.NewGuid().ToString("N"));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_mappe, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    internal static Oppslagsrevisjon Post(int i, string person = TestMeldinger.Person, bool skjult = false, string? konsument = TestMeldinger.Loennssystem) => new(
        Tidspunkt: new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero).AddMinutes(i).AddTicks(i * 1234),
        Personident: person,
        Konsument: konsument,
        Databehandler: i % 3 == 0 ? "987976535" : null,
        Bruker: null,
        Formaal: "TEST",
        Saksreferanse: i % 2 == 0 ? $"sak-{i}" : null,
        AvtaleId: "avtale-1",
        Avtaleversjon: 2,
        Operasjon: "arbeidstaker-arbeidsforhold",
        Kanal: "API",
        Filtre: "?historikk=true",
        AntallArbeidsforhold: i,
        Beslutning: Revisjonsbeslutning.Tillatt,
        Begrunnelse: null,
        Korrelasjonsid: $"kor-{i}",
        SkjultForPerson: skjult);

    /// <summary>Ten records in three appends.</summary>
    private async Task SkrivTiAsync()
    {
        var lagring = (SqliteLagring)await CliKonfig.AapneStoreAsync(_mappe, Ct);
        await using (lagring)
        {
            var database = lagring.Database;
            var logg = new SqliteRevisjonslogg(database);
            await logg.SkrivAsync([Post(1), Post(2), Post(3)], Ct);
            await logg.SkrivAsync([Post(4)], Ct);
            await logg.SkrivAsync([.. Enumerable.Range(5, 6).Select(i => Post(i))], Ct);
        }
    }

    /// <summary>SQL straight on the file, past the append-only triggers (an attacker with file access drops them).</summary>
    private async Task TuklAsync(string sql)
    {
        SqliteConnection.ClearAllPools();
        await using var tilkobling = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(_mappe, "aareg.db"), Pooling = false }.ToString());
        await tilkobling.OpenAsync(Ct);
        await using var kommando = tilkobling.CreateCommand();
        kommando.CommandText = "DROP TRIGGER IF EXISTS revisjon_ingen_endring; DROP TRIGGER IF EXISTS revisjon_ingen_sletting; " + sql;
        await kommando.ExecuteNonQueryAsync(Ct);
    }

    private async Task<(int Kode, string Tekst)> VerifiserAsync(string? sjekkpunkt = null)
    {
        using var ut = new StringWriter();
        var kode = await RevisjonKommando.VerifiserAsync(_mappe, sjekkpunkt, null, ut, Ct);
        return (kode, ut.ToString());
    }

    [Fact]
    public async Task Written_records_form_a_chain_that_verifies_and_read_back_unchanged()
    {
        await SkrivTiAsync();

        var (kode, tekst) = await VerifiserAsync();
        Assert.Equal(RevisjonKommando.IOrden, kode);
        Assert.Contains("10 poster", tekst, StringComparison.Ordinal);

        var lagring = (SqliteLagring)await CliKonfig.AapneStoreAsync(_mappe, Ct);
        await using (lagring)
        {
            var database = lagring.Database;
            var lest = new List<LagretRevisjon>();
            await foreach (var l in new SqliteRevisjonslogg(database).LesAsync(null, null, Ct))
            {
                lest.Add(l);
            }

            Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), lest.Select(l => l.Sekvensnummer));
            Assert.Equal(Enumerable.Range(1, 10).Select(i => Post(i)), lest.Select(l => l.Post));
        }
    }

    [Fact]
    public async Task Concurrent_writers_share_commits_and_still_form_one_verifiable_chain()
    {
        var lagring = (SqliteLagring)await CliKonfig.AapneStoreAsync(_mappe, Ct);
        await using (lagring)
        {
            var database = lagring.Database;
            var logg = new SqliteRevisjonslogg(database);
            await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
                Task.Run(() => logg.SkrivAsync([.. Enumerable.Range(0, 1 + (i % 3)).Select(j => Post((i * 10) + j))], Ct), Ct)));
        }

        var (kode, tekst) = await VerifiserAsync();
        Assert.Equal(RevisjonKommando.IOrden, kode);
        Assert.Contains($"{Enumerable.Range(0, 200).Sum(i => 1 + (i % 3))} poster", tekst, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_write_that_cannot_be_committed_fails_every_caller_in_its_group()
    {
        await SkrivTiAsync();
        await TuklAsync("DROP TABLE revisjon;");

        var lagring = (SqliteLagring)await CliKonfig.AapneStoreAsync(_mappe, Ct);
        await using (lagring)
        {
            var database = lagring.Database;
            var logg = new SqliteRevisjonslogg(database);
            var skrivinger = Enumerable.Range(0, 5).Select(i => logg.SkrivAsync([Post(100 + i)], Ct)).ToList();
            foreach (var skriving in skrivinger)
            {
                await Assert.ThrowsAsync<SqliteException>(() => skriving);
            }
        }
    }

    [Fact]
    public async Task The_table_refuses_update_and_delete_through_an_ordinary_connection()
    {
        await SkrivTiAsync();
        SqliteConnection.ClearAllPools();
        await using var tilkobling = new SqliteConnection($"Data Source={Path.Combine(_mappe, "aareg.db")};Pooling=False");
        await tilkobling.OpenAsync(Ct);
        foreach (var sql in new[] { "UPDATE revisjon SET formaal = 'x'", "DELETE FROM revisjon" })
        {
            await using var kommando = tilkobling.CreateCommand();
            kommando.CommandText = sql;
            await Assert.ThrowsAsync<SqliteException>(() => kommando.ExecuteNonQueryAsync(Ct));
        }
    }

    [Fact]
    public async Task Verify_catches_an_updated_field()
    {
        await SkrivTiAsync();
        await TuklAsync("UPDATE revisjon SET konsument = '974760673' WHERE sekvensnummer = 6");

        var (kode, tekst) = await VerifiserAsync();
        Assert.Equal(RevisjonKommando.Funn, kode);
        Assert.Contains("Endret: Post 6 er endret", tekst, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_catches_a_deleted_row()
    {
        await SkrivTiAsync();
        await TuklAsync("DELETE FROM revisjon WHERE sekvensnummer = 4");

        var (kode, tekst) = await VerifiserAsync();
        Assert.Equal(RevisjonKommando.Funn, kode);
        Assert.Contains("Fjernet: Post 4 er fjernet", tekst, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_catches_an_inserted_row()
    {
        await SkrivTiAsync();

        // Make room at 3 by renumbering the rest (through negatives: the key is unique), then insert a made-up lookup
        // that links to record 2.
        await TuklAsync("""
            UPDATE revisjon SET sekvensnummer = -sekvensnummer WHERE sekvensnummer >= 3;
            UPDATE revisjon SET sekvensnummer = 1 - sekvensnummer WHERE sekvensnummer < 0;
            INSERT INTO revisjon SELECT 3, tidspunkt, personident, '974760673', databehandler, bruker, formaal, saksreferanse,
                avtale_id, avtaleversjon, operasjon, kanal, filtre, antall_arbeidsforhold, beslutning, begrunnelse,
                korrelasjonsid, skjult_for_person, hash, randomblob(32) FROM revisjon WHERE sekvensnummer = 2;
            """);

        var (kode, tekst) = await VerifiserAsync();
        Assert.Equal(RevisjonKommando.Funn, kode);
        Assert.Contains("Innsatt: Post 3 er satt inn", tekst, StringComparison.Ordinal);
        Assert.Contains("Flyttet: Post 4–11 er flyttet (skrevet som 3 og videre)", tekst, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_catches_two_rows_with_swapped_sequence_numbers()
    {
        await SkrivTiAsync();
        await TuklAsync("""
            UPDATE revisjon SET sekvensnummer = -1 WHERE sekvensnummer = 5;
            UPDATE revisjon SET sekvensnummer = 5 WHERE sekvensnummer = 6;
            UPDATE revisjon SET sekvensnummer = 6 WHERE sekvensnummer = -1;
            """);

        var (kode, tekst) = await VerifiserAsync();
        Assert.Equal(RevisjonKommando.Funn, kode);
        Assert.Contains("Flyttet: Post 5 er flyttet (skrevet som 6)", tekst, StringComparison.Ordinal);
        Assert.Contains("Flyttet: Post 6 er flyttet (skrevet som 5)", tekst, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_checkpoint_catches_a_deleted_tail_that_the_chain_alone_cannot()
    {
        await SkrivTiAsync();
        var fil = Path.Combine(_mappe, "sjekkpunkt.json");
        using (var ut = new StringWriter())
        {
            Assert.Equal(RevisjonKommando.IOrden, await RevisjonKommando.LagSjekkpunktAsync(_mappe, fil, null, ut, TimeProvider.System, Ct));
        }

        Assert.True(File.Exists(RevisjonKommando.OffentligNokkelfil(fil)));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_mappe, Revisjonsnokkel.Filnavn)));
        }
        Assert.Equal(RevisjonKommando.IOrden, (await VerifiserAsync(fil)).Kode);

        // Cut the last three records and the stored checkpoints: the chain that is left is internally consistent.
        await TuklAsync("DELETE FROM revisjon WHERE sekvensnummer > 7; DELETE FROM revisjon_sjekkpunkt;");
        Assert.Equal(RevisjonKommando.IOrden, (await VerifiserAsync()).Kode);

        var (kode, tekst) = await VerifiserAsync(fil);
        Assert.Equal(RevisjonKommando.Funn, kode);
        Assert.Contains("Avkortet: Post 8–10 mangler", tekst, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_newest_stored_checkpoint_is_used_when_no_file_is_given()
    {
        await SkrivTiAsync();
        using (var ut = new StringWriter())
        {
            await RevisjonKommando.LagSjekkpunktAsync(_mappe, Path.Combine(_mappe, "sp.json"), null, ut, TimeProvider.System, Ct);
        }

        await TuklAsync("DELETE FROM revisjon WHERE sekvensnummer = 10;");

        var (kode, tekst) = await VerifiserAsync();
        Assert.Equal(RevisjonKommando.Funn, kode);
        Assert.Contains("Avkortet: Post 10 mangler", tekst, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_checkpoint_with_a_forged_field_is_refused()
    {
        await SkrivTiAsync();
        var fil = Path.Combine(_mappe, "sjekkpunkt.json");
        using (var ut = new StringWriter())
        {
            await RevisjonKommando.LagSjekkpunktAsync(_mappe, fil, null, ut, TimeProvider.System, Ct);
        }

        // Someone who truncated the log lowers the checkpoint to match; the signature no longer holds.
        await File.WriteAllTextAsync(fil, (await File.ReadAllTextAsync(fil, Ct)).Replace("\"sekvensnummer\": 10", "\"sekvensnummer\": 7", StringComparison.Ordinal), Ct);

        var (kode, tekst) = await VerifiserAsync(fil);
        Assert.Equal(RevisjonKommando.Funn, kode);
        Assert.Contains("UgyldigSjekkpunkt", tekst, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tampered_chain_is_not_signed()
    {
        await SkrivTiAsync();
        await TuklAsync("UPDATE revisjon SET formaal = 'annet' WHERE sekvensnummer = 2");
        var fil = Path.Combine(_mappe, "sjekkpunkt.json");
        using var ut = new StringWriter();

        Assert.Equal(RevisjonKommando.Funn, await RevisjonKommando.LagSjekkpunktAsync(_mappe, fil, null, ut, TimeProvider.System, Ct));
        Assert.False(File.Exists(fil));
    }

    [Fact]
    public async Task A_failed_write_throws_so_the_lookup_fails_closed()
    {
        var lagring = (SqliteLagring)await CliKonfig.AapneStoreAsync(_mappe, Ct);
        await using (lagring)
        {
            var database = lagring.Database;
            var logg = new SqliteRevisjonslogg(database);
            await Assert.ThrowsAsync<ArgumentException>(() => logg.SkrivAsync([Post(1) with { Personident = "" }], Ct));

            using (var laan = await database.TaSkriverAsync(Ct))
            {
                await using var kommando = laan.Tilkobling.CreateCommand();
                kommando.CommandText = "ALTER TABLE revisjon RENAME TO revisjon_borte";
                await kommando.ExecuteNonQueryAsync(Ct);
            }

            await Assert.ThrowsAsync<SqliteException>(() => logg.SkrivAsync([Post(1)], Ct));
        }
    }

    [Fact]
    public async Task The_cef_export_writes_one_line_per_record_in_the_time_window()
    {
        await SkrivTiAsync();
        using var ut = new StringWriter();

        var antall = await RevisjonKommando.EksporterCefAsync(
            _mappe, Post(3).Tidspunkt, Post(6).Tidspunkt, ut, Ct);

        var linjer = ut.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, antall);
        Assert.Equal(3, linjer.Length);
        Assert.All(linjer, l => Assert.StartsWith("CEF:0|Aareg|Aareg|1.0|arbeidstaker-arbeidsforhold|Oppslag tillatt: arbeidstaker-arbeidsforhold|3|", l, StringComparison.Ordinal));
        Assert.Contains("cn1=3 ", linjer[0], StringComparison.Ordinal);
        Assert.Contains($"duser={TestMeldinger.Person}", linjer[0], StringComparison.Ordinal);
    }
}
