using Aareg.Domain.AMelding;
using Aareg.Domain.Tid;
using Aareg.Mottak.Lesing;

namespace Aareg.Api.Tests;

/// <summary>Small, clean a-meldinger for HTTP tests, written as XML the way payroll systems write them.</summary>
internal static class TestMeldinger
{
    public const string Opplysningspliktig = "893786570";
    public const string Virksomhet = "954323196";
    public const string AnnenOpplysningspliktig = "987574917";
    public const string Loennssystem = "964979367";
    public const string Person = "02029404855";
    public const string AnnenPerson = "12106346508";

    public static Leveranse Lag(
        string meldingsId,
        string maaned = "2025-03",
        string? erstatter = null,
        string opplysningspliktig = Opplysningspliktig,
        string virksomhet = Virksomhet,
        string person = Person,
        string yrke = "3431101",
        bool utenVirksomhet = false) => new()
        {
            Leveringstidspunkt = new DateTimeOffset(2025, 4, 3, 9, 15, 0, TimeSpan.Zero),
            Kalendermaaned = Kalendermaaned.Parse(maaned),
            Kildesystem = "testlønn 1.0",
            MeldingsId = meldingsId,
            ErstatterMeldingsId = erstatter,
            Opplysningspliktig = opplysningspliktig,
            Virksomheter = utenVirksomhet
                ? []
                :
                [
                    new Virksomhet
                    {
                        NorskIdentifikator = virksomhet,
                        Inntektsmottakere =
                        [
                            new Inntektsmottaker
                            {
                                NorskIdentifikator = person,
                                Arbeidsforhold = [Arbeidsforhold("af-1", yrke)],
                                Inntekter =
                                [
                                    new Inntekt
                                    {
                                        Fordel = "kontantytelse",
                                        Beloep = 45000m,
                                        ArbeidsforholdId = "af-1",
                                        Art = Inntektsart.Loennsinntekt,
                                        Beskrivelse = "fastloenn",
                                    },
                                ],
                            },
                        ],
                    },
                ],
        };

    public static Arbeidsforhold Arbeidsforhold(string id, string yrke = "3431101") => new()
    {
        ArbeidsforholdId = id,
        TypeArbeidsforhold = "ordinaertArbeidsforhold",
        Startdato = new DateOnly(2020, 1, 1),
        AntallTimerPerUkeSomEnFullStillingTilsvarer = 37.5m,
        Yrke = yrke,
        Arbeidstidsordning = "ikkeSkift",
        Stillingsprosent = 100m,
        SisteLoennsendringsdato = new DateOnly(2024, 1, 1),
        SisteDatoForStillingsprosentendring = new DateOnly(2020, 1, 1),
        FormForAnsettelse = "fast",
    };

    public static byte[] Xml(Leveranse leveranse)
    {
        using var utdata = new MemoryStream();
        AMeldingXmlSkriver.Skriv(leveranse, utdata);
        return utdata.ToArray();
    }

    public static byte[] Json(Leveranse leveranse) => AMeldingJsonSkriver.TilBytes(leveranse);
}
