using System.Globalization;
using Aareg.Storage.Postgres;
using Aareg.Storage.Tilgang;
using Aareg.Tests.Felles;

namespace Aareg.Storage.Tests.Postgres;

/// <summary>
/// The agreement store suite on a real PostgreSQL; each "node" is its own <see cref="PostgresDatabase"/> (its own
/// data source and pool), as separate API processes would be. Plus what only a multi-writer server can show.
/// </summary>
public sealed class PostgresAvtaleStoreTests(PostgresTestdatabase testdatabase) : AvtaleStoreTests, IClassFixture<PostgresTestdatabase>
{
    protected override async Task<(IAvtaleStore Store, IAsyncDisposable Eier)> LagNodeAsync()
    {
        var database = new PostgresDatabase(await testdatabase.TilkoblingstrengAsync());
        await database.MigrerAsync(Ct);
        return (new PostgresAvtaleStore(database), database);
    }

    [Fact]
    public async Task Nodes_changing_one_agreement_at_once_get_distinct_consecutive_versions()
    {
        var noder = new List<IAvtaleStore>();
        for (var i = 0; i < 4; i++)
        {
            noder.Add(await NodeAsync());
        }

        var id = NyId();
        var konsument = NyKonsument();

        // Some nodes create the agreement at the same moment: one makes version 1, the rest follow it.
        var lagret = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            Task.Run(() => noder[i % noder.Count].LagreNyVersjonAsync(Avtale(id, konsument) with { EndretAv = "Z" + i.ToString(CultureInfo.InvariantCulture) }, Ct), Ct)));

        Assert.Equal(Enumerable.Range(1, 40), lagret.Select(l => l.Versjon).Order());
        Assert.Equal(40, (await noder[0].HentAsync(id, ct: Ct))!.Versjon);
        for (var v = 1; v <= 40; v++)
        {
            Assert.Equal(lagret.Single(l => l.Versjon == v).EndretAv, (await noder[v % noder.Count].HentAsync(id, v, Ct))!.EndretAv);
        }
    }

    [Fact]
    public async Task A_consumer_change_racing_with_a_new_agreement_on_another_node_is_refused()
    {
        var node1 = await NodeAsync();
        var node2 = await NodeAsync();
        var id = NyId();
        var (k1, k2) = (NyKonsument(), NyKonsument());

        var resultater = await Task.WhenAll(
            Fang(() => node1.LagreNyVersjonAsync(Avtale(id, k1), Ct)),
            Fang(() => node2.LagreNyVersjonAsync(Avtale(id, k2), Ct)));

        var vinner = Assert.Single(resultater, r => r.Lagret is not null).Lagret!;
        Assert.IsType<InvalidOperationException>(Assert.Single(resultater, r => r.Feil is not null).Feil);
        var gjeldende = await node1.HentAsync(id, ct: Ct);
        Assert.Equal(1, gjeldende!.Versjon);
        Assert.Equal(vinner.Konsument, gjeldende.Konsument);
    }

    private static async Task<(Avtale? Lagret, Exception? Feil)> Fang(Func<Task<Avtale>> lagre)
    {
        try
        {
            return (await Task.Run(lagre), null);
        }
        catch (InvalidOperationException e)
        {
            return (null, e);
        }
    }
}
