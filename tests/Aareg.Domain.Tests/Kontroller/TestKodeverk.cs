using Aareg.Domain.Kodeverk;

namespace Aareg.Domain.Tests.Kontroller;

/// <summary>
/// A small, fixed code catalogue with the validity periods of DOMAIN §8, so the control tests do not depend on the
/// contents of the shipped catalogue.
/// </summary>
internal sealed class TestKodeverk : IKodeverk
{
    private static readonly DateOnly Fra2015 = new(2015, 1, 1);

    private readonly Dictionary<string, Kode[]> lister;

    private TestKodeverk()
    {
        lister = new()
        {
            [Kodeverknavn.Arbeidsforholdtyper] = Gjeldende(
                "ordinaertArbeidsforhold", "maritimtArbeidsforhold", "forenkletOppgjoersordning", "frilanserOppdragstakerHonorarPersonerMm"),
            [Kodeverknavn.Arbeidstidsordninger] =
            [
                .. Gjeldende("ikkeSkift", "skift365", "doegnkontinuerligSkiftOgTurnus355", "helkontinuerligSkiftOgAndreOrdninger336", "offshore336"),
                new Kode("andreSkift", "Andre skiftordninger", new DateOnly(2019, 1, 1), null),
            ],
            [Kodeverknavn.Ansettelsesformer] =
            [
                .. Gjeldende("fast", "midlertidigAnsattSomTilkallingsvikar"),
                new Kode("midlertidig", "Midlertidig ansettelse", new DateOnly(2021, 1, 1), null),
            ],
            [Kodeverknavn.Sluttaarsaker] =
            [
                .. Gjeldende(
                    "arbeidstakerHarSagtOppSelv", "arbeidsgiverHarSagtOppArbeidstaker", "kontraktEngasjementEllerVikariatErUtloept",
                    "byttetLoenssystemEllerRegnskapsfoerer", "endringIOrganisasjonsstrukturEllerByttetJobbInternt"),
                new Kode("arbeidsforholdetSkulleAldriVaertRapportert", "Arbeidsforholdet skulle aldri vært rapportert", new DateOnly(2021, 1, 1), null),
            ],
            [Kodeverknavn.PermisjonsOgPermitteringsBeskrivelse] =
            [
                .. Gjeldende(
                    "permisjonMedForeldrepenger", "permisjonVedMilitaertjeneste", "utdanningspermisjonLovfestet", "utdanningspermisjonIkkeLovfestet",
                    "andreLovfestedePermisjoner", "andreIkkeLovfestedePermisjoner", "permittering"),
                .. Historiske(new DateOnly(2022, 12, 31), "utdanningspermisjon", "velferdspermisjon", "permisjon"),
            ],
            [Kodeverknavn.Permitteringsaarsaker] = Gjeldende(
                "mangelPaaArbeidEllerOppdrag", "raastoffmangel", "arbeidskonfliktEllerStreik", "brann", "paaleggFraOffentligMyndighet", "andreAarsaker"),
            [Kodeverknavn.Fartsomraader] = Gjeldende("innenriks", "utenriks"),
            [Kodeverknavn.Skipsregistre] = Gjeldende("nis", "nor", "utl"),
            [Kodeverknavn.Skipstyper] = Gjeldende("turist", "boreplattform", "annet"),
            [Kodeverknavn.Avloenningstyper] = Historiske(new DateOnly(2018, 12, 31), "fast", "time", "akkord"),
            [Kodeverknavn.Yrker] = Gjeldende("1210147", "1228103", "5132121", "3431101", "2512117", "8341101", "3152105"),
        };
    }

    public static TestKodeverk Instans { get; } = new();

    public IReadOnlyList<string> Navn => [.. lister.Keys];

    public IReadOnlyList<Kode>? Koder(string kodeverk, DateOnly? dato = null) =>
        lister.TryGetValue(kodeverk, out var koder)
            ? dato is { } d ? [.. koder.Where(k => k.GyldigPaa(d))] : koder
            : null;

    public bool ErGyldig(string kodeverk, string kode, DateOnly dato) =>
        lister.TryGetValue(kodeverk, out var koder) && koder.Any(k => k.Verdi == kode && k.GyldigPaa(dato));

    public string? Beskrivelse(string kodeverk, string kode) =>
        lister.TryGetValue(kodeverk, out var koder) ? koder.FirstOrDefault(k => k.Verdi == kode)?.Beskrivelse : null;

    private static Kode[] Gjeldende(params string[] koder) => [.. koder.Select(k => new Kode(k, k, Fra2015, null))];

    private static Kode[] Historiske(DateOnly gyldigTil, params string[] koder) =>
        [.. koder.Select(k => new Kode(k, k, Fra2015, gyldigTil))];
}
