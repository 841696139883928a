using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Aareg.Domain.Tid;

namespace Aareg.Syntetisk;

/// <summary>
/// Writes the reference registers for the generated population (DOMAIN §3; formats in FORMATER.md): Enhetsregisteret
/// in Brønnøysund's bulk JSON shape (enheter, underenheter, roller) and Folkeregisteret events as JSON lines.
/// Streams with <see cref="Utf8JsonWriter"/>: at national scale the files hold hundreds of thousands of units.
/// </summary>
internal static class Referansedata
{
    private static readonly JsonWriterOptions Valg = new()
    {
        // Keep æøå readable, as in Brønnøysund's own files; the output is data, never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    public static void Skriv(Populasjon p, string mappe)
    {
        var enhetsregisteret = Path.Combine(mappe, "referanse", "enhetsregisteret");
        var folkeregisteret = Path.Combine(mappe, "referanse", "folkeregisteret");
        Directory.CreateDirectory(enhetsregisteret);
        Directory.CreateDirectory(folkeregisteret);
        SkrivJson(Path.Combine(enhetsregisteret, "enheter.json"), w => Enheter(p, w));
        SkrivJson(Path.Combine(enhetsregisteret, "underenheter.json"), w => Underenheter(p, w));
        SkrivJson(Path.Combine(enhetsregisteret, "roller.json"), w => Roller(p, w));
        Hendelser(p, Path.Combine(folkeregisteret, "hendelser.jsonl"));
    }

    public static string Navn(Populasjon p, Arbeidsgiver a)
    {
        var h = Tilfeldig.Hash(p.Seed, (ulong)Formaal.Arbeidsgiver, (ulong)a.Indeks, 7);
        var ledd = Tabeller.Navneledd[(int)(h % (ulong)Tabeller.Navneledd.Length)];
        var bransje = Tabeller.Bransjer[a.Bransje].Navneledd;
        var navn = a.Offentlig
            ? Tabeller.OffentligeFormer[a.Form].Kode switch
            {
                "KOMM" => $"{ledd} kommune",
                "STAT" => $"{ledd}direktoratet",
                _ => $"{ledd} {bransje}setat",
            }
            : Tabeller.PrivateFormer[a.Form].Kode switch
            {
                "ENK" => $"{Tabeller.Etternavn[(int)((h >> 20) % (ulong)Tabeller.Etternavn.Length)]} {bransje}",
                "FLI" => $"{ledd} {bransje}lag",
                "STI" => $"Stiftelsen {ledd} {bransje}",
                "PRE" => $"{ledd} Partsrederi",
                var kode => $"{ledd} {bransje} {kode}",
            };
        return navn.ToUpperInvariant();
    }

    private static Organisasjonsform Form(Arbeidsgiver a) =>
        a.Offentlig ? Tabeller.OffentligeFormer[a.Form] : Tabeller.PrivateFormer[a.Form];

    private static void SkrivJson(string sti, Action<Utf8JsonWriter> innhold)
    {
        using var fil = new FileStream(sti, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        using var w = new Utf8JsonWriter(fil, Valg);
        innhold(w);
        w.Flush();
    }

    private static string Dato(int dag) => Dato(DateOnly.FromDayNumber(dag));

    private static string Dato(DateOnly dato) => dato.ToString("yyyy'-'MM'-'dd", CultureInfo.InvariantCulture);

    private static void Kode(Utf8JsonWriter w, string navn, string kode, string beskrivelse)
    {
        w.WriteStartObject(navn);
        w.WriteString("kode", kode);
        w.WriteString("beskrivelse", beskrivelse);
        w.WriteEndObject();
    }

    private static void Adresse(Utf8JsonWriter w, string navn, ulong h)
    {
        var sted = Tabeller.Steder[(int)(h % (ulong)Tabeller.Steder.Length)];
        w.WriteStartObject(navn);
        w.WriteString("land", "Norge");
        w.WriteString("landkode", "NO");
        w.WriteString("postnummer", sted.Postnummer);
        w.WriteString("poststed", sted.Poststed);
        w.WriteStartArray("adresse");
        w.WriteStringValue(string.Create(CultureInfo.InvariantCulture, $"{Tabeller.Gater[(int)((h >> 8) % (ulong)Tabeller.Gater.Length)]} {1 + ((h >> 16) % 120)}"));
        w.WriteEndArray();
        w.WriteString("kommune", sted.Kommune);
        w.WriteString("kommunenummer", sted.Kommunenummer);
        w.WriteEndObject();
    }

    private static void Enheter(Populasjon p, Utf8JsonWriter w)
    {
        w.WriteStartArray();
        foreach (var a in p.Arbeidsgivere)
        {
            var form = Form(a);
            var bransje = Tabeller.Bransjer[a.Bransje];
            var h = Tilfeldig.Hash(p.Seed, (ulong)Formaal.Arbeidsgiver, (ulong)a.Indeks, 8);
            w.WriteStartObject();
            w.WriteString("organisasjonsnummer", LeveranseBygger.Orgnr(a.Orgnr));
            w.WriteString("navn", Navn(p, a));
            Kode(w, "organisasjonsform", form.Kode, form.Beskrivelse);
            w.WriteString("registreringsdatoEnhetsregisteret", Dato(a.Registreringsdato));
            w.WriteBoolean("registrertIMvaregisteret", !a.Offentlig);
            Kode(w, "naeringskode1", bransje.Naeringskode, bransje.Beskrivelse);
            w.WriteNumber("antallAnsatte", a.InitiellStoerrelse);
            w.WriteBoolean("harRegistrertAntallAnsatte", true);
            Adresse(w, "forretningsadresse", h);
            w.WriteBoolean("konkurs", a.Konkurs);
            if (a.Konkurs)
            {
                w.WriteString("konkursdato", Dato(a.Opphoersdato));
            }

            w.WriteBoolean("underAvvikling", false);
            w.WriteBoolean("underTvangsavviklingEllerTvangsopplosning", false);
            w.WriteString("maalform", a.Nynorsk ? "Nynorsk" : "Bokmål");
            if (a.Opphoersmaaned != int.MaxValue && !a.Konkurs)
            {
                w.WriteString("slettedato", Dato(a.Opphoersdato));
            }

            w.WriteEndObject();
        }

        // The pension institutions (OTP) named in meldinger are units too.
        for (var i = 0; i < p.PensjonOrgnr.Length; i++)
        {
            var navn = Tabeller.Pensjonsinnretninger[i];
            var form = navn.EndsWith(" ASA", StringComparison.Ordinal) ? Tabeller.ASA : navn.EndsWith(" AS", StringComparison.Ordinal) ? Tabeller.AS : Tabeller.STI;
            w.WriteStartObject();
            w.WriteString("organisasjonsnummer", LeveranseBygger.Orgnr(p.PensjonOrgnr[i]));
            w.WriteString("navn", navn.ToUpperInvariant());
            Kode(w, "organisasjonsform", form.Kode, form.Beskrivelse);
            w.WriteString("registreringsdatoEnhetsregisteret", Dato(new DateOnly(1996, 1, 1).AddDays(i * 97)));
            w.WriteBoolean("registrertIMvaregisteret", false);
            Kode(w, "naeringskode1", form == Tabeller.STI ? "65.300" : "65.110", form == Tabeller.STI ? "Pensjonskasser" : "Livsforsikring");
            w.WriteNumber("antallAnsatte", 40 + (i * 35));
            w.WriteBoolean("harRegistrertAntallAnsatte", true);
            Adresse(w, "forretningsadresse", (ulong)i);
            w.WriteBoolean("konkurs", false);
            w.WriteBoolean("underAvvikling", false);
            w.WriteBoolean("underTvangsavviklingEllerTvangsopplosning", false);
            w.WriteString("maalform", "Bokmål");
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void Underenheter(Populasjon p, Utf8JsonWriter w)
    {
        w.WriteStartArray();
        for (var u = 0; u < p.UnderenhetOrgnr.Length; u++)
        {
            var a = p.Arbeidsgivere[p.UnderenhetEier[u]];
            var nummer = u - a.ForsteUnderenhet;
            var h = Tilfeldig.Hash(p.Seed, (ulong)Formaal.Virksomhet, (ulong)u, 1);
            var bransje = Tabeller.Bransjer[a.Bransje];
            var sted = Tabeller.Steder[(int)(h % (ulong)Tabeller.Steder.Length)];
            var navn = Navn(p, a);
            if (p.UnderenhetFartoey[u] != 0)
            {
                navn = string.Create(CultureInfo.InvariantCulture, $"M/S {Tabeller.Navneledd[(int)((h >> 24) % (ulong)Tabeller.Navneledd.Length)].ToUpperInvariant()} {nummer + 1}");
            }
            else if (nummer > 0)
            {
                navn = $"{navn} AVD {sted.Poststed}";
            }

            var oppstart = a.Registreringsdato + (nummer == 0 ? 0 : (int)((h >> 32) % 2000));
            w.WriteStartObject();
            w.WriteString("organisasjonsnummer", LeveranseBygger.Orgnr(p.UnderenhetOrgnr[u]));
            w.WriteString("navn", navn);
            Kode(w, "organisasjonsform", Tabeller.BEDR.Kode, Tabeller.BEDR.Beskrivelse);
            w.WriteString("registreringsdatoEnhetsregisteret", Dato(oppstart));
            w.WriteBoolean("registrertIMvaregisteret", !a.Offentlig);
            Kode(w, "naeringskode1", bransje.Naeringskode, bransje.Beskrivelse);
            w.WriteNumber("antallAnsatte", Math.Max(0, a.InitiellStoerrelse / a.AntallUnderenheter));
            w.WriteBoolean("harRegistrertAntallAnsatte", true);
            w.WriteString("overordnetEnhet", LeveranseBygger.Orgnr(a.Orgnr));
            w.WriteString("oppstartsdato", Dato(oppstart));
            Adresse(w, "beliggenhetsadresse", h);
            if (a.Opphoersmaaned != int.MaxValue && !a.Konkurs)
            {
                w.WriteString("nedleggelsesdato", Dato(a.Opphoersdato));
                w.WriteString("slettedato", Dato(a.Opphoersdato));
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void Roller(Populasjon p, Utf8JsonWriter w)
    {
        w.WriteStartArray();
        foreach (var a in p.Arbeidsgivere)
        {
            var rng = Tilfeldig.For(p.Seed, Formaal.Roller, a.Indeks);
            var sistEndret = Dato(Math.Max(a.Registreringsdato, p.FoersteMaaned.FoersteDag.DayNumber - rng.Mellom(1, 3000)));
            w.WriteStartObject();
            w.WriteString("organisasjonsnummer", LeveranseBygger.Orgnr(a.Orgnr));
            w.WriteStartArray("rollegrupper");
            switch (Form(a).Kode)
            {
                case "ENK":
                    Gruppe(p, w, ref rng, sistEndret, ("INNH", "Innehaver"), ("INNH", "Innehaver"), 1);
                    break;
                case "ANS":
                    Gruppe(p, w, ref rng, sistEndret, ("DELT", "Deltakere"), ("DTSO", "Deltaker med fullt ansvar"), 2);
                    break;
                case "DA":
                    Gruppe(p, w, ref rng, sistEndret, ("DELT", "Deltakere"), ("DTPR", "Deltaker med delt ansvar"), 2);
                    break;
                case "KS":
                    Gruppe(p, w, ref rng, sistEndret, ("KOMP", "Komplementar"), ("KOMP", "Komplementar"), 1);
                    Gruppe(p, w, ref rng, sistEndret, ("DAGL", "Daglig leder/ adm.direktør"), ("DAGL", "Daglig leder/ adm.direktør"), 1);
                    break;
                case "PRE":
                    Gruppe(p, w, ref rng, sistEndret, ("BEST", "Bestyrende reder"), ("BEST", "Bestyrende reder"), 1);
                    break;
                case "NUF":
                    Gruppe(p, w, ref rng, sistEndret, ("REPR", "Norsk representant for utenlandsk enhet"), ("REPR", "Norsk representant for utenlandsk enhet"), 1);
                    Gruppe(p, w, ref rng, sistEndret, ("DAGL", "Daglig leder/ adm.direktør"), ("DAGL", "Daglig leder/ adm.direktør"), 1);
                    break;
                case "KOMM" or "STAT" or "ORGL":
                    Gruppe(p, w, ref rng, sistEndret, ("DAGL", "Daglig leder/ adm.direktør"), ("DAGL", "Daglig leder/ adm.direktør"), 1);
                    break;
                default:
                    Gruppe(p, w, ref rng, sistEndret, ("DAGL", "Daglig leder/ adm.direktør"), ("DAGL", "Daglig leder/ adm.direktør"), 1);
                    Gruppe(p, w, ref rng, sistEndret, ("STYR", "Styre"), ("LEDE", "Styrets leder"), 1);
                    break;
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void Gruppe(
        Populasjon p,
        Utf8JsonWriter w,
        ref Tilfeldig rng,
        string sistEndret,
        (string Kode, string Beskrivelse) gruppe,
        (string Kode, string Beskrivelse) rolle,
        int antall)
    {
        w.WriteStartObject();
        Kode(w, "type", gruppe.Kode, gruppe.Beskrivelse);
        w.WriteString("sistEndret", sistEndret);
        w.WriteStartArray("roller");
        for (var i = 0; i < antall; i++)
        {
            var person = rng.Heltall(p.Personidenter.Length);
            w.WriteStartObject();
            Kode(w, "type", rolle.Kode, rolle.Beskrivelse);
            w.WriteStartObject("person");
            w.WriteString("fodselsnummer", p.Ident(person, p.SisteMaaned).ToString("D11", CultureInfo.InvariantCulture));
            w.WriteString("fodselsdato", Dato(p.Foedselsdato(person)));
            w.WriteStartObject("navn");
            w.WriteString("fornavn", Tabeller.Fornavn[rng.Heltall(Tabeller.Fornavn.Length)]);
            w.WriteString("etternavn", Tabeller.Etternavn[rng.Heltall(Tabeller.Etternavn.Length)]);
            w.WriteEndObject();
            w.WriteBoolean("erDoed", false);
            w.WriteEndObject();
            w.WriteBoolean("fratraadt", false);
            w.WriteNumber("rekkefolge", i);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Hendelser(Populasjon p, string sti)
    {
        var linjer = new List<(DateOnly Dato, int Rekkefoelge, int Person, Action<Utf8JsonWriter> Skriv)>();
        foreach (var bytte in p.Identbytter())
        {
            linjer.Add((bytte.Dato, 0, bytte.Person, w =>
            {
                w.WriteString("type", "identbytte");
                w.WriteString("gammelIdent", bytte.GammelIdent.ToString("D11", CultureInfo.InvariantCulture));
                w.WriteString("nyIdent", bytte.NyIdent.ToString("D11", CultureInfo.InvariantCulture));
                w.WriteString("dato", Dato(bytte.Dato));
            }));
        }

        foreach (var beskyttelse in p.Adressebeskyttelser)
        {
            linjer.Add((beskyttelse.Dato, 1, beskyttelse.Person, w =>
            {
                w.WriteString("type", "adressebeskyttelse");

                // The ident the person has on that date.
                w.WriteString("ident", p.Ident(beskyttelse.Person, Kalendermaaned.Fra(beskyttelse.Dato)).ToString("D11", CultureInfo.InvariantCulture));
                w.WriteString("gradering", beskyttelse.Gradering);
                w.WriteString("dato", Dato(beskyttelse.Dato));
            }));
        }

        linjer.Sort((x, y) => (x.Dato, x.Rekkefoelge, x.Person).CompareTo((y.Dato, y.Rekkefoelge, y.Person)));
        using var fil = new FileStream(sti, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        var buffer = new ArrayBufferWriter<byte>();
        using var w = new Utf8JsonWriter(buffer, Valg);
        foreach (var linje in linjer)
        {
            buffer.ResetWrittenCount();
            w.Reset(buffer);
            w.WriteStartObject();
            linje.Skriv(w);
            w.WriteEndObject();
            w.Flush();
            fil.Write(buffer.WrittenSpan);
            fil.WriteByte((byte)'\n');
        }
    }
}
