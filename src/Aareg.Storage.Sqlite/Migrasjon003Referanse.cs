namespace Aareg.Storage.Sqlite;

/// <summary>
/// Reference registers (DOMAIN §3): Enhetsregisteret units and roles, Folkeregisteret identbytte and
/// adressebeskyttelse, the update-feed cursors and a version that moves on every committed import.
/// </summary>
internal static class Migrasjon003Referanse
{
    public static readonly SqliteMigrasjon Migrasjon = new(3, "referanse", """
            -- Dates are ISO-8601 text (yyyy-MM-dd); identifiers are text, never numbers (DOMAIN §2).
            CREATE TABLE enhet (
                orgnr TEXT PRIMARY KEY,
                navn TEXT NOT NULL,
                organisasjonsform TEXT NOT NULL,
                hovedenhet INTEGER NOT NULL,
                overordnet_enhet TEXT,
                registreringsdato TEXT,
                slettedato TEXT,
                konkurs INTEGER NOT NULL,
                konkursdato TEXT
            ) WITHOUT ROWID;
            CREATE INDEX enhet_overordnet ON enhet(overordnet_enhet) WHERE overordnet_enhet IS NOT NULL;

            CREATE TABLE enhet_rolle (
                orgnr TEXT NOT NULL,
                rolle TEXT NOT NULL,
                person_ident TEXT NOT NULL,
                PRIMARY KEY (orgnr, rolle, person_ident)
            ) WITHOUT ROWID;
            CREATE INDEX enhet_rolle_person ON enhet_rolle(person_ident, orgnr);

            -- An old ident is replaced once; chains (dnr -> fnr1 -> fnr2) are followed when reading.
            CREATE TABLE identbytte (
                gammel_ident TEXT PRIMARY KEY,
                ny_ident TEXT NOT NULL,
                dato TEXT NOT NULL
            ) WITHOUT ROWID;
            CREATE INDEX identbytte_ny ON identbytte(ny_ident);

            -- Every event is kept; the latest by (dato, sekvens) applies. The unique key makes re-import a no-op.
            CREATE TABLE adressebeskyttelse (
                sekvens INTEGER PRIMARY KEY AUTOINCREMENT,
                ident TEXT NOT NULL,
                gradering TEXT NOT NULL,
                dato TEXT NOT NULL,
                UNIQUE (ident, dato, gradering)
            );

            -- Update-feed cursors ('oppdateringer/enheter', …) and 'versjon', which moves on every import.
            CREATE TABLE referanse_tilstand (
                navn TEXT PRIMARY KEY,
                verdi INTEGER NOT NULL
            ) WITHOUT ROWID;
            """);
}
