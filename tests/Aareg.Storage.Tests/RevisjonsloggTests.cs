using System.Data.Common;
using System.Security.Cryptography;
using Aareg.Domain.Revisjon;
using Aareg.Storage.Revisjon;

namespace Aareg.Storage.Tests;

/// <summary>
/// The behavioural suite for the hash-chained audit log (<see cref="IRevisjonslogg"/> and <see cref="IRevisjonsleser"/>,
/// API §8), run on both backends. The chain is global to a database, so every test gets a database of its own.
/// Tampering is done in SQL straight on the database, past the append-only triggers, the way someone with direct
/// access would, and the chain verification must name it.
/// </summary>
public abstract class RevisjonsloggTests : IAsyncDisposable
{
    protected const string Person = "01017012345";
    protected const string NyIdent = "41017012345";
    protected const string AnnenPerson = "02028012345";

    private readonly List<IAsyncDisposable> _noder = [];
    private readonly List<string> _databaser = [];

    /// <summary>A new, empty database: a file path or a connection string.</summary>
    protected abstract Task<string> LagDatabaseAsync();

    protected abstract Task SlettDatabaseAsync(string database);

    /// <summary>A migrated audit log on <paramref name="database"/>; each call is a separate node (its own connections).</summary>
    protected abstract Task<(IRevisjonslogg Logg, IRevisjonsleser Leser, IAsyncDisposable Eier)> LagNodeAsync(string database);

    /// <summary>SQL on an ordinary connection; with <paramref name="forbiVernet"/> the append-only triggers are taken away first.</summary>
    protected abstract Task UtfoerAsync(string database, string sql, bool forbiVernet = false);

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected async Task<string> DatabaseAsync()
    {
        var database = await LagDatabaseAsync();
        _databaser.Add(database);
        return database;
    }

    protected async Task<(IRevisjonslogg Logg, IRevisjonsleser Leser)> NodeAsync(string database)
    {
        var (logg, leser, eier) = await LagNodeAsync(database);
        _noder.Add(eier);
        return (logg, leser);
    }

    /// <summary>A lookup record; times carry 100 ns digits, which must survive the store exactly (the hash covers them).</summary>
    protected static Oppslagsrevisjon Post(int i, string person = Person, bool skjult = false, string? konsument = "910000001") => new(
        Tidspunkt: new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero).AddMinutes(i).AddTicks(i * 1234),
        Personident: person,
        Konsument: konsument,
        Databehandler: i % 3 == 0 ? "987976535" : null,
        Bruker: i % 4 == 0 ? "Z990001" : null,
        Formaal: "TEST",
        Saksreferanse: i % 2 == 0 ? $"sak-{i}|æøå=\\" : null,
        AvtaleId: i % 5 == 0 ? null : "avtale-1",
        Avtaleversjon: i % 5 == 0 ? null : 2,
        Operasjon: "arbeidstaker-arbeidsforhold",
        Kanal: "API",
        Filtre: "?historikk=true",
        AntallArbeidsforhold: i,
        Beslutning: i % 7 == 0 ? Revisjonsbeslutning.Avslaatt : Revisjonsbeslutning.Tillatt,
        Begrunnelse: i % 7 == 0 ? "adressebeskyttelse" : null,
        Korrelasjonsid: $"kor-{i}",
        SkjultForPerson: skjult);

    /// <summary>Ten records in three appends.</summary>
    protected static async Task SkrivTiAsync(IRevisjonslogg logg)
    {
        await logg.SkrivAsync([Post(1), Post(2), Post(3)], Ct);
        await logg.SkrivAsync([Post(4, skjult: true)], Ct);
        await logg.SkrivAsync([.. Enumerable.Range(5, 6).Select(i => Post(i))], Ct);
    }

    protected static async Task<List<Kjedepost>> KjedeAsync(IRevisjonsleser leser)
    {
        var kjede = new List<Kjedepost>();
        await foreach (var post in leser.LesKjedeAsync(Ct))
        {
            kjede.Add(post);
        }

        return kjede;
    }

    protected static async Task<List<LagretRevisjon>> LesAsync(IRevisjonsleser leser, DateTimeOffset? fra = null, DateTimeOffset? til = null)
    {
        var poster = new List<LagretRevisjon>();
        await foreach (var post in leser.LesAsync(fra, til, Ct))
        {
            poster.Add(post);
        }

        return poster;
    }

    protected static Task<IReadOnlyList<Kjedefunn>> VerifiserAsync(IRevisjonsleser leser, Sjekkpunkt? sjekkpunkt = null, ECDsa? nokkel = null) =>
        Kjedeverifisering.VerifiserAsync(leser.LesKjedeAsync(Ct), sjekkpunkt, nokkel, Ct);

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _noder)
        {
            await node.DisposeAsync();
        }

        foreach (var database in _databaser)
        {
            await SlettDatabaseAsync(database);
        }

        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Written_records_form_a_chain_that_verifies_and_read_back_unchanged()
    {
        var (logg, leser) = await NodeAsync(await DatabaseAsync());
        await SkrivTiAsync(logg);

        var lest = await LesAsync(leser);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), lest.Select(l => l.Sekvensnummer));
        Assert.Equal(Enumerable.Range(1, 10).Select(i => Post(i, skjult: i == 4)), lest.Select(l => l.Post));

        var kjede = await KjedeAsync(leser);
        Assert.Equal(Revisjonskjede.Start.ToArray(), kjede[0].ForrigeHash);
        for (var i = 1; i < kjede.Count; i++)
        {
            Assert.Equal(kjede[i - 1].Hash, kjede[i].ForrigeHash);
        }

        Assert.Equal(Revisjonsfelter.Felter(Post(3)), kjede[2].Felter);
        var hode = await leser.HentHodeAsync(Ct);
        Assert.Equal(10, hode!.Sekvensnummer);
        Assert.Equal(kjede[^1].Hash, hode.Hash);
        Assert.Empty(await VerifiserAsync(leser));
    }

    [Fact]
    public async Task An_empty_log_has_no_head_and_verifies_and_an_empty_append_writes_nothing()
    {
        var (logg, leser) = await NodeAsync(await DatabaseAsync());

        await logg.SkrivAsync([], Ct);

        Assert.Null(await leser.HentHodeAsync(Ct));
        Assert.Empty(await KjedeAsync(leser));
        Assert.Empty(await VerifiserAsync(leser));
        Assert.Null(await leser.HentSisteSjekkpunktAsync(Ct));
    }

    [Fact]
    public async Task Concurrent_appends_on_one_node_form_one_verifiable_chain()
    {
        var (logg, leser) = await NodeAsync(await DatabaseAsync());

        await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            Task.Run(() => logg.SkrivAsync([.. Enumerable.Range(0, 1 + (i % 3)).Select(j => Post((i * 10) + j))], Ct), Ct)));

        var antall = Enumerable.Range(0, 200).Sum(i => 1 + (i % 3));
        Assert.Empty(await VerifiserAsync(leser));
        Assert.Equal(antall, (await leser.HentHodeAsync(Ct))!.Sekvensnummer);
        Assert.Equal(Enumerable.Range(1, antall).Select(i => (long)i), (await KjedeAsync(leser)).Select(k => k.Sekvensnummer));

        // Each call's records stay together and in order: a group never interleaves two callers.
        var lest = await LesAsync(leser);
        foreach (var gruppe in lest.GroupBy(l => l.Post.AntallArbeidsforhold / 10))
        {
            var sekvenser = gruppe.Select(g => g.Sekvensnummer).ToList();
            Assert.Equal(Enumerable.Range(0, sekvenser.Count).Select(i => sekvenser[0] + i), sekvenser);
        }
    }

    [Fact]
    public async Task The_persons_insight_finds_records_under_any_of_the_persons_idents_within_the_time_window()
    {
        var (logg, leser) = await NodeAsync(await DatabaseAsync());
        await logg.SkrivAsync([Post(5, NyIdent), Post(1), Post(2, AnnenPerson), Post(3, skjult: true), Post(4, NyIdent)], Ct);

        var alle = await leser.HentForPersonAsync([Person, NyIdent], null, null, Ct);
        Assert.Equal([2L, 4L, 5L, 1L], alle.Select(a => a.Sekvensnummer));
        Assert.Equal([Post(1), Post(3, skjult: true), Post(4, NyIdent), Post(5, NyIdent)], alle.Select(a => a.Post));

        // fra inclusive, til exclusive.
        var vindu = await leser.HentForPersonAsync([Person, NyIdent], Post(3).Tidspunkt, Post(5).Tidspunkt, Ct);
        Assert.Equal([4L, 5L], vindu.Select(a => a.Sekvensnummer));
        Assert.Equal([2L], (await leser.HentForPersonAsync([Person], null, Post(3).Tidspunkt, Ct)).Select(a => a.Sekvensnummer));
        Assert.Empty(await leser.HentForPersonAsync([], null, null, Ct));
        Assert.Empty(await leser.HentForPersonAsync(["03038012345"], null, null, Ct));
    }

    [Fact]
    public async Task The_export_reads_records_in_sequence_order_within_the_time_window()
    {
        var (logg, leser) = await NodeAsync(await DatabaseAsync());
        await SkrivTiAsync(logg);
        await logg.SkrivAsync([Post(0)], Ct);

        Assert.Equal(Enumerable.Range(1, 11).Select(i => (long)i), (await LesAsync(leser)).Select(l => l.Sekvensnummer));
        var vindu = await LesAsync(leser, Post(3).Tidspunkt, Post(6).Tidspunkt);
        Assert.Equal([3L, 4L, 5L], vindu.Select(l => l.Sekvensnummer));
        Assert.Equal([1L, 2L, 11L], (await LesAsync(leser, til: Post(3).Tidspunkt)).Select(l => l.Sekvensnummer));
        Assert.Equal([9L, 10L], (await LesAsync(leser, fra: Post(9).Tidspunkt)).Select(l => l.Sekvensnummer));
        Assert.Contains("cn1=3 ", Cef.Linje(vindu[0]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_record_is_refused_and_nothing_of_its_append_is_written()
    {
        var (logg, leser) = await NodeAsync(await DatabaseAsync());
        await logg.SkrivAsync([Post(1)], Ct);

        await Assert.ThrowsAsync<ArgumentException>(() => logg.SkrivAsync([Post(2), Post(3) with { Personident = "" }], Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => logg.SkrivAsync([Post(2) with { Korrelasjonsid = " " }], Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => logg.SkrivAsync([Post(2) with { Beslutning = (Revisjonsbeslutning)9 }], Ct));

        Assert.Equal(1, (await leser.HentHodeAsync(Ct))!.Sekvensnummer);
    }

    [Fact]
    public async Task A_write_that_cannot_be_committed_fails_every_caller_in_its_group()
    {
        var database = await DatabaseAsync();
        var (logg, _) = await NodeAsync(database);
        await SkrivTiAsync(logg);
        await UtfoerAsync(database, "ALTER TABLE revisjon RENAME TO revisjon_borte");

        var skrivinger = Enumerable.Range(0, 5).Select(i => logg.SkrivAsync([Post(100 + i)], Ct)).ToList();

        foreach (var skriving in skrivinger)
        {
            await Assert.ThrowsAnyAsync<DbException>(() => skriving);
        }
    }

    [Fact]
    public async Task The_table_refuses_update_and_delete_through_an_ordinary_connection()
    {
        var database = await DatabaseAsync();
        var (logg, leser) = await NodeAsync(database);
        await SkrivTiAsync(logg);

        await Assert.ThrowsAnyAsync<DbException>(() => UtfoerAsync(database, "UPDATE revisjon SET formaal = 'x'"));
        await Assert.ThrowsAnyAsync<DbException>(() => UtfoerAsync(database, "DELETE FROM revisjon"));

        Assert.Equal(10, (await LesAsync(leser)).Count);
        Assert.Empty(await VerifiserAsync(leser));
    }

    [Fact]
    public async Task Verification_names_an_updated_field()
    {
        var database = await DatabaseAsync();
        var (logg, leser) = await NodeAsync(database);
        await SkrivTiAsync(logg);

        await UtfoerAsync(database, "UPDATE revisjon SET konsument = '974760673' WHERE sekvensnummer = 6", forbiVernet: true);

        var funn = Assert.Single(await VerifiserAsync(leser));
        Assert.Equal(new Kjedefunn(Kjedefunntype.Endret, 6, 6), funn);
    }

    [Fact]
    public async Task Verification_names_a_deleted_row()
    {
        var database = await DatabaseAsync();
        var (logg, leser) = await NodeAsync(database);
        await SkrivTiAsync(logg);

        await UtfoerAsync(database, "DELETE FROM revisjon WHERE sekvensnummer = 4", forbiVernet: true);

        var funn = Assert.Single(await VerifiserAsync(leser));
        Assert.Equal(Kjedefunntype.Fjernet, funn.Type);
        Assert.Equal(4, funn.Fra);
    }

    [Fact]
    public async Task A_stored_checkpoint_comes_back_as_the_newest_and_catches_a_cut_tail()
    {
        var database = await DatabaseAsync();
        var (logg, leser) = await NodeAsync(database);
        using var nokkel = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var offentlig = Revisjonsnokkel.OffentligPem(nokkel);
        await logg.SkrivAsync([Post(1), Post(2)], Ct);
        var tidlig = await SignerHodetAsync(leser, nokkel, new DateTimeOffset(2025, 4, 1, 8, 0, 0, TimeSpan.Zero).AddTicks(7));
        await leser.LagreSjekkpunktAsync(new LagretSjekkpunkt(tidlig, offentlig), Ct);
        await logg.SkrivAsync([.. Enumerable.Range(3, 8).Select(i => Post(i))], Ct);
        var sjekkpunkt = await SignerHodetAsync(leser, nokkel, new DateTimeOffset(2025, 4, 1, 9, 0, 0, TimeSpan.Zero).AddTicks(3));
        await leser.LagreSjekkpunktAsync(new LagretSjekkpunkt(sjekkpunkt, offentlig), Ct);
        await leser.LagreSjekkpunktAsync(new LagretSjekkpunkt(sjekkpunkt, offentlig), Ct);

        var lagret = await leser.HentSisteSjekkpunktAsync(Ct);
        Assert.NotNull(lagret);
        Assert.Equal(offentlig, lagret.OffentligNokkelPem);
        Assert.Equal(10, lagret.Sjekkpunkt.Sekvensnummer);
        Assert.Equal(sjekkpunkt.Hash, lagret.Sjekkpunkt.Hash);
        Assert.Equal(sjekkpunkt.Tidspunkt, lagret.Sjekkpunkt.Tidspunkt);
        Assert.True(lagret.Sjekkpunkt.ErGyldig(nokkel));
        Assert.Empty(await VerifiserAsync(leser, lagret.Sjekkpunkt, nokkel));

        // Cutting the tail leaves a chain that is consistent in itself: only the checkpoint shows it.
        await UtfoerAsync(database, "DELETE FROM revisjon WHERE sekvensnummer > 7", forbiVernet: true);
        Assert.Empty(await VerifiserAsync(leser));
        Assert.Equal(new Kjedefunn(Kjedefunntype.Avkortet, 8, 10), Assert.Single(await VerifiserAsync(leser, lagret.Sjekkpunkt, nokkel)));
    }

    private static async Task<Sjekkpunkt> SignerHodetAsync(IRevisjonsleser leser, ECDsa nokkel, DateTimeOffset tidspunkt)
    {
        var hode = await leser.HentHodeAsync(Ct);
        return Sjekkpunkt.Signer(hode!.Sekvensnummer, hode.Hash, tidspunkt, nokkel);
    }
}
