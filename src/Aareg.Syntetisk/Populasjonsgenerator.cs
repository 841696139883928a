using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using Aareg.Domain.AMelding;
using Aareg.Domain.Tid;
using Aareg.Mottak.Lesing;

namespace Aareg.Syntetisk;

/// <summary>
/// The deterministic synthetic population generator (PERFORMANCE.md, the harness): a population of opplysningspliktige,
/// virksomheter, persons and arbeidsforhold, moved month by month with realistic churn, and each month's a-meldinger.
/// The same <see cref="GeneratorValg"/> always gives the same meldinger and byte-identical files. Only the compact
/// population state is held in memory; meldinger are built one at a time as they are enumerated.
/// Not thread-safe: one enumeration at a time.
/// </summary>
public sealed class Populasjonsgenerator
{
    private Populasjon populasjon;
    private LeveranseBygger bygger;

    public Populasjonsgenerator(GeneratorValg valg)
    {
        ArgumentNullException.ThrowIfNull(valg);
        Valg = valg;
        populasjon = new Populasjon(valg);
        bygger = new LeveranseBygger(populasjon);
        Statistikk = LagStatistikk(populasjon);
    }

    public GeneratorValg Valg { get; }

    public Dimensjoner Dimensjoner => populasjon.Dimensjoner;

    /// <summary>The size of the initial population.</summary>
    public Populasjonsstatistikk Statistikk { get; }

    /// <summary>The generated months, in order.</summary>
    public IReadOnlyList<Kalendermaaned> Maaneder => Valg.AlleMaaneder();

    /// <summary>
    /// The month's a-meldinger, in delivery order (their <c>leveringstidspunkt</c> grows in that order within each
    /// opplysningspliktig): first every opplysningspliktig's deliveries by the deadline, then the replacements, the
    /// invalid replacements and late deliveries, last the replacements of null-outs. The call moves the population to
    /// the month (going back rebuilds it from the seed, a few seconds at national scale); asking for another month
    /// makes an unfinished enumeration of this one throw <see cref="InvalidOperationException"/>.
    /// </summary>
    public IEnumerable<GenerertMelding> Meldinger(Kalendermaaned maaned)
    {
        if (maaned < Valg.FoersteMaaned || maaned > Valg.FoersteMaaned.LeggTil(Valg.Maaneder - 1))
        {
            throw new ArgumentOutOfRangeException(nameof(maaned), maaned, "Måneden er utenfor de genererte månedene.");
        }

        if (populasjon.Maaned is { } naa && naa > maaned)
        {
            populasjon = new Populasjon(Valg);
            bygger = new LeveranseBygger(populasjon);
        }

        populasjon.GaaTil(maaned);
        return Enumerer(populasjon, bygger, maaned, populasjon.Versjon);
    }

    /// <summary>
    /// Writes everything to <paramref name="mappe"/>: the reference data (<c>referanse/…</c>), and per month a folder
    /// <c>yyyy-MM/</c> with one a-melding XML file each and an answer key <c>fasit/yyyy-MM.jsonl</c> (FORMATER.md).
    /// Existing files of the same names are overwritten.
    /// </summary>
    public void SkrivFiler(string mappe, IProgress<GenereringsFremdrift>? fremdrift = null, CancellationToken avbryt = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(mappe);
        SkrivReferansedata(mappe);
        var maaneder = Maaneder;
        fremdrift?.Report(new GenereringsFremdrift("referanse", null, 0, maaneder.Count, 0, 0));
        var totalt = 0L;
        for (var i = 0; i < maaneder.Count; i++)
        {
            var maanedFremdrift = fremdrift is null ? null : new SynkronFremdrift(fremdrift, maaneder[i], i + 1, maaneder.Count, totalt);
            totalt += SkrivMaaned(mappe, maaneder[i], maanedFremdrift, avbryt);
        }
    }

    /// <summary>Writes <c>referanse/enhetsregisteret/{enheter,underenheter,roller}.json</c> and <c>referanse/folkeregisteret/hendelser.jsonl</c>.</summary>
    public void SkrivReferansedata(string mappe)
    {
        ArgumentException.ThrowIfNullOrEmpty(mappe);
        Referansedata.Skriv(populasjon, mappe);
    }

    /// <summary>
    /// Writes one month's meldinger to <c>{mappe}/yyyy-MM/</c> and its answer key to <c>{mappe}/fasit/yyyy-MM.jsonl</c>;
    /// returns the number of files. Building is sequential (the order is part of the data); serialising to XML runs on
    /// all cores through a small bounded queue, so memory stays flat at any scale.
    /// </summary>
    public int SkrivMaaned(string mappe, Kalendermaaned maaned, IProgress<int>? fremdrift = null, CancellationToken avbryt = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(mappe);
        Directory.CreateDirectory(Path.Combine(mappe, maaned.ToString()));
        Directory.CreateDirectory(Path.Combine(mappe, "fasit"));

        var koe = Channel.CreateBounded<(string Sti, Leveranse Leveranse)>(new BoundedChannelOptions(64)
        {
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        var skrivere = Enumerable.Range(0, Math.Max(1, Environment.ProcessorCount))
            .Select(_ => Task.Run(() => Skriv(koe, avbryt), avbryt))
            .ToArray();

        var antall = 0;
        try
        {
            using var fasit = new FileStream(Path.Combine(mappe, "fasit", maaned + ".jsonl"), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
            var buffer = new ArrayBufferWriter<byte>();
            using var json = new Utf8JsonWriter(buffer);
            foreach (var melding in Meldinger(maaned))
            {
                avbryt.ThrowIfCancellationRequested();
                var element = (Path.Combine(mappe, melding.Filnavn), melding.Leveranse);
                if (!LeggIKoe(koe.Writer, element, avbryt))
                {
                    // A writer failed and closed the queue; its exception surfaces from WaitAll below.
                    break;
                }

                SkrivFasit(fasit, buffer, json, melding);
                antall++;
                if (antall % 1000 == 0)
                {
                    fremdrift?.Report(antall);
                }
            }
        }
        finally
        {
            koe.Writer.TryComplete();
            Task.WaitAll(skrivere, CancellationToken.None);
        }

        fremdrift?.Report(antall);
        return antall;
    }

    private static bool LeggIKoe(ChannelWriter<(string, Leveranse)> skriver, (string, Leveranse) element, CancellationToken avbryt)
    {
        while (!skriver.TryWrite(element))
        {
            if (!skriver.WaitToWriteAsync(avbryt).AsTask().GetAwaiter().GetResult())
            {
                return false;
            }
        }

        return true;
    }

    private static async Task Skriv(Channel<(string Sti, Leveranse Leveranse)> koe, CancellationToken avbryt)
    {
        try
        {
            while (await koe.Reader.WaitToReadAsync(avbryt))
            {
                while (koe.Reader.TryRead(out var element))
                {
                    using var fil = new FileStream(element.Sti, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
                    AMeldingXmlSkriver.Skriv(element.Leveranse, fil);
                }
            }
        }
        catch (Exception feil)
        {
            // Close the queue so the producer stops instead of waiting for room that never comes.
            koe.Writer.TryComplete(feil);
            throw;
        }
    }

    private static void SkrivFasit(FileStream fasit, ArrayBufferWriter<byte> buffer, Utf8JsonWriter json, GenerertMelding melding)
    {
        var l = melding.Leveranse;
        buffer.ResetWrittenCount();
        json.Reset(buffer);
        json.WriteStartObject();
        json.WriteString("filnavn", melding.Filnavn);
        json.WriteString("meldingsId", l.MeldingsId);
        if (l.ErstatterMeldingsId is not null)
        {
            json.WriteString("erstatterMeldingsId", l.ErstatterMeldingsId);
        }

        json.WriteString("opplysningspliktig", l.Opplysningspliktig);
        json.WriteString("kalendermaaned", l.Kalendermaaned?.ToString());
        json.WriteString("kategori", melding.Kategori);
        json.WriteBoolean("forventetAvvist", melding.ForventetAvvist);
        json.WriteNumber("antallArbeidsforhold", l.Virksomheter.Sum(v => v.Inntektsmottakere.Sum(m => m.Arbeidsforhold.Count)));
        json.WriteEndObject();
        json.Flush();
        fasit.Write(buffer.WrittenSpan);
        fasit.WriteByte((byte)'\n');
    }

    private static Populasjonsstatistikk LagStatistikk(Populasjon p)
    {
        var ansatt = new bool[p.Personidenter.Length];
        var personer = 0;
        var stoerste = p.Arbeidsgivere[0];
        foreach (var a in p.Arbeidsgivere)
        {
            if (a.Arbeidsforhold.Count > stoerste.Arbeidsforhold.Count)
            {
                stoerste = a;
            }

            foreach (var af in a.Arbeidsforhold)
            {
                if (!ansatt[af.Person])
                {
                    ansatt[af.Person] = true;
                    personer++;
                }
            }
        }

        return new Populasjonsstatistikk(
            p.Arbeidsgivere.Length,
            p.UnderenhetOrgnr.Length,
            personer,
            p.InitieltAktive,
            stoerste.Arbeidsforhold.Count,
            LeveranseBygger.Orgnr(stoerste.Orgnr));
    }

    private static IEnumerable<GenerertMelding> Enumerer(Populasjon p, LeveranseBygger bygger, Kalendermaaned maaned, int versjon)
    {
        var nummer = 0;
        var antall = p.Arbeidsgivere.Length;
        var neste = maaned.LeggTil(1).FoersteDag;

        // Deliveries by the deadline (the 5th of the next month) over days 1-4, corrections over days 8-19, and the
        // corrections of corrections over days 21-24; the melding's number adds seconds so each employer's order holds.
        DateTimeOffset Tid(int fase, Arbeidsgiver a, int n)
        {
            var (fraDag, dager) = fase switch
            {
                1 => (0, 4),
                2 => (7, 12),
                _ => (20, 4),
            };
            var sekunder = (long)a.Indeks * dager * 86_400 / antall;
            return new DateTimeOffset(neste.ToDateTime(new TimeOnly(6, 0)), TimeSpan.Zero).AddDays(fraDag).AddSeconds(sekunder + n);
        }

        GenerertMelding Lag(Leveranse leveranse, string kategori, bool avvist = false)
        {
            if (p.Versjon != versjon)
            {
                throw new InvalidOperationException("Populasjonen ble flyttet til en annen måned mens meldingene ble lest.");
            }

            nummer++;
            var filnavn = string.Create(CultureInfo.InvariantCulture, $"{maaned}/{nummer:D7}_{leveranse.MeldingsId}.xml");
            return new GenerertMelding(leveranse, filnavn, avvist, kategori);
        }

        foreach (var a in p.Arbeidsgivere)
        {
            switch (a.Rolle)
            {
                case Maanedsrolle.Ingen or Maanedsrolle.Forsinket:
                    break;
                case Maanedsrolle.Tillegg:
                    var deling = LeveranseBygger.Deling(a);
                    yield return Lag(bygger.Bygg(a, maaned, 1, Tid(1, a, 0), virksomhetTil: deling), Meldingskategori.Tillegg);
                    yield return Lag(bygger.Bygg(a, maaned, 2, Tid(1, a, 1), virksomhetFra: deling), Meldingskategori.Tillegg);
                    break;
                case Maanedsrolle.Erstatning:
                    yield return Lag(bygger.Bygg(a, maaned, 1, Tid(1, a, 0), avvik: Avvikstype.Feilaktig), Meldingskategori.Erstattet);
                    break;
                case Maanedsrolle.Nullstilling:
                    yield return Lag(bygger.Bygg(a, maaned, 1, Tid(1, a, 0)), Meldingskategori.Erstattet);
                    break;
                case Maanedsrolle.UgyldigVirksomhet:
                    // The first attempt is rejected (107B); the sender fixes the orgnr and sends again.
                    yield return Lag(bygger.Bygg(a, maaned, 1, Tid(1, a, 0), avvik: Avvikstype.UgyldigVirksomhet), Meldingskategori.UgyldigVirksomhet, avvist: true);
                    yield return Lag(bygger.Bygg(a, maaned, 2, Tid(1, a, 1)), Meldingskategori.Ordinaer);
                    break;
                default:
                    yield return Lag(bygger.Bygg(a, maaned, 1, Tid(1, a, 0)), Meldingskategori.Ordinaer);
                    break;
            }
        }

        foreach (var a in p.Arbeidsgivere)
        {
            switch (a.Rolle)
            {
                case Maanedsrolle.Erstatning:
                    yield return Lag(
                        bygger.Bygg(a, maaned, 2, Tid(2, a, 0), erstatter: LeveranseBygger.MeldingsId(a, maaned, 1)),
                        Meldingskategori.Erstatning);
                    break;
                case Maanedsrolle.Nullstilling:
                    yield return Lag(
                        bygger.Bygg(a, maaned, 2, Tid(2, a, 0), erstatter: LeveranseBygger.MeldingsId(a, maaned, 1), avvik: Avvikstype.Tom),
                        Meldingskategori.Nullstilling);
                    break;
                case Maanedsrolle.UgyldigErstatning:
                    // 166-B: replaces a melding that was never sent, or (every other one) last month's melding.
                    var forrige = maaned.LeggTil(-1);
                    var ukjent = a.Indeks % 2 == 1 && a.ForrigeRapportert == forrige.Indeks
                        ? LeveranseBygger.MeldingsId(a, forrige, 1)
                        : LeveranseBygger.MeldingsId(a, maaned, 99);
                    yield return Lag(bygger.Bygg(a, maaned, 2, Tid(2, a, 0), erstatter: ukjent), Meldingskategori.UgyldigErstatning, avvist: true);
                    break;
                case Maanedsrolle.Forsinket:
                    yield return Lag(bygger.Bygg(a, maaned, 1, Tid(2, a, 0)), Meldingskategori.Forsinket);
                    break;
                default:
                    break;
            }
        }

        foreach (var a in p.Arbeidsgivere)
        {
            if (a.Rolle == Maanedsrolle.Nullstilling)
            {
                // To correct a replacement, replace the replacement (DOMAIN §4.1): this restores the month.
                yield return Lag(
                    bygger.Bygg(a, maaned, 3, Tid(3, a, 0), erstatter: LeveranseBygger.MeldingsId(a, maaned, 2)),
                    Meldingskategori.Erstatning);
            }
        }
    }

    /// <summary>Adapts a month's file count to <see cref="GenereringsFremdrift"/>, on the calling thread.</summary>
    private sealed class SynkronFremdrift(IProgress<GenereringsFremdrift> maal, Kalendermaaned maaned, int nummer, int antallMaaneder, long foer)
        : IProgress<int>
    {
        public void Report(int value) =>
            maal.Report(new GenereringsFremdrift("meldinger", maaned, nummer, antallMaaneder, value, foer + value));
    }
}
