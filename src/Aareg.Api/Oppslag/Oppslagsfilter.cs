using System.Collections.Frozen;
using System.Globalization;
using System.Text.RegularExpressions;
using Aareg.Domain.Register;

namespace Aareg.Api.Oppslag;

/// <summary>Where an arbeidsforhold stands at the lookup time (API §1 <c>arbeidsforholdstatus</c>).</summary>
public enum Arbeidsforholdstatus
{
    /// <summary>Started and not ended at the lookup time.</summary>
    Aktiv,

    /// <summary>Ended before the lookup time.</summary>
    Avsluttet,

    /// <summary>Starts after the lookup time.</summary>
    Fremtidig,
}

/// <summary>
/// The query parameters of a lookup (API §1), validated. Which arbeidsforhold are returned is decided here; how much
/// of each is shown is <see cref="Oppslagsvalg"/>'s job (it also carries the agreement's data elements).
/// </summary>
/// <param name="Typer">Arbeidsforholdtyper codes to include.</param>
/// <param name="Statuser">Statuses at <see cref="Oppslagsdato"/> to include.</param>
/// <param name="Rapporteringsordning">The one ordning to include; null = <c>ALLE</c>.</param>
/// <param name="KjentPaa">Answer as the register knew it at this instant (bitemporal); null = now.</param>
/// <param name="Oppslagsdato">The Norwegian date the statuses are judged at: that of <see cref="KjentPaa"/>, else today.</param>
public sealed record Oppslagsfilter(
    IReadOnlySet<string> Typer,
    IReadOnlySet<Arbeidsforholdstatus> Statuser,
    string? Rapporteringsordning,
    DateOnly? AnsettelsesperiodeFom,
    DateOnly? AnsettelsesperiodeTom,
    bool Historikk,
    bool Sporingsinformasjon,
    bool TekniskHistorikk,
    DateTimeOffset? KjentPaa,
    DateOnly Oppslagsdato)
{
    /// <summary>Every register type; the frilanser type is left out unless asked for (API §1 default).</summary>
    public static readonly FrozenSet<string> AlleTyper = FrozenSet.Create(
        StringComparer.Ordinal,
        Arbeidsforholdtype.Ordinaert,
        Arbeidsforholdtype.Maritimt,
        Arbeidsforholdtype.Forenklet,
        Arbeidsforholdtype.Frilanser);

    public static readonly FrozenSet<string> StandardTyper = FrozenSet.Create(
        StringComparer.Ordinal,
        Arbeidsforholdtype.Ordinaert,
        Arbeidsforholdtype.Maritimt,
        Arbeidsforholdtype.Forenklet);

    public static readonly FrozenSet<Arbeidsforholdstatus> AlleStatuser = Enum.GetValues<Arbeidsforholdstatus>().ToFrozenSet();

    /// <summary>True when the arbeidsforhold passes every filter.</summary>
    public bool Treffer(RegisterArbeidsforhold arbeidsforhold)
    {
        ArgumentNullException.ThrowIfNull(arbeidsforhold);
        var periode = arbeidsforhold.Ansettelsesperiode;
        return Typer.Contains(arbeidsforhold.Type)
            && (Rapporteringsordning is null || Rapporteringsordning == arbeidsforhold.Rapporteringsordning)
            && Statuser.Contains(Status(periode, Oppslagsdato))
            // Overlap of [startdato, sluttdato] with [fom, tom]; an open sluttdato runs for ever.
            && (AnsettelsesperiodeFom is not { } fom || periode.Sluttdato is not { } slutt || slutt >= fom)
            && (AnsettelsesperiodeTom is not { } tom || periode.Startdato <= tom);
    }

    /// <summary>The status of an ansettelsesperiode on <paramref name="dato"/>.</summary>
    public static Arbeidsforholdstatus Status(Ansettelsesperiode periode, DateOnly dato)
    {
        ArgumentNullException.ThrowIfNull(periode);
        if (periode.Startdato > dato)
        {
            return Arbeidsforholdstatus.Fremtidig;
        }

        return periode.Sluttdato is { } slutt && slutt < dato ? Arbeidsforholdstatus.Avsluttet : Arbeidsforholdstatus.Aktiv;
    }
}

/// <summary>
/// Reads the raw query values into an <see cref="Oppslagsfilter"/>, collecting one message per invalid field
/// (API Errors: <c>errors: {felt: [melding]}</c>). Values are bound as strings so every refusal is ours, with the
/// product's problem body, never the framework's. Messages never echo the value (a caller may paste anything,
/// personal data included, into a parameter).
/// </summary>
public sealed partial class Oppslagsfilterleser
{
    private static readonly TimeZoneInfo Norge = FinnNorge();

    private readonly Dictionary<string, string[]> _feil = new(StringComparer.Ordinal);

    /// <summary>The messages per field; empty when everything was valid.</summary>
    public IReadOnlyDictionary<string, string[]> Feil => _feil;

    public Dictionary<string, string[]> FeilSomOrdbok() => new(_feil, StringComparer.Ordinal);

    /// <summary>Comma list of Arbeidsforholdtyper; default every type except the frilanser type.</summary>
    public IReadOnlySet<string> Typer(string? verdi)
    {
        if (string.IsNullOrWhiteSpace(verdi))
        {
            return Oppslagsfilter.StandardTyper;
        }

        var typer = new HashSet<string>(StringComparer.Ordinal);
        foreach (var del in Deler(verdi))
        {
            if (!Oppslagsfilter.AlleTyper.Contains(del))
            {
                Legg("arbeidsforholdtype", $"Ukjent arbeidsforholdtype. Gyldige: {string.Join(", ", Oppslagsfilter.AlleTyper.Order(StringComparer.Ordinal))}.");
                continue;
            }

            typer.Add(del);
        }

        return typer;
    }

    /// <summary>Comma list of <c>AKTIV</c>, <c>AVSLUTTET</c>, <c>FREMTIDIG</c>; default all.</summary>
    public IReadOnlySet<Arbeidsforholdstatus> Statuser(string? verdi)
    {
        if (string.IsNullOrWhiteSpace(verdi))
        {
            return Oppslagsfilter.AlleStatuser;
        }

        var statuser = new HashSet<Arbeidsforholdstatus>();
        foreach (var del in Deler(verdi))
        {
            switch (del.ToUpperInvariant())
            {
                case "AKTIV":
                    statuser.Add(Arbeidsforholdstatus.Aktiv);
                    break;
                case "AVSLUTTET":
                    statuser.Add(Arbeidsforholdstatus.Avsluttet);
                    break;
                case "FREMTIDIG":
                    statuser.Add(Arbeidsforholdstatus.Fremtidig);
                    break;
                default:
                    Legg("arbeidsforholdstatus", "Ukjent arbeidsforholdstatus. Gyldige: AKTIV, AVSLUTTET, FREMTIDIG.");
                    break;
            }
        }

        return statuser;
    }

    /// <summary>
    /// The overview's <c>status</c>: <c>ALLE</c> (default), <c>AKTIV</c> (not ended at the lookup time, including
    /// those that start later, as the summary counts them) or <c>AVSLUTTET</c>.
    /// </summary>
    public IReadOnlySet<Arbeidsforholdstatus> OversiktStatus(string? verdi) => verdi?.Trim().ToUpperInvariant() switch
    {
        null or "" or "ALLE" => Oppslagsfilter.AlleStatuser,
        "AKTIV" => FrozenSet.Create(Arbeidsforholdstatus.Aktiv, Arbeidsforholdstatus.Fremtidig),
        "AVSLUTTET" => FrozenSet.Create(Arbeidsforholdstatus.Avsluttet),
        _ => Ugyldig<IReadOnlySet<Arbeidsforholdstatus>>("status", "status må være ALLE, AKTIV eller AVSLUTTET.", Oppslagsfilter.AlleStatuser),
    };

    /// <summary><c>rapporteringsordning</c> or its alias <c>regelverk</c>; default A_ORDNINGEN; null means ALLE.</summary>
    public string? Rapporteringsordning(string? rapporteringsordning, string? regelverk)
    {
        var a = Tom(rapporteringsordning);
        var b = Tom(regelverk);
        if (a is not null && b is not null && !string.Equals(a, b, StringComparison.OrdinalIgnoreCase))
        {
            Legg("rapporteringsordning", "rapporteringsordning og regelverk er samme parameter; oppgi én av dem.");
            return Domain.Register.Rapporteringsordning.AOrdningen;
        }

        return (a ?? b)?.ToUpperInvariant() switch
        {
            null or Domain.Register.Rapporteringsordning.AOrdningen => Domain.Register.Rapporteringsordning.AOrdningen,
            Domain.Register.Rapporteringsordning.FoerAOrdningen => Domain.Register.Rapporteringsordning.FoerAOrdningen,
            "ALLE" => null,
            _ => Ugyldig<string?>(
                a is not null ? "rapporteringsordning" : "regelverk",
                "Må være A_ORDNINGEN, FOER_A_ORDNINGEN eller ALLE.",
                Domain.Register.Rapporteringsordning.AOrdningen),
        };
    }

    public DateOnly? Dato(string felt, string? verdi)
    {
        if (Tom(verdi) is not { } tekst)
        {
            return null;
        }

        return DateOnly.TryParseExact(tekst, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var dato)
            ? dato
            : Ugyldig<DateOnly?>(felt, "Må være en dato på formen ÅÅÅÅ-MM-DD.", null);
    }

    /// <summary>Checks that the period filter is not reversed.</summary>
    public void Periode(DateOnly? fom, DateOnly? tom)
    {
        if (fom is { } f && tom is { } t && t < f)
        {
            Legg("ansettelsesperiodeTom", "ansettelsesperiodeTom kan ikke være før ansettelsesperiodeFom.");
        }
    }

    public bool Flagg(string felt, string? verdi, bool standard)
    {
        if (Tom(verdi) is not { } tekst)
        {
            return standard;
        }

        return bool.TryParse(tekst, out var flagg) ? flagg : Ugyldig(felt, "Må være true eller false.", standard);
    }

    /// <summary>
    /// An ISO-8601 date-time. With an offset (or Z) it is that instant; without, Norwegian local time, the same
    /// clock the API writes its date-times in (DOMAIN §5).
    /// </summary>
    public DateTimeOffset? Tidspunkt(string felt, string? verdi)
    {
        if (Tom(verdi)?.Replace(' ', '+') is not { } tekst)
        {
            return null;
        }

        // A raw '+' of an offset arrives as a space after query decoding (clients often leave it unencoded).
        if (!DatotidRegex().IsMatch(tekst))
        {
            return Ugyldig<DateTimeOffset?>(felt, "Må være et tidspunkt på formen ÅÅÅÅ-MM-DDTtt:mm[:ss[.fff]][Z|±tt:mm].", null);
        }

        var harSone = tekst.EndsWith('Z') || tekst.EndsWith('z') || tekst.LastIndexOfAny(['+', '-']) > 10;
        if (harSone)
        {
            return DateTimeOffset.TryParse(tekst, CultureInfo.InvariantCulture, DateTimeStyles.None, out var medSone)
                ? medSone
                : Ugyldig<DateTimeOffset?>(felt, "Ugyldig tidspunkt.", null);
        }

        if (!DateTime.TryParse(tekst, CultureInfo.InvariantCulture, DateTimeStyles.None, out var lokal))
        {
            return Ugyldig<DateTimeOffset?>(felt, "Ugyldig tidspunkt.", null);
        }

        lokal = DateTime.SpecifyKind(lokal, DateTimeKind.Unspecified);
        return new DateTimeOffset(lokal, Norge.GetUtcOffset(lokal));
    }

    public int Heltall(string felt, string? verdi, int standard, int min, int maks)
    {
        if (Tom(verdi) is not { } tekst)
        {
            return standard;
        }

        return int.TryParse(tekst, NumberStyles.None, CultureInfo.InvariantCulture, out var tall) && tall >= min && tall <= maks
            ? tall
            : Ugyldig(felt, maks == int.MaxValue ? $"Må være et heltall ≥ {min}." : $"Må være et heltall fra {min} til {maks}.", standard);
    }

    /// <summary>The Norwegian calendar date of an instant (statuses are judged on the date of the lookup).</summary>
    public static DateOnly NorskDato(DateTimeOffset tidspunkt) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(tidspunkt, Norge).DateTime);

    public void Legg(string felt, string melding) =>
        _feil[felt] = _feil.TryGetValue(felt, out var meldinger) ? [.. meldinger, melding] : [melding];

    private T Ugyldig<T>(string felt, string melding, T standard)
    {
        Legg(felt, melding);
        return standard;
    }

    private static string[] Deler(string verdi) =>
        verdi.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string? Tom(string? verdi) => string.IsNullOrWhiteSpace(verdi) ? null : verdi.Trim();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?([Zz]|[+-]\d{2}:\d{2})?$")]
    private static partial Regex DatotidRegex();

    private static TimeZoneInfo FinnNorge()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.Utc;
        }
    }
}
