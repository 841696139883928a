using Aareg.Domain.AMelding;
using Aareg.Domain.Kodeverk;
using Aareg.Domain.Kontroller;

namespace Aareg.Domain.Tests.Kontroller;

/// <summary>The controls with the shipped code catalogue, as the intake pipeline runs them.</summary>
public sealed class StandardKodeverkKontrollTests
{
    private static readonly KontrollKontekst Kontekst = Testdata.Kontekst() with { Kodeverk = Kodeverkkatalog.Standard };

    private static IReadOnlyList<Avvik> Kontroller(int aar, int maaned, params Arbeidsforhold[] arbeidsforhold) =>
        Testdata.Kontroller(new LeveranseBygger().Maaned(aar, maaned).Person(Testdata.Person, arbeidsforhold).Bygg(), Kontekst);

    [Fact]
    public void Clean_melding_gives_no_avvik_with_the_shipped_code_lists() =>
        Assert.Empty(Kontroller(
            2024,
            2,
            Testdata.Ordinaert("af-1") with { Permisjoner = [Testdata.Permisjon()] },
            Testdata.Ordinaert("af-2") with { FormForAnsettelse = "midlertidig", Arbeidstidsordning = "andreSkift", Sluttdato = new DateOnly(2024, 2, 29), AarsakTilSluttdato = "kontraktEngasjementEllerVikariatErUtloept" },
            Testdata.Maritimt(),
            Testdata.Frilanser()));

    [Fact]
    public void Historic_permisjon_code_is_valid_in_2022_06_and_F282_in_2023_02_with_the_shipped_code_lists()
    {
        var arbeidsforhold = Testdata.Ordinaert() with
        {
            Permisjoner = [Testdata.Permisjon(beskrivelse: "velferdspermisjon") with { Startdato = new DateOnly(2022, 6, 1) }],
        };

        Assert.Empty(Kontroller(2022, 6, arbeidsforhold));
        Kontroller(2023, 2, arbeidsforhold).Ett(Regelid.Kode)
            .Er(Alvorlighetsgrad.Oeyeblikkelig, "virksomhet[0]/inntektsmottaker[0]/arbeidsforhold[0]/permisjon[0]/beskrivelse", "velferdspermisjon");
    }

    [Fact]
    public void Uncurated_yrke_in_a_STYRK_08_unit_group_is_accepted_and_an_unknown_group_is_F282()
    {
        Kontroller(2024, 2, Testdata.Ordinaert() with { Yrke = "5132999" }).Ingen(Regelid.Kode);
        Kontroller(2024, 2, Testdata.Ordinaert() with { Yrke = "0000001" }).Ett(Regelid.Kode)
            .Er(Alvorlighetsgrad.Oeyeblikkelig, "virksomhet[0]/inntektsmottaker[0]/arbeidsforhold[0]/yrke", "0000001");
    }
}
