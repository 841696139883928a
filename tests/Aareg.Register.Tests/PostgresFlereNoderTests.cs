using System.Collections.Concurrent;
using Aareg.Domain.AMelding;
using Aareg.Domain.Tid;
using Aareg.Mottak;
using Aareg.Mottak.Lesing;
using Aareg.Storage;
using Aareg.Storage.Register;
using Aareg.Syntetisk;
using Aareg.Tests.Felles;
using static Aareg.Register.Tests.Meldinger;

namespace Aareg.Register.Tests;

/// <summary>
/// Several service nodes on one PostgreSQL (ADR 0006): each node is its own <see cref="Storage.Postgres.PostgresDatabase"/>
/// (own pools), store and applier, as separate processes would be. Claims go through the database, so the nodes share
/// the queue without applying one opplysningspliktig at once, event numbers stay gap-free across them, and a dead
/// node's claim passes to the others.
/// </summary>
public sealed class PostgresFlereNoderTests(PostgresKlynge klynge)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Lager Postgres => Lager.Postgres(klynge);

    [Fact]
    public async Task Two_nodes_applying_concurrently_apply_every_melding_once_gap_free_and_give_the_register_of_one_node()
    {
        var generator = new Populasjonsgenerator(new GeneratorValg(23, 0.001, 4, new Kalendermaaned(2024, 1), AntallOpplysningspliktige: 40, AntallPersoner: 500));
        var maaneder = generator.Maaneder.Select(m => generator.Meldinger(m).Select(g => g.Leveranse).ToList()).ToList();

        // Intake is split by opplysningspliktig between the nodes (each opplysningspliktig's meldinger keep their
        // order, so both runs accept the same meldinger in the same order per opplysningspliktig); applying is not:
        // both nodes take whatever the shared queue holds, while meldinger are still arriving.
        var alle = maaneder.SelectMany(m => m).Select(l => l.Opplysningspliktig).Distinct().Order(StringComparer.Ordinal).ToList();
        var tilA = alle.Where((_, i) => i % 2 == 0).ToHashSet(StringComparer.Ordinal);

        await using var en = await Registermiljoe.StartAsync(Postgres);
        foreach (var maaned in maaneder)
        {
            await SendAsync(en, maaned);
            await en.Behandler.BehandleAsync(Ct);
        }

        await using var eier = await Registermiljoe.StartAsync(Postgres);
        await using var a = await eier.StartNodeAsync("aareg-node-a");
        await using var b = await eier.StartNodeAsync("aareg-node-b");
        var anvendtAvA = new ConcurrentDictionary<Guid, string>();
        var anvendtAvB = new ConcurrentDictionary<Guid, string>();
        var behandlerA = Behandler(a, anvendtAvA);
        var behandlerB = Behandler(b, anvendtAvB);
        foreach (var maaned in maaneder)
        {
            var inntak = Task.WhenAll(
                Task.Run(() => SendAsync(a, maaned.Where(l => tilA.Contains(l.Opplysningspliktig))), Ct),
                Task.Run(() => SendAsync(b, maaned.Where(l => !tilA.Contains(l.Opplysningspliktig))), Ct));
            await Task.WhenAll(
                Task.Run(() => AnvendTilKoenErTomAsync(behandlerA, inntak), Ct),
                Task.Run(() => AnvendTilKoenErTomAsync(behandlerB, inntak), Ct),
                inntak);
        }

        // Every queued melding applied, and exactly once: each node records only applications it committed.
        var koen = await eier.TellAsync("SELECT COUNT(*) FROM register_ko");
        Assert.Equal(await en.TellAsync("SELECT COUNT(*) FROM register_ko"), koen);
        Assert.Equal(koen, await eier.TellAsync("SELECT COUNT(*) FROM behandlet"));
        Assert.Equal(0, await eier.TellAsync("SELECT COUNT(*) FROM register_ko k WHERE NOT EXISTS (SELECT 1 FROM behandlet b WHERE b.mottaks_id = k.mottaks_id)"));
        Assert.Empty(anvendtAvA.Keys.Intersect(anvendtAvB.Keys));
        Assert.Equal(koen, anvendtAvA.Count + anvendtAvB.Count);
        Assert.Equal(koen, behandlerA.Statistikk.Meldinger + behandlerB.Statistikk.Meldinger);

        // Both nodes applied meldinger of the same opplysningspliktige (in turn, as the months arrived), and the
        // claims kept them apart: no application was refused because the other node had moved the state.
        Assert.NotEmpty(anvendtAvA.Values.Intersect(anvendtAvB.Values));
        Assert.Equal(0, behandlerA.Statistikk.Konflikter + behandlerB.Statistikk.Konflikter);

        // The same versions and events as one node from the same input; events 1..N, ids dense.
        Assert.Equal(await en.TellAsync("SELECT COUNT(*) FROM arbeidsforhold_versjon"), await eier.TellAsync("SELECT COUNT(*) FROM arbeidsforhold_versjon"));
        Assert.Equal(await en.Register.SisteSekvensnummerAsync(Ct), await eier.Register.SisteSekvensnummerAsync(Ct));
        Assert.Equal(await Registerbilde.LagAsync(en), await Registerbilde.LagAsync(eier));
        await KrasjTests.AssertGapFreeAsync(eier);
        Assert.Equal(
            await eier.TellAsync("SELECT COUNT(DISTINCT nav_arbeidsforhold_id) FROM arbeidsforhold_versjon"),
            await eier.TellAsync("SELECT MAX(nav_arbeidsforhold_id) FROM arbeidsforhold_versjon"));
    }

    [Fact]
    public async Task A_claim_excludes_the_other_node_until_its_holder_dies_then_the_other_node_takes_it_over()
    {
        await using var eier = await Registermiljoe.StartAsync(Postgres);
        await using var a = await eier.StartNodeAsync("aareg-node-a");
        await using var b = await eier.StartNodeAsync("aareg-node-b");
        foreach (var melding in Maanedsrekke())
        {
            await eier.SendAsync(melding);
        }

        var krav = Assert.IsType<Registerkrav>(await a.Register.KrevAsync(Ct));
        Assert.Equal(Opplysningspliktig, krav.Opplysningspliktig);
        Assert.Equal(4, krav.Meldinger.Count);

        // While A holds the claim, B finds nothing it may take (the only queued opplysningspliktig is A's).
        Assert.Null(await b.Register.KrevAsync(Ct));
        Assert.Equal(0, await b.Behandler.BehandleAsync(Ct));

        // A dies: the server ends its sessions and with them its claim.
        await AvsluttNodeAsync(eier, "aareg-node-a");
        var overtatt = await VentPaaKravAsync(b);
        Assert.Equal(krav.Meldinger, overtatt.Meldinger);
        await b.Register.FrigiAsync(overtatt);

        Assert.Equal(4, await b.Behandler.BehandleAsync(Ct));
        Assert.Equal(4, await eier.TellAsync("SELECT COUNT(*) FROM behandlet"));
        await KrasjTests.AssertGapFreeAsync(eier);

        // The dead node's own release finds its connection gone and does not fail.
        await a.Register.FrigiAsync(krav);
    }

    [Fact]
    public async Task Node_killed_inside_an_application_leaves_nothing_and_the_other_node_applies_everything_once()
    {
        await using var ren = await Registermiljoe.StartAsync(Postgres);
        await using var eier = await Registermiljoe.StartAsync(Postgres);
        await using var a = await eier.StartNodeAsync("aareg-node-a");
        await using var b = await eier.StartNodeAsync("aareg-node-b");
        foreach (var melding in Maanedsrekke())
        {
            await ren.SendAsync(melding);
            await eier.SendAsync(melding);
        }

        await ren.Behandler.BehandleAsync(Ct);

        // A stops inside its second application (versions written, events not yet), holding the claim and the
        // opplysningspliktig's progress row.
        using var inne = new ManualResetEventSlim();
        using var fortsett = new ManualResetEventSlim();
        var kall = 0;
        a.Feilpunkt = p =>
        {
            if (p == "versjoner" && ++kall == 2)
            {
                inne.Set();
                fortsett.Wait(TimeSpan.FromSeconds(60));
            }
        };
        var anvendelseA = Task.Run(() => a.Behandler.BehandleAsync(Ct), Ct);
        Assert.True(inne.Wait(TimeSpan.FromSeconds(30), Ct), "Node A kom ikke til feilpunktet.");

        await AvsluttNodeAsync(eier, "aareg-node-a");
        var overtatt = await VentPaaKravAsync(b);
        await b.Register.FrigiAsync(overtatt);
        Assert.Equal(3, await b.Behandler.BehandleAsync(Ct));

        // A wakes up on a dead connection: its transaction is gone, nothing of it was committed.
        fortsett.Set();
        await Assert.ThrowsAnyAsync<Exception>(() => anvendelseA);
        Assert.Equal(1, a.Behandler.Statistikk.Meldinger);

        Assert.Equal(4, await eier.TellAsync("SELECT COUNT(*) FROM behandlet"));
        Assert.Equal(await Registerbilde.LagAsync(ren), await Registerbilde.LagAsync(eier));
        await KrasjTests.AssertGapFreeAsync(eier);
        Assert.Equal(
            await ren.TellAsync("SELECT verdi FROM register_sekvens WHERE navn = 'navArbeidsforholdId'"),
            await eier.TellAsync("SELECT verdi FROM register_sekvens WHERE navn = 'navArbeidsforholdId'"));
    }

    /// <summary>Four meldinger of one opplysningspliktig: three months and a replacement of the first.</summary>
    private static Leveranse[] Maanedsrekke() =>
    [
        Lag("m1", "2025-01", null, new Af(Person, "af-1"), new Af(AnnenPerson, "af-2")),
        Lag("m2", "2025-02", null, new Af(Person, "af-1", Prosent: 60m), new Af(AnnenPerson, "af-2")),
        Lag("m1b", "2025-01", "m1", new Af(Person, "af-1"), new Af(AnnenPerson, "af-3")),
        Lag("m3", "2025-03", null, new Af(Person, "af-1", Prosent: 60m), new Af(AnnenPerson, "af-3")),
    ];

    private static async Task SendAsync(Registermiljoe node, IEnumerable<Leveranse> meldinger)
    {
        foreach (var melding in meldinger)
        {
            await node.Mottak.MottaAsync(new Mottaksforespoersel(AMeldingJsonSkriver.TilBytes(melding), Meldingsformat.Json, "test", null, _ => true), Ct);
        }
    }

    /// <summary>A node's applier (two workers) on a store that records which melding it applied, for which opplysningspliktig.</summary>
    private static Registerbehandler Behandler(Registermiljoe node, ConcurrentDictionary<Guid, string> anvendt) =>
        new(
            new SporendeRegisterStore(node.Register, anvendt),
            node.Klokke,
            new RegisterbehandlerValg(Parallellitet: 2),
            new Registerreferanse(node.Folkeregister, node.Enhetsregister));

    /// <summary>
    /// Applies until intake has ended and a pass started after that found nothing it could claim (what is left is
    /// then held by the other node, which applies it before it stops).
    /// </summary>
    private static async Task AnvendTilKoenErTomAsync(Registerbehandler behandler, Task inntak)
    {
        while (true)
        {
            var inntakFerdig = inntak.IsCompleted;
            if (await behandler.BehandleAsync(Ct) == 0)
            {
                if (inntakFerdig)
                {
                    return;
                }

                await Task.Delay(5, Ct);
            }
        }
    }

    /// <summary>Ends every session of a node, as the server does when the node's process dies.</summary>
    private static async Task AvsluttNodeAsync(Registermiljoe eier, string applikasjon)
    {
        await using var kommando = eier.Postgres!.Skriver.CreateCommand(
            "SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()");
        kommando.Parameters.AddWithValue(applikasjon);
        Assert.True((long)(await kommando.ExecuteScalarAsync(Ct))! > 0, "Noden hadde ingen tilkoblinger.");
    }

    /// <summary>The server frees a dead session's locks when its backend has exited: shortly after it was told to.</summary>
    private static async Task<Registerkrav> VentPaaKravAsync(Registermiljoe node)
    {
        var frist = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (await node.Register.KrevAsync(Ct) is { } krav)
            {
                return krav;
            }

            Assert.True(DateTime.UtcNow < frist, "Kravet ble ikke overtatt.");
            await Task.Delay(20, Ct);
        }
    }
}

/// <summary>A register store that records every melding application it committed (mottaksId → opplysningspliktig).</summary>
internal sealed class SporendeRegisterStore(IRegisterStore indre, ConcurrentDictionary<Guid, string> anvendt) : IRegisterStore
{
    public async Task<Anvendelsesoppsummering> AnvendAsync(Anvendelse anvendelse, CancellationToken ct = default)
    {
        var oppsummering = await indre.AnvendAsync(anvendelse, ct);
        Assert.True(anvendt.TryAdd(anvendelse.Melding.MottaksId, anvendelse.Melding.Opplysningspliktig), "Meldingen ble anvendt to ganger.");
        return oppsummering;
    }

    public Task<Registerkrav?> KrevAsync(CancellationToken ct = default) => indre.KrevAsync(ct);

    public Task FrigiAsync(Registerkrav krav) => indre.FrigiAsync(krav);

    public Task<IReadOnlyList<Koelement>> HentGjeldendeAsync(string opplysningspliktig, long tilOgMedKo, CancellationToken ct = default) =>
        indre.HentGjeldendeAsync(opplysningspliktig, tilOgMedKo, ct);

    public Task<IReadOnlyDictionary<Guid, byte[]>> HentInnholdAsync(IReadOnlyCollection<Guid> mottaksIder, CancellationToken ct = default) =>
        indre.HentInnholdAsync(mottaksIder, ct);

    public Task<Registertilstand> HentTilstandAsync(string opplysningspliktig, CancellationToken ct = default) =>
        indre.HentTilstandAsync(opplysningspliktig, ct);

    public Task<Anvendelsesoppsummering> AnvendReavledningAsync(Reavledning reavledning, CancellationToken ct = default) =>
        indre.AnvendReavledningAsync(reavledning, ct);

    public Task<IReadOnlyList<string>> HentOpplysningspliktigeAsync(CancellationToken ct = default) => indre.HentOpplysningspliktigeAsync(ct);

    public Task<IReadOnlyList<LagretArbeidsforhold>> HentForPersonAsync(string ident, DateTimeOffset? kjentPaa = null, Datautvalg? utvalg = null, CancellationToken ct = default) =>
        indre.HentForPersonAsync(ident, kjentPaa, utvalg, ct);

    public Task<LagretArbeidsforhold?> HentAsync(long navArbeidsforholdId, DateTimeOffset? kjentPaa = null, Datautvalg? utvalg = null, CancellationToken ct = default) =>
        indre.HentAsync(navArbeidsforholdId, kjentPaa, utvalg, ct);

    public Task<LagretArbeidsforhold?> HentAsync(Guid navUuid, DateTimeOffset? kjentPaa = null, Datautvalg? utvalg = null, CancellationToken ct = default) =>
        indre.HentAsync(navUuid, kjentPaa, utvalg, ct);

    public Task<IReadOnlyList<LagretArbeidsforhold>> HentVersjonerAsync(long navArbeidsforholdId, CancellationToken ct = default) =>
        indre.HentVersjonerAsync(navArbeidsforholdId, ct);

    public Task<IReadOnlyList<LagretArbeidsforhold>> HentVersjonerAsync(long navArbeidsforholdId, Datautvalg? utvalg, CancellationToken ct = default) =>
        indre.HentVersjonerAsync(navArbeidsforholdId, utvalg, ct);

    public Task<Registerside> HentForOpplysningspliktigAsync(
        string opplysningspliktig,
        string? underenhet,
        int startrad,
        int antall,
        DateTimeOffset? kjentPaa = null,
        Datautvalg? utvalg = null,
        CancellationToken ct = default) =>
        indre.HentForOpplysningspliktigAsync(opplysningspliktig, underenhet, startrad, antall, kjentPaa, utvalg, ct);

    public Task<IReadOnlyList<Registerhendelse>> HentHendelserAsync(long fraSekvensnummer, int antall, CancellationToken ct = default) =>
        indre.HentHendelserAsync(fraSekvensnummer, antall, ct);

    public Task<long> SisteSekvensnummerAsync(CancellationToken ct = default) => indre.SisteSekvensnummerAsync(ct);

    public Task<long> TellUanvendteAsync(CancellationToken ct = default) => indre.TellUanvendteAsync(ct);
}
