using Aareg.Domain.Identer;
using Aareg.Domain.Register;
using Aareg.Domain.Tid;
using Aareg.Storage.Register;
using Aareg.Tests.Felles;
using static Aareg.Register.Tests.Meldinger;

namespace Aareg.Register.Tests;

/// <summary>
/// The register with reference data (identbytte, EROPPH/ERKONK) and its own re-derivation without a melding
/// (IBKAOR at today's month), through the intake pipeline and the applier (DOMAIN §3, §6; ADR 0006 decision 11).
/// </summary>
public abstract class ReferanseOgReavledningTests(Lager lager)
{
    /// <summary>A D-number (day + 40) for the same birth date as <see cref="Meldinger.Person"/>.</summary>
    private static readonly string Dnr = LagDnr("420294");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<Registermiljoe> StartAsync(RegisterbehandlerValg? valg = null) => Registermiljoe.StartAsync(lager, valg);

    private static DateTimeOffset Dato(int aar, int maaned, int dag) => new(aar, maaned, dag, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Identbytte_between_two_months_keeps_the_arbeidsforhold_and_both_idents_find_it()
    {
        await using var m = await StartAsync();
        await m.SendAsync(Lag("m1", "2025-01", null, new Af(Dnr, "af-1")));
        await m.Behandler.BehandleAsync(ct: Ct);
        var foer = Assert.Single(await m.Register.HentForPersonAsync(Dnr, ct: Ct)).Arbeidsforhold;

        await m.ImporterFolkeregisterAsync(Identbytte(Dnr, Person, "2025-02-01"));
        await m.SendAsync(Lag("m2", "2025-02", null, new Af(Person, "af-1")));
        await m.Behandler.BehandleAsync(ct: Ct);

        var nyIdent = Assert.Single(await m.Register.HentForPersonAsync(Person, ct: Ct)).Arbeidsforhold;
        var gammelIdent = Assert.Single(await m.Register.HentForPersonAsync(Dnr, ct: Ct)).Arbeidsforhold;
        Assert.Equal(foer.NavArbeidsforholdId, nyIdent.NavArbeidsforholdId);
        Assert.Equal(foer.NavUuid, nyIdent.NavUuid);
        Assert.Equal(nyIdent, gammelIdent);
        Assert.Equal(Person, nyIdent.Noekkel.Arbeidstaker);
        Assert.Equal(2, nyIdent.NavVersjon);
        Assert.Equal(1, (await m.Register.HentForOpplysningspliktigAsync(Opplysningspliktig, null, 0, 10, ct: Ct)).TotaltAntall);

        var hendelser = await m.Register.HentHendelserAsync(1, 100, ct: Ct);
        Assert.Equal([Endringstype.Opprettelse, Endringstype.Endring], hendelser.Select(h => h.Endringstype));
        Assert.All(hendelser, h => Assert.Equal(foer.NavArbeidsforholdId, h.NavArbeidsforholdId));
    }

    [Fact]
    public async Task Old_ident_finds_an_arbeidsforhold_that_was_only_ever_reported_under_the_new_one()
    {
        await using var m = await StartAsync();
        await m.ImporterFolkeregisterAsync(Identbytte(Dnr, Person, "2024-12-01"));
        await m.SendAsync(Lag("m1", "2025-01", null, new Af(Person, "af-1")));
        await m.Behandler.BehandleAsync(ct: Ct);

        var af = Assert.Single(await m.Register.HentForPersonAsync(Dnr, ct: Ct)).Arbeidsforhold;
        Assert.Equal(Person, af.Noekkel.Arbeidstaker);
        Assert.Equal(af, Assert.Single(await m.Register.HentForPersonAsync(Person, ct: Ct)).Arbeidsforhold);
    }

    [Fact]
    public async Task Identbytte_imported_after_the_meldinger_takes_effect_when_the_register_is_derived_again()
    {
        await using var m = await StartAsync();
        m.Klokke.Sett(Dato(2025, 3, 10));
        await m.SendAsync(Lag("m1", "2025-01", null, new Af(Dnr, "af-1")));
        await m.SendAsync(Lag("m2", "2025-02", null, new Af(Dnr, "af-1")));
        await m.Behandler.BehandleAsync(ct: Ct);
        var foer = Assert.Single(await m.Register.HentForPersonAsync(Dnr, ct: Ct)).Arbeidsforhold;
        var hendelserFoer = await m.Register.SisteSekvensnummerAsync(Ct);

        await m.ImporterFolkeregisterAsync(Identbytte(Dnr, Person, "2025-03-01"));
        Assert.Equal(1, await m.Behandler.ReavledAsync(ct: Ct));

        var etter = Assert.Single(await m.Register.HentForPersonAsync(Person, ct: Ct)).Arbeidsforhold;
        Assert.Equal(foer.NavArbeidsforholdId, etter.NavArbeidsforholdId);
        Assert.Equal(Person, etter.Noekkel.Arbeidstaker);
        Assert.Equal(2, etter.NavVersjon);
        Assert.Null(etter.Ansettelsesperiode.Sluttdato);
        Assert.Null(etter.Sporing.EndretKildereferanse);
        Assert.Equal(etter, Assert.Single(await m.Register.HentForPersonAsync(Dnr, ct: Ct)).Arbeidsforhold);

        var endring = Assert.Single(await m.Register.HentHendelserAsync(hendelserFoer + 1, 100, ct: Ct));
        Assert.Equal(Endringstype.Endring, endring.Endringstype);
        Assert.Equal(Person, endring.Noekkel.Arbeidstaker);
        Assert.Equal(1, await m.TellAsync("SELECT COUNT(*) FROM register_hendelse WHERE mottaks_id IS NULL"));

        // Idempotent: the same month and reference data again write nothing.
        Assert.Equal(0, await m.Behandler.ReavledAsync(ct: Ct));
        Assert.Equal(0, await m.Behandler.ReavledAsync(fullstendig: true, Ct));
        Assert.Equal(hendelserFoer + 1, await m.Register.SisteSekvensnummerAsync(Ct));
    }

    [Fact]
    public async Task Bankruptcy_closes_open_arbeidsforhold_with_ERKONK_at_the_konkursdato()
    {
        await using var m = await StartAsync();
        m.Klokke.Sett(Dato(2025, 2, 5));
        await m.SendAsync(Lag("m1", "2025-01", null, new Af(Person, "af-1"), new Af(AnnenPerson, "af-2", Slutt: new DateOnly(2025, 1, 15))));
        await m.Behandler.BehandleAsync(ct: Ct);
        var avsluttet = Assert.Single(await m.Register.HentForPersonAsync(AnnenPerson, ct: Ct)).Arbeidsforhold;

        m.Klokke.Sett(Dato(2025, 2, 20));
        await m.ImporterEnheterAsync(Enhet(Opplysningspliktig, """ "konkurs":true,"konkursdato":"2025-02-10" """));
        Assert.Equal(1, await m.Behandler.ReavledAsync(ct: Ct));

        var lukket = Assert.Single(await m.Register.HentForPersonAsync(Person, ct: Ct)).Arbeidsforhold;
        Assert.Equal(new DateOnly(2025, 2, 10), lukket.Ansettelsesperiode.Sluttdato);
        Assert.Equal(Varslingskode.Erkonk, lukket.Ansettelsesperiode.Varsling);
        Assert.Equal(Sporingskilde.Aareg, lukket.Ansettelsesperiode.Sporing.EndretKilde);
        Assert.Null(lukket.Ansettelsesperiode.Sporing.EndretKildereferanse);
        Assert.Equal(2, lukket.NavVersjon);
        Assert.Equal(avsluttet, Assert.Single(await m.Register.HentForPersonAsync(AnnenPerson, ct: Ct)).Arbeidsforhold);

        var hendelse = (await m.Register.HentHendelserAsync(1, 100, ct: Ct))[^1];
        Assert.Equal(Endringstype.Endring, hendelse.Endringstype);
        Assert.Equal(lukket.NavArbeidsforholdId, hendelse.NavArbeidsforholdId);
        Assert.Equal([Entitetsendring.Ansettelsesperiode], hendelse.Entitetsendringer);
        Assert.Equal(0, await m.Behandler.ReavledAsync(ct: Ct));
        await AssertHendelserUtenHullAsync(m, 3);
    }

    [Fact]
    public async Task Melding_of_a_deleted_opplysningspliktig_is_derived_with_EROPPH_at_the_slettedato()
    {
        await using var m = await StartAsync();
        m.Klokke.Sett(Dato(2025, 3, 5));
        await m.ImporterEnheterAsync(Enhet(Opplysningspliktig, """ "konkurs":false,"slettedato":"2025-02-14" """));
        await m.SendAsync(Lag("m1", "2025-02", null, new Af(Person, "af-1")));
        await m.Behandler.BehandleAsync(ct: Ct);

        var af = Assert.Single(await m.Register.HentForPersonAsync(Person, ct: Ct)).Arbeidsforhold;
        Assert.Equal(new DateOnly(2025, 2, 14), af.Ansettelsesperiode.Sluttdato);
        Assert.Equal(Varslingskode.Eropph, af.Ansettelsesperiode.Varsling);
        Assert.Equal(1, af.NavVersjon);
        Assert.Equal(0, await m.Behandler.ReavledAsync(ct: Ct));
    }

    [Fact]
    public async Task Employer_that_stops_reporting_gets_open_arbeidsforhold_closed_with_IBKAOR_three_months_later()
    {
        await using var m = await StartAsync();
        m.Klokke.Sett(Dato(2025, 3, 4));
        await m.SendAsync(Lag("m1", "2025-01", null, new Af(Person, "af-1"), new Af(AnnenPerson, "af-2", Slutt: new DateOnly(2025, 1, 20))));
        await m.SendAsync(Lag("m2", "2025-02", null, new Af(Person, "af-1")));
        await m.Behandler.BehandleAsync(ct: Ct);
        var apen = Assert.Single(await m.Register.HentForPersonAsync(Person, ct: Ct)).Arbeidsforhold;
        var avsluttet = Assert.Single(await m.Register.HentForPersonAsync(AnnenPerson, ct: Ct)).Arbeidsforhold;

        // March and April without a melding: two months, not yet three.
        m.Klokke.Sett(Dato(2025, 4, 28));
        Assert.Equal(0, await m.Behandler.ReavledAsync(ct: Ct));
        Assert.Equal(0, await m.Behandler.ReavledAsync(fullstendig: true, Ct));
        Assert.Equal(apen, Assert.Single(await m.Register.HentForPersonAsync(Person, ct: Ct)).Arbeidsforhold);

        m.Klokke.Sett(Dato(2025, 5, 2));
        Assert.Equal(1, await m.Behandler.ReavledAsync(ct: Ct));

        var lukket = Assert.Single(await m.Register.HentForPersonAsync(Person, ct: Ct)).Arbeidsforhold;
        Assert.Equal(apen.NavArbeidsforholdId, lukket.NavArbeidsforholdId);
        Assert.Equal(2, lukket.NavVersjon);
        Assert.Equal(new DateOnly(2025, 2, 28), lukket.Ansettelsesperiode.Sluttdato);
        Assert.Equal(Varslingskode.Ibkaor, lukket.Ansettelsesperiode.Varsling);
        Assert.Equal(Sporingskilde.Aareg, lukket.Ansettelsesperiode.Sporing.EndretKilde);
        Assert.Equal(avsluttet, Assert.Single(await m.Register.HentForPersonAsync(AnnenPerson, ct: Ct)).Arbeidsforhold);
        var versjoner = await m.Register.HentVersjonerAsync(lukket.NavArbeidsforholdId, Ct);
        Assert.Equal(versjoner[1].Bruksperiode.Fom, versjoner[0].Bruksperiode.Tom);

        var hendelse = (await m.Register.HentHendelserAsync(1, 100, ct: Ct))[^1];
        Assert.Equal([Entitetsendring.Ansettelsesperiode], hendelse.Entitetsendringer);
        Assert.Equal(1, await m.TellAsync("SELECT COUNT(*) FROM register_hendelse WHERE mottaks_id IS NULL"));

        // A second run, also without the quick check, changes nothing.
        var hendelser = await m.Register.SisteSekvensnummerAsync(Ct);
        var versjonerIalt = await m.TellAsync("SELECT COUNT(*) FROM arbeidsforhold_versjon");
        Assert.Equal(0, await m.Behandler.ReavledAsync(ct: Ct));
        Assert.Equal(0, await m.Behandler.ReavledAsync(fullstendig: true, Ct));
        Assert.Equal(hendelser, await m.Register.SisteSekvensnummerAsync(Ct));
        Assert.Equal(versjonerIalt, await m.TellAsync("SELECT COUNT(*) FROM arbeidsforhold_versjon"));
        await AssertHendelserUtenHullAsync(m, 3);
    }

    [Fact]
    public async Task Rederivation_refuses_to_write_on_a_state_a_melding_changed_after_it_was_read()
    {
        await using var m = await StartAsync();
        m.Klokke.Sett(Dato(2025, 2, 4));
        await m.SendAsync(Lag("m1", "2025-01", null, new Af(Person, "af-1")));
        await m.Behandler.BehandleAsync(ct: Ct);
        var lest = await m.Register.HentTilstandAsync(Opplysningspliktig, Ct);

        await m.SendAsync(Lag("m2", "2025-02", null, new Af(Person, "af-1", Prosent: 50m)));
        await m.Behandler.BehandleAsync(ct: Ct);
        var hendelser = await m.Register.SisteSekvensnummerAsync(Ct);

        var gammel = Avleder.Avled(lest.Tilstand, [], Kontekst(m, lest));
        await Assert.ThrowsAsync<RegisterKonfliktException>(() => m.Register.AnvendReavledningAsync(
            new Reavledning(Opplysningspliktig, m.Klokke.GetUtcNow(), lest.Tilstand, gammel, lest.SistAnvendtKo, lest.Reavledninger, lest.NesteNavArbeidsforholdId, 0),
            Ct));
        Assert.Equal(hendelser, await m.Register.SisteSekvensnummerAsync(Ct));
        Assert.Single(await m.Register.HentForPersonAsync(Person, ct: Ct));
    }

    [Fact]
    public async Task Melding_application_refuses_to_write_on_a_state_a_rederivation_changed_and_the_next_run_closes_again()
    {
        await using var m = await StartAsync();
        m.Klokke.Sett(Dato(2025, 2, 4));
        await m.SendAsync(Lag("m1", "2025-01", null, new Af(Person, "af-1")));
        await m.Behandler.BehandleAsync(ct: Ct);
        await m.SendAsync(Lag("m2", "2025-02", null, new Af(Person, "af-1")));

        // The worker claims the queued melding and reads the state; meanwhile the re-derivation (in May: January
        // was the last applied month) closes af-1.
        var krav = Assert.IsType<Registerkrav>(await m.Register.KrevAsync(Ct));
        var lest = await m.Register.HentTilstandAsync(Opplysningspliktig, Ct);
        m.Klokke.Sett(Dato(2025, 5, 6));
        Assert.Equal(1, await m.Behandler.ReavledAsync(ct: Ct));
        Assert.Equal(new DateOnly(2025, 1, 31), Assert.Single(await m.Register.HentForPersonAsync(Person, ct: Ct)).Arbeidsforhold.Ansettelsesperiode.Sluttdato);

        var resultat = Avleder.Avled(lest.Tilstand, [], Kontekst(m, lest));
        await Assert.ThrowsAsync<RegisterKonfliktException>(() => m.Register.AnvendAsync(
            new Anvendelse(krav.Meldinger[0], m.Klokke.GetUtcNow(), lest.Tilstand, resultat, lest.SistAnvendtKo, lest.NesteNavArbeidsforholdId, 0)
            {
                ForventetReavledninger = lest.Reavledninger,
            },
            Ct));
        await m.Register.FrigiAsync(krav);

        // The applier reads the fresh state: February reopens af-1 (a melding derives up to its own latest month),
        // and the next run closes it again at the end of February.
        Assert.Equal(1, await m.Behandler.BehandleAsync(ct: Ct));
        Assert.Null(Assert.Single(await m.Register.HentForPersonAsync(Person, ct: Ct)).Arbeidsforhold.Ansettelsesperiode.Sluttdato);
        Assert.Equal(1, await m.Behandler.ReavledAsync(ct: Ct));
        var af = Assert.Single(await m.Register.HentForPersonAsync(Person, ct: Ct)).Arbeidsforhold;
        Assert.Equal(new DateOnly(2025, 2, 28), af.Ansettelsesperiode.Sluttdato);
        Assert.Equal(Varslingskode.Ibkaor, af.Ansettelsesperiode.Varsling);
        await AssertHendelserUtenHullAsync(m, 4);
    }

    private static AvledningsKontekst Kontekst(Registermiljoe m, Registertilstand tilstand)
    {
        var neste = tilstand.NesteNavArbeidsforholdId;
        return new AvledningsKontekst { Tidspunkt = m.Klokke.GetUtcNow(), NyNavArbeidsforholdId = () => neste++, NyNavUuid = Guid.NewGuid };
    }

    private static async Task AssertHendelserUtenHullAsync(Registermiljoe m, int antall)
    {
        var sekvens = await m.ListeAsync<long>("SELECT sekvensnummer FROM register_hendelse ORDER BY sekvensnummer");
        Assert.Equal(Enumerable.Range(1, antall).Select(i => (long)i), sekvens);
    }

    private static string Identbytte(string gammel, string ny, string dato) =>
        $$"""{"type":"identbytte","gammelIdent":"{{gammel}}","nyIdent":"{{ny}}","dato":"{{dato}}"}""";

    private static string Enhet(string orgnr, string felter) =>
        $$"""[{"organisasjonsnummer":"{{orgnr}}","navn":"ARBEIDSGIVER AS","organisasjonsform":{"kode":"AS"},"registreringsdatoEnhetsregisteret":"2010-01-01",{{felter.Trim()}}}]""";

    private static string LagDnr(string foedselsdato)
    {
        for (var individ = 100; individ < 1000; individ++)
        {
            if (Personident.MedKontrollsifre(foedselsdato + individ.ToString("D3", System.Globalization.CultureInfo.InvariantCulture)) is { } dnr)
            {
                return dnr;
            }
        }

        throw new InvalidOperationException("Fant ikke et gyldig D-nummer.");
    }
}

public sealed class SqliteReferanseOgReavledningTests() : ReferanseOgReavledningTests(Lager.Sqlite);

public sealed class PostgresReferanseOgReavledningTests(PostgresKlynge klynge) : ReferanseOgReavledningTests(Lager.Postgres(klynge));
