using System.Text;
using Aareg.Domain.Kontroller;
using Aareg.Mottak.Lesing;
using static Aareg.Mottak.Tests.Lesing.Testmeldinger;

namespace Aareg.Mottak.Tests.Lesing;

public sealed class AMeldingJsonLeserTests
{
    // The full melding of Testmeldinger.FullV23 in the REST channel's JSON form, written by hand: decimals both as
    // strings and numbers, a single object where an array is expected, unknown properties and nulls.
    private const string FullJson = """
        {
          "leveranse": {
            "leveringstidspunkt": "2026-12-03T09:15:00Z",
            "kalendermaaned": "2026-11",
            "kildesystem": "Lønnsprogram 4.2",
            "meldingsId": "AM-2026-11_0001",
            "erstatterMeldingsId": null,
            "opplysningspliktig": { "norskIdentifikator": "910000001" },
            "oppgave": {
              "betalingsinformasjon": { "sumArbeidsgiveravgift": 14523, "sumForskuddstrekkPerLoennsutbetalingsdato": [ { "loennsutbetalingsdato": "2026-11-20", "beloep": 17500 } ] },
              "virksomhet": [
                {
                  "norskIdentifikator": "910000002",
                  "inntektsmottaker": [
                    {
                      "norskIdentifikator": "05848912345",
                      "arbeidsforhold": [
                        {
                          "arbeidsforholdId": "af-1.A",
                          "typeArbeidsforhold": "ordinaertArbeidsforhold",
                          "startdato": "2019-08-01",
                          "antallTimerPerUkeSomEnFullStillingTilsvarer": "37.5",
                          "yrke": "2511105",
                          "arbeidstidsordning": "ikkeSkift",
                          "stillingsprosent": 80,
                          "sisteLoennsendringsdato": "2026-05-01",
                          "loennsansiennitet": "2015-01-01",
                          "permisjon": {
                            "startdato": "2026-10-01", "sluttdato": "2026-12-31", "permisjonsprosent": "20",
                            "permisjonId": "perm1", "beskrivelse": "permisjonMedForeldrepenger", "loennet": false
                          },
                          "sisteDatoForStillingsprosentendring": "2026-01-01",
                          "formForAnsettelse": "fast",
                          "permittering": [
                            {
                              "permitteringId": "pt-1", "varslingsdato": "2026-10-15", "startdatoPermittering": "2026-11-01",
                              "sluttdatoLoennsplikt": "2026-11-15", "permitteringsprosent": 50.0, "permitteringsaarsak": "mangelPaaArbeid"
                            }
                          ],
                          "moenstringPaaFartoey": [ { "moenstringsperiodeId": "m1" } ]
                        }
                      ],
                      "fradrag": [ { "beskrivelse": "fagforeningskontingent", "beloep": "-450.00" } ],
                      "forskuddstrekk": [ { "beskrivelse": "ordinaert", "beloep": -17500 } ],
                      "inntekt": [
                        {
                          "startdatoOpptjeningsperiode": "2026-11-01",
                          "sluttdatoOpptjeningsperiode": "2026-11-30",
                          "fordel": "kontantytelse",
                          "utloeserArbeidsgiveravgift": true,
                          "inngaarIGrunnlagForTrekk": true,
                          "beloep": "50000.00",
                          "arbeidsforholdId": "af-1.A",
                          "loennsinntekt": {
                            "beskrivelse": "timeloenn",
                            "tilleggsinformasjon": { "etterbetalingsperiode": { "startdato": "2026-10-01" } },
                            "spesifikasjon": { "skattemessigBosattILand": "NO", "opptjeningsland": "SE" },
                            "antall": "120.50"
                          }
                        }
                      ]
                    },
                    {
                      "internasjonalIdentifikator": [ { "identifikator": "SE-19800101-1234", "identifikatortype": "passnummer", "land": "SE" } ],
                      "identifiserendeInformasjon": { "navn": "Kari Testperson", "foedselsdato": "1980-01-01", "ansattnummer": "A-17" },
                      "arbeidsforhold": {
                        "arbeidsforholdId": "sjo-2",
                        "typeArbeidsforhold": "maritimtArbeidsforhold",
                        "startdato": "2024-03-01",
                        "sluttdato": "2026-11-15",
                        "antallTimerPerUkeSomEnFullStillingTilsvarer": "+37.50",
                        "avloenningstype": "fast",
                        "yrke": " 8350101 ",
                        "arbeidstidsordning": "skift365",
                        "stillingsprosent": "100",
                        "fartoey": { "skipsregister": "nis", "skipstype": "annet", "fartsomraade": "utenriks" },
                        "aarsakTilSluttdato": "kontraktEngasjementEllerVikariatErUtloept",
                        "formForAnsettelse": "midlertidig"
                      },
                      "inntekt": [
                        { "fordel": "kontantytelse", "beloep": 1234.5, "ytelseFraOffentlige": { "beskrivelse": "dagpengerVedArbeidsloeshet" } }
                      ]
                    }
                  ],
                  "arbeidsgiveravgift": { "loennOgGodtgjoerelse": [ { "sone": "1", "prosentsatsForAvgiftsberegning": "14.1" } ] }
                }
              ],
              "pensjonsinnretning": [ { "identifikator": "910000003" } ]
            },
            "spraakForTilbakemelding": "nynorsk",
            "ukjentEgenskap": { "dypt": [ 1, 2, { "x": null } ] }
          }
        }
        """;

    private const string Minimaljson = """
        {"leveranse": {"leveringstidspunkt": "2026-12-03T09:15:00Z", "kalendermaaned": "2026-11", "kildesystem": "KILDE",
          "meldingsId": "m1", "opplysningspliktig": {"norskIdentifikator": "910000001"}, "oppgave": {}}}
        """;

    [Fact]
    public void Json_form_equivalent_to_the_xml_gives_an_equal_model()
    {
        var json = LesJson(FullJson);
        var xml = LesXml(FullV23);

        Assert.Empty(json.Avvik);
        Assert.Null(json.Navnerom);
        Assert.Equal(Kanonisk(xml.Leveranse!), Kanonisk(json.Leveranse!));
        Assert.Equal(Kanonisk(ForventetFullV23), Kanonisk(json.Leveranse!));
    }

    [Fact]
    public void Reads_json_from_a_stream()
    {
        using var ms = new MemoryStream(Encoding.UTF8.GetBytes(FullJson));

        var resultat = AMeldingLeser.LesJson(ms, LeseGrenser.Standard);

        Assert.Equal(Kanonisk(ForventetFullV23), Kanonisk(resultat.Leveranse!));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("{\"leveranse\": {\"meldingsId\": \"m1\",}}")]
    [InlineData("{\"leveranse\": {\"meldingsId\": 'm1'}}")]
    [InlineData("{\"leveranse\": {} /* kommentar */}")]
    [InlineData("<melding/>")]
    public void Rejects_malformed_json(string json)
    {
        AssertAvvist(LesJson(json), "Meldingen er ikke gyldig JSON");
    }

    [Fact]
    public void Rejects_json_nested_too_deep()
    {
        var dypt = string.Concat(Enumerable.Repeat("{\"a\":", 200)) + "1" + new string('}', 200);

        AssertAvvist(LesJson("{\"leveranse\": {\"ukjent\": " + dypt + "}}"), "depth");
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"leveranse\"")]
    public void Rejects_json_that_is_not_an_object(string json)
    {
        AssertAvvist(LesJson(json), "JSON-objekt");
    }

    [Fact]
    public void Rejects_json_without_leveranse()
    {
        AssertAvvist(LesJson("""{"Leveranse": {}}"""), "mangler leveranse");
    }

    [Fact]
    public void Rejects_json_larger_than_the_size_bound()
    {
        AssertAvvist(LesJson(FullJson, new LeseGrenser(MaksTegn: 100)), "større enn 100");
        using var ms = new MemoryStream(Encoding.UTF8.GetBytes(FullJson));
        var resultat = AMeldingLeser.LesJson(ms, new LeseGrenser(MaksTegn: 100));
        Assert.Null(resultat.Leveranse);
    }

    [Fact]
    public void Applies_the_same_type_and_id_rules_as_the_xml_reader_with_the_same_paths()
    {
        var json = """
            {"leveranse": {
              "leveringstidspunkt": "2026-12-03T09:15:00Z", "kalendermaaned": "2026-11", "kildesystem": "k",
              "meldingsId": "m 1", "opplysningspliktig": {"norskIdentifikator": "910000001"},
              "oppgave": {"virksomhet": [{"inntektsmottaker": [{"arbeidsforhold": [{
                "startdato": "2026-02-30", "stillingsprosent": 1e2, "antallTimerPerUkeSomEnFullStillingTilsvarer": "12,5",
                "permisjon": [{"loennet": "ja"}]
              }]}]}]}
            }}
            """;

        var resultat = LesJson(json);

        Assert.Equal(
            [
                ("meldingsId", "m 1"),
                ("virksomhet[0]/inntektsmottaker[0]/arbeidsforhold[0]/startdato", "2026-02-30"),
                ("virksomhet[0]/inntektsmottaker[0]/arbeidsforhold[0]/stillingsprosent", "1e2"),
                ("virksomhet[0]/inntektsmottaker[0]/arbeidsforhold[0]/antallTimerPerUkeSomEnFullStillingTilsvarer", "12,5"),
                ("virksomhet[0]/inntektsmottaker[0]/arbeidsforhold[0]/permisjon[0]/loennet", "ja"),
            ],
            resultat.Avvik.Select(a => (a.Sti, a.Verdi)));
        Assert.All(resultat.Avvik, a => Assert.Equal(("104", Alvorlighetsgrad.Avvisning), (a.Regel, a.Alvorlighetsgrad)));
        Assert.NotNull(resultat.Leveranse);
    }

    [Fact]
    public void Reports_missing_required_leveranse_elements_and_treats_null_as_missing()
    {
        var resultat = LesJson("""{"leveranse": {"meldingsId": null, "kildesystem": "  "}}""");

        Assert.Equal(
            ["leveringstidspunkt", "kalendermaaned", "kildesystem", "meldingsId", "opplysningspliktig/norskIdentifikator", "oppgave"],
            resultat.Avvik.Select(a => a.Sti));
    }

    [Fact]
    public void Reports_a_value_of_the_wrong_json_type_with_its_path()
    {
        var json = """
            {"leveranse": {
              "leveringstidspunkt": "2026-12-03T09:15:00Z", "kalendermaaned": "2026-11", "kildesystem": {"navn": "k"},
              "meldingsId": "m1", "opplysningspliktig": {"norskIdentifikator": "910000001"},
              "oppgave": {"virksomhet": ["feil", {"norskIdentifikator": "910000002"}]}
            }}
            """;

        var resultat = LesJson(json);

        Assert.Equal(["kildesystem", "virksomhet[0]", "kildesystem"], resultat.Avvik.Select(a => a.Sti));
        Assert.Equal("910000002", resultat.Leveranse!.Virksomheter[1].NorskIdentifikator);
    }

    [Theory]
    [InlineData("\\ud800")]
    [InlineData("a\\u0001b")]
    public void Rejects_text_that_xml_could_not_carry_without_throwing(string escapet)
    {
        var json = Minimaljson.Replace("KILDE", escapet, StringComparison.Ordinal);

        var resultat = LesJson(json);

        Assert.Equal(["kildesystem", "kildesystem"], resultat.Avvik.Select(a => a.Sti));
        Assert.Null(resultat.Leveranse!.Kildesystem);
    }

    private static void AssertAvvist(LeseResultat resultat, string meldingInneholder)
    {
        Assert.Null(resultat.Leveranse);
        var avvik = Assert.Single(resultat.Avvik);
        Assert.Equal(("104", Alvorlighetsgrad.Avvisning), (avvik.Regel, avvik.Alvorlighetsgrad));
        Assert.Contains(meldingInneholder, avvik.Melding, StringComparison.Ordinal);
    }
}
