using Aareg.Domain.AMelding;
using Aareg.Domain.Tid;

namespace Aareg.Syntetisk;

/// <summary>One generated a-melding.</summary>
/// <param name="Leveranse">The a-melding.</param>
/// <param name="Filnavn">Its file, relative to the output folder: <c>yyyy-MM/0000001_{meldingsId}.xml</c> (sorts in delivery order).</param>
/// <param name="ForventetAvvist">True when the register must reject it (status AVVIST).</param>
/// <param name="Kategori">Why it was generated; one of <see cref="Meldingskategori"/>.</param>
public sealed record GenerertMelding(Leveranse Leveranse, string Filnavn, bool ForventetAvvist, string Kategori);

/// <summary>The categories of generated meldinger (<see cref="GenerertMelding.Kategori"/>).</summary>
public static class Meldingskategori
{
    /// <summary>The opplysningspliktig's whole month in one melding.</summary>
    public const string Ordinaer = "ordinaer";

    /// <summary>One of two additive meldinger that together make the month (split by virksomhet; DOMAIN §4.1).</summary>
    public const string Tillegg = "tillegg";

    /// <summary>A melding that a later one replaces (flawed content, or correct content later nulled out).</summary>
    public const string Erstattet = "erstattet";

    /// <summary>A replacement (<c>erstatterMeldingsId</c>) with the correct content.</summary>
    public const string Erstatning = "erstatning";

    /// <summary>A replacement without virksomhet: nulls out the melding it replaces.</summary>
    public const string Nullstilling = "nullstilling";

    /// <summary>Delivered after the deadline (the 5th of the next month), otherwise ordinary.</summary>
    public const string Forsinket = "forsinket";

    /// <summary>Invalid virksomhet orgnr: rejected by rule 107B.</summary>
    public const string UgyldigVirksomhet = "ugyldig-virksomhet";

    /// <summary>Replaces an unknown melding or one of another month: rejected by rule 166-B.</summary>
    public const string UgyldigErstatning = "ugyldig-erstatning";
}

/// <summary>Progress of <see cref="Populasjonsgenerator.SkrivFiler"/>.</summary>
/// <param name="Steg">What is being written: <c>referanse</c> or <c>meldinger</c>.</param>
/// <param name="Maaned">The month being written (null for reference data).</param>
/// <param name="MaanedNummer">1-based number of the month.</param>
/// <param name="AntallMaaneder">Months in all.</param>
/// <param name="FilerIMaaneden">Files of the month written so far.</param>
/// <param name="FilerTotalt">Files written so far in all.</param>
public sealed record GenereringsFremdrift(
    string Steg,
    Kalendermaaned? Maaned,
    int MaanedNummer,
    int AntallMaaneder,
    int FilerIMaaneden,
    long FilerTotalt);

/// <summary>The size of the generated initial population (before the first month's churn).</summary>
/// <param name="Opplysningspliktige">Hovedenheter that report.</param>
/// <param name="Virksomheter">Their underenheter.</param>
/// <param name="Personer">Distinct persons with an active arbeidsforhold.</param>
/// <param name="AktiveArbeidsforhold">Active arbeidsforhold.</param>
/// <param name="StoersteArbeidsgiver">Arbeidsforhold of the largest opplysningspliktig.</param>
/// <param name="StoersteArbeidsgiverOrgnr">Orgnr of the largest opplysningspliktig (for the W4 workload).</param>
public sealed record Populasjonsstatistikk(
    int Opplysningspliktige,
    int Virksomheter,
    int Personer,
    int AktiveArbeidsforhold,
    int StoersteArbeidsgiver,
    string StoersteArbeidsgiverOrgnr);
