namespace Aareg.Storage.Postgres;

/// <summary>PLACEHOLDER: filled in by the referanse port.</summary>
internal static class Migrasjon003Referanse
{
    public static readonly PostgresMigrasjon Migrasjon = new(3, "referanse", "SELECT 1");
}
