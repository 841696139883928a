using System.Globalization;
using Aareg.Mottak.Referanse;
using Aareg.Storage.Postgres;
using Aareg.Storage.Referanse;
using Aareg.Tests.Felles;

namespace Aareg.Referanse.Tests;

/// <summary>
/// What only the PostgreSQL reference store can show: that its staged, batched import behaves exactly as SQLite's
/// row-by-row one (the same random operations on both, compared after every import), and what several nodes on one
/// database need: imports serialised, the version moving once per commit, and snapshots on other nodes refreshing.
/// Each "node" is its own <see cref="PostgresDatabase"/> (its own data source and pool), as separate processes would be.
/// </summary>
public sealed class PostgresReferanseStoreTests(PostgresKlynge klynge) : IAsyncDisposable
{
    private static readonly DateOnly Dag = new(2024, 6, 15);

    // Small pools, so the operations keep hitting the same units and idents (repeats are where batching could differ).
    private static readonly string[] Orgnr = ["310000000", "310000019", "310000027", "310000035", "310000043", "310000051"];
    private static readonly string[] Identer = ["02029404855", "12106346508", "42109720369", "14076412317", "28906000018"];
    private static readonly string[] Rollekoder = ["DAGL", "LEDE", "INNH"];
    private static readonly string[] Graderinger = ["fortrolig", "strengtFortrolig", "ugradert"];
    private static readonly string[] Feeds = [EnhetsregisterImport.EnheterFeed, EnhetsregisterImport.UnderenheterFeed];

    private readonly List<Func<ValueTask>> _rydd = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(2, 2, 1)]
    [InlineData(3, 3, 2)]
    [InlineData(4, 7, 3)]
    [InlineData(5, 50_000, 1)]
    [InlineData(6, 50_000, 4)]
    [InlineData(7, 50_000, 1_000)]
    [InlineData(8, 5, 1_000)]
    [InlineData(9, 50_000, 1_000)]
    [InlineData(10, 13, 5)]
    public async Task Random_import_operations_give_exactly_what_SQLite_gives_whatever_the_batch_size(int seed, int satsstoerrelse, int kopigrense)
    {
        await using var sqlite = await Referansemiljoe.LagSqliteAsync();
        await using var postgres = await Referansemiljoe.LagPostgresAsync(klynge, satsstoerrelse: satsstoerrelse, kopigrense: kopigrense);
        var tilfeldig = new Random(seed);

        for (var runde = 0; runde < 8; runde++)
        {
            // A later import date each round: a bankruptcy without date must keep the date it was first seen with.
            var importdato = Dag.AddDays(runde * 7);
            var operasjoner = Enumerable.Range(0, 120).Select(_ => Operasjon(tilfeldig)).ToList();
            var commit = tilfeldig.Next(6) != 0;
            await using (var a = await sqlite.Store.StartImportAsync(importdato, Ct))
            await using (var b = await postgres.Store.StartImportAsync(importdato, Ct))
            {
                for (var i = 0; i < operasjoner.Count; i++)
                {
                    var (navn, utfoer) = operasjoner[i];
                    Assert.Equal($"runde {runde}, operasjon {i}, {navn}: {utfoer(a)}", $"runde {runde}, operasjon {i}, {navn}: {utfoer(b)}");
                }

                if (commit)
                {
                    await a.CommitAsync(Ct);
                    await b.CommitAsync(Ct);
                }
            }

            await AssertLikeAsync(sqlite.Store, postgres.Store);
        }
    }

    [Fact]
    public async Task Imports_on_two_nodes_run_one_after_the_other_and_the_second_sees_the_first()
    {
        var (node1, node2) = await ToNoderAsync();

        await using var foerste = await node1.StartImportAsync(Dag, Ct);
        foerste.LagreEnhet(Enhet(Orgnr[0]));

        var andre = Task.Run(async () =>
        {
            await using var import = await node2.StartImportAsync(Dag, Ct);
            var sett = import.HentEnhet(Orgnr[0]);
            import.LagreEnhet(Enhet(Orgnr[1]));
            await import.CommitAsync(Ct);
            return sett;
        }, Ct);

        await Task.Delay(300, Ct);
        Assert.False(andre.IsCompleted);
        await foerste.CommitAsync(Ct);

        // The second import waited for the first and then saw its commit (not a snapshot from before the wait).
        Assert.Equal(Enhet(Orgnr[0]), await andre.WaitAsync(TimeSpan.FromSeconds(10), Ct));
        Assert.Equal(2, await node1.HentVersjonAsync(Ct));
        Assert.Equal(2, (await node2.TellAsync(Ct)).Hovedenheter);
    }

    [Fact]
    public async Task Concurrent_imports_from_many_nodes_each_move_the_version_exactly_once()
    {
        var tilkoblingstreng = await klynge.OpprettDatabaseAsync();
        var databaser = Enumerable.Range(0, 6).Select(_ => new PostgresDatabase(tilkoblingstreng)).ToArray();
        try
        {
            await new PostgresReferanseStore(databaser[0]).MigrerAsync(Ct);
            await Task.WhenAll(databaser.Select((d, i) => Task.Run(async () =>
            {
                var store = new PostgresReferanseStore(d);
                for (var n = 0; n < 5; n++)
                {
                    await using var import = await store.StartImportAsync(Dag, Ct);
                    import.LagreIdentbytte(new Identbytte(Ident(i, n), Identer[0], Dag));
                    import.SettOppdateringsmarkoer(EnhetsregisterImport.EnheterFeed, (i * 10) + n);
                    await import.CommitAsync(Ct);
                }
            }, Ct)));

            var leser = new PostgresReferanseStore(databaser[0]);
            Assert.Equal(30, await leser.HentVersjonAsync(Ct));
            Assert.Equal(30, (await leser.TellAsync(Ct)).Identbytter);
        }
        finally
        {
            foreach (var d in databaser)
            {
                await d.DisposeAsync();
            }

            await klynge.SlettDatabaseAsync(tilkoblingstreng);
        }
    }

    [Fact]
    public async Task A_snapshot_on_another_node_refreshes_once_after_an_import_committed_elsewhere()
    {
        var (node1, node2) = await ToNoderAsync();
        var folkeregister = new Folkeregister(node2);
        var enhetsregister = new Enhetsregister(node2, folkeregister);
        await enhetsregister.LastAsync(Ct);
        await folkeregister.LastAsync(Ct);
        Assert.False(await enhetsregister.OppdaterHvisEndretAsync(Ct));

        await using (var import = await node1.StartImportAsync(Dag, Ct))
        {
            import.LagreEnhet(Enhet(Orgnr[2]));
            import.LagreIdentbytte(new Identbytte(Identer[2], Identer[0], Dag));
            await import.CommitAsync(Ct);
        }

        Assert.True(await enhetsregister.OppdaterHvisEndretAsync(Ct));
        Assert.True(await folkeregister.OppdaterHvisEndretAsync(Ct));
        Assert.NotNull(enhetsregister.Finn(Orgnr[2]));
        Assert.Equal(Identer[0], folkeregister.Kanonisk(Identer[2]));
        Assert.False(await enhetsregister.OppdaterHvisEndretAsync(Ct));
    }

    [Fact]
    public async Task An_import_disposed_without_commit_stores_nothing_and_lets_the_next_import_in()
    {
        var (node1, node2) = await ToNoderAsync();

        await using (var import = await node1.StartImportAsync(Dag, Ct))
        {
            import.LagreEnhet(Enhet(Orgnr[0]));
            import.ErstattRoller(Orgnr[0], [new Rolle("DAGL", Identer[0])]);
            Assert.NotNull(import.HentEnhet(Orgnr[0]));
            import.LagreAdressebeskyttelse(new Adressebeskyttelse(Identer[1], "fortrolig", Dag));
        }

        Assert.Equal(new Referanseomfang(0, 0, 0, 0, 0), await node2.TellAsync(Ct));
        Assert.Equal(0, await node2.HentVersjonAsync(Ct));
        await using var neste = await node2.StartImportAsync(Dag, Ct).WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.Null(neste.HentEnhet(Orgnr[0]));
    }

    [Fact]
    public async Task Every_read_goes_to_the_primary_even_with_a_read_replica_configured()
    {
        // The read connection points at a database without the tables: a replica that has not even replayed the
        // migration yet (a node starting right after deployment). Reference data must still load.
        var primaer = await klynge.OpprettDatabaseAsync();
        var replika = await klynge.OpprettDatabaseAsync();
        try
        {
            await using var database = new PostgresDatabase(primaer, replika);
            var store = new PostgresReferanseStore(database);
            await store.MigrerAsync(Ct);
            await using (var import = await store.StartImportAsync(Dag, Ct))
            {
                import.LagreEnhet(Enhet(Orgnr[0]));
                import.SettOppdateringsmarkoer(EnhetsregisterImport.EnheterFeed, 42);
                await import.CommitAsync(Ct);
            }

            Assert.Equal(1, await store.HentVersjonAsync(Ct));
            Assert.Equal([Orgnr[0]], (await store.LesEnheterAsync(Ct).ToListAsync(Ct)).Select(e => e.Orgnr));
            Assert.Equal(42, await store.HentOppdateringsmarkoerAsync(EnhetsregisterImport.EnheterFeed, Ct));
        }
        finally
        {
            await klynge.SlettDatabaseAsync(primaer);
            await klynge.SlettDatabaseAsync(replika);
        }
    }

    [Fact]
    public async Task A_bulk_file_larger_than_a_batch_with_repeated_units_and_role_sets_keeps_the_last_of_each()
    {
        await using var m = await Referansemiljoe.LagPostgresAsync(klynge, satsstoerrelse: 10, kopigrense: 4);

        // Each unit twice in a row with a new name (a repeat within a batch), and one unit's role set twice in a row:
        // 192 objects, so also many full batches.
        var objekter = Enumerable.Range(0, 95)
            .SelectMany(i => new[] { Hovedenhetjson(Orgnr9(i), $"NAVN {i}"), Hovedenhetjson(Orgnr9(i), $"NYTT {i}") })
            .ToList();
        objekter.InsertRange(51, [Rollejson(Orgnr9(3), "DAGL", Identer[0]), Rollejson(Orgnr9(3), "LEDE", Identer[1])]);
        var r = await m.ImporterEnheterAsync("[" + string.Join(",", objekter) + "]");

        Assert.Equal(190, r.Hovedenheter);
        var lagret = await m.Store.LesEnheterAsync(Ct).ToListAsync(Ct);
        Assert.Equal(95, lagret.Count);
        Assert.All(lagret, e => Assert.StartsWith("NYTT ", e.Navn, StringComparison.Ordinal));
        Assert.Equal([new Rolle("LEDE", Identer[1])], await m.Store.HentRollerForEnhetAsync(Orgnr9(3), Ct));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var rydd in _rydd)
        {
            await rydd();
        }
    }

    private async Task<(PostgresReferanseStore Node1, PostgresReferanseStore Node2)> ToNoderAsync()
    {
        var tilkoblingstreng = await klynge.OpprettDatabaseAsync();
        var d1 = new PostgresDatabase(tilkoblingstreng);
        var d2 = new PostgresDatabase(tilkoblingstreng);
        _rydd.Add(async () =>
        {
            await d1.DisposeAsync();
            await d2.DisposeAsync();
            await klynge.SlettDatabaseAsync(tilkoblingstreng);
        });
        var node1 = new PostgresReferanseStore(d1);
        await node1.MigrerAsync(Ct);
        return (node1, new PostgresReferanseStore(d2));
    }

    private static async Task AssertLikeAsync(IReferanseStore forventet, IReferanseStore faktisk)
    {
        Assert.Equal(await forventet.TellAsync(Ct), await faktisk.TellAsync(Ct));
        Assert.Equal(await forventet.HentVersjonAsync(Ct), await faktisk.HentVersjonAsync(Ct));
        Assert.Equal(await forventet.LesEnheterAsync(Ct).ToListAsync(Ct), await faktisk.LesEnheterAsync(Ct).ToListAsync(Ct));
        Assert.Equal(await forventet.LesIdentbytterAsync(Ct).ToListAsync(Ct), await faktisk.LesIdentbytterAsync(Ct).ToListAsync(Ct));
        Assert.Equal(await forventet.LesAdressebeskyttelserAsync(Ct).ToListAsync(Ct), await faktisk.LesAdressebeskyttelserAsync(Ct).ToListAsync(Ct));
        foreach (var feed in Feeds)
        {
            Assert.Equal(await forventet.HentOppdateringsmarkoerAsync(feed, Ct), await faktisk.HentOppdateringsmarkoerAsync(feed, Ct));
        }

        foreach (var orgnr in Orgnr)
        {
            Assert.Equal(await forventet.HentEnhetAsync(orgnr, Ct), await faktisk.HentEnhetAsync(orgnr, Ct));
            Assert.Equal(await forventet.HentRollerForEnhetAsync(orgnr, Ct), await faktisk.HentRollerForEnhetAsync(orgnr, Ct));
            Assert.Equal(await forventet.HentRollerAsync(Identer, orgnr, Ct), await faktisk.HentRollerAsync(Identer, orgnr, Ct));
            Assert.Equal(await forventet.HentRollerAsync([Identer[0]], orgnr, Ct), await faktisk.HentRollerAsync([Identer[0]], orgnr, Ct));
        }
    }

    /// <summary>One import operation with its arguments drawn now, returning what the operation answered as text.</summary>
    private static (string Navn, Func<IReferanseImport, string> Utfoer) Operasjon(Random t)
    {
        var orgnr = Orgnr[t.Next(Orgnr.Length)];
        var dato = new DateOnly(2020, 1, 1).AddDays(t.Next(4));
        switch (t.Next(100))
        {
            case < 30:
                var konkurs = t.Next(3) == 0;
                var enhet = new Enhet(
                    orgnr,
                    "ENHET " + t.Next(3).ToString(CultureInfo.InvariantCulture),
                    t.Next(2) == 0 ? "AS" : "BEDR",
                    t.Next(2) == 0,
                    t.Next(2) == 0 ? null : Orgnr[t.Next(Orgnr.Length)],
                    t.Next(3) == 0 ? null : dato,
                    t.Next(3) == 0 ? dato.AddDays(10) : null,
                    konkurs,
                    t.Next(2) == 0 ? null : dato.AddDays(t.Next(2)));
                return ("LagreEnhet", i =>
                {
                    i.LagreEnhet(enhet);
                    return string.Empty;
                });
            case < 45:
                var roller = Enumerable.Range(0, t.Next(4))
                    .Select(_ => new Rolle(Rollekoder[t.Next(Rollekoder.Length)], Identer[t.Next(Identer.Length)]))
                    .ToList();
                return ("ErstattRoller", i =>
                {
                    i.ErstattRoller(orgnr, roller);
                    return string.Empty;
                });
            case < 60:
                var bytte = new Identbytte(Identer[t.Next(Identer.Length)], Identer[t.Next(Identer.Length)], dato);
                return ("LagreIdentbytte", i =>
                {
                    i.LagreIdentbytte(bytte);
                    return string.Empty;
                });
            case < 75:
                var beskyttelse = new Adressebeskyttelse(Identer[t.Next(Identer.Length)], Graderinger[t.Next(Graderinger.Length)], dato);
                return ("LagreAdressebeskyttelse", i =>
                {
                    i.LagreAdressebeskyttelse(beskyttelse);
                    return string.Empty;
                });
            case < 83:
                return ("HentEnhet", i => i.HentEnhet(orgnr)?.ToString() ?? "null");
            case < 88:
                return ("SlettEnhet", i => i.SlettEnhet(orgnr, dato).ToString());
            case < 92:
                return ("FjernEnhet", i => i.FjernEnhet(orgnr).ToString());
            case < 96:
                var feed = Feeds[t.Next(Feeds.Length)];
                return ("HentOppdateringsmarkoer", i => i.HentOppdateringsmarkoer(feed)?.ToString(CultureInfo.InvariantCulture) ?? "null");
            default:
                var settFeed = Feeds[t.Next(Feeds.Length)];
                var id = t.NextInt64(1, 1000);
                return ("SettOppdateringsmarkoer", i =>
                {
                    i.SettOppdateringsmarkoer(settFeed, id);
                    return string.Empty;
                });
        }
    }

    private static Enhet Enhet(string orgnr) => new(orgnr, "ENHET " + orgnr, "AS", true, null, Dag, null, false, null);

    private static string Ident(int node, int n) => string.Create(CultureInfo.InvariantCulture, $"{10000000000L + (node * 100) + n}");

    private static string Orgnr9(int i) => string.Create(CultureInfo.InvariantCulture, $"{320000000 + i}");

    private static string Hovedenhetjson(string orgnr, string navn) =>
        $$"""{"organisasjonsnummer":"{{orgnr}}","navn":"{{navn}}","organisasjonsform":{"kode":"AS"},"konkurs":false}""";

    private static string Rollejson(string orgnr, string kode, string ident) =>
        $$"""{"organisasjonsnummer":"{{orgnr}}","rollegrupper":[{"type":{"kode":"X"},"roller":[{"type":{"kode":"{{kode}}"},"person":{"fodselsnummer":"{{ident}}"},"fratraadt":false}]}]}""";

}
