namespace Aareg.Storage.Postgres;

/// <summary>PLACEHOLDER: filled in by the pensjon port.</summary>
internal static class Migrasjon004Pensjon
{
    public static readonly PostgresMigrasjon Migrasjon = new(4, "pensjon", "SELECT 1");
}
