using System.Globalization;
using Aareg.Api.Oppsett;
using Aareg.Api.Oppslag;
using Aareg.Mottak.Referanse;
using Aareg.Storage.Revisjon;
using Aareg.Storage.Tilgang;
using Aareg.Tilgang;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Aareg.Api.Tilgang;

/// <summary>Deployment settings of the pipeline (<c>Aareg:Tilgang</c>).</summary>
public sealed class TilgangInnstillinger
{
    /// <summary>Lookups per minute for an agreement without its own <c>MaksOppslagPerMinutt</c>.</summary>
    public int MaksOppslagPerMinutt { get; set; } = 1200;
}

/// <summary>The outcome of <see cref="Tilgangskontroll.VurderAsync"/>: a permit, or the problem to answer with.</summary>
public sealed record Tilgangsvurdering(Tilgangsbeslutning? Beslutning, ProblemHttpResult? Problem);

/// <summary>
/// The access-control pipeline in front of every personal-data read (ARCHITECTURE: authenticate → caller context →
/// agreement (active, scope, channel, data processor) → purpose → population rules → query with only the allowed
/// data elements → audit (fail closed) → respond). Authentication and the token scope are the authorisation
/// middleware's; this class does the rest, and the endpoint calls it in that order: <see cref="VurderAsync"/>
/// before anything is read, <see cref="ErSkjermet"/> for each person, <see cref="Tilgangsbeslutning.Utvalg"/> for
/// the query, <see cref="RevisjonAsync"/> before the answer is written.
/// </summary>
public sealed partial class Tilgangskontroll(
    IAvtaleStore avtaler,
    IRevisjonslogg revisjonslogg,
    Folkeregister folkeregister,
    Oppslagsbegrensning begrensning,
    IOptions<TilgangInnstillinger> innstillinger,
    TimeProvider tid,
    ILogger<Tilgangskontroll> logg)
{
    public const string FormaalHeader = "Nav-Formaal";
    public const string SaksreferanseHeader = "Nav-Saksreferanse";

    private static readonly TimeZoneInfo Norge = TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo");

    /// <summary>
    /// Finds the agreement that allows this request (API §7) and takes one lookup from the consumer's rate. A deny
    /// names the failed condition with a stable code (<see cref="Tilgangskoder"/>); when the request names a person
    /// (<paramref name="personident"/>), the deny is audited for that person.
    /// </summary>
    public async Task<Tilgangsvurdering> VurderAsync(HttpContext http, string? personident, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(http);
        var endepunkt = http.GetEndpoint();
        var krav = endepunkt?.Metadata.GetMetadata<PersondataMetadata>()
            ?? throw new InvalidOperationException("Endepunktet leser persondata uten å være merket med KreverAvtale.");
        var operasjon = endepunkt.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? http.Request.Path.Value ?? "";
        var kaller = Kallerkontekst.Fra(http.User);
        var formaal = Tekst(http.Request.Headers[FormaalHeader].ToString());
        var saksreferanse = Tekst(http.Request.Headers[SaksreferanseHeader].ToString());

        async Task<Tilgangsvurdering> Nei(string kode, string detalj, Avtale? avtale = null)
        {
            if (personident is not null)
            {
                var post = Post(http, kaller, avtale, formaal, saksreferanse, operasjon, krav.Kanal, personident, 0, Revisjonsbeslutning.Avslaatt, kode);
                try
                {
                    await revisjonslogg.SkrivAsync([post], ct);
                }
                catch (Exception feil) when (feil is not OperationCanceledException)
                {
                    // The request is refused anyway; the missing deny record is an operational fault to see.
                    LoggAvslagIkkeRevidert(logg, kode, feil);
                }
            }

            return new Tilgangsvurdering(null, Problemer.IkkeTilgang(http, kode, detalj));
        }

        if (kaller.Consumer is not { } konsument)
        {
            return await Nei(Tilgangskoder.Avtale, "Tokenet har ingen organisasjon (consumer) med avtale.");
        }

        var idag = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(tid.GetUtcNow(), Norge).DateTime);
        var alle = await avtaler.FinnForKonsumentAsync(konsument, ct);
        var gyldige = alle
            .Where(a => a.Status != Avtalestatus.Avsluttet && a.GyldigFra <= idag && (a.GyldigTil is not { } til || til >= idag))
            .OrderBy(a => a.Id, StringComparer.Ordinal)
            .ToList();
        if (gyldige.Count == 0)
        {
            return await Nei(Tilgangskoder.Avtale, "Organisasjonen har ingen gjeldende avtale om tilgang til Aa-registeret.");
        }

        var aktive = gyldige.Where(a => a.Status == Avtalestatus.Aktiv).ToList();
        if (aktive.Count == 0)
        {
            return await Nei(Tilgangskoder.Suspendert, "Organisasjonens avtale er suspendert.", gyldige[0]);
        }

        var kandidater = aktive.Where(a => a.Scopes.Contains(krav.Scope, StringComparer.Ordinal)).ToList();
        if (kandidater.Count == 0)
        {
            return await Nei(Tilgangskoder.Scope, $"Avtalen dekker ikke scope {krav.Scope}.", aktive[0]);
        }

        var medKanal = kandidater.Where(a => a.Kanaler.Contains(krav.Kanal, StringComparer.OrdinalIgnoreCase)).ToList();
        if (medKanal.Count == 0)
        {
            return await Nei(Tilgangskoder.Kanal, $"Avtalen gir ikke tilgang gjennom kanalen {krav.Kanal}.", kandidater[0]);
        }

        kandidater = medKanal;
        if (krav.Otp)
        {
            var medOtp = kandidater.Where(a => a.Otp).ToList();
            if (medOtp.Count == 0)
            {
                return await Nei(Tilgangskoder.Otp, "Avtalen gir ikke tilgang til pensjons-API-et (OTP).", kandidater[0]);
            }

            kandidater = medOtp;
        }

        // A supplier acting for the consumer must be the agreement's data processor (API §9 supplier claim).
        if (kaller.Supplier is { } leverandoer && leverandoer != konsument)
        {
            var medBehandler = kandidater.Where(a => a.Databehandler == leverandoer).ToList();
            if (medBehandler.Count == 0)
            {
                return await Nei(Tilgangskoder.Databehandler, "Leverandøren i tokenet er ikke databehandler i avtalen.", kandidater[0]);
            }

            kandidater = medBehandler;
        }

        // API §7: Nav-Formaal is a purpose of the agreement, and required when the agreement has more than one.
        var medFormaal = formaal is null
            ? kandidater.Where(a => a.Formaal.Count <= 1).ToList()
            : kandidater.Where(a => a.Formaal.Contains(formaal, StringComparer.Ordinal)).ToList();
        if (medFormaal.Count == 0)
        {
            return await Nei(
                Tilgangskoder.Formaal,
                formaal is null
                    ? $"Headeren {FormaalHeader} er påkrevd fordi avtalen har flere formål."
                    : $"Formålet i {FormaalHeader} er ikke et formål i avtalen.",
                kandidater[0]);
        }

        var avtale = medFormaal[0];
        var perMinutt = avtale.MaksOppslagPerMinutt ?? innstillinger.Value.MaksOppslagPerMinutt;
        if (begrensning.Ta(konsument, Math.Max(1, perMinutt)) is { } vent)
        {
            var sekunder = Math.Max(1, (int)Math.Ceiling(vent.TotalSeconds));
            http.Response.Headers.RetryAfter = sekunder.ToString(CultureInfo.InvariantCulture);
            return new Tilgangsvurdering(null, Problemer.Lag(
                http, StatusCodes.Status429TooManyRequests, Tilgangskoder.ForMange, "For mange oppslag",
                $"Avtalen tillater {perMinutt} oppslag i minuttet. Prøv igjen om {sekunder} sekunder."));
        }

        return new Tilgangsvurdering(
            new Tilgangsbeslutning(
                avtale,
                kaller,
                Tilgangsbeslutning.Elementer(avtale),
                formaal ?? (avtale.Formaal.Count == 1 ? avtale.Formaal[0] : null),
                saksreferanse,
                krav.Kanal,
                operasjon),
            null);
    }

    /// <summary>
    /// Population rule (DOMAIN §3, API §7): a person with protected address is left out unless the agreement may see
    /// such persons. Any of the person's idents gives the same answer.
    /// </summary>
    public bool ErSkjermet(Tilgangsbeslutning beslutning, string personident)
    {
        ArgumentNullException.ThrowIfNull(beslutning);
        return !beslutning.Avtale.SeAdressebeskyttede && folkeregister.Adressebeskyttelse(personident) is not null;
    }

    /// <summary>
    /// Writes the lookup's audit records (API §8: one per person, before the answer). Null when written; otherwise
    /// the 503 problem to answer with instead of the data (fail closed).
    /// </summary>
    public async Task<ProblemHttpResult?> RevisjonAsync(HttpContext http, Tilgangsbeslutning beslutning, Revisjonsgrunnlag grunnlag, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(beslutning);
        ArgumentNullException.ThrowIfNull(grunnlag);
        var poster = grunnlag.Utfall
            .Select(u => Post(
                http, beslutning.Kaller, beslutning.Avtale, beslutning.Formaal, beslutning.Saksreferanse, beslutning.Operasjon,
                beslutning.Kanal, u.Person, u.Antall, u.Avslag is null ? Revisjonsbeslutning.Tillatt : Revisjonsbeslutning.Avslaatt, u.Avslag))
            .ToList();
        if (poster.Count == 0)
        {
            return null;
        }

        try
        {
            await revisjonslogg.SkrivAsync(poster, ct);
            return null;
        }
        catch (Exception feil) when (feil is not OperationCanceledException)
        {
            LoggRevisjonFeilet(logg, poster.Count, feil);
            return Problemer.Lag(
                http, StatusCodes.Status503ServiceUnavailable, Tilgangskoder.Revisjon, "Oppslaget kunne ikke revideres",
                "Oppslaget ble avvist fordi revisjonsloggen ikke kunne skrives. Prøv igjen senere.");
        }
    }

    /// <summary>
    /// Refuses a read that filters on a data element the agreement does not allow: the filter would be answered from
    /// data the store is not allowed to read.
    /// </summary>
    public static ProblemHttpResult? KreverElement(HttpContext http, Tilgangsbeslutning beslutning, Dataelement element, bool brukes, string hva)
    {
        ArgumentNullException.ThrowIfNull(beslutning);
        return !brukes || beslutning.Dataelementer.Contains(element)
            ? null
            : Problemer.IkkeTilgang(http, Tilgangskoder.Dataelement, $"{hva} bruker dataelementet {Dataelementkatalog.Navn(element)}, som avtalen ikke gir tilgang til.");
    }

    private Oppslagsrevisjon Post(
        HttpContext http,
        Kallerkontekst kaller,
        Avtale? avtale,
        string? formaal,
        string? saksreferanse,
        string operasjon,
        string kanal,
        string personident,
        int antall,
        Revisjonsbeslutning beslutning,
        string? begrunnelse) => new(
            Tidspunkt: tid.GetUtcNow(),
            Personident: personident,
            Konsument: kaller.Consumer,
            Databehandler: kaller.Supplier,
            Bruker: kaller.Pid,
            Formaal: formaal,
            Saksreferanse: saksreferanse,
            AvtaleId: avtale?.Id,
            Avtaleversjon: avtale?.Versjon,
            Operasjon: operasjon,
            Kanal: kanal,
            // Idents travel in headers, never in the query string, so the filters hold no personal data.
            Filtre: http.Request.QueryString.HasValue ? http.Request.QueryString.Value : null,
            AntallArbeidsforhold: antall,
            Beslutning: beslutning,
            Begrunnelse: begrunnelse,
            Korrelasjonsid: Korrelasjon.Hent(http),
            SkjultForPerson: avtale?.SkjultForPerson ?? false);

    private static string? Tekst(string? verdi) => string.IsNullOrWhiteSpace(verdi) ? null : verdi.Trim();

    [LoggerMessage(Level = LogLevel.Error, Message = "Revisjonsloggen kunne ikke skrives ({Antall} poster); oppslaget ble avvist.")]
    private static partial void LoggRevisjonFeilet(ILogger logger, int antall, Exception feil);

    [LoggerMessage(Level = LogLevel.Error, Message = "Et avslag ({Kode}) kunne ikke skrives til revisjonsloggen.")]
    private static partial void LoggAvslagIkkeRevidert(ILogger logger, string kode, Exception feil);
}
