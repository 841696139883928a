using System.Data.Common;
using System.Globalization;
using System.Text;
using Aareg.Domain.Kontroller;
using Aareg.Domain.Tid;

namespace Aareg.Storage.Tests;

/// <summary>
/// The behavioural suite for <see cref="IMeldingStore"/> (ARCHITECTURE: one store abstraction, the same suite on both
/// backends). Each backend derives one class; the class name carries the backend into the test names. Tests in a class
/// share one database, so each uses its own opplysningspliktig.
/// </summary>
public abstract class MeldingStoreTests : IAsyncDisposable
{
    private static readonly Kalendermaaned Mars = new(2025, 3);
    private static readonly Kalendermaaned April = new(2025, 4);
    private static long _teller = Random.Shared.Next(10_000_000, 80_000_000);

    private readonly List<IAsyncDisposable> _aapne = [];

    /// <summary>A store on the class's database. Each call is a separate instance; on PostgreSQL a separate node
    /// (its own data source), on SQLite its own connections to the same file.</summary>
    protected abstract Task<(IMeldingStore Store, IAsyncDisposable Eier)> LagNodeAsync();

    protected async Task<IMeldingStore> NodeAsync(bool migrer = true)
    {
        var (store, eier) = await LagNodeAsync();
        _aapne.Add(eier);
        if (migrer)
        {
            await store.MigrerAsync(TestContext.Current.CancellationToken);
        }

        return store;
    }

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected static string NyOpplysningspliktig() =>
        "9" + Interlocked.Increment(ref _teller).ToString("D8", CultureInfo.InvariantCulture);

    protected static NyMelding Melding(
        string opplysningspliktig,
        string meldingsId,
        Kalendermaaned? maaned = null,
        bool avvist = false,
        Guid? erstatter = null,
        string? innhold = null,
        string? idempotensnoekkel = null,
        string avsender = "910000001") =>
        new(
            MottaksId: Guid.NewGuid(),
            Avsender: avsender,
            // Whole microseconds: PostgreSQL's timestamptz resolution.
            Mottatt: new DateTimeOffset(2025, 4, 5, 10, 15, 30, TimeSpan.FromHours(2)).AddTicks(Random.Shared.Next(0, 1_000_000) * 10L),
            Format: "xml",
            Opplysningspliktig: opplysningspliktig,
            Kalendermaaned: maaned ?? Mars,
            MeldingsId: meldingsId,
            ErstatterMeldingsId: null,
            Avvist: avvist,
            Innholdshash: Hash(innhold ?? meldingsId),
            Omfang: new Meldingsomfang(1, 3, 4),
            Avvik: avvist ? [new Avvik("104", Alvorlighetsgrad.Avvisning, "Ugyldig orgnr", "virksomhet[0]/norskIdentifikator", "123")] : [],
            Raa: Encoding.UTF8.GetBytes($"<melding id=\"{meldingsId}\">{innhold}</melding>"),
            Parsed: avvist ? null : Encoding.UTF8.GetBytes($"{{\"meldingsId\":\"{meldingsId}\",\"innhold\":\"{innhold}\"}}"),
            Erstatter: erstatter,
            Idempotensnoekkel: idempotensnoekkel,
            ForespoerselHash: idempotensnoekkel is null ? null : Hash("forespoersel-" + meldingsId),
            Pensjonsinnretninger: avvist ? null : ["938708606", "938708606"]);

    private static byte[] Hash(string tekst) => System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(tekst));

    protected static async Task LagreAsync(IMeldingStore store, NyMelding melding)
    {
        await using var tx = await store.StartMottakAsync(melding.Opplysningspliktig, Ct);
        await tx.LagreAsync(melding, Ct);
        await tx.CommitAsync(Ct);
    }

    [Fact]
    public async Task Migrating_again_is_a_no_op_and_keeps_the_data()
    {
        var store = await NodeAsync();
        var melding = Melding(NyOpplysningspliktig(), "m1");
        await LagreAsync(store, melding);
        var antall = await store.TellAsync(Ct);

        await store.MigrerAsync(Ct);
        var annen = await NodeAsync();

        Assert.Equal(antall, await annen.TellAsync(Ct));
        Assert.NotNull(await annen.HentKvitteringAsync(melding.MottaksId, Ct));
    }

    [Fact]
    public async Task Stored_melding_reads_back_as_its_receipt_with_the_raw_bytes()
    {
        var store = await NodeAsync();
        var melding = Melding(NyOpplysningspliktig(), "m1", innhold: "æøå") with { ErstatterMeldingsId = "m0" };
        await LagreAsync(store, melding);

        var kvittering = await store.HentKvitteringAsync(melding.MottaksId, Ct);

        Assert.NotNull(kvittering);
        Assert.Equal(melding.MottaksId, kvittering.MottaksId);
        Assert.Equal(melding.Avsender, kvittering.Avsender);
        Assert.Equal(melding.Mottatt, kvittering.Mottatt);
        Assert.Equal(melding.Format, kvittering.Format);
        Assert.Equal(melding.Opplysningspliktig, kvittering.Opplysningspliktig);
        Assert.Equal(melding.Kalendermaaned, kvittering.Kalendermaaned);
        Assert.Equal("m1", kvittering.MeldingsId);
        Assert.Equal("m0", kvittering.ErstatterMeldingsId);
        Assert.Equal(Meldingsstatus.Mottatt, kvittering.Status);
        Assert.Equal(Behandlingsstatus.Mottatt, kvittering.Behandlingsstatus);
        Assert.Null(kvittering.ErstattetAv);
        Assert.Equal(melding.Innholdshash, kvittering.Innholdshash);
        Assert.Equal(melding.Omfang, kvittering.Omfang);
        Assert.Empty(kvittering.Avvik);
        Assert.Equal(melding.Raa.ToArray(), await store.HentRaaAsync(melding.MottaksId, Ct));
    }

    [Fact]
    public async Task Rejected_melding_reads_back_as_rejected_and_done_with_its_avvik()
    {
        var store = await NodeAsync();
        var melding = Melding(NyOpplysningspliktig(), "m1", avvist: true);
        await LagreAsync(store, melding);

        var kvittering = await store.HentKvitteringAsync(melding.MottaksId, Ct);

        Assert.NotNull(kvittering);
        Assert.Equal(Meldingsstatus.Avvist, kvittering.Status);
        Assert.Equal(Behandlingsstatus.Behandlet, kvittering.Behandlingsstatus);
        Assert.Equal(melding.Avvik, kvittering.Avvik);
    }

    [Fact]
    public async Task Unparseable_melding_without_opplysningspliktig_is_stored_as_rejected_with_its_raw_bytes()
    {
        var store = await NodeAsync();
        var melding = Melding("uten", "m1", avvist: true) with
        {
            Opplysningspliktig = null,
            Kalendermaaned = null,
            MeldingsId = null,
            Raa = new byte[] { 0x3C, 0x00, 0xFF },
        };

        await using (var tx = await store.StartMottakAsync(null, Ct))
        {
            await tx.LagreAsync(melding, Ct);
            await tx.CommitAsync(Ct);
        }

        var kvittering = await store.HentKvitteringAsync(melding.MottaksId, Ct);
        Assert.NotNull(kvittering);
        Assert.Null(kvittering.Opplysningspliktig);
        Assert.Null(kvittering.Kalendermaaned);
        Assert.Null(kvittering.MeldingsId);
        Assert.Equal(Meldingsstatus.Avvist, kvittering.Status);
        Assert.Equal(new byte[] { 0x3C, 0x00, 0xFF }, await store.HentRaaAsync(melding.MottaksId, Ct));
    }

    [Fact]
    public async Task Unknown_mottaksId_has_no_receipt_and_no_raw_bytes()
    {
        var store = await NodeAsync();

        Assert.Null(await store.HentKvitteringAsync(Guid.NewGuid(), Ct));
        Assert.Null(await store.HentRaaAsync(Guid.NewGuid(), Ct));
    }

    [Fact]
    public async Task Count_grows_by_one_per_stored_melding_accepted_or_rejected()
    {
        var store = await NodeAsync();
        var foer = await store.TellAsync(Ct);
        var o = NyOpplysningspliktig();

        await LagreAsync(store, Melding(o, "m1"));
        await LagreAsync(store, Melding(o, "m2", avvist: true));

        Assert.Equal(foer + 2, await store.TellAsync(Ct));
    }

    [Fact]
    public async Task FinnLik_finds_the_same_content_and_prefers_the_accepted_melding()
    {
        var store = await NodeAsync();
        var o = NyOpplysningspliktig();
        var avvist = Melding(o, "m1", avvist: true, innhold: "a");
        var akseptert = Melding(o, "m1", innhold: "a");
        await LagreAsync(store, avvist);
        await LagreAsync(store, akseptert);

        await using var tx = await store.StartMottakAsync(o, Ct);

        Assert.Equal(akseptert.MottaksId, (await tx.FinnLikAsync(o, "m1", akseptert.Innholdshash, Ct))?.MottaksId);
        Assert.Null(await tx.FinnLikAsync(o, "m1", Hash("noe annet"), Ct));
        Assert.Null(await tx.FinnLikAsync(NyOpplysningspliktig(), "m1", akseptert.Innholdshash, Ct));
    }

    [Fact]
    public async Task FinnLik_finds_a_rejected_melding_when_no_accepted_one_has_the_content()
    {
        var store = await NodeAsync();
        var o = NyOpplysningspliktig();
        var avvist = Melding(o, "m1", avvist: true, innhold: "a");
        await LagreAsync(store, avvist);

        await using var tx = await store.StartMottakAsync(o, Ct);
        var lik = await tx.FinnLikAsync(o, "m1", avvist.Innholdshash, Ct);

        Assert.Equal(avvist.MottaksId, lik?.MottaksId);
        Assert.Equal(Meldingsstatus.Avvist, lik?.Status);
    }

    [Fact]
    public async Task FinnAkseptert_ignores_rejected_meldinger_and_finds_replaced_ones()
    {
        var store = await NodeAsync();
        var o = NyOpplysningspliktig();
        await LagreAsync(store, Melding(o, "avvist", avvist: true));
        var m1 = Melding(o, "m1");
        await LagreAsync(store, m1);
        await LagreAsync(store, Melding(o, "m2", erstatter: m1.MottaksId));

        await using var tx = await store.StartMottakAsync(o, Ct);

        Assert.Null(await tx.FinnAkseptertAsync(o, "avvist", Ct));
        var erstattet = await tx.FinnAkseptertAsync(o, "m1", Ct);
        Assert.Equal(Meldingsstatus.Erstattet, erstattet?.Status);
        Assert.NotNull(erstattet?.ErstattetAv);
    }

    [Fact]
    public async Task A_second_accepted_melding_with_the_same_meldingsId_is_refused()
    {
        var store = await NodeAsync();
        var o = NyOpplysningspliktig();
        await LagreAsync(store, Melding(o, "m1"));
        var foer = await store.TellAsync(Ct);

        await Assert.ThrowsAnyAsync<DbException>(() => LagreAsync(store, Melding(o, "m1", innhold: "annet")));

        Assert.Equal(foer, await store.TellAsync(Ct));
    }

    [Fact]
    public async Task A_rejected_melding_leaves_its_meldingsId_free_and_ids_are_per_opplysningspliktig()
    {
        var store = await NodeAsync();
        var o = NyOpplysningspliktig();
        await LagreAsync(store, Melding(o, "m1", avvist: true));
        await LagreAsync(store, Melding(o, "m1", avvist: true));
        await LagreAsync(store, Melding(o, "m1"));
        await LagreAsync(store, Melding(NyOpplysningspliktig(), "m1"));

        Assert.Equal(3, (await store.HentMaanedAsync(o, Mars, Ct)).Count);
    }

    [Fact]
    public async Task A_melding_is_replaced_only_once_and_the_store_refuses_a_second_replacement()
    {
        var store = await NodeAsync();
        var o = NyOpplysningspliktig();
        var m1 = Melding(o, "m1");
        var m2 = Melding(o, "m2", erstatter: m1.MottaksId);
        await LagreAsync(store, m1);
        await LagreAsync(store, m2);

        // Rule 166-B: even if a caller skipped the check, the store itself refuses the second replacement.
        await Assert.ThrowsAnyAsync<DbException>(() => LagreAsync(store, Melding(o, "m3", erstatter: m1.MottaksId)));

        var kvittering = await store.HentKvitteringAsync(m1.MottaksId, Ct);
        Assert.Equal(Meldingsstatus.Erstattet, kvittering?.Status);
        Assert.Equal(m2.MottaksId, kvittering?.ErstattetAv);
        Assert.Equal(2, (await store.HentMaanedAsync(o, Mars, Ct)).Count);
    }

    [Fact]
    public async Task HentGjeldende_returns_the_parsed_form_of_accepted_meldinger_not_replaced_in_order()
    {
        var store = await NodeAsync();
        var o = NyOpplysningspliktig();
        var m1 = Melding(o, "m1");
        var m3 = Melding(o, "m3");
        var avvist = Melding(o, "avvist", avvist: true);
        var m2 = Melding(o, "m2", erstatter: m1.MottaksId);
        var april = Melding(o, "april", maaned: April);
        foreach (var m in new[] { m1, m3, avvist, m2, april })
        {
            await LagreAsync(store, m);
        }

        await using var tx = await store.StartMottakAsync(o, Ct);
        var gjeldende = await tx.HentGjeldendeAsync(o, Mars, Ct);

        Assert.Equal([m3.MottaksId, m2.MottaksId], gjeldende.Select(g => g.MottaksId));
        Assert.Equal(m3.Parsed!.Value.ToArray(), gjeldende[0].Parsed);
        Assert.Equal(m2.Parsed!.Value.ToArray(), gjeldende[1].Parsed);
    }

    [Fact]
    public async Task Month_view_lists_every_melding_of_the_month_in_order_of_receipt_with_status()
    {
        var store = await NodeAsync();
        var o = NyOpplysningspliktig();
        var m1 = Melding(o, "m1");
        var avvist = Melding(o, "avvist", avvist: true);
        var m2 = Melding(o, "m2", erstatter: m1.MottaksId);
        foreach (var m in new[] { m1, avvist, Melding(o, "april", maaned: April), m2, Melding(NyOpplysningspliktig(), "m1") })
        {
            await LagreAsync(store, m);
        }

        var maaned = await store.HentMaanedAsync(o, Mars, Ct);

        Assert.Equal([m1.MottaksId, avvist.MottaksId, m2.MottaksId], maaned.Select(k => k.MottaksId));
        Assert.Equal([Meldingsstatus.Erstattet, Meldingsstatus.Avvist, Meldingsstatus.Mottatt], maaned.Select(k => k.Status));
        Assert.Empty(await store.HentMaanedAsync(o, new Kalendermaaned(2025, 5), Ct));
    }

    [Fact]
    public async Task Idempotency_key_is_found_in_its_own_and_later_write_units_and_only_for_its_sender()
    {
        var store = await NodeAsync();
        var o = NyOpplysningspliktig();
        var melding = Melding(o, "m1", idempotensnoekkel: "noekkel-1");

        await using (var tx = await store.StartMottakAsync(o, Ct))
        {
            Assert.Null(await tx.FinnIdempotensAsync(melding.Avsender, "noekkel-1", Ct));
            await tx.LagreAsync(melding, Ct);
            Assert.Equal(melding.MottaksId, (await tx.FinnIdempotensAsync(melding.Avsender, "noekkel-1", Ct))?.MottaksId);
            await tx.CommitAsync(Ct);
        }

        await using var senere = await store.StartMottakAsync(o, Ct);
        var funnet = await senere.FinnIdempotensAsync(melding.Avsender, "noekkel-1", Ct);
        Assert.NotNull(funnet);
        Assert.Equal((melding.Avsender, "noekkel-1", melding.MottaksId), (funnet.Avsender, funnet.Noekkel, funnet.MottaksId));
        Assert.Equal(melding.ForespoerselHash, funnet.ForespoerselHash);
        Assert.Null(await senere.FinnIdempotensAsync("999999999", "noekkel-1", Ct));
    }

    [Fact]
    public async Task Disposing_a_write_unit_without_commit_leaves_nothing()
    {
        var store = await NodeAsync();
        var o = NyOpplysningspliktig();
        var m1 = Melding(o, "m1");
        await LagreAsync(store, m1);
        var foer = await store.TellAsync(Ct);
        var m2 = Melding(o, "m2", erstatter: m1.MottaksId, idempotensnoekkel: "noekkel-rulles-tilbake");

        await using (var tx = await store.StartMottakAsync(o, Ct))
        {
            await tx.LagreAsync(m2, Ct);
        }

        Assert.Equal(foer, await store.TellAsync(Ct));
        Assert.Null(await store.HentKvitteringAsync(m2.MottaksId, Ct));
        Assert.Null(await store.HentRaaAsync(m2.MottaksId, Ct));
        Assert.Equal(Meldingsstatus.Mottatt, (await store.HentKvitteringAsync(m1.MottaksId, Ct))?.Status);
        await using var etter = await store.StartMottakAsync(o, Ct);
        Assert.Null(await etter.FinnIdempotensAsync(m2.Avsender, "noekkel-rulles-tilbake", Ct));
        Assert.Null(await etter.FinnAkseptertAsync(o, "m2", Ct));
        // The rollback released the write unit: the same melding can now be stored.
        await etter.LagreAsync(m2, Ct);
        await etter.CommitAsync(Ct);
        Assert.Equal(Meldingsstatus.Erstattet, (await store.HentKvitteringAsync(m1.MottaksId, Ct))?.Status);
    }

    [Fact]
    public async Task Two_nodes_receiving_for_the_same_opplysningspliktig_are_serialised_so_only_one_replaces()
    {
        var node1 = await NodeAsync();
        var node2 = await NodeAsync();
        var o = NyOpplysningspliktig();
        var m1 = Melding(o, "m1");
        await LagreAsync(node1, m1);

        // Each node does what intake does: check the replace-once rule, then write. The pause between check and write
        // would let both pass the check if the write units were not serialised.
        async Task<bool> ErstattAsync(IMeldingStore node, string meldingsId)
        {
            await using var tx = await node.StartMottakAsync(o, Ct);
            var forrige = await tx.FinnAkseptertAsync(o, "m1", Ct);
            if (forrige is null || forrige.Status == Meldingsstatus.Erstattet)
            {
                return false;
            }

            await Task.Delay(150, Ct);
            await tx.LagreAsync(Melding(o, meldingsId, erstatter: forrige.MottaksId), Ct);
            await tx.CommitAsync(Ct);
            return true;
        }

        var resultater = await Task.WhenAll(Task.Run(() => ErstattAsync(node1, "a"), Ct), Task.Run(() => ErstattAsync(node2, "b"), Ct));

        Assert.Single(resultater, erstattet => erstattet);
        var maaned = await node1.HentMaanedAsync(o, Mars, Ct);
        Assert.Equal(2, maaned.Count);
        Assert.Equal(maaned[1].MottaksId, maaned[0].ErstattetAv);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var eier in _aapne)
        {
            await eier.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
