using System.Text.Json.Nodes;
using Aareg.Api.Oppslag;
using Aareg.Domain.Kodeverk;
using Aareg.Domain.Register;
using static Aareg.Api.Tests.Oppslag.Registereksempel;

namespace Aareg.Api.Tests.Oppslag;

/// <summary>The employer overview (API §1) and the pension overview (API §2).</summary>
public sealed class OversiktKontraktTests
{
    private static readonly ArbeidsforholdMapper Mapper = new(Kodeverkkatalog.Standard);

    private static KArbeidsforholdoversikt LesOversikt(RegisterArbeidsforhold a, Oppslagsvalg valg)
    {
        var side = JsonNode.Parse(Oppslagsjson.Skriv(Mapper.MapOversikt(a, valg)))!;
        Assert.Equal((1, 1, 0), (side["antall"]!.GetValue<int>(), side["totalAntall"]!.GetValue<int>(), side["startrad"]!.GetValue<int>()));
        return NavV2Klient.Les<KArbeidsforholdoversikt>(side["arbeidsforholdoversikter"]![0]!.ToJsonString());
    }

    [Fact]
    public void Maps_an_employer_overview_item()
    {
        var o = LesOversikt(Maritimt(), new Oppslagsvalg());

        Assert.Equal(3049489, o.NavArbeidsforholdId);
        Assert.Equal(NavUuid, o.NavUuid);
        Assert.Equal(new KAktoer(KAktoertype.Person, null, Fnr), o.Arbeidstaker);
        Assert.Equal(new KAktoer(KAktoertype.Organisasjon, Underenhet, null), o.Arbeidsgiver);
        Assert.Equal(new KAktoer(KAktoertype.Organisasjon, Opplysningspliktig, null), o.Opplysningspliktig);
        Assert.Equal("maritimtArbeidsforhold", o.Type);
        Assert.Equal(("2016-10-03", "2021-03-31"), (o.AnsattFom, o.AnsattTom));
        Assert.Equal("5132121", o.Yrke);
        Assert.Equal(80.5, o.Stillingsprosent);
        Assert.True(o.InnrapportertEtterAOrdningen);
        Assert.Equal("2021-02-01T01:03:45.153", o.SistBekreftet);
        Assert.Equal(
            [
                new KOversiktVarsel(KVarselentitet.Arbeidsforhold, "AFIDHI"),
                new KOversiktVarsel(KVarselentitet.Ansettelsesperiode, "IBKAOR"),
                new KOversiktVarsel(KVarselentitet.Permisjon, "IBPPAG"),
            ],
            o.Varsler);
    }

    [Fact]
    public void A_private_employer_and_an_open_arbeidsforhold_before_a_ordningen_map_as_such()
    {
        var a = PrivatArbeidsgiver() with { Rapporteringsordning = Rapporteringsordning.FoerAOrdningen };

        var o = LesOversikt(a, new Oppslagsvalg());

        Assert.Equal(new KAktoer(KAktoertype.Person, null, GammeltFnr), o.Arbeidsgiver);
        Assert.Equal(new KAktoer(KAktoertype.Person, null, GammeltFnr), o.Opplysningspliktig);
        Assert.Null(o.AnsattTom);
        Assert.False(o.InnrapportertEtterAOrdningen);
        Assert.Null(o.Varsler);
    }

    [Fact]
    public void Maps_a_pension_overview_item_with_the_current_yrke()
    {
        var json = Oppslagsjson.Skriv(Mapper.MapOtpOversikt(Maritimt(), new Oppslagsvalg()));
        var o = NavV2Klient.Les<KOtpOversikt>(JsonNode.Parse(json)!["arbeidsforholdoversikter"]![0]!.ToJsonString());

        Assert.Equal(NavUuid, o.NavUuid);
        Assert.Equal("AF-2", o.Id);
        Assert.Equal(new KOtpArbeidstaker(Fnr), o.Arbeidstaker);
        Assert.Equal(new KKode("5132121", "Helsefagarbeider"), o.Yrke);
        Assert.Equal("AF-1", Assert.Single(o.IdHistorikk!).Id);
        Assert.Equal("2021-06-15T12:00:00.007", o.SistEndret);
    }
}
