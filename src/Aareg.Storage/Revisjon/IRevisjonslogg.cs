namespace Aareg.Storage.Revisjon;

/// <summary>Permit or deny, with the reason (API §8).</summary>
public enum Revisjonsbeslutning
{
    Tillatt,
    Avslaatt,
}

/// <summary>
/// One audit record: one person looked up in one lookup (API §8). Written before the answer is sent; if it cannot be
/// written, the lookup fails (fail closed). The person ident is stored so the person's insight can list it; it never
/// leaves the audit store except to that person and to the SIEM export.
/// </summary>
public sealed record Oppslagsrevisjon(
    DateTimeOffset Tidspunkt,
    string Personident,
    string? Konsument,
    string? Databehandler,
    string? Bruker,
    string? Formaal,
    string? Saksreferanse,
    string? AvtaleId,
    int? Avtaleversjon,
    string Operasjon,
    string Kanal,
    string? Filtre,
    int AntallArbeidsforhold,
    Revisjonsbeslutning Beslutning,
    string? Begrunnelse,
    string Korrelasjonsid,
    bool SkjultForPerson);

/// <summary>The append-only, hash-chained audit log.</summary>
public interface IRevisjonslogg
{
    /// <summary>Appends the records (one per person looked up) durably; throws when they cannot be written.</summary>
    Task SkrivAsync(IReadOnlyList<Oppslagsrevisjon> poster, CancellationToken ct = default);
}
