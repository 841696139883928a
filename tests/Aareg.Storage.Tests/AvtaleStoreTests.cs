using System.Globalization;
using Aareg.Storage.Tilgang;

namespace Aareg.Storage.Tests;

/// <summary>
/// The behavioural suite for <see cref="IAvtaleStore"/> (API §7 agreements, versioned), run on both backends. Tests
/// in a class share one database, so each uses its own agreement ids and consumers.
/// </summary>
public abstract class AvtaleStoreTests : IAsyncDisposable
{
    private static long _teller = Random.Shared.Next(10_000_000, 80_000_000);

    private readonly List<IAsyncDisposable> _aapne = [];

    /// <summary>A migrated store on the class's database; on PostgreSQL each call is a separate node.</summary>
    protected abstract Task<(IAvtaleStore Store, IAsyncDisposable Eier)> LagNodeAsync();

    protected async Task<IAvtaleStore> NodeAsync()
    {
        var (store, eier) = await LagNodeAsync();
        _aapne.Add(eier);
        return store;
    }

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected static string NyKonsument() => "8" + Interlocked.Increment(ref _teller).ToString("D8", CultureInfo.InvariantCulture);

    protected static string NyId() => "avt-" + Guid.NewGuid().ToString("N");

    /// <summary>Times in whole microseconds (PostgreSQL's resolution), UTC.</summary>
    protected static Avtale Avtale(string id, string konsument, Avtalestatus status = Avtalestatus.Aktiv, string grunnlag = "oppstartsfil") => new(
        Id: id,
        Versjon: 0,
        Konsument: konsument,
        Status: status,
        Formaal: ["YTELSER", "SAKSBEHANDLING"],
        Dataelementer: ["ansettelsesperiode", "arbeidsforholdIdentifikasjon"],
        Kanaler: [Kanaler.Api, Kanaler.Uttrekk],
        Scopes: ["nav:aareg/v1/arbeidsforhold", "nav:aareg/v1/uttrekk"],
        Databehandler: "971526920",
        GyldigFra: new DateOnly(2025, 1, 1),
        GyldigTil: new DateOnly(2026, 12, 31),
        Otp: false,
        SeAdressebeskyttede: true,
        SkjultForPerson: true,
        SkjultHjemmel: "straffeprosessloven § 210",
        MaksOppslagPerMinutt: 600,
        Endret: new DateTimeOffset(2025, 2, 3, 4, 5, 6, TimeSpan.Zero).AddTicks(Random.Shared.Next(0, 1_000_000) * 10L),
        EndretAv: "Z990001",
        Kontaktpersoner: new Kontaktpersoner(
            new Kontaktperson("Kari Avtale", "+4790000001", "kari@example.no"),
            new Kontaktperson("Ola Endring", "+4790000002", "ola@example.no"),
            new Kontaktperson("Per Feil", null, "per@example.no"),
            null),
        Grunnlag: grunnlag);

    /// <summary>Records with lists compare by reference: compare the stored JSON form instead.</summary>
    protected static void AssertLik(Avtale forventet, Avtale? faktisk)
    {
        Assert.NotNull(faktisk);
        Assert.Equal(
            System.Text.Json.JsonSerializer.Serialize(forventet, TilgangJsonContext.Default.Avtale),
            System.Text.Json.JsonSerializer.Serialize(faktisk, TilgangJsonContext.Default.Avtale));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var eier in _aapne)
        {
            await eier.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task A_new_agreement_is_version_1_and_every_change_the_next_version()
    {
        var store = await NodeAsync();
        var id = NyId();
        var konsument = NyKonsument();

        var foerste = await store.LagreNyVersjonAsync(Avtale(id, konsument), Ct);
        var andre = await store.LagreNyVersjonAsync(Avtale(id, konsument, Avtalestatus.Suspendert, "suspender") with { Versjon = 77 }, Ct);
        var tredje = await store.LagreNyVersjonAsync(Avtale(id, konsument, Avtalestatus.Avsluttet, "avslutt"), Ct);

        Assert.Equal([1, 2, 3], new[] { foerste.Versjon, andre.Versjon, tredje.Versjon });
        Assert.Equal(3, (await store.HentAsync(id, ct: Ct))!.Versjon);
        Assert.Equal(Avtalestatus.Avsluttet, (await store.HentAsync(id, ct: Ct))!.Status);
    }

    [Fact]
    public async Task Every_version_stays_readable_with_all_its_fields()
    {
        var store = await NodeAsync();
        var id = NyId();
        var konsument = NyKonsument();
        var v1 = await store.LagreNyVersjonAsync(Avtale(id, konsument), Ct);
        var v2 = await store.LagreNyVersjonAsync(
            Avtale(id, konsument, Avtalestatus.Suspendert, "suspender") with
            {
                Databehandler = null,
                GyldigTil = null,
                SkjultForPerson = false,
                SkjultHjemmel = null,
                MaksOppslagPerMinutt = null,
                Kontaktpersoner = null,
                Otp = true,
            },
            Ct);

        AssertLik(v1, await store.HentAsync(id, 1, Ct));
        AssertLik(v2, await store.HentAsync(id, 2, Ct));
        AssertLik(v2, await store.HentAsync(id, ct: Ct));
        Assert.Null(await store.HentAsync(id, 3, Ct));
        Assert.Null(await store.HentAsync(NyId(), ct: Ct));
        Assert.Null(await store.HentAsync(NyId(), 1, Ct));
    }

    [Fact]
    public async Task An_agreement_cannot_change_consumer()
    {
        var store = await NodeAsync();
        var id = NyId();
        var konsument = NyKonsument();
        await store.LagreNyVersjonAsync(Avtale(id, konsument), Ct);

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.LagreNyVersjonAsync(Avtale(id, NyKonsument()), Ct));

        var gjeldende = await store.HentAsync(id, ct: Ct);
        Assert.Equal(1, gjeldende!.Versjon);
        Assert.Equal(konsument, gjeldende.Konsument);
    }

    [Fact]
    public async Task Finding_by_consumer_gives_the_current_version_of_each_of_its_agreements_in_any_status()
    {
        var store = await NodeAsync();
        var konsument = NyKonsument();
        var (a, b) = ("a-" + NyId(), "b-" + NyId());
        await store.LagreNyVersjonAsync(Avtale(b, konsument), Ct);
        await store.LagreNyVersjonAsync(Avtale(a, konsument), Ct);
        await store.LagreNyVersjonAsync(Avtale(a, konsument, Avtalestatus.Avsluttet, "avslutt"), Ct);
        await store.LagreNyVersjonAsync(Avtale(NyId(), NyKonsument()), Ct);

        var funnet = await store.FinnForKonsumentAsync(konsument, Ct);

        Assert.Equal([a, b], funnet.Select(f => f.Id));
        Assert.Equal([2, 1], funnet.Select(f => f.Versjon));
        Assert.Equal([Avtalestatus.Avsluttet, Avtalestatus.Aktiv], funnet.Select(f => f.Status));
        Assert.Empty(await store.FinnForKonsumentAsync(NyKonsument(), Ct));
    }

    [Fact]
    public async Task A_write_is_seen_at_once_by_the_store_that_wrote_it()
    {
        var store = await NodeAsync();
        var konsument = NyKonsument();
        var id = NyId();
        await store.LagreNyVersjonAsync(Avtale(id, konsument), Ct);
        Assert.Equal(Avtalestatus.Aktiv, Assert.Single(await store.FinnForKonsumentAsync(konsument, Ct)).Status);

        // The lookup path answers from a snapshot; suspending must not wait for it to expire.
        await store.LagreNyVersjonAsync(Avtale(id, konsument, Avtalestatus.Suspendert, "suspender"), Ct);

        Assert.Equal(Avtalestatus.Suspendert, Assert.Single(await store.FinnForKonsumentAsync(konsument, Ct)).Status);
    }

    [Fact]
    public async Task A_change_through_another_store_on_the_same_database_is_seen_within_seconds()
    {
        var store = await NodeAsync();
        var annen = await NodeAsync();
        var konsument = NyKonsument();
        var id = NyId();
        await store.LagreNyVersjonAsync(Avtale(id, konsument), Ct);
        Assert.Single(await store.FinnForKonsumentAsync(konsument, Ct));

        await annen.LagreNyVersjonAsync(Avtale(id, konsument, Avtalestatus.Suspendert, "suspender"), Ct);

        var frist = DateTime.UtcNow.AddSeconds(15);
        while (Assert.Single(await store.FinnForKonsumentAsync(konsument, Ct)).Status != Avtalestatus.Suspendert)
        {
            Assert.True(DateTime.UtcNow < frist, "Endringen fra den andre noden ble ikke sett.");
            await Task.Delay(200, Ct);
        }

        // Reading one agreement is never stale.
        Assert.Equal(2, (await store.HentAsync(id, ct: Ct))!.Versjon);
    }

    [Fact]
    public async Task The_list_holds_current_versions_by_consumer_then_id()
    {
        var store = await NodeAsync();
        var (k1, k2) = (NyKonsument(), NyKonsument());
        var (a, b, c) = ("a-" + NyId(), "b-" + NyId(), "c-" + NyId());
        await store.LagreNyVersjonAsync(Avtale(c, k1), Ct);
        await store.LagreNyVersjonAsync(Avtale(b, k2), Ct);
        await store.LagreNyVersjonAsync(Avtale(a, k1), Ct);
        await store.LagreNyVersjonAsync(Avtale(a, k1, Avtalestatus.Suspendert, "suspender"), Ct);

        var liste = await store.ListAsync(Ct);
        var mine = liste.Where(x => x.Konsument == k1 || x.Konsument == k2).ToList();

        Assert.Equal([a, c, b], mine.Select(x => x.Id));
        Assert.Equal([2, 1, 1], mine.Select(x => x.Versjon));
        Assert.Equal(
            liste.Select(x => (x.Konsument, x.Id)).ToList(),
            [.. liste.Select(x => (x.Konsument, x.Id)).OrderBy(x => x.Konsument, StringComparer.Ordinal).ThenBy(x => x.Id, StringComparer.Ordinal)]);
    }

    [Fact]
    public async Task Concurrent_changes_through_one_store_get_distinct_consecutive_versions()
    {
        var store = await NodeAsync();
        var id = NyId();
        var konsument = NyKonsument();

        var lagret = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Task.Run(() => store.LagreNyVersjonAsync(Avtale(id, konsument) with { EndretAv = "Z" + i.ToString(CultureInfo.InvariantCulture) }, Ct), Ct)));

        Assert.Equal(Enumerable.Range(1, 20), lagret.Select(l => l.Versjon).Order());
        for (var v = 1; v <= 20; v++)
        {
            var versjon = await store.HentAsync(id, v, Ct);
            Assert.Equal(lagret.Single(l => l.Versjon == v).EndretAv, versjon!.EndretAv);
        }
    }
}
