using Aareg.Domain.Register;
using Aareg.Domain.Tid;

namespace Aareg.Api.Oppslag;

/// <summary>
/// The months a pension institution asks about (API §2 <c>ansattFraMaaned</c>..<c>ansattTilMaaned</c>) and the
/// period rules that cut an arbeidsforhold down to them before it is mapped.
/// </summary>
public readonly record struct OtpPeriode
{
    public OtpPeriode(Kalendermaaned fra, Kalendermaaned til)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fra, til);
        Fra = fra;
        Til = til;
    }

    public Kalendermaaned Fra { get; }

    public Kalendermaaned Til { get; }

    /// <summary>First day of <see cref="Fra"/>.</summary>
    public DateOnly FoersteDag => Fra.FoersteDag;

    /// <summary>Last day of <see cref="Til"/>.</summary>
    public DateOnly SisteDag => Til.SisteDag;

    /// <summary>The ansettelsesperiode overlaps the interval; an open sluttdato means still active.</summary>
    public bool Omfatter(RegisterArbeidsforhold arbeidsforhold)
    {
        ArgumentNullException.ThrowIfNull(arbeidsforhold);
        var periode = arbeidsforhold.Ansettelsesperiode;
        return Overlapper(periode.Startdato, periode.Sluttdato);
    }

    /// <summary>
    /// The arbeidsforhold as the interval shows it (API §2 period rules):
    /// ansettelsesdetaljer whose rapporteringsmaaneder overlap the interval, or the earliest version when none does
    /// (the arbeidsforhold began before it was first reported, so its first reported details describe it best);
    /// permisjoner and permitteringer whose dates overlap; timerMedTimeloenn and utenlandsopphold reported in a month
    /// of the interval.
    /// </summary>
    public RegisterArbeidsforhold Avgrens(RegisterArbeidsforhold arbeidsforhold)
    {
        ArgumentNullException.ThrowIfNull(arbeidsforhold);
        var fra = Fra;
        var til = Til;
        var detaljer = arbeidsforhold.Ansettelsesdetaljer
            .Where(d => d.Rapporteringsmaaneder.Fra <= til && (d.Rapporteringsmaaneder.Til is not { } slutt || slutt >= fra))
            .ToArray();
        if (detaljer.Length == 0 && !arbeidsforhold.Ansettelsesdetaljer.IsEmpty)
        {
            detaljer = [arbeidsforhold.Ansettelsesdetaljer.MinBy(d => d.Rapporteringsmaaneder.Fra)!];
        }

        var periode = this;
        return arbeidsforhold with
        {
            Ansettelsesdetaljer = [.. detaljer],
            Permisjoner = [.. arbeidsforhold.Permisjoner.Where(p => periode.Overlapper(p.Startdato, p.Sluttdato))],
            Permitteringer = [.. arbeidsforhold.Permitteringer.Where(p => periode.Overlapper(p.Startdato, p.Sluttdato))],
            TimerMedTimeloenn = [.. arbeidsforhold.TimerMedTimeloenn.Where(t => t.Rapporteringsmaaned >= fra && t.Rapporteringsmaaned <= til)],
            Utenlandsopphold = [.. arbeidsforhold.Utenlandsopphold.Where(u => u.Rapporteringsmaaned >= fra && u.Rapporteringsmaaned <= til)],
        };
    }

    /// <summary>Every month of the interval, in order.</summary>
    public IEnumerable<Kalendermaaned> Maaneder()
    {
        for (var m = Fra; m <= Til; m = m.LeggTil(1))
        {
            yield return m;
        }
    }

    /// <summary>A date range overlaps the interval; an absent start is open backwards, an absent end open forwards.</summary>
    private bool Overlapper(DateOnly? start, DateOnly? slutt) =>
        (start is not { } s || s <= SisteDag) && (slutt is not { } e || e >= FoersteDag);
}
