using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Aareg.Api.Tilgang;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.Extensions.DependencyInjection;
using NJsonSchema.CodeGeneration.CSharp;
using NSwag.CodeGeneration.CSharp;

namespace Aareg.Api.Tests;

/// <summary>
/// Proofs that the OpenAPI document is usable by the consumers' tools (issue 4): a generated C# client compiles,
/// every operation is named, summarised and documents its failures, and the document passes Redocly's
/// <c>recommended</c> ruleset (tests/openapi/redocly.yaml).
/// </summary>
public sealed class OpenApiTests(OpenApiDokument dokument) : IClassFixture<OpenApiDokument>
{
    /// <summary>The Redocly CLI version the lint runs with; tests/openapi/lint.sh pins the same.</summary>
    public const string RedoclyVersjon = "2.77.0";

    private static readonly string[] Metoder = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

    [Fact]
    public async Task A_generated_csharp_client_compiles_without_errors()
    {
        var openApi = await NSwag.OpenApiDocument.FromJsonAsync(dokument.Json, TestContext.Current.CancellationToken);
        var innstillinger = new CSharpClientGeneratorSettings
        {
            ClassName = "{controller}Klient",
            GenerateClientInterfaces = true,
            CSharpGeneratorSettings =
            {
                Namespace = "Aareg.Generert",
                JsonLibrary = CSharpJsonLibrary.SystemTextJson,
            },
        };
        var kode = new CSharpClientGenerator(openApi, innstillinger).GenerateFile();

        var tre = CSharpSyntaxTree.ParseText(kode, cancellationToken: TestContext.Current.CancellationToken);
        var referanser = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(sti => MetadataReference.CreateFromFile(sti));
        var kompilering = CSharpCompilation.Create(
            "Aareg.Generert",
            [tre],
            referanser,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var utdata = new MemoryStream();
        var resultat = kompilering.Emit(utdata, cancellationToken: TestContext.Current.CancellationToken);

        var feil = resultat.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToArray();
        Assert.True(feil.Length == 0, string.Join(Environment.NewLine, feil.Take(20)));
        Assert.True(resultat.Success);

        // The client has one method per operation, named from its operationId.
        foreach (var operasjon in Operasjoner(dokument.Rot))
        {
            Assert.Contains(operasjon.OperationId + "Async", kode, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_operation_has_an_operation_id_and_a_summary()
    {
        var operasjoner = Operasjoner(dokument.Rot).ToArray();

        Assert.NotEmpty(operasjoner);
        Assert.All(operasjoner, o =>
        {
            Assert.False(string.IsNullOrWhiteSpace(o.OperationId), $"{o.Metode} {o.Sti} mangler operationId");
            Assert.False(string.IsNullOrWhiteSpace(Tekst(o.Element, "summary")), $"{o.Metode} {o.Sti} mangler summary");
        });
        Assert.Equal(operasjoner.Length, operasjoner.Select(o => o.OperationId).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Every_failure_response_is_documented_as_a_problem()
    {
        Assert.All(Operasjoner(dokument.Rot), o =>
        {
            var svar = o.Element.GetProperty("responses");
            Assert.Contains(svar.EnumerateObject(), s => s.Name.StartsWith('2'));

            // A protected operation can always answer 401 (no valid token) and 403 (missing scope or right).
            // (An open operation says so with one empty requirement, `security: [{}]`.)
            if (o.Element.TryGetProperty("security", out var sikkerhet) && sikkerhet.EnumerateArray().Any(k => k.EnumerateObject().Any()))
            {
                Assert.True(svar.TryGetProperty("401", out _), $"{o.Metode} {o.Sti} dokumenterer ikke 401");
                Assert.True(svar.TryGetProperty("403", out _), $"{o.Metode} {o.Sti} dokumenterer ikke 403");
            }

            foreach (var s in svar.EnumerateObject().Where(s => !s.Name.StartsWith('2')))
            {
                Assert.False(string.IsNullOrWhiteSpace(Tekst(s.Value, "description")), $"{o.Metode} {o.Sti} {s.Name} mangler beskrivelse");
                Assert.True(
                    s.Value.TryGetProperty("content", out var innhold) && innhold.TryGetProperty("application/problem+json", out _),
                    $"{o.Metode} {o.Sti} {s.Name} er ikke application/problem+json");
            }
        });
    }

    [Fact]
    public void The_otp_operations_document_their_headers_and_months()
    {
        var oversikt = Operasjoner(dokument.Rot).Single(o => o.OperationId == "HentOtpArbeidsforholdoversikter");
        var parametere = oversikt.Element.GetProperty("parameters").EnumerateArray()
            .ToDictionary(p => p.GetProperty("name").GetString()!, StringComparer.Ordinal);

        Assert.Equal("header", parametere["Nav-Opplysningspliktigident"].GetProperty("in").GetString());
        Assert.True(parametere["Nav-Opplysningspliktigident"].GetProperty("required").GetBoolean());
        Assert.True(parametere["ansattFraMaaned"].GetProperty("required").GetBoolean());
        Assert.False(parametere["ansattTilMaaned"].TryGetProperty("required", out var paakrevd) && paakrevd.GetBoolean());
        Assert.Contains("AA-101", oversikt.Element.GetProperty("responses").GetProperty("403").GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_agreement_protected_operation_documents_the_purpose_headers_the_rate_limit_and_the_audit_failure()
    {
        // The operations behind the access pipeline, from the service's own endpoint metadata (not a list here).
        Assert.Contains("HentArbeidsforholdForArbeidstaker", dokument.Avtaleoperasjoner);
        Assert.Contains("HentOtpArbeidsforhold", dokument.Avtaleoperasjoner);
        var operasjoner = Operasjoner(dokument.Rot).Where(o => dokument.Avtaleoperasjoner.Contains(o.OperationId!)).ToArray();
        Assert.Equal(dokument.Avtaleoperasjoner.Count, operasjoner.Length);

        Assert.All(operasjoner, o =>
        {
            var headere = o.Element.GetProperty("parameters").EnumerateArray()
                .Where(p => p.GetProperty("in").GetString() == "header")
                .ToDictionary(p => p.GetProperty("name").GetString()!, StringComparer.Ordinal);
            foreach (var navn in new[] { "Nav-Formaal", "Nav-Saksreferanse" })
            {
                Assert.True(headere.TryGetValue(navn, out var header), $"{o.OperationId} dokumenterer ikke {navn}");
                Assert.False(header.TryGetProperty("required", out var paakrevd) && paakrevd.GetBoolean(), $"{navn} er valgfri i {o.OperationId}");
                Assert.False(string.IsNullOrWhiteSpace(Tekst(header, "description")));
            }

            var svar = o.Element.GetProperty("responses");
            Assert.True(svar.TryGetProperty("429", out var forMange), $"{o.OperationId} dokumenterer ikke 429");
            Assert.Contains("AA-429", Tekst(forMange, "description"), StringComparison.Ordinal);
            Assert.Equal("integer", forMange.GetProperty("headers").GetProperty("Retry-After").GetProperty("schema").GetProperty("type").GetString());
            Assert.True(svar.TryGetProperty("503", out var revisjon), $"{o.OperationId} dokumenterer ikke 503");
            Assert.Contains("AA-503-REVISJON", Tekst(revisjon, "description"), StringComparison.Ordinal);
            Assert.Contains("AA-403-FORMAAL", Tekst(svar.GetProperty("403"), "description"), StringComparison.Ordinal);
        });

        // Operations outside the pipeline take no purpose.
        Assert.All(Operasjoner(dokument.Rot).Where(o => !dokument.Avtaleoperasjoner.Contains(o.OperationId!)), o =>
            Assert.False(
                o.Element.TryGetProperty("parameters", out var parametere)
                && parametere.EnumerateArray().Any(p => p.GetProperty("name").GetString() == "Nav-Formaal"),
                $"{o.OperationId} tar ikke Nav-Formaal"));
    }

    [Fact]
    public void No_failure_response_is_described_by_the_bare_http_reason_phrase()
    {
        Assert.All(Operasjoner(dokument.Rot), o =>
        {
            foreach (var s in o.Element.GetProperty("responses").EnumerateObject().Where(s => !s.Name.StartsWith('2')))
            {
                var tekst = Tekst(s.Value, "description");
                Assert.False(
                    tekst == ReasonPhrases.GetReasonPhrase(int.Parse(s.Name, System.Globalization.CultureInfo.InvariantCulture)),
                    $"{o.Metode} {o.Sti} {s.Name} sier bare «{tekst}»");
            }
        });

        var send = Operasjoner(dokument.Rot).Single(o => o.OperationId == "SendSoknad").Element.GetProperty("responses");
        Assert.Contains("komplett", Tekst(send.GetProperty("400"), "description"), StringComparison.Ordinal);
        Assert.Contains("idporten-loa-substantial", Tekst(send.GetProperty("403"), "description"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_lint_script_pins_the_same_redocly_version()
    {
        var skript = File.ReadAllText(Path.Combine(OpenApiDokument.Rotmappe(), "tests", "openapi", "lint.sh"));

        Assert.Contains($"@redocly/cli@{RedoclyVersjon}", skript, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_document_passes_redocly_lint()
    {
        var npx = FinnPaaPath("npx");
        Assert.SkipWhen(npx is null, "npx (Node.js) er ikke på PATH; Redocly-lint av OpenAPI-dokumentet hoppes over.");

        var rot = OpenApiDokument.Rotmappe();
        var fil = Path.Combine(Path.GetTempPath(), $"aareg-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(fil, dokument.Json, TestContext.Current.CancellationToken);
        try
        {
            var start = new ProcessStartInfo(npx!)
            {
                WorkingDirectory = rot,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var argument in new[] { "--yes", $"@redocly/cli@{RedoclyVersjon}", "lint", fil, "--config", Path.Combine(rot, "tests", "openapi", "redocly.yaml"), "--format", "stylish" })
            {
                start.ArgumentList.Add(argument);
            }

            // No telemetry from test runs.
            start.Environment["REDOCLY_TELEMETRY"] = "off";
            start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
            using var prosess = Process.Start(start)!;
            var ut = prosess.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            var feil = prosess.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            using var tidsavbrudd = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            tidsavbrudd.CancelAfter(TimeSpan.FromMinutes(5));
            try
            {
                await prosess.WaitForExitAsync(tidsavbrudd.Token);
            }
            catch (OperationCanceledException)
            {
                prosess.Kill(entireProcessTree: true);
                throw;
            }

            var utskrift = await ut + Environment.NewLine + await feil;
            Assert.True(prosess.ExitCode == 0, utskrift);
        }
        finally
        {
            File.Delete(fil);
        }
    }

    private static string? FinnPaaPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(mappe => Path.Combine(mappe, program))
            .FirstOrDefault(File.Exists);

    private static string? Tekst(JsonElement element, string navn) =>
        element.TryGetProperty(navn, out var verdi) && verdi.ValueKind == JsonValueKind.String ? verdi.GetString() : null;

    private sealed record Operasjon(string Sti, string Metode, string? OperationId, JsonElement Element);

    private static IEnumerable<Operasjon> Operasjoner(JsonElement rot)
    {
        foreach (var sti in rot.GetProperty("paths").EnumerateObject())
        {
            foreach (var metode in sti.Value.EnumerateObject().Where(m => Metoder.Contains(m.Name)))
            {
                yield return new Operasjon(sti.Name, metode.Name, Tekst(metode.Value, "operationId"), metode.Value);
            }
        }
    }
}

/// <summary>Fetches <c>/openapi/v1.json</c> once from the real service.</summary>
public sealed class OpenApiDokument : IAsyncLifetime
{
    private readonly AaregFabrikk _fabrikk = new();

    public string Json { get; private set; } = "";

    public JsonElement Rot { get; private set; }

    /// <summary>Names of the operations marked <see cref="PersondataMetadata"/> (behind the access pipeline).</summary>
    public IReadOnlySet<string> Avtaleoperasjoner { get; private set; } = new HashSet<string>();

    private static string? Innholdsrot { get; set; }

    public async ValueTask InitializeAsync()
    {
        using var klient = _fabrikk.CreateClient();
        using var svar = await klient.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, svar.StatusCode);
        Json = await svar.Content.ReadAsStringAsync();
        Rot = JsonDocument.Parse(Json).RootElement.Clone();
        Innholdsrot = _fabrikk.Services.GetRequiredService<IWebHostEnvironment>().ContentRootPath;
        Avtaleoperasjoner = _fabrikk.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Where(e => e.Metadata.GetMetadata<PersondataMetadata>() is not null)
            .Select(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
    }

    public async ValueTask DisposeAsync() => await _fabrikk.DisposeAsync();

    /// <summary>
    /// The work tree's root (the folder holding Aareg.slnx), found above the service's content root, which
    /// WebApplicationFactory takes from the project path recorded at build time (the test runner's working directory
    /// and the output folder may both be outside the tree).
    /// </summary>
    public static string Rotmappe()
    {
        foreach (var start in new[] { Innholdsrot, AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var mappe = start is null ? null : new DirectoryInfo(start); mappe is not null; mappe = mappe.Parent)
            {
                if (File.Exists(Path.Combine(mappe.FullName, "Aareg.slnx")))
                {
                    return mappe.FullName;
                }
            }
        }

        throw new InvalidOperationException("Fant ikke Aareg.slnx over tjenestens innholdsrot, testmappen eller arbeidsmappen.");
    }
}
