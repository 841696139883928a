using Aareg.Domain.Tid;
using Aareg.Storage.Postgres;
using Aareg.Tests.Felles;
using Npgsql;

namespace Aareg.Storage.Tests.Postgres;

/// <summary>
/// The melding store suite on a real PostgreSQL; each "node" is its own <see cref="PostgresDatabase"/> (its own data
/// source and pool), as separate API processes would be. Plus what only a multi-writer server can show.
/// </summary>
public sealed class PostgresMeldingStoreTests(PostgresTestdatabase testdatabase) : MeldingStoreTests, IClassFixture<PostgresTestdatabase>
{
    protected override async Task<(IMeldingStore Store, IAsyncDisposable Eier)> LagNodeAsync()
    {
        var database = new PostgresDatabase(await testdatabase.TilkoblingstrengAsync());
        return (new PostgresMeldingStore(database), database);
    }

    [Fact]
    public async Task Receipts_for_different_opplysningspliktige_do_not_wait_for_each_other()
    {
        var node1 = await NodeAsync();
        var node2 = await NodeAsync();
        var o1 = NyOpplysningspliktig();
        var o2 = NyOpplysningspliktig();

        await using var aapen = await node1.StartMottakAsync(o1, Ct);
        await aapen.LagreAsync(Melding(o1, "m1"), Ct);

        // While o1's write unit is open, o2's completes (a lock per opplysningspliktig, not one global writer).
        var annen = Melding(o2, "m1");
        await LagreAsync(node2, annen).WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.NotNull(await node2.HentKvitteringAsync(annen.MottaksId, Ct));

        // And a receipt for o1 on the other node waits until the open one ends.
        var venter = LagreAsync(node2, Melding(o1, "m2"));
        await Task.Delay(300, Ct);
        Assert.False(venter.IsCompleted);
        await aapen.CommitAsync(Ct);
        await venter.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.Equal(2, (await node1.HentMaanedAsync(o1, new Kalendermaaned(2025, 3), Ct)).Count);
    }

    [Fact]
    public async Task Nodes_migrating_a_fresh_database_at_once_apply_each_migration_exactly_once()
    {
        var tilkoblingstreng = await testdatabase.Klynge.OpprettDatabaseAsync();
        try
        {
            var noder = Enumerable.Range(0, 4).Select(_ => new PostgresDatabase(tilkoblingstreng)).ToArray();
            try
            {
                await Task.WhenAll(noder.Select(n => Task.Run(() => n.MigrerAsync(Ct), Ct)));
                await noder[0].MigrerAsync(Ct);

                await using var kommando = noder[0].Skriver.CreateCommand("SELECT versjon, COUNT(*) FROM schema_versjon GROUP BY versjon ORDER BY versjon");
                var versjoner = new List<(int Versjon, long Antall)>();
                await using (var leser = await kommando.ExecuteReaderAsync(Ct))
                {
                    while (await leser.ReadAsync(Ct))
                    {
                        versjoner.Add((leser.GetInt32(0), leser.GetInt64(1)));
                    }
                }

                Assert.NotEmpty(versjoner);
                Assert.Equal(1, versjoner[0].Versjon);
                Assert.All(versjoner, v => Assert.Equal(1, v.Antall));
            }
            finally
            {
                foreach (var n in noder)
                {
                    await n.DisposeAsync();
                }
            }
        }
        finally
        {
            await testdatabase.Klynge.SlettDatabaseAsync(tilkoblingstreng);
        }
    }

    [Fact]
    public async Task Raw_and_parsed_content_is_stored_as_bytea_and_times_as_timestamptz()
    {
        await NodeAsync();
        await using var database = new PostgresDatabase(await testdatabase.TilkoblingstrengAsync());
        await using var kommando = database.Skriver.CreateCommand("""
            SELECT table_name || '.' || column_name || ':' || data_type FROM information_schema.columns
            WHERE (table_name, column_name) IN (('melding_innhold', 'raa'), ('melding_innhold', 'parsed'), ('melding', 'mottatt'), ('melding', 'mottaks_id'))
            ORDER BY 1
            """);
        var kolonner = new List<string>();
        await using var leser = await kommando.ExecuteReaderAsync(Ct);
        while (await leser.ReadAsync(Ct))
        {
            kolonner.Add(leser.GetString(0));
        }

        Assert.Equal(
            ["melding.mottaks_id:uuid", "melding.mottatt:timestamp with time zone", "melding_innhold.parsed:bytea", "melding_innhold.raa:bytea"],
            kolonner);
    }

    [Fact]
    public async Task Separate_read_connection_string_gets_its_own_data_source()
    {
        var streng = await testdatabase.TilkoblingstrengAsync();
        await using var database = new PostgresDatabase(streng, streng);
        Assert.NotSame(database.Skriver, database.Leser);
        await using var enkel = new PostgresDatabase(streng);
        Assert.Same(enkel.Skriver, enkel.Leser);
        Assert.Equal("aareg", new NpgsqlConnectionStringBuilder(enkel.Skriver.ConnectionString).ApplicationName);
    }
}
