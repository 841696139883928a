namespace Aareg.Storage.Postgres;

/// <summary>
/// Intentionally empty. SQLite migration 5 adds <c>melding_pensjonsinnretning</c> (the pensjonsinnretninger each
/// accepted melding names, API §2); the PostgreSQL schema started from the current shape, so migration 1 already
/// creates that table, and the pension query is served by existing indexes (<c>melding_maaned</c>, the primary keys
/// of <c>erstatning</c> and <c>melding_pensjonsinnretning</c>). The harmless statement keeps version 4 recorded, so the
/// numbering stays stable; a shipped migration is never removed or edited (a later change gets a new version).
/// </summary>
internal static class Migrasjon004Pensjon
{
    public static readonly PostgresMigrasjon Migrasjon = new(4, "pensjon", "SELECT 1");
}
