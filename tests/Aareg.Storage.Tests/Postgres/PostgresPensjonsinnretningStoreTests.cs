using Aareg.Storage.Pensjon;
using Aareg.Storage.Postgres;
using Aareg.Tests.Felles;
using Npgsql;

namespace Aareg.Storage.Tests.Postgres;

/// <summary>
/// The pension-institution store suite on a real PostgreSQL; each "node" is its own <see cref="PostgresDatabase"/>.
/// Plus where it reads: the access decision must not lag behind the meldinger.
/// </summary>
public sealed class PostgresPensjonsinnretningStoreTests(PostgresTestdatabase testdatabase)
    : PensjonsinnretningStoreTests, IClassFixture<PostgresTestdatabase>
{
    protected override async Task<(IMeldingStore Meldinger, IPensjonsinnretningStore Pensjon, IAsyncDisposable Eier)> LagNodeAsync()
    {
        var database = new PostgresDatabase(await testdatabase.TilkoblingstrengAsync());
        return (new PostgresMeldingStore(database), new PostgresPensjonsinnretningStore(database), database);
    }

    [Fact]
    public async Task Access_is_read_from_the_primary_not_from_a_replica_that_may_lag()
    {
        var (meldinger, _) = await NodeAsync();
        var o = NyOpplysningspliktig();
        await LagreAsync(meldinger, Melding(o, "m1", "2025-03", ["938708606"]));

        // A read connection string that cannot be reached: the pension store must not need it.
        var streng = await testdatabase.TilkoblingstrengAsync();
        var utilgjengelig = new NpgsqlConnectionStringBuilder(streng) { Database = "finnes_ikke_" + Guid.NewGuid().ToString("N")[..8] }.ConnectionString;
        await using var database = new PostgresDatabase(streng, utilgjengelig);
        var pensjon = new PostgresPensjonsinnretningStore(database);

        Assert.Equal(["2025-03:938708606"], await HentAsync(pensjon, o, "2025-03", "2025-03"));
    }
}
