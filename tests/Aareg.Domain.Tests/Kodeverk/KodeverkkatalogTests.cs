using Aareg.Domain.Kodeverk;

namespace Aareg.Domain.Tests.Kodeverk;

public class KodeverkkatalogTests
{
    private static readonly Kodeverkkatalog Katalog = Kodeverkkatalog.Standard;

    public static TheoryData<string> AlleListenavn =>
    [
        Kodeverknavn.Arbeidsforholdtyper,
        Kodeverknavn.Rapporteringsordninger,
        Kodeverknavn.Arbeidstidsordninger,
        Kodeverknavn.Ansettelsesformer,
        Kodeverknavn.Sluttaarsaker,
        Kodeverknavn.PermisjonsOgPermitteringsBeskrivelse,
        Kodeverknavn.Permitteringsaarsaker,
        Kodeverknavn.Fartsomraader,
        Kodeverknavn.Skipsregistre,
        Kodeverknavn.Skipstyper,
        Kodeverknavn.Avloenningstyper,
        Kodeverknavn.Varslingskoder,
        Kodeverknavn.Yrker,
        Kodeverknavn.Landkoder,
    ];

    [Theory]
    [MemberData(nameof(AlleListenavn))]
    public void Every_list_of_DOMAIN_8_is_present_and_non_empty(string navn)
    {
        Assert.Contains(navn, Katalog.Navn);
        var koder = Katalog.Koder(navn);
        Assert.NotNull(koder);
        Assert.NotEmpty(koder);
    }

    [Fact]
    public void Lists_exactly_the_fourteen_names_of_Kodeverknavn()
    {
        Assert.Equal(14, Katalog.Navn.Count);
        Assert.Equal(Katalog.Navn.Count, Katalog.Navn.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(AlleListenavn))]
    public void Every_code_has_a_description_and_a_sane_period(string navn)
    {
        foreach (var kode in Katalog.Koder(navn)!)
        {
            Assert.False(string.IsNullOrWhiteSpace(kode.Beskrivelse), $"{navn}/{kode.Verdi}");
            Assert.True(kode.GyldigFra >= Kodeverkkatalog.Tidligste, $"{navn}/{kode.Verdi}");
            Assert.True(kode.GyldigTil is null || kode.GyldigTil >= kode.GyldigFra, $"{navn}/{kode.Verdi}");
        }
    }

    [Theory]
    [MemberData(nameof(AlleListenavn))]
    public void Codes_are_unique_within_a_list(string navn)
    {
        var verdier = Katalog.Koder(navn)!.Select(k => k.Verdi).ToList();
        Assert.Equal(verdier.Count, verdier.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Unknown_list_gives_null_codes_no_validity_and_no_description()
    {
        Assert.Null(Katalog.Koder("Finnesikke"));
        Assert.False(Katalog.ErGyldig("Finnesikke", "fast", new DateOnly(2020, 1, 1)));
        Assert.Null(Katalog.Beskrivelse("Finnesikke", "fast"));
    }

    [Fact]
    public void List_names_are_case_insensitive_but_codes_are_not()
    {
        var dato = new DateOnly(2020, 1, 1);
        Assert.True(Katalog.ErGyldig("arbeidstidsordninger", "ikkeSkift", dato));
        Assert.False(Katalog.ErGyldig(Kodeverknavn.Arbeidstidsordninger, "IKKESKIFT", dato));
    }

    [Fact]
    public void Unknown_code_in_a_known_list_is_invalid_and_has_no_description()
    {
        Assert.False(Katalog.ErGyldig(Kodeverknavn.Sluttaarsaker, "fantSegIkkeTilRette", new DateOnly(2022, 5, 1)));
        Assert.Null(Katalog.Beskrivelse(Kodeverknavn.Sluttaarsaker, "fantSegIkkeTilRette"));
    }

    [Theory]
    [InlineData(Kodeverknavn.Arbeidstidsordninger, "andreSkift", "2018-12-31", false)]
    [InlineData(Kodeverknavn.Arbeidstidsordninger, "andreSkift", "2019-01-01", true)]
    [InlineData(Kodeverknavn.Arbeidstidsordninger, "ikkeSkift", "1990-06-01", true)]
    [InlineData(Kodeverknavn.Ansettelsesformer, "midlertidig", "2020-12-31", false)]
    [InlineData(Kodeverknavn.Ansettelsesformer, "midlertidig", "2021-01-01", true)]
    [InlineData(Kodeverknavn.Ansettelsesformer, "fast", "2016-03-01", true)]
    [InlineData(Kodeverknavn.Sluttaarsaker, "arbeidsforholdetSkulleAldriVaertRapportert", "2020-12-31", false)]
    [InlineData(Kodeverknavn.Sluttaarsaker, "arbeidsforholdetSkulleAldriVaertRapportert", "2021-01-01", true)]
    [InlineData(Kodeverknavn.Sluttaarsaker, "arbeidstakerHarSagtOppSelv", "2014-12-31", false)]
    [InlineData(Kodeverknavn.Sluttaarsaker, "arbeidstakerHarSagtOppSelv", "2015-01-01", true)]
    [InlineData(Kodeverknavn.Avloenningstyper, "fast", "2018-12-31", true)]
    [InlineData(Kodeverknavn.Avloenningstyper, "fast", "2019-01-01", false)]
    [InlineData(Kodeverknavn.Arbeidsforholdtyper, "frilanserOppdragstakerHonorarPersonerMm", "2014-12-31", false)]
    [InlineData(Kodeverknavn.Arbeidsforholdtyper, "frilanserOppdragstakerHonorarPersonerMm", "2015-01-01", true)]
    [InlineData(Kodeverknavn.Arbeidsforholdtyper, "ordinaertArbeidsforhold", "1978-01-01", true)]
    [InlineData(Kodeverknavn.Arbeidsforholdtyper, "ordinaertArbeidsforhold", "1977-12-31", false)]
    [InlineData(Kodeverknavn.Rapporteringsordninger, "FOER_A_ORDNINGEN", "2014-12-31", true)]
    [InlineData(Kodeverknavn.Rapporteringsordninger, "FOER_A_ORDNINGEN", "2015-01-01", false)]
    [InlineData(Kodeverknavn.Rapporteringsordninger, "A_ORDNINGEN", "2014-12-31", false)]
    [InlineData(Kodeverknavn.Rapporteringsordninger, "A_ORDNINGEN", "2015-01-01", true)]
    [InlineData(Kodeverknavn.Skipsregistre, "nis", "1987-06-30", false)]
    [InlineData(Kodeverknavn.Skipsregistre, "nis", "1987-07-01", true)]
    [InlineData(Kodeverknavn.Varslingskoder, "IBKAOR", "2015-02-01", true)]
    [InlineData(Kodeverknavn.Varslingskoder, "ERKONK", "2001-02-01", true)]
    public void Codes_are_valid_only_within_their_period(string kodeverk, string kode, string dato, bool forventet) =>
        Assert.Equal(forventet, Katalog.ErGyldig(kodeverk, kode, DateOnly.Parse(dato, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("utdanningspermisjon")]
    [InlineData("velferdspermisjon")]
    [InlineData("permisjon")]
    public void Historic_permisjon_codes_are_valid_in_2022_but_not_in_2023(string kode)
    {
        Assert.True(Katalog.ErGyldig(Kodeverknavn.PermisjonsOgPermitteringsBeskrivelse, kode, new DateOnly(2022, 12, 31)));
        Assert.False(Katalog.ErGyldig(Kodeverknavn.PermisjonsOgPermitteringsBeskrivelse, kode, new DateOnly(2023, 1, 1)));
    }

    [Theory]
    [InlineData("utdanningspermisjonLovfestet")]
    [InlineData("utdanningspermisjonIkkeLovfestet")]
    [InlineData("andreLovfestedePermisjoner")]
    [InlineData("andreIkkeLovfestedePermisjoner")]
    public void New_permisjon_codes_are_valid_in_2023_but_not_in_2022(string kode)
    {
        Assert.False(Katalog.ErGyldig(Kodeverknavn.PermisjonsOgPermitteringsBeskrivelse, kode, new DateOnly(2022, 12, 31)));
        Assert.True(Katalog.ErGyldig(Kodeverknavn.PermisjonsOgPermitteringsBeskrivelse, kode, new DateOnly(2023, 1, 1)));
    }

    [Theory]
    [InlineData("permisjonMedForeldrepenger")]
    [InlineData("permisjonVedMilitaertjeneste")]
    [InlineData("permittering")]
    public void Permisjon_codes_in_use_across_the_2023_change_stay_valid(string kode)
    {
        Assert.True(Katalog.ErGyldig(Kodeverknavn.PermisjonsOgPermitteringsBeskrivelse, kode, new DateOnly(2022, 6, 1)));
        Assert.True(Katalog.ErGyldig(Kodeverknavn.PermisjonsOgPermitteringsBeskrivelse, kode, new DateOnly(2024, 6, 1)));
    }

    [Fact]
    public void Codes_on_a_date_leave_out_retired_and_future_codes()
    {
        var koder2022 = Katalog.Koder(Kodeverknavn.PermisjonsOgPermitteringsBeskrivelse, new DateOnly(2022, 6, 1))!
            .Select(k => k.Verdi).ToList();
        var koder2023 = Katalog.Koder(Kodeverknavn.PermisjonsOgPermitteringsBeskrivelse, new DateOnly(2023, 6, 1))!
            .Select(k => k.Verdi).ToList();

        Assert.Contains("velferdspermisjon", koder2022);
        Assert.DoesNotContain("andreLovfestedePermisjoner", koder2022);
        Assert.Contains("andreLovfestedePermisjoner", koder2023);
        Assert.DoesNotContain("velferdspermisjon", koder2023);
        Assert.Empty(Katalog.Koder(Kodeverknavn.Avloenningstyper, new DateOnly(2019, 1, 1))!);
    }

    [Fact]
    public void Retired_codes_keep_their_description_for_old_months()
    {
        Assert.Equal("Velferdspermisjon", Katalog.Beskrivelse(Kodeverknavn.PermisjonsOgPermitteringsBeskrivelse, "velferdspermisjon"));
        Assert.Equal("Fastlønn", Katalog.Beskrivelse(Kodeverknavn.Avloenningstyper, "fast"));
        Assert.Equal("Fastlønn", Katalog.Beskrivelse(Kodeverknavn.Avloenningstyper, "fast", new DateOnly(2024, 1, 1)));
    }

    [Fact]
    public void Descriptions_are_bokmaal_texts_of_DOMAIN_8()
    {
        Assert.Equal("Ordinært arbeidsforhold", Katalog.Beskrivelse(Kodeverknavn.Arbeidsforholdtyper, "ordinaertArbeidsforhold"));
        Assert.Equal("Andre skiftordninger", Katalog.Beskrivelse(Kodeverknavn.Arbeidstidsordninger, "andreSkift"));
        Assert.Equal("Fast ansettelse", Katalog.Beskrivelse(Kodeverknavn.Ansettelsesformer, "fast"));
        Assert.Equal("Norsk internasjonalt skipsregister", Katalog.Beskrivelse(Kodeverknavn.Skipsregistre, "nis"));
        Assert.Equal("Turistskip", Katalog.Beskrivelse(Kodeverknavn.Skipstyper, "turist"));
        Assert.Equal("Utenriks", Katalog.Beskrivelse(Kodeverknavn.Fartsomraader, "utenriks"));
    }

    [Fact]
    public void Pension_type_is_recognised_but_is_not_an_arbeidsforholdtype()
    {
        const string pensjon = "pensjonOgAndreTyperYtelserUtenAnsettelsesforhold";
        Assert.Contains(pensjon, Kodeverkkatalog.IkkeArbeidsforholdTyper);
        Assert.Equal(pensjon, Kodeverkkatalog.PensjonOgAndreTyperYtelserUtenAnsettelsesforhold);
        Assert.False(Katalog.ErGyldig(Kodeverknavn.Arbeidsforholdtyper, pensjon, new DateOnly(2020, 1, 1)));
        Assert.DoesNotContain(Katalog.Koder(Kodeverknavn.Arbeidsforholdtyper)!, k => k.Verdi == pensjon);
    }

    [Fact]
    public void Varslingskoder_hold_the_registers_own_actions()
    {
        string[] forventet = ["ERKONK", "EROPPH", "ERVIRK", "IBARBG", "IBKAOR", "IBPPAG", "AFIDHI", "PPIDHI", "NAVEND"];
        Assert.Equal(forventet.Order(), Katalog.Koder(Kodeverknavn.Varslingskoder)!.Select(k => k.Verdi).Order());
    }

    [Fact]
    public void A_code_with_several_versions_describes_each_month_with_its_own_version()
    {
        var katalog = new Kodeverkkatalog(
        [
            new(Kodeverknavn.Skipstyper, [
                new Kode("annet", "Annen skipstype", new DateOnly(2000, 1, 1), new DateOnly(2019, 12, 31)),
                new Kode("annet", "Annet", new DateOnly(2020, 1, 1), null),
            ]),
        ]);

        Assert.Equal("Annen skipstype", katalog.Beskrivelse(Kodeverknavn.Skipstyper, "annet", new DateOnly(2010, 1, 1)));
        Assert.Equal("Annet", katalog.Beskrivelse(Kodeverknavn.Skipstyper, "annet", new DateOnly(2021, 1, 1)));
        Assert.Equal("Annet", katalog.Beskrivelse(Kodeverknavn.Skipstyper, "annet"));
        Assert.True(katalog.ErGyldig(Kodeverknavn.Skipstyper, "annet", new DateOnly(2010, 1, 1)));
        Assert.False(katalog.ErGyldig(Kodeverknavn.Skipstyper, "annet", new DateOnly(1999, 12, 31)));
    }

    [Fact]
    public void Rejects_a_catalogue_with_the_same_list_twice_or_an_inverted_period()
    {
        var kode = new Kode("x", "X", new DateOnly(2020, 1, 1), null);
        Assert.Throws<ArgumentException>(() => new Kodeverkkatalog([new("A", [kode]), new("a", [kode])]));
        Assert.Throws<ArgumentException>(() => new Kodeverkkatalog(
            [new("A", [new Kode("x", "X", new DateOnly(2020, 1, 1), new DateOnly(2019, 1, 1))])]));
    }
}
