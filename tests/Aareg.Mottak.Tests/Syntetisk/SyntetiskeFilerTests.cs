using System.Security.Cryptography;
using System.Text.Json;
using Aareg.Domain.Identer;
using Aareg.Domain.Tid;
using Aareg.Mottak.Lesing;
using Aareg.Syntetisk;

namespace Aareg.Mottak.Tests.Syntetisk;

public sealed class SyntetiskeFilerTests : IDisposable
{
    private static readonly Kalendermaaned Start = new(2024, 1);
    private static readonly GeneratorValg Smaa = new(42, 0.001, 2, Start, AntallOpplysningspliktige: 60, AntallPersoner: 900);

    private readonly string rot = Path.Combine(Path.GetTempPath(), "aareg-syntetisk-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(rot))
        {
            Directory.Delete(rot, recursive: true);
        }
    }

    [Fact]
    public void Same_options_write_byte_identical_files()
    {
        var a = Path.Combine(rot, "a");
        var b = Path.Combine(rot, "b");
        new Populasjonsgenerator(Smaa).SkrivFiler(a, avbryt: TestContext.Current.CancellationToken);
        new Populasjonsgenerator(Smaa).SkrivFiler(b, avbryt: TestContext.Current.CancellationToken);

        var filerA = Avtrykk(a);
        Assert.Equal(filerA, Avtrykk(b));
        Assert.Contains(filerA.Keys, f => f.StartsWith("2024-01/", StringComparison.Ordinal));
        Assert.Contains(filerA.Keys, f => f.StartsWith("2024-02/", StringComparison.Ordinal));
        Assert.Contains("fasit/2024-02.jsonl", filerA.Keys);
        Assert.Contains("referanse/enhetsregisteret/enheter.json", filerA.Keys);
        Assert.Contains("referanse/enhetsregisteret/underenheter.json", filerA.Keys);
        Assert.Contains("referanse/enhetsregisteret/roller.json", filerA.Keys);
        Assert.Contains("referanse/folkeregisteret/hendelser.jsonl", filerA.Keys);
    }

    [Fact]
    public void Every_file_of_a_month_reads_without_schema_avvik_and_as_the_generated_model()
    {
        var generator = new Populasjonsgenerator(Smaa);
        var modeller = generator.Meldinger(Start).ToDictionary(g => g.Filnavn, g => g.Leveranse);
        var fremdrift = new List<int>();
        var antall = generator.SkrivMaaned(rot, Start, new SynkronProgress(fremdrift.Add), TestContext.Current.CancellationToken);

        var filer = Directory.GetFiles(Path.Combine(rot, "2024-01"), "*.xml");
        Assert.Equal(modeller.Count, antall);
        Assert.Equal(antall, filer.Length);
        Assert.Equal(antall, fremdrift[^1]);
        foreach (var fil in filer)
        {
            using var strom = File.OpenRead(fil);
            var resultat = AMeldingLeser.LesXml(strom, LeseGrenser.Standard);

            Assert.DoesNotContain(resultat.Avvik, a => a.Regel == AMeldingLeser.RegelSkjema);
            Assert.NotNull(resultat.Leveranse);
            var modell = modeller["2024-01/" + Path.GetFileName(fil)];
            Assert.Equal(AMeldingJsonSkriver.TilBytes(modell), AMeldingJsonSkriver.TilBytes(resultat.Leveranse));
        }

        var fasit = File.ReadAllLines(Path.Combine(rot, "fasit", "2024-01.jsonl"));
        Assert.Equal(antall, fasit.Length);
        using var foerste = JsonDocument.Parse(fasit[0]);
        Assert.Equal("2024-01", foerste.RootElement.GetProperty("kalendermaaned").GetString());
    }

    [Fact]
    public void Reference_data_parses_and_links_every_virksomhet_and_person()
    {
        var generator = new Populasjonsgenerator(Smaa);
        generator.SkrivReferansedata(rot);
        var mappe = Path.Combine(rot, "referanse", "enhetsregisteret");
        using var enheter = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(mappe, "enheter.json")));
        using var underenheter = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(mappe, "underenheter.json")));
        using var roller = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(mappe, "roller.json")));

        var hovedenheter = enheter.RootElement.EnumerateArray().ToDictionary(e => e.GetProperty("organisasjonsnummer").GetString()!);
        Assert.All(hovedenheter.Values, e =>
        {
            Assert.True(Organisasjonsnummer.TryParse(e.GetProperty("organisasjonsnummer").GetString(), out _));
            Assert.False(string.IsNullOrEmpty(e.GetProperty("navn").GetString()));
            Assert.False(string.IsNullOrEmpty(e.GetProperty("organisasjonsform").GetProperty("kode").GetString()));
            Assert.True(DateOnly.TryParse(e.GetProperty("registreringsdatoEnhetsregisteret").GetString(), out _));
            _ = e.GetProperty("konkurs").GetBoolean();
        });
        Assert.Contains(hovedenheter.Values, e => e.GetProperty("konkurs").GetBoolean() && e.TryGetProperty("konkursdato", out _));
        Assert.Contains(hovedenheter.Values, e => e.TryGetProperty("slettedato", out _));

        var overordnet = underenheter.RootElement.EnumerateArray().ToDictionary(
            u => u.GetProperty("organisasjonsnummer").GetString()!,
            u => u.GetProperty("overordnetEnhet").GetString()!);
        Assert.All(overordnet, u =>
        {
            Assert.True(Organisasjonsnummer.TryParse(u.Key, out _));
            Assert.Contains(u.Value, hovedenheter.Keys);
        });

        // Every virksomhet of an accepted melding is an underenhet of its opplysningspliktig (no rule 196).
        foreach (var g in generator.Meldinger(Start).Where(g => !g.ForventetAvvist))
        {
            Assert.Contains(g.Leveranse.Opplysningspliktig!, hovedenheter.Keys);
            Assert.All(g.Leveranse.Pensjonsinnretninger, p => Assert.Contains(p, hovedenheter.Keys));
            Assert.All(g.Leveranse.Virksomheter, v => Assert.Equal(g.Leveranse.Opplysningspliktig, overordnet[v.NorskIdentifikator!]));
        }

        var rolleEnheter = roller.RootElement.EnumerateArray().ToList();
        Assert.Equal(hovedenheter.Count - 6, rolleEnheter.Count);
        Assert.All(rolleEnheter, r =>
        {
            Assert.Contains(r.GetProperty("organisasjonsnummer").GetString()!, hovedenheter.Keys);
            var alle = r.GetProperty("rollegrupper").EnumerateArray().SelectMany(g => g.GetProperty("roller").EnumerateArray()).ToList();
            Assert.NotEmpty(alle);
            Assert.All(alle, rolle =>
            {
                Assert.Contains(rolle.GetProperty("type").GetProperty("kode").GetString(), new[] { "DAGL", "LEDE", "KOMP", "DTPR", "DTSO", "BEST", "REPR", "INNH" });
                Assert.True(Personident.TryParse(rolle.GetProperty("person").GetProperty("fodselsnummer").GetString(), true, out _));
            });
        });
    }

    [Fact]
    public void Folkeregister_events_are_json_lines_of_identbytte_and_adressebeskyttelse()
    {
        new Populasjonsgenerator(new GeneratorValg(42, 0.001, 6, Start)).SkrivReferansedata(rot);
        var linjer = File.ReadAllLines(Path.Combine(rot, "referanse", "folkeregisteret", "hendelser.jsonl"));

        var typer = new HashSet<string>();
        foreach (var linje in linjer)
        {
            using var dokument = JsonDocument.Parse(linje);
            var h = dokument.RootElement;
            var type = h.GetProperty("type").GetString()!;
            typer.Add(type);
            Assert.True(DateOnly.TryParse(h.GetProperty("dato").GetString(), out _));
            if (type == "identbytte")
            {
                Assert.True(Personident.TryParse(h.GetProperty("gammelIdent").GetString(), true, out var gammel));
                Assert.True(Personident.TryParse(h.GetProperty("nyIdent").GetString(), true, out var ny));
                Assert.Equal(PersonidentType.Dnr, gammel.Type);
                Assert.Equal(PersonidentType.Fnr, ny.Type);
                Assert.Equal(gammel.Foedselsdato, ny.Foedselsdato);
            }
            else
            {
                Assert.Equal("adressebeskyttelse", type);
                Assert.True(Personident.TryParse(h.GetProperty("ident").GetString(), true, out _));
                Assert.Contains(h.GetProperty("gradering").GetString(), new[] { "fortrolig", "strengtFortrolig", "strengtFortroligUtland" });
            }
        }

        Assert.Equal(["adressebeskyttelse", "identbytte"], typer.Order());
    }

    [Fact]
    public void An_identbytte_in_the_generated_months_changes_the_reported_ident_from_its_month()
    {
        var valg = new GeneratorValg(42, 0.01, 4, Start);
        var generator = new Populasjonsgenerator(valg);
        generator.SkrivReferansedata(rot);
        var bytter = File.ReadAllLines(Path.Combine(rot, "referanse", "folkeregisteret", "hendelser.jsonl"))
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Where(h => h.GetProperty("type").GetString() == "identbytte")
            .Select(h => (Gammel: h.GetProperty("gammelIdent").GetString()!, Ny: h.GetProperty("nyIdent").GetString()!, Dato: DateOnly.Parse(h.GetProperty("dato").GetString()!, System.Globalization.CultureInfo.InvariantCulture)))
            .Where(b => b.Dato >= Start.FoersteDag)
            .ToDictionary(b => b.Gammel);

        var nye = bytter.Values.ToDictionary(b => b.Ny);
        var nyeSett = 0;
        foreach (var m in generator.Maaneder)
        {
            foreach (var ident in generator.Meldinger(m).SelectMany(g => g.Leveranse.Virksomheter).SelectMany(v => v.Inntektsmottakere).Select(i => i.NorskIdentifikator!))
            {
                if (bytter.TryGetValue(ident, out var bytte))
                {
                    Assert.True(m < Kalendermaaned.Fra(bytte.Dato));
                }

                if (nye.TryGetValue(ident, out var ny))
                {
                    Assert.True(m >= Kalendermaaned.Fra(ny.Dato));
                    nyeSett++;
                }
            }
        }

        Assert.True(nyeSett > 0);
    }

    private static SortedDictionary<string, string> Avtrykk(string mappe) =>
        new(Directory.GetFiles(mappe, "*", SearchOption.AllDirectories).ToDictionary(
            f => Path.GetRelativePath(mappe, f).Replace('\\', '/'),
            f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))), StringComparer.Ordinal);

    private sealed class SynkronProgress(Action<int> handling) : IProgress<int>
    {
        public void Report(int value) => handling(value);
    }
}
