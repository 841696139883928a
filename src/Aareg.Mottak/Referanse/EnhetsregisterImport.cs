using System.IO.Compression;
using System.Text.Json;
using Aareg.Storage.Referanse;

namespace Aareg.Mottak.Referanse;

/// <summary>What one Enhetsregisteret file changed.</summary>
/// <param name="Avvist">Objects without a 9-digit organisasjonsnummer, or updates with an unknown endringstype.</param>
/// <param name="AlleredeAnvendt">Updates at or below the feed's stored <c>oppdateringsid</c>, skipped.</param>
/// <param name="UtenInnhold">Ny/Endring updates with neither an embedded unit nor <c>endringer</c>: nothing to apply.</param>
/// <param name="Oppdateringsid">The feed's cursor after the import (update feeds only).</param>
public sealed record EnhetsregisterImportresultat(
    int Hovedenheter,
    int Underenheter,
    int EnheterMedRoller,
    int Roller,
    int Ny,
    int Endring,
    int Sletting,
    int Fjernet,
    int Avvist,
    int AlleredeAnvendt,
    int UtenInnhold,
    long? Oppdateringsid)
{
    public static EnhetsregisterImportresultat Tom { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null);
}

/// <summary>
/// Imports Enhetsregisteret (DOMAIN §3) in Brønnøysund's open-data shape: the bulk files (enheter, underenheter,
/// roller: one JSON array each, optionally gzip) and pages of the update feed. Bulk files are streamed object by
/// object (the national files are about 1 GB), each import is one transaction, and every write is an upsert, so
/// importing a file again changes nothing.
/// </summary>
public sealed class EnhetsregisterImport(IReferanseStore store, TimeProvider tid)
{
    /// <summary>Feed names, used as the cursor key (one cursor per feed).</summary>
    public const string EnheterFeed = "enheter";

    public const string UnderenheterFeed = "underenheter";

    /// <summary>Imports a bulk file or an update-feed page, told apart by the first JSON token (array or object).</summary>
    public async Task<EnhetsregisterImportresultat> ImporterFilAsync(string sti, CancellationToken ct = default)
    {
        bool erOppdateringer;
        await using (var start = Aapne(sti))
        {
            erOppdateringer = await FoersteTegnAsync(start, ct) == '{';
        }

        await using var stroem = Aapne(sti);
        return erOppdateringer ? await ImporterOppdateringerAsync(stroem, ct) : await ImporterBulkAsync(stroem, ct);
    }

    /// <summary>
    /// Imports a bulk file: a JSON array whose objects are hovedenheter, underenheter (with <c>overordnetEnhet</c>, or
    /// organisasjonsform BEDR/AAFY) or a unit's roles (<c>rollegrupper</c>), in any mix.
    /// </summary>
    public async Task<EnhetsregisterImportresultat> ImporterBulkAsync(Stream json, CancellationToken ct = default)
    {
        int hoved = 0, under = 0, medRoller = 0, roller = 0, avvist = 0;
        await using var import = await store.StartImportAsync(Idag(), ct);
        var rolleliste = new List<Rolle>();
        await foreach (var objekt in JsonSerializer.DeserializeAsyncEnumerable(json, ReferanseJsonKontekst.Default.EnhetJson, ct))
        {
            if (objekt is null || !ErOrgnr(objekt.Organisasjonsnummer))
            {
                avvist++;
                continue;
            }

            if (objekt.Rollegrupper is not null)
            {
                rolleliste.Clear();
                LesRoller(objekt, rolleliste);
                import.ErstattRoller(objekt.Organisasjonsnummer, rolleliste);
                medRoller++;
                roller += rolleliste.Count;
            }

            if (objekt.Navn is not null)
            {
                var enhet = TilEnhet(objekt, objekt.Organisasjonsnummer, null);
                import.LagreEnhet(enhet);
                _ = enhet.ErHovedenhet ? hoved++ : under++;
            }
        }

        await import.CommitAsync(ct);
        return EnhetsregisterImportresultat.Tom with
        {
            Hovedenheter = hoved, Underenheter = under, EnheterMedRoller = medRoller, Roller = roller, Avvist = avvist,
        };
    }

    /// <summary>
    /// Applies a page of the update feed (<c>_embedded.oppdaterteEnheter</c> or <c>oppdaterteUnderenheter</c>) in
    /// <c>oppdateringsid</c> order, skipping what the feed's cursor says is applied:
    /// <list type="bullet">
    /// <item><c>Ny</c>/<c>Endring</c>: upsert the embedded unit, or apply <c>endringer</c> (JSON Patch) to the stored one;</item>
    /// <item><c>Sletting</c>: the unit stays known with a slettedato (the embedded one, else the update's date);</item>
    /// <item><c>Fjernet</c>: the unit and its roles are removed, as if never registered (Brønnøysund withdraws
    /// units registered in error this way; nothing in the register should refer to them).</item>
    /// </list>
    /// A feed page is small (Brønnøysund pages hold at most 10,000 updates), so it is read whole.
    /// </summary>
    public async Task<EnhetsregisterImportresultat> ImporterOppdateringerAsync(Stream json, CancellationToken ct = default)
    {
        var side = await JsonSerializer.DeserializeAsync(json, ReferanseJsonKontekst.Default.OppdateringssideJson, ct);
        var resultat = EnhetsregisterImportresultat.Tom;
        await using var import = await store.StartImportAsync(Idag(), ct);
        if (side?.Embedded?.OppdaterteEnheter is { } enheter)
        {
            resultat = Anvend(import, EnheterFeed, enheter, resultat);
        }

        if (side?.Embedded?.OppdaterteUnderenheter is { } underenheter)
        {
            resultat = Anvend(import, UnderenheterFeed, underenheter, resultat);
        }

        await import.CommitAsync(ct);
        return resultat;
    }

    private EnhetsregisterImportresultat Anvend(
        IReferanseImport import, string feed, IReadOnlyList<OppdateringJson> oppdateringer, EnhetsregisterImportresultat r)
    {
        var markoer = import.HentOppdateringsmarkoer(feed);
        var siste = markoer;
        var erUnderenhetFeed = feed == UnderenheterFeed;
        foreach (var o in oppdateringer.OrderBy(o => o.Oppdateringsid))
        {
            if (o.Oppdateringsid <= markoer)
            {
                r = r with { AlleredeAnvendt = r.AlleredeAnvendt + 1 };
                continue;
            }

            siste = Math.Max(siste ?? 0, o.Oppdateringsid);
            if (!ErOrgnr(o.Organisasjonsnummer) || !Enum.TryParse<Endringstype>(o.Endringstype, ignoreCase: true, out var type))
            {
                r = r with { Avvist = r.Avvist + 1 };
                continue;
            }

            var orgnr = o.Organisasjonsnummer;
            var innebygd = o.Enhet ?? o.Underenhet;
            switch (type)
            {
                case Endringstype.Ny or Endringstype.Endring:
                    var ny = innebygd is not null
                        ? TilEnhet(innebygd, orgnr, erUnderenhetFeed ? false : null)
                        : o.Endringer is { } endringer
                            ? Patch(import.HentEnhet(orgnr) ?? Blank(orgnr, erUnderenhetFeed), endringer)
                            : null;
                    if (ny is null)
                    {
                        r = r with { UtenInnhold = r.UtenInnhold + 1 };
                        break;
                    }

                    import.LagreEnhet(ny);
                    r = type == Endringstype.Ny ? r with { Ny = r.Ny + 1 } : r with { Endring = r.Endring + 1 };
                    break;

                case Endringstype.Sletting:
                    // Brønnøysund keeps a deleted unit with its slettedato; when the update carries none, the date the
                    // deletion was published is the best date we have (it closes arbeidsforhold, EROPPH, DOMAIN §6).
                    var slettedato = innebygd?.Slettedato ?? (o.Dato is { } dato ? DateOnly.FromDateTime(dato.UtcDateTime) : Idag());
                    if (innebygd is { Navn: not null })
                    {
                        import.LagreEnhet(TilEnhet(innebygd, orgnr, erUnderenhetFeed ? false : null) with { Slettedato = slettedato });
                    }
                    else
                    {
                        import.SlettEnhet(orgnr, slettedato);
                    }

                    r = r with { Sletting = r.Sletting + 1 };
                    break;

                case Endringstype.Fjernet:
                    import.FjernEnhet(orgnr);
                    r = r with { Fjernet = r.Fjernet + 1 };
                    break;
            }
        }

        if (siste is { } id && id != markoer)
        {
            import.SettOppdateringsmarkoer(feed, id);
        }

        return r with { Oppdateringsid = siste ?? r.Oppdateringsid };
    }

    private static Enhet Blank(string orgnr, bool underenhet) =>
        new(orgnr, string.Empty, underenhet ? "BEDR" : string.Empty, !underenhet, null, null, null, false, null);

    /// <summary>Applies the JSON Patch operations on the fields the register keeps; other paths do not concern it.</summary>
    private static Enhet Patch(Enhet enhet, IReadOnlyList<PatchJson> endringer)
    {
        foreach (var endring in endringer)
        {
            var fjern = string.Equals(endring.Op, "remove", StringComparison.OrdinalIgnoreCase);
            var verdi = fjern ? default : endring.Value;
            enhet = endring.Path switch
            {
                "/navn" => enhet with { Navn = Tekst(verdi) ?? string.Empty },
                "/organisasjonsform" => MedForm(enhet, verdi.ValueKind == JsonValueKind.Object && verdi.TryGetProperty("kode", out var kode) ? Tekst(kode) : null),
                "/organisasjonsform/kode" => MedForm(enhet, Tekst(verdi)),
                "/overordnetEnhet" => enhet with { OverordnetEnhet = Tekst(verdi), ErHovedenhet = Tekst(verdi) is null && enhet.ErHovedenhet },
                "/registreringsdatoEnhetsregisteret" => enhet with { Registreringsdato = Dato(verdi) },
                "/slettedato" => enhet with { Slettedato = Dato(verdi) },
                "/konkurs" => enhet with { Konkurs = verdi.ValueKind == JsonValueKind.True },
                "/konkursdato" => enhet with { Konkursdato = Dato(verdi) },
                _ => enhet,
            };
        }

        return enhet;
    }

    private static Enhet MedForm(Enhet enhet, string? kode) =>
        enhet with { Organisasjonsform = kode ?? string.Empty, ErHovedenhet = enhet.OverordnetEnhet is null && !ErUnderenhetsform(kode) };

    private static string? Tekst(JsonElement verdi) => verdi.ValueKind == JsonValueKind.String ? verdi.GetString() : null;

    private static DateOnly? Dato(JsonElement verdi) =>
        verdi.ValueKind == JsonValueKind.String && DateOnly.TryParseExact(verdi.GetString(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var dato)
            ? dato
            : null;

    private static Enhet TilEnhet(EnhetJson objekt, string orgnr, bool? hovedenhet)
    {
        var form = objekt.Organisasjonsform?.Kode ?? string.Empty;

        // An underenhet has an overordnetEnhet; a deleted one may have lost it, but keeps form BEDR/AAFY.
        var erHovedenhet = hovedenhet ?? (objekt.OverordnetEnhet is null && !ErUnderenhetsform(form));
        return new Enhet(
            orgnr,
            objekt.Navn ?? string.Empty,
            form,
            erHovedenhet,
            objekt.OverordnetEnhet,
            objekt.RegistreringsdatoEnhetsregisteret,
            objekt.Slettedato,
            objekt.Konkurs,
            objekt.Konkurs ? objekt.Konkursdato : null);
    }

    private static bool ErUnderenhetsform(string? form) => form is "BEDR" or "AAFY";

    private static void LesRoller(EnhetJson objekt, List<Rolle> roller)
    {
        foreach (var gruppe in objekt.Rollegrupper!)
        {
            foreach (var rolle in gruppe.Roller ?? [])
            {
                // Only current roles held by a person the register can identify: a resigned role gives no rights, and
                // the open data (birth date only) or a unit holding the role cannot be linked to anyone who logs in.
                if (!rolle.Fratraadt && rolle.Type?.Kode is { Length: > 0 } kode && rolle.Person?.Fodselsnummer is { Length: 11 } ident)
                {
                    roller.Add(new Rolle(kode, ident));
                }
            }
        }
    }

    private DateOnly Idag() => DateOnly.FromDateTime(tid.GetLocalNow().DateTime);

    internal static bool ErOrgnr([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? orgnr) =>
        orgnr is { Length: 9 } && orgnr.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0;

    internal static Stream Aapne(string sti)
    {
        Stream fil = new FileStream(sti, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan | FileOptions.Asynchronous);
        return sti.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(fil, CompressionMode.Decompress) : fil;
    }

    private static async Task<char> FoersteTegnAsync(Stream stroem, CancellationToken ct)
    {
        var buffer = new byte[256];
        int lest;
        while ((lest = await stroem.ReadAsync(buffer, ct)) > 0)
        {
            foreach (var b in buffer.AsSpan(0, lest))
            {
                // Whitespace and a UTF-8 byte-order mark may come first.
                if (b is (byte)'[' or (byte)'{')
                {
                    return (char)b;
                }

                if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0xEF or 0xBB or 0xBF))
                {
                    throw new InvalidDataException("Filen er ikke en JSON-tabell (bulkfil) eller et JSON-objekt (oppdateringsside).");
                }
            }
        }

        throw new InvalidDataException("Filen er tom.");
    }
}
