namespace Aareg.Syntetisk;

/// <summary>A trade: its næringskode and the yrker (7-digit, first four digits a STYRK-08 unit group) it employs.</summary>
internal sealed record Bransje(string Naeringskode, string Beskrivelse, string Navneledd, string[] Yrker);

/// <summary>A kind of leave with its code before and from 2023 (DOMAIN §8: historic codes valid until 2022-12-31).</summary>
internal sealed record Permisjonsart(string Kode, string HistoriskKode, double Vekt);

internal sealed record Organisasjonsform(string Kode, string Beskrivelse);

internal sealed record Adressested(string Kommunenummer, string Kommune, string Postnummer, string Poststed);

/// <summary>
/// Code values and vocabulary for the generated data. Codes come from DOMAIN.md §8 and the values AMELDING_V2_3.md
/// §10.2 observed from a real payroll program; names and places are generic and never describe a real unit or person.
/// </summary>
internal static class Tabeller
{
    public const string Ordinaert = "ordinaertArbeidsforhold";
    public const string Maritimt = "maritimtArbeidsforhold";
    public const string Frilanser = "frilanserOppdragstakerHonorarPersonerMm";

    public const byte TypeOrdinaer = 0;
    public const byte TypeMaritim = 1;
    public const byte TypeFrilanser = 2;

    public static readonly string[] Arbeidsforholdtyper = [Ordinaert, Maritimt, Frilanser];

    /// <summary>First month the register's 2021 changes apply: formForAnsettelse and aarsakTilSluttdato (DOMAIN §4.2, §8).</summary>
    public static readonly DateOnly Fra2021 = new(2021, 1, 1);

    /// <summary>andreSkift is valid from 2019 (DOMAIN §8).</summary>
    public static readonly DateOnly Fra2019 = new(2019, 1, 1);

    /// <summary>The current permisjon codes replace the historic ones from 2023 (DOMAIN §8).</summary>
    public static readonly DateOnly Fra2023 = new(2023, 1, 1);

    public const byte IkkeSkift = 0;
    public const byte AndreSkift = 1;
    public const byte Turnus355 = 3;
    public const byte Helkontinuerlig336 = 4;

    public static readonly string[] Arbeidstidsordninger =
    [
        "ikkeSkift",
        "andreSkift",
        "skift365",
        "doegnkontinuerligSkiftOgTurnus355",
        "helkontinuerligSkiftOgAndreOrdninger336",
        "offshore336",
    ];

    /// <summary>Hours of a full position per arbeidstidsordning (the number in the code's name; 37.5 otherwise).</summary>
    public static readonly decimal[] TimerPerUke = [37.5m, 37.5m, 36.5m, 35.5m, 33.6m, 33.6m];

    public const byte Fast = 0;
    public const byte Midlertidig = 1;
    public const byte Tilkallingsvikar = 2;

    public static readonly string[] Ansettelsesformer = ["fast", "midlertidig", "midlertidigAnsattSomTilkallingsvikar"];

    public static readonly string[] Sluttaarsaker =
    [
        "arbeidstakerHarSagtOppSelv",
        "kontraktEngasjementEllerVikariatErUtloept",
        "arbeidsgiverHarSagtOppArbeidstaker",
        "endringIOrganisasjonsstrukturEllerByttetJobbInternt",
        "byttetLoenssystemEllerRegnskapsfoerer",
        "arbeidsforholdetSkulleAldriVaertRapportert",
    ];

    public static readonly double[] SluttaarsakKumulativ = Kumulativ([55, 25, 10, 6, 3, 1]);

    public const byte PermitteringArt = 6;

    public static readonly Permisjonsart[] Permisjonsarter =
    [
        new("permisjonMedForeldrepenger", "permisjonMedForeldrepenger", 40),
        new("permisjonVedMilitaertjeneste", "permisjonVedMilitaertjeneste", 3),
        new("utdanningspermisjonLovfestet", "utdanningspermisjon", 5),
        new("utdanningspermisjonIkkeLovfestet", "utdanningspermisjon", 4),
        new("andreLovfestedePermisjoner", "velferdspermisjon", 12),
        new("andreIkkeLovfestedePermisjoner", "permisjon", 16),
        new("permittering", "permittering", 20),
    ];

    public static readonly double[] PermisjonsartKumulativ = Kumulativ(Permisjonsarter.Select(p => p.Vekt).ToArray());

    public static readonly string[] Permitteringsaarsaker =
    [
        "mangelPaaArbeidEllerOppdrag",
        "raastoffmangel",
        "arbeidskonfliktEllerStreik",
        "brann",
        "paaleggFraOffentligMyndighet",
        "andreAarsaker",
    ];

    public static readonly string[] Skipsregistre = ["nis", "nor", "utl"];
    public static readonly string[] Skipstyper = ["annet", "turist", "boreplattform"];
    public static readonly string[] Fartsomraader = ["utenriks", "innenriks"];

    /// <summary>Countries of work abroad (ISO 3166-1 alpha-2); index 0 is Norway (no utenlandsopphold).</summary>
    public static readonly string[] Land = ["NO", "SE", "DK", "DE", "PL", "GB", "US", "ES", "NL", "FI", "LT"];

    /// <summary>Stillingsprosent in tenths with weights (most work full time).</summary>
    public static readonly short[] Stillingsprosenter = [1000, 800, 500, 600, 400, 200, 750, 333];

    public static readonly double[] StillingsprosentKumulativ = Kumulativ([65, 8, 8, 4, 4, 5, 3, 3]);

    public static readonly string[] Kildesystemer =
    [
        "Lonnskontoret 7.2",
        "Fjordlonn Sky 2024.3",
        "Tidsbank Lonn 4.1",
        "Regnskapshuset Pluss 12",
        "Mini-Lonn 1.9",
        "Kommunelonn 3.0",
    ];

    /// <summary>Pension institutions (OTP) that appear in meldinger; their orgnr are taken from the pension series.</summary>
    public static readonly string[] Pensjonsinnretninger =
    [
        "Fjellvang Pensjonsforsikring ASA",
        "Nordhavet Livsforsikring ASA",
        "Solberg Tjenestepensjon AS",
        "Kystens Pensjonskasse",
        "Vestlandske Liv ASA",
        "Innlandet Pensjon AS",
    ];

    public static readonly Bransje[] Bransjer =
    [
        new("41.200", "Oppføring av bygninger", "Bygg", ["7115101", "7115102", "7411101", "1323101", "9622101"]),
        new("62.010", "Programmeringstjenester", "Data", ["2512101", "2512102", "1330101", "4110101"]),
        new("47.110", "Butikkhandel med bredt vareutvalg med hovedvekt på nærings- og nytelsesmidler", "Handel", ["5223101", "5223102", "1420101", "4321101"]),
        new("56.101", "Drift av restauranter og kafeer", "Mat", ["5120101", "5131101", "9412101", "1412101"]),
        new("87.101", "Drift av sykehjem", "Omsorg", ["5321101", "2221101", "5322101", "1343101", "9112101"]),
        new("85.201", "Ordinær grunnskoleundervisning", "Skole", ["2341101", "2330101", "5311101", "1345101"]),
        new("69.201", "Regnskap og bokføring", "Regnskap", ["2411101", "3313101", "4110101"]),
        new("49.410", "Godstransport på vei", "Transport", ["8332101", "8322101", "4321101", "1324101"]),
        new("81.210", "Rengjøring av bygninger", "Renhold", ["9112101", "9112102", "5153101"]),
        new("70.220", "Bedriftsrådgivning og annen administrativ rådgivning", "Rådgivning", ["2421101", "2431101", "1120101", "3322101"]),
        new("45.200", "Vedlikehold og reparasjon av motorvogner", "Bilverksted", ["7231101", "7231102", "5223101"]),
        new("84.110", "Generell offentlig administrasjon", "forvaltning", ["4110101", "2421101", "2221101", "2341101", "5321101", "5153101", "1112101"]),
        new("50.201", "Utenriks sjøfart med gods", "Rederi", ["8350101", "3152101", "3151101", "5120101"]),
    ];

    public const int OffentligBransje = 11;
    public const int SjoefartBransje = 12;

    /// <summary>Bransjer a private employer is drawn from (all but public administration and shipping).</summary>
    public const int PrivateBransjer = 11;

    /// <summary>Office yrker used for the land-based staff of shipping companies.</summary>
    public static readonly string[] Kontoryrker = ["4110101", "2411101", "1120101"];

    public static readonly string[] FrilanserYrker = ["2431101", "2512102", "3431101", "2421101"];

    public static readonly Organisasjonsform AS = new("AS", "Aksjeselskap");
    public static readonly Organisasjonsform ASA = new("ASA", "Allmennaksjeselskap");
    public static readonly Organisasjonsform ENK = new("ENK", "Enkeltpersonforetak");
    public static readonly Organisasjonsform ANS = new("ANS", "Ansvarlig selskap med solidarisk ansvar");
    public static readonly Organisasjonsform DA = new("DA", "Selskap med delt ansvar");
    public static readonly Organisasjonsform NUF = new("NUF", "Norskregistrert utenlandsk foretak");
    public static readonly Organisasjonsform SA = new("SA", "Samvirkeforetak");
    public static readonly Organisasjonsform FLI = new("FLI", "Forening/lag/innretning");
    public static readonly Organisasjonsform STI = new("STI", "Stiftelse");
    public static readonly Organisasjonsform KS = new("KS", "Kommandittselskap");
    public static readonly Organisasjonsform PRE = new("PRE", "Partsrederi");
    public static readonly Organisasjonsform KOMM = new("KOMM", "Kommune");
    public static readonly Organisasjonsform STAT = new("STAT", "Staten");
    public static readonly Organisasjonsform ORGL = new("ORGL", "Organisasjonsledd");
    public static readonly Organisasjonsform BEDR = new("BEDR", "Underenhet til næringsdrivende og offentlig forvaltning");

    /// <summary>Forms of small and medium private employers, with weights.</summary>
    /// <remarks>ASA and PRE have weight 0: they are given to large employers and shipping companies only.</remarks>
    public static readonly Organisasjonsform[] PrivateFormer = [AS, ENK, ANS, DA, NUF, SA, FLI, STI, KS, ASA, PRE];

    public static readonly double[] PrivateFormerKumulativ = Kumulativ([62, 22, 3, 2, 2, 2, 4, 2, 1, 0, 0]);

    public static readonly Organisasjonsform[] OffentligeFormer = [KOMM, STAT, ORGL];

    public static readonly Adressested[] Steder =
    [
        new("0301", "OSLO", "0150", "OSLO"),
        new("4601", "BERGEN", "5003", "BERGEN"),
        new("5001", "TRONDHEIM", "7011", "TRONDHEIM"),
        new("1103", "STAVANGER", "4006", "STAVANGER"),
        new("1804", "BODØ", "8006", "BODØ"),
        new("4204", "KRISTIANSAND", "4611", "KRISTIANSAND S"),
        new("5501", "TROMSØ", "9008", "TROMSØ"),
        new("3301", "DRAMMEN", "3015", "DRAMMEN"),
        new("3403", "HAMAR", "2317", "HAMAR"),
        new("1106", "HAUGESUND", "5527", "HAUGESUND"),
    ];

    public static readonly string[] Gater =
        ["Storgata", "Kirkegata", "Industriveien", "Havnegata", "Strandveien", "Skolegata", "Fjordveien", "Sjøgata", "Parkveien", "Bakkeveien"];

    public static readonly string[] Navneledd =
    [
        "Fjordlys", "Nordkapp", "Bergtind", "Solvang", "Havbris", "Lyngheia", "Furulund", "Elvebakken", "Skogly", "Vestvind",
        "Midtnes", "Østlia", "Breivik", "Granly", "Sjøkanten", "Kvitfjell", "Rosendal", "Lindeberg", "Steinvik", "Myrvoll",
    ];

    public static readonly string[] Fornavn =
    [
        "Ola", "Kari", "Per", "Anne", "Lars", "Ingrid", "Jon", "Silje", "Erik", "Marit", "Hans", "Nora", "Knut", "Ida",
        "Arne", "Hilde", "Tor", "Sofie", "Bjørn", "Emma", "Geir", "Line", "Odd", "Tone",
    ];

    public static readonly string[] Etternavn =
    [
        "Nordmann", "Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen", "Jensen",
        "Karlsen", "Johnsen", "Pettersen", "Eriksen", "Berg", "Haugen", "Hagen", "Johannessen", "Andreassen", "Jacobsen",
    ];

    public static double[] Kumulativ(ReadOnlySpan<double> vekter)
    {
        var resultat = new double[vekter.Length];
        var sum = 0.0;
        for (var i = 0; i < vekter.Length; i++)
        {
            sum += vekter[i];
            resultat[i] = sum;
        }

        return resultat;
    }
}
