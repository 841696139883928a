namespace Aareg.Storage.Postgres;

/// <summary>
/// Reference registers (DOMAIN §3): Enhetsregisteret units and roles, Folkeregisteret identbytte and
/// adressebeskyttelse, the update-feed cursors and a version that moves on every committed import. The same tables,
/// keys and indexes as SQLite migration 3, with native types: <c>date</c> for dates, <c>boolean</c> for flags.
/// </summary>
internal static class Migrasjon003Referanse
{
    public static readonly PostgresMigrasjon Migrasjon = new(3, "referanse", """
            -- Identifiers are text, never numbers (DOMAIN §2). COLLATE "C" on keys: byte order, as SQLite sorts, whatever
            -- the database's default collation is, so reads come back in the same order on both backends (and the
            -- B-tree comparisons stay cheap).
            CREATE TABLE enhet (
                orgnr text COLLATE "C" PRIMARY KEY,
                navn text NOT NULL,
                organisasjonsform text NOT NULL,
                hovedenhet boolean NOT NULL,
                overordnet_enhet text COLLATE "C",
                registreringsdato date,
                slettedato date,
                konkurs boolean NOT NULL,
                konkursdato date
            );
            CREATE INDEX enhet_overordnet ON enhet (overordnet_enhet) WHERE overordnet_enhet IS NOT NULL;

            CREATE TABLE enhet_rolle (
                orgnr text COLLATE "C" NOT NULL,
                rolle text COLLATE "C" NOT NULL,
                person_ident text COLLATE "C" NOT NULL,
                PRIMARY KEY (orgnr, rolle, person_ident)
            );
            CREATE INDEX enhet_rolle_person ON enhet_rolle (person_ident, orgnr);

            -- An old ident is replaced once; chains (dnr -> fnr1 -> fnr2) are followed when reading.
            CREATE TABLE identbytte (
                gammel_ident text COLLATE "C" PRIMARY KEY,
                ny_ident text COLLATE "C" NOT NULL,
                dato date NOT NULL
            );
            CREATE INDEX identbytte_ny ON identbytte (ny_ident);

            -- Every event is kept; the latest by (dato, sekvens) applies. The unique key makes re-import a no-op.
            CREATE TABLE adressebeskyttelse (
                sekvens bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                ident text COLLATE "C" NOT NULL,
                gradering text COLLATE "C" NOT NULL,
                dato date NOT NULL,
                UNIQUE (ident, dato, gradering)
            );

            -- Update-feed cursors ('oppdateringer/enheter', …) and 'versjon', which moves on every committed import:
            -- the signal every node's snapshot refresh polls, so it lives in the database, not in a process.
            CREATE TABLE referanse_tilstand (
                navn text COLLATE "C" PRIMARY KEY,
                verdi bigint NOT NULL
            );
            """);
}
