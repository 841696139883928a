using System.Globalization;
using System.Text.Json;
using Aareg.Storage.Tilgang;

namespace Aareg.Storage.Tests;

/// <summary>
/// The behavioural suite for <see cref="ISoknadStore"/> and <see cref="IDelegeringStore"/> (API §7 applications and
/// delegations), run on both backends. Tests in a class share one database, so each uses its own organisation.
/// </summary>
public abstract class SoknadStoreTests : IAsyncDisposable
{
    protected const string Soeker = "01017012345";
    protected const string Saksbehandler = "Z990001";

    private static long _teller = Random.Shared.Next(10_000_000, 80_000_000);

    private readonly List<IAsyncDisposable> _aapne = [];

    /// <summary>Migrated stores on the class's database; on PostgreSQL each call is a separate node.</summary>
    protected abstract Task<(ISoknadStore Soknader, IDelegeringStore Delegeringer, IAsyncDisposable Eier)> LagNodeAsync();

    protected async Task<(ISoknadStore Soknader, IDelegeringStore Delegeringer)> NodeAsync()
    {
        var (soknader, delegeringer, eier) = await LagNodeAsync();
        _aapne.Add(eier);
        return (soknader, delegeringer);
    }

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected static string NyOrganisasjon() => "9" + Interlocked.Increment(ref _teller).ToString("D8", CultureInfo.InvariantCulture);

    /// <summary>A time in whole microseconds (PostgreSQL's resolution), UTC, <paramref name="minutter"/> after a fixed start.</summary>
    protected static DateTimeOffset Tid(int minutter) =>
        new DateTimeOffset(2025, 5, 6, 7, 8, 9, TimeSpan.Zero).AddMinutes(minutter).AddTicks(Random.Shared.Next(0, 1_000_000) * 10L);

    protected static Soknad Utkast(string orgnr, DateTimeOffset? opprettet = null)
    {
        var naa = opprettet ?? Tid(0);
        var innhold = Soknadsinnhold.Tom with
        {
            Hjemmel = new Hjemmel("aa-registerforskriften", "§ 10"),
            Formaal = ["SAKSBEHANDLING"],
            Formaalsbeskrivelse = "Behandle søknader om ytelser (æøå)",
            Behandlingsgrunnlag = "Personvernforordningen art. 6 nr. 1 bokstav e",
            Dataelementer = ["arbeidsforholdIdentifikasjon", "ansettelsesperiode"],
            Kanaler = [new Kanalvalg(Kanaler.Api), new Kanalvalg(Kanaler.Uttrekk, "Månedlig fil", "månedlig")],
            Kontaktpersoner = new Kontaktpersoner(
                new Kontaktperson("Kari", "+4790000001", "kari@example.no"), new Kontaktperson("Ola", "+4790000002", "ola@example.no"),
                new Kontaktperson("Per", "+4790000003", "per@example.no"), new Kontaktperson("Siri", "+4790000004", "siri@example.no")),
            Databehandler = "971526920",
        };
        return new Soknad(
            Guid.CreateVersion7().ToString("N"), orgnr, Soknadsstatus.Utkast, innhold,
            new Bruksvilkaaraksept("1.0", Soeker, naa), null, null,
            [new Statusendring(Soknadsstatus.Utkast, naa, Soeker, null)], naa, naa);
    }

    /// <summary>Sent and taken to handling: the state a decision is made in.</summary>
    protected static Soknad UnderBehandling(string orgnr)
    {
        var utkast = Utkast(orgnr);
        var sendt = Soknadsregler.MedStatus(utkast, Soknadsstatus.Sendt, Tid(1), Soeker) with
        {
            Soeker = new Soekerbevis(Soeker, "DAGL", null, Tid(1)),
        };
        return Soknadsregler.MedStatus(sendt, Soknadsstatus.UnderBehandling, Tid(2), Saksbehandler);
    }

    protected static Soknad Avgjort(Soknad soknad, Vedtaksutfall utfall, DateTimeOffset naa, string saksbehandler = Saksbehandler)
    {
        var status = utfall switch
        {
            Vedtaksutfall.Innvilget => Soknadsstatus.Innvilget,
            Vedtaksutfall.DelvisInnvilget => Soknadsstatus.DelvisInnvilget,
            _ => Soknadsstatus.Avslaatt,
        };
        var innvilget = utfall != Vedtaksutfall.Avslaatt;
        var vedtak = new Vedtak(
            utfall, innvilget ? "" : "Mangler hjemmel", innvilget ? soknad.Innhold.Dataelementer : [], innvilget ? [Kanaler.Api] : [],
            null, naa, saksbehandler, innvilget ? "avt-" + soknad.Id : null, innvilget ? 1 : null);
        return Soknadsregler.MedStatus(soknad, status, naa, saksbehandler) with { Vedtak = vedtak };
    }

    /// <summary>Records with lists compare by reference: compare the JSON form instead.</summary>
    protected static void AssertLik(Soknad forventet, Soknad? faktisk)
    {
        Assert.NotNull(faktisk);
        Assert.Equal(JsonSerializer.Serialize(forventet, TilgangJsonContext.Default.Soknad), JsonSerializer.Serialize(faktisk, TilgangJsonContext.Default.Soknad));
    }

    protected static Delegering Delegering(string orgnr, string mottaker, DateTimeOffset opprettet) =>
        new(Guid.CreateVersion7().ToString("N"), orgnr, mottaker, Soeker, "DAGL", opprettet, null, null);

    public async ValueTask DisposeAsync()
    {
        foreach (var eier in _aapne)
        {
            await eier.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task A_draft_reads_back_with_all_its_content_and_its_history()
    {
        var (store, _) = await NodeAsync();
        var utkast = Utkast(NyOrganisasjon());

        await store.LagreAsync(utkast, Ct);

        AssertLik(utkast, await store.HentAsync(utkast.Id, Ct));
        Assert.Null(await store.HentAsync(Guid.NewGuid().ToString("N"), Ct));
    }

    [Fact]
    public async Task Status_changes_are_appended_to_the_history_through_to_a_decision()
    {
        var (store, _) = await NodeAsync();
        var utkast = Utkast(NyOrganisasjon());
        await store.LagreAsync(utkast, Ct);
        var sendt = Soknadsregler.MedStatus((await store.HentAsync(utkast.Id, Ct))!, Soknadsstatus.Sendt, Tid(1), Soeker);
        await store.LagreAsync(sendt, Ct);
        var behandles = Soknadsregler.MedStatus((await store.HentAsync(utkast.Id, Ct))!, Soknadsstatus.UnderBehandling, Tid(2), Saksbehandler);
        await store.LagreAsync(behandles, Ct);
        var venter = Soknadsregler.MedStatus((await store.HentAsync(utkast.Id, Ct))!, Soknadsstatus.VenterPaaSoeker, Tid(3), Saksbehandler, "Send oss formålet");
        await store.LagreAsync(venter, Ct);
        var svart = Soknadsregler.MedStatus((await store.HentAsync(utkast.Id, Ct))!, Soknadsstatus.UnderBehandling, Tid(4), Soeker, "Søker har svart.");
        await store.LagreAsync(svart, Ct);
        var avgjort = Avgjort((await store.HentAsync(utkast.Id, Ct))!, Vedtaksutfall.DelvisInnvilget, Tid(5));
        await store.LagreAsync(avgjort, Ct);

        var lest = await store.HentAsync(utkast.Id, Ct);
        AssertLik(avgjort, lest);
        Assert.Equal(
            [Soknadsstatus.Utkast, Soknadsstatus.Sendt, Soknadsstatus.UnderBehandling, Soknadsstatus.VenterPaaSoeker, Soknadsstatus.UnderBehandling, Soknadsstatus.DelvisInnvilget],
            lest!.Historikk.Select(h => h.Status));
        Assert.Equal("Send oss formålet", lest.Historikk[3].Melding);
        Assert.Equal(Vedtaksutfall.DelvisInnvilget, lest.Vedtak!.Utfall);
    }

    [Fact]
    public async Task A_change_of_content_without_a_status_change_replaces_the_document()
    {
        var (store, _) = await NodeAsync();
        var utkast = Utkast(NyOrganisasjon());
        await store.LagreAsync(utkast, Ct);

        var endret = utkast with
        {
            Innhold = utkast.Innhold with { Formaal = ["YTELSER"], Databehandler = null, Kanaler = [new Kanalvalg(Kanaler.Web)] },
            Bruksvilkaar = null,
            Endret = Tid(10),
        };
        await store.LagreAsync(endret, Ct);

        AssertLik(endret, await store.HentAsync(utkast.Id, Ct));
    }

    [Fact]
    public async Task A_stale_copy_with_a_shorter_history_is_refused_and_changes_nothing()
    {
        var (store, _) = await NodeAsync();
        var utkast = Utkast(NyOrganisasjon());
        await store.LagreAsync(utkast, Ct);
        var sendt = Soknadsregler.MedStatus(utkast, Soknadsstatus.Sendt, Tid(1), Soeker);
        await store.LagreAsync(sendt, Ct);

        // The applicant's edit was made from the draft, before it was sent.
        var gammel = utkast with { Innhold = utkast.Innhold with { Formaal = ["ANNET"] }, Endret = Tid(2) };
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.LagreAsync(gammel, Ct));

        AssertLik(sendt, await store.HentAsync(utkast.Id, Ct));
    }

    [Fact]
    public async Task An_organisations_applications_are_listed_newest_first_and_no_one_elses()
    {
        var (store, _) = await NodeAsync();
        var orgnr = NyOrganisasjon();
        var eldst = Utkast(orgnr, Tid(0));
        var nyest = Utkast(orgnr, Tid(30));
        var midt = Soknadsregler.MedStatus(Utkast(orgnr, Tid(10)), Soknadsstatus.Sendt, Tid(11), Soeker);
        foreach (var s in new[] { midt, eldst, nyest, Utkast(NyOrganisasjon(), Tid(20)) })
        {
            await store.LagreAsync(s, Ct);
        }

        var liste = await store.ListForOrganisasjonAsync(orgnr, Ct);

        Assert.Equal([nyest.Id, midt.Id, eldst.Id], liste.Select(s => s.Id));
        AssertLik(midt, liste[1]);
        Assert.Empty(await store.ListForOrganisasjonAsync(NyOrganisasjon(), Ct));
    }

    [Fact]
    public async Task All_applications_are_listed_newest_first_optionally_by_status()
    {
        var (store, _) = await NodeAsync();
        var orgnr = NyOrganisasjon();
        var utkast = Utkast(orgnr, Tid(-5));
        var sendt = Soknadsregler.MedStatus(Utkast(orgnr, Tid(-4)), Soknadsstatus.Sendt, Tid(1), Soeker);
        await store.LagreAsync(utkast, Ct);
        await store.LagreAsync(sendt, Ct);

        var alle = await store.ListAsync(ct: Ct);
        var sendte = await store.ListAsync(Soknadsstatus.Sendt, Ct);

        Assert.Contains(alle, s => s.Id == utkast.Id);
        Assert.Contains(alle, s => s.Id == sendt.Id);
        Assert.Equal([.. alle.Select(s => s.Opprettet).OrderDescending()], alle.Select(s => s.Opprettet));
        Assert.All(sendte, s => Assert.Equal(Soknadsstatus.Sendt, s.Status));
        AssertLik(sendt, Assert.Single(sendte, s => s.Id == sendt.Id));
        Assert.DoesNotContain(sendte, s => s.Id == utkast.Id);
    }

    [Fact]
    public async Task A_delegation_reads_back_and_stays_listed_when_revoked()
    {
        var (_, store) = await NodeAsync();
        var orgnr = NyOrganisasjon();
        var foerste = Delegering(orgnr, "02028012345", Tid(0));
        var andre = Delegering(orgnr, "03038012345", Tid(5));
        await store.LagreAsync(foerste, Ct);
        await store.LagreAsync(andre, Ct);
        await store.LagreAsync(Delegering(NyOrganisasjon(), "02028012345", Tid(6)), Ct);

        Assert.Equal(foerste, await store.HentAsync(foerste.Id, Ct));
        var tilbakekalt = foerste with { Tilbakekalt = Tid(10), TilbakekaltAv = Soeker };
        await store.LagreAsync(tilbakekalt, Ct);

        var lest = await store.HentAsync(foerste.Id, Ct);
        Assert.Equal(tilbakekalt, lest);
        Assert.False(lest!.ErGjeldende);
        Assert.Equal([andre, tilbakekalt], await store.ListForOrganisasjonAsync(orgnr, Ct));
        Assert.Null(await store.HentAsync(Guid.NewGuid().ToString("N"), Ct));
        Assert.Empty(await store.ListForOrganisasjonAsync(NyOrganisasjon(), Ct));
    }

    [Fact]
    public async Task The_delegation_in_force_is_found_under_any_of_the_persons_idents_until_revoked()
    {
        var (_, store) = await NodeAsync();
        var orgnr = NyOrganisasjon();
        const string Gammel = "04048012345";
        const string Ny = "44048012345";
        var delegering = Delegering(orgnr, Gammel, Tid(0));
        await store.LagreAsync(delegering, Ct);

        Assert.Equal(delegering, await store.FinnGjeldendeAsync(orgnr, [Ny, Gammel], Ct));
        Assert.Null(await store.FinnGjeldendeAsync(orgnr, [Ny], Ct));
        Assert.Null(await store.FinnGjeldendeAsync(NyOrganisasjon(), [Gammel], Ct));
        Assert.Null(await store.FinnGjeldendeAsync(orgnr, [], Ct));

        await store.LagreAsync(delegering with { Tilbakekalt = Tid(1), TilbakekaltAv = Soeker }, Ct);

        Assert.Null(await store.FinnGjeldendeAsync(orgnr, [Ny, Gammel], Ct));
    }

    [Fact]
    public async Task With_several_in_force_the_first_ident_given_and_its_oldest_delegation_is_found()
    {
        var (_, store) = await NodeAsync();
        var orgnr = NyOrganisasjon();
        const string A = "05058012345";
        const string B = "06068012345";
        var aNy = Delegering(orgnr, A, Tid(20));
        var aGammel = Delegering(orgnr, A, Tid(10));
        var b = Delegering(orgnr, B, Tid(0));
        foreach (var d in new[] { aNy, aGammel, b })
        {
            await store.LagreAsync(d, Ct);
        }

        Assert.Equal(aGammel, await store.FinnGjeldendeAsync(orgnr, [A, B], Ct));
        Assert.Equal(b, await store.FinnGjeldendeAsync(orgnr, [B, A], Ct));
    }
}
