using System.Text.Json.Serialization;
using Aareg.Api.Demo;
using Aareg.Api.Endpoints;
using Aareg.Api.Register;
using Aareg.Api.Tilgang;
using Aareg.Domain.Kodeverk;
using Aareg.Domain.Kontroller;
using Aareg.Mottak.Referanse;
using Aareg.Mottak;
using Aareg.Storage;
using Aareg.Storage.Valg;
using Aareg.Tilgang;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;

namespace Aareg.Api.Oppsett;

/// <summary>Service registration and the request pipeline, kept out of Program.cs.</summary>
public static class AaregOppsett
{
    public const string StandardAdresse = "http://localhost:5080";

    public static WebApplicationBuilder AddAareg(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var konfig = builder.Configuration;

        // Operators set ASPNETCORE_URLS / --urls; only when nothing is given do we pick a local default.
        if (string.IsNullOrEmpty(konfig["urls"]) && string.IsNullOrEmpty(konfig["ASPNETCORE_URLS"]) && string.IsNullOrEmpty(konfig["http_ports"]))
        {
            builder.WebHost.UseUrls(StandardAdresse);
        }

        // One backend for every store (Aareg:Storage:Provider); wrong settings stop the start with a clear message.
        var lagringsvalg = Lagringsvalg(konfig);
        builder.Services.AddSingleton(lagringsvalg);
        builder.Services.AddSingleton(_ => lagringsvalg.Aapne());
        builder.Services.AddSingleton(sp => sp.GetRequiredService<ILagring>().Meldinger);
        builder.Services.AddSingleton<IKodeverk>(Kodeverkkatalog.Standard);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddOptions<MottaksInnstillinger>()
            .Bind(konfig.GetSection("Aareg:Mottak"))
            .Configure(o => o.TillatSyntetiske = konfig.GetValue("Aareg:Identer:TillatSyntetiske", false));
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<MottaksInnstillinger>>().Value);
        builder.Services.AddSingleton(sp => sp.GetRequiredService<ILagring>().Referanse);
        builder.Services.AddSingleton<Folkeregister>();
        builder.Services.AddSingleton<Enhetsregister>();
        builder.Services.AddSingleton<IEnhetsregisterOppslag>(sp => sp.GetRequiredService<Enhetsregister>());
        builder.Services.AddSingleton<Mottaksbehandler>();
        builder.Services.AddHostedService<ReferansedataOppfrisker>();
        builder.Services.AddRegisterbehandling();
        builder.Services.AddRevisjon();
        builder.Services.AddAaregTilgangsforvaltning(konfig);
        builder.Services.AddAaregTilgangskontroll();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<ILagring>().Pensjonsinnretninger);

        builder.Services.AddAaregAutentisering(konfig, builder.Environment);
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = Problemer.Berik);
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        });
        builder.Services.AddOpenApi(OpenApiOppsett.Konfigurer);
        if (!builder.Environment.IsDevelopment())
        {
            // Structured JSON logs for the log pipeline; messages never carry personal data (idents travel in headers only).
            builder.Logging.ClearProviders().AddJsonConsole();
        }

        builder.Services.AddHostedService<DemoSeeder>();
        return builder;
    }

    public static async Task<WebApplication> BrukAaregAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Configuration.GetValue("Aareg:Storage:MigrerVedOppstart", true))
        {
            await app.Services.GetRequiredService<ILagring>().MigrerAsync();
        }

        await app.Services.GetRequiredService<Folkeregister>().LastAsync();
        await app.Services.GetRequiredService<Enhetsregister>().LastAsync();

        app.Use(async (http, neste) =>
        {
            var id = Korrelasjon.Hent(http);
            http.Response.Headers["Nav-Call-Id"] = id;
            await neste(http);
        });
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference("/api-dokumentasjon", o => o.WithTitle("Aareg API").WithOpenApiRoutePattern("/openapi/{documentName}.json")).AllowAnonymous();
        app.MapGet("/", () => TypedResults.Redirect("/api-dokumentasjon/v1")).ExcludeFromDescription().AllowAnonymous();

        app.MapHelseApi();
        app.MapKodeverkApi();
        app.MapMottakApi();
        app.MapOppslagApi();
        app.MapOtpApi();
        app.MapInnsynApi();
        app.MapArbeidsgiverApi();
        app.MapTilgangsforvaltning();
        app.MapUtviklingsutsteder();
        return app;
    }

    /// <summary>The store settings: <c>Aareg:Storage:Provider</c>, <c>ConnectionStrings:Aareg</c>/<c>AaregLes</c>, the data directory.</summary>
    public static Lagringsvalg Lagringsvalg(IConfiguration konfig)
    {
        ArgumentNullException.ThrowIfNull(konfig);
        return new Lagringsvalg(
            konfig["Aareg:Storage:Provider"], konfig.GetConnectionString("Aareg"), konfig.GetConnectionString("AaregLes"), Datamappe(konfig));
    }

    public static string Datamappe(IConfiguration konfig)
    {
        ArgumentNullException.ThrowIfNull(konfig);
        return Path.GetFullPath(konfig["Aareg:DataDirectory"] ?? "data");
    }
}
