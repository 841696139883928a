namespace Aareg.Storage.Postgres;

/// <summary>PLACEHOLDER: filled in by the tilgang port.</summary>
internal static class Migrasjon005Tilgang
{
    public static readonly PostgresMigrasjon Migrasjon = new(5, "tilgang", "SELECT 1");
}
