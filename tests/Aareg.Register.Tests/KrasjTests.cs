using Aareg.Domain.Register;
using Aareg.Storage;
using Aareg.Tests.Felles;
using static Aareg.Register.Tests.Meldinger;

namespace Aareg.Register.Tests;

/// <summary>Crash safety (ADR 0006): a crash at any point loses nothing and applies nothing twice.</summary>
public abstract class KrasjTests(Lager lager)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<Registermiljoe> StartAsync(RegisterbehandlerValg? valg = null) => Registermiljoe.StartAsync(lager, valg);

    [Fact]
    public async Task Meldinger_accepted_but_never_applied_are_applied_exactly_once_by_a_new_process()
    {
        await using var m = await StartAsync();
        var kvitteringer = new List<Kvittering>
        {
            await m.SendAsync(Lag("m1", "2025-01", null, new Af(Person, "af-1"))),
            await m.SendAsync(Lag("m2", "2025-02", null, new Af(Person, "af-1", Prosent: 50m))),
            await m.SendAsync(Lag("m3", "2025-03", null, new Af(Person, "af-1", Prosent: 50m), new Af(AnnenPerson, "af-2"))),
        };

        // The process dies before the applier ran: every in-process object is gone, only the file remains.
        await m.StartPaaNyttAsync();
        Assert.All(await Task.WhenAll(kvitteringer.Select(k => m.KvitteringAsync(k.MottaksId))), k => Assert.Equal(Behandlingsstatus.Mottatt, k.Behandlingsstatus));

        Assert.Equal(3, await m.Behandler.BehandleAsync(ct: Ct));
        await m.StartPaaNyttAsync();
        Assert.Equal(0, await m.Behandler.BehandleAsync(ct: Ct));

        Assert.All(await Task.WhenAll(kvitteringer.Select(k => m.KvitteringAsync(k.MottaksId))), k => Assert.Equal(Behandlingsstatus.Behandlet, k.Behandlingsstatus));
        Assert.Equal(3, await m.TellAsync("SELECT COUNT(*) FROM behandlet"));
        Assert.Equal(3, await m.TellAsync("SELECT COUNT(*) FROM register_hendelse"));
        Assert.Equal(3, await m.TellAsync("SELECT COUNT(*) FROM arbeidsforhold_versjon"));
        await AssertGapFreeAsync(m);
    }

    [Theory]
    [InlineData("lukket")]
    [InlineData("versjoner")]
    [InlineData("hendelser")]
    [InlineData("foer-commit")]
    public async Task Failure_inside_the_apply_transaction_leaves_nothing_and_a_retry_applies_once(string punkt)
    {
        await using var m = await StartAsync();
        await m.SendAsync(Lag("m1", "2025-01", null, new Af(Person, "af-1"), new Af(AnnenPerson, "af-2")));
        await m.Behandler.BehandleAsync(ct: Ct);
        var k2 = await m.SendAsync(Lag("m1b", "2025-01", "m1", new Af(Person, "af-1", Prosent: 40m), new Af(Person, "af-3")));

        m.Feilpunkt = p =>
        {
            if (p == punkt)
            {
                throw new IOException("Simulert krasj");
            }
        };
        await Assert.ThrowsAsync<IOException>(() => m.Behandler.BehandleAsync(ct: Ct));

        // Nothing of the failed melding is visible.
        Assert.Equal(Behandlingsstatus.Mottatt, (await m.KvitteringAsync(k2.MottaksId)).Behandlingsstatus);
        Assert.Equal(2, await m.TellAsync("SELECT COUNT(*) FROM arbeidsforhold_versjon"));
        Assert.Equal(2, await m.TellAsync("SELECT COUNT(*) FROM arbeidsforhold_versjon WHERE bruk_tom IS NULL"));
        Assert.Equal(2, await m.TellAsync("SELECT COUNT(*) FROM register_hendelse"));
        Assert.Equal(2, await m.TellAsync("SELECT verdi FROM register_sekvens WHERE navn = 'navArbeidsforholdId'"));

        m.Feilpunkt = null;
        Assert.Equal(1, await m.Behandler.BehandleAsync(ct: Ct));
        Assert.Equal(0, await m.Behandler.BehandleAsync(ct: Ct));

        Assert.Equal(Behandlingsstatus.Behandlet, (await m.KvitteringAsync(k2.MottaksId)).Behandlingsstatus);
        var hendelser = await m.Register.HentHendelserAsync(1, 100, ct: Ct);
        Assert.Equal(
            [Endringstype.Opprettelse, Endringstype.Opprettelse, Endringstype.Endring, Endringstype.Opprettelse, Endringstype.Sletting],
            hendelser.Select(h => h.Endringstype));
        Assert.Equal(2, (await m.Register.HentForPersonAsync(Person, ct: Ct)).Count);
        Assert.Empty(await m.Register.HentForPersonAsync(AnnenPerson, ct: Ct));
        await AssertGapFreeAsync(m);
    }

    [Fact]
    public async Task Failed_apply_that_a_new_process_retries_gives_the_same_register_as_a_clean_run()
    {
        await using var ren = await StartAsync();
        await using var krasj = await StartAsync();
        var meldinger = new[]
        {
            Lag("m1", "2025-01", null, new Af(Person, "af-1"), new Af(AnnenPerson, "af-2")),
            Lag("m2", "2025-02", null, new Af(Person, "af-1", Prosent: 60m), new Af(AnnenPerson, "af-2")),
            Lag("m1b", "2025-01", "m1", new Af(Person, "af-1")),
            Lag("m3", "2025-03", null, new Af(Person, "af-1", Prosent: 60m)),
        };
        foreach (var melding in meldinger)
        {
            await ren.SendAsync(melding);
            await krasj.SendAsync(melding);
        }

        await ren.Behandler.BehandleAsync(ct: Ct);

        var kall = 0;
        krasj.Feilpunkt = p =>
        {
            if (p == "hendelser" && ++kall == 3)
            {
                throw new IOException("Simulert krasj");
            }
        };
        await Assert.ThrowsAsync<IOException>(() => krasj.Behandler.BehandleAsync(ct: Ct));
        await krasj.StartPaaNyttAsync();
        Assert.Equal(2, await krasj.Behandler.BehandleAsync(ct: Ct));

        Assert.Equal(await Registerbilde.LagAsync(ren), await Registerbilde.LagAsync(krasj));
        await AssertGapFreeAsync(krasj);
    }

    internal static async Task AssertGapFreeAsync(Registermiljoe m)
    {
        var hendelser = await m.Register.HentHendelserAsync(0, 1_000_000, ct: Ct);
        Assert.Equal(Enumerable.Range(1, hendelser.Count).Select(i => (long)i), hendelser.Select(h => h.Sekvensnummer));
        Assert.Equal(hendelser.Count, await m.Register.SisteSekvensnummerAsync(ct: Ct));
    }
}

public sealed class SqliteKrasjTests() : KrasjTests(Lager.Sqlite);

public sealed class PostgresKrasjTests(PostgresKlynge klynge) : KrasjTests(Lager.Postgres(klynge));
