using Aareg.Api.Oppsett;
using Aareg.Domain.Identer;
using Aareg.Storage.Tilgang;
using Aareg.Tilgang;
using Aareg.Tilgang.Avtaler;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Aareg.Api.Endpoints;

/// <summary>What the applicant fills in (API §7); every field optional in a draft, all required to send.</summary>
public sealed record SoknadBody(
    string? Organisasjonsnummer,
    string? Type,
    string? AvtaleId,
    Hjemmel? Hjemmel,
    IReadOnlyList<string>? Formaal,
    string? Formaalsbeskrivelse,
    string? Behandlingsgrunnlag,
    IReadOnlyList<string>? Dataelementer,
    IReadOnlyList<Kanalvalg>? Kanaler,
    Kontaktpersoner? Kontaktpersoner,
    string? Databehandler,
    BruksvilkaarBody? Bruksvilkaar);

/// <summary>Acceptance of the terms of use: the version the applicant read; who and when are recorded by the server.</summary>
public sealed record BruksvilkaarBody(string? Versjon, bool Godtatt);

public sealed record VenterBody(string? Melding);

public sealed record VedtakBody(
    string? Utfall,
    string? Begrunnelse,
    IReadOnlyList<string>? InnvilgedeDataelementer,
    IReadOnlyList<string>? InnvilgedeKanaler,
    DateOnly? GyldigTil);

public sealed record StatusendringDto(string Status, DateTimeOffset Tidspunkt, string Av, string? Melding);

public sealed record VedtakDto(
    string Utfall,
    string Begrunnelse,
    IReadOnlyList<string> InnvilgedeDataelementer,
    IReadOnlyList<string> InnvilgedeKanaler,
    DateOnly? GyldigTil,
    DateTimeOffset Tidspunkt,
    string Saksbehandler,
    string? AvtaleId,
    int? AvtaleVersjon);

public sealed record SoknadDto(
    string Id,
    string Organisasjonsnummer,
    string Status,
    string Type,
    string? AvtaleId,
    Hjemmel? Hjemmel,
    IReadOnlyList<string> Formaal,
    string? Formaalsbeskrivelse,
    string? Behandlingsgrunnlag,
    IReadOnlyList<string> Dataelementer,
    IReadOnlyList<Kanalvalg> Kanaler,
    Kontaktpersoner? Kontaktpersoner,
    string? Databehandler,
    Bruksvilkaaraksept? Bruksvilkaar,
    Soekerbevis? Soeker,
    VedtakDto? Vedtak,
    IReadOnlyList<StatusendringDto> Historikk,
    DateTimeOffset Opprettet,
    DateTimeOffset Endret)
{
    public static SoknadDto Fra(Soknad s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var i = s.Innhold;
        return new SoknadDto(
            s.Id, s.Organisasjonsnummer, SoknadApi.Statuskode(s.Status), i.Type == Soknadstype.Ny ? "ny" : "utvidelse", i.AvtaleId,
            i.Hjemmel, i.Formaal, i.Formaalsbeskrivelse, i.Behandlingsgrunnlag, i.Dataelementer, i.Kanaler, i.Kontaktpersoner,
            i.Databehandler, s.Bruksvilkaar, s.Soeker,
            s.Vedtak is { } v
                ? new VedtakDto(SoknadApi.Utfallskode(v.Utfall), v.Begrunnelse, v.InnvilgedeDataelementer, v.InnvilgedeKanaler, v.GyldigTil, v.Tidspunkt, v.Saksbehandler, v.AvtaleId, v.AvtaleVersjon)
                : null,
            [.. s.Historikk.Select(h => new StatusendringDto(SoknadApi.Statuskode(h.Status), h.Tidspunkt, h.Av, h.Melding))],
            s.Opprettet,
            s.Endret);
    }
}

/// <summary>
/// Applications for access (API §7): the applicant's side (person token, acting for an organisation they hold the
/// right for) and the owner's case handling (role <c>saksbehandler</c>).
/// </summary>
public static class SoknadApi
{
    public static IEndpointRouteBuilder MapSoknadApi(this IEndpointRouteBuilder app)
    {
        var gruppe = app.MapGroup("/api/v1/soknader").WithTags("Søknad om tilgang").RequireAuthorization();

        gruppe.MapPost("", OpprettAsync).WithName("OpprettSoknad")
            .WithSummary("Oppretter et utkast til søknad for organisasjonen (body eller Nav-Organisasjonsnummer)")
            .Produces<SoknadDto>(StatusCodes.Status201Created).ProducesProblem(400).ProducesProblem(401).ProducesProblem(403);
        gruppe.MapPut("/{id}", EndreAsync).WithName("EndreSoknad")
            .WithSummary("Endrer et utkast (eller en søknad saksbehandler venter på svar på)")
            .Produces<SoknadDto>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        gruppe.MapPost("/{id}/send", SendAsync).WithName("SendSoknad")
            .WithSummary("Sender søknaden: krever at den er komplett, og registrerer hvem som sendte og rettigheten deres")
            .Produces<SoknadDto>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        gruppe.MapGet("", ListAsync).WithName("ListSoknader")
            .WithSummary("Organisasjonens søknader (saksbehandler: alle, eventuelt filtrert på status)")
            .Produces<IReadOnlyList<SoknadDto>>().ProducesProblem(400).ProducesProblem(403);
        gruppe.MapGet("/{id}", HentAsync).WithName("HentSoknad")
            .WithSummary("En søknad med statushistorikk og vedtak")
            .Produces<SoknadDto>().ProducesProblem(403).ProducesProblem(404);
        gruppe.MapPost("/{id}/behandling", TaAsync).WithName("TaSoknadTilBehandling")
            .WithSummary("Saksbehandler tar søknaden til behandling (UNDER_BEHANDLING)")
            .Produces<SoknadDto>().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        gruppe.MapPost("/{id}/venter", VenterAsync).WithName("VentPaaSoeker")
            .WithSummary("Saksbehandler ber søker om mer (VENTER_PAA_SOEKER) med en melding")
            .Produces<SoknadDto>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        gruppe.MapPost("/{id}/vedtak", VedtakAsync).WithName("FattVedtak")
            .WithSummary("Saksbehandler fatter vedtak; innvilgelse lager en ny avtale eller en ny versjon av avtalen som utvides")
            .Produces<SoknadDto>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        return app;
    }

    public static string Statuskode(Soknadsstatus status) => status switch
    {
        Soknadsstatus.Utkast => "UTKAST",
        Soknadsstatus.Sendt => "SENDT",
        Soknadsstatus.UnderBehandling => "UNDER_BEHANDLING",
        Soknadsstatus.VenterPaaSoeker => "VENTER_PAA_SOEKER",
        Soknadsstatus.Innvilget => "INNVILGET",
        Soknadsstatus.DelvisInnvilget => "DELVIS_INNVILGET",
        _ => "AVSLAATT",
    };

    public static string Utfallskode(Vedtaksutfall utfall) => utfall switch
    {
        Vedtaksutfall.Innvilget => "innvilget",
        Vedtaksutfall.DelvisInnvilget => "delvisInnvilget",
        _ => "avslaatt",
    };

    private static async Task<Results<Created<SoknadDto>, ProblemHttpResult>> OpprettAsync(
        HttpContext http, Kallerkontekst kaller, [FromBody] SoknadBody body,
        [FromHeader(Name = Tilgangsforvaltning.OrganisasjonHeader)] string? orgHeader,
        Tilgangsforvaltning forvaltning, ISoknadStore store, IOptions<Tilgangsinnstillinger> innstillinger, TimeProvider tid, CancellationToken ct)
    {
        var (orgnr, orgProblem) = Orgnr(http, body.Organisasjonsnummer ?? orgHeader);
        if (orgProblem is not null)
        {
            return orgProblem;
        }

        if (await KrevRettAsync(http, kaller, orgnr!, forvaltning, ct) is { } ingenRett)
        {
            return ingenRett;
        }

        var naa = tid.GetUtcNow();
        var (innhold, feil) = Innhold(body, Soknadsinnhold.Tom, forvaltning);
        if (feil is not null)
        {
            return Problemer.UgyldigForespoersel(http, "Søknaden har ugyldige verdier.", feil);
        }

        var soknad = new Soknad(
            Guid.CreateVersion7().ToString("N"), orgnr!, Soknadsstatus.Utkast, innhold,
            Aksept(body.Bruksvilkaar, null, kaller.Pid!, naa, innstillinger.Value), null, null,
            [new Statusendring(Soknadsstatus.Utkast, naa, kaller.Pid!, null)], naa, naa);
        await store.LagreAsync(soknad, ct);
        return TypedResults.Created($"/api/v1/soknader/{soknad.Id}", SoknadDto.Fra(soknad));
    }

    private static async Task<Results<Ok<SoknadDto>, ProblemHttpResult>> EndreAsync(
        HttpContext http, Kallerkontekst kaller, string id, [FromBody] SoknadBody body,
        Tilgangsforvaltning forvaltning, ISoknadStore store, IOptions<Tilgangsinnstillinger> innstillinger, TimeProvider tid, CancellationToken ct)
    {
        var (soknad, problem) = await HentForSoekerAsync(http, kaller, id, forvaltning, store, ct);
        if (problem is not null)
        {
            return problem;
        }

        if (!Soknadsregler.KanEndres(soknad!.Status))
        {
            return Konflikt(http, $"Søknaden er {Statuskode(soknad.Status)} og kan ikke endres.");
        }

        if (body.Organisasjonsnummer is not null && body.Organisasjonsnummer != soknad.Organisasjonsnummer)
        {
            return Problemer.UgyldigForespoersel(http, "Søkerorganisasjonen kan ikke endres.", new Dictionary<string, string[]> { ["organisasjonsnummer"] = ["Søkerorganisasjonen kan ikke endres; opprett en ny søknad."] });
        }

        var (innhold, feil) = Innhold(body, Soknadsinnhold.Tom, forvaltning);
        if (feil is not null)
        {
            return Problemer.UgyldigForespoersel(http, "Søknaden har ugyldige verdier.", feil);
        }

        var naa = tid.GetUtcNow();
        var endret = soknad with
        {
            Innhold = innhold,
            Bruksvilkaar = Aksept(body.Bruksvilkaar, soknad.Bruksvilkaar, kaller.Pid!, naa, innstillinger.Value),
            Endret = naa,
        };
        await store.LagreAsync(endret, ct);
        return TypedResults.Ok(SoknadDto.Fra(endret));
    }

    private static async Task<Results<Ok<SoknadDto>, ProblemHttpResult>> SendAsync(
        HttpContext http, Kallerkontekst kaller, string id,
        Tilgangsforvaltning forvaltning, ISoknadStore store, IAvtaleStore avtaler, IOptions<Tilgangsinnstillinger> innstillinger, TimeProvider tid, CancellationToken ct)
    {
        if (KrevPerson(http, kaller) is { } ikkePerson)
        {
            return ikkePerson;
        }

        var pid = kaller.Pid!;
        var soknad = await store.HentAsync(id, ct);
        if (soknad is null)
        {
            return Problemer.IkkeFunnet(http, "Fant ingen søknad med denne id-en.");
        }

        // The right is checked now and its evidence recorded in the application (API §7: checked when sent).
        var bevis = await forvaltning.SjekkAsync(pid, soknad.Organisasjonsnummer, ct);
        if (bevis is null)
        {
            return Problemer.IkkeTilgang(http, Feilkoder.IkkeTilgang, Soknadsrett.ManglendeRettighet(soknad.Organisasjonsnummer));
        }

        if (!Soknadsregler.KanEndres(soknad.Status))
        {
            return Konflikt(http, $"Søknaden er {Statuskode(soknad.Status)} og kan ikke sendes.");
        }

        var feil = Soknadsregler.Valider(soknad.Innhold, komplett: true, TilgangOppsett.Dataelementnavn, forvaltning.DatabehandlerFeil);
        var versjon = innstillinger.Value.BruksvilkaarVersjon;
        if (soknad.Bruksvilkaar?.Versjon != versjon)
        {
            feil["bruksvilkaar"] = [$"Bruksvilkårene (versjon {versjon}) må godtas før søknaden sendes."];
        }

        if (soknad.Innhold.Type == Soknadstype.Utvidelse && soknad.Innhold.AvtaleId is { } avtaleId
            && await avtaler.HentAsync(avtaleId, ct: ct) is var avtale
            && (avtale is null || avtale.Konsument != soknad.Organisasjonsnummer || avtale.Status == Avtalestatus.Avsluttet))
        {
            feil["avtaleId"] = ["Fant ingen gjeldende avtale for organisasjonen med denne id-en."];
        }

        if (feil.Count > 0)
        {
            return Problemer.UgyldigForespoersel(http, "Søknaden er ikke komplett.", feil);
        }

        var naa = tid.GetUtcNow();
        var nyStatus = soknad.Status == Soknadsstatus.Utkast ? Soknadsstatus.Sendt : Soknadsstatus.UnderBehandling;
        var sendt = Soknadsregler.MedStatus(soknad, nyStatus, naa, pid, nyStatus == Soknadsstatus.UnderBehandling ? "Søker har svart." : null) with
        {
            Soeker = new Soekerbevis(pid, bevis.Rolle, bevis.DelegeringId, naa),
        };
        await store.LagreAsync(sendt, ct);
        return TypedResults.Ok(SoknadDto.Fra(sendt));
    }

    private static async Task<Results<Ok<IReadOnlyList<SoknadDto>>, ProblemHttpResult>> ListAsync(
        HttpContext http, Kallerkontekst kaller, string? status,
        [FromHeader(Name = Tilgangsforvaltning.OrganisasjonHeader)] string? orgHeader,
        Saksbehandlere saksbehandlere, Tilgangsforvaltning forvaltning, ISoknadStore store, CancellationToken ct)
    {
        if (saksbehandlere.ErSaksbehandler(http, kaller) && orgHeader is null)
        {
            Soknadsstatus? filter = null;
            if (status is not null)
            {
                var treff = Enum.GetValues<Soknadsstatus>().Where(s => Statuskode(s) == status).ToList();
                if (treff.Count == 0)
                {
                    return Problemer.UgyldigForespoersel(http, "Ukjent status.", new Dictionary<string, string[]> { ["status"] = ["Ukjent status."] });
                }

                filter = treff[0];
            }

            return TypedResults.Ok<IReadOnlyList<SoknadDto>>([.. (await store.ListAsync(filter, ct)).Select(SoknadDto.Fra)]);
        }

        var (orgnr, problem) = Orgnr(http, orgHeader);
        if (problem is not null)
        {
            return problem;
        }

        if (await KrevRettAsync(http, kaller, orgnr!, forvaltning, ct) is { } ingenRett)
        {
            return ingenRett;
        }

        return TypedResults.Ok<IReadOnlyList<SoknadDto>>([.. (await store.ListForOrganisasjonAsync(orgnr!, ct)).Select(SoknadDto.Fra)]);
    }

    private static async Task<Results<Ok<SoknadDto>, ProblemHttpResult>> HentAsync(
        HttpContext http, Kallerkontekst kaller, string id, Saksbehandlere saksbehandlere, Tilgangsforvaltning forvaltning, ISoknadStore store, CancellationToken ct)
    {
        if (saksbehandlere.ErSaksbehandler(http, kaller))
        {
            return await store.HentAsync(id, ct) is { } s ? TypedResults.Ok(SoknadDto.Fra(s)) : Problemer.IkkeFunnet(http, "Fant ingen søknad med denne id-en.");
        }

        var (soknad, problem) = await HentForSoekerAsync(http, kaller, id, forvaltning, store, ct);
        return problem ?? (Results<Ok<SoknadDto>, ProblemHttpResult>)TypedResults.Ok(SoknadDto.Fra(soknad!));
    }

    private static async Task<Results<Ok<SoknadDto>, ProblemHttpResult>> TaAsync(
        HttpContext http, Kallerkontekst kaller, string id, Saksbehandlere saksbehandlere, ISoknadStore store, TimeProvider tid, CancellationToken ct)
    {
        var (soknad, problem) = await HentForSaksbehandlerAsync(http, kaller, id, saksbehandlere, store, ct);
        if (problem is not null)
        {
            return problem;
        }

        if (!Soknadsregler.KanGaaTil(soknad!.Status, Soknadsstatus.UnderBehandling))
        {
            return Konflikt(http, $"Søknaden er {Statuskode(soknad.Status)} og kan ikke tas til behandling.");
        }

        var tatt = Soknadsregler.MedStatus(soknad, Soknadsstatus.UnderBehandling, tid.GetUtcNow(), Saksbehandlere.Hvem(http));
        await store.LagreAsync(tatt, ct);
        return TypedResults.Ok(SoknadDto.Fra(tatt));
    }

    private static async Task<Results<Ok<SoknadDto>, ProblemHttpResult>> VenterAsync(
        HttpContext http, Kallerkontekst kaller, string id, [FromBody] VenterBody body, Saksbehandlere saksbehandlere, ISoknadStore store, TimeProvider tid, CancellationToken ct)
    {
        var (soknad, problem) = await HentForSaksbehandlerAsync(http, kaller, id, saksbehandlere, store, ct);
        if (problem is not null)
        {
            return problem;
        }

        if (string.IsNullOrWhiteSpace(body.Melding))
        {
            return Problemer.UgyldigForespoersel(http, "Si hva søker må svare på.", new Dictionary<string, string[]> { ["melding"] = ["Meldingen til søker er påkrevd."] });
        }

        if (!Soknadsregler.KanGaaTil(soknad!.Status, Soknadsstatus.VenterPaaSoeker))
        {
            return Konflikt(http, $"Søknaden er {Statuskode(soknad.Status)}; bare en søknad under behandling kan vente på søker.");
        }

        var venter = Soknadsregler.MedStatus(soknad, Soknadsstatus.VenterPaaSoeker, tid.GetUtcNow(), Saksbehandlere.Hvem(http), body.Melding.Trim());
        await store.LagreAsync(venter, ct);
        return TypedResults.Ok(SoknadDto.Fra(venter));
    }

    private static async Task<Results<Ok<SoknadDto>, ProblemHttpResult>> VedtakAsync(
        HttpContext http, Kallerkontekst kaller, string id, [FromBody] VedtakBody body,
        Saksbehandlere saksbehandlere, ISoknadStore store, IAvtaleStore avtaler, TimeProvider tid, CancellationToken ct)
    {
        var (soknad, problem) = await HentForSaksbehandlerAsync(http, kaller, id, saksbehandlere, store, ct);
        if (problem is not null)
        {
            return problem;
        }

        Vedtaksutfall? utfall = body.Utfall switch
        {
            "innvilget" => Vedtaksutfall.Innvilget,
            "delvisInnvilget" => Vedtaksutfall.DelvisInnvilget,
            "avslaatt" => Vedtaksutfall.Avslaatt,
            _ => null,
        };
        if (utfall is null)
        {
            return Problemer.UgyldigForespoersel(http, "Ukjent utfall.", new Dictionary<string, string[]> { ["utfall"] = ["Utfall må være innvilget, delvisInnvilget eller avslaatt."] });
        }

        if (soknad!.Status != Soknadsstatus.UnderBehandling)
        {
            return Konflikt(http, $"Søknaden er {Statuskode(soknad.Status)}; vedtak fattes bare i en søknad under behandling.");
        }

        var innhold = soknad.Innhold;
        var avslag = utfall == Vedtaksutfall.Avslaatt;

        // Innvilget without lists grants what was asked for.
        IReadOnlyList<string> elementer = body.InnvilgedeDataelementer ?? (avslag ? [] : innhold.Dataelementer);
        IReadOnlyList<string> kanaler = body.InnvilgedeKanaler ?? (avslag ? [] : [.. innhold.Kanaler.Select(k => k.Kanal)]);
        var feil = Soknadsregler.ValiderVedtak(innhold, utfall.Value, body.Begrunnelse, elementer, kanaler);
        Avtale? eksisterende = null;
        if (!avslag && innhold.Type == Soknadstype.Utvidelse)
        {
            eksisterende = await avtaler.HentAsync(innhold.AvtaleId!, ct: ct);
            if (eksisterende is null || eksisterende.Konsument != soknad.Organisasjonsnummer || eksisterende.Status == Avtalestatus.Avsluttet)
            {
                feil["avtaleId"] = ["Avtalen som skal utvides finnes ikke lenger eller er avsluttet."];
            }
        }

        if (feil.Count > 0)
        {
            return Problemer.UgyldigForespoersel(http, "Vedtaket er ugyldig.", feil);
        }

        var naa = tid.GetUtcNow();
        var saksbehandler = Saksbehandlere.Hvem(http);
        var vedtak = new Vedtak(utfall.Value, body.Begrunnelse?.Trim() ?? "", elementer, kanaler, body.GyldigTil, naa, saksbehandler, null, null);
        if (!avslag)
        {
            var avtale = Soknadsregler.TilAvtale(
                soknad, vedtak, eksisterende, "avt-" + Guid.CreateVersion7().ToString("N"), DateOnly.FromDateTime(naa.UtcDateTime),
                k => Kanalscopes.For(k, otp: false));
            var lagret = await avtaler.LagreNyVersjonAsync(avtale, ct);
            vedtak = vedtak with { AvtaleId = lagret.Id, AvtaleVersjon = lagret.Versjon };
        }

        var status = utfall switch
        {
            Vedtaksutfall.Innvilget => Soknadsstatus.Innvilget,
            Vedtaksutfall.DelvisInnvilget => Soknadsstatus.DelvisInnvilget,
            _ => Soknadsstatus.Avslaatt,
        };
        var avgjort = Soknadsregler.MedStatus(soknad, status, naa, saksbehandler) with { Vedtak = vedtak };
        try
        {
            await store.LagreAsync(avgjort, ct);
        }
        catch (InvalidOperationException)
        {
            // Another case worker (on this or another node) decided the søknad first: the store refuses a second
            // decision. The agreement this decision already wrote must not grant anything, so it is taken back — a
            // new agreement ends, an extended one gets its previous content back as a new version.
            if (eksisterende is not null)
            {
                await avtaler.LagreNyVersjonAsync(eksisterende, CancellationToken.None);
            }
            else if (vedtak.AvtaleId is { } avtaleId && await avtaler.HentAsync(avtaleId, ct: CancellationToken.None) is { } ny)
            {
                await avtaler.LagreNyVersjonAsync(ny with { Status = Avtalestatus.Avsluttet }, CancellationToken.None);
            }

            return Konflikt(http, "Søknaden ble avgjort av en annen saksbehandler samtidig; hent den på nytt.");
        }

        return TypedResults.Ok(SoknadDto.Fra(avgjort));
    }

    private static (Soknadsinnhold Innhold, Dictionary<string, string[]>? Feil) Innhold(SoknadBody body, Soknadsinnhold tom, Tilgangsforvaltning forvaltning)
    {
        Soknadstype? type = body.Type switch
        {
            null or "ny" => Soknadstype.Ny,
            "utvidelse" => Soknadstype.Utvidelse,
            _ => null,
        };
        var innhold = tom with
        {
            Type = type ?? Soknadstype.Ny,
            AvtaleId = body.AvtaleId,
            Hjemmel = body.Hjemmel,
            Formaal = body.Formaal ?? [],
            Formaalsbeskrivelse = body.Formaalsbeskrivelse,
            Behandlingsgrunnlag = body.Behandlingsgrunnlag,
            Dataelementer = body.Dataelementer ?? [],
            Kanaler = body.Kanaler ?? [],
            Kontaktpersoner = body.Kontaktpersoner,
            Databehandler = body.Databehandler,
        };
        var feil = Soknadsregler.Valider(innhold, komplett: false, TilgangOppsett.Dataelementnavn, forvaltning.DatabehandlerFeil);
        if (type is null)
        {
            feil["type"] = ["Type må være ny eller utvidelse."];
        }

        return (innhold, feil.Count > 0 ? feil : null);
    }

    /// <summary>Records acceptance of the terms when the body says so; an earlier acceptance stands otherwise.</summary>
    private static Bruksvilkaaraksept? Aksept(BruksvilkaarBody? body, Bruksvilkaaraksept? tidligere, string pid, DateTimeOffset naa, Tilgangsinnstillinger innstillinger) =>
        body is { Godtatt: true } b ? new Bruksvilkaaraksept(b.Versjon ?? innstillinger.BruksvilkaarVersjon, pid, naa) : tidligere;

    internal static (string? Orgnr, ProblemHttpResult? Problem) Orgnr(HttpContext http, string? verdi)
    {
        if (string.IsNullOrWhiteSpace(verdi))
        {
            return (null, Problemer.UgyldigForespoersel(http, "Oppgi organisasjonen det søkes for.", new Dictionary<string, string[]>
            {
                ["organisasjonsnummer"] = [$"Oppgi organisasjonsnummer i kroppen eller i headeren {Tilgangsforvaltning.OrganisasjonHeader}."],
            }));
        }

        return Organisasjonsnummer.TryParse(verdi.Trim(), out var orgnr)
            ? (orgnr.Verdi, null)
            : (null, Problemer.UgyldigForespoersel(http, "Ugyldig organisasjonsnummer.", new Dictionary<string, string[]> { ["organisasjonsnummer"] = ["Ugyldig organisasjonsnummer."] }));
    }

    /// <summary>
    /// 403 unless the caller is a person (<c>pid</c>) logged in at <c>idporten-loa-substantial</c> or higher: acting
    /// for an organisation in the portal binds it to agreements about personal data, so it needs the same level as
    /// the person's own insight (API §8). Null when the caller may go on.
    /// </summary>
    internal static ProblemHttpResult? KrevPerson(HttpContext http, Kallerkontekst kaller)
    {
        ArgumentNullException.ThrowIfNull(kaller);
        if (kaller.Pid is null)
        {
            return Problemer.IkkeTilgang(http, Feilkoder.IkkeTilgang, "Krever innlogget person (ID-porten-token med pid).");
        }

        return InnsynApi.Person(http) is null
            ? Problemer.IkkeTilgang(http, Feilkoder.IkkeTilgang, "Krever innlogging med sikkerhetsnivå idporten-loa-substantial eller høyere (acr).")
            : null;
    }

    /// <summary>403 unless the caller is a person with the right for the organisation (the source document's Altinn right).</summary>
    internal static async Task<ProblemHttpResult?> KrevRettAsync(HttpContext http, Kallerkontekst kaller, string orgnr, Tilgangsforvaltning forvaltning, CancellationToken ct)
    {
        if (KrevPerson(http, kaller) is { } ikkePerson)
        {
            return ikkePerson;
        }

        return await forvaltning.SjekkAsync(kaller.Pid!, orgnr, ct) is null
            ? Problemer.IkkeTilgang(http, Feilkoder.IkkeTilgang, Soknadsrett.ManglendeRettighet(orgnr))
            : null;
    }

    private static async Task<(Soknad? Soknad, ProblemHttpResult? Problem)> HentForSoekerAsync(
        HttpContext http, Kallerkontekst kaller, string id, Tilgangsforvaltning forvaltning, ISoknadStore store, CancellationToken ct)
    {
        var soknad = await store.HentAsync(id, ct);
        if (soknad is null)
        {
            return (null, Problemer.IkkeFunnet(http, "Fant ingen søknad med denne id-en."));
        }

        return await KrevRettAsync(http, kaller, soknad.Organisasjonsnummer, forvaltning, ct) is { } ingenRett ? (null, ingenRett) : (soknad, null);
    }

    private static async Task<(Soknad? Soknad, ProblemHttpResult? Problem)> HentForSaksbehandlerAsync(
        HttpContext http, Kallerkontekst kaller, string id, Saksbehandlere saksbehandlere, ISoknadStore store, CancellationToken ct)
    {
        if (!saksbehandlere.ErSaksbehandler(http, kaller))
        {
            return (null, Problemer.IkkeTilgang(http, Feilkoder.IkkeTilgang, $"Krever rollen {Saksbehandlere.Rolle}."));
        }

        var soknad = await store.HentAsync(id, ct);
        return soknad is null ? (null, Problemer.IkkeFunnet(http, "Fant ingen søknad med denne id-en.")) : (soknad, null);
    }

    internal static ProblemHttpResult Konflikt(HttpContext http, string detalj) =>
        Problemer.Lag(http, StatusCodes.Status409Conflict, "AA-409", "Konflikt", detalj);
}
