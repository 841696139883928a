using Aareg.Domain.Kontroller;
using Aareg.Api.Oppsett;
using Aareg.Storage;

namespace Aareg.Api.Endpoints;

/// <summary>The receipt of a melding (API §5): status, processing status and the avvik found.</summary>
/// <param name="Status"><c>MOTTATT</c>, <c>AVVIST</c> or <c>ERSTATTET</c>.</param>
/// <param name="Behandlingsstatus"><c>MOTTATT</c> until the register reflects the melding, then <c>BEHANDLET</c>.</param>
public sealed record KvitteringDto(
    Guid MottaksId,
    string? MeldingsId,
    string? Opplysningspliktig,
    string? Kalendermaaned,
    string? ErstatterMeldingsId,
    string Status,
    string Behandlingsstatus,
    string MottattTidspunkt,
    Guid? ErstattetAvMottaksId,
    AntallDto Antall,
    IReadOnlyList<Avvik> Avvik)
{
    public static KvitteringDto Fra(Kvittering k)
    {
        ArgumentNullException.ThrowIfNull(k);
        return new KvitteringDto(
            k.MottaksId,
            k.MeldingsId,
            k.Opplysningspliktig,
            k.Kalendermaaned?.ToString(),
            k.ErstatterMeldingsId,
            Statuskode(k.Status),
            k.Behandlingsstatus == Storage.Behandlingsstatus.Behandlet ? "BEHANDLET" : "MOTTATT",
            Tidsformat.Lokal(k.Mottatt),
            k.ErstattetAv,
            new AntallDto(k.Omfang.Virksomheter, k.Omfang.Inntektsmottakere, k.Omfang.Arbeidsforhold),
            k.Avvik);
    }

    internal static string Statuskode(Meldingsstatus status) => status switch
    {
        Meldingsstatus.Avvist => "AVVIST",
        Meldingsstatus.Erstattet => "ERSTATTET",
        _ => "MOTTATT",
    };
}

public sealed record AntallDto(int Virksomheter, int Inntektsmottakere, int Arbeidsforhold);

/// <summary>The tilbakemelding (feedback) on one melding, with counts per severity.</summary>
public sealed record TilbakemeldingDto(
    Guid MottaksId,
    string? MeldingsId,
    string? Kalendermaaned,
    string Status,
    int AntallAvvisning,
    int AntallOeyeblikkelig,
    int AntallRetningslinje,
    IReadOnlyList<Avvik> Avvik)
{
    public static TilbakemeldingDto Fra(Kvittering k)
    {
        ArgumentNullException.ThrowIfNull(k);
        int avvisning = 0, oeyeblikkelig = 0, retningslinje = 0;
        foreach (var a in k.Avvik)
        {
            switch (a.Alvorlighetsgrad)
            {
                case Alvorlighetsgrad.Avvisning: avvisning++; break;
                case Alvorlighetsgrad.Oeyeblikkelig: oeyeblikkelig++; break;
                default: retningslinje++; break;
            }
        }

        return new TilbakemeldingDto(
            k.MottaksId, k.MeldingsId, k.Kalendermaaned?.ToString(), KvitteringDto.Statuskode(k.Status),
            avvisning, oeyeblikkelig, retningslinje, k.Avvik);
    }
}

/// <summary>The month view: every melding of an opplysningspliktig and month with its status.</summary>
public sealed record MaanedsoversiktDto(string Opplysningspliktig, string Kalendermaaned, IReadOnlyList<KvitteringDto> Meldinger);
