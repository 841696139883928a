using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Aareg.Api.Tests.Oppslag;
using Aareg.Tests.Felles;
using Npgsql;

namespace Aareg.Api.Tests;

/// <summary>
/// The service with lookups on a streaming replica (<c>ConnectionStrings:AaregLes</c>, ISSUE 5): the replica is made by
/// the test cluster with pg_basebackup. Pausing the replica's replay shows where each read goes: while it is paused a
/// new arbeidsforhold is on the primary (its receipt, read from the primary, says it was applied) but the lookup does
/// not see it yet; once replay resumes the lookup finds it.
/// </summary>
public sealed class PostgresReplikaTests(PostgresKlynge klynge) : IAsyncLifetime
{
    private const string PersonSti = "/api/v2/arbeidstaker/arbeidsforhold";
    private readonly AaregFabrikk _fabrikk = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await _fabrikk.BrukPostgresAsync(klynge, lesFraReplika: true);

    public async ValueTask DisposeAsync()
    {
        await _fabrikk.DisposeAsync();
    }

    [Fact]
    public async Task Lookups_are_served_from_the_replica_and_receipts_from_the_primary()
    {
        var replika = _fabrikk.Innstillinger["ConnectionStrings:AaregLes"]!;
        Assert.NotEqual(
            new NpgsqlConnectionStringBuilder(_fabrikk.Tilkoblingstreng).Port,
            new NpgsqlConnectionStringBuilder(replika).Port);

        using var mottak = await _fabrikk.KlientAsync(Oppslagsregister.Mottaksscope, consumer: TestMeldinger.Opplysningspliktig);
        using var oppslag = await _fabrikk.KlientAsync(Oppslagsregister.Oppslagsscope, consumer: Oppslagsregister.Konsument);
        var start = new DateOnly(2020, 1, 1);
        await Oppslagsregister.SendOgVentAsync(mottak, Oppslagsregister.Melding(
            "r-1", "2025-02", TestMeldinger.Opplysningspliktig, (TestMeldinger.Virksomhet, TestMeldinger.Person, Oppslagsregister.Af("af-1", start))));
        Assert.Equal(["af-1"], await VentPaaAsync(oppslag, ids => ids.Count == 1));

        await using var replikaforbindelse = new NpgsqlConnection(replika);
        await replikaforbindelse.OpenAsync(Ct);
        Assert.True((bool)(await new NpgsqlCommand("SELECT pg_is_in_recovery()", replikaforbindelse).ExecuteScalarAsync(Ct))!);
        await new NpgsqlCommand("SELECT pg_wal_replay_pause()", replikaforbindelse).ExecuteNonQueryAsync(Ct);
        try
        {
            // Applied on the primary (SendOgVentAsync reads the receipt, which comes from the primary) ...
            await Oppslagsregister.SendOgVentAsync(mottak, Oppslagsregister.Melding(
                "r-2", "2025-03", TestMeldinger.Opplysningspliktig,
                (TestMeldinger.Virksomhet, TestMeldinger.Person, Oppslagsregister.Af("af-1", start)),
                (TestMeldinger.Virksomhet, TestMeldinger.Person, Oppslagsregister.Af("af-2", start))));

            // ... but not yet visible to lookups, which read the paused replica.
            await Task.Delay(300, Ct);
            Assert.Equal(["af-1"], await ArbeidsforholdIderAsync(oppslag));
        }
        finally
        {
            await new NpgsqlCommand("SELECT pg_wal_replay_resume()", replikaforbindelse).ExecuteNonQueryAsync(CancellationToken.None);
        }

        Assert.Equal(["af-1", "af-2"], await VentPaaAsync(oppslag, ids => ids.Count == 2));
    }

    private static async Task<List<string>> VentPaaAsync(HttpClient oppslag, Func<List<string>, bool> ferdig)
    {
        for (var forsoek = 0; ; forsoek++)
        {
            var ids = await ArbeidsforholdIderAsync(oppslag);
            if (ferdig(ids) || forsoek == 200)
            {
                return ids;
            }

            await Task.Delay(50, Ct);
        }
    }

    private static async Task<List<string>> ArbeidsforholdIderAsync(HttpClient oppslag)
    {
        using var forespoersel = new HttpRequestMessage(HttpMethod.Get, PersonSti);
        forespoersel.Headers.Add("Nav-Personident", TestMeldinger.Person);
        forespoersel.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var svar = await oppslag.SendAsync(forespoersel, Ct);
        Assert.Equal(HttpStatusCode.OK, svar.StatusCode);
        var liste = JsonNode.Parse(await svar.Content.ReadAsStringAsync(Ct))!.AsArray();
        return [.. liste.Select(a => a!["id"]!.GetValue<string>()).Order(StringComparer.Ordinal)];
    }
}
