using Aareg.Domain.Tid;
using Aareg.Mottak;
using Aareg.Mottak.Lesing;
using Aareg.Storage;
using Aareg.Syntetisk;
using Aareg.Tests.Felles;

namespace Aareg.Register.Tests;

/// <summary>
/// DOMAIN §6: the register is a deterministic function of the accepted meldinger. Generated months (with additive
/// meldinger, replacements, null-outs and rejected meldinger) give the same register whether they are applied month
/// by month as they arrive, all at once, in parallel, or replayed into an empty store; apart from ids and instants.
/// </summary>
public abstract class AvspillingTests(Lager lager)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<Registermiljoe> StartAsync(RegisterbehandlerValg? valg = null) => Registermiljoe.StartAsync(lager, valg);

    private static readonly Lazy<IReadOnlyList<IReadOnlyList<byte[]>>> Maaneder = new(() =>
    {
        var generator = new Populasjonsgenerator(new GeneratorValg(11, 0.001, 4, new Kalendermaaned(2024, 1), AntallOpplysningspliktige: 30, AntallPersoner: 400));
        return [.. generator.Maaneder.Select(m => (IReadOnlyList<byte[]>)[.. generator.Meldinger(m).Select(g => AMeldingJsonSkriver.TilBytes(g.Leveranse))])];
    });

    private static async Task<int> SendAsync(Registermiljoe m, IEnumerable<byte[]> meldinger)
    {
        var godtatt = 0;
        foreach (var melding in meldinger)
        {
            var svar = await m.Mottak.MottaAsync(new Mottaksforespoersel(melding, Meldingsformat.Json, "test", null, _ => true), Ct);
            godtatt += svar.Kvittering?.Status == Meldingsstatus.Avvist ? 0 : 1;
        }

        return godtatt;
    }

    [Fact]
    public async Task Replaying_all_meldinger_into_an_empty_store_gives_the_same_register_apart_from_ids_and_instants()
    {
        await using var loepende = await StartAsync();
        var godtatt = 0;
        foreach (var maaned in Maaneder.Value)
        {
            godtatt += await SendAsync(loepende, maaned);
            await loepende.Behandler.BehandleAsync(Ct);
        }

        await using var avspilt = await StartAsync();
        await SendAsync(avspilt, Maaneder.Value.SelectMany(m => m));
        Assert.Equal(godtatt, await avspilt.Behandler.BehandleAsync(Ct));

        var bilde = await Registerbilde.LagAsync(loepende);
        Assert.Equal(bilde, await Registerbilde.LagAsync(avspilt));

        // The data exercises the register: many arbeidsforhold, changes and corrections.
        Assert.True(await loepende.TellAsync("SELECT COUNT(*) FROM arbeidsforhold_versjon WHERE nav_versjon > 1") > 10);
        Assert.True(await loepende.TellAsync("SELECT COUNT(*) FROM arbeidsforhold_versjon WHERE bruk_tom IS NULL") > 300);
        Assert.Equal(0, await loepende.TellAsync("SELECT COUNT(*) FROM register_ko k WHERE NOT EXISTS (SELECT 1 FROM behandlet b WHERE b.mottaks_id = k.mottaks_id)"));
        await KrasjTests.AssertGapFreeAsync(avspilt);
    }

    [Fact]
    public async Task Parallel_workers_give_the_same_register_as_one_worker()
    {
        await using var en = await StartAsync();
        await using var to = await StartAsync(new RegisterbehandlerValg(Parallellitet: 3));
        var alle = Maaneder.Value.SelectMany(m => m).ToList();
        await SendAsync(en, alle);
        await SendAsync(to, alle);

        var antall = await en.Behandler.BehandleAsync(Ct);
        Assert.Equal(antall, await to.Behandler.BehandleAsync(Ct));

        Assert.Equal(await Registerbilde.LagAsync(en), await Registerbilde.LagAsync(to));
        await KrasjTests.AssertGapFreeAsync(to);
        Assert.Equal(
            await to.TellAsync("SELECT COUNT(DISTINCT nav_arbeidsforhold_id) FROM arbeidsforhold_versjon"),
            await to.TellAsync("SELECT MAX(nav_arbeidsforhold_id) FROM arbeidsforhold_versjon"));
    }

    [Fact]
    public async Task Crash_at_a_random_point_then_restart_gives_the_register_of_a_clean_run()
    {
        await using var ren = await StartAsync();
        var alle = Maaneder.Value.Take(2).SelectMany(m => m).ToList();
        await SendAsync(ren, alle);
        await ren.Behandler.BehandleAsync(Ct);
        var forventet = await Registerbilde.LagAsync(ren);
        var antall = (int)await ren.TellAsync("SELECT COUNT(*) FROM behandlet");

        var punkter = new[] { "lukket", "versjoner", "hendelser", "foer-commit" };
        var tilfeldig = new Random(5);
        await using var krasj = await StartAsync();
        await SendAsync(krasj, alle);
        for (var runde = 0; runde < 3; runde++)
        {
            var punkt = punkter[tilfeldig.Next(punkter.Length)];
            var etter = tilfeldig.Next(1, Math.Max(2, antall / 4));
            var kall = 0;
            krasj.Feilpunkt = p =>
            {
                if (p == punkt && ++kall == etter)
                {
                    throw new IOException("Simulert krasj");
                }
            };
            await Assert.ThrowsAsync<IOException>(() => krasj.Behandler.BehandleAsync(Ct));
            await krasj.StartPaaNyttAsync();
        }

        await krasj.Behandler.BehandleAsync(Ct);
        Assert.Equal(antall, await krasj.TellAsync("SELECT COUNT(*) FROM behandlet"));
        Assert.Equal(forventet, await Registerbilde.LagAsync(krasj));
        await KrasjTests.AssertGapFreeAsync(krasj);
    }
}

public sealed class SqliteAvspillingTests() : AvspillingTests(Lager.Sqlite);

public sealed class PostgresAvspillingTests(PostgresKlynge klynge) : AvspillingTests(Lager.Postgres(klynge));
