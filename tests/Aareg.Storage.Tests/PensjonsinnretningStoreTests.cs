using System.Globalization;
using System.Text;
using Aareg.Domain.Tid;
using Aareg.Storage.Pensjon;

namespace Aareg.Storage.Tests;

/// <summary>
/// The behavioural suite for <see cref="IPensjonsinnretningStore"/>, the store-level side of the OTP access rule
/// (API §2, ADR 0007; end to end in Aareg.Api.Tests' OtpApiTests): which months of an opplysningspliktig have meldinger
/// in force and which institutions they name. The data comes in the way intake writes it, through the melding store
/// on the same database. Each backend derives one class; tests in a class share one database, so each uses its own
/// opplysningspliktig.
/// </summary>
public abstract class PensjonsinnretningStoreTests : IAsyncDisposable
{
    private const string InstitusjonA = "938708606";
    private const string InstitusjonB = "974652277";
    private static long _teller = Random.Shared.Next(10_000_000, 80_000_000);

    private readonly List<IAsyncDisposable> _aapne = [];

    /// <summary>A melding store and a pension store on the class's database; each call is a separate node.</summary>
    protected abstract Task<(IMeldingStore Meldinger, IPensjonsinnretningStore Pensjon, IAsyncDisposable Eier)> LagNodeAsync();

    protected async Task<(IMeldingStore Meldinger, IPensjonsinnretningStore Pensjon)> NodeAsync()
    {
        var (meldinger, pensjon, eier) = await LagNodeAsync();
        _aapne.Add(eier);
        await meldinger.MigrerAsync(Ct);
        return (meldinger, pensjon);
    }

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected static string NyOpplysningspliktig() =>
        "9" + Interlocked.Increment(ref _teller).ToString("D8", CultureInfo.InvariantCulture);

    protected static Kalendermaaned M(string tekst) => Kalendermaaned.Parse(tekst);

    /// <summary>A melding as intake stores it; <paramref name="virksomheter"/> 0 with no institution is a null-out.</summary>
    protected static NyMelding Melding(
        string opplysningspliktig,
        string meldingsId,
        string maaned,
        string[]? institusjoner = null,
        int virksomheter = 1,
        bool avvist = false,
        Guid? erstatter = null) =>
        new(
            MottaksId: Guid.NewGuid(),
            Avsender: opplysningspliktig,
            Mottatt: new DateTimeOffset(2025, 4, 5, 10, 15, 30, TimeSpan.Zero),
            Format: "xml",
            Opplysningspliktig: opplysningspliktig,
            Kalendermaaned: M(maaned),
            MeldingsId: meldingsId,
            ErstatterMeldingsId: null,
            Avvist: avvist,
            Innholdshash: System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(meldingsId + maaned)),
            Omfang: new Meldingsomfang(virksomheter, virksomheter, virksomheter),
            Avvik: [],
            Raa: Encoding.UTF8.GetBytes($"<melding id=\"{meldingsId}\"/>"),
            Parsed: avvist ? null : Encoding.UTF8.GetBytes($"{{\"meldingsId\":\"{meldingsId}\"}}"),
            Erstatter: erstatter,
            Idempotensnoekkel: null,
            ForespoerselHash: null,
            Pensjonsinnretninger: institusjoner);

    protected static async Task<NyMelding> LagreAsync(IMeldingStore store, NyMelding melding)
    {
        await using var tx = await store.StartMottakAsync(melding.Opplysningspliktig, Ct);
        await tx.LagreAsync(melding, Ct);
        await tx.CommitAsync(Ct);
        return melding;
    }

    /// <summary>The answer as comparable text: "yyyy-MM:A,B" per month, institutions sorted.</summary>
    protected static async Task<string[]> HentAsync(IPensjonsinnretningStore store, string opplysningspliktig, string fra, string til) =>
        [.. (await store.HentAsync(opplysningspliktig, M(fra), M(til), Ct))
            .Select(m => m.Maaned + ":" + string.Join(",", m.Pensjonsinnretninger.Order(StringComparer.Ordinal)))];

    [Fact]
    public async Task Months_with_meldinger_in_force_list_the_institutions_they_name_in_month_order()
    {
        var (meldinger, pensjon) = await NodeAsync();
        var o = NyOpplysningspliktig();

        // Stored out of order and across a year end; December's two meldinger name A (twice) and B between them.
        await LagreAsync(meldinger, Melding(o, "des-1", "2024-12", [InstitusjonA, InstitusjonA]));
        await LagreAsync(meldinger, Melding(o, "jan", "2025-01"));
        await LagreAsync(meldinger, Melding(o, "nov", "2024-11", [InstitusjonA]));
        await LagreAsync(meldinger, Melding(o, "des-2", "2024-12", [InstitusjonB, InstitusjonA]));

        // January has a melding naming no institution: present, with no one; February has none at all: absent.
        Assert.Equal(
            [$"2024-11:{InstitusjonA}", $"2024-12:{InstitusjonA},{InstitusjonB}", "2025-01:"],
            await HentAsync(pensjon, o, "2024-10", "2025-03"));
    }

    [Fact]
    public async Task The_period_bounds_are_inclusive_and_months_outside_it_are_left_out()
    {
        var (meldinger, pensjon) = await NodeAsync();
        var o = NyOpplysningspliktig();
        foreach (var maaned in new[] { "2025-01", "2025-02", "2025-03" })
        {
            await LagreAsync(meldinger, Melding(o, "m-" + maaned, maaned, [InstitusjonA]));
        }

        Assert.Equal([$"2025-02:{InstitusjonA}"], await HentAsync(pensjon, o, "2025-02", "2025-02"));
        Assert.Equal([$"2025-02:{InstitusjonA}", $"2025-03:{InstitusjonA}"], await HentAsync(pensjon, o, "2025-02", "2025-12"));
        Assert.Empty(await HentAsync(pensjon, o, "2024-01", "2024-12"));
    }

    [Fact]
    public async Task A_rejected_melding_counts_for_nothing_even_when_it_names_an_institution()
    {
        var (meldinger, pensjon) = await NodeAsync();
        var o = NyOpplysningspliktig();
        await LagreAsync(meldinger, Melding(o, "avvist", "2025-01", [InstitusjonA], avvist: true));
        await LagreAsync(meldinger, Melding(o, "avvist", "2025-02", [InstitusjonA], avvist: true));
        await LagreAsync(meldinger, Melding(o, "feb", "2025-02", [InstitusjonB]));

        Assert.Equal([$"2025-02:{InstitusjonB}"], await HentAsync(pensjon, o, "2025-01", "2025-02"));
    }

    [Fact]
    public async Task A_replaced_melding_no_longer_counts_and_its_replacement_does()
    {
        var (meldinger, pensjon) = await NodeAsync();
        var o = NyOpplysningspliktig();
        var mai = await LagreAsync(meldinger, Melding(o, "r-1", "2025-05", [InstitusjonB]));
        var juni = await LagreAsync(meldinger, Melding(o, "r-3", "2025-06", [InstitusjonB]));
        Assert.Equal([$"2025-05:{InstitusjonB}", $"2025-06:{InstitusjonB}"], await HentAsync(pensjon, o, "2025-05", "2025-06"));

        // May is replaced by a melding naming A; June by one naming no institution (but with content).
        await LagreAsync(meldinger, Melding(o, "r-2", "2025-05", [InstitusjonA], erstatter: mai.MottaksId));
        await LagreAsync(meldinger, Melding(o, "r-4", "2025-06", erstatter: juni.MottaksId));

        Assert.Equal([$"2025-05:{InstitusjonA}", "2025-06:"], await HentAsync(pensjon, o, "2025-05", "2025-06"));
    }

    [Fact]
    public async Task A_null_out_withdraws_the_month_as_if_it_had_no_meldinger()
    {
        var (meldinger, pensjon) = await NodeAsync();
        var o = NyOpplysningspliktig();
        var juni = await LagreAsync(meldinger, Melding(o, "r-3", "2025-06", [InstitusjonB]));
        await LagreAsync(meldinger, Melding(o, "r-5", "2025-07", [InstitusjonB]));

        await LagreAsync(meldinger, Melding(o, "r-4", "2025-06", virksomheter: 0, erstatter: juni.MottaksId));

        Assert.Equal([$"2025-07:{InstitusjonB}"], await HentAsync(pensjon, o, "2025-06", "2025-07"));
    }

    [Fact]
    public async Task A_null_out_beside_other_meldinger_in_force_leaves_their_month()
    {
        var (meldinger, pensjon) = await NodeAsync();
        var o = NyOpplysningspliktig();
        await LagreAsync(meldinger, Melding(o, "a", "2025-01", [InstitusjonA]));
        await LagreAsync(meldinger, Melding(o, "tom-1", "2025-01", virksomheter: 0));
        await LagreAsync(meldinger, Melding(o, "b", "2025-02"));
        await LagreAsync(meldinger, Melding(o, "tom-2", "2025-02", virksomheter: 0));
        await LagreAsync(meldinger, Melding(o, "tom-3", "2025-03", virksomheter: 0));

        Assert.Equal([$"2025-01:{InstitusjonA}", "2025-02:"], await HentAsync(pensjon, o, "2025-01", "2025-03"));
    }

    [Fact]
    public async Task A_melding_without_virksomheter_that_names_an_institution_is_not_a_null_out()
    {
        var (meldinger, pensjon) = await NodeAsync();
        var o = NyOpplysningspliktig();
        await LagreAsync(meldinger, Melding(o, "m", "2025-01", [InstitusjonA], virksomheter: 0));

        Assert.Equal([$"2025-01:{InstitusjonA}"], await HentAsync(pensjon, o, "2025-01", "2025-01"));
    }

    [Fact]
    public async Task Only_the_asked_opplysningspliktig_is_seen_and_an_unknown_one_has_no_months()
    {
        var (meldinger, pensjon) = await NodeAsync();
        var o = NyOpplysningspliktig();
        var annen = NyOpplysningspliktig();
        await LagreAsync(meldinger, Melding(o, "m", "2025-01", [InstitusjonA]));
        await LagreAsync(meldinger, Melding(annen, "m", "2025-01", [InstitusjonB]));
        await LagreAsync(meldinger, Melding(annen, "m2", "2025-02", [InstitusjonB]));

        Assert.Equal([$"2025-01:{InstitusjonA}"], await HentAsync(pensjon, o, "2025-01", "2025-02"));
        Assert.Empty(await HentAsync(pensjon, NyOpplysningspliktig(), "2000-01", "2099-12"));
    }

    [Fact]
    public async Task A_melding_stored_on_one_node_is_seen_at_once_by_the_pension_store_of_another()
    {
        var (node1, _) = await NodeAsync();
        var (node2, pensjon2) = await NodeAsync();
        var o = NyOpplysningspliktig();
        var m1 = await LagreAsync(node1, Melding(o, "m1", "2025-03", [InstitusjonA]));
        Assert.Equal([$"2025-03:{InstitusjonA}"], await HentAsync(pensjon2, o, "2025-03", "2025-03"));

        await LagreAsync(node2, Melding(o, "m2", "2025-03", [InstitusjonB], erstatter: m1.MottaksId));

        Assert.Equal([$"2025-03:{InstitusjonB}"], await HentAsync(pensjon2, o, "2025-03", "2025-03"));
    }

    [Fact]
    public async Task An_empty_opplysningspliktig_is_refused()
    {
        var (_, pensjon) = await NodeAsync();

        await Assert.ThrowsAnyAsync<ArgumentException>(() => pensjon.HentAsync(string.Empty, M("2025-01"), M("2025-02"), Ct));
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
