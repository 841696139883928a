using Aareg.Domain.AMelding;

namespace Aareg.Mottak.Lesing;

/// <summary>Element names shared by the XML and JSON forms (the JSON form uses the element names as properties).</summary>
internal static class AMeldingNavn
{
    public const string Loennsinntekt = "loennsinntekt";
    public const string YtelseFraOffentlige = "ytelseFraOffentlige";
    public const string PensjonEllerTrygd = "pensjonEllerTrygd";
    public const string Naeringsinntekt = "naeringsinntekt";

    public static string Inntektsart(Inntektsart art) => art switch
    {
        Domain.AMelding.Inntektsart.Loennsinntekt => Loennsinntekt,
        Domain.AMelding.Inntektsart.YtelseFraOffentlige => YtelseFraOffentlige,
        Domain.AMelding.Inntektsart.PensjonEllerTrygd => PensjonEllerTrygd,
        Domain.AMelding.Inntektsart.Naeringsinntekt => Naeringsinntekt,
        _ => throw new ArgumentOutOfRangeException(nameof(art), art, "Ukjent inntektsart."),
    };
}
