using Aareg.Mottak.Referanse;
using Aareg.Register;
using Aareg.Storage;
using Aareg.Storage.Referanse;
using Aareg.Storage.Register;

namespace Aareg.Api.Register;

/// <summary>
/// Wakes the register worker early (e.g. right after intake accepted a melding), so a melding is BEHANDLET soon
/// after its receipt without the worker polling hard.
/// </summary>
public sealed class Registersignal : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Signaliser()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: one wake-up covers every melding queued so far.
        }
    }

    internal Task<bool> VentAsync(TimeSpan tidsavbrudd, CancellationToken ct) => _signal.WaitAsync(tidsavbrudd, ct);

    public void Dispose() => _signal.Dispose();
}

/// <summary>
/// Applies accepted meldinger to the register in the background (DOMAIN §6, ADR 0006): apply everything queued,
/// then wait briefly or until signalled. Idle cost is one indexed queue query per interval. A failure is logged and
/// retried after a pause; the queue keeps every unapplied melding, so nothing is lost.
/// </summary>
public sealed partial class RegisterWorker(
    Registerbehandler behandler,
    Registersignal signal,
    IConfiguration konfig,
    ILogger<RegisterWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var intervall = TimeSpan.FromMilliseconds(konfig.GetValue("Aareg:Register:IntervallMs", 200));
        var pause = TimeSpan.FromSeconds(5);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var antall = await behandler.BehandleAsync(stoppingToken);
                if (antall > 0)
                {
                    LoggAnvendt(logger, antall);
                }

                await signal.VentAsync(intervall, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The worker must survive any failure; the melding stays queued and is retried.
            catch (Exception feil)
#pragma warning restore CA1031
            {
                LoggFeil(logger, feil);
                await Task.Delay(pause, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Anvendte {Antall} a-meldinger på registeret")]
    private static partial void LoggAnvendt(ILogger logger, int antall);

    [LoggerMessage(Level = LogLevel.Error, Message = "Anvendelse på registeret feilet; prøver igjen")]
    private static partial void LoggFeil(ILogger logger, Exception feil);
}

public static class RegisterbehandlingOppsett
{
    /// <summary>
    /// The key of the backend's own register store; <see cref="IRegisterStore"/> resolves to it unless something
    /// decorates it (tests record the reads through a wrapper around this one).
    /// </summary>
    public const string LagretRegister = "lagret";

    /// <summary>
    /// The register store, the applier, its background worker and the periodic re-derivation. Needs a
    /// <see cref="ILagring"/> and a <see cref="TimeProvider"/> in the container; uses <see cref="Folkeregister"/>,
    /// <see cref="Enhetsregister"/> and <see cref="IReferanseStore"/> when registered (identbytte, EROPPH/ERKONK).
    /// <c>Aareg:Register:Parallellitet</c> sets how many opplysningspliktige are derived at once (default 1 on SQLite:
    /// one writer, and intake shares the machine; 2 on PostgreSQL, where nodes also share the work through claims);
    /// <c>Aareg:Register:ReavledningMinutter</c> how often the
    /// register re-derives itself (default 60, 0 = never).
    /// </summary>
    public static IServiceCollection AddRegisterbehandling(this IServiceCollection services)
    {
        services.AddSingleton<IRegisterreferanse>(sp => new Registerreferanse(sp.GetService<Folkeregister>(), sp.GetService<Enhetsregister>()));
        services.AddKeyedSingleton(LagretRegister, (sp, _) =>
            sp.GetRequiredService<ILagring>().LagRegister(sp.GetRequiredService<IRegisterreferanse>().AlleIdenter));
        services.AddSingleton(sp => sp.GetRequiredKeyedService<IRegisterStore>(LagretRegister));
        services.AddSingleton(sp => new Registerbehandler(
            sp.GetRequiredService<IRegisterStore>(),
            sp.GetRequiredService<TimeProvider>(),
            new RegisterbehandlerValg(Math.Max(1, sp.GetRequiredService<IConfiguration>().GetValue<int?>("Aareg:Register:Parallellitet")
                ?? (sp.GetRequiredService<ILagring>().Type == Lagringstype.Postgres ? 2 : 1))),
            sp.GetRequiredService<IRegisterreferanse>()));
        services.AddSingleton<Registersignal>();
        services.AddHostedService<RegisterWorker>();
        services.AddHostedService(sp => new ReavledningWorker(
            sp.GetRequiredService<Registerbehandler>(),
            sp.GetService<IReferanseStore>(),
            sp.GetService<Folkeregister>(),
            sp.GetService<Enhetsregister>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IConfiguration>(),
            sp.GetRequiredService<ILogger<ReavledningWorker>>(),
            sp.GetService<ILagring>()));
        return services;
    }
}
