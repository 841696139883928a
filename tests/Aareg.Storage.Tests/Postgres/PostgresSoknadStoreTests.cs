using Aareg.Storage.Postgres;
using Aareg.Storage.Tilgang;
using Aareg.Tests.Felles;

namespace Aareg.Storage.Tests.Postgres;

/// <summary>
/// The application and delegation store suite on a real PostgreSQL; each "node" is its own
/// <see cref="PostgresDatabase"/>. Plus what only a multi-writer server can show: two case workers on different nodes
/// deciding (or taking) the same application at once, and revocations that stay revoked.
/// </summary>
public sealed class PostgresSoknadStoreTests(PostgresTestdatabase testdatabase) : SoknadStoreTests, IClassFixture<PostgresTestdatabase>
{
    protected override async Task<(ISoknadStore Soknader, IDelegeringStore Delegeringer, IAsyncDisposable Eier)> LagNodeAsync()
    {
        var database = new PostgresDatabase(await testdatabase.TilkoblingstrengAsync());
        await database.MigrerAsync(Ct);
        return (new PostgresSoknadStore(database), new PostgresDelegeringStore(database), database);
    }

    [Fact]
    public async Task Of_two_decisions_on_one_application_made_at_once_on_two_nodes_exactly_one_wins()
    {
        var (node1, _) = await NodeAsync();
        var (node2, _) = await NodeAsync();
        var orgnr = NyOrganisasjon();
        for (var runde = 0; runde < 25; runde++)
        {
            var soknad = UnderBehandling(orgnr);
            await node1.LagreAsync(soknad, Ct);

            // Both case workers read the application under handling, then decide differently.
            var lest1 = (await node1.HentAsync(soknad.Id, Ct))!;
            var lest2 = (await node2.HentAsync(soknad.Id, Ct))!;
            var innvilget = Avgjort(lest1, Vedtaksutfall.Innvilget, Tid(60), "Z990001");
            var avslaatt = Avgjort(lest2, Vedtaksutfall.Avslaatt, Tid(61), "Z990002");

            var utfall = await Task.WhenAll(ProevAsync(() => node1.LagreAsync(innvilget, Ct)), ProevAsync(() => node2.LagreAsync(avslaatt, Ct)));

            Assert.Single(utfall, u => u is null);
            Assert.IsType<InvalidOperationException>(Assert.Single(utfall, u => u is not null));
            var vinner = utfall[0] is null ? innvilget : avslaatt;
            AssertLik(vinner, await node1.HentAsync(soknad.Id, Ct));
            AssertLik(vinner, await node2.HentAsync(soknad.Id, Ct));
        }
    }

    [Fact]
    public async Task A_decision_submitted_twice_at_once_on_two_nodes_is_stored_once()
    {
        var (node1, _) = await NodeAsync();
        var (node2, _) = await NodeAsync();
        var orgnr = NyOrganisasjon();
        for (var runde = 0; runde < 25; runde++)
        {
            var soknad = UnderBehandling(orgnr);
            await node1.LagreAsync(soknad, Ct);

            // The same decision to the microsecond, by the same case worker: the history alone cannot tell them apart.
            var vedtak = Avgjort(soknad, Vedtaksutfall.Innvilget, Tid(60));
            var utfall = await Task.WhenAll(ProevAsync(() => node1.LagreAsync(vedtak, Ct)), ProevAsync(() => node2.LagreAsync(vedtak, Ct)));

            Assert.Single(utfall, u => u is null);
            Assert.IsType<InvalidOperationException>(Assert.Single(utfall, u => u is not null));
            Assert.Equal(4, (await node1.HentAsync(soknad.Id, Ct))!.Historikk.Count);
        }
    }

    [Fact]
    public async Task Two_case_workers_taking_one_application_at_once_on_two_nodes_exactly_one_wins()
    {
        var (node1, _) = await NodeAsync();
        var (node2, _) = await NodeAsync();
        var orgnr = NyOrganisasjon();
        for (var runde = 0; runde < 25; runde++)
        {
            var sendt = Soknadsregler.MedStatus(Utkast(orgnr), Soknadsstatus.Sendt, Tid(1), Soeker);
            await node1.LagreAsync(sendt, Ct);

            var tatt1 = Soknadsregler.MedStatus(sendt, Soknadsstatus.UnderBehandling, Tid(2), "Z990001");
            var tatt2 = Soknadsregler.MedStatus(sendt, Soknadsstatus.UnderBehandling, Tid(3), "Z990002");
            var utfall = await Task.WhenAll(ProevAsync(() => node1.LagreAsync(tatt1, Ct)), ProevAsync(() => node2.LagreAsync(tatt2, Ct)));

            Assert.Single(utfall, u => u is null);
            var lest = (await node2.HentAsync(sendt.Id, Ct))!;
            Assert.Equal(3, lest.Historikk.Count);
            Assert.Equal(utfall[0] is null ? "Z990001" : "Z990002", lest.Historikk[2].Av);
        }
    }

    [Fact]
    public async Task A_stale_decision_after_another_was_stored_is_refused()
    {
        var (node1, _) = await NodeAsync();
        var (node2, _) = await NodeAsync();
        var soknad = UnderBehandling(NyOrganisasjon());
        await node1.LagreAsync(soknad, Ct);
        var lest = (await node2.HentAsync(soknad.Id, Ct))!;

        var foerste = Avgjort(soknad, Vedtaksutfall.Avslaatt, Tid(60));
        await node1.LagreAsync(foerste, Ct);

        await Assert.ThrowsAsync<InvalidOperationException>(() => node2.LagreAsync(Avgjort(lest, Vedtaksutfall.Innvilget, Tid(61)), Ct));
        AssertLik(foerste, await node2.HentAsync(soknad.Id, Ct));
    }

    [Fact]
    public async Task A_revoked_delegation_is_not_brought_back_by_a_stale_copy_and_the_first_revocation_stands()
    {
        var (_, node1) = await NodeAsync();
        var (_, node2) = await NodeAsync();
        var orgnr = NyOrganisasjon();
        var delegering = Delegering(orgnr, "07078012345", Tid(0));
        await node1.LagreAsync(delegering, Ct);

        var foerste = delegering with { Tilbakekalt = Tid(1), TilbakekaltAv = "01017012345" };
        await node1.LagreAsync(foerste, Ct);
        await node2.LagreAsync(delegering with { Tilbakekalt = Tid(2), TilbakekaltAv = "02027012345" }, Ct);
        await node2.LagreAsync(delegering, Ct);

        Assert.Equal(foerste, await node2.HentAsync(delegering.Id, Ct));
        Assert.Null(await node1.FinnGjeldendeAsync(orgnr, ["07078012345"], Ct));
    }

    private static async Task<Exception?> ProevAsync(Func<Task> handling)
    {
        try
        {
            await Task.Run(handling);
            return null;
        }
        catch (InvalidOperationException e)
        {
            return e;
        }
    }
}
