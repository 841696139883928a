namespace Aareg.Storage.Postgres;

/// <summary>PLACEHOLDER: filled in by the revisjon port.</summary>
internal static class Migrasjon006Revisjon
{
    public static readonly PostgresMigrasjon Migrasjon = new(6, "revisjon", "SELECT 1");
}
