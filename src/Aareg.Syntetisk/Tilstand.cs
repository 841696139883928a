namespace Aareg.Syntetisk;

/// <summary>
/// One arbeidsforhold in the generator's state: compact (about 60 bytes), so that a national population of about four
/// million live arbeidsforhold fits in a few hundred megabytes. Dates are <see cref="DateOnly.DayNumber"/>, 0 = none.
/// </summary>
internal struct ArbeidsforholdTilstand
{
    public int Person;

    /// <summary>The employer's running number of the arbeidsforhold; its arbeidsforholdId is derived from it.</summary>
    public int Nummer;

    /// <summary>Index among the employer's underenheter.</summary>
    public ushort Virksomhet;

    public byte Type;
    public byte Arbeidstid;
    public byte Form;
    public byte Sluttaarsak;
    public bool Timeloennet;

    /// <summary>Index into <see cref="Tabeller.Land"/> while working abroad; 0 otherwise.</summary>
    public byte Land;

    /// <summary>The 7-digit yrke as a number.</summary>
    public int Yrke;

    /// <summary>Stillingsprosent in tenths of a percent.</summary>
    public short Stillingsprosent;

    public int Startdato;
    public int Sluttdato;
    public int SisteLoennsendring;
    public int SisteStillingsendring;

    /// <summary>Last month index (<see cref="Domain.Tid.Kalendermaaned.Indeks"/>) of the current stay abroad.</summary>
    public int UtlandTil;

    public int PermisjonStart;
    public int PermisjonSlutt;
    public int PermisjonNummer;
    public byte PermisjonArt;
    public byte Permisjonsprosent;

    /// <summary>The layoff is reported with the separate v2_3 permittering element rather than as a permisjon.</summary>
    public bool PermitteringSomElement;

    public readonly bool HarPermisjon => PermisjonStart != 0;
}

/// <summary>What an opplysningspliktig does in a month, decided before its meldinger are built.</summary>
internal enum Maanedsrolle : byte
{
    /// <summary>Sends nothing (no arbeidsforhold, or no longer exists).</summary>
    Ingen,
    Ordinaer,

    /// <summary>Two additive meldinger, one per half of its virksomheter.</summary>
    Tillegg,

    /// <summary>A flawed melding, later replaced by a correct one.</summary>
    Erstatning,

    /// <summary>A correct melding, nulled out by a replacement without virksomhet, then restored by replacing the null-out.</summary>
    Nullstilling,

    /// <summary>A melding with an invalid virksomhet orgnr (107B), then the correct one.</summary>
    UgyldigVirksomhet,

    /// <summary>A correct melding, then a replacement of a melding that is unknown or of another month (166-B).</summary>
    UgyldigErstatning,

    /// <summary>Delivered after the deadline (the 5th of the next month).</summary>
    Forsinket,
}

/// <summary>One opplysningspliktig (hovedenhet) and its arbeidsforhold.</summary>
internal sealed class Arbeidsgiver
{
    public int Indeks;
    public int Orgnr;
    public int InitiellStoerrelse;
    public byte Bransje;
    public byte Form;
    public bool Offentlig;
    public bool Maritim;
    public bool Nynorsk;
    public byte IdStil;
    public byte Kildesystem;

    /// <summary>Index into <see cref="Tabeller.Pensjonsinnretninger"/>, -1 = no OTP in the meldinger.</summary>
    public sbyte Pensjonsinnretning;

    /// <summary>Month index from which the payroll system changed and all arbeidsforholdId changed with it.</summary>
    public int IdByttemaaned = int.MaxValue;

    /// <summary>Month index from which it no longer reports (konkurs or deleted); <see cref="int.MaxValue"/> = never.</summary>
    public int Opphoersmaaned = int.MaxValue;

    public int Opphoersdato;
    public bool Konkurs;
    public int Registreringsdato;
    public int ForsteUnderenhet;
    public int AntallUnderenheter;
    public int NesteNummer;
    public int NestePermisjon;

    /// <summary>The last month index it sent meldinger for, -1 = none.</summary>
    public int SistRapportert = -1;

    /// <summary>The month index it reported before the current month, -1 = none.</summary>
    public int ForrigeRapportert = -1;

    public Maanedsrolle Rolle;
    public List<ArbeidsforholdTilstand> Arbeidsforhold = [];
}
