using System.Text.Json;
using System.Text.Json.Serialization;
using Aareg.Domain.Identer;

namespace Aareg.Storage.Tilgang;

/// <summary>
/// The start-up file (<c>Aareg:Tilgang:Oppstartsfil</c>, docs/tilgang.md): agreements and case workers an operator
/// declares instead of running them through the application flow, e.g. for a test environment or agreements made
/// on paper (the source document: private persons, estates and foreign authorities apply by letter).
/// </summary>
public sealed record Oppstartsfil(IReadOnlyList<OppstartsAvtale>? Avtaler, IReadOnlyList<OppstartsSaksbehandler>? Saksbehandlere)
{
    /// <summary>The marker in <see cref="Avtale.Grunnlag"/> and <see cref="Avtale.EndretAv"/> for file-loaded versions.</summary>
    public const string Grunnlag = "oppstartsfil";

    public static Oppstartsfil Les(string json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, TilgangJsonContext.Default.Oppstartsfil)
                ?? throw new InvalidOperationException("Oppstartsfilen er tom.");
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"Oppstartsfilen er ikke gyldig JSON (linje {e.LineNumber + 1}): {e.Message}", e);
        }
    }

    /// <summary>
    /// The agreements the file declares, as agreement versions ready to store (version 0, set by the store). Every
    /// error in the file is reported at once; an invalid file stops the start-up rather than run with wrong access.
    /// </summary>
    /// <param name="dataelementer">The data element catalogue; <c>*</c> is also accepted (all elements).</param>
    /// <param name="standardScopes">The scopes for an entry without <c>scopes</c>, from its channels and OTP flag.</param>
    public IReadOnlyList<Avtale> TilAvtaler(
        IReadOnlySet<string> dataelementer,
        Func<OppstartsAvtale, IReadOnlyList<string>> standardScopes,
        DateOnly idag,
        DateTimeOffset naa)
    {
        ArgumentNullException.ThrowIfNull(dataelementer);
        ArgumentNullException.ThrowIfNull(standardScopes);
        var feil = new List<string>();
        var avtaler = new List<Avtale>();
        var ider = new HashSet<string>(StringComparer.Ordinal);
        var liste = Avtaler ?? [];
        string[] kanaler = [Tilgang.Kanaler.Api, Tilgang.Kanaler.Web, Tilgang.Kanaler.Uttrekk, Tilgang.Kanaler.Hendelser];
        for (var i = 0; i < liste.Count; i++)
        {
            var a = liste[i];
            var hvor = $"avtaler[{i}]";
            if (!Organisasjonsnummer.TryParse(a.Konsument, out var konsument))
            {
                feil.Add($"{hvor}.konsument må være et gyldig organisasjonsnummer.");
                continue;
            }

            var id = a.Id ?? "oppstart-" + konsument.Verdi;
            if (!ider.Add(id))
            {
                feil.Add($"{hvor}: id {id} er brukt før; gi hver avtale for samme konsument sin egen id.");
            }

            var elementer = a.Dataelementer ?? [];
            if (elementer.Count == 0 || elementer.Any(d => d != "*" && !dataelementer.Contains(d)))
            {
                feil.Add($"{hvor}.dataelementer må være [\"*\"] eller navn fra katalogen ({string.Join(", ", dataelementer)}).");
            }

            if ((a.Kanaler ?? []).Any(k => !kanaler.Contains(k)))
            {
                feil.Add($"{hvor}.kanaler kan bare inneholde {string.Join(", ", kanaler)}.");
            }

            if (a.Databehandler is not null && !Organisasjonsnummer.TryParse(a.Databehandler, out _))
            {
                feil.Add($"{hvor}.databehandler må være et gyldig organisasjonsnummer.");
            }

            // Hiding lookups from the person's insight needs a legal basis (API §8).
            if (a.SkjultForPerson == true && string.IsNullOrWhiteSpace(a.SkjultHjemmel))
            {
                feil.Add($"{hvor}.skjultHjemmel er påkrevd når skjultForPerson er true.");
            }

            if ((a.Formaal ?? []).Count == 0)
            {
                feil.Add($"{hvor}.formaal må ha minst én formålskode.");
            }

            avtaler.Add(new Avtale(
                id,
                0,
                konsument.Verdi,
                a.Status ?? Avtalestatus.Aktiv,
                Sortert(a.Formaal),
                elementer.Contains("*") ? ["*"] : Sortert(elementer),
                Sortert(a.Kanaler ?? [Tilgang.Kanaler.Api]),
                a.Scopes is { Count: > 0 } scopes ? Sortert(scopes) : standardScopes(a),
                a.Databehandler,
                a.GyldigFra ?? idag,
                a.GyldigTil,
                a.Otp ?? false,
                a.SeAdressebeskyttede ?? false,
                a.SkjultForPerson ?? false,
                a.SkjultHjemmel,
                a.MaksOppslagPerMinutt,
                naa,
                Grunnlag,
                Grunnlag: Grunnlag));
        }

        foreach (var (s, i) in (Saksbehandlere ?? []).Select((s, i) => (s, i)))
        {
            if (string.IsNullOrWhiteSpace(s.Ident) || (s.Roller ?? []).Count == 0)
            {
                feil.Add($"saksbehandlere[{i}] må ha ident og minst én rolle.");
            }
        }

        if (feil.Count > 0)
        {
            throw new InvalidOperationException("Ugyldig oppstartsfil: " + string.Join(" ", feil));
        }

        return avtaler;
    }

    /// <summary>
    /// Whether <paramref name="ny"/> says the same as <paramref name="gjeldende"/> (everything but version, time and
    /// author): loading the same file again must not make a new version. <see cref="Avtale.GyldigFra"/> is left out
    /// too, since a file without it means «from the first load».
    /// </summary>
    public static bool SammeInnhold(Avtale gjeldende, Avtale ny)
    {
        ArgumentNullException.ThrowIfNull(gjeldende);
        ArgumentNullException.ThrowIfNull(ny);
        return gjeldende.Konsument == ny.Konsument
            && gjeldende.Status == ny.Status
            && gjeldende.Formaal.SequenceEqual(ny.Formaal)
            && gjeldende.Dataelementer.SequenceEqual(ny.Dataelementer)
            && gjeldende.Kanaler.SequenceEqual(ny.Kanaler)
            && gjeldende.Scopes.SequenceEqual(ny.Scopes)
            && gjeldende.Databehandler == ny.Databehandler
            && gjeldende.GyldigTil == ny.GyldigTil
            && gjeldende.Otp == ny.Otp
            && gjeldende.SeAdressebeskyttede == ny.SeAdressebeskyttede
            && gjeldende.SkjultForPerson == ny.SkjultForPerson
            && gjeldende.SkjultHjemmel == ny.SkjultHjemmel
            && gjeldende.MaksOppslagPerMinutt == ny.MaksOppslagPerMinutt;
    }

    private static string[] Sortert(IEnumerable<string>? verdier) =>
        [.. (verdier ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}

/// <summary>One agreement in the start-up file; see docs/tilgang.md for every field.</summary>
/// <param name="Id">Stable id; defaults to <c>oppstart-&lt;konsument&gt;</c> (give one when a consumer has several).</param>
public sealed record OppstartsAvtale(
    string? Konsument,
    IReadOnlyList<string>? Formaal,
    IReadOnlyList<string>? Dataelementer,
    IReadOnlyList<string>? Kanaler,
    string? Id = null,
    string? Databehandler = null,
    bool? Otp = null,
    bool? SeAdressebeskyttede = null,
    bool? SkjultForPerson = null,
    string? SkjultHjemmel = null,
    IReadOnlyList<string>? Scopes = null,
    DateOnly? GyldigFra = null,
    DateOnly? GyldigTil = null,
    int? MaksOppslagPerMinutt = null,
    Avtalestatus? Status = null);

/// <summary>A case worker (the owner's own issuer) and the roles the file gives them, matched on the token's <c>sub</c>.</summary>
public sealed record OppstartsSaksbehandler(string? Ident, IReadOnlyList<string>? Roller);

/// <summary>Stored and file JSON for the access records: camelCase, enums by name (the API maps statuses to API §7 codes), nulls left out.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    Converters = [typeof(JsonStringEnumConverter<Avtalestatus>), typeof(JsonStringEnumConverter<Soknadsstatus>), typeof(JsonStringEnumConverter<Soknadstype>), typeof(JsonStringEnumConverter<Vedtaksutfall>)])]
[JsonSerializable(typeof(Oppstartsfil))]
[JsonSerializable(typeof(Avtale))]
[JsonSerializable(typeof(Soknadsinnhold))]
[JsonSerializable(typeof(Soknad))]
public sealed partial class TilgangJsonContext : JsonSerializerContext;
