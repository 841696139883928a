using System.Text.Json;
using Aareg.Cli;
using Aareg.Domain.Tid;
using Aareg.Storage;
using Aareg.Syntetisk;

namespace Aareg.Api.Tests;

public sealed class KommandolinjeTests : IDisposable
{
    private readonly string _mappe = Path.Combine(Path.GetTempPath(), "aareg-cli-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
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
    public async Task Generated_months_import_through_the_pipeline_and_reject_exactly_the_meldinger_the_answer_key_expects()
    {
        var filer = Path.Combine(_mappe, "filer");
        var generator = new Populasjonsgenerator(new GeneratorValg(7, 0.001, 2, new Kalendermaaned(2025, 1)));
        generator.SkrivFiler(filer);
        var fasit = Directory.EnumerateFiles(Path.Combine(filer, "fasit"))
            .SelectMany(File.ReadLines)
            .Select(l => JsonDocument.Parse(l).RootElement)
            .ToDictionary(e => e.GetProperty("filnavn").GetString()!.Replace('/', Path.DirectorySeparatorChar), e => e.GetProperty("forventetAvvist").GetBoolean());

        var importfiler = ImportKommando.FinnFiler(filer);
        Assert.Equal(fasit.Count, importfiler.Count);

        var lagring = await CliKonfig.AapneStoreAsync(Path.Combine(_mappe, "data"), TestContext.Current.CancellationToken);
        await using (lagring)
        {
            var store = lagring.Meldinger;
            var sammendrag = await ImportKommando.ImporterAsync(CliKonfig.Behandler(store, tillatSyntetiske: true), importfiler, TestContext.Current.CancellationToken);

            Assert.Equal(fasit.Count(f => f.Value), sammendrag.Avvist);
            Assert.Equal(fasit.Count(f => !f.Value), sammendrag.Mottatt);
            Assert.Equal(0, sammendrag.Gjentatt);
            Assert.Equal(fasit.Count, await store.TellAsync(TestContext.Current.CancellationToken));

            // A second import of the same files changes nothing: every melding is recognised as already received.
            var igjen = await ImportKommando.ImporterAsync(CliKonfig.Behandler(store, tillatSyntetiske: true), importfiler, TestContext.Current.CancellationToken);
            Assert.Equal(fasit.Count, igjen.Gjentatt);
            Assert.Equal(fasit.Count, await store.TellAsync(TestContext.Current.CancellationToken));
        }
    }

    [Fact]
    public async Task In_the_production_profile_synthetic_idents_are_not_accepted()
    {
        var filer = Path.Combine(_mappe, "filer");
        new Populasjonsgenerator(new GeneratorValg(3, 0.001, 1, new Kalendermaaned(2025, 6))).SkrivFiler(filer);
        var lagring = await CliKonfig.AapneStoreAsync(Path.Combine(_mappe, "data"), TestContext.Current.CancellationToken);
        await using (lagring)
        {
            var store = lagring.Meldinger;
            var en = ImportKommando.FinnFiler(filer).First(f => f.Contains("0000002_", StringComparison.Ordinal));
            var sammendrag = await ImportKommando.ImporterAsync(CliKonfig.Behandler(store, tillatSyntetiske: false), [en], TestContext.Current.CancellationToken);
            var kvittering = (await store.HentMaanedAsync(Path.GetFileNameWithoutExtension(en).Split('_')[1].Split('-')[0], new Kalendermaaned(2025, 6), TestContext.Current.CancellationToken)).Single();

            Assert.Equal(1, sammendrag.Mottatt + sammendrag.Avvist);
            Assert.Contains(kvittering.Avvik, a => a.Regel == "identitet");
        }
    }
}
