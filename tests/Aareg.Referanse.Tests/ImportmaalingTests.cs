using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Aareg.Domain.Tid;
using Aareg.Syntetisk;
using Aareg.Tests.Felles;

namespace Aareg.Referanse.Tests;

/// <summary>
/// A measurement, not a test: imports the generated reference files (<c>aareg generate</c>'s <c>referanse/</c>) into
/// each backend and writes the times to the test output. Explicit, so it never runs by default; no timing is asserted.
/// Run with <c>-method "*Importmaaling*" -explicit only -showliveoutput</c>; the scale is <c>AAREG_MAALING_SKALA</c>
/// (default 0.1; 1 is the generator's national size). The generator writes few Folkeregister events (only the share of
/// the population that changes ident or gets protection), so a synthetic file of <c>AAREG_MAALING_HENDELSER</c> events
/// (default 1,000,000; half identbytter, half adressebeskyttelser) measures a person-scale import as well.
/// </summary>
public sealed class ImportmaalingTests(PostgresKlynge klynge)
{
    [Fact(Explicit = true)]
    public async Task Importmaaling_av_genererte_referansedata()
    {
        var skala = double.TryParse(Environment.GetEnvironmentVariable("AAREG_MAALING_SKALA"), CultureInfo.InvariantCulture, out var s) ? s : 0.1;
        var hendelser = int.TryParse(Environment.GetEnvironmentVariable("AAREG_MAALING_HENDELSER"), CultureInfo.InvariantCulture, out var h) ? h : 1_000_000;
        var ut = TestContext.Current.TestOutputHelper!;
        var mappe = Directory.CreateTempSubdirectory("aareg-maaling-").FullName;
        try
        {
            var klokke = Stopwatch.StartNew();
            new Populasjonsgenerator(new GeneratorValg(1, skala, 1, new Kalendermaaned(2024, 1))).SkrivReferansedata(mappe);
            await SkrivHendelserAsync(Path.Combine(mappe, "referanse", "folkeregisteret", "mange.jsonl"), hendelser);
            await SkrivOppdateringerAsync(
                Path.Combine(mappe, "referanse", "enhetsregisteret", "enheter.json"), Path.Combine(mappe, "referanse", "oppdateringer.json"));
            ut.WriteLine($"Skala {skala}: filene generert på {klokke.Elapsed.TotalSeconds:F1} s");

            await MaalAsync("SQLite", await Referansemiljoe.LagSqliteAsync(), mappe, ut);
            var sats = int.TryParse(Environment.GetEnvironmentVariable("AAREG_MAALING_SATS"), CultureInfo.InvariantCulture, out var n) ? n : (int?)null;
            await MaalAsync("PostgreSQL", await Referansemiljoe.LagPostgresAsync(klynge, satsstoerrelse: sats), mappe, ut);
        }
        finally
        {
            Directory.Delete(mappe, recursive: true);
        }
    }

    private static async Task MaalAsync(string navn, Referansemiljoe m, string mappe, ITestOutputHelper ut)
    {
        await using var _ = m;
        var ct = TestContext.Current.CancellationToken;
        string Fil(params string[] deler) => Path.Combine([mappe, "referanse", .. deler]);

        // First into an empty store (inserts), then the same files again (every row an upsert that hits an existing key).
        foreach (var gang in new[] { "tom", "igjen" })
        {
            foreach (var fil in new[] { "enheter.json", "underenheter.json", "roller.json" })
            {
                var klokke = Stopwatch.StartNew();
                var r = await m.Enheter.ImporterFilAsync(Fil("enhetsregisteret", fil), ct);
                Skriv(ut, navn, gang, fil, r.Hovedenheter + r.Underenheter + r.Roller, klokke.Elapsed);
            }

            foreach (var fil in new[] { "hendelser.jsonl", "mange.jsonl" })
            {
                var klokke = Stopwatch.StartNew();
                var p = await m.Personer.ImporterFilAsync(Fil("folkeregisteret", fil), ct);
                Skriv(ut, navn, gang, fil, p.Identbytter + p.Adressebeskyttelser, klokke.Elapsed);
            }

            // An update-feed page of 10,000 patches: each reads the stored unit inside the import (the worst case for
            // the PostgreSQL import, which merges what it has staged before every read). Once: the cursor skips it after.
            if (gang == "tom")
            {
                var side = Stopwatch.StartNew();
                var o = await m.Enheter.ImporterFilAsync(Fil("oppdateringer.json"), ct);
                Skriv(ut, navn, gang, "oppdateringer.json", o.Endring, side.Elapsed);
            }

            var last = Stopwatch.StartNew();
            await m.LastAsync();
            ut.WriteLine($"{navn,-10} {gang,-5} snapshots lastet ({m.Enhetsregister.Antall:N0} enheter) {last.Elapsed.TotalSeconds:F2} s");
        }
    }

    private static void Skriv(ITestOutputHelper ut, string navn, string gang, string fil, int rader, TimeSpan tid) =>
        ut.WriteLine($"{navn,-10} {gang,-5} {fil,-17} {rader,9:N0} rader {tid.TotalSeconds,6:F2} s {rader / tid.TotalSeconds,10:N0}/s");

    /// <summary>A page of 10,000 <c>Endring</c> updates with a JSON Patch each, for the first units of the bulk file.</summary>
    private static async Task SkrivOppdateringerAsync(string enheter, string sti)
    {
        var orgnr = new List<string>();
        await using (var fil = File.OpenRead(enheter))
        {
            await foreach (var e in JsonSerializer.DeserializeAsyncEnumerable<JsonElement>(fil))
            {
                orgnr.Add(e.GetProperty("organisasjonsnummer").GetString()!);
                if (orgnr.Count == 10_000)
                {
                    break;
                }
            }
        }

        var oppdateringer = orgnr.Select((o, i) => string.Create(
            CultureInfo.InvariantCulture,
            $$"""{"oppdateringsid":{{i + 1}},"dato":"2024-03-01T05:00:00Z","organisasjonsnummer":"{{o}}","endringstype":"Endring","endringer":[{"op":"replace","path":"/navn","value":"NYTT NAVN {{i}}"}]}"""));
        await File.WriteAllTextAsync(sti, """{"_embedded":{"oppdaterteEnheter":[""" + string.Join(",", oppdateringer) + "]}}");
    }

    /// <summary>Synthetic events with made-up idents (starting with 7: no fødselsnummer or D-number does).</summary>
    private static async Task SkrivHendelserAsync(string sti, int antall)
    {
        await using var skriver = new StreamWriter(sti);
        for (var i = 0; i < antall; i++)
        {
            var ident = string.Create(CultureInfo.InvariantCulture, $"{70000000000L + (i * 2L)}");
            var ny = string.Create(CultureInfo.InvariantCulture, $"{70000000001L + (i * 2L)}");
            var dato = new DateOnly(2015, 1, 1).AddDays(i % 3000).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            await skriver.WriteLineAsync(i % 2 == 0
                ? $$"""{"type":"identbytte","gammelIdent":"{{ident}}","nyIdent":"{{ny}}","dato":"{{dato}}"}"""
                : $$"""{"type":"adressebeskyttelse","ident":"{{ident}}","gradering":"fortrolig","dato":"{{dato}}"}""");
        }
    }
}
