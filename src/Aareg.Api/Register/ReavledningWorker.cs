using Aareg.Mottak.Referanse;
using Aareg.Register;
using Aareg.Storage;
using Aareg.Storage.Referanse;

namespace Aareg.Api.Register;

/// <summary>
/// The register's own periodic run (DOMAIN §6, ADR 0006 decision 11): re-derives the register with today's month and
/// today's reference data, so arbeidsforhold of employers that stopped reporting are closed (IBKAOR) and identbytter
/// and Enhetsregisteret closures (EROPPH/ERKONK) take effect without waiting for a melding. Runs every
/// <c>Aareg:Register:ReavledningMinutter</c> (default 60; 0 turns it off) and within half a minute of a committed
/// reference-data import (another process imports; the check is one version read). The first full run is one
/// interval after start, so a restart does not redo work. A failure is logged; the next tick tries again.
/// With several nodes on one PostgreSQL store, the run is a scheduled job claimed through the database
/// (<see cref="ILagring.TaJobblaasAsync"/>): the node that gets the lock derives, the others count the round as done.
/// </summary>
public sealed partial class ReavledningWorker(
    Registerbehandler behandler,
    IReferanseStore? referansestore,
    Folkeregister? folkeregister,
    Enhetsregister? enhetsregister,
    TimeProvider tid,
    IConfiguration konfig,
    ILogger<ReavledningWorker> logger,
    ILagring? lagring = null) : BackgroundService
{
    /// <summary>The job lock's name (<see cref="ILagring.TaJobblaasAsync"/>).</summary>
    public const string Jobb = "register-reavledning";

    private static readonly TimeSpan Sjekkintervall = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var intervall = TimeSpan.FromMinutes(konfig.GetValue("Aareg:Register:ReavledningMinutter", 60));
        if (intervall <= TimeSpan.Zero)
        {
            return;
        }

        var sistKjoert = tid.GetUtcNow();
        var harGrunnlag = false;
        long? referanseversjon = null;
        using var timer = new PeriodicTimer(Sjekkintervall, tid);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var versjon = referansestore is null ? null : (long?)await referansestore.HentVersjonAsync(stoppingToken);
                if (!harGrunnlag)
                {
                    // Baseline: what the service loaded at start is what the register was derived with.
                    (referanseversjon, harGrunnlag) = (versjon, true);
                    continue;
                }

                var referanseEndret = versjon != referanseversjon;
                if (!referanseEndret && tid.GetUtcNow() - sistKjoert < intervall)
                {
                    continue;
                }

                if (referanseEndret)
                {
                    // The snapshots must show the new import before the derivation reads them.
                    if (folkeregister is not null)
                    {
                        await folkeregister.OppdaterHvisEndretAsync(stoppingToken);
                    }

                    if (enhetsregister is not null)
                    {
                        await enhetsregister.OppdaterHvisEndretAsync(stoppingToken);
                    }
                }

                await using (var jobblaas = lagring is null ? null : await lagring.TaJobblaasAsync(Jobb, vent: false, stoppingToken))
                {
                    if (lagring is null || jobblaas is not null)
                    {
                        var antall = await behandler.ReavledAsync(ct: stoppingToken);
                        LoggKjoert(logger, antall, referanseEndret);
                    }
                    else
                    {
                        // Another node is deriving right now, with the same month and reference data.
                        LoggAnnenNode(logger);
                    }
                }

                referanseversjon = versjon;
                sistKjoert = tid.GetUtcNow();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The worker must survive any failure; the next tick derives again (idempotent).
            catch (Exception feil)
#pragma warning restore CA1031
            {
                LoggFeil(logger, feil);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Registeret avledet på nytt: {Antall} opplysningspliktige endret (referansedata endret: {ReferanseEndret})")]
    private static partial void LoggKjoert(ILogger logger, int antall, bool referanseEndret);

    [LoggerMessage(Level = LogLevel.Information, Message = "Registeret avledes på nytt av en annen node; denne runden hoppes over")]
    private static partial void LoggAnnenNode(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Ny avledning av registeret feilet; prøver igjen ved neste intervall")]
    private static partial void LoggFeil(ILogger logger, Exception feil);
}
