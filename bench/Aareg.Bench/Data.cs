using System.Globalization;
using System.Text.Json;
using Aareg.Domain.Tid;
using Aareg.Syntetisk;

namespace Aareg.Bench;

/// <summary>What a cached generation holds (written last, so its presence means the folder is complete).</summary>
internal sealed record Genereringsinfo(
    int Seed,
    double Skala,
    string FoersteMaaned,
    int Maaneder,
    int Opplysningspliktige,
    int Personer,
    int AktiveArbeidsforhold,
    int StoersteArbeidsgiver,
    string StoersteArbeidsgiverOrgnr);

/// <summary>
/// The generated months and the base store, cached in the work folder: month 1 is the register's history (imported
/// and applied once, with the reference data), month 2 is W1's month, month 3 the month ingested during W7.
/// </summary>
internal sealed class Data
{
    public static readonly Kalendermaaned Foerste = new(2025, 1);
    public const int Maaneder = 3;

    private Data(string generert, Genereringsinfo info)
    {
        Generert = generert;
        Info = info;
    }

    public string Generert { get; }

    public Genereringsinfo Info { get; }

    public string Maaned(int nummer) => Path.Combine(Generert, Foerste.LeggTil(nummer - 1).ToString());

    public IReadOnlyList<string> Filer(int nummer) =>
        Directory.EnumerateFiles(Maaned(nummer), "*.xml").Order(StringComparer.Ordinal).ToList();

    public static Data Generer(string arbeidsmappe, double skala, int seed)
    {
        var navn = string.Create(CultureInfo.InvariantCulture, $"gen-s{skala}-seed{seed}-{Foerste}-m{Maaneder}");
        var mappe = Path.Combine(arbeidsmappe, navn);
        var infoFil = Path.Combine(mappe, "bench-generering.json");
        if (File.Exists(infoFil))
        {
            Logg.Skriv($"Bruker generert data i {mappe}");
            return new Data(mappe, JsonSerializer.Deserialize(File.ReadAllText(infoFil), BenchJson.Default.Genereringsinfo)!);
        }

        if (Directory.Exists(mappe))
        {
            Directory.Delete(mappe, recursive: true);
        }

        Logg.Skriv($"Genererer skala {skala}, frø {seed}, {Maaneder} måneder fra {Foerste} til {mappe} …");
        var generator = new Populasjonsgenerator(new GeneratorValg(seed, skala, Maaneder, Foerste));
        generator.SkrivFiler(mappe);
        var s = generator.Statistikk;
        var info = new Genereringsinfo(seed, skala, Foerste.ToString(), Maaneder, s.Opplysningspliktige, s.Personer, s.AktiveArbeidsforhold, s.StoersteArbeidsgiver, s.StoersteArbeidsgiverOrgnr);
        File.WriteAllText(infoFil, JsonSerializer.Serialize(info, BenchJson.Default.Genereringsinfo));
        return new Data(mappe, info);
    }

    /// <summary>The store after month 1 (reference data + import + apply), built once per product commit.</summary>
    public async Task<string> BasisAsync(Produkt produkt, string arbeidsmappe, string commit, IReadOnlyDictionary<string, string> miljoe)
    {
        var mappe = Path.Combine(arbeidsmappe, $"basis-{commit[..Math.Min(12, commit.Length)]}-{Path.GetFileName(Generert)}");
        var ferdig = Path.Combine(mappe, "bench-ferdig");
        if (File.Exists(ferdig))
        {
            Logg.Skriv($"Bruker basislager {mappe}");
            return mappe;
        }

        if (Directory.Exists(mappe))
        {
            Directory.Delete(mappe, recursive: true);
        }

        Logg.Skriv("Bygger basislageret (referansedata, måned 1 importert og anvendt) …");
        var data = Path.Combine(mappe, "data");
        await Sjekk(Kommandolinje.KjoerAsync(produkt, miljoe, "import-enhetsregisteret", Path.Combine(Generert, "referanse/enhetsregisteret"), "--data", data));
        await Sjekk(Kommandolinje.KjoerAsync(produkt, miljoe, "import-folkeregister", Path.Combine(Generert, "referanse/folkeregisteret/hendelser.jsonl"), "--data", data));
        await Sjekk(Kommandolinje.KjoerAsync(produkt, miljoe, "import", Maaned(1), "--data", data, "--tillat-syntetiske"));
        await Sjekk(Kommandolinje.KjoerAsync(produkt, miljoe, "anvend", "--data", data));
        await File.WriteAllTextAsync(ferdig, commit);
        return mappe;
    }

    /// <summary>
    /// The PostgreSQL base database: the same steps as <see cref="BasisAsync"/> through the command line against the
    /// server, then VACUUM ANALYZE (the settled state of a database that has held its history for a while: autovacuum
    /// has visited it). Marked complete with a comment on the database, so a server given with --pg keeps it between
    /// runs of the same product commit; a throwaway cluster builds it once per harness run. Each run copies it with
    /// CREATE DATABASE … TEMPLATE.
    /// </summary>
    public async Task<string> BasisPostgresAsync(Produkt produkt, PostgresTjener pg, string arbeidsmappe, string commit, IReadOnlyDictionary<string, string> miljoe)
    {
        var navn = PostgresTjener.Databasenavn($"aareg_bench_basis_{commit[..Math.Min(12, commit.Length)]}_{Path.GetFileName(Generert)}");
        var merke = "aareg-bench ferdig " + commit;
        if (await pg.MerknadAsync(navn) == merke)
        {
            Logg.Skriv($"Bruker basisdatabasen {navn}");
            return navn;
        }

        await pg.SlettAsync(navn);
        await pg.OpprettAsync(navn);
        Logg.Skriv($"Bygger basisdatabasen {navn} (referansedata, måned 1 importert og anvendt) …");
        var klokke = System.Diagnostics.Stopwatch.StartNew();
        var env = new Dictionary<string, string>(miljoe, StringComparer.Ordinal)
        {
            ["Aareg__Storage__Provider"] = "Postgres",
            ["ConnectionStrings__Aareg"] = pg.Database(navn),
        };
        // The command line wants a data folder even when the store is PostgreSQL; nothing of the register goes there.
        var data = Path.Combine(arbeidsmappe, "basis-pg-data");
        await Sjekk(Kommandolinje.KjoerAsync(produkt, env, "import-enhetsregisteret", Path.Combine(Generert, "referanse/enhetsregisteret"), "--data", data));
        await Sjekk(Kommandolinje.KjoerAsync(produkt, env, "import-folkeregister", Path.Combine(Generert, "referanse/folkeregisteret/hendelser.jsonl"), "--data", data));
        await Sjekk(Kommandolinje.KjoerAsync(produkt, env, "import", Maaned(1), "--data", data, "--tillat-syntetiske"));
        await Sjekk(Kommandolinje.KjoerAsync(produkt, env, "anvend", "--data", data));
        await pg.UtfoerAsync("VACUUM (ANALYZE)", navn);
        await pg.MerkAsync(navn, merke);
        Logg.Skriv($"Basisdatabasen bygget på {klokke.Elapsed.TotalSeconds:F1} s");
        return navn;
    }

    public static async Task<Kjoering> Sjekk(Task<Kjoering> kjoering)
    {
        var k = await kjoering;
        if (k.Kode != 0)
        {
            throw new InvalidOperationException($"Kommandoen feilet med kode {k.Kode}:\n{k.Utskrift}");
        }

        return k;
    }

    /// <summary>A fresh copy of the base store's data folder for one run (the database is closed, so a file copy is consistent).</summary>
    public static string Kopier(string basis, string maal)
    {
        var kilde = Path.Combine(basis, "data");
        Directory.CreateDirectory(maal);
        foreach (var fil in Directory.EnumerateFiles(kilde))
        {
            File.Copy(fil, Path.Combine(maal, Path.GetFileName(fil)), overwrite: true);
        }

        return maal;
    }
}

internal static class Logg
{
    private static readonly DateTime Start = DateTime.UtcNow;

    public static void Skriv(string tekst) =>
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{(DateTime.UtcNow - Start).TotalSeconds,7:F1}s] {tekst}"));
}
