using Aareg.Domain.AMelding;
using Aareg.Domain.Kodeverk;
using Aareg.Domain.Kontroller;
using Aareg.Domain.Register;
using Aareg.Domain.Tid;
using Aareg.Mottak.Referanse;
using Aareg.Tests.Felles;

namespace Aareg.Referanse.Tests;

/// <summary>Enhetsregisteret import, snapshot and roles; the same suite on each backend (the derived classes).</summary>
public abstract class EnhetsregisterTests
{
    /// <summary>A fresh, empty store on the derived class's backend.</summary>
    protected abstract Task<Referansemiljoe> LagAsync(DateOnly? idag = null);

    // Valid organisasjonsnummer (modulus 11).
    private const string Konsern = "310000000";
    private const string KonsernAvd1 = "310000019";
    private const string KonsernAvd2 = "310000027";
    private const string Annen = "310000035";
    private const string AnnenAvd = "310000043";
    private const string Ny = "310000051";
    private const string NyAvd = "310000078";
    private const string Person1 = "02029404855";
    private const string Person2 = "12106346508";

    private static string Hovedenhet(string orgnr, string form = "AS", string ekstra = "") =>
        $$"""{"organisasjonsnummer":"{{orgnr}}","navn":"ENHET {{orgnr}}","organisasjonsform":{"kode":"{{form}}","beskrivelse":"x"},"registreringsdatoEnhetsregisteret":"2010-01-01","konkurs":false{{ekstra}}}""";

    private static string Underenhet(string orgnr, string overordnet) =>
        $$"""{"organisasjonsnummer":"{{orgnr}}","navn":"AVD {{orgnr}}","organisasjonsform":{"kode":"BEDR","beskrivelse":"Underenhet"},"registreringsdatoEnhetsregisteret":"2011-02-03","overordnetEnhet":"{{overordnet}}"}""";

    private static string Bulk(params string[] objekter) => "[" + string.Join(",\n", objekter) + "]";

    private async Task<Referansemiljoe> MedKonsernAsync()
    {
        var m = await LagAsync();
        await m.ImporterEnheterAsync(Bulk(Hovedenhet(Konsern), Hovedenhet(Annen)));
        await m.ImporterEnheterAsync(Bulk(Underenhet(KonsernAvd1, Konsern), Underenhet(KonsernAvd2, Konsern), Underenhet(AnnenAvd, Annen)));
        return m;
    }

    private static IReadOnlyList<Avvik> Kontroller(Referansemiljoe m, string opplysningspliktig, params string[] virksomheter) =>
        Kontrollkatalog.Kontroller(
            new Leveranse
            {
                Opplysningspliktig = opplysningspliktig,
                Kalendermaaned = new Kalendermaaned(2024, 5),
                MeldingsId = "m-1",
                Virksomheter = virksomheter.Select(v => new Virksomhet { NorskIdentifikator = v }).ToArray(),
            },
            new KontrollKontekst { Idag = new DateOnly(2024, 6, 1), Kodeverk = Kodeverkkatalog.Standard, Enhetsregister = m.Enhetsregister });

    [Fact]
    public async Task Is_not_loaded_before_any_unit_is_imported()
    {
        await using var m = await LagAsync();
        await m.LastAsync();

        Assert.False(m.Enhetsregister.ErLastet);
        Assert.Null(m.Enhetsregister.Finn(Konsern));
    }

    [Fact]
    public async Task Finds_hovedenheter_and_underenheter_with_their_overordnet_enhet()
    {
        await using var m = await MedKonsernAsync();

        Assert.True(m.Enhetsregister.ErLastet);
        Assert.Equal(new EnhetInfo(Konsern, true, null, null, false), m.Enhetsregister.Finn(Konsern));
        Assert.Equal(new EnhetInfo(KonsernAvd2, false, Konsern, null, false), m.Enhetsregister.Finn(KonsernAvd2));
        Assert.Null(m.Enhetsregister.Finn(Ny));
        Assert.Null(m.Enhetsregister.Finn("31000000"));
    }

    [Fact]
    public async Task Melding_whose_virksomhet_belongs_to_another_opplysningspliktig_gets_196()
    {
        await using var m = await MedKonsernAsync();

        var avvik = Kontroller(m, Konsern, KonsernAvd1, AnnenAvd);

        var regel196 = Assert.Single(avvik, a => a.Regel == Regelid.Underenhet);
        Assert.Equal(Alvorlighetsgrad.Oeyeblikkelig, regel196.Alvorlighetsgrad);
        Assert.Equal(AnnenAvd, regel196.Verdi);
        Assert.DoesNotContain(avvik, a => a.Regel == Regelid.Opplysningspliktig);
    }

    [Fact]
    public async Task Melding_whose_opplysningspliktig_is_an_underenhet_is_rejected()
    {
        await using var m = await MedKonsernAsync();

        var avvik = Kontroller(m, KonsernAvd1, KonsernAvd2);

        var regel = Assert.Single(avvik, a => a.Regel == Regelid.Opplysningspliktig);
        Assert.Equal(Alvorlighetsgrad.Avvisning, regel.Alvorlighetsgrad);
    }

    [Fact]
    public async Task Update_feed_applies_each_endringstype_once_and_keeps_its_cursor()
    {
        await using var m = await MedKonsernAsync();
        var ct = TestContext.Current.CancellationToken;
        var side = $$$"""
            {"_embedded":{"oppdaterteEnheter":[
              {"oppdateringsid":103,"dato":"2024-03-04T05:00:00.000Z","organisasjonsnummer":"{{{Annen}}}","endringstype":"Fjernet"},
              {"oppdateringsid":101,"dato":"2024-03-01T05:00:00.000Z","organisasjonsnummer":"{{{Ny}}}","endringstype":"Ny","enhet":{{{Hovedenhet(Ny, "ENK")}}}},
              {"oppdateringsid":102,"dato":"2024-03-02T05:00:00.000Z","organisasjonsnummer":"{{{Konsern}}}","endringstype":"Endring",
               "endringer":[{"op":"replace","path":"/navn","value":"NYTT NAVN AS"},{"op":"replace","path":"/konkurs","value":true},
                            {"op":"add","path":"/konkursdato","value":"2024-02-28"},{"op":"replace","path":"/antallAnsatte","value":4}]},
              {"oppdateringsid":104,"dato":"2024-03-05T05:00:00.000Z","organisasjonsnummer":"{{{Ny}}}","endringstype":"Sletting"},
              {"oppdateringsid":105,"dato":"2024-03-05T05:00:00.000Z","organisasjonsnummer":"{{{Ny}}}","endringstype":"Endring"}
            ]},"page":{"size":5,"totalElements":5,"totalPages":1,"number":0}}
            """;

        var r = await m.ImporterEnheterAsync(side);

        Assert.Equal((1, 1, 1, 1, 1, 105L), (r.Ny, r.Endring, r.Sletting, r.Fjernet, r.UtenInnhold, r.Oppdateringsid!.Value));
        Assert.Equal(105, await m.Store.HentOppdateringsmarkoerAsync(EnhetsregisterImport.EnheterFeed, ct));
        Assert.Null(await m.Store.HentOppdateringsmarkoerAsync(EnhetsregisterImport.UnderenheterFeed, ct));

        var konsern = await m.Store.HentEnhetAsync(Konsern, ct);
        Assert.Equal("NYTT NAVN AS", konsern!.Navn);
        Assert.Equal(Enhetsopphoer.Konkurs(new DateOnly(2024, 2, 28)), m.Enhetsregister.Opphoer(Konsern));

        // Fjernet: gone, as if never registered; its underenhet now points at an unknown unit.
        Assert.Null(await m.Store.HentEnhetAsync(Annen, ct));
        Assert.Null(m.Enhetsregister.Finn(Annen));

        // Ny, then Sletting without a slettedato: deleted on the day the deletion was published.
        var ny = m.Enhetsregister.Finn(Ny);
        Assert.Equal(new EnhetInfo(Ny, true, null, new DateOnly(2024, 3, 5), false), ny);
        Assert.Equal(Enhetsopphoer.Slettet(new DateOnly(2024, 3, 5)), m.Enhetsregister.Opphoer(Ny));

        // The same page again is skipped by the cursor.
        var igjen = await m.ImporterEnheterAsync(side);
        Assert.Equal(5, igjen.AlleredeAnvendt);
        Assert.Equal(0, igjen.Ny + igjen.Endring + igjen.Sletting + igjen.Fjernet);
    }

    [Fact]
    public async Task Underenhet_feed_has_its_own_cursor_and_patches_create_underenheter()
    {
        await using var m = await MedKonsernAsync();
        var ct = TestContext.Current.CancellationToken;
        var side = $$$"""
            {"_embedded":{"oppdaterteUnderenheter":[
              {"oppdateringsid":7,"dato":"2024-04-01T05:00:00Z","organisasjonsnummer":"{{{NyAvd}}}","endringstype":"Ny",
               "endringer":[{"op":"add","path":"/navn","value":"NY AVD"},{"op":"add","path":"/overordnetEnhet","value":"{{{Konsern}}}"},
                            {"op":"add","path":"/organisasjonsform","value":{"kode":"BEDR","beskrivelse":"Underenhet"}}]}
            ]}}
            """;

        await m.ImporterEnheterAsync(side);

        Assert.Equal(7, await m.Store.HentOppdateringsmarkoerAsync(EnhetsregisterImport.UnderenheterFeed, ct));
        Assert.Null(await m.Store.HentOppdateringsmarkoerAsync(EnhetsregisterImport.EnheterFeed, ct));
        Assert.Equal(new EnhetInfo(NyAvd, false, Konsern, null, false), m.Enhetsregister.Finn(NyAvd));
        Assert.DoesNotContain(Kontroller(m, Konsern, NyAvd), a => a.Regel == Regelid.Underenhet);
    }

    [Fact]
    public async Task Bankruptcy_without_konkursdato_is_dated_the_day_it_was_first_imported()
    {
        await using var m = await LagAsync(new DateOnly(2024, 6, 15));
        var konkurs = Bulk(Hovedenhet(Konsern, ekstra: ""","konkurs":true"""));
        await m.ImporterEnheterAsync(konkurs.Replace("\"konkurs\":false,", string.Empty, StringComparison.Ordinal));

        m.Tid.Idag = new DateOnly(2024, 7, 1);
        await m.ImporterEnheterAsync(konkurs.Replace("\"konkurs\":false,", string.Empty, StringComparison.Ordinal));

        Assert.Equal(Enhetsopphoer.Konkurs(new DateOnly(2024, 6, 15)), m.Enhetsregister.Opphoer(Konsern));
    }

    [Fact]
    public async Task Deleted_and_later_bankrupt_unit_ends_at_the_earlier_date()
    {
        await using var m = await LagAsync();
        await m.ImporterEnheterAsync(Bulk(
            Hovedenhet(Konsern, ekstra: ""","slettedato":"2024-01-31" """.TrimEnd()),
            Hovedenhet(Annen, ekstra: ""","slettedato":"2024-05-31" """.TrimEnd()).Replace("\"konkurs\":false", "\"konkurs\":true,\"konkursdato\":\"2024-03-01\"", StringComparison.Ordinal)));

        Assert.Equal(Enhetsopphoer.Slettet(new DateOnly(2024, 1, 31)), m.Enhetsregister.Opphoer(Konsern));
        Assert.Equal(Enhetsopphoer.Konkurs(new DateOnly(2024, 3, 1)), m.Enhetsregister.Opphoer(Annen));
        Assert.Null(m.Enhetsregister.Opphoer(Ny));
    }

    [Fact]
    public async Task Roles_are_replaced_per_unit_and_found_under_any_ident_of_the_person()
    {
        await using var m = await MedKonsernAsync();
        var dnr = "42109720369";
        static string Roller(string orgnr, params (string Kode, string Ident, bool Fratraadt)[] roller)
        {
            var personer = roller.Select(r =>
                "{\"type\":{\"kode\":\"" + r.Kode + "\"},\"person\":{\"fodselsnummer\":\"" + r.Ident
                + "\",\"fodselsdato\":\"1990-01-01\"},\"fratraadt\":" + (r.Fratraadt ? "true" : "false") + "}");

            // A role held by a unit (auditor) has no person: it cannot give anyone rights and is skipped.
            var revisor = "{\"type\":{\"kode\":\"REVI\"},\"enhet\":{\"organisasjonsnummer\":\"" + Annen + "\"},\"fratraadt\":false}";
            return "{\"organisasjonsnummer\":\"" + orgnr + "\",\"rollegrupper\":[{\"type\":{\"kode\":\"X\"},\"roller\":["
                + string.Join(",", personer.Append(revisor)) + "]}]}";
        }

        await m.ImporterEnheterAsync(Bulk(Roller(Konsern, ("DAGL", dnr, false), ("LEDE", Person2, false), ("DTSO", Person2, true))));
        await m.ImporterPersonerAsync($$"""{"type":"identbytte","gammelIdent":"{{dnr}}","nyIdent":"{{Person1}}","dato":"2024-01-10"}""");
        var ct = TestContext.Current.CancellationToken;

        Assert.Equal(["DAGL"], await m.Enhetsregister.RollerForAsync(Person1, Konsern, ct));
        Assert.Equal(["LEDE"], await m.Enhetsregister.RollerForAsync(Person2, Konsern, ct));
        Assert.Empty(await m.Enhetsregister.RollerForAsync(Person1, Annen, ct));

        // The role file gives a unit's complete set: the next one replaces it.
        await m.ImporterEnheterAsync(Bulk(Roller(Konsern, ("DAGL", Person2, false))));
        Assert.Empty(await m.Enhetsregister.RollerForAsync(Person1, Konsern, ct));
        Assert.Equal(["DAGL"], await m.Enhetsregister.RollerForAsync(Person2, Konsern, ct));
    }

    [Fact]
    public async Task Objects_without_a_valid_organisasjonsnummer_are_counted_and_skipped()
    {
        await using var m = await LagAsync();

        var r = await m.ImporterEnheterAsync(Bulk(Hovedenhet(Konsern), Hovedenhet("12345"), """{"navn":"UTEN NUMMER"}"""));

        Assert.Equal((1, 2), (r.Hovedenheter, r.Avvist));
        Assert.Equal(1, m.Enhetsregister.Antall);
    }

    [Fact]
    public async Task Malformed_file_stores_nothing()
    {
        await using var m = await LagAsync();

        await Assert.ThrowsAnyAsync<System.Text.Json.JsonException>(() => m.ImporterEnheterAsync("[" + Hovedenhet(Konsern) + ", {\"organisasjonsnummer\": "));

        Assert.Equal(0, (await m.Store.TellAsync(TestContext.Current.CancellationToken)).Hovedenheter);
    }
}

public sealed class SqliteEnhetsregisterTests : EnhetsregisterTests
{
    protected override Task<Referansemiljoe> LagAsync(DateOnly? idag = null) => Referansemiljoe.LagSqliteAsync(idag);
}

public sealed class PostgresEnhetsregisterTests(PostgresKlynge klynge) : EnhetsregisterTests
{
    protected override Task<Referansemiljoe> LagAsync(DateOnly? idag = null) => Referansemiljoe.LagPostgresAsync(klynge, idag);
}
