using Aareg.Domain.Register;
using Aareg.Domain.Tid;
using Aareg.Storage.Register;

namespace Aareg.Api.Tests.Oppslag;

/// <summary>
/// Register versions built directly from the domain records. Every value that a data element covers is unique in
/// the example, so a test can look for it anywhere in the JSON.
/// </summary>
internal static class Registereksempel
{
    public const string Opplysningspliktig = "964979367";
    public const string Underenhet = "987976535";
    public const string Fnr = "02029404855";
    public const string GammeltFnr = "12106346508";
    public const string AktoerId = "2487935163633";
    public static readonly Guid NavUuid = Guid.Parse("b59d63d8-25b9-4b71-81b5-19378c0a2569");

    /// <summary>2021-02-01T01:03:45.153 in Norway (winter time, UTC+1).</summary>
    public static readonly DateTimeOffset Vinter = new(2021, 2, 1, 0, 3, 45, 153, TimeSpan.Zero);

    /// <summary>2021-06-15T12:00:00.007 in Norway (summer time, UTC+2).</summary>
    public static readonly DateTimeOffset Sommer = new(2021, 6, 15, 10, 0, 0, 7, TimeSpan.Zero);

    public static readonly Sporingsinformasjon Sporing = new(
        Vinter, "srvaareg-mottak", Sporingskilde.Edag, "melding-opprettet-1",
        Sommer, "srvaareg-mottak", Sporingskilde.Edag, "melding-endret-2");

    public static readonly Bruksperiode AapenBruksperiode = new(new DateTimeOffset(2019, 5, 12, 22, 54, 4, 366, TimeSpan.Zero), null);

    /// <summary>A maritime arbeidsforhold that has ended, with two detail versions and every kind of sub-entity.</summary>
    public static RegisterArbeidsforhold Maritimt() => new()
    {
        Noekkel = new ArbeidsforholdNoekkel(Opplysningspliktig, Underenhet, Fnr, "AF-2"),
        NavArbeidsforholdId = 3049489,
        NavUuid = NavUuid,
        NavVersjon = 17,
        Type = Arbeidsforholdtype.Maritimt,
        Rapporteringsordning = Rapporteringsordning.AOrdningen,
        Ansettelsesperiode = new Ansettelsesperiode(
            new DateOnly(2016, 10, 3), new DateOnly(2021, 3, 31), "arbeidstakerHarSagtOppSelv", Varslingskode.Ibkaor, Sporing),
        Ansettelsesdetaljer =
        [
            new Ansettelsesdetaljer(
                Ansettelsesdetaljertype.Maritim, "ikkeSkift", "fast", "1210147", 37.5m, 100.0m,
                new DateOnly(2016, 10, 4), new DateOnly(2018, 1, 5), "utenriks", "nis", "turist",
                new Rapporteringsmaaneder(new Kalendermaaned(2016, 10), new Kalendermaaned(2020, 12)), Sporing),
            new Ansettelsesdetaljer(
                Ansettelsesdetaljertype.Maritim, "offshore336", "midlertidig", "5132121", 30.25m, 80.5m,
                new DateOnly(2021, 1, 6), new DateOnly(2021, 1, 7), "innenriks", "nor", "boreplattform",
                new Rapporteringsmaaneder(new Kalendermaaned(2021, 1), null), Sporing),
        ],
        Permisjoner =
        [
            new PermisjonPermittering(
                "P-1", "permisjonMedForeldrepenger", new DateOnly(2020, 1, 10), new DateOnly(2020, 6, 30), 55.5m,
                Varslingskode.Ibppag, Sporing),
        ],
        Permitteringer =
        [
            new PermisjonPermittering("PT-1", "permittering", new DateOnly(2020, 3, 16), null, 40.25m, null, Sporing),
        ],
        TimerMedTimeloenn =
        [
            new TimerMedTimeloenn(12.75m, new DateOnly(2019, 3, 1), new DateOnly(2019, 3, 29), new Kalendermaaned(2019, 3), Sporing),
        ],
        Utenlandsopphold =
        [
            new Utenlandsopphold("SE", new DateOnly(2019, 4, 2), new DateOnly(2019, 4, 26), new Kalendermaaned(2019, 4), Sporing),
        ],
        IdHistorikk = [new IdHistorikk("AF-1", new Kalendermaaned(2016, 11), new Kalendermaaned(2017, 2))],
        Varsler =
        [
            new Varsel(Varselentitet.Arbeidsforhold, Varslingskode.Afidhi),
            new Varsel(Varselentitet.Ansettelsesperiode, Varslingskode.Ibkaor),
            new Varsel(Varselentitet.Permisjon, Varslingskode.Ibppag),
        ],
        Opprettet = new DateTimeOffset(2019, 5, 12, 22, 54, 4, 359, TimeSpan.Zero),
        SistBekreftet = Vinter,
        SistRapportert = new Kalendermaaned(2021, 3),
        SistEndret = Sommer,
        Sporing = Sporing,
    };

    /// <summary>A household employing a person: arbeidssted and opplysningspliktig are the same person.</summary>
    public static RegisterArbeidsforhold PrivatArbeidsgiver() => Maritimt() with
    {
        Noekkel = new ArbeidsforholdNoekkel(GammeltFnr, GammeltFnr, Fnr, null),
        Type = Arbeidsforholdtype.Ordinaert,
        Ansettelsesperiode = new Ansettelsesperiode(new DateOnly(2022, 8, 1), null, null, null, Sporing),
        Ansettelsesdetaljer =
        [
            new Ansettelsesdetaljer(
                Ansettelsesdetaljertype.Ordinaer, "ikkeSkift", "fast", "5132121", 10m, 25m, null, null, null, null, null,
                new Rapporteringsmaaneder(new Kalendermaaned(2022, 8), null), Sporing),
        ],
        Permisjoner = [],
        Permitteringer = [],
        TimerMedTimeloenn = [],
        Utenlandsopphold = [],
        IdHistorikk = [],
        Varsler = [],
    };
}
