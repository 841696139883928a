using Aareg.Domain.Tid;

namespace Aareg.Domain.Register;

/// <summary>
/// The key of an arbeidsforhold (DOMAIN §6): opplysningspliktig, virksomhet (arbeidssted), arbeidstaker and the
/// employer's arbeidsforholdId. <see cref="Arbeidstaker"/> is the person's canonical ident (after identbytte), so the
/// key survives a change of ident. An absent arbeidsforholdId is <c>null</c> (never the empty string).
/// </summary>
public readonly record struct ArbeidsforholdNoekkel(
    string Opplysningspliktig,
    string Arbeidssted,
    string Arbeidstaker,
    string? ArbeidsforholdId)
{
    /// <summary>An arbeidssted or opplysningspliktig with 11 digits is a person (private employer, DOMAIN §2).</summary>
    public bool ArbeidsstedErPerson => Arbeidssted.Length == 11;

    public bool OpplysningspliktigErPerson => Opplysningspliktig.Length == 11;

    // The key holds personal data: never print it.
    public override string ToString() => $"Arbeidsforhold({Arbeidssted}, ***, {ArbeidsforholdId})";
}

/// <summary>Who created and last changed an entity, when, from which source (DOMAIN §5).</summary>
public sealed record Sporingsinformasjon(
    DateTimeOffset OpprettetTidspunkt,
    string OpprettetAv,
    string OpprettetKilde,
    string? OpprettetKildereferanse,
    DateTimeOffset EndretTidspunkt,
    string EndretAv,
    string EndretKilde,
    string? EndretKildereferanse)
{
    public static Sporingsinformasjon Ny(DateTimeOffset tidspunkt, string av, string kilde, string? kildereferanse) =>
        new(tidspunkt, av, kilde, kildereferanse, tidspunkt, av, kilde, kildereferanse);

    /// <summary>This entity's creation, with the change described by <paramref name="endring"/>'s creation part.</summary>
    public Sporingsinformasjon MedEndring(Sporingsinformasjon endring) => this with
    {
        EndretTidspunkt = endring.OpprettetTidspunkt,
        EndretAv = endring.OpprettetAv,
        EndretKilde = endring.OpprettetKilde,
        EndretKildereferanse = endring.OpprettetKildereferanse,
    };
}

/// <summary>
/// The register's own marker on a part of an arbeidsforhold. The derivation compares sub-entities by content
/// (<see cref="HarSammeInnhold"/>), never by sporingsinformasjon, which records when and how the content arrived.
/// </summary>
public interface ISporet<T>
{
    Sporingsinformasjon Sporing { get; }

    bool HarSammeInnhold(T annen);

    T MedSporing(Sporingsinformasjon sporing);
}

/// <summary>Ansettelsesperiode: as reported, or closed by the register itself (then <see cref="Varsling"/> is set).</summary>
public sealed record Ansettelsesperiode(
    DateOnly Startdato,
    DateOnly? Sluttdato,
    string? Sluttaarsak,
    string? Varsling,
    Sporingsinformasjon Sporing) : ISporet<Ansettelsesperiode>
{
    public Ansettelsesperiode MedSporing(Sporingsinformasjon sporing) => this with { Sporing = sporing };

    public bool HarSammeInnhold(Ansettelsesperiode annen) =>
        Startdato == annen.Startdato && Sluttdato == annen.Sluttdato
        && Sluttaarsak == annen.Sluttaarsak && Varsling == annen.Varsling;
}

/// <summary>The months a version of the ansettelsesdetaljer applied; <see cref="Til"/> null = the current version.</summary>
public readonly record struct Rapporteringsmaaneder(Kalendermaaned Fra, Kalendermaaned? Til);

/// <summary>One version of the ansettelsesdetaljer (DOMAIN §5, §6 rule 3).</summary>
public sealed record Ansettelsesdetaljer(
    Ansettelsesdetaljertype Type,
    string? Arbeidstidsordning,
    string? Ansettelsesform,
    string? Yrke,
    decimal? AntallTimerPrUke,
    decimal? AvtaltStillingsprosent,
    DateOnly? SisteStillingsprosentendring,
    DateOnly? SisteLoennsendring,
    string? Fartsomraade,
    string? Skipsregister,
    string? Fartoeystype,
    Rapporteringsmaaneder Rapporteringsmaaneder,
    Sporingsinformasjon Sporing) : ISporet<Ansettelsesdetaljer>
{
    public Ansettelsesdetaljer MedSporing(Sporingsinformasjon sporing) => this with { Sporing = sporing };

    public bool HarSammeInnhold(Ansettelsesdetaljer annen) =>
        Rapporteringsmaaneder == annen.Rapporteringsmaaneder && HarSammeDetaljer(annen);

    /// <summary>The reported details alone, without the months they applied (DOMAIN §6 rule 3).</summary>
    public bool HarSammeDetaljer(Ansettelsesdetaljer annen) =>
        Type == annen.Type
        && Arbeidstidsordning == annen.Arbeidstidsordning
        && Ansettelsesform == annen.Ansettelsesform
        && Yrke == annen.Yrke
        && AntallTimerPrUke == annen.AntallTimerPrUke
        && AvtaltStillingsprosent == annen.AvtaltStillingsprosent
        && SisteStillingsprosentendring == annen.SisteStillingsprosentendring
        && SisteLoennsendring == annen.SisteLoennsendring
        && Fartsomraade == annen.Fartsomraade
        && Skipsregister == annen.Skipsregister
        && Fartoeystype == annen.Fartoeystype;
}

/// <summary>
/// A permisjon or a permittering (the register keeps them in two lists of this same shape). <see cref="Type"/> is the
/// PermisjonsOgPermitteringsBeskrivelse code; a v2_3 permittering element gets type <c>permittering</c>.
/// </summary>
public sealed record PermisjonPermittering(
    string Id,
    string Type,
    DateOnly? Startdato,
    DateOnly? Sluttdato,
    decimal? Prosent,
    string? Varsling,
    Sporingsinformasjon Sporing) : ISporet<PermisjonPermittering>
{
    public PermisjonPermittering MedSporing(Sporingsinformasjon sporing) => this with { Sporing = sporing };

    public bool HarSammeInnhold(PermisjonPermittering annen) =>
        Id == annen.Id && Type == annen.Type && Startdato == annen.Startdato && Sluttdato == annen.Sluttdato
        && Prosent == annen.Prosent && Varsling == annen.Varsling;
}

/// <summary>Hours paid by the hour in one month (DOMAIN §6 rule 5).</summary>
public sealed record TimerMedTimeloenn(
    decimal Antall,
    DateOnly? Startdato,
    DateOnly? Sluttdato,
    Kalendermaaned Rapporteringsmaaned,
    Sporingsinformasjon Sporing) : ISporet<TimerMedTimeloenn>
{
    public TimerMedTimeloenn MedSporing(Sporingsinformasjon sporing) => this with { Sporing = sporing };

    public bool HarSammeInnhold(TimerMedTimeloenn annen) =>
        Antall == annen.Antall && Startdato == annen.Startdato && Sluttdato == annen.Sluttdato
        && Rapporteringsmaaned == annen.Rapporteringsmaaned;
}

/// <summary>Work abroad in one month and country (DOMAIN §6 rule 6); <see cref="Land"/> is ISO 3166 alpha-2.</summary>
public sealed record Utenlandsopphold(
    string Land,
    DateOnly? Startdato,
    DateOnly? Sluttdato,
    Kalendermaaned Rapporteringsmaaned,
    Sporingsinformasjon Sporing) : ISporet<Utenlandsopphold>
{
    public Utenlandsopphold MedSporing(Sporingsinformasjon sporing) => this with { Sporing = sporing };

    public bool HarSammeInnhold(Utenlandsopphold annen) =>
        Land == annen.Land && Startdato == annen.Startdato && Sluttdato == annen.Sluttdato
        && Rapporteringsmaaned == annen.Rapporteringsmaaned;
}

/// <summary>An earlier arbeidsforholdId and the months it was used (bruksperiode).</summary>
public sealed record IdHistorikk(string? ArbeidsforholdId, Kalendermaaned Fra, Kalendermaaned Til);

public sealed record Varsel(Varselentitet Entitet, string Varsling);

/// <summary>
/// One version of an arbeidsforhold in the register (DOMAIN §5). Immutable; lists compare by content.
/// <see cref="SistRapportert"/> is the last month an employer reported it (the month behind
/// <see cref="SistBekreftet"/>, which is the instant the confirming melding was processed).
/// </summary>
public sealed record RegisterArbeidsforhold
{
    public required ArbeidsforholdNoekkel Noekkel { get; init; }

    public long NavArbeidsforholdId { get; init; }

    public Guid NavUuid { get; init; }

    public int NavVersjon { get; init; }

    /// <summary>Arbeidsforholdtyper code, e.g. <c>ordinaertArbeidsforhold</c>.</summary>
    public required string Type { get; init; }

    public string Rapporteringsordning { get; init; } = Register.Rapporteringsordning.AOrdningen;

    public required Ansettelsesperiode Ansettelsesperiode { get; init; }

    public EquatableArray<Ansettelsesdetaljer> Ansettelsesdetaljer { get; init; }

    public EquatableArray<PermisjonPermittering> Permisjoner { get; init; }

    public EquatableArray<PermisjonPermittering> Permitteringer { get; init; }

    public EquatableArray<TimerMedTimeloenn> TimerMedTimeloenn { get; init; }

    public EquatableArray<Utenlandsopphold> Utenlandsopphold { get; init; }

    public EquatableArray<IdHistorikk> IdHistorikk { get; init; }

    public EquatableArray<Varsel> Varsler { get; init; }

    public DateTimeOffset Opprettet { get; init; }

    public DateTimeOffset SistBekreftet { get; init; }

    public Kalendermaaned SistRapportert { get; init; }

    public DateTimeOffset SistEndret { get; init; }

    public required Sporingsinformasjon Sporing { get; init; }

    public string? ArbeidsforholdId => Noekkel.ArbeidsforholdId;

    /// <summary>The current ansettelsesdetaljer: the one version whose rapporteringsmaaneder has no <c>til</c>.</summary>
    public Ansettelsesdetaljer? GjeldendeDetaljer => Ansettelsesdetaljer.IsEmpty ? null : Ansettelsesdetaljer[^1];

    public override string ToString() => $"RegisterArbeidsforhold({NavArbeidsforholdId} v{NavVersjon}, {Noekkel})";
}
