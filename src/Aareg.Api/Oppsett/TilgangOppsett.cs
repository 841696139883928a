using System.Collections.Frozen;
using Aareg.Api.Endpoints;
using Aareg.Api.Oppslag;
using Aareg.Mottak.Referanse;
using Aareg.Storage;
using Aareg.Storage.Tilgang;
using Aareg.Tilgang;
using Aareg.Tilgang.Avtaler;
using Microsoft.Extensions.Options;

namespace Aareg.Api.Oppsett;

/// <summary>Access management (API §7): applications, decisions, agreements, delegations and the start-up file.</summary>
public static class TilgangOppsett
{
    public static IServiceCollection AddAaregTilgangsforvaltning(this IServiceCollection services, IConfiguration konfig)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(konfig);
        services.AddOptions<Tilgangsinnstillinger>().Bind(konfig.GetSection("Aareg:Tilgang"));
        services.AddSingleton(sp => sp.GetRequiredService<ILagring>().Avtaler);
        services.AddSingleton(sp => sp.GetRequiredService<ILagring>().Soknader);
        services.AddSingleton(sp => sp.GetRequiredService<ILagring>().Delegeringer);
        services.AddSingleton<Saksbehandlere>();
        services.AddSingleton<Tilgangsforvaltning>();
        services.AddHostedService<AvtaleOppstart>();
        return services;
    }

    public static IEndpointRouteBuilder MapTilgangsforvaltning(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapSoknadApi();
        app.MapAvtaleApi();
        app.MapRettighetApi();
        return app;
    }

    /// <summary>The data element catalogue by name (API §7), for validating applications and the start-up file.</summary>
    public static IReadOnlySet<string> Dataelementnavn { get; } =
        Dataelementkatalog.Alle.Select(Dataelementkatalog.Navn).ToFrozenSet(StringComparer.Ordinal);
}

/// <summary><c>Aareg:Tilgang</c>.</summary>
public sealed class Tilgangsinnstillinger
{
    /// <summary>Path of the start-up file (docs/tilgang.md); none when empty.</summary>
    public string? Oppstartsfil { get; set; }

    /// <summary>The current version of the terms of use (bruksvilkår) an application must accept before it is sent.</summary>
    public string BruksvilkaarVersjon { get; set; } = "1.0";
}

/// <summary>Case workers named in the start-up file, with their roles, matched on the token's <c>sub</c>.</summary>
public sealed class Saksbehandlere
{
    public const string Rolle = "saksbehandler";

    private FrozenDictionary<string, string[]> _roller = FrozenDictionary<string, string[]>.Empty;

    public void Sett(IEnumerable<OppstartsSaksbehandler> saksbehandlere)
    {
        ArgumentNullException.ThrowIfNull(saksbehandlere);
        _roller = saksbehandlere
            .Where(s => s.Ident is not null)
            .GroupBy(s => s.Ident!, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.SelectMany(s => s.Roller ?? []).Distinct(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
    }

    /// <summary>A case worker: the token's own roles (the owner's issuer), or the roles the start-up file gives its <c>sub</c>.</summary>
    public bool ErSaksbehandler(HttpContext http, Kallerkontekst kaller)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(kaller);
        if (kaller.Roller.Contains(Rolle, StringComparer.Ordinal))
        {
            return true;
        }

        var sub = http.User.FindFirst("sub")?.Value;
        return sub is not null && Volatile.Read(ref _roller).TryGetValue(sub, out var roller) && roller.Contains(Rolle, StringComparer.Ordinal);
    }

    /// <summary>Who a case worker is in history and agreement versions: the token's <c>sub</c>, else the role.</summary>
    public static string Hvem(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.User.FindFirst("sub")?.Value ?? Rolle;
    }
}

/// <summary>The evidence that a person may act for an organisation (an Enhetsregisteret role, or a delegation).</summary>
public sealed record Rettighetsbevis(string? Rolle, string? DelegeringId);

/// <summary>
/// Who may apply and manage (the source document's Altinn right): a role in Enhetsregisteret for the organisation,
/// under any of the person's idents, or a delegation in force from a role holder.
/// </summary>
public sealed class Tilgangsforvaltning(Enhetsregister enhetsregister, Folkeregister folkeregister, IDelegeringStore delegeringer)
{
    public const string OrganisasjonHeader = "Nav-Organisasjonsnummer";

    /// <summary>The role that gives the right, if the person holds one for the organisation.</summary>
    public async Task<string?> RolleAsync(string pid, string orgnr, CancellationToken ct) =>
        Soknadsrett.GivendeRolle(await enhetsregister.RollerForAsync(pid, orgnr, ct));

    public async Task<Rettighetsbevis?> SjekkAsync(string pid, string orgnr, CancellationToken ct)
    {
        if (await RolleAsync(pid, orgnr, ct) is { } rolle)
        {
            return new Rettighetsbevis(rolle, null);
        }

        var identer = folkeregister.AlleIdenter(pid).Select(i => i.Ident).Append(pid).Distinct(StringComparer.Ordinal).ToArray();
        return await delegeringer.FinnGjeldendeAsync(orgnr, identer, ct) is { } delegering
            ? new Rettighetsbevis(null, delegering.Id)
            : null;
    }

    /// <summary>Whether the unit can be a data processor: the source document asks for the hovedenhet's orgnr.</summary>
    public string? DatabehandlerFeil(string orgnr)
    {
        if (!enhetsregister.ErLastet)
        {
            return null;
        }

        return enhetsregister.Finn(orgnr) switch
        {
            null => "Databehandleren finnes ikke i Enhetsregisteret.",
            { ErHovedenhet: false } => "Oppgi databehandlerens hovedenhet, ikke en underenhet.",
            _ => null,
        };
    }
}

/// <summary>
/// Loads the start-up file (and, with <c>Aareg:Demo:Seed</c>, the demo agreements) before the service answers, so
/// the access pipeline has its agreements from the first request. Idempotent: an agreement whose content is
/// unchanged gets no new version.
/// </summary>
public sealed partial class AvtaleOppstart(
    IOptions<Tilgangsinnstillinger> innstillinger,
    IConfiguration konfig,
    IAvtaleStore store,
    Saksbehandlere saksbehandlere,
    TimeProvider tid,
    ILogger<AvtaleOppstart> logger,
    ILagring? lagring = null) : IHostedService
{
    /// <summary>Well-known consumers for the demo: NAV, Skatteetaten, SSB (lookup API) and KLP (pension institution, OTP).</summary>
    internal static readonly OppstartsAvtale[] DemoAvtaler =
    [
        new("889640782", ["ARBEIDSOPPFOELGING", "YTELSER"], ["*"], [Kanaler.Api, Kanaler.Web], Id: "demo-889640782", SeAdressebeskyttede: true),
        new("974761076", ["SKATTEFASTSETTING"], ["arbeidsforholdIdentifikasjon", "ansettelsesperiode", "stillingsprosentOgArbeidstid", "yrke"], [Kanaler.Api], Id: "demo-974761076"),
        new("971526920", ["STATISTIKK"], ["arbeidsforholdIdentifikasjon", "ansettelsesperiode", "stillingsprosentOgArbeidstid", "yrke", "ansettelsesform"], [Kanaler.Uttrekk, Kanaler.Api], Id: "demo-971526920"),
        new("938708606", ["OTP"], ["arbeidsforholdIdentifikasjon", "ansettelsesperiode", "stillingsprosentOgArbeidstid", "permisjonerOgPermitteringer"], [Kanaler.Api], Id: "demo-938708606", Otp: true),
    ];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Nodes starting at once load one after another (a job lock across the store), so the second finds the
        // first's versions and adds none of its own.
        await using var jobblaas = lagring is null ? null : await lagring.TaJobblaasAsync("avtale-oppstart", vent: true, cancellationToken);
        var filsti = innstillinger.Value.Oppstartsfil;
        if (!string.IsNullOrWhiteSpace(filsti))
        {
            var fil = Oppstartsfil.Les(await File.ReadAllTextAsync(filsti, cancellationToken));
            saksbehandlere.Sett(fil.Saksbehandlere ?? []);
            var (nye, endrede) = await LastAsync(fil, cancellationToken);
            LoggLastet(logger, fil.Avtaler?.Count ?? 0, nye, endrede);
        }

        if (konfig.GetValue("Aareg:Demo:Seed", false))
        {
            await LastAsync(new Oppstartsfil(DemoAvtaler, null), cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Stores each declared agreement as a new version unless its current version already says the same.</summary>
    public async Task<(int Nye, int Endrede)> LastAsync(Oppstartsfil fil, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(fil);
        var naa = tid.GetUtcNow();
        var avtaler = fil.TilAvtaler(
            TilgangOppsett.Dataelementnavn,
            a => [.. new[] { a.Otp == true ? Scopes.Otp : Scopes.Arbeidsforhold }.Union(Kanalscopes.For(a.Kanaler ?? [], a.Otp == true)).Order(StringComparer.Ordinal)],
            DateOnly.FromDateTime(naa.UtcDateTime),
            naa);
        int nye = 0, endrede = 0;
        foreach (var avtale in avtaler)
        {
            var gjeldende = await store.HentAsync(avtale.Id, ct: ct);
            if (gjeldende is not null && Oppstartsfil.SammeInnhold(gjeldende, avtale))
            {
                continue;
            }

            // A changed entry keeps the date it first took effect; the new version records when it changed.
            await store.LagreNyVersjonAsync(gjeldende is null ? avtale : avtale with { GyldigFra = gjeldende.GyldigFra, Kontaktpersoner = gjeldende.Kontaktpersoner }, ct);
            _ = gjeldende is null ? nye++ : endrede++;
        }

        return (nye, endrede);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Oppstartsfilen for tilgang er lastet: {Antall} avtaler, {Nye} nye, {Endrede} endret.")]
    private static partial void LoggLastet(ILogger logger, int antall, int nye, int endrede);
}
