using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Aareg.Api.Oppslag;
using Aareg.Domain.Kodeverk;
using Aareg.Domain.Register;
using static Aareg.Api.Tests.Oppslag.Registereksempel;

namespace Aareg.Api.Tests.Oppslag;

/// <summary>The v2 arbeidsforhold as NAV's consumers read it (API §1, DOMAIN §5).</summary>
public sealed partial class ArbeidsforholdKontraktTests
{
    private static readonly ArbeidsforholdMapper Mapper = new(Kodeverkkatalog.Standard);
    private static readonly Personidentversjon[] Identer = [new(Fnr, true)];
    private static readonly Oppslagsvalg MedHistorikk = new() { Historikk = true };

    private static string Json(RegisterArbeidsforhold a, Oppslagsvalg valg, IReadOnlyList<Personidentversjon>? identer = null) =>
        Oppslagsjson.Skriv(Mapper.Map(a, AapenBruksperiode, identer ?? Identer, valg));

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex DatoRegex();

    [GeneratedRegex(@"^\d{4}-\d{2}$")]
    private static partial Regex MaanedRegex();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}$")]
    private static partial Regex DatotidRegex();

    [Fact]
    public void Maps_every_field_into_the_v2_shape_a_NAV_client_reads()
    {
        var k = NavV2Klient.Les<KArbeidsforhold>(Json(Maritimt(), MedHistorikk));

        Assert.Equal("AF-2", k.Id);
        Assert.Equal(new KKode("maritimtArbeidsforhold", "Maritimt arbeidsforhold"), k.Type);
        var ident = Assert.Single(k.Arbeidstaker.Identer);
        Assert.Equal(new KIdent(KIdenttype.Folkeregisterident, Fnr, true), ident);
        Assert.Equal(KEnhetstype.Underenhet, k.Arbeidssted.Type);
        Assert.Equal(new KIdent(KIdenttype.Organisasjonsnummer, Underenhet, null), Assert.Single(k.Arbeidssted.Identer));
        Assert.Equal(KEnhetstype.Hovedenhet, k.Opplysningspliktig.Type);
        Assert.Equal(new KIdent(KIdenttype.Organisasjonsnummer, Opplysningspliktig, null), Assert.Single(k.Opplysningspliktig.Identer));

        var periode = Assert.IsType<KAnsettelsesperiode>(k.Ansettelsesperiode);
        Assert.Equal("2016-10-03", periode.Startdato);
        Assert.Equal("2021-03-31", periode.Sluttdato);
        Assert.Equal(new KKode("arbeidstakerHarSagtOppSelv", "Arbeidstaker har sagt opp selv"), periode.Sluttaarsak);
        Assert.Equal(new KKode("IBKAOR", "Ikke bekreftet i a-ordningen"), periode.Varsling);
        Assert.NotNull(periode.Sporingsinformasjon);

        var detaljer = Assert.IsType<List<KAnsettelsesdetaljer>>(k.Ansettelsesdetaljer);
        Assert.Equal(2, detaljer.Count);
        var gjeldende = detaljer[0];
        Assert.Equal(KDetaljtype.Maritim, gjeldende.Type);
        Assert.Equal(new KKode("offshore336", "Arbeid offshore (33,6 t/u)"), gjeldende.Arbeidstidsordning);
        Assert.Equal("midlertidig", gjeldende.Ansettelsesform?.Kode);
        Assert.Equal(new KKode("5132121", "Helsefagarbeider"), gjeldende.Yrke);
        Assert.Equal(30.25, gjeldende.AntallTimerPrUke);
        Assert.Equal(80.5, gjeldende.AvtaltStillingsprosent);
        Assert.Equal("2021-01-06", gjeldende.SisteStillingsprosentendring);
        Assert.Equal("2021-01-07", gjeldende.SisteLoennsendring);
        Assert.Equal(new KKode("innenriks", "Innenriks"), gjeldende.Fartsomraade);
        Assert.Equal("nor", gjeldende.Skipsregister?.Kode);
        Assert.Equal("boreplattform", gjeldende.Fartoeystype?.Kode);
        Assert.Equal(new KRapporteringsmaaneder("2021-01", null), gjeldende.Rapporteringsmaaneder);
        Assert.NotNull(gjeldende.Sporingsinformasjon);
        Assert.Equal(new KRapporteringsmaaneder("2016-10", "2020-12"), detaljer[1].Rapporteringsmaaneder);
        Assert.Equal(new KKode("fast", "Fast ansettelse"), detaljer[1].Ansettelsesform);
        Assert.Equal(new KKode("nis", "Norsk internasjonalt skipsregister"), detaljer[1].Skipsregister);

        var permisjon = Assert.Single(k.Permisjoner!);
        Assert.Equal("P-1", permisjon.Id);
        Assert.Equal(new KKode("permisjonMedForeldrepenger", "Permisjon med foreldrepenger"), permisjon.Type);
        Assert.Equal(("2020-01-10", "2020-06-30", 55.5), (permisjon.Startdato, permisjon.Sluttdato, permisjon.Prosent!.Value));
        Assert.Equal("IBPPAG", permisjon.Varsling?.Kode);
        var permittering = Assert.Single(k.Permitteringer!);
        Assert.Equal(("PT-1", "permittering", "2020-03-16", (string?)null, 40.25), (permittering.Id, permittering.Type.Kode, permittering.Startdato, permittering.Sluttdato, permittering.Prosent!.Value));
        Assert.Null(permittering.Varsling);

        var timer = Assert.Single(k.TimerMedTimeloenn!);
        Assert.Equal((12.75, "2019-03-01", "2019-03-29", "2019-03"), (timer.Antall, timer.Startdato, timer.Sluttdato, timer.Rapporteringsmaaned));
        var opphold = Assert.Single(k.Utenlandsopphold!);
        Assert.Equal(new KKode("SE", "Sverige"), opphold.Land);
        Assert.Equal(("2019-04-02", "2019-04-26", "2019-04"), (opphold.Startdato, opphold.Sluttdato, opphold.Rapporteringsmaaned));

        var idHistorikk = Assert.Single(k.IdHistorikk!);
        Assert.Equal(new KIdHistorikk("AF-1", new KBruksperiode("2016-11-01T00:00:00.000", "2017-02-28T23:59:59.999")), idHistorikk);

        Assert.Equal(
            [
                (KVarselentitet.Arbeidsforhold, "AFIDHI"),
                (KVarselentitet.Ansettelsesperiode, "IBKAOR"),
                (KVarselentitet.Permisjon, "IBPPAG"),
            ],
            k.Varsler!.Select(v => (v.Entitet, v.Varsling.Kode)));
        Assert.All(k.Varsler!, v => Assert.False(string.IsNullOrEmpty(v.Varsling.Beskrivelse)));

        Assert.Equal(new KKode("A_ORDNINGEN", "Rapportert via a-ordningen"), k.Rapporteringsordning);
        Assert.Equal(3049489, k.NavArbeidsforholdId);
        Assert.Equal(17, k.NavVersjon);
        Assert.Equal(NavUuid, k.NavUuid);
        Assert.Equal("2019-05-13T00:54:04.359", k.Opprettet);
        Assert.Equal("2021-02-01T01:03:45.153", k.SistBekreftet);
        Assert.Equal("2021-06-15T12:00:00.007", k.SistEndret);
        Assert.Equal(new KBruksperiode("2019-05-13T00:54:04.366", null), k.Bruksperiode);
        Assert.Equal(
            new KSporingsinformasjon(
                "2021-02-01T01:03:45.153", "srvaareg-mottak", "EDAG", "melding-opprettet-1",
                "2021-06-15T12:00:00.007", "srvaareg-mottak", "EDAG", "melding-endret-2"),
            k.Sporingsinformasjon);
    }

    [Fact]
    public void The_nav_uuid_is_written_in_the_lowercase_hyphenated_form()
    {
        var node = JsonNode.Parse(Json(Maritimt(), new Oppslagsvalg()))!;

        Assert.Equal("b59d63d8-25b9-4b71-81b5-19378c0a2569", node["navUuid"]!.GetValue<string>());
    }

    [Fact]
    public void Current_detail_version_writes_til_as_null_also_when_the_arbeidsforhold_has_ended()
    {
        var node = JsonNode.Parse(Json(Maritimt(), MedHistorikk))!;
        Assert.NotNull(node["ansettelsesperiode"]!["sluttdato"]);

        var maaneder = node["ansettelsesdetaljer"]![0]!["rapporteringsmaaneder"]!.AsObject();
        Assert.True(maaneder.ContainsKey("til"));
        Assert.Null(maaneder["til"]);
        Assert.Equal("2020-12", node["ansettelsesdetaljer"]![1]!["rapporteringsmaaneder"]!["til"]!.GetValue<string>());
    }

    [Fact]
    public void Nulls_and_empty_lists_are_left_out_except_til_and_the_open_bruksperiode_tom()
    {
        var utenReferanse = Sporingsinformasjon.Ny(Vinter, "srvaareg", Sporingskilde.Aareg, null);
        var privat = PrivatArbeidsgiver() with
        {
            Sporing = utenReferanse,
            Ansettelsesperiode = PrivatArbeidsgiver().Ansettelsesperiode.MedSporing(utenReferanse),
            Ansettelsesdetaljer = [PrivatArbeidsgiver().Ansettelsesdetaljer[0].MedSporing(utenReferanse)],
        };
        var json = Json(privat, MedHistorikk);
        var spor = Jsonspor.Fra(json);

        Assert.Equal(["ansettelsesdetaljer.rapporteringsmaaneder.til", "bruksperiode.tom"], spor.NullStier.Order());
        Assert.Empty(spor.TommeLister);
        foreach (var fravaerende in new[] { "id", "sluttdato", "sluttaarsak", "varsling", "permisjoner", "permitteringer", "timerMedTimeloenn", "utenlandsopphold", "idHistorikk", "varsler", "fartsomraade", "sisteLoennsendring", "opprettetKildereferanse" })
        {
            Assert.DoesNotContain(fravaerende, spor.Navn);
        }

        // A v2 client still reads it.
        var k = NavV2Klient.Les<KArbeidsforhold>(json);
        Assert.Null(k.Id);
        Assert.Null(k.Permisjoner);
    }

    [Fact]
    public void Without_historikk_only_the_current_detail_version_is_returned()
    {
        var k = NavV2Klient.Les<KArbeidsforhold>(Json(Maritimt(), new Oppslagsvalg()));

        var detalj = Assert.Single(k.Ansettelsesdetaljer!);
        Assert.Equal(new KRapporteringsmaaneder("2021-01", null), detalj.Rapporteringsmaaneder);
    }

    [Fact]
    public void With_historikk_every_version_is_returned_newest_first()
    {
        var k = NavV2Klient.Les<KArbeidsforhold>(Json(Maritimt(), MedHistorikk));

        Assert.Equal(["2021-01", "2016-10"], k.Ansettelsesdetaljer!.Select(d => d.Rapporteringsmaaneder.Fra));
        Assert.Single(k.Ansettelsesdetaljer!, d => d.Rapporteringsmaaneder.Til is null);
    }

    [Fact]
    public void Asking_for_historikk_without_the_historikk_element_gives_only_the_current_version()
    {
        var valg = MedHistorikk with { Dataelementer = Alle(unntatt: Dataelement.Historikk) };

        var k = NavV2Klient.Les<KArbeidsforhold>(Json(Maritimt(), valg));

        Assert.Equal("2021-01", Assert.Single(k.Ansettelsesdetaljer!).Rapporteringsmaaneder.Fra);
    }

    [Fact]
    public void Sporingsinformasjon_false_leaves_out_every_sporingsinformasjon_object()
    {
        var med = Jsonspor.Fra(Json(Maritimt(), MedHistorikk));
        var uten = Jsonspor.Fra(Json(Maritimt(), MedHistorikk with { Sporingsinformasjon = false }));

        Assert.Contains("sporingsinformasjon", med.Navn);
        Assert.DoesNotContain("sporingsinformasjon", uten.Navn);
        Assert.DoesNotContain("melding-opprettet-1", uten.Strenger);
    }

    [Fact]
    public void Date_times_are_Norwegian_local_time_to_milliseconds_without_offset_in_winter_and_summer()
    {
        var k = NavV2Klient.Les<KArbeidsforhold>(Json(Maritimt(), new Oppslagsvalg()));

        Assert.Equal("2021-02-01T01:03:45.153", k.Sporingsinformasjon!.OpprettetTidspunkt);
        Assert.Equal("2021-06-15T12:00:00.007", k.Sporingsinformasjon.EndretTidspunkt);
    }

    [Fact]
    public void Every_date_month_and_date_time_has_its_fixed_format()
    {
        var spor = Jsonspor.Fra(Json(Maritimt(), MedHistorikk));

        string[] datoer = ["startdato", "sluttdato", "sisteStillingsprosentendring", "sisteLoennsendring"];
        string[] maaneder = ["fra", "til", "rapporteringsmaaned"];
        string[] datotider = ["opprettet", "sistBekreftet", "sistEndret", "fom", "tom", "opprettetTidspunkt", "endretTidspunkt"];
        foreach (var (navn, regex) in datoer.Select(n => (n, DatoRegex())).Concat(maaneder.Select(n => (n, MaanedRegex()))).Concat(datotider.Select(n => (n, DatotidRegex()))))
        {
            Assert.True(spor.VerdierPerNavn.ContainsKey(navn), navn);
            Assert.All(spor.VerdierPerNavn[navn], v => Assert.Matches(regex, v));
        }
    }

    [Fact]
    public void Decimals_are_JSON_numbers()
    {
        var node = JsonNode.Parse(Json(Maritimt(), new Oppslagsvalg()))!;

        Assert.Equal(JsonValueKind.Number, node["ansettelsesdetaljer"]![0]!["avtaltStillingsprosent"]!.GetValueKind());
        Assert.Equal(JsonValueKind.Number, node["ansettelsesdetaljer"]![0]!["antallTimerPrUke"]!.GetValueKind());
        Assert.Equal(JsonValueKind.Number, node["permisjoner"]![0]!["prosent"]!.GetValueKind());
        Assert.Equal(JsonValueKind.Number, node["timerMedTimeloenn"]![0]!["antall"]!.GetValueKind());
        Assert.Equal("80.5", node["ansettelsesdetaljer"]![0]!["avtaltStillingsprosent"]!.ToJsonString());
    }

    [Fact]
    public void A_private_employer_is_typed_Person_with_a_folkeregisterident()
    {
        var k = NavV2Klient.Les<KArbeidsforhold>(Json(PrivatArbeidsgiver(), new Oppslagsvalg()));

        Assert.Equal(KEnhetstype.Person, k.Arbeidssted.Type);
        Assert.Equal(new KIdent(KIdenttype.Folkeregisterident, GammeltFnr, true), Assert.Single(k.Arbeidssted.Identer));
        Assert.Equal(KEnhetstype.Person, k.Opplysningspliktig.Type);
        Assert.Equal(KIdenttype.Folkeregisterident, Assert.Single(k.Opplysningspliktig.Identer).Type);
    }

    [Fact]
    public void After_identbytte_the_arbeidstaker_has_every_ident_marked_gjeldende_or_not()
    {
        Personidentversjon[] identer = [new(GammeltFnr, false), new(Fnr, true), new(AktoerId, true)];

        var k = NavV2Klient.Les<KArbeidsforhold>(Json(Maritimt(), new Oppslagsvalg(), identer));

        Assert.Equal(
            [
                new KIdent(KIdenttype.Folkeregisterident, GammeltFnr, false),
                new KIdent(KIdenttype.Folkeregisterident, Fnr, true),
                new KIdent(KIdenttype.Aktorid, AktoerId, true),
            ],
            k.Arbeidstaker.Identer);
    }

    [Fact]
    public void Without_known_identer_the_arbeidstaker_gets_the_key_ident_as_gjeldende()
    {
        var k = NavV2Klient.Les<KArbeidsforhold>(Json(Maritimt(), new Oppslagsvalg(), []));

        Assert.Equal(new KIdent(KIdenttype.Folkeregisterident, Fnr, true), Assert.Single(k.Arbeidstaker.Identer));
    }

    [Theory]
    [InlineData("\"Underenhet\"", "\"Virksomhet\"")]
    [InlineData("\"ORGANISASJONSNUMMER\"", "\"ORGNR\"")]
    [InlineData("\"Maritim\"", "\"Sjoe\"")]
    public void The_client_model_rejects_values_outside_its_enums(string gyldig, string ugyldig)
    {
        var json = Json(Maritimt(), new Oppslagsvalg());
        Assert.Contains(gyldig, json, StringComparison.Ordinal);

        Assert.Throws<JsonException>(() => NavV2Klient.Les<KArbeidsforhold>(json.Replace(gyldig, ugyldig, StringComparison.Ordinal)));
    }

    [Fact]
    public void The_client_model_requires_the_fields_its_clients_declare_non_nullable()
    {
        var node = JsonNode.Parse(Json(Maritimt(), new Oppslagsvalg()))!.AsObject();
        node.Remove("navUuid");

        Assert.Throws<JsonException>(() => NavV2Klient.Les<KArbeidsforhold>(node.ToJsonString()));
    }

    [Fact]
    public void A_code_missing_from_the_code_list_keeps_its_code_as_description()
    {
        var a = Maritimt() with { Utenlandsopphold = [new Utenlandsopphold("XX", null, null, new Domain.Tid.Kalendermaaned(2019, 4), Sporing)] };

        var k = NavV2Klient.Les<KArbeidsforhold>(Json(a, new Oppslagsvalg()));

        Assert.Equal(new KKode("XX", "XX"), Assert.Single(k.Utenlandsopphold!).Land);
    }

    [Fact]
    public void A_list_of_arbeidsforhold_serialises_through_the_context()
    {
        var dto = Mapper.Map(Maritimt(), AapenBruksperiode, Identer, new Oppslagsvalg());

        var json = JsonSerializer.Serialize<IReadOnlyList<ArbeidsforholdDto>>([dto, dto], OppslagJsonContext.Default.IReadOnlyListArbeidsforholdDto);

        Assert.Equal(2, NavV2Klient.Les<List<KArbeidsforhold>>(json).Count);
    }

    internal static IReadOnlySet<Dataelement> Alle(Dataelement unntatt) =>
        Dataelementkatalog.Alle.Where(d => d != unntatt).ToHashSet();
}
