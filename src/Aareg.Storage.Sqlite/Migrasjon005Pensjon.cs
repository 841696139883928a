namespace Aareg.Storage.Sqlite;

/// <summary>
/// The pensjonsinnretninger each accepted melding names (API §2 access for pension institutions), written at intake
/// beside the melding so the access check is one indexed query instead of parsing every month's canonical JSON.
/// </summary>
internal static class Migrasjon005Pensjon
{
    public static readonly SqliteMigrasjon Migrasjon = new(5, "pensjon", """
            CREATE TABLE melding_pensjonsinnretning (
                mottaks_id TEXT NOT NULL REFERENCES melding(mottaks_id),
                identifikator TEXT NOT NULL,
                PRIMARY KEY (mottaks_id, identifikator)
            ) WITHOUT ROWID;
            """);
}
