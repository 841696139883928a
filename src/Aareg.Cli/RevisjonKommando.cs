using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aareg.Domain.Revisjon;
using Aareg.Storage;
using Aareg.Storage.Revisjon;
using Microsoft.Extensions.Configuration;

namespace Aareg.Cli;

/// <summary>
/// <c>aareg audit</c>: verifies the hash-chained audit log (API §8), signs checkpoints of its head and exports it as
/// CEF for a SIEM. Exit codes: 0 in order, 1 tampering found (or a chain too broken to sign), 2 unusable input.
/// </summary>
internal static class RevisjonKommando
{
    public const int IOrden = 0;
    public const int Funn = 1;
    public const int Feil = 2;

    private const string Nokkelinnstilling = "Aareg:Revisjon:Signeringsnokkel";

    private static readonly IConfiguration Miljoe = new ConfigurationBuilder().AddEnvironmentVariables().Build();

    public static Command Lag()
    {
        var nokkel = new Option<string?>("--nokkel")
        {
            Description = $"Signeringsnøkkelen (PEM, ECDSA P-256; ved verifisering holder den offentlige). Standard: {Nokkelinnstilling} eller {Revisjonsnokkel.Filnavn} i datamappen",
        };

        var sjekkpunktfil = new Option<string?>("--checkpoint") { Description = "Et signert sjekkpunkt (fra audit checkpoint) som avslører avkortning" };
        var verifiser = new Command("verify", "Verifiserer hash-kjeden: endrede, fjernede, innsatte og flyttede poster, og avkortning mot et sjekkpunkt")
        {
            CliKonfig.Datamappe, sjekkpunktfil, nokkel,
        };
        verifiser.SetAction(async (r, ct) =>
            await VerifiserAsync(CliKonfig.DatamappeFra(r), r.GetValue(sjekkpunktfil), r.GetValue(nokkel), Console.Out, ct));

        var utfil = new Option<string>("--out") { Description = "Filen sjekkpunktet skrives til (JSON)", Required = true };
        var sjekkpunkt = new Command("checkpoint", "Signerer kjedens hode (sekvensnummer, hash, tidspunkt) etter en vellykket verifisering")
        {
            CliKonfig.Datamappe, utfil, nokkel,
        };
        sjekkpunkt.SetAction(async (r, ct) =>
            await LagSjekkpunktAsync(CliKonfig.DatamappeFra(r), r.GetValue(utfil)!, r.GetValue(nokkel), Console.Out, TimeProvider.System, ct));

        var cef = new Option<bool>("--cef") { Description = "CEF-linjer for SIEM (eneste format)" };
        var fra = new Option<string?>("--fra") { Description = "Fra og med tidspunkt (ISO 8601; en dato er midnatt norsk tid)" };
        var til = new Option<string?>("--til") { Description = "Til (ikke med) tidspunkt (ISO 8601; en dato er midnatt norsk tid)" };
        var eksportfil = new Option<string?>("--out") { Description = "Fil (standard: standard ut)" };
        var eksport = new Command("export", "Eksporterer revisjonsposter, én CEF-linje per post, med personident (API §8)")
        {
            CliKonfig.Datamappe, cef, fra, til, eksportfil,
        };
        eksport.SetAction(async (r, ct) =>
        {
            if (!r.GetValue(cef))
            {
                await Console.Error.WriteLineAsync("Oppgi --cef (det eneste eksportformatet).");
                return Feil;
            }

            if (!Tidspunkt(r.GetValue(fra), out var f) || !Tidspunkt(r.GetValue(til), out var t))
            {
                await Console.Error.WriteLineAsync("--fra og --til må være ISO 8601-datoer eller -tidspunkter.");
                return Feil;
            }

            var sti = r.GetValue(eksportfil);
            await using var ut = sti is null ? Console.Out : new StreamWriter(sti, append: false);
            var antall = await EksporterCefAsync(CliKonfig.DatamappeFra(r), f, t, ut, ct);
            if (sti is not null)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{antall} poster skrevet til {sti}."));
            }

            return IOrden;
        });

        return new Command("audit", "Revisjonsloggen: verifisering, signerte sjekkpunkter og SIEM-eksport") { verifiser, sjekkpunkt, eksport };
    }

    /// <summary>
    /// Verifies the chain; against <paramref name="sjekkpunktfil"/> when given, else against the newest checkpoint in
    /// the database when the trusted key is there. The key that verifies a checkpoint is always the operator's, never
    /// the one in the checkpoint file (a forger would ship their own).
    /// </summary>
    public static async Task<int> VerifiserAsync(string datamappe, string? sjekkpunktfil, string? nokkelfil, TextWriter ut, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(ut);
        var lagring = await CliKonfig.AapneStoreAsync(datamappe, ct);
        await using (lagring)
        {
            var logg = lagring.Revisjonsleser;
            Sjekkpunkt? sjekkpunkt = null;
            var nokkelsti = Revisjonsnokkel.Sti(nokkelfil ?? Miljoe[Nokkelinnstilling], datamappe);
            if (sjekkpunktfil is not null)
            {
                try
                {
                    sjekkpunkt = LesSjekkpunkt(sjekkpunktfil);
                }
                catch (Exception e) when (e is IOException or JsonException or FormatException or InvalidOperationException)
                {
                    await ut.WriteLineAsync($"Kan ikke lese sjekkpunktet {sjekkpunktfil}: {e.Message}");
                    return Feil;
                }

                if (!File.Exists(nokkelsti))
                {
                    await ut.WriteLineAsync($"Fant ikke nøkkelen som skal verifisere sjekkpunktet ({nokkelsti}); oppgi --nokkel.");
                    return Feil;
                }
            }
            else if (File.Exists(nokkelsti) && await logg.HentSisteSjekkpunktAsync(ct) is { } lagret)
            {
                sjekkpunkt = lagret.Sjekkpunkt;
            }

            using var nokkel = sjekkpunkt is null ? null : Revisjonsnokkel.Last(nokkelsti);
            var funn = await Kjedeverifisering.VerifiserAsync(logg.LesKjedeAsync(ct), sjekkpunkt, nokkel, ct);
            var hode = await logg.HentHodeAsync(ct);
            if (funn.Count == 0)
            {
                await ut.WriteLineAsync(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Revisjonsloggen er i orden: {hode?.Sekvensnummer ?? 0} poster{(sjekkpunkt is null ? " (uten sjekkpunkt)" : $", sjekkpunkt {sjekkpunkt.Sekvensnummer} stemmer")}."));
                return IOrden;
            }

            await ut.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Revisjonsloggen er tuklet med: {funn.Count} funn."));
            foreach (var f in funn)
            {
                await ut.WriteLineAsync($"  {f.Type}: {f.Beskrivelse}");
            }

            return Funn;
        }
    }

    /// <summary>Signs the head of a chain that verifies (against the newest stored checkpoint too), writes the file and keeps a copy.</summary>
    public static async Task<int> LagSjekkpunktAsync(
        string datamappe, string utfil, string? nokkelfil, TextWriter ut, TimeProvider tid, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(ut);
        ArgumentNullException.ThrowIfNull(tid);
        var lagring = await CliKonfig.AapneStoreAsync(datamappe, ct);
        await using (lagring)
        {
            var logg = lagring.Revisjonsleser;
            using var nokkel = Revisjonsnokkel.LastEllerLag(nokkelfil ?? Miljoe[Nokkelinnstilling], datamappe);
            var forrige = await logg.HentSisteSjekkpunktAsync(ct);
            var funn = await Kjedeverifisering.VerifiserAsync(logg.LesKjedeAsync(ct), forrige?.Sjekkpunkt, forrige is null ? null : nokkel, ct);
            if (funn.Count > 0)
            {
                await ut.WriteLineAsync("Signerer ikke: revisjonsloggen er tuklet med (kjør aareg audit verify).");
                return Funn;
            }

            var hode = await logg.HentHodeAsync(ct) ?? new Kjedehode(0, Revisjonskjede.Start.ToArray());
            var sjekkpunkt = Sjekkpunkt.Signer(hode.Sekvensnummer, hode.Hash, tid.GetUtcNow(), nokkel);
            var offentlig = Revisjonsnokkel.OffentligPem(nokkel);
            await File.WriteAllTextAsync(utfil, SkrivSjekkpunkt(sjekkpunkt, offentlig), ct);
            await File.WriteAllTextAsync(OffentligNokkelfil(utfil), offentlig, ct);
            await logg.LagreSjekkpunktAsync(new LagretSjekkpunkt(sjekkpunkt, offentlig), ct);
            await ut.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"Sjekkpunkt for post {sjekkpunkt.Sekvensnummer} skrevet til {utfil}; offentlig nøkkel i {OffentligNokkelfil(utfil)}."));
            return IOrden;
        }
    }

    public static async Task<long> EksporterCefAsync(string datamappe, DateTimeOffset? fra, DateTimeOffset? til, TextWriter ut, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(ut);
        var lagring = await CliKonfig.AapneStoreAsync(datamappe, ct);
        await using (lagring)
        {
            var antall = 0L;
            await foreach (var post in lagring.Revisjonsleser.LesAsync(fra, til, ct))
            {
                await ut.WriteLineAsync(Cef.Linje(post));
                antall++;
            }

            return antall;
        }
    }

    /// <summary>The public key beside the checkpoint: <c>sjekkpunkt.json</c> → <c>sjekkpunkt.pub.pem</c>.</summary>
    public static string OffentligNokkelfil(string utfil) => Path.ChangeExtension(utfil, ".pub.pem");

    public static string SkrivSjekkpunkt(Sjekkpunkt sjekkpunkt, string offentligNokkelPem)
    {
        ArgumentNullException.ThrowIfNull(sjekkpunkt);
        var json = new JsonObject
        {
            ["sekvensnummer"] = sjekkpunkt.Sekvensnummer,
            ["hash"] = Convert.ToHexStringLower(sjekkpunkt.Hash),
            ["tidspunkt"] = Sjekkpunkt.Tidstekst(sjekkpunkt.Tidspunkt),
            ["algoritme"] = "ES256",
            ["signatur"] = Convert.ToBase64String(sjekkpunkt.Signatur),
            ["offentligNokkel"] = offentligNokkelPem,
        };
        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    public static Sjekkpunkt LesSjekkpunkt(string sti)
    {
        var json = JsonNode.Parse(File.ReadAllText(sti)) ?? throw new JsonException("Tom fil.");
        JsonNode Felt(string navn) => json[navn] ?? throw new FormatException($"Feltet {navn} mangler.");
        return new Sjekkpunkt(
            Felt("sekvensnummer").GetValue<long>(),
            Convert.FromHexString(Felt("hash").GetValue<string>()),
            DateTimeOffset.Parse(Felt("tidspunkt").GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
            Convert.FromBase64String(Felt("signatur").GetValue<string>()));
    }

    /// <summary>ISO 8601 time; a bare date is midnight Norwegian time (how a person reading the register counts days).</summary>
    internal static bool Tidspunkt(string? tekst, out DateTimeOffset? tidspunkt)
    {
        tidspunkt = null;
        if (string.IsNullOrWhiteSpace(tekst))
        {
            return true;
        }

        if (DateOnly.TryParseExact(tekst, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var dato))
        {
            var norge = TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo");
            var lokal = dato.ToDateTime(TimeOnly.MinValue);
            tidspunkt = new DateTimeOffset(lokal, norge.GetUtcOffset(lokal));
            return true;
        }

        if (DateTimeOffset.TryParse(tekst, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t))
        {
            tidspunkt = t;
            return true;
        }

        return false;
    }
}
