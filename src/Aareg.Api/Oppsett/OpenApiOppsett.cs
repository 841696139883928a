using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Aareg.Api.Oppsett;

/// <summary>The OpenAPI document: title, description and the bearer scheme every protected operation uses.</summary>
internal static class OpenApiOppsett
{
    public static void Konfigurer(OpenApiOptions o)
    {
        o.AddDocumentTransformer((dokument, _, _) =>
        {
            dokument.Info.Title = "Aareg – Arbeidsgiver- og arbeidstakerregisteret";
            dokument.Info.Version = "v1";
            dokument.Info.Description = """
                Mottak av a-meldinger, oppslag i arbeidsforhold og kodeverk. Alle feil er `application/problem+json`
                (RFC 9457) med en stabil `kode` og `korrelasjonsid`. Personidenter sendes i headere, aldri i URL.
                Korrelasjons-id: `Nav-Call-Id` (også `X-Correlation-ID`/`correlation-id` inn) kommer alltid tilbake.
                """;
            dokument.Components ??= new OpenApiComponents();
            dokument.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            dokument.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "Maskinporten-, ID-porten- eller saksbehandlertoken (se API.md §9).",
            };
            return Task.CompletedTask;
        });
        o.AddOperationTransformer((operasjon, kontekst, _) =>
        {
            var anonym = kontekst.Description.ActionDescriptor.EndpointMetadata
                .OfType<Microsoft.AspNetCore.Authorization.IAllowAnonymous>().Any();
            if (!anonym)
            {
                operasjon.Security ??= [];
                operasjon.Security.Add(new OpenApiSecurityRequirement
                {
                    [new OpenApiSecuritySchemeReference("Bearer", kontekst.Document)] = [],
                });
            }

            return Task.CompletedTask;
        });
    }
}
