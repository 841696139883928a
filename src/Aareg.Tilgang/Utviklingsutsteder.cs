using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Aareg.Domain.Identer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Aareg.Tilgang;

/// <summary>What a development token should say about its holder.</summary>
/// <param name="Scope">Space-separated scopes (may be empty for a person token).</param>
/// <param name="Consumer">The calling organisation's orgnr (Maskinporten <c>consumer</c>).</param>
/// <param name="Supplier">A payroll vendor or accountant acting for the consumer (Maskinporten <c>supplier</c>).</param>
/// <param name="Pid">A person's fnr/dnr (ID-porten <c>pid</c>); synthetic numbers are allowed.</param>
/// <param name="Roller">Case worker roles (the owner's issuer).</param>
/// <param name="Acr">Assurance level; defaults to <c>idporten-loa-substantial</c> when <paramref name="Pid"/> is set.</param>
public sealed record TokenForespoersel(
    string Scope,
    string? Consumer,
    string? Supplier = null,
    string? Pid = null,
    IReadOnlyList<string>? Roller = null,
    string? Acr = null);

/// <summary>
/// The product's own development issuer (API.md §9: "for local use and tests the product ships its own development
/// issuer (keys generated on first start …); it is off unless the deployment turns it on"). It signs ES256 tokens
/// shaped like Maskinporten / ID-porten / case-worker tokens, with a P-256 key kept in the data directory so tokens
/// survive restarts and the command line can mint tokens without a running server.
/// </summary>
public sealed class Utviklingsutsteder : IDisposable
{
    public const string Issuer = "https://aareg.local/dev-utsteder";
    public const string Audience = "aareg";
    public const string Nokkelfilnavn = "dev-utsteder-nokkel.json";
    public const string StandardAcr = "idporten-loa-substantial";

    public static readonly TimeSpan StandardLevetid = TimeSpan.FromHours(1);

    /// <summary>Even development tokens expire within a day, so a leaked one does not live on.</summary>
    public static readonly TimeSpan MaksLevetid = TimeSpan.FromHours(24);

    private const string Kurve = "P-256";
    private static readonly JsonSerializerOptions Innrykket = new() { WriteIndented = true };

    private readonly ECDsa nokkel;
    private readonly TimeProvider tid;
    private readonly SigningCredentials signering;
    private readonly JsonWebTokenHandler handler = new();

    private Utviklingsutsteder(ECDsa nokkel, TimeProvider tid)
    {
        this.nokkel = nokkel;
        this.tid = tid;
        var parametre = nokkel.ExportParameters(includePrivateParameters: false);
        KeyId = Tommelavtrykk(parametre);
        Signeringsnokkel = new ECDsaSecurityKey(nokkel) { KeyId = KeyId };
        signering = new SigningCredentials(Signeringsnokkel, SecurityAlgorithms.EcdsaSha256);
    }

    /// <summary>RFC 7638 thumbprint of the public key: stable across restarts, so <c>kid</c> is too.</summary>
    public string KeyId { get; }

    /// <summary>The key tokens are validated with (the same key pair; only its public half is ever published).</summary>
    public SecurityKey Signeringsnokkel { get; }

    /// <summary>Path of the key file inside a data directory.</summary>
    public static string Nokkelfil(string dataDirectory) => Path.Combine(Path.GetFullPath(dataDirectory), Nokkelfilnavn);

    /// <summary>
    /// Loads the key from <c>dev-utsteder-nokkel.json</c> in <paramref name="dataDirectory"/>, generating and
    /// storing a new one on first use (the directory is created). Used by the server and by the CLI's token command.
    /// </summary>
    public static Utviklingsutsteder FraDatamappe(string dataDirectory, TimeProvider? tid = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        var fil = Nokkelfil(dataDirectory);
        var nokkel = File.Exists(fil) ? LesNokkel(fil) : LagOgLagreNokkel(fil);
        return new Utviklingsutsteder(nokkel, tid ?? TimeProvider.System);
    }

    /// <summary>Signs a token for <paramref name="foresporsel"/>; <see cref="ArgumentException"/> for invalid input.</summary>
    public string LagToken(TokenForespoersel foresporsel, TimeSpan? levetid = null)
    {
        ArgumentNullException.ThrowIfNull(foresporsel);
        var feil = Valider(foresporsel);
        if (feil.Count > 0)
        {
            var (felt, meldinger) = feil.First();
            throw new ArgumentException($"{felt}: {meldinger[0]}", nameof(foresporsel));
        }

        var varighet = levetid ?? StandardLevetid;
        if (varighet <= TimeSpan.Zero || varighet > MaksLevetid)
        {
            throw new ArgumentOutOfRangeException(nameof(levetid), "Levetiden må være mellom null og 24 timer.");
        }

        return handler.CreateToken(Nyttelast(foresporsel, varighet), signering);
    }

    /// <summary>The public key as a JWKS document (<c>GET /dev/jwks</c>).</summary>
    public string Jwks()
    {
        var p = nokkel.ExportParameters(includePrivateParameters: false);
        var nokler = new[]
        {
            new Dictionary<string, string>
            {
                ["kty"] = "EC",
                ["crv"] = Kurve,
                ["x"] = Base64UrlEncoder.Encode(p.Q.X),
                ["y"] = Base64UrlEncoder.Encode(p.Q.Y),
                ["kid"] = KeyId,
                ["alg"] = SecurityAlgorithms.EcdsaSha256,
                ["use"] = "sig",
            },
        };
        return JsonSerializer.Serialize(new Dictionary<string, object> { ["keys"] = nokler });
    }

    public void Dispose() => nokkel.Dispose();

    /// <summary>Field-wise validation (camelCase field names as in the <c>POST /dev/token</c> body).</summary>
    internal static Dictionary<string, string[]> Valider(TokenForespoersel f)
    {
        var feil = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (f.Scope is null || !ErGyldigScope(f.Scope))
        {
            feil["scope"] = ["Scope må være mellomromsseparerte scope-navn (RFC 6749 §3.3)."];
        }

        if (f.Consumer is not null && !Organisasjonsnummer.TryParse(f.Consumer, out _))
        {
            feil["consumer"] = ["Consumer må være et gyldig organisasjonsnummer."];
        }

        if (f.Supplier is not null && !Organisasjonsnummer.TryParse(f.Supplier, out _))
        {
            feil["supplier"] = ["Supplier må være et gyldig organisasjonsnummer."];
        }

        // The value itself is never echoed: a pid is personal data.
        if (f.Pid is not null && !Personident.TryParse(f.Pid, tillatSyntetiske: true, out _))
        {
            feil["pid"] = ["Pid må være et gyldig fødselsnummer eller D-nummer."];
        }

        if (f.Roller is not null && f.Roller.Any(r => string.IsNullOrWhiteSpace(r) || !ErSynligAscii(r, tillatMellomrom: false)))
        {
            feil["roller"] = ["Hver rolle må være et ikke-tomt navn uten mellomrom."];
        }

        if (f.Acr is not null && (f.Acr.Length == 0 || !ErSynligAscii(f.Acr, tillatMellomrom: false)))
        {
            feil["acr"] = ["Acr må være et ikke-tomt navn uten mellomrom."];
        }

        return feil;
    }

    private string Nyttelast(TokenForespoersel f, TimeSpan levetid)
    {
        var naa = tid.GetUtcNow();
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("iss", Issuer);
            w.WriteString("aud", Audience);
            w.WriteNumber("iat", naa.ToUnixTimeSeconds());
            w.WriteNumber("nbf", naa.ToUnixTimeSeconds());
            w.WriteNumber("exp", naa.Add(levetid).ToUnixTimeSeconds());
            w.WriteString("jti", Guid.NewGuid().ToString("D"));
            w.WriteString("scope", string.Join(' ', f.Scope.Split(' ', StringSplitOptions.RemoveEmptyEntries)));
            SkrivOrganisasjon(w, "consumer", f.Consumer);
            SkrivOrganisasjon(w, "supplier", f.Supplier);
            if (f.Pid is not null)
            {
                w.WriteString("pid", f.Pid);
            }

            if (f.Pid is not null || f.Acr is not null)
            {
                w.WriteString("acr", f.Acr ?? StandardAcr);
            }

            if (f.Roller is { Count: > 0 })
            {
                w.WriteStartArray("roller");
                foreach (var rolle in f.Roller)
                {
                    w.WriteStringValue(rolle);
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Maskinporten's shape: <c>{"authority":"iso6523-actorid-upis","ID":"0192:&lt;orgnr&gt;"}</c>.</summary>
    private static void SkrivOrganisasjon(Utf8JsonWriter w, string navn, string? orgnr)
    {
        if (orgnr is null)
        {
            return;
        }

        w.WriteStartObject(navn);
        w.WriteString("authority", "iso6523-actorid-upis");
        w.WriteString("ID", "0192:" + orgnr);
        w.WriteEndObject();
    }

    private static bool ErGyldigScope(string scope) =>
        scope.Split(' ', StringSplitOptions.RemoveEmptyEntries).All(s => ErSynligAscii(s, tillatMellomrom: false) && !s.Contains('"', StringComparison.Ordinal) && !s.Contains('\\', StringComparison.Ordinal));

    private static bool ErSynligAscii(string tekst, bool tillatMellomrom) =>
        tekst.All(c => c is > ' ' and <= '~' || (tillatMellomrom && c == ' '));

    private static string Tommelavtrykk(ECParameters p)
    {
        // RFC 7638 §3.2: the required members in lexicographic order, no whitespace.
        var kanonisk = $"{{\"crv\":\"{Kurve}\",\"kty\":\"EC\",\"x\":\"{Base64UrlEncoder.Encode(p.Q.X)}\",\"y\":\"{Base64UrlEncoder.Encode(p.Q.Y)}\"}}";
        return Base64UrlEncoder.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(kanonisk)));
    }

    private static ECDsa LesNokkel(string fil)
    {
        try
        {
            using var dokument = JsonDocument.Parse(File.ReadAllText(fil));
            var rot = dokument.RootElement;
            if (rot.GetProperty("kty").GetString() != "EC" || rot.GetProperty("crv").GetString() != Kurve)
            {
                throw new InvalidOperationException($"Nøkkelfilen {fil} er ikke en EC {Kurve}-nøkkel.");
            }

            return ECDsa.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint
                {
                    X = Base64UrlEncoder.DecodeBytes(rot.GetProperty("x").GetString()),
                    Y = Base64UrlEncoder.DecodeBytes(rot.GetProperty("y").GetString()),
                },
                D = Base64UrlEncoder.DecodeBytes(rot.GetProperty("d").GetString()),
            });
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or FormatException or CryptographicException)
        {
            throw new InvalidOperationException($"Nøkkelfilen {fil} kan ikke leses; slett den for å lage en ny nøkkel.", e);
        }
    }

    private static ECDsa LagOgLagreNokkel(string fil)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(fil)!);
        var nokkel = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var p = nokkel.ExportParameters(includePrivateParameters: true);
        var jwk = new Dictionary<string, string>
        {
            ["kty"] = "EC",
            ["crv"] = Kurve,
            ["x"] = Base64UrlEncoder.Encode(p.Q.X),
            ["y"] = Base64UrlEncoder.Encode(p.Q.Y),
            ["d"] = Base64UrlEncoder.Encode(p.D),
            ["kid"] = Tommelavtrykk(p),
            ["alg"] = SecurityAlgorithms.EcdsaSha256,
            ["use"] = "sig",
        };

        // Written to a private temp file and moved into place without overwriting: two processes starting at once
        // on the same data directory end up sharing whichever key landed first.
        var temp = fil + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var valg = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            valg.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var strom = new FileStream(temp, valg))
        {
            JsonSerializer.Serialize(strom, jwk, Innrykket);
        }

        try
        {
            File.Move(temp, fil, overwrite: false);
            return nokkel;
        }
        catch (IOException) when (File.Exists(fil))
        {
            File.Delete(temp);
            nokkel.Dispose();
            return LesNokkel(fil);
        }
    }
}
