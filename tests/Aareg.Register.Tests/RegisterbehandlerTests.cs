using Aareg.Domain.Register;
using Aareg.Storage;
using Aareg.Tests.Felles;
using static Aareg.Register.Tests.Meldinger;

namespace Aareg.Register.Tests;

public abstract class RegisterbehandlerTests(Lager lager)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<Registermiljoe> StartAsync(RegisterbehandlerValg? valg = null) => Registermiljoe.StartAsync(lager, valg);

    [Fact]
    public async Task Applied_melding_creates_arbeidsforhold_with_one_version_and_an_Opprettelse_event()
    {
        await using var m = await StartAsync();
        var kvittering = await m.SendAsync(Lag("m1", "2025-01", null, new Af(Person, "af-1")));
        Assert.Equal(Behandlingsstatus.Mottatt, kvittering.Behandlingsstatus);
        Assert.Equal(1, await m.Register.TellUanvendteAsync(Ct));

        Assert.Equal(1, await m.Behandler.BehandleAsync(ct: Ct));
        Assert.Equal(0, await m.Register.TellUanvendteAsync(Ct));

        Assert.Equal(Behandlingsstatus.Behandlet, (await m.KvitteringAsync(kvittering.MottaksId)).Behandlingsstatus);
        var af = Assert.Single(await m.Register.HentForPersonAsync(Person, ct: Ct));
        Assert.Equal(1, af.Arbeidsforhold.NavVersjon);
        Assert.Equal("af-1", af.Arbeidsforhold.ArbeidsforholdId);
        Assert.Equal(Virksomhet, af.Arbeidsforhold.Noekkel.Arbeidssted);
        Assert.Equal(new DateOnly(2020, 1, 1), af.Arbeidsforhold.Ansettelsesperiode.Startdato);
        Assert.Equal("3431101", af.Arbeidsforhold.GjeldendeDetaljer?.Yrke);
        Assert.Null(af.Bruksperiode.Tom);
        Assert.Equal("m1", af.Arbeidsforhold.Sporing.OpprettetKildereferanse);

        var hendelse = Assert.Single(await m.Register.HentHendelserAsync(1, 100, ct: Ct));
        Assert.Equal(1, hendelse.Sekvensnummer);
        Assert.Equal(Endringstype.Opprettelse, hendelse.Endringstype);
        Assert.Equal(af.Arbeidsforhold.NavArbeidsforholdId, hendelse.NavArbeidsforholdId);
        Assert.Equal(af.Arbeidsforhold.NavUuid, hendelse.NavUuid);
        Assert.Contains(Entitetsendring.Ansettelsesperiode, hendelse.Entitetsendringer);
    }

    [Fact]
    public async Task Change_in_a_later_month_adds_a_version_and_closes_the_previous_bruksperiode()
    {
        await using var m = await StartAsync();
        await m.SendAsync(Lag("m1", "2025-01", null, new Af(Person, "af-1")));
        await m.Behandler.BehandleAsync(ct: Ct);
        await m.SendAsync(Lag("m2", "2025-02", null, new Af(Person, "af-1", Prosent: 80m)));
        await m.Behandler.BehandleAsync(ct: Ct);

        var gjeldende = Assert.Single(await m.Register.HentForPersonAsync(Person, ct: Ct)).Arbeidsforhold;
        var versjoner = await m.Register.HentVersjonerAsync(gjeldende.NavArbeidsforholdId, ct: Ct);
        Assert.Equal([1, 2], versjoner.Select(v => v.Arbeidsforhold.NavVersjon));
        Assert.Equal(versjoner[1].Bruksperiode.Fom, versjoner[0].Bruksperiode.Tom);
        Assert.Null(versjoner[1].Bruksperiode.Tom);
        Assert.Equal(100m, versjoner[0].Arbeidsforhold.GjeldendeDetaljer?.AvtaltStillingsprosent);
        Assert.Equal(80m, gjeldende.GjeldendeDetaljer?.AvtaltStillingsprosent);
        Assert.Equal(2, gjeldende.Ansettelsesdetaljer.Count);

        var hendelser = await m.Register.HentHendelserAsync(1, 100, ct: Ct);
        Assert.Equal([Endringstype.Opprettelse, Endringstype.Endring], hendelser.Select(h => h.Endringstype));
        Assert.Equal([Entitetsendring.Ansettelsesdetaljer], hendelser[1].Entitetsendringer);
        Assert.Equal(2, hendelser[1].NavVersjon);
    }

    [Fact]
    public async Task Instants_one_tick_apart_are_kept_exactly_and_as_known_at_T_tells_them_apart()
    {
        // A clock that stands still: the applier moves each instant one tick (100 ns) past the previous one, finer
        // than a microsecond, so the store must keep ticks for bruksperioder to tile and "as known at T" to work.
        await using var m = await StartAsync();
        var t = new DateTimeOffset(2025, 6, 10, 8, 0, 0, TimeSpan.Zero).AddTicks(7);
        var behandler = new Registerbehandler(m.Register, new StaaendeKlokke(t));
        await m.SendAsync(Lag("m1", "2025-01", null, new Af(Person, "af-1")));
        await behandler.BehandleAsync(ct: Ct);
        await m.SendAsync(Lag("m2", "2025-02", null, new Af(Person, "af-1", Prosent: 80m)));
        await behandler.BehandleAsync(ct: Ct);

        var id = Assert.Single(await m.Register.HentForPersonAsync(Person, ct: Ct)).Arbeidsforhold.NavArbeidsforholdId;
        var versjoner = await m.Register.HentVersjonerAsync(id, ct: Ct);
        Assert.Equal(t, versjoner[0].Bruksperiode.Fom);
        Assert.Equal(t.AddTicks(1), versjoner[0].Bruksperiode.Tom);
        Assert.Equal(t.AddTicks(1), versjoner[1].Bruksperiode.Fom);
        Assert.Equal(t, versjoner[0].Arbeidsforhold.SistBekreftet);
        Assert.Equal(1, (await m.Register.HentAsync(id, t, ct: Ct))!.Arbeidsforhold.NavVersjon);
        Assert.Equal(2, (await m.Register.HentAsync(id, t.AddTicks(1), ct: Ct))!.Arbeidsforhold.NavVersjon);
        Assert.Null(await m.Register.HentAsync(id, t.AddTicks(-1), ct: Ct));
        Assert.Equal(
            [t, t.AddTicks(1)],
            (await m.Register.HentHendelserAsync(1, 10, ct: Ct)).Select(h => h.Tidsstempel));
    }

    [Fact]
    public async Task Unchanged_later_month_only_confirms_without_version_or_event()
    {
        await using var m = await StartAsync();
        await m.SendAsync(Lag("m1", "2025-01", null, new Af(Person, "af-1")));
        await m.Behandler.BehandleAsync(ct: Ct);
        var foer = Assert.Single(await m.Register.HentForPersonAsync(Person, ct: Ct)).Arbeidsforhold;

        await m.SendAsync(Lag("m2", "2025-02", null, new Af(Person, "af-1")));
        Assert.Equal(1, await m.Behandler.BehandleAsync(ct: Ct));

        var etter = Assert.Single(await m.Register.HentForPersonAsync(Person, ct: Ct)).Arbeidsforhold;
        Assert.Equal(1, etter.NavVersjon);
        Assert.True(etter.SistBekreftet > foer.SistBekreftet);
        Assert.Equal(new Domain.Tid.Kalendermaaned(2025, 2), etter.SistRapportert);
        Assert.Single(await m.Register.HentHendelserAsync(1, 100, ct: Ct));
        Assert.Single(await m.Register.HentVersjonerAsync(etter.NavArbeidsforholdId, ct: Ct));
    }

    [Fact]
    public async Task Late_replacement_of_an_earlier_month_stores_only_the_differences()
    {
        await using var m = await StartAsync();
        await m.SendAsync(Lag("m1", "2025-01", null, new Af(Person, "af-1"), new Af(AnnenPerson, "af-2")));
        await m.SendAsync(Lag("m2", "2025-02", null, new Af(Person, "af-1"), new Af(AnnenPerson, "af-2")));
        await m.SendAsync(Lag("m3", "2025-03", null, new Af(Person, "af-1"), new Af(AnnenPerson, "af-2")));
        Assert.Equal(3, await m.Behandler.BehandleAsync(ct: Ct));
        var hendelserFoer = await m.Register.SisteSekvensnummerAsync(ct: Ct);

        // January corrected: af-1 had another yrke that month only.
        await m.SendAsync(Lag("m1b", "2025-01", "m1", new Af(Person, "af-1", Yrke: "2512101"), new Af(AnnenPerson, "af-2")));
        Assert.Equal(1, await m.Behandler.BehandleAsync(ct: Ct));

        var af1 = Assert.Single(await m.Register.HentForPersonAsync(Person, ct: Ct)).Arbeidsforhold;
        var af2 = Assert.Single(await m.Register.HentForPersonAsync(AnnenPerson, ct: Ct)).Arbeidsforhold;
        Assert.Equal(2, af1.NavVersjon);
        Assert.Equal(1, af2.NavVersjon);
        Assert.Equal(["2512101", "3431101"], af1.Ansettelsesdetaljer.Select(d => d.Yrke));

        var nye = await m.Register.HentHendelserAsync(hendelserFoer + 1, 100, ct: Ct);
        var endring = Assert.Single(nye);
        Assert.Equal(Endringstype.Endring, endring.Endringstype);
        Assert.Equal(af1.NavArbeidsforholdId, endring.NavArbeidsforholdId);
    }

    [Fact]
    public async Task Correction_that_removes_an_arbeidsforhold_gives_Sletting_and_keeps_it_in_technical_history()
    {
        await using var m = await StartAsync();
        await m.SendAsync(Lag("m1", "2025-01", null, new Af(Person, "af-1"), new Af(AnnenPerson, "af-2")));
        await m.Behandler.BehandleAsync(ct: Ct);
        var slettes = Assert.Single(await m.Register.HentForPersonAsync(AnnenPerson, ct: Ct)).Arbeidsforhold;
        var foerRettelse = m.Klokke.Naa;

        await m.SendAsync(Lag("m1b", "2025-01", "m1", new Af(Person, "af-1")));
        await m.Behandler.BehandleAsync(ct: Ct);

        Assert.Empty(await m.Register.HentForPersonAsync(AnnenPerson, ct: Ct));
        Assert.Null(await m.Register.HentAsync(slettes.NavArbeidsforholdId, ct: Ct));
        Assert.Null(await m.Register.HentAsync(slettes.NavUuid, ct: Ct));
        var historikk = Assert.Single(await m.Register.HentVersjonerAsync(slettes.NavArbeidsforholdId, ct: Ct));
        Assert.NotNull(historikk.Bruksperiode.Tom);

        var sletting = (await m.Register.HentHendelserAsync(1, 100, ct: Ct))[^1];
        Assert.Equal(Endringstype.Sletting, sletting.Endringstype);
        Assert.Equal(slettes.NavArbeidsforholdId, sletting.NavArbeidsforholdId);
        Assert.Equal(1, sletting.NavVersjon);
        Assert.Equal(AnnenPerson, sletting.Noekkel.Arbeidstaker);

        // As the register knew it before the correction.
        var kjent = Assert.Single(await m.Register.HentForPersonAsync(AnnenPerson, foerRettelse, ct: Ct)).Arbeidsforhold;
        Assert.Equal(slettes.NavArbeidsforholdId, kjent.NavArbeidsforholdId);
        Assert.NotNull(await m.Register.HentAsync(slettes.NavUuid, foerRettelse, ct: Ct));
        Assert.Equal(2, (await m.Register.HentForOpplysningspliktigAsync(Opplysningspliktig, null, 0, 10, foerRettelse, ct: Ct)).TotaltAntall);
        Assert.Equal(1, (await m.Register.HentForOpplysningspliktigAsync(Opplysningspliktig, null, 0, 10, ct: Ct)).TotaltAntall);
    }

    [Fact]
    public async Task As_known_at_T_returns_the_version_in_use_then_and_nothing_before_it_existed()
    {
        await using var m = await StartAsync();
        var foerAlt = m.Klokke.Naa;
        await m.SendAsync(Lag("m1", "2025-01", null, new Af(Person, "af-1")));
        await m.Behandler.BehandleAsync(ct: Ct);
        var mellom = m.Klokke.Naa;
        await m.SendAsync(Lag("m1b", "2025-01", "m1", new Af(Person, "af-1", Prosent: 60m)));
        await m.Behandler.BehandleAsync(ct: Ct);

        var id = Assert.Single(await m.Register.HentForPersonAsync(Person, ct: Ct)).Arbeidsforhold.NavArbeidsforholdId;
        Assert.Equal(60m, (await m.Register.HentAsync(id, ct: Ct))!.Arbeidsforhold.GjeldendeDetaljer?.AvtaltStillingsprosent);
        var da = (await m.Register.HentAsync(id, mellom, ct: Ct))!;
        Assert.Equal(1, da.Arbeidsforhold.NavVersjon);
        Assert.Equal(100m, da.Arbeidsforhold.GjeldendeDetaljer?.AvtaltStillingsprosent);
        Assert.True(da.Arbeidsforhold.SistBekreftet <= mellom);
        Assert.Null(await m.Register.HentAsync(id, foerAlt, ct: Ct));
        Assert.Empty(await m.Register.HentForPersonAsync(Person, foerAlt, ct: Ct));
    }

    [Fact]
    public async Task Null_out_replacement_leaves_the_month_without_content()
    {
        await using var m = await StartAsync();
        await m.SendAsync(Lag("m1", "2025-01", null, new Af(Person, "af-1")));
        await m.Behandler.BehandleAsync(ct: Ct);
        await m.SendAsync(Lag("m1n", "2025-01", "m1"));
        await m.Behandler.BehandleAsync(ct: Ct);

        Assert.Empty(await m.Register.HentForPersonAsync(Person, ct: Ct));
        Assert.Equal(Endringstype.Sletting, (await m.Register.HentHendelserAsync(1, 100, ct: Ct))[^1].Endringstype);
    }

    [Fact]
    public async Task Meldinger_queued_together_are_applied_in_order_each_as_the_month_stood_then()
    {
        await using var m = await StartAsync();
        var k1 = await m.SendAsync(Lag("m1", "2025-01", null, new Af(Person, "af-1")));
        var k2 = await m.SendAsync(Lag("m1b", "2025-01", "m1", new Af(Person, "af-1", Prosent: 50m)));
        var k3 = await m.SendAsync(Lag("m2", "2025-02", null, new Af(Person, "af-1", Prosent: 50m), new Af(AnnenPerson, "af-9")));

        Assert.Equal(3, await m.Behandler.BehandleAsync(ct: Ct));

        foreach (var k in new[] { k1, k2, k3 })
        {
            Assert.Equal(Behandlingsstatus.Behandlet, (await m.KvitteringAsync(k.MottaksId)).Behandlingsstatus);
        }

        var hendelser = await m.Register.HentHendelserAsync(1, 100, ct: Ct);
        Assert.Equal([Endringstype.Opprettelse, Endringstype.Endring, Endringstype.Opprettelse], hendelser.Select(h => h.Endringstype));
        Assert.Equal(2, Assert.Single(await m.Register.HentForPersonAsync(Person, ct: Ct)).Arbeidsforhold.NavVersjon);
    }

    [Fact]
    public async Task Applying_again_applies_nothing_twice()
    {
        await using var m = await StartAsync();
        await m.SendAsync(Lag("m1", "2025-01", null, new Af(Person, "af-1")));
        Assert.Equal(1, await m.Behandler.BehandleAsync(ct: Ct));
        Assert.Equal(0, await m.Behandler.BehandleAsync(ct: Ct));

        // The same melding delivered again is a no-op in intake: nothing new is queued.
        await m.SendAsync(Lag("m1", "2025-01", null, new Af(Person, "af-1")));
        Assert.Equal(0, await m.Behandler.BehandleAsync(ct: Ct));
        Assert.Equal(1, await m.TellAsync("SELECT COUNT(*) FROM arbeidsforhold_versjon"));
        Assert.Equal(1, await m.TellAsync("SELECT COUNT(*) FROM register_hendelse"));
    }

    [Fact]
    public async Task Lookups_by_person_id_uuid_and_opplysningspliktig_with_stable_paging()
    {
        await using var m = await StartAsync();
        await m.SendAsync(Lag("m1", "2025-01", null,
            new Af(Person, "af-1"), new Af(Person, "af-2", Prosent: 20m), new Af(AnnenPerson, "af-3"), new Af(AnnenPerson, "af-4")));
        await m.Behandler.BehandleAsync(ct: Ct);

        var person = await m.Register.HentForPersonAsync(Person, ct: Ct);
        Assert.Equal(["af-1", "af-2"], person.Select(a => a.Arbeidsforhold.ArbeidsforholdId).Order());
        Assert.Empty(await m.Register.HentForPersonAsync("01010112345", ct: Ct));

        var en = person[0].Arbeidsforhold;
        Assert.Equal(en, (await m.Register.HentAsync(en.NavArbeidsforholdId, ct: Ct))!.Arbeidsforhold);
        Assert.Equal(en, (await m.Register.HentAsync(en.NavUuid, ct: Ct))!.Arbeidsforhold);
        Assert.Null(await m.Register.HentAsync(999_999L, ct: Ct));
        Assert.Null(await m.Register.HentAsync(Guid.NewGuid(), ct: Ct));

        var side1 = await m.Register.HentForOpplysningspliktigAsync(Opplysningspliktig, null, 0, 3, ct: Ct);
        var side2 = await m.Register.HentForOpplysningspliktigAsync(Opplysningspliktig, null, 3, 3, ct: Ct);
        Assert.Equal(4, side1.TotaltAntall);
        Assert.Equal(3, side1.Arbeidsforhold.Count);
        Assert.Single(side2.Arbeidsforhold);
        var ider = side1.Arbeidsforhold.Concat(side2.Arbeidsforhold).Select(a => a.Arbeidsforhold.NavArbeidsforholdId).ToList();
        Assert.Equal(ider.Order(), ider);
        Assert.Equal(4, ider.Distinct().Count());

        Assert.Equal(4, (await m.Register.HentForOpplysningspliktigAsync(Opplysningspliktig, Virksomhet, 0, 10, ct: Ct)).TotaltAntall);
        Assert.Equal(0, (await m.Register.HentForOpplysningspliktigAsync(Opplysningspliktig, "974760673", 0, 10, ct: Ct)).TotaltAntall);
    }

    [Fact]
    public async Task Stored_document_reads_back_equal_to_what_was_derived()
    {
        await using var m = await StartAsync();
        await m.SendAsync(Lag("m1", "2025-01", null, new Af(Person, "af-1", Slutt: new DateOnly(2025, 1, 20))));
        await m.Behandler.BehandleAsync(ct: Ct);

        var lagret = Assert.Single(await m.Register.HentForPersonAsync(Person, ct: Ct)).Arbeidsforhold;
        var tilstand = await m.Register.HentTilstandAsync(Opplysningspliktig, ct: Ct);
        Assert.Equal(lagret, Assert.Single(tilstand.Tilstand.Arbeidsforhold));
        Assert.Equal(new DateOnly(2025, 1, 20), lagret.Ansettelsesperiode.Sluttdato);
        Assert.Equal("arbeidstakerHarSagtOppSelv", lagret.Ansettelsesperiode.Sluttaarsak);
        var igjen = Storage.Register.RegisterJson.Les(Storage.Register.RegisterJson.Serialiser(lagret));
        Assert.Equal(lagret, igjen);
    }
}

public sealed class SqliteRegisterbehandlerTests() : RegisterbehandlerTests(Lager.Sqlite);

public sealed class PostgresRegisterbehandlerTests(PostgresKlynge klynge) : RegisterbehandlerTests(Lager.Postgres(klynge));

/// <summary>A clock that always gives the same instant.</summary>
internal sealed class StaaendeKlokke(DateTimeOffset tidspunkt) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => tidspunkt;
}
