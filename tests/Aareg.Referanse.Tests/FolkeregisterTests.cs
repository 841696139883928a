using Aareg.Tests.Felles;

namespace Aareg.Referanse.Tests;

/// <summary>Folkeregisteret import and snapshot; the same suite on each backend (the derived classes).</summary>
public abstract class FolkeregisterTests
{
    /// <summary>A fresh, empty store on the derived class's backend.</summary>
    protected abstract Task<Referansemiljoe> LagAsync(DateOnly? idag = null);

    private const string Dnr = "42109720369";
    private const string Fnr1 = "02029404855";
    private const string Fnr2 = "12106346508";
    private const string Annen = "14076412317";

    private static string Bytte(string gammel, string ny, string dato) =>
        $$"""{"type":"identbytte","gammelIdent":"{{gammel}}","nyIdent":"{{ny}}","dato":"{{dato}}"}""";

    private static string Beskyttelse(string ident, string gradering, string dato) =>
        $$"""{"type":"adressebeskyttelse","ident":"{{ident}}","gradering":"{{gradering}}","dato":"{{dato}}"}""";

    [Fact]
    public async Task Identbytte_chain_resolves_every_old_ident_to_the_current_one()
    {
        await using var m = await LagAsync();

        // Out of order on purpose: the chain is built from the facts, not from the file order.
        await m.ImporterPersonerAsync(Bytte(Fnr1, Fnr2, "2023-05-01"), Bytte(Dnr, Fnr1, "2020-02-01"));

        Assert.Equal(Fnr2, m.Folkeregister.Kanonisk(Dnr));
        Assert.Equal(Fnr2, m.Folkeregister.Kanonisk(Fnr1));
        Assert.Equal(Fnr2, m.Folkeregister.Kanonisk(Fnr2));
        Assert.Equal(Annen, m.Folkeregister.Kanonisk(Annen));
        Assert.Equal([(Dnr, false), (Fnr1, false), (Fnr2, true)], m.Folkeregister.AlleIdenter(Dnr));
        Assert.Equal(m.Folkeregister.AlleIdenter(Dnr), m.Folkeregister.AlleIdenter(Fnr2));
        Assert.Equal([(Annen, true)], m.Folkeregister.AlleIdenter(Annen));
    }

    [Fact]
    public async Task Latest_adressebeskyttelse_wins_and_ugradert_lifts_it()
    {
        await using var m = await LagAsync();

        await m.ImporterPersonerAsync(
            Beskyttelse(Fnr1, "strengtFortrolig", "2022-06-01"),
            Beskyttelse(Fnr1, "fortrolig", "2021-01-01"),
            Beskyttelse(Annen, "fortrolig", "2020-01-01"),
            Beskyttelse(Annen, "ugradert", "2023-01-01"));

        Assert.Equal("strengtFortrolig", m.Folkeregister.Adressebeskyttelse(Fnr1));
        Assert.Null(m.Folkeregister.Adressebeskyttelse(Annen));
        Assert.Null(m.Folkeregister.Adressebeskyttelse(Fnr2));

        // A later file adds a newer event: it applies over the stored ones.
        await m.ImporterPersonerAsync(Beskyttelse(Fnr1, "ugradert", "2024-02-01"));
        Assert.Null(m.Folkeregister.Adressebeskyttelse(Fnr1));
    }

    [Fact]
    public async Task Protection_registered_under_an_old_ident_holds_for_every_ident_of_the_person()
    {
        await using var m = await LagAsync();

        await m.ImporterPersonerAsync(Beskyttelse(Dnr, "strengtFortroligUtland", "2019-03-01"), Bytte(Dnr, Fnr1, "2020-02-01"));

        Assert.Equal("strengtFortroligUtland", m.Folkeregister.Adressebeskyttelse(Fnr1));
        Assert.Equal("strengtFortroligUtland", m.Folkeregister.Adressebeskyttelse(Dnr));
    }

    [Fact]
    public async Task Reimport_is_a_no_op_and_bad_lines_are_counted_not_stored()
    {
        await using var m = await LagAsync();
        string[] linjer =
        [
            Bytte(Dnr, Fnr1, "2020-02-01"),
            Beskyttelse(Fnr1, "fortrolig", "2021-01-01"),
            Beskyttelse(Fnr2, "hemmelig", "2021-01-01"),
            Bytte("123", Fnr2, "2021-01-01"),
            """{"type":"doedsfall","ident":"02029404855","dato":"2021-01-01"}""",
        ];

        var foerste = await m.ImporterPersonerAsync(linjer);
        var andre = await m.ImporterPersonerAsync(linjer);

        Assert.Equal(new Mottak.Referanse.FolkeregisterImportresultat(1, 1, 3), foerste);
        Assert.Equal(foerste, andre);
        var omfang = await m.Store.TellAsync(TestContext.Current.CancellationToken);
        Assert.Equal((1L, 1L), (omfang.Identbytter, omfang.Adressebeskyttelser));
    }
}

public sealed class SqliteFolkeregisterTests : FolkeregisterTests
{
    protected override Task<Referansemiljoe> LagAsync(DateOnly? idag = null) => Referansemiljoe.LagSqliteAsync(idag);
}

public sealed class PostgresFolkeregisterTests(PostgresKlynge klynge) : FolkeregisterTests
{
    protected override Task<Referansemiljoe> LagAsync(DateOnly? idag = null) => Referansemiljoe.LagPostgresAsync(klynge, idag);
}
