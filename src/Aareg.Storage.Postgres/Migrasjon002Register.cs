namespace Aareg.Storage.Postgres;

/// <summary>PLACEHOLDER: filled in by the register port.</summary>
internal static class Migrasjon002Register
{
    public static readonly PostgresMigrasjon Migrasjon = new(2, "register", "SELECT 1");
}
