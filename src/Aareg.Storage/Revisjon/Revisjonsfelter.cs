using System.Globalization;
using Aareg.Domain.Revisjon;

namespace Aareg.Storage.Revisjon;

/// <summary>
/// The fixed canonical order of an audit record's fields for the hash chain (<see cref="Revisjonskjede"/>), and the
/// exact text each is hashed as. Stores keep these texts as written and hash what they read back, so nothing (time
/// zone, number format) can make an honest record fail. Never reorder or reformat: add new fields at the end.
/// </summary>
public static class Revisjonsfelter
{
    public const string Tillatt = "TILLATT";
    public const string Avslaatt = "AVSLAATT";

    /// <summary>Column names in hash order, for stores that keep one column per field.</summary>
    public static readonly IReadOnlyList<string> Kolonner =
    [
        "tidspunkt", "personident", "konsument", "databehandler", "bruker", "formaal", "saksreferanse", "avtale_id",
        "avtaleversjon", "operasjon", "kanal", "filtre", "antall_arbeidsforhold", "beslutning", "begrunnelse",
        "korrelasjonsid", "skjult_for_person",
    ];

    public static string?[] Felter(Oppslagsrevisjon post)
    {
        ArgumentNullException.ThrowIfNull(post);
        return
        [
            Sjekkpunkt.Tidstekst(post.Tidspunkt),
            post.Personident,
            post.Konsument,
            post.Databehandler,
            post.Bruker,
            post.Formaal,
            post.Saksreferanse,
            post.AvtaleId,
            post.Avtaleversjon?.ToString(CultureInfo.InvariantCulture),
            post.Operasjon,
            post.Kanal,
            post.Filtre,
            post.AntallArbeidsforhold.ToString(CultureInfo.InvariantCulture),
            post.Beslutning == Revisjonsbeslutning.Tillatt ? Tillatt : Avslaatt,
            post.Begrunnelse,
            post.Korrelasjonsid,
            post.SkjultForPerson ? "1" : "0",
        ];
    }

    /// <summary>The record back from its stored texts (the inverse of <see cref="Felter"/>).</summary>
    public static Oppslagsrevisjon Post(IReadOnlyList<string?> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new Oppslagsrevisjon(
            DateTimeOffset.Parse(f[0]!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
            f[1]!,
            f[2],
            f[3],
            f[4],
            f[5],
            f[6],
            f[7],
            f[8] is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : null,
            f[9]!,
            f[10]!,
            f[11],
            int.Parse(f[12]!, CultureInfo.InvariantCulture),
            f[13] == Tillatt ? Revisjonsbeslutning.Tillatt : Revisjonsbeslutning.Avslaatt,
            f[14],
            f[15]!,
            f[16] == "1");
    }
}
