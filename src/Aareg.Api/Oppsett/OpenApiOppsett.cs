using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Aareg.Api.Oppsett;

/// <summary>The OpenAPI document: title, description and the bearer scheme every protected operation uses.</summary>
internal static class OpenApiOppsett
{
    /// <summary>What each group of operations is for (API.md sections), shown by documentation tools.</summary>
    private static readonly Dictionary<string, string> Taggbeskrivelser = new(StringComparer.Ordinal)
    {
        ["Mottak"] = "Mottak av a-meldinger fra arbeidsgivere og lønnssystemer, med kvittering og tilbakemelding (API.md §5). Scope `nav:aareg/v1/mottak`.",
        ["Oppslag"] = "Oppslag i arbeidsforhold for konsumenter med avtale, i NAVs v2-format (API.md §1). Scope `nav:aareg/v1/arbeidsforhold`.",
        ["Pensjon (OTP)"] = "Arbeidsforhold for pensjonsinnretninger (OTP), med tilgang ut fra pensjonsinnretningen i a-meldingene (API.md §2). Scope `nav:aareg/v1/arbeidsforhold/otp`.",
        ["Kodeverk"] = "Kodeverkene registeret bruker, åpne uten token (API.md §6).",
        ["Helse"] = "Liveness og readiness for drift.",
        ["Utvikling"] = "Utviklingsutstederen for lokale tokens; finnes bare når den er slått på (API.md §9).",
    };

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

            // Relative to where the document is served: the same document describes every deployment, and the
            // request's own host (the default) would publish an internal or localhost address.
            dokument.Servers = [new OpenApiServer { Url = "/", Description = "Samme vert som dette dokumentet." }];
            foreach (var tagg in dokument.Tags ?? Enumerable.Empty<OpenApiTag>())
            {
                if (tagg.Name is { } navn && Taggbeskrivelser.TryGetValue(navn, out var beskrivelse))
                {
                    tagg.Description ??= beskrivelse;
                }
            }

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

                // The authentication layer answers every protected operation with 401 (no valid token) and 403
                // (missing scope) before the endpoint runs (API.md Errors), so the document says so for each.
                operasjon.Responses ??= [];
                LeggTilProblem(operasjon, kontekst, "401", "Mangler gyldig token (`AA-401`).");
                LeggTilProblem(operasjon, kontekst, "403", "Tokenet mangler scope eller rettighet (`AA-403`); `detail` sier hvilken.");
            }
            else
            {
                // An empty requirement says explicitly that the operation is open (no token needed).
                operasjon.Security = [new OpenApiSecurityRequirement()];
            }

            return Task.CompletedTask;
        });
        o.AddSchemaTransformer((skjema, kontekst, _) =>
        {
            // Every problem carries the product's extensions (API.md Errors); clients should see them in the schema.
            if (typeof(ProblemDetails).IsAssignableFrom(kontekst.JsonTypeInfo.Type))
            {
                skjema.Properties ??= new Dictionary<string, IOpenApiSchema>();
                skjema.Properties["kode"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Description = "Stabil feilkode, f.eks. `AA-403` eller `AA-101`.",
                };
                skjema.Properties["korrelasjonsid"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Description = "Korrelasjons-id (samme som headeren `Nav-Call-Id`).",
                };
            }

            return Task.CompletedTask;
        });
    }

    private static void LeggTilProblem(OpenApiOperation operasjon, OpenApiOperationTransformerContext kontekst, string status, string beskrivelse)
    {
        if (operasjon.Responses!.ContainsKey(status))
        {
            return;
        }

        operasjon.Responses[status] = new OpenApiResponse
        {
            Description = beskrivelse,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(nameof(ProblemDetails), kontekst.Document) },
            },
        };
    }
}
