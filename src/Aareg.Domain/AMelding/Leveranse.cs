using Aareg.Domain.Tid;

namespace Aareg.Domain.AMelding;

// The parsed form of an a-melding (DOMAIN.md §4, AMELDING_V2_3.md): only the elements the register uses.
// Values are as reported: identifiers and codes are kept as strings so that the controls, not the reader,
// decide what is wrong with them. Optional or missing elements are null; repeated elements are lists (never null).
// Element names follow the a-melding tree; the JSON form of the model is the a-melding JSON form.

/// <summary>One delivery (Leveranse) for one opplysningspliktig and one kalendermåned.</summary>
public sealed record Leveranse
{
    public DateTimeOffset? Leveringstidspunkt { get; init; }

    public Kalendermaaned? Kalendermaaned { get; init; }

    public string? Kildesystem { get; init; }

    public string? ErstatterMeldingsId { get; init; }

    public string? MeldingsId { get; init; }

    /// <summary>opplysningspliktig/norskIdentifikator: orgnr of the hovedenhet, or fnr/dnr of a private employer.</summary>
    public string? Opplysningspliktig { get; init; }

    public string? SpraakForTilbakemelding { get; init; }

    /// <summary>oppgave/virksomhet[]; an empty list in a replacement is a null-out (DOMAIN §4.1).</summary>
    public IReadOnlyList<Virksomhet> Virksomheter { get; init; } = [];

    /// <summary>oppgave/pensjonsinnretning[]/identifikator: orgnr of OTP pension institutions.</summary>
    public IReadOnlyList<string> Pensjonsinnretninger { get; init; } = [];
}

public sealed record Virksomhet
{
    public string? NorskIdentifikator { get; init; }

    public IReadOnlyList<Inntektsmottaker> Inntektsmottakere { get; init; } = [];
}

public sealed record Inntektsmottaker
{
    public string? NorskIdentifikator { get; init; }

    public IReadOnlyList<InternasjonalIdentifikator> InternasjonaleIdentifikatorer { get; init; } = [];

    public IdentifiserendeInformasjon? IdentifiserendeInformasjon { get; init; }

    public IReadOnlyList<Arbeidsforhold> Arbeidsforhold { get; init; } = [];

    public IReadOnlyList<Inntekt> Inntekter { get; init; } = [];
}

public sealed record InternasjonalIdentifikator(string? Identifikator, string? Identifikatortype, string? Land);

public sealed record IdentifiserendeInformasjon(string? Navn, DateOnly? Foedselsdato, string? Ansattnummer);

/// <summary>inntektsmottaker/arbeidsforhold as reported for the month.</summary>
public sealed record Arbeidsforhold
{
    public string? ArbeidsforholdId { get; init; }

    public string? TypeArbeidsforhold { get; init; }

    public DateOnly? Startdato { get; init; }

    public DateOnly? Sluttdato { get; init; }

    public decimal? AntallTimerPerUkeSomEnFullStillingTilsvarer { get; init; }

    public string? Avloenningstype { get; init; }

    public string? Yrke { get; init; }

    public string? Arbeidstidsordning { get; init; }

    public decimal? Stillingsprosent { get; init; }

    public DateOnly? SisteLoennsendringsdato { get; init; }

    public Fartoey? Fartoey { get; init; }

    public IReadOnlyList<Permisjon> Permisjoner { get; init; } = [];

    public DateOnly? SisteDatoForStillingsprosentendring { get; init; }

    /// <summary>aarsakTilSluttdato, called sluttaarsak in the register.</summary>
    public string? AarsakTilSluttdato { get; init; }

    /// <summary>formForAnsettelse, called ansettelsesform in the register.</summary>
    public string? FormForAnsettelse { get; init; }

    public IReadOnlyList<Permittering> Permitteringer { get; init; } = [];
}

public sealed record Fartoey(string? Skipsregister, string? Skipstype, string? Fartsomraade);

public sealed record Permisjon
{
    public DateOnly? Startdato { get; init; }

    public DateOnly? Sluttdato { get; init; }

    public decimal? Permisjonsprosent { get; init; }

    public string? PermisjonId { get; init; }

    public string? Beskrivelse { get; init; }

    public bool? Loennet { get; init; }
}

/// <summary>The separate permittering element of v2_3 (not yet used by payroll systems, accepted all the same).</summary>
public sealed record Permittering
{
    public string? PermitteringId { get; init; }

    public DateOnly? Varslingsdato { get; init; }

    public DateOnly? StartdatoPermittering { get; init; }

    public DateOnly? SluttdatoPermittering { get; init; }

    public DateOnly? SluttdatoLoennsplikt { get; init; }

    public decimal? Permitteringsprosent { get; init; }

    public string? Permitteringsaarsak { get; init; }
}

public enum Inntektsart
{
    Loennsinntekt,
    YtelseFraOffentlige,
    PensjonEllerTrygd,
    Naeringsinntekt,
}

/// <summary>inntektsmottaker/inntekt: the register only uses hours for hourly pay and the country of earning.</summary>
public sealed record Inntekt
{
    public DateOnly? StartdatoOpptjeningsperiode { get; init; }

    public DateOnly? SluttdatoOpptjeningsperiode { get; init; }

    public string? Fordel { get; init; }

    public decimal? Beloep { get; init; }

    public string? ArbeidsforholdId { get; init; }

    /// <summary>Which of the four income kinds the line carries (null when none is given).</summary>
    public Inntektsart? Art { get; init; }

    /// <summary>The income kind's beskrivelse, e.g. <c>timeloenn</c>.</summary>
    public string? Beskrivelse { get; init; }

    /// <summary>loennsinntekt/antall (hours for <c>timeloenn</c>).</summary>
    public decimal? Antall { get; init; }

    /// <summary>loennsinntekt/spesifikasjon/opptjeningsland (ISO 3166 alpha-2).</summary>
    public string? Opptjeningsland { get; init; }
}
