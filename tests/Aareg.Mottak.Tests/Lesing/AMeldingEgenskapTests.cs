using System.Text;
using Aareg.Domain.AMelding;
using Aareg.Domain.Tid;
using Aareg.Mottak.Lesing;
using CsCheck;

namespace Aareg.Mottak.Tests.Lesing;

/// <summary>Property tests: writer→reader round trips, and no input makes the reader throw.</summary>
public sealed class AMeldingEgenskapTests
{
    // Text the XML form can carry unchanged: no leading/trailing XML whitespace (values are trimmed), no control chars.
    private static readonly Gen<string> Tekst =
        Gen.Select(
            Gen.Char["abcxyzABCæøåÆØÅ0123456789-_./&<>\"' é€\t\n"].Array[0, 12],
            Gen.Char["abcæøåÅZ019<&>\"'"],
            Gen.Char["abcøz09>&"],
            Gen.Bool,
            (midt, foerst, sist, medEmoji) => foerst + new string(midt) + (medEmoji ? "😀" : "") + sist);

    private static readonly Gen<string?> Kode = Gen.OneOf<string?>(null, "ordinaertArbeidsforhold", "fast", "ikkeSkift", "2511105");

    private static readonly Gen<string?> ValgfriTekst = Tekst.Null(0.3);

    private static readonly Gen<string?> Id = Gen.Char["abcXYZ0189_.-"].Array[1, 20].Select(a => new string(a)).Null(0.2);

    private static readonly Gen<DateOnly?> Dato = Gen.DateOnly[new DateOnly(1, 1, 1), new DateOnly(9999, 12, 31)].Nullable(0.3);

    // Decimals with varied scale, including trailing zeros (37.50) that the canonical form must normalise.
    private static readonly Gen<decimal?> Desimal =
        Gen.Select(Gen.Long[-10_000_000_000_000, 10_000_000_000_000], Gen.Byte[0, 12], (m, skala) =>
            new decimal((int)(Math.Abs(m) & 0xFFFFFFFF), (int)(Math.Abs(m) >> 32), 0, m < 0, skala)).Nullable(0.3);

    private static readonly Gen<DateTimeOffset?> Tidspunkt =
        Gen.Select(
            Gen.DateTime[new DateTime(1900, 1, 1), new DateTime(2100, 1, 1)],
            Gen.Int[-14 * 4, 14 * 4],
            Gen.Bool,
            (t, kvarter, heleSekunder) => new DateTimeOffset(
                heleSekunder ? new DateTime(t.Ticks - (t.Ticks % TimeSpan.TicksPerSecond)) : t,
                TimeSpan.FromMinutes(kvarter * 15)))
        .Nullable(0.1);

    private static readonly Gen<Permisjon> GenPermisjon =
        Gen.Select(Dato, Dato, Desimal, Id, Kode, Gen.Bool.Nullable(0.4), (start, slutt, prosent, id, beskrivelse, loennet) =>
            new Permisjon { Startdato = start, Sluttdato = slutt, Permisjonsprosent = prosent, PermisjonId = id, Beskrivelse = beskrivelse, Loennet = loennet });

    private static readonly Gen<Permittering> GenPermittering =
        Gen.Select(Id, Dato, Dato, Dato, Dato, Desimal, ValgfriTekst, (id, varsling, start, slutt, loennsplikt, prosent, aarsak) =>
            new Permittering
            {
                PermitteringId = id,
                Varslingsdato = varsling,
                StartdatoPermittering = start,
                SluttdatoPermittering = slutt,
                SluttdatoLoennsplikt = loennsplikt,
                Permitteringsprosent = prosent,
                Permitteringsaarsak = aarsak,
            });

    private static readonly Gen<Fartoey?> GenFartoey =
        Gen.Select(ValgfriTekst, ValgfriTekst, ValgfriTekst, (a, b, c) => new Fartoey(a, b, c)).Null(0.7);

    private static readonly Gen<Arbeidsforhold> GenArbeidsforhold =
        Gen.Select(
            Gen.Select(Id, Kode, Dato, Dato, Desimal, ValgfriTekst, Kode, Kode),
            Gen.Select(Desimal, Dato, GenFartoey, GenPermisjon.Array[0, 3], Dato, ValgfriTekst, Kode, GenPermittering.Array[0, 2]),
            (a, b) => new Arbeidsforhold
            {
                ArbeidsforholdId = a.Item1,
                TypeArbeidsforhold = a.Item2,
                Startdato = a.Item3,
                Sluttdato = a.Item4,
                AntallTimerPerUkeSomEnFullStillingTilsvarer = a.Item5,
                Avloenningstype = a.Item6,
                Yrke = a.Item7,
                Arbeidstidsordning = a.Item8,
                Stillingsprosent = b.Item1,
                SisteLoennsendringsdato = b.Item2,
                Fartoey = b.Item3,
                Permisjoner = b.Item4,
                SisteDatoForStillingsprosentendring = b.Item5,
                AarsakTilSluttdato = b.Item6,
                FormForAnsettelse = b.Item7,
                Permitteringer = b.Item8,
            });

    // Only loennsinntekt carries antall and opptjeningsland, and a beskrivelse needs an income kind to live in.
    private static readonly Gen<Inntekt> GenInntekt =
        Gen.Select(
            Gen.Select(Dato, Dato, Kode, Desimal, Id),
            Gen.Int[0, 4],
            Gen.Select(Kode, Desimal, Gen.OneOf<string?>(null, "NO", "SE")),
            (a, art, b) =>
            {
                Inntektsart? inntektsart = art == 4 ? null : (Inntektsart)art;
                var erLoenn = inntektsart == Inntektsart.Loennsinntekt;
                return new Inntekt
                {
                    StartdatoOpptjeningsperiode = a.Item1,
                    SluttdatoOpptjeningsperiode = a.Item2,
                    Fordel = a.Item3,
                    Beloep = a.Item4,
                    ArbeidsforholdId = a.Item5,
                    Art = inntektsart,
                    Beskrivelse = inntektsart is null ? null : b.Item1,
                    Antall = erLoenn ? b.Item2 : null,
                    Opptjeningsland = erLoenn ? b.Item3 : null,
                };
            });

    private static readonly Gen<Inntektsmottaker> GenInntektsmottaker =
        Gen.Select(
            ValgfriTekst,
            Gen.Select(ValgfriTekst, ValgfriTekst, ValgfriTekst, (a, b, c) => new InternasjonalIdentifikator(a, b, c)).Array[0, 2],
            Gen.Select(ValgfriTekst, Dato, ValgfriTekst, (a, b, c) => new IdentifiserendeInformasjon(a, b, c)).Null(0.6),
            GenArbeidsforhold.Array[0, 3],
            GenInntekt.Array[0, 3],
            (ident, internasjonale, info, arbeidsforhold, inntekter) => new Inntektsmottaker
            {
                NorskIdentifikator = ident,
                InternasjonaleIdentifikatorer = internasjonale,
                IdentifiserendeInformasjon = info,
                Arbeidsforhold = arbeidsforhold,
                Inntekter = inntekter,
            });

    private static readonly Gen<Virksomhet> GenVirksomhet =
        Gen.Select(ValgfriTekst, GenInntektsmottaker.Array[0, 3], (orgnr, mottakere) =>
            new Virksomhet { NorskIdentifikator = orgnr, Inntektsmottakere = mottakere });

    private static readonly Gen<Leveranse> GenLeveranse =
        Gen.Select(
            Gen.Select(Tidspunkt, Gen.Int[2014 * 12, (2099 * 12) + 11].Select(Kalendermaaned.FraIndeks).Nullable(0.1), ValgfriTekst, Id, Id),
            Gen.Select(ValgfriTekst, Gen.OneOf<string?>(null, "bokmaal", "nynorsk", "engelsk"), GenVirksomhet.Array[0, 3], Tekst.Array[0, 2]),
            (a, b) => new Leveranse
            {
                Leveringstidspunkt = a.Item1,
                Kalendermaaned = a.Item2,
                Kildesystem = a.Item3,
                ErstatterMeldingsId = a.Item4,
                MeldingsId = a.Item5,
                Opplysningspliktig = b.Item1,
                SpraakForTilbakemelding = b.Item2,
                Virksomheter = b.Item3,
                Pensjonsinnretninger = b.Item4,
            });

    [Fact]
    public void Random_models_round_trip_through_the_xml_writer_and_reader_unchanged()
    {
        GenLeveranse.Sample(
            leveranse =>
            {
                var resultat = AMeldingLeser.Les(AMeldingXmlSkriver.TilBytes(leveranse), erJson: false, LeseGrenser.Standard);
                Assert.NotNull(resultat.Leveranse);
                Assert.Equal(Testmeldinger.Kanonisk(leveranse), Testmeldinger.Kanonisk(resultat.Leveranse));
            },
            iter: 300,
            print: Testmeldinger.Kanonisk);
    }

    [Fact]
    public void Random_models_round_trip_through_the_json_writer_and_reader_unchanged()
    {
        GenLeveranse.Sample(
            leveranse =>
            {
                var bytes = AMeldingJsonSkriver.TilBytes(leveranse);
                var resultat = AMeldingLeser.Les(bytes, erJson: true, LeseGrenser.Standard);
                Assert.NotNull(resultat.Leveranse);
                Assert.Equal(bytes, AMeldingJsonSkriver.TilBytes(resultat.Leveranse));
            },
            iter: 300,
            print: Testmeldinger.Kanonisk);
    }

    [Fact]
    public void Random_models_written_as_v2_3_xml_and_as_json_read_to_the_same_model()
    {
        GenLeveranse.Sample(
            leveranse =>
            {
                var fraXml = AMeldingLeser.Les(AMeldingXmlSkriver.TilBytes(leveranse), erJson: false, LeseGrenser.Standard);
                var fraJson = AMeldingLeser.Les(AMeldingJsonSkriver.TilBytes(leveranse), erJson: true, LeseGrenser.Standard);
                Assert.Equal(fraXml.Avvik, fraJson.Avvik);
                Assert.Equal(Testmeldinger.Kanonisk(fraXml.Leveranse!), Testmeldinger.Kanonisk(fraJson.Leveranse!));
            },
            iter: 100,
            print: Testmeldinger.Kanonisk);
    }

    [Fact]
    public void No_random_or_mutated_input_makes_the_reader_throw()
    {
        var grunnlag = new[]
        {
            Encoding.UTF8.GetBytes(Testmeldinger.FullV23),
            AMeldingXmlSkriver.TilBytes(Testmeldinger.ForventetFullV23),
            AMeldingJsonSkriver.TilBytes(Testmeldinger.ForventetFullV23),
            Encoding.UTF8.GetBytes(Testmeldinger.Minimal()),
        };

        // Byte edits plus splices of tokens that tend to reach the parsers' corner cases.
        var innskudd = new[] { "<", ">", "&", "&amp;", "<!DOCTYPE x [<!ENTITY e \"v\">]>", "]]>", "<![CDATA[", "\"", "{", "}", "[", "]", "\\u", "\\ud800", ",", ":", "null", "1e9", "-", "\u0000", "\uFEFF", "<?xml version=\"1.0\" encoding=\"utf-16\"?>", "xmlns=\"x\"", "<a>", "</a>" };
        var endring = Gen.Select(Gen.Int[0, 3], Gen.Int[0, int.MaxValue], Gen.Byte, Gen.Int[0, innskudd.Length - 1]);
        var mutert = Gen.Select(Gen.Int[0, grunnlag.Length - 1], endring.Array[1, 8], (i, endringer) =>
        {
            var bytes = new List<byte>(grunnlag[i]);
            foreach (var (type, pos, b, token) in endringer)
            {
                var p = bytes.Count == 0 ? 0 : pos % bytes.Count;
                switch (type)
                {
                    case 0 when bytes.Count > 0:
                        bytes[p] = b;
                        break;
                    case 1 when bytes.Count > 0:
                        bytes.RemoveRange(p, Math.Min(bytes.Count - p, 1 + (b % 40)));
                        break;
                    case 2:
                        bytes.InsertRange(p, Encoding.UTF8.GetBytes(innskudd[token]));
                        break;
                    default:
                        bytes.RemoveRange(p, bytes.Count - p);
                        break;
                }
            }

            return bytes.ToArray();
        });
        var tilfeldig = Gen.Byte.Array[0, 300];

        Gen.OneOf(mutert, mutert, tilfeldig).Sample(
            bytes =>
            {
                var grenser = new LeseGrenser(MaksDybde: 16, MaksTegn: 100_000);
                var xml = AMeldingLeser.Les(bytes, erJson: false, grenser);
                var json = AMeldingLeser.Les(bytes, erJson: true, grenser);
                using var ms = new MemoryStream(bytes);
                var fraStroem = AMeldingLeser.LesJson(ms, grenser);

                // A rejected document has exactly one avvik and no model; otherwise the writers accept what was read.
                foreach (var r in new[] { xml, json, fraStroem })
                {
                    Assert.True(r.Leveranse is not null || r.Avvik.Count == 1);
                    if (r.Leveranse is not null)
                    {
                        AMeldingJsonSkriver.TilBytes(r.Leveranse);
                        AMeldingXmlSkriver.TilBytes(r.Leveranse);
                    }
                }
            },
            iter: 3000,
            print: b => Convert.ToBase64String(b));
    }
}
