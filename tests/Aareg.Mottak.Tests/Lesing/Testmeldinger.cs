using System.Text;
using Aareg.Domain.AMelding;
using Aareg.Domain.Tid;
using Aareg.Mottak.Lesing;

namespace Aareg.Mottak.Tests.Lesing;

/// <summary>Hand-written meldinger as payroll systems write them (AMELDING_V2_3.md §10). Idents are synthetic (Tenor-style month + 80).</summary>
internal static class Testmeldinger
{
    public const string Fnr1 = "05848912345";
    public const string Fnr2 = "17927312345";

    // A full v2_3 melding: betalingsinformasjon, arbeidsgiveravgift, fradrag, forskuddstrekk, tilleggsinformasjon,
    // sjoefolksrelatertInformasjon, utleggstrekk, moenstringPaaFartoey, loennsansiennitet, loennstrinn and an element in
    // a foreign namespace all present; the reader must skip them.
    public const string FullV23 = """
        <?xml version="1.0" encoding="UTF-8"?>
        <melding xmlns="urn:ske:fastsetting:innsamling:a-meldingen:v2_3">
          <Leveranse>
            <leveringstidspunkt>2026-12-03T09:15:00Z</leveringstidspunkt>
            <kalendermaaned>2026-11</kalendermaaned>
            <kildesystem>Lønnsprogram 4.2</kildesystem>
            <meldingsId>AM-2026-11_0001</meldingsId>
            <opplysningspliktig>
              <norskIdentifikator>910000001</norskIdentifikator>
            </opplysningspliktig>
            <oppgave>
              <betalingsinformasjon>
                <sumArbeidsgiveravgift>14523</sumArbeidsgiveravgift>
                <sumUtleggstrekk>1200</sumUtleggstrekk>
                <sumForskuddstrekkPerLoennsutbetalingsdato>
                  <loennsutbetalingsdato>2026-11-20</loennsutbetalingsdato>
                  <beloep>17500</beloep>
                </sumForskuddstrekkPerLoennsutbetalingsdato>
              </betalingsinformasjon>
              <virksomhet>
                <norskIdentifikator>910000002</norskIdentifikator>
                <inntektsmottaker>
                  <norskIdentifikator>05848912345</norskIdentifikator>
                  <arbeidsforhold>
                    <arbeidsforholdId>af-1.A</arbeidsforholdId>
                    <typeArbeidsforhold>ordinaertArbeidsforhold</typeArbeidsforhold>
                    <startdato>2019-08-01</startdato>
                    <antallTimerPerUkeSomEnFullStillingTilsvarer>37.5</antallTimerPerUkeSomEnFullStillingTilsvarer>
                    <yrke>2511105</yrke>
                    <arbeidstidsordning>ikkeSkift</arbeidstidsordning>
                    <stillingsprosent>80</stillingsprosent>
                    <sisteLoennsendringsdato>2026-05-01</sisteLoennsendringsdato>
                    <loennsansiennitet>2015-01-01</loennsansiennitet>
                    <loennstrinn>52</loennstrinn>
                    <permisjon>
                      <startdato>2026-10-01</startdato>
                      <sluttdato>2026-12-31</sluttdato>
                      <permisjonsprosent>20</permisjonsprosent>
                      <permisjonId>perm1</permisjonId>
                      <beskrivelse>permisjonMedForeldrepenger</beskrivelse>
                      <loennet>false</loennet>
                    </permisjon>
                    <sisteDatoForStillingsprosentendring>2026-01-01</sisteDatoForStillingsprosentendring>
                    <formForAnsettelse>fast</formForAnsettelse>
                    <permittering>
                      <permitteringId>pt-1</permitteringId>
                      <varslingsdato>2026-10-15</varslingsdato>
                      <startdatoPermittering>2026-11-01</startdatoPermittering>
                      <sluttdatoLoennsplikt>2026-11-15</sluttdatoLoennsplikt>
                      <permitteringsprosent>50.0</permitteringsprosent>
                      <permitteringsaarsak>mangelPaaArbeid</permitteringsaarsak>
                    </permittering>
                    <moenstringPaaFartoey>
                      <moenstringsperiodeId>m1</moenstringsperiodeId>
                      <fartoeyId>f1</fartoeyId>
                      <paamoenstringsdato>2026-11-01</paamoenstringsdato>
                    </moenstringPaaFartoey>
                  </arbeidsforhold>
                  <fradrag>
                    <beskrivelse>fagforeningskontingent</beskrivelse>
                    <beloep>-450.00</beloep>
                  </fradrag>
                  <forskuddstrekk>
                    <beskrivelse>ordinaert</beskrivelse>
                    <beloep>-17500</beloep>
                  </forskuddstrekk>
                  <inntekt>
                    <skatteOgAvgiftsregel>x</skatteOgAvgiftsregel>
                    <startdatoOpptjeningsperiode>2026-11-01</startdatoOpptjeningsperiode>
                    <sluttdatoOpptjeningsperiode>2026-11-30</sluttdatoOpptjeningsperiode>
                    <fordel>kontantytelse</fordel>
                    <utloeserArbeidsgiveravgift>true</utloeserArbeidsgiveravgift>
                    <inngaarIGrunnlagForTrekk>true</inngaarIGrunnlagForTrekk>
                    <beloep>50000.00</beloep>
                    <arbeidsforholdId>af-1.A</arbeidsforholdId>
                    <loennsinntekt>
                      <beskrivelse>timeloenn</beskrivelse>
                      <tilleggsinformasjon>
                        <etterbetalingsperiode>
                          <startdato>2026-10-01</startdato>
                          <sluttdato>2026-10-31</sluttdato>
                        </etterbetalingsperiode>
                      </tilleggsinformasjon>
                      <spesifikasjon>
                        <skattemessigBosattILand>NO</skattemessigBosattILand>
                        <opptjeningsland>SE</opptjeningsland>
                        <erOpptjentPaaHjelpefartoey>false</erOpptjentPaaHjelpefartoey>
                      </spesifikasjon>
                      <antall>120.50</antall>
                    </loennsinntekt>
                  </inntekt>
                  <sjoefolksrelatertInformasjon>
                    <antallDoegnOmbord>3</antallDoegnOmbord>
                  </sjoefolksrelatertInformasjon>
                  <utleggstrekk>
                    <beskrivelse>utleggstrekkSkatt</beskrivelse>
                    <beloep>-1200</beloep>
                  </utleggstrekk>
                  <ukjentElement><dypt><dypere>ignoreres</dypere></dypt></ukjentElement>
                  <x:fremmed xmlns:x="urn:example:annet"><x:arbeidsforhold>ikke med</x:arbeidsforhold></x:fremmed>
                </inntektsmottaker>
                <inntektsmottaker>
                  <internasjonalIdentifikator>
                    <identifikator>SE-19800101-1234</identifikator>
                    <identifikatortype>passnummer</identifikatortype>
                    <land>SE</land>
                  </internasjonalIdentifikator>
                  <identifiserendeInformasjon>
                    <navn>Kari Testperson</navn>
                    <foedselsdato>1980-01-01</foedselsdato>
                    <ansattnummer>A-17</ansattnummer>
                  </identifiserendeInformasjon>
                  <arbeidsforhold>
                    <arbeidsforholdId>sjo-2</arbeidsforholdId>
                    <typeArbeidsforhold>maritimtArbeidsforhold</typeArbeidsforhold>
                    <startdato>2024-03-01</startdato>
                    <sluttdato>2026-11-15</sluttdato>
                    <antallTimerPerUkeSomEnFullStillingTilsvarer>+37.50</antallTimerPerUkeSomEnFullStillingTilsvarer>
                    <avloenningstype>fast</avloenningstype>
                    <yrke>  8350101  </yrke>
                    <arbeidstidsordning>skift365</arbeidstidsordning>
                    <stillingsprosent>100</stillingsprosent>
                    <fartoey>
                      <skipsregister>nis</skipsregister>
                      <skipstype>annet</skipstype>
                      <fartsomraade>utenriks</fartsomraade>
                    </fartoey>
                    <aarsakTilSluttdato>kontraktEngasjementEllerVikariatErUtloept</aarsakTilSluttdato>
                    <formForAnsettelse>midlertidig</formForAnsettelse>
                  </arbeidsforhold>
                  <inntekt>
                    <fordel>kontantytelse</fordel>
                    <utloeserArbeidsgiveravgift>1</utloeserArbeidsgiveravgift>
                    <inngaarIGrunnlagForTrekk>0</inngaarIGrunnlagForTrekk>
                    <beloep>1234.5</beloep>
                    <ytelseFraOffentlige>
                      <beskrivelse>dagpengerVedArbeidsloeshet</beskrivelse>
                    </ytelseFraOffentlige>
                  </inntekt>
                </inntektsmottaker>
                <arbeidsgiveravgift>
                  <loennOgGodtgjoerelse>
                    <beregningskodeForArbeidsgiveravgift>generelleNaeringer</beregningskodeForArbeidsgiveravgift>
                    <sone>1</sone>
                    <avgiftsgrunnlagBeloep>51234.50</avgiftsgrunnlagBeloep>
                    <prosentsatsForAvgiftsberegning>14.1</prosentsatsForAvgiftsberegning>
                  </loennOgGodtgjoerelse>
                </arbeidsgiveravgift>
              </virksomhet>
              <pensjonsinnretning>
                <identifikator>910000003</identifikator>
              </pensjonsinnretning>
            </oppgave>
            <spraakForTilbakemelding>nynorsk</spraakForTilbakemelding>
          </Leveranse>
        </melding>
        """;

    public static Leveranse ForventetFullV23 => new()
    {
        Leveringstidspunkt = new DateTimeOffset(2026, 12, 3, 9, 15, 0, TimeSpan.Zero),
        Kalendermaaned = new Kalendermaaned(2026, 11),
        Kildesystem = "Lønnsprogram 4.2",
        MeldingsId = "AM-2026-11_0001",
        Opplysningspliktig = "910000001",
        SpraakForTilbakemelding = "nynorsk",
        Pensjonsinnretninger = ["910000003"],
        Virksomheter =
        [
            new Virksomhet
            {
                NorskIdentifikator = "910000002",
                Inntektsmottakere =
                [
                    new Inntektsmottaker
                    {
                        NorskIdentifikator = Fnr1,
                        Arbeidsforhold =
                        [
                            new Arbeidsforhold
                            {
                                ArbeidsforholdId = "af-1.A",
                                TypeArbeidsforhold = "ordinaertArbeidsforhold",
                                Startdato = new DateOnly(2019, 8, 1),
                                AntallTimerPerUkeSomEnFullStillingTilsvarer = 37.5m,
                                Yrke = "2511105",
                                Arbeidstidsordning = "ikkeSkift",
                                Stillingsprosent = 80m,
                                SisteLoennsendringsdato = new DateOnly(2026, 5, 1),
                                Permisjoner =
                                [
                                    new Permisjon
                                    {
                                        Startdato = new DateOnly(2026, 10, 1),
                                        Sluttdato = new DateOnly(2026, 12, 31),
                                        Permisjonsprosent = 20m,
                                        PermisjonId = "perm1",
                                        Beskrivelse = "permisjonMedForeldrepenger",
                                        Loennet = false,
                                    },
                                ],
                                SisteDatoForStillingsprosentendring = new DateOnly(2026, 1, 1),
                                FormForAnsettelse = "fast",
                                Permitteringer =
                                [
                                    new Permittering
                                    {
                                        PermitteringId = "pt-1",
                                        Varslingsdato = new DateOnly(2026, 10, 15),
                                        StartdatoPermittering = new DateOnly(2026, 11, 1),
                                        SluttdatoLoennsplikt = new DateOnly(2026, 11, 15),
                                        Permitteringsprosent = 50m,
                                        Permitteringsaarsak = "mangelPaaArbeid",
                                    },
                                ],
                            },
                        ],
                        Inntekter =
                        [
                            new Inntekt
                            {
                                StartdatoOpptjeningsperiode = new DateOnly(2026, 11, 1),
                                SluttdatoOpptjeningsperiode = new DateOnly(2026, 11, 30),
                                Fordel = "kontantytelse",
                                Beloep = 50000m,
                                ArbeidsforholdId = "af-1.A",
                                Art = Inntektsart.Loennsinntekt,
                                Beskrivelse = "timeloenn",
                                Antall = 120.5m,
                                Opptjeningsland = "SE",
                            },
                        ],
                    },
                    new Inntektsmottaker
                    {
                        InternasjonaleIdentifikatorer = [new InternasjonalIdentifikator("SE-19800101-1234", "passnummer", "SE")],
                        IdentifiserendeInformasjon = new IdentifiserendeInformasjon("Kari Testperson", new DateOnly(1980, 1, 1), "A-17"),
                        Arbeidsforhold =
                        [
                            new Arbeidsforhold
                            {
                                ArbeidsforholdId = "sjo-2",
                                TypeArbeidsforhold = "maritimtArbeidsforhold",
                                Startdato = new DateOnly(2024, 3, 1),
                                Sluttdato = new DateOnly(2026, 11, 15),
                                AntallTimerPerUkeSomEnFullStillingTilsvarer = 37.5m,
                                Avloenningstype = "fast",
                                Yrke = "8350101",
                                Arbeidstidsordning = "skift365",
                                Stillingsprosent = 100m,
                                Fartoey = new Fartoey("nis", "annet", "utenriks"),
                                AarsakTilSluttdato = "kontraktEngasjementEllerVikariatErUtloept",
                                FormForAnsettelse = "midlertidig",
                            },
                        ],
                        Inntekter =
                        [
                            new Inntekt
                            {
                                Fordel = "kontantytelse",
                                Beloep = 1234.5m,
                                Art = Inntektsart.YtelseFraOffentlige,
                                Beskrivelse = "dagpengerVedArbeidsloeshet",
                            },
                        ],
                    },
                ],
            },
        ],
    };

    /// <summary>A minimal valid melding with <paramref name="oppgaveInnhold"/> inside oppgave.</summary>
    public static string Minimal(string oppgaveInnhold = "", string navnerom = AMeldingLeser.NavneromV2_3, string? meldingsId = "m1") =>
        $"""
        <melding xmlns="{navnerom}"><Leveranse>
        <leveringstidspunkt>2026-12-03T09:15:00Z</leveringstidspunkt>
        <kalendermaaned>2026-11</kalendermaaned>
        <kildesystem>test</kildesystem>
        {(meldingsId is null ? "" : $"<meldingsId>{meldingsId}</meldingsId>")}
        <opplysningspliktig><norskIdentifikator>910000001</norskIdentifikator></opplysningspliktig>
        <oppgave>{oppgaveInnhold}</oppgave>
        </Leveranse></melding>
        """;

    public static LeseResultat LesXml(string xml, LeseGrenser? grenser = null) =>
        AMeldingLeser.Les(Encoding.UTF8.GetBytes(xml), erJson: false, grenser ?? LeseGrenser.Standard);

    public static LeseResultat LesJson(string json, LeseGrenser? grenser = null) =>
        AMeldingLeser.Les(Encoding.UTF8.GetBytes(json), erJson: true, grenser ?? LeseGrenser.Standard);

    /// <summary>The canonical JSON form as text: the way two models are compared (records hold lists by reference).</summary>
    public static string Kanonisk(Leveranse leveranse) => Encoding.UTF8.GetString(AMeldingJsonSkriver.TilBytes(leveranse));
}
