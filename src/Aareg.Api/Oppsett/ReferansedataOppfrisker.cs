using Aareg.Mottak.Referanse;

namespace Aareg.Api.Oppsett;

/// <summary>
/// Reference data is imported by the command line in another process; this picks up a new import within
/// half a minute (the check is one cheap version read when nothing has changed).
/// </summary>
public sealed partial class ReferansedataOppfrisker(Enhetsregister enhetsregister, Folkeregister folkeregister, ILogger<ReferansedataOppfrisker> logger)
    : BackgroundService
{
    private static readonly TimeSpan Intervall = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Intervall);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                if (await folkeregister.OppdaterHvisEndretAsync(stoppingToken) | await enhetsregister.OppdaterHvisEndretAsync(stoppingToken))
                {
                    LoggOppfrisket(logger);
                }
            }
#pragma warning disable CA1031 // a failed refresh keeps the previous snapshot; the next tick tries again
            catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
            {
                LoggFeilet(logger, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Referansedata lastet på nytt etter import.")]
    private static partial void LoggOppfrisket(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Oppfrisking av referansedata feilet; forrige utgave brukes.")]
    private static partial void LoggFeilet(ILogger logger, Exception e);
}
