using Aareg.Api.Tests.Revisjon;
using Aareg.Cli;
using Aareg.Domain.Revisjon;
using Aareg.Domain.Tid;
using Aareg.Register;
using Aareg.Storage;
using Aareg.Storage.Postgres;
using Aareg.Storage.Register;
using Aareg.Storage.Sqlite;
using Aareg.Storage.Valg;
using Aareg.Syntetisk;
using Aareg.Tests.Felles;
using Microsoft.Data.Sqlite;

namespace Aareg.Api.Tests;

/// <summary>
/// <c>aareg migrate-store</c> (ISSUE 5): a SQLite store with generated meldinger, the register derived from them and
/// an audit chain is moved to an empty PostgreSQL database; afterwards every read answers the same, the chain
/// verifies, and the PostgreSQL store carries on where SQLite stopped (receipts, ids and event numbers continue).
/// </summary>
public sealed class PostgresFlyttingTests(PostgresKlynge klynge) : IAsyncLifetime
{
    private readonly string _mappe = Path.Combine(Path.GetTempPath(), "aareg-flytt-" + Guid.NewGuid().ToString("N"));
    private string? _tilkobling;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _tilkobling = await klynge.OpprettDatabaseAsync();

    public async ValueTask DisposeAsync()
    {
        if (_tilkobling is not null)
        {
            await klynge.SlettDatabaseAsync(_tilkobling);
        }

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

    [Fact]
    public async Task A_moved_store_reads_the_same_verifies_its_audit_chain_and_continues_on_PostgreSQL()
    {
        var filer = Path.Combine(_mappe, "filer");
        new Populasjonsgenerator(new GeneratorValg(11, 0.001, 3, new Kalendermaaned(2025, 1))).SkrivFiler(filer);
        var alle = ImportKommando.FinnFiler(filer);
        var siste = alle.Where(f => f.Contains("2025-03", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);

        // The SQLite store: two months imported and applied, a chain of audit records.
        var sqliteFil = Path.Combine(_mappe, "data", "aareg.db");
        await using (var sqlite = new SqliteLagring(sqliteFil))
        {
            await sqlite.MigrerAsync(Ct);
            await ImportKommando.ImporterAsync(CliKonfig.Behandler(sqlite.Meldinger, tillatSyntetiske: true), [.. alle.Where(f => !siste.Contains(f))], Ct);
            await new Registerbehandler(sqlite.LagRegister(null), TimeProvider.System).BehandleAsync(Ct);
            for (var i = 0; i < 25; i++)
            {
                await sqlite.Revisjonslogg.SkrivAsync([RevisjonsloggTests.Post(i)], Ct);
            }
        }

        SqliteConnection.ClearAllPools();
        await using (var kilde = new SqliteDatabase(sqliteFil))
        await using (var maal = new PostgresDatabase(_tilkobling!))
        {
            var flyttet = await Lagringsflytting.FlyttAsync(kilde, maal, ct: Ct);
            Assert.Contains(flyttet, t => t.Tabell == "melding" && t.Rader > 0);
            Assert.Contains(flyttet, t => t.Tabell == "register_hendelse" && t.Rader > 0);

            // Only into an empty database: a second run refuses and changes nothing.
            var igjen = await Assert.ThrowsAsync<LagringsvalgException>(() => Lagringsflytting.FlyttAsync(kilde, maal, ct: Ct));
            Assert.Contains("ikke tom", igjen.Message, StringComparison.Ordinal);
        }

        await using var foer = new SqliteLagring(sqliteFil);
        await using var etter = new PostgresLagring(_tilkobling!);
        var registerFoer = foer.LagRegister(null);
        var registerEtter = etter.LagRegister(null);

        Assert.Equal(await foer.Meldinger.TellAsync(Ct), await etter.Meldinger.TellAsync(Ct));
        var hendelserFoer = await registerFoer.HentHendelserAsync(1, 100_000, Ct);
        Assert.NotEmpty(hendelserFoer);
        Assert.Equal(Json(hendelserFoer), Json(await registerEtter.HentHendelserAsync(1, 100_000, Ct)));

        var opplysningspliktige = await registerFoer.HentOpplysningspliktigeAsync(Ct);
        Assert.Equal(opplysningspliktige, await registerEtter.HentOpplysningspliktigeAsync(Ct));
        foreach (var op in opplysningspliktige.Take(20))
        {
            var sideFoer = await registerFoer.HentForOpplysningspliktigAsync(op, null, 0, 1000, ct: Ct);
            Assert.Equal(Json(sideFoer), Json(await registerEtter.HentForOpplysningspliktigAsync(op, null, 0, 1000, ct: Ct)));
            foreach (var af in sideFoer.Arbeidsforhold.Take(3))
            {
                var person = af.Arbeidsforhold.Noekkel.Arbeidstaker;
                Assert.Equal(Json(await registerFoer.HentForPersonAsync(person, ct: Ct)), Json(await registerEtter.HentForPersonAsync(person, ct: Ct)));
                var id = af.Arbeidsforhold.NavArbeidsforholdId;
                Assert.Equal(Json(await registerFoer.HentVersjonerAsync(id, Ct)), Json(await registerEtter.HentVersjonerAsync(id, Ct)));
            }
        }

        // The audit chain moved intact (same head, nothing found by the verification).
        Assert.Empty(await Kjedeverifisering.VerifiserAsync(etter.Revisjonsleser.LesKjedeAsync(Ct), null, null, Ct));
        var hodeFoer = await foer.Revisjonsleser.HentHodeAsync(Ct);
        var hodeEtter = await etter.Revisjonsleser.HentHodeAsync(Ct);
        Assert.Equal(hodeFoer!.Sekvensnummer, hodeEtter!.Sekvensnummer);
        Assert.Equal(hodeFoer.Hash, hodeEtter.Hash);

        // Nothing is left to apply: every moved queue row counts as applied on PostgreSQL too.
        Assert.Null(await registerEtter.KrevAsync(Ct));

        // PostgreSQL carries on: the third month goes in, event numbers continue without a gap, the chain grows.
        var sisteHendelse = await registerEtter.SisteSekvensnummerAsync(Ct);
        var import = await ImportKommando.ImporterAsync(CliKonfig.Behandler(etter.Meldinger, tillatSyntetiske: true), [.. siste], Ct);
        Assert.True(import.Mottatt > 0);
        await new Registerbehandler(registerEtter, TimeProvider.System).BehandleAsync(Ct);
        var nye = await registerEtter.HentHendelserAsync(sisteHendelse + 1, 100_000, Ct);
        Assert.NotEmpty(nye);
        Assert.Equal(Enumerable.Range(0, nye.Count).Select(i => sisteHendelse + 1 + i), nye.Select(h => h.Sekvensnummer));
        await etter.Revisjonslogg.SkrivAsync([RevisjonsloggTests.Post(100)], Ct);
        Assert.Empty(await Kjedeverifisering.VerifiserAsync(etter.Revisjonsleser.LesKjedeAsync(Ct), null, null, Ct));
    }

    private static string Json<T>(T verdi) => System.Text.Json.JsonSerializer.Serialize(verdi);
}
