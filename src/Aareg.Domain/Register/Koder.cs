namespace Aareg.Domain.Register;

/// <summary>Varslingskoder: marks of the register's own actions on an arbeidsforhold (DOMAIN §6).</summary>
public static class Varslingskode
{
    /// <summary>The opplysningspliktig went bankrupt (Enhetsregisteret).</summary>
    public const string Erkonk = "ERKONK";

    /// <summary>The opplysningspliktig was deleted in Enhetsregisteret.</summary>
    public const string Eropph = "EROPPH";

    /// <summary>Business transfer.</summary>
    public const string Ervirk = "ERVIRK";

    /// <summary>Not confirmed by the employer.</summary>
    public const string Ibarbg = "IBARBG";

    /// <summary>Not confirmed in a-ordningen: closed after three months without report.</summary>
    public const string Ibkaor = "IBKAOR";

    /// <summary>Permisjon/permittering not confirmed: closed when it disappeared from the reports.</summary>
    public const string Ibppag = "IBPPAG";

    /// <summary>The arbeidsforhold has id history (the employer changed its arbeidsforholdId).</summary>
    public const string Afidhi = "AFIDHI";

    /// <summary>A permisjon/permittering has id history.</summary>
    public const string Ppidhi = "PPIDHI";

    /// <summary>The register owner created or changed it (manual correction).</summary>
    public const string Navend = "NAVEND";
}

/// <summary>Rapporteringsordning (DOMAIN §8).</summary>
public static class Rapporteringsordning
{
    public const string AOrdningen = "A_ORDNINGEN";
    public const string FoerAOrdningen = "FOER_A_ORDNINGEN";
}

/// <summary>Where a change came from (sporingsinformasjon kilde, DOMAIN §5).</summary>
public static class Sporingskilde
{
    /// <summary>From an a-melding.</summary>
    public const string Edag = "EDAG";

    /// <summary>From the register itself (its own closing rules, corrections).</summary>
    public const string Aareg = "AAREG";
}

/// <summary>The a-melding's typeArbeidsforhold codes the register knows (Arbeidsforholdtyper, DOMAIN §8).</summary>
public static class Arbeidsforholdtype
{
    public const string Ordinaert = "ordinaertArbeidsforhold";
    public const string Maritimt = "maritimtArbeidsforhold";
    public const string Forenklet = "forenkletOppgjoersordning";
    public const string Frilanser = "frilanserOppdragstakerHonorarPersonerMm";

    /// <summary>Reported in the a-melding but not an arbeidsforhold in the register (DOMAIN §8).</summary>
    public const string PensjonOgAndreYtelser = "pensjonOgAndreTyperYtelserUtenAnsettelsesforhold";

    /// <summary>The ansettelsesdetaljer type for a register type; null for codes that are not arbeidsforhold.</summary>
    public static Ansettelsesdetaljertype? Detaljertype(string? type) => type switch
    {
        Ordinaert => Ansettelsesdetaljertype.Ordinaer,
        Maritimt => Ansettelsesdetaljertype.Maritim,
        Forenklet => Ansettelsesdetaljertype.Forenklet,
        Frilanser => Ansettelsesdetaljertype.Frilanser,
        _ => null,
    };
}

public enum Ansettelsesdetaljertype
{
    Ordinaer,
    Maritim,
    Forenklet,
    Frilanser,
}

/// <summary>The entity a varsel concerns.</summary>
public enum Varselentitet
{
    Arbeidsforhold,
    Ansettelsesperiode,
    Permisjon,
    Permittering,
}

public enum Endringstype
{
    Opprettelse,
    Endring,
    Sletting,
}

/// <summary>Which part of an arbeidsforhold a change event concerns (DOMAIN §6).</summary>
public enum Entitetsendring
{
    Ansettelsesperiode,
    Ansettelsesdetaljer,
    Permisjon,
    Permittering,
    TimerMedTimeloenn,
    Utenlandsopphold,
}
