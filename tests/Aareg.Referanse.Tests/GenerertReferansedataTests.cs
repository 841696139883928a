using System.Text.Json;
using Aareg.Domain.Kodeverk;
using Aareg.Domain.Kontroller;
using Aareg.Domain.Tid;
using Aareg.Syntetisk;
using Aareg.Tests.Felles;

namespace Aareg.Referanse.Tests;

/// <summary>The importers read exactly what the synthetic generator writes (src/Aareg.Syntetisk/FORMATER.md), on each backend.</summary>
public abstract class GenerertReferansedataTests
{
    /// <summary>A fresh, empty store on the derived class's backend.</summary>
    protected abstract Task<Referansemiljoe> LagAsync(DateOnly? idag = null);

    private static readonly Kalendermaaned Foerste = new(2023, 1);

    private static Populasjonsgenerator Generator() =>
        new(new GeneratorValg(7, 0.001, 24, Foerste, AntallOpplysningspliktige: 60, AntallPersoner: 900));

    private static string Fil(string mappe, params string[] deler) => Path.Combine([mappe, "referanse", .. deler]);

    private async Task<Referansemiljoe> MedGenererteFilerAsync(Populasjonsgenerator generator)
    {
        var miljoe = await LagAsync();
        generator.SkrivReferansedata(miljoe.Mappe);
        return miljoe;
    }

    private static async Task ImporterAlleAsync(Referansemiljoe m)
    {
        var ct = TestContext.Current.CancellationToken;
        foreach (var navn in new[] { "enheter.json", "underenheter.json", "roller.json" })
        {
            await m.Enheter.ImporterFilAsync(Fil(m.Mappe, "enhetsregisteret", navn), ct);
        }

        await m.Personer.ImporterFilAsync(Fil(m.Mappe, "folkeregisteret", "hendelser.jsonl"), ct);
        await m.LastAsync();
    }

    [Fact]
    public async Task Imports_every_unit_role_and_event_of_the_generated_files()
    {
        await using var m = await MedGenererteFilerAsync(Generator());
        var ct = TestContext.Current.CancellationToken;

        var enheter = await m.Enheter.ImporterFilAsync(Fil(m.Mappe, "enhetsregisteret", "enheter.json"), ct);
        var underenheter = await m.Enheter.ImporterFilAsync(Fil(m.Mappe, "enhetsregisteret", "underenheter.json"), ct);
        var roller = await m.Enheter.ImporterFilAsync(Fil(m.Mappe, "enhetsregisteret", "roller.json"), ct);
        var personer = await m.Personer.ImporterFilAsync(Fil(m.Mappe, "folkeregisteret", "hendelser.jsonl"), ct);

        using var enheterJson = JsonDocument.Parse(await File.ReadAllBytesAsync(Fil(m.Mappe, "enhetsregisteret", "enheter.json"), ct));
        using var underJson = JsonDocument.Parse(await File.ReadAllBytesAsync(Fil(m.Mappe, "enhetsregisteret", "underenheter.json"), ct));
        using var rollerJson = JsonDocument.Parse(await File.ReadAllBytesAsync(Fil(m.Mappe, "enhetsregisteret", "roller.json"), ct));
        var linjer = await File.ReadAllLinesAsync(Fil(m.Mappe, "folkeregisteret", "hendelser.jsonl"), ct);
        var antallRoller = rollerJson.RootElement.EnumerateArray()
            .SelectMany(e => e.GetProperty("rollegrupper").EnumerateArray())
            .Sum(g => g.GetProperty("roller").GetArrayLength());

        Assert.Equal(enheterJson.RootElement.GetArrayLength(), enheter.Hovedenheter);
        Assert.Equal(0, enheter.Underenheter);
        Assert.Equal(underJson.RootElement.GetArrayLength(), underenheter.Underenheter);
        Assert.Equal(0, underenheter.Hovedenheter);
        Assert.Equal(rollerJson.RootElement.GetArrayLength(), roller.EnheterMedRoller);
        Assert.Equal(antallRoller, roller.Roller);
        Assert.Equal(0, enheter.Avvist + underenheter.Avvist + roller.Avvist);
        Assert.Equal(linjer.Count(l => l.Contains("\"identbytte\"", StringComparison.Ordinal)), personer.Identbytter);
        Assert.Equal(linjer.Count(l => l.Contains("\"adressebeskyttelse\"", StringComparison.Ordinal)), personer.Adressebeskyttelser);
        Assert.True(personer.Adressebeskyttelser >= 2);
        Assert.Equal(0, personer.Avvist);

        var omfang = await m.Store.TellAsync(ct);
        Assert.Equal(enheter.Hovedenheter, omfang.Hovedenheter);
        Assert.Equal(underenheter.Underenheter, omfang.Underenheter);
        Assert.Equal(antallRoller, omfang.Roller);

        await m.LastAsync();
        Assert.True(m.Enhetsregister.ErLastet);
        Assert.Equal(enheter.Hovedenheter + underenheter.Underenheter, m.Enhetsregister.Antall);
    }

    [Fact]
    public async Task Reimporting_the_same_files_changes_nothing()
    {
        await using var m = await MedGenererteFilerAsync(Generator());
        var ct = TestContext.Current.CancellationToken;
        await ImporterAlleAsync(m);
        var foer = await m.Store.TellAsync(ct);
        var enheterFoer = await m.Store.LesEnheterAsync(ct).ToListAsync(ct);
        var bytterFoer = await m.Store.LesIdentbytterAsync(ct).ToListAsync(ct);

        // A later day: a bankruptcy without konkursdato would move if re-import overwrote the first import date.
        m.Tid.Idag = m.Tid.Idag.AddDays(30);
        await ImporterAlleAsync(m);

        Assert.Equal(foer, await m.Store.TellAsync(ct));
        Assert.Equal(enheterFoer, await m.Store.LesEnheterAsync(ct).ToListAsync(ct));
        Assert.Equal(bytterFoer, await m.Store.LesIdentbytterAsync(ct).ToListAsync(ct));
    }

    [Fact]
    public async Task Generated_meldinger_pass_the_Enhetsregisteret_rules_and_ended_employers_have_an_opphoer()
    {
        var generator = Generator();
        await using var m = await MedGenererteFilerAsync(generator);
        await ImporterAlleAsync(m);
        var kontekst = new KontrollKontekst
        {
            Idag = new DateOnly(2025, 1, 15),
            Kodeverk = Kodeverkkatalog.Standard,
            TillatSyntetiske = true,
            Enhetsregister = m.Enhetsregister,
        };

        var meldinger = generator.Meldinger(Foerste).Where(g => !g.ForventetAvvist).ToList();
        Assert.NotEmpty(meldinger);
        foreach (var melding in meldinger)
        {
            var avvik = Kontrollkatalog.Kontroller(melding.Leveranse, kontekst);
            Assert.DoesNotContain(avvik, a => a.Regel is Regelid.Opplysningspliktig or Regelid.Underenhet);
        }

        // Every unit the generator ends carries a date: bankruptcies ERKONK at konkursdato, deletions EROPPH.
        var ct = TestContext.Current.CancellationToken;
        await foreach (var enhet in m.Store.LesEnheterAsync(ct))
        {
            var opphoer = m.Enhetsregister.Opphoer(enhet.Orgnr);
            if (enhet.ErHovedenhet && enhet.Konkurs)
            {
                Assert.Equal(Domain.Register.Enhetsopphoer.Konkurs(enhet.Konkursdato!.Value), opphoer);
            }
            else if (enhet.ErHovedenhet && enhet.Slettedato is { } slettet)
            {
                Assert.Equal(Domain.Register.Enhetsopphoer.Slettet(slettet), opphoer);
            }
            else if (enhet.ErHovedenhet)
            {
                Assert.Null(opphoer);
            }
        }
    }

    [Fact]
    public async Task A_generated_identbytte_resolves_both_ways()
    {
        await using var m = await MedGenererteFilerAsync(Generator());
        await ImporterAlleAsync(m);
        var ct = TestContext.Current.CancellationToken;

        var bytter = await m.Store.LesIdentbytterAsync(ct).ToListAsync(ct);
        Assert.NotEmpty(bytter);
        foreach (var bytte in bytter)
        {
            Assert.Equal(bytte.NyIdent, m.Folkeregister.Kanonisk(bytte.GammelIdent));
            Assert.Equal([(bytte.GammelIdent, false), (bytte.NyIdent, true)], m.Folkeregister.AlleIdenter(bytte.NyIdent));
        }
    }
}

public sealed class SqliteGenerertReferansedataTests : GenerertReferansedataTests
{
    protected override Task<Referansemiljoe> LagAsync(DateOnly? idag = null) => Referansemiljoe.LagSqliteAsync(idag);
}

public sealed class PostgresGenerertReferansedataTests(PostgresKlynge klynge) : GenerertReferansedataTests
{
    protected override Task<Referansemiljoe> LagAsync(DateOnly? idag = null) => Referansemiljoe.LagPostgresAsync(klynge, idag);
}
