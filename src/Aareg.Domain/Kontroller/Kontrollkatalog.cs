using Aareg.Domain.AMelding;

namespace Aareg.Domain.Kontroller;

/// <summary>
/// The control rules of DOMAIN §4.2, in one place: one entry per rule (id, severity, description, check).
/// <see cref="Kontroller"/> runs them all in a single pass over the melding. To add a rule, add one entry to
/// <see cref="Regler"/>; its check goes into the partial file of its subject (Leveranse, Arbeidsforhold, ForrigeMaaned).
/// </summary>
public static partial class Kontrollkatalog
{
    // Severities exactly as the table in DOMAIN §4.2. Regler, Sett and Schema depend on each other and are initialised
    // in textual order, so they stay together in this file (the order across partial files is undefined).
    public static IReadOnlyList<Kontrollregel> Regler { get; } = Array.AsReadOnly<Kontrollregel>(
    [
        new(Regelid.Schema, Alvorlighetsgrad.Avvisning,
            "Meldingen er ikke velformet, har feil navnerom eller følger ikke skjemaet (meldes av innleseren)"),
        new(Regelid.Opplysningspliktig, Alvorlighetsgrad.Avvisning,
            "Opplysningspliktig har ugyldig organisasjonsnummer eller fødselsnummer, eller er ikke en hovedenhet i Enhetsregisteret")
        {
            Leveransekontroll = KontrollerOpplysningspliktig,
        },
        new(Regelid.FremtidigMaaned, Alvorlighetsgrad.Avvisning,
            "Kalendermåneden er mer enn to måneder etter inneværende måned")
        {
            Leveransekontroll = KontrollerFremtidigMaaned,
        },
        new(Regelid.Erstatning, Alvorlighetsgrad.Avvisning,
            "Meldingen erstatter en ukjent melding, en melding for en annen opplysningspliktig eller måned, eller en melding som allerede er erstattet")
        {
            Leveransekontroll = KontrollerErstatning,
        },
        new(Regelid.Virksomhet, Alvorlighetsgrad.Avvisning,
            "Virksomheten har ugyldig organisasjonsnummer")
        {
            Virksomhetskontroll = KontrollerVirksomhetsnummer,
        },
        new(Regelid.Underenhet, Alvorlighetsgrad.Oeyeblikkelig,
            "Virksomheten er ikke en underenhet av opplysningspliktig i Enhetsregisteret")
        {
            Virksomhetskontroll = KontrollerUnderenhet,
        },
        new(Regelid.Identitet, Alvorlighetsgrad.Oeyeblikkelig,
            "Inntektsmottakerens fødselsnummer eller D-nummer er ugyldig, eller verken norsk identifikator eller identifiserende informasjon er oppgitt")
        {
            Inntektsmottakerkontroll = KontrollerIdentitet,
        },
        new(Regelid.Startdato, Alvorlighetsgrad.Oeyeblikkelig,
            "Startdato mangler for ordinært eller maritimt arbeidsforhold, eller sluttdato er før startdato")
        {
            Arbeidsforholdkontroll = KontrollerStartdato,
        },
        new(Regelid.Sluttaarsak, Alvorlighetsgrad.Oeyeblikkelig,
            "Sluttdato er oppgitt uten sluttårsak (fra og med 2021-01)")
        {
            Arbeidsforholdkontroll = KontrollerSluttaarsak,
        },
        new(Regelid.Detaljer, Alvorlighetsgrad.Oeyeblikkelig,
            "Yrke, arbeidstidsordning, stillingsprosent, antall timer per uke eller ansettelsesform (fra og med 2021-01) mangler for ordinært eller maritimt arbeidsforhold")
        {
            Arbeidsforholdkontroll = KontrollerDetaljer,
        },
        new(Regelid.Kode, Alvorlighetsgrad.Oeyeblikkelig,
            "En kode finnes ikke i kodeverket for kalendermåneden, yrkeskoden har ikke 7 sifre, eller en prosent er utenfor 0–100")
        {
            Arbeidsforholdkontroll = KontrollerKoder,
        },
        new(Regelid.Maritim, Alvorlighetsgrad.Oeyeblikkelig,
            "Maritimt arbeidsforhold mangler fullstendige opplysninger om fartøy")
        {
            Arbeidsforholdkontroll = KontrollerMaritim,
        },
        new(Regelid.Permisjon, Alvorlighetsgrad.Oeyeblikkelig,
            "Permisjon eller permittering mangler id eller beskrivelse, eller samme id er brukt flere ganger i ett arbeidsforhold")
        {
            Arbeidsforholdkontroll = KontrollerPermisjoner,
        },
        new(Regelid.ManglerFraForrigeMaaned, Alvorlighetsgrad.Oeyeblikkelig,
            "Et arbeidsforhold som ble rapportert forrige måned uten sluttdato, mangler denne måneden")
        {
            Sluttkontroll = KontrollerManglendeArbeidsforhold,
        },
        new(Regelid.PermisjonBeskrivelseEndret, Alvorlighetsgrad.Retningslinje,
            "Beskrivelsen av en permisjon er endret siden forrige måned under samme permisjonId")
        {
            Arbeidsforholdkontroll = KontrollerEndretPermisjonsbeskrivelse,
        },
        new(Regelid.PermisjonEndret, Alvorlighetsgrad.Retningslinje,
            "Startdato eller prosent for en permisjon eller permittering er endret siden forrige måned under samme id")
        {
            Arbeidsforholdkontroll = KontrollerEndretPermisjon,
        },
        new(Regelid.Plausibilitet, Alvorlighetsgrad.Retningslinje,
            "Stillingsprosent over 100, antall timer per uke over 100, startdato før 1900 eller mer enn ett år fram i tid, eller avlønningstype som ikke brukes")
        {
            Arbeidsforholdkontroll = KontrollerPlausibilitet,
        },
        new(Regelid.Rapporteringsplikt, Alvorlighetsgrad.Retningslinje,
            "Forholdet skal etter reglene for rapporteringsplikt ikke registreres i Aa-registeret")
        {
            Inntektsmottakerkontroll = KontrollerSelvstendig,
            Arbeidsforholdkontroll = KontrollerRapporteringsplikt,
        },
    ]);

    private static readonly Regelsett Sett = new(Regler);

    /// <summary>The schema rule (104), for the reader to report parse and schema errors with.</summary>
    public static Kontrollregel Schema { get; } = Finn(Regelid.Schema)!;

    /// <summary>The rule with this id, or null.</summary>
    public static Kontrollregel? Finn(string id)
    {
        foreach (var regel in Regler)
        {
            if (regel.Id == id)
            {
                return regel;
            }
        }

        return null;
    }

    /// <summary>
    /// Runs every rule over the melding in one pass. The result is in walk order (leveranse, then each virksomhet,
    /// inntektsmottaker and arbeidsforhold, then rules that look back at the whole month), and empty for a clean melding.
    /// </summary>
    public static IReadOnlyList<Avvik> Kontroller(Leveranse leveranse, KontrollKontekst kontekst)
    {
        ArgumentNullException.ThrowIfNull(leveranse);
        ArgumentNullException.ThrowIfNull(kontekst);
        return new Kontrollrunde(leveranse, kontekst).Gjennomfoer(Sett);
    }
}
