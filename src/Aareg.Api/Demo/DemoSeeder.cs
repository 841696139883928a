using System.Diagnostics;
using Aareg.Domain.Tid;
using Aareg.Mottak;
using Aareg.Mottak.Lesing;
using Aareg.Mottak.Referanse;
using Aareg.Storage;
using Aareg.Storage.Referanse;
using Aareg.Syntetisk;

namespace Aareg.Api.Demo;

/// <summary>
/// Loads a small generated population (about 200 employers, 5,000 persons, 24 months) through the normal intake
/// pipeline when <c>Aareg:Demo:Seed</c> is true (the Development default) and the store is empty, so a newcomer has
/// data to look at. Runs in the background: the service answers while it loads.
/// </summary>
public sealed partial class DemoSeeder(
    IConfiguration konfig,
    IMeldingStore store,
    Mottaksbehandler behandler,
    MottaksInnstillinger innstillinger,
    IReferanseStore referansestore,
    Enhetsregister enhetsregister,
    Folkeregister folkeregister,
    TimeProvider tid,
    ILogger<DemoSeeder> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!konfig.GetValue("Aareg:Demo:Seed", false))
        {
            return;
        }

        if (await store.TellAsync(stoppingToken) > 0)
        {
            LoggIkkeTom(logger);
            return;
        }

        if (!innstillinger.TillatSyntetiske)
        {
            // The demo population uses synthetic idents only; without them every melding would be rejected.
            LoggSyntetiskeAv(logger);
            return;
        }

        var naa = Kalendermaaned.Fra(DateOnly.FromDateTime(tid.GetUtcNow().UtcDateTime));
        var valg = GeneratorValg.Demo(naa.LeggTil(-24));
        var generator = new Populasjonsgenerator(valg);
        var klokke = Stopwatch.StartNew();

        // The population's months are generated first, so the reference data written afterwards knows every unit
        // and identbytte the meldinger mention; it is loaded before the meldinger so the controls use it.
        var meldinger = valg.AlleMaaneder().SelectMany(generator.Meldinger).Select(m => m.Leveranse).ToList();
        await LastReferansedataAsync(generator, stoppingToken);

        int antall = 0, avvist = 0;
        foreach (var leveranse in meldinger)
        {
            var xml = AMeldingXmlSkriver.TilBytes(leveranse);
            var svar = await behandler.MottaAsync(
                new Mottaksforespoersel(xml, Meldingsformat.Xml, "demo", null, _ => true),
                stoppingToken);
            antall++;
            if (svar.Kvittering?.Status == Meldingsstatus.Avvist)
            {
                avvist++;
            }
        }

        LoggFerdig(logger, antall, avvist, klokke.Elapsed.TotalSeconds);
    }

    private async Task LastReferansedataAsync(Populasjonsgenerator generator, CancellationToken ct)
    {
        var mappe = Path.Combine(Path.GetTempPath(), "aareg-demo-referanse-" + Guid.NewGuid().ToString("N"));
        try
        {
            generator.SkrivReferansedata(mappe);
            var enhetsregisterImport = new EnhetsregisterImport(referansestore, tid);
            foreach (var fil in Directory.EnumerateFiles(Path.Combine(mappe, "referanse", "enhetsregisteret"), "*.json").Order(StringComparer.Ordinal))
            {
                await enhetsregisterImport.ImporterFilAsync(fil, ct);
            }

            foreach (var fil in Directory.EnumerateFiles(Path.Combine(mappe, "referanse", "folkeregisteret")))
            {
                await new FolkeregisterImport(referansestore, tid).ImporterFilAsync(fil, ct);
            }

            await folkeregister.LastAsync(ct);
            await enhetsregister.LastAsync(ct);
        }
        finally
        {
            Directory.Delete(mappe, recursive: true);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demodata lastes ikke: lageret er ikke tomt.")]
    private static partial void LoggIkkeTom(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demodata lastes ikke: Aareg:Identer:TillatSyntetiske er av, og demobefolkningen har bare syntetiske identer.")]
    private static partial void LoggSyntetiskeAv(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demodata lastet: {Antall} a-meldinger ({Avvist} avvist med vilje) på {Sekunder:F1} s.")]
    private static partial void LoggFerdig(ILogger logger, int antall, int avvist, double sekunder);
}
