namespace Aareg.Domain.Kodeverk;

/// <summary>
/// The code lists of DOMAIN §8 with bokmål descriptions and validity periods. Dates are the named constants of
/// <see cref="Kodeverkkatalog"/> so the reason for each period is visible in one place.
/// </summary>
internal static class StandardKodelister
{
    public static IEnumerable<KeyValuePair<string, IReadOnlyList<Kode>>> Alle()
    {
        yield return Liste(Kodeverknavn.Arbeidsforholdtyper, Arbeidsforholdtyper());
        yield return Liste(Kodeverknavn.Rapporteringsordninger, Rapporteringsordninger());
        yield return Liste(Kodeverknavn.Arbeidstidsordninger, Arbeidstidsordninger());
        yield return Liste(Kodeverknavn.Ansettelsesformer, Ansettelsesformer());
        yield return Liste(Kodeverknavn.Sluttaarsaker, Sluttaarsaker());
        yield return Liste(Kodeverknavn.PermisjonsOgPermitteringsBeskrivelse, PermisjonsOgPermitteringsBeskrivelse());
        yield return Liste(Kodeverknavn.Permitteringsaarsaker, Permitteringsaarsaker());
        yield return Liste(Kodeverknavn.Fartsomraader, Fartsomraader());
        yield return Liste(Kodeverknavn.Skipsregistre, Skipsregistre());
        yield return Liste(Kodeverknavn.Skipstyper, Skipstyper());
        yield return Liste(Kodeverknavn.Avloenningstyper, Avloenningstyper());
        yield return Liste(Kodeverknavn.Varslingskoder, Varslingskoder());
        yield return Liste(Kodeverknavn.Yrker, Yrker());
        yield return Liste(Kodeverknavn.Landkoder, Land());
    }

    private static KeyValuePair<string, IReadOnlyList<Kode>> Liste(string navn, Kode[] koder) => new(navn, koder);

    private static Kode K(string verdi, string beskrivelse, DateOnly fra, DateOnly? til = null) =>
        new(verdi, beskrivelse, fra, til);

    // Frilansere came into the register with a-ordningen; the other types were reported before 2015.
    private static Kode[] Arbeidsforholdtyper() =>
    [
        K("ordinaertArbeidsforhold", "Ordinært arbeidsforhold", Kodeverkkatalog.Tidligste),
        K("maritimtArbeidsforhold", "Maritimt arbeidsforhold", Kodeverkkatalog.Tidligste),
        K("forenkletOppgjoersordning", "Forenklet oppgjørsordning", Kodeverkkatalog.Tidligste),
        K("frilanserOppdragstakerHonorarPersonerMm", "Frilansere/oppdragstakere, honorar, personer mm.", Kodeverkkatalog.AOrdningenFra),
    ];

    private static Kode[] Rapporteringsordninger() =>
    [
        K("A_ORDNINGEN", "Rapportert via a-ordningen", Kodeverkkatalog.AOrdningenFra),
        K("FOER_A_ORDNINGEN", "Rapportert før a-ordningen", Kodeverkkatalog.Tidligste, Kodeverkkatalog.FoerAOrdningenTil),
    ];

    private static Kode[] Arbeidstidsordninger() =>
    [
        K("ikkeSkift", "Ikke skift", Kodeverkkatalog.Tidligste),
        K("andreSkift", "Andre skiftordninger", Kodeverkkatalog.AndreSkiftFra),
        K("skift365", "Skiftarbeid (36,5 t/u)", Kodeverkkatalog.Tidligste),
        K("doegnkontinuerligSkiftOgTurnus355", "Døgnkontinuerlig skiftarbeid og turnusarbeid (35,5 t/u)", Kodeverkkatalog.Tidligste),
        K("helkontinuerligSkiftOgAndreOrdninger336", "Helkontinuerlig skiftarbeid og andre ordninger med 33,6 t/u", Kodeverkkatalog.Tidligste),
        K("offshore336", "Arbeid offshore (33,6 t/u)", Kodeverkkatalog.Tidligste),
    ];

    // DOMAIN §8: midlertidig from 2021, when formForAnsettelse became required (DOMAIN §4.2, rule "detaljer");
    // tilkallingsvikar belongs to the same split of temporary employment.
    private static Kode[] Ansettelsesformer() =>
    [
        K("fast", "Fast ansettelse", Kodeverkkatalog.AOrdningenFra),
        K("midlertidig", "Midlertidig ansettelse", Kodeverkkatalog.Fra2021),
        K("midlertidigAnsattSomTilkallingsvikar", "Midlertidig ansatt som tilkallingsvikar", Kodeverkkatalog.Fra2021),
    ];

    private static Kode[] Sluttaarsaker() =>
    [
        K("arbeidstakerHarSagtOppSelv", "Arbeidstaker har sagt opp selv", Kodeverkkatalog.AOrdningenFra),
        K("arbeidsgiverHarSagtOppArbeidstaker", "Arbeidsgiver har sagt opp arbeidstaker", Kodeverkkatalog.AOrdningenFra),
        K("kontraktEngasjementEllerVikariatErUtloept", "Kontrakt, engasjement eller vikariat er utløpt", Kodeverkkatalog.AOrdningenFra),
        K("byttetLoenssystemEllerRegnskapsfoerer", "Byttet lønnssystem eller regnskapsfører", Kodeverkkatalog.AOrdningenFra),
        K("endringIOrganisasjonsstrukturEllerByttetJobbInternt", "Endring i organisasjonsstruktur eller byttet jobb internt", Kodeverkkatalog.AOrdningenFra),
        K("arbeidsforholdetSkulleAldriVaertRapportert", "Arbeidsforholdet skulle aldri vært rapportert", Kodeverkkatalog.Fra2021),
    ];

    // DOMAIN §8: utdanningspermisjon, velferdspermisjon and permisjon were split into the lovfestet/ikke lovfestet
    // codes; the old codes end 2022-12-31 and the new ones start the day after.
    private static Kode[] PermisjonsOgPermitteringsBeskrivelse() =>
    [
        K("permisjonMedForeldrepenger", "Permisjon med foreldrepenger", Kodeverkkatalog.Tidligste),
        K("permisjonVedMilitaertjeneste", "Permisjon ved militærtjeneste", Kodeverkkatalog.Tidligste),
        K("permittering", "Permittering", Kodeverkkatalog.Tidligste),
        K("utdanningspermisjonLovfestet", "Utdanningspermisjon (lovfestet)", Kodeverkkatalog.NyePermisjonskoderFra),
        K("utdanningspermisjonIkkeLovfestet", "Utdanningspermisjon (ikke lovfestet)", Kodeverkkatalog.NyePermisjonskoderFra),
        K("andreLovfestedePermisjoner", "Andre lovfestede permisjoner", Kodeverkkatalog.NyePermisjonskoderFra),
        K("andreIkkeLovfestedePermisjoner", "Andre ikke-lovfestede permisjoner", Kodeverkkatalog.NyePermisjonskoderFra),
        K("utdanningspermisjon", "Utdanningspermisjon", Kodeverkkatalog.Tidligste, Kodeverkkatalog.GamlePermisjonskoderTil),
        K("velferdspermisjon", "Velferdspermisjon", Kodeverkkatalog.Tidligste, Kodeverkkatalog.GamlePermisjonskoderTil),
        K("permisjon", "Permisjon", Kodeverkkatalog.Tidligste, Kodeverkkatalog.GamlePermisjonskoderTil),
    ];

    // The permittering structure only exists in a-melding v2_3; whether the element may appear is the format's
    // question, so the codes themselves are not narrowed further than a-ordningen.
    private static Kode[] Permitteringsaarsaker() =>
    [
        K("mangelPaaArbeidEllerOppdrag", "Mangel på arbeid eller oppdrag", Kodeverkkatalog.AOrdningenFra),
        K("raastoffmangel", "Råstoffmangel", Kodeverkkatalog.AOrdningenFra),
        K("arbeidskonfliktEllerStreik", "Arbeidskonflikt eller streik", Kodeverkkatalog.AOrdningenFra),
        K("brann", "Brann", Kodeverkkatalog.AOrdningenFra),
        K("paaleggFraOffentligMyndighet", "Pålegg fra offentlig myndighet", Kodeverkkatalog.AOrdningenFra),
        K("andreAarsaker", "Andre årsaker", Kodeverkkatalog.AOrdningenFra),
    ];

    private static Kode[] Fartsomraader() =>
    [
        K("innenriks", "Innenriks", Kodeverkkatalog.Tidligste),
        K("utenriks", "Utenriks", Kodeverkkatalog.Tidligste),
    ];

    private static Kode[] Skipsregistre() =>
    [
        K("nis", "Norsk internasjonalt skipsregister", Kodeverkkatalog.NisFra),
        K("nor", "Norsk ordinært skipsregister", Kodeverkkatalog.Tidligste),
        K("utl", "Utenlandsk skipsregister", Kodeverkkatalog.Tidligste),
    ];

    private static Kode[] Skipstyper() =>
    [
        K("turist", "Turistskip", Kodeverkkatalog.Tidligste),
        K("boreplattform", "Boreplattform", Kodeverkkatalog.Tidligste),
        K("annet", "Annet", Kodeverkkatalog.Tidligste),
    ];

    // DOMAIN §8: historic, not allowed from 2019. Only `fast` is confirmed by the spec; the others are the
    // a-ordningen spellings of hourly, piece-rate, commission and fee pay. Unknown historic codes are the
    // controls' concern (retningslinje avvik), not a reason to grow this list by guessing.
    private static Kode[] Avloenningstyper() =>
    [
        K("fast", "Fastlønn", Kodeverkkatalog.Tidligste, Kodeverkkatalog.AvloenningstyperTil),
        K("time", "Timelønn", Kodeverkkatalog.Tidligste, Kodeverkkatalog.AvloenningstyperTil),
        K("akkord", "Akkordlønn", Kodeverkkatalog.Tidligste, Kodeverkkatalog.AvloenningstyperTil),
        K("provisjon", "Provisjonslønn", Kodeverkkatalog.Tidligste, Kodeverkkatalog.AvloenningstyperTil),
        K("honorar", "Honorar", Kodeverkkatalog.Tidligste, Kodeverkkatalog.AvloenningstyperTil),
    ];

    // DOMAIN §6. The codes about confirmation in a-ordningen and id history only make sense from 2015.
    private static Kode[] Varslingskoder() =>
    [
        K("ERKONK", "Konkurs registrert i Enhetsregisteret", Kodeverkkatalog.Tidligste),
        K("EROPPH", "Enheten er opphørt i Enhetsregisteret", Kodeverkkatalog.Tidligste),
        K("ERVIRK", "Virksomhetsoverdragelse", Kodeverkkatalog.Tidligste),
        K("IBARBG", "Ikke bekreftet av arbeidsgiver", Kodeverkkatalog.Tidligste),
        K("IBKAOR", "Ikke bekreftet i a-ordningen", Kodeverkkatalog.AOrdningenFra),
        K("IBPPAG", "Permisjon/permittering ikke bekreftet", Kodeverkkatalog.AOrdningenFra),
        K("AFIDHI", "Arbeidsforholdet har id-historikk", Kodeverkkatalog.AOrdningenFra),
        K("PPIDHI", "Permisjonen/permitteringen har id-historikk", Kodeverkkatalog.AOrdningenFra),
        K("NAVEND", "Opprettet eller endret av NAV", Kodeverkkatalog.Tidligste),
    ];

    // Yrke was required already in the start messages before 2015 (7-digit code), so the curated codes are open
    // from the register's start.
    private static Kode[] Yrker() =>
        [.. Yrkeskoder.Kuraterte.Select(y => K(y.Kode, y.Tittel, Kodeverkkatalog.Tidligste))];

    // Every code of today's list existed by 2015, when countries first reach the register (utenlandsopphold comes
    // from a-ordningen), so one open period covers all months the register validates.
    private static Kode[] Land() =>
        [.. Landkoder.Alle.Select(l => K(l.Kode, l.Navn, Kodeverkkatalog.Tidligste))];
}
