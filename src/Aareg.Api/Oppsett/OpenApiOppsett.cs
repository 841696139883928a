using System.Globalization;
using Aareg.Api.Tilgang;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.WebUtilities;
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
                LeggTilProblem(operasjon, kontekst, "401", Standardfeil["401"]);
                LeggTilProblem(operasjon, kontekst, "403", Standardfeil["403"]);
            }
            else
            {
                // An empty requirement says explicitly that the operation is open (no token needed).
                operasjon.Security = [new OpenApiSecurityRequirement()];
            }

            if (kontekst.Description.ActionDescriptor.EndpointMetadata.OfType<PersondataMetadata>().Any())
            {
                DokumenterAvtalekrav(operasjon, kontekst);
            }

            BeskrivFeil(operasjon);
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

    private static OpenApiResponse? LeggTilProblem(OpenApiOperation operasjon, OpenApiOperationTransformerContext kontekst, string status, string beskrivelse)
    {
        if (operasjon.Responses!.ContainsKey(status))
        {
            return null;
        }

        var svar = new OpenApiResponse
        {
            Description = beskrivelse,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(nameof(ProblemDetails), kontekst.Document) },
            },
        };
        operasjon.Responses[status] = svar;
        return svar;
    }

    /// <summary>The 403 codes of the access pipeline (<see cref="Tilgangskoder"/>), for an operation's 403 description.</summary>
    internal const string Avtalekoder =
        $"Avtalen tillater ikke oppslaget: `{Tilgangskoder.Avtale}` (ingen gjeldende avtale), `{Tilgangskoder.Suspendert}`, "
        + $"`{Tilgangskoder.Scope}`, `{Tilgangskoder.Kanal}`, `{Tilgangskoder.Otp}`, `{Tilgangskoder.Databehandler}` (leverandøren er ikke "
        + $"avtalens databehandler), `{Tilgangskoder.Formaal}` (`{Tilgangskontroll.FormaalHeader}`) eller `{Tilgangskoder.Dataelement}` "
        + "(et filter bruker et dataelement avtalen ikke gir).";

    /// <summary>
    /// What every operation behind the access pipeline (<see cref="PersondataMetadata"/>) adds to its own contract:
    /// the purpose headers (API §7), the rate limit's 429 with <c>Retry-After</c> (API.md Errors), the fail-closed
    /// audit's 503 (API §8) and the agreement's 403 codes (<see cref="Tilgangskoder"/>).
    /// </summary>
    private static void DokumenterAvtalekrav(OpenApiOperation operasjon, OpenApiOperationTransformerContext kontekst)
    {
        operasjon.Parameters ??= [];
        LeggTilHeader(
            operasjon,
            Tilgangskontroll.FormaalHeader,
            $"Formålskoden (fra avtalen) oppslaget gjøres for. Påkrevd når avtalen har flere formål; mangler den da, eller er formålet ikke i avtalen: `403` `{Tilgangskoder.Formaal}`.");
        LeggTilHeader(
            operasjon,
            Tilgangskontroll.SaksreferanseHeader,
            "Konsumentens saksreferanse; lagres i revisjonsloggen for oppslaget.");

        operasjon.Responses ??= [];
        if (operasjon.Responses.TryGetValue("403", out var forbudt) && forbudt is OpenApiResponse f
            && f.Description is { } tekst && !tekst.Contains(Tilgangskoder.Avtale, StringComparison.Ordinal))
        {
            f.Description = ErStandardtekst("403", tekst) ? $"Tokenet mangler scope (`AA-403`). {Avtalekoder}" : $"{tekst} {Avtalekoder}";
        }

        if (LeggTilProblem(
                operasjon,
                kontekst,
                "429",
                $"For mange oppslag (`{Tilgangskoder.ForMange}`): organisasjonen har brukt opp avtalens oppslag per minutt. Prøv igjen etter `Retry-After` sekunder.") is { } forMange)
        {
            forMange.Headers = new Dictionary<string, IOpenApiHeader>
            {
                ["Retry-After"] = new OpenApiHeader
                {
                    Description = "Sekunder til neste oppslag er tillatt.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1" },
                },
            };
        }

        LeggTilProblem(
            operasjon,
            kontekst,
            "503",
            $"Oppslaget ble avvist fordi revisjonsloggen ikke kunne skrives (`{Tilgangskoder.Revisjon}`); ingen opplysninger er utlevert. Prøv igjen senere.");
    }

    private static void LeggTilHeader(OpenApiOperation operasjon, string navn, string beskrivelse)
    {
        if (operasjon.Parameters!.Any(p => p.In == ParameterLocation.Header && string.Equals(p.Name, navn, StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }

        operasjon.Parameters!.Add(new OpenApiParameter
        {
            Name = navn,
            In = ParameterLocation.Header,
            Required = false,
            Description = beskrivelse,
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = 64 },
        });
    }

    /// <summary>
    /// Replaces the framework's bare reason phrases ("Bad Request") with what the failure means for this operation
    /// (<see cref="Feilbeskrivelser"/>), or for any operation (<see cref="Standardfeil"/>).
    /// </summary>
    private static void BeskrivFeil(OpenApiOperation operasjon)
    {
        Feilbeskrivelser.TryGetValue(operasjon.OperationId ?? "", out var egne);
        foreach (var (status, svar) in operasjon.Responses ?? [])
        {
            if (svar is OpenApiResponse respons && ErStandardtekst(status, respons.Description))
            {
                respons.Description = egne?.GetValueOrDefault(status) ?? Standardfeil.GetValueOrDefault(status) ?? respons.Description;
            }
        }
    }

    private static bool ErStandardtekst(string status, string? beskrivelse) =>
        string.IsNullOrWhiteSpace(beskrivelse)
        || (int.TryParse(status, CultureInfo.InvariantCulture, out var kode) && beskrivelse == ReasonPhrases.GetReasonPhrase(kode));

    /// <summary>What a failure status means when the operation says nothing more (API.md Errors).</summary>
    private static readonly Dictionary<string, string> Standardfeil = new(StringComparer.Ordinal)
    {
        ["400"] = "Ugyldig forespørsel (`AA-400`); `errors` sier hvilke felt, parametere eller headere som er feil.",
        ["401"] = "Mangler gyldig token (`AA-401`).",
        ["403"] = "Tokenet mangler scope eller rettighet (`AA-403`); `detail` sier hvilken.",
        ["404"] = "Finnes ikke (`AA-404`).",
        ["409"] = "Ressursen er i en tilstand som ikke tillater handlingen (`AA-409`); `detail` sier hvorfor.",
    };

    private const string Portalrett = "Krever et persontoken (`pid`, `acr` minst `idporten-loa-substantial`) med rollen DAGL, LEDE, KOMP, DTPR, DTSO, BEST eller REPR i Enhetsregisteret for organisasjonen, eller en gjeldende delegering (`AA-403`).";
    private const string Saksbehandlerrett = "Krever rollen `saksbehandler` (`AA-403`).";

    /// <summary>Per operation (operationId): what each of its failures means.</summary>
    private static readonly Dictionary<string, Dictionary<string, string>> Feilbeskrivelser = new(StringComparer.Ordinal)
    {
        ["SendAMelding"] = new(StringComparer.Ordinal)
        {
            ["400"] = "`Idempotency-Key` er lengre enn 255 tegn (`AA-400`). En melding som ikke kan leses eller bryter kontrollene, tas likevel imot og avvises i kvitteringen.",
            ["403"] = "Tokenet mangler scope `nav:aareg/v1/mottak` (`AA-403`), eller tokenets organisasjon er ikke meldingens opplysningspliktige og har ikke fått delegert innsending for den (`AA-403-1`).",
            ["409"] = "`Idempotency-Key` er brukt før med et annet innhold (`AA-409`).",
            ["413"] = "Meldingen er større enn grensen (`AA-413`); del leveransen eller bruk kommandolinjeimport.",
            ["415"] = "Innholdstypen er verken `application/xml` eller `application/json` (`AA-415`).",
        },
        ["HentMaanedsoversikt"] = new(StringComparer.Ordinal)
        {
            ["400"] = "Opplysningspliktig mangler, et fødselsnummer står i query-parameteren i stedet for headeren, eller `kalendermaaned` er ikke ÅÅÅÅ-MM (`AA-400`).",
            ["403"] = "Tokenet mangler scope (`AA-403`), eller har ikke tilgang til den opplysningspliktiges meldinger (`AA-403-1`).",
        },
        ["HentKvittering"] = new(StringComparer.Ordinal)
        {
            ["403"] = "Tokenet mangler scope (`AA-403`), eller meldingen tilhører en annen opplysningspliktig (`AA-403-1`).",
            ["404"] = "Ingen melding med denne `mottaksId` (`AA-404`).",
        },
        ["HentTilbakemelding"] = new(StringComparer.Ordinal)
        {
            ["403"] = "Tokenet mangler scope (`AA-403`), eller meldingen tilhører en annen opplysningspliktig (`AA-403-1`).",
            ["404"] = "Ingen melding med denne `mottaksId` (`AA-404`).",
        },
        ["HentKoder"] = new(StringComparer.Ordinal)
        {
            ["400"] = "`dato` er ikke på formen ÅÅÅÅ-MM-DD (`AA-400`).",
            ["404"] = "Ukjent kodeverk (`AA-404`); `GET /api/v1/kodeverk` lister navnene.",
        },
        ["OpprettSoknad"] = new(StringComparer.Ordinal)
        {
            ["400"] = "Organisasjonsnummer mangler eller er ugyldig, eller en verdi i utkastet er ugyldig (`AA-400`); `errors` er nøklet på JSON-sti.",
            ["403"] = Portalrett,
        },
        ["EndreSoknad"] = new(StringComparer.Ordinal)
        {
            ["400"] = "En verdi er ugyldig, eller søkerorganisasjonen forsøkes endret (`AA-400`); `errors` er nøklet på JSON-sti.",
            ["403"] = Portalrett,
            ["404"] = "Ingen søknad med denne id-en (`AA-404`).",
            ["409"] = "Søknaden er verken `UTKAST` eller `VENTER_PAA_SOEKER` og kan ikke endres (`AA-409`).",
        },
        ["SendSoknad"] = new(StringComparer.Ordinal)
        {
            ["400"] = "Søknaden er ikke komplett, eller gjeldende bruksvilkår er ikke godtatt (`AA-400`); `errors` er nøklet på JSON-sti.",
            ["403"] = Portalrett,
            ["404"] = "Ingen søknad med denne id-en (`AA-404`).",
            ["409"] = "Søknaden er verken `UTKAST` eller `VENTER_PAA_SOEKER`, så den er allerede sendt eller avgjort (`AA-409`).",
        },
        ["ListSoknader"] = new(StringComparer.Ordinal)
        {
            ["400"] = "`Nav-Organisasjonsnummer` mangler eller er ugyldig, eller `status` er ukjent (`AA-400`).",
            ["403"] = $"{Portalrett} Saksbehandlere ser alle søknader.",
        },
        ["HentSoknad"] = new(StringComparer.Ordinal)
        {
            ["403"] = $"{Portalrett} Saksbehandlere ser alle søknader.",
            ["404"] = "Ingen søknad med denne id-en (`AA-404`).",
        },
        ["TaSoknadTilBehandling"] = new(StringComparer.Ordinal)
        {
            ["403"] = Saksbehandlerrett,
            ["404"] = "Ingen søknad med denne id-en (`AA-404`).",
            ["409"] = "Søknaden er verken `SENDT` eller `VENTER_PAA_SOEKER` (`AA-409`).",
        },
        ["VentPaaSoeker"] = new(StringComparer.Ordinal)
        {
            ["400"] = "`melding` til søker mangler (`AA-400`).",
            ["403"] = Saksbehandlerrett,
            ["404"] = "Ingen søknad med denne id-en (`AA-404`).",
            ["409"] = "Søknaden er ikke `UNDER_BEHANDLING` (`AA-409`).",
        },
        ["FattVedtak"] = new(StringComparer.Ordinal)
        {
            ["400"] = "Ukjent `utfall`, begrunnelse mangler, eller vedtaket gir mer eller annet enn det som ble søkt om (`AA-400`); `errors` sier hva.",
            ["403"] = Saksbehandlerrett,
            ["404"] = "Ingen søknad med denne id-en (`AA-404`).",
            ["409"] = "Søknaden er ikke `UNDER_BEHANDLING` (`AA-409`).",
        },
        ["ListAvtaler"] = new(StringComparer.Ordinal)
        {
            ["400"] = "`Nav-Organisasjonsnummer` mangler eller er ugyldig (`AA-400`).",
            ["403"] = $"{Portalrett} Konsumentens eget Maskinporten-token og saksbehandlere trenger ikke headeren.",
        },
        ["HentAvtale"] = new(StringComparer.Ordinal)
        {
            ["403"] = $"{Portalrett} Saksbehandlere ser alle avtaler.",
            ["404"] = "Ingen avtale med denne id-en (`AA-404`).",
        },
        ["EndreKontaktpersoner"] = new(StringComparer.Ordinal)
        {
            ["400"] = "En kontaktperson mangler navn, telefon eller e-post (`AA-400`); `errors` er nøklet på JSON-sti.",
            ["403"] = Portalrett,
            ["404"] = "Ingen avtale med denne id-en (`AA-404`).",
            ["409"] = "Avtalen er avsluttet (`AA-409`).",
        },
        ["AvsluttAvtale"] = new(StringComparer.Ordinal)
        {
            ["403"] = $"{Portalrett} Saksbehandlere kan også avslutte.",
            ["404"] = "Ingen avtale med denne id-en (`AA-404`).",
            ["409"] = "Avtalen er allerede avsluttet (`AA-409`).",
        },
        ["SuspenderAvtale"] = new(StringComparer.Ordinal)
        {
            ["403"] = Saksbehandlerrett,
            ["404"] = "Ingen avtale med denne id-en (`AA-404`).",
            ["409"] = "Avtalen er ikke `AKTIV` (`AA-409`).",
        },
        ["GjenopptaAvtale"] = new(StringComparer.Ordinal)
        {
            ["403"] = Saksbehandlerrett,
            ["404"] = "Ingen avtale med denne id-en (`AA-404`).",
            ["409"] = "Avtalen er ikke `SUSPENDERT` (`AA-409`).",
        },
        ["Deleger"] = new(StringComparer.Ordinal)
        {
            ["400"] = "Organisasjonsnummer eller `mottaker` mangler eller er ugyldig (`AA-400`).",
            ["403"] = "Bare en person (`acr` minst `idporten-loa-substantial`) med rollen DAGL, LEDE, KOMP, DTPR, DTSO, BEST eller REPR i organisasjonen kan delegere; en delegert kan ikke delegere videre (`AA-403`).",
        },
        ["TilbakekallDelegering"] = new(StringComparer.Ordinal)
        {
            ["403"] = "Bare en person (`acr` minst `idporten-loa-substantial`) med rollen DAGL, LEDE, KOMP, DTPR, DTSO, BEST eller REPR i organisasjonen kan tilbakekalle (`AA-403`).",
            ["404"] = "Ingen delegering med denne id-en (`AA-404`).",
        },
        ["ListDelegeringer"] = new(StringComparer.Ordinal)
        {
            ["400"] = "`Nav-Organisasjonsnummer` mangler eller er ugyldig (`AA-400`).",
            ["403"] = Portalrett,
        },
    };
}
