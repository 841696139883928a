using Aareg.Domain.AMelding;
using Aareg.Domain.Kontroller;

namespace Aareg.Domain.Tests.Kontroller;

public sealed class ArbeidsforholdKontrollTests
{
    private const string Af = "virksomhet[0]/inntektsmottaker[0]/arbeidsforhold[0]";

    private static IReadOnlyList<Avvik> Kontroller(Arbeidsforhold arbeidsforhold, int aar = 2024, int maaned = 2) =>
        Testdata.Kontroller(new LeveranseBygger().Maaned(aar, maaned).Person(Testdata.Person, arbeidsforhold).Bygg());

    [Fact]
    public void Flags_ordinary_arbeidsforhold_without_startdato() =>
        Kontroller(Testdata.Ordinaert() with { Startdato = null })
            .Ett(Regelid.Startdato).Er(Alvorlighetsgrad.Oeyeblikkelig, $"{Af}/startdato", null);

    [Fact]
    public void Flags_maritime_arbeidsforhold_without_startdato() =>
        Kontroller(Testdata.Maritimt() with { Startdato = null })
            .Ett(Regelid.Startdato).Er(Alvorlighetsgrad.Oeyeblikkelig, $"{Af}/startdato", null);

    [Fact]
    public void Accepts_freelancer_without_startdato() =>
        Kontroller(Testdata.Frilanser() with { Startdato = null }).Ingen(Regelid.Startdato);

    [Fact]
    public void Flags_sluttdato_before_startdato()
    {
        var feil = Kontroller(Testdata.Ordinaert() with
        {
            Startdato = new DateOnly(2024, 2, 10),
            Sluttdato = new DateOnly(2024, 2, 9),
            AarsakTilSluttdato = "arbeidstakerHarSagtOppSelv",
        }).Ett(Regelid.Startdato);

        feil.Er(Alvorlighetsgrad.Oeyeblikkelig, $"{Af}/sluttdato", "2024-02-09");
        Assert.Equal("Sluttdato 2024-02-09 er før startdato 2024-02-10", feil.Melding);
    }

    [Fact]
    public void Flags_sluttdato_without_sluttaarsak_from_2021() =>
        Kontroller(Testdata.Ordinaert() with { Sluttdato = new DateOnly(2024, 2, 15) })
            .Ett(Regelid.Sluttaarsak).Er(Alvorlighetsgrad.Oeyeblikkelig, $"{Af}/aarsakTilSluttdato", null);

    [Fact]
    public void Does_not_require_sluttaarsak_before_2021() =>
        Kontroller(Testdata.Ordinaert() with { Sluttdato = new DateOnly(2020, 12, 15), FormForAnsettelse = null }, 2020, 12)
            .Ingen(Regelid.Sluttaarsak);

    [Fact]
    public void Accepts_sluttdato_with_sluttaarsak() =>
        Kontroller(Testdata.Ordinaert() with { Sluttdato = new DateOnly(2024, 2, 15), AarsakTilSluttdato = "arbeidstakerHarSagtOppSelv" })
            .Ingen(Regelid.Sluttaarsak);

    [Fact]
    public void Does_not_require_sluttaarsak_for_freelancer() =>
        Assert.Empty(Kontroller(Testdata.Frilanser() with { Sluttdato = new DateOnly(2024, 2, 15) }));

    [Theory]
    [InlineData("yrke")]
    [InlineData("arbeidstidsordning")]
    [InlineData("stillingsprosent")]
    [InlineData("antallTimerPerUkeSomEnFullStillingTilsvarer")]
    [InlineData("formForAnsettelse")]
    public void Flags_missing_detail_of_ordinary_arbeidsforhold(string felt)
    {
        var arbeidsforhold = felt switch
        {
            "yrke" => Testdata.Ordinaert() with { Yrke = null },
            "arbeidstidsordning" => Testdata.Ordinaert() with { Arbeidstidsordning = null },
            "stillingsprosent" => Testdata.Ordinaert() with { Stillingsprosent = null },
            "antallTimerPerUkeSomEnFullStillingTilsvarer" => Testdata.Ordinaert() with { AntallTimerPerUkeSomEnFullStillingTilsvarer = null },
            _ => Testdata.Ordinaert() with { FormForAnsettelse = null },
        };

        Kontroller(arbeidsforhold).Ett(Regelid.Detaljer).Er(Alvorlighetsgrad.Oeyeblikkelig, $"{Af}/{felt}", null);
    }

    [Fact]
    public void Requires_formForAnsettelse_only_from_2021()
    {
        var utenAnsettelsesform = Testdata.Ordinaert() with { FormForAnsettelse = null };

        Assert.Empty(Kontroller(utenAnsettelsesform, 2020, 12));
        Kontroller(utenAnsettelsesform, 2021, 1).Ett(Regelid.Detaljer).Er(Alvorlighetsgrad.Oeyeblikkelig, $"{Af}/formForAnsettelse", null);
    }

    [Fact]
    public void Does_not_require_details_for_freelancer() =>
        Kontroller(Testdata.Frilanser() with { Yrke = null }).Ingen(Regelid.Detaljer);

    [Fact]
    public void Historic_permisjon_code_is_valid_in_its_time()
    {
        var arbeidsforhold = Testdata.Ordinaert() with { Permisjoner = [Testdata.Permisjon(beskrivelse: "velferdspermisjon") with { Startdato = new DateOnly(2022, 6, 1) }] };

        Assert.Empty(Kontroller(arbeidsforhold, 2022, 6));
    }

    [Fact]
    public void Historic_permisjon_code_is_F282_after_it_expired()
    {
        var arbeidsforhold = Testdata.Ordinaert() with { Permisjoner = [Testdata.Permisjon(beskrivelse: "velferdspermisjon") with { Startdato = new DateOnly(2022, 6, 1) }] };

        var feil = Kontroller(arbeidsforhold, 2023, 2).Ett(Regelid.Kode);

        feil.Er(Alvorlighetsgrad.Oeyeblikkelig, $"{Af}/permisjon[0]/beskrivelse", "velferdspermisjon");
        Assert.Contains("2022-12-31", feil.Melding, StringComparison.Ordinal);
    }

    [Fact]
    public void Code_introduced_later_is_F282_before_it_was_valid() =>
        Kontroller(Testdata.Ordinaert() with { Arbeidstidsordning = "andreSkift" }, 2018, 6)
            .Ett(Regelid.Kode).Er(Alvorlighetsgrad.Oeyeblikkelig, $"{Af}/arbeidstidsordning", "andreSkift");

    [Theory]
    [InlineData("typeArbeidsforhold")]
    [InlineData("arbeidstidsordning")]
    [InlineData("formForAnsettelse")]
    [InlineData("aarsakTilSluttdato")]
    [InlineData("fartoey/skipstype")]
    public void Flags_unknown_code(string felt)
    {
        var arbeidsforhold = felt switch
        {
            "typeArbeidsforhold" => Testdata.Ordinaert() with { TypeArbeidsforhold = "deltidsforhold" },
            "arbeidstidsordning" => Testdata.Ordinaert() with { Arbeidstidsordning = "nattarbeid" },
            "formForAnsettelse" => Testdata.Ordinaert() with { FormForAnsettelse = "livstid" },
            "aarsakTilSluttdato" => Testdata.Ordinaert() with { Sluttdato = new DateOnly(2024, 2, 1), AarsakTilSluttdato = "sluttetSelv" },
            _ => Testdata.Maritimt() with { Fartoey = new Fartoey("nis", "fiskebaat", "utenriks") },
        };

        var feil = Kontroller(arbeidsforhold).Ett(Regelid.Kode);

        Assert.Equal($"{Af}/{felt}", feil.Sti);
        Assert.Contains("finnes ikke i kodeverket", feil.Melding, StringComparison.Ordinal);
        Assert.Equal(Alvorlighetsgrad.Oeyeblikkelig, feil.Alvorlighetsgrad);
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("12345678")]
    [InlineData("51321a1")]
    public void Flags_yrke_that_is_not_7_digits(string yrke)
    {
        var feil = Kontroller(Testdata.Ordinaert() with { Yrke = yrke }).Ett(Regelid.Kode);

        feil.Er(Alvorlighetsgrad.Oeyeblikkelig, $"{Af}/yrke", yrke);
        Assert.Equal($"Yrkeskode {yrke} må bestå av 7 sifre", feil.Melding);
    }

    [Fact]
    public void Flags_yrke_not_in_the_code_list() =>
        Kontroller(Testdata.Ordinaert() with { Yrke = "9999999" })
            .Ett(Regelid.Kode).Er(Alvorlighetsgrad.Oeyeblikkelig, $"{Af}/yrke", "9999999");

    [Fact]
    public void Flags_permisjonsprosent_over_100()
    {
        var arbeidsforhold = Testdata.Ordinaert() with
        {
            Permisjoner = [Testdata.Permisjon(), Testdata.Permisjon("perm-2") with { Permisjonsprosent = 120m }],
        };

        var feil = Kontroller(arbeidsforhold).Ett(Regelid.Kode);

        feil.Er(Alvorlighetsgrad.Oeyeblikkelig, $"{Af}/permisjon[1]/permisjonsprosent", "120");
        Assert.Equal("Permisjonsprosent 120 er over 100", feil.Melding);
    }

    [Fact]
    public void Flags_negative_stillingsprosent() =>
        Kontroller(Testdata.Ordinaert() with { Stillingsprosent = -5m })
            .Ett(Regelid.Kode).Er(Alvorlighetsgrad.Oeyeblikkelig, $"{Af}/stillingsprosent", "-5");

    [Fact]
    public void Flags_unknown_permitteringsaarsak_and_permitteringsprosent()
    {
        var permittering = new Permittering
        {
            PermitteringId = "p-1",
            Varslingsdato = new DateOnly(2024, 1, 20),
            StartdatoPermittering = new DateOnly(2024, 2, 5),
            SluttdatoLoennsplikt = new DateOnly(2024, 2, 7),
            Permitteringsprosent = 150m,
            Permitteringsaarsak = "darligVaer",
        };

        var avvik = Kontroller(Testdata.Ordinaert() with { Permitteringer = [permittering] });

        Assert.Equal(
            [$"{Af}/permittering[0]/permitteringsaarsak", $"{Af}/permittering[0]/permitteringsprosent"],
            avvik.Where(a => a.Regel == Regelid.Kode).Select(a => a.Sti));
    }

    [Fact]
    public void Flags_maritime_arbeidsforhold_without_fartoey() =>
        Kontroller(Testdata.Maritimt() with { Fartoey = null })
            .Ett(Regelid.Maritim).Er(Alvorlighetsgrad.Oeyeblikkelig, $"{Af}/fartoey", null);

    [Fact]
    public void Flags_incomplete_fartoey() =>
        Kontroller(Testdata.Maritimt() with { Fartoey = new Fartoey("nor", null, "innenriks") })
            .Ett(Regelid.Maritim).Er(Alvorlighetsgrad.Oeyeblikkelig, $"{Af}/fartoey/skipstype", null);

    [Fact]
    public void Accepts_maritime_arbeidsforhold_with_complete_fartoey() =>
        Assert.Empty(Kontroller(Testdata.Maritimt()));

    [Fact]
    public void Flags_permisjon_without_permisjonId() =>
        Kontroller(Testdata.Ordinaert() with { Permisjoner = [Testdata.Permisjon() with { PermisjonId = null }] })
            .Ett(Regelid.Permisjon).Er(Alvorlighetsgrad.Oeyeblikkelig, $"{Af}/permisjon[0]/permisjonId", null);

    [Fact]
    public void Flags_permisjon_without_beskrivelse() =>
        Kontroller(Testdata.Ordinaert() with { Permisjoner = [Testdata.Permisjon() with { Beskrivelse = null }] })
            .Ett(Regelid.Permisjon).Er(Alvorlighetsgrad.Oeyeblikkelig, $"{Af}/permisjon[0]/beskrivelse", null);

    [Fact]
    public void Flags_duplicate_permisjonId_in_one_arbeidsforhold()
    {
        var arbeidsforhold = Testdata.Ordinaert() with
        {
            Permisjoner = [Testdata.Permisjon("perm-1"), Testdata.Permisjon("perm-2"), Testdata.Permisjon("perm-1", "andreLovfestedePermisjoner")],
        };

        Kontroller(arbeidsforhold).Ett(Regelid.Permisjon).Er(Alvorlighetsgrad.Oeyeblikkelig, $"{Af}/permisjon[2]/permisjonId", "perm-1");
    }

    [Fact]
    public void Accepts_same_permisjonId_in_different_arbeidsforhold()
    {
        var leveranse = new LeveranseBygger()
            .Person(Testdata.Person, Testdata.Ordinaert("af-1") with { Permisjoner = [Testdata.Permisjon("perm-1")] })
            .Person(Testdata.Person2, Testdata.Ordinaert("af-1") with { Permisjoner = [Testdata.Permisjon("perm-1")] })
            .Bygg();

        Assert.Empty(Testdata.Kontroller(leveranse));
    }

    [Fact]
    public void Flags_duplicate_permitteringId()
    {
        var permittering = new Permittering
        {
            PermitteringId = "p-1",
            StartdatoPermittering = new DateOnly(2024, 2, 5),
            Permitteringsprosent = 100m,
            Permitteringsaarsak = "mangelPaaArbeidEllerOppdrag",
        };

        Kontroller(Testdata.Ordinaert() with { Permitteringer = [permittering, permittering] })
            .Ett(Regelid.Permisjon).Er(Alvorlighetsgrad.Oeyeblikkelig, $"{Af}/permittering[1]/permitteringId", "p-1");
    }

    [Fact]
    public void Stillingsprosent_over_100_is_a_guideline_not_an_F282()
    {
        var avvik = Kontroller(Testdata.Ordinaert() with { Stillingsprosent = 130m });

        var feil = avvik.Ett(Regelid.Plausibilitet);
        feil.Er(Alvorlighetsgrad.Retningslinje, $"{Af}/stillingsprosent", "130");
        Assert.Equal("Stillingsprosent 130 er over 100", feil.Melding);
        avvik.Ingen(Regelid.Kode);
    }

    [Fact]
    public void Flags_implausible_weekly_hours() =>
        Kontroller(Testdata.Ordinaert() with { AntallTimerPerUkeSomEnFullStillingTilsvarer = 120.5m })
            .Ett(Regelid.Plausibilitet).Er(Alvorlighetsgrad.Retningslinje, $"{Af}/antallTimerPerUkeSomEnFullStillingTilsvarer", "120.5");

    [Fact]
    public void Flags_startdato_before_1900() =>
        Kontroller(Testdata.Ordinaert() with { Startdato = new DateOnly(1899, 12, 31) })
            .Ett(Regelid.Plausibilitet).Er(Alvorlighetsgrad.Retningslinje, $"{Af}/startdato", "1899-12-31");

    [Fact]
    public void Flags_startdato_more_than_a_year_ahead() =>
        Kontroller(Testdata.Ordinaert() with { Startdato = Testdata.Idag.AddYears(1).AddDays(1) })
            .Ett(Regelid.Plausibilitet).Er(Alvorlighetsgrad.Retningslinje, $"{Af}/startdato", "2025-03-11");

    [Fact]
    public void Accepts_startdato_up_to_a_year_ahead() =>
        Kontroller(Testdata.Ordinaert() with { Startdato = Testdata.Idag.AddYears(1) }).Ingen(Regelid.Plausibilitet);

    [Fact]
    public void Flags_avloenningstype_from_2019() =>
        Kontroller(Testdata.Ordinaert() with { Avloenningstype = "fast" })
            .Ett(Regelid.Plausibilitet).Er(Alvorlighetsgrad.Retningslinje, $"{Af}/avloenningstype", "fast");

    [Fact]
    public void Accepts_known_avloenningstype_before_2019_and_only_hints_at_unknown_ones()
    {
        var utenAnsettelsesform = Testdata.Ordinaert() with { FormForAnsettelse = null };

        Assert.Empty(Kontroller(utenAnsettelsesform with { Avloenningstype = "fast" }, 2017, 3));
        var feil = Assert.Single(Kontroller(utenAnsettelsesform with { Avloenningstype = "stykkpris" }, 2017, 3));
        feil.Er(Alvorlighetsgrad.Retningslinje, $"{Af}/avloenningstype", "stykkpris");
        Assert.Equal(Regelid.Plausibilitet, feil.Regel);
    }

    [Fact]
    public void Pension_type_is_reported_as_not_in_the_register_only()
    {
        var avvik = Kontroller(new Arbeidsforhold { TypeArbeidsforhold = "pensjonOgAndreTyperYtelserUtenAnsettelsesforhold" });

        var feil = Assert.Single(avvik);
        Assert.Equal(Regelid.Rapporteringsplikt, feil.Regel);
        feil.Er(Alvorlighetsgrad.Retningslinje, $"{Af}/typeArbeidsforhold", "pensjonOgAndreTyperYtelserUtenAnsettelsesforhold");
    }

    [Fact]
    public void Flags_arbeidsforhold_still_reported_long_after_it_ended() =>
        Kontroller(Testdata.Ordinaert() with { Sluttdato = new DateOnly(2023, 10, 31), AarsakTilSluttdato = "arbeidstakerHarSagtOppSelv" })
            .Ett(Regelid.Rapporteringsplikt).Er(Alvorlighetsgrad.Retningslinje, $"{Af}/sluttdato", "2023-10-31");

    [Fact]
    public void Accepts_arbeidsforhold_that_ended_recently() =>
        Kontroller(Testdata.Ordinaert() with { Sluttdato = new DateOnly(2023, 11, 1), AarsakTilSluttdato = "arbeidstakerHarSagtOppSelv" })
            .Ingen(Regelid.Rapporteringsplikt);

    [Fact]
    public void Flags_private_employer_reporting_itself_as_employee()
    {
        var leveranse = new LeveranseBygger()
            .Opplysningspliktig(Testdata.Person2)
            .Virksomhet(Testdata.Person2)
            .Person(Testdata.Person2, Testdata.Ordinaert())
            .Bygg();

        Testdata.Kontroller(leveranse).Ett(Regelid.Rapporteringsplikt)
            .Er(Alvorlighetsgrad.Retningslinje, "virksomhet[0]/inntektsmottaker[0]/norskIdentifikator", "121063*****");
    }
}
