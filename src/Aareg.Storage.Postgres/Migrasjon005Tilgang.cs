namespace Aareg.Storage.Postgres;

/// <summary>
/// Access management (API §7): the same tables as SQLite migration 6. Agreements keep every version (an audit record
/// names the version that allowed a lookup), applications keep their status history as appended rows, delegations
/// are kept when revoked. Documents are JSON in <c>text</c>, not <c>jsonb</c>: the stores only ever read them whole,
/// and <c>jsonb</c> refuses the escape <c>\u0000</c> that a free-text field may carry, which SQLite stores.
/// </summary>
internal static class Migrasjon005Tilgang
{
    public static readonly PostgresMigrasjon Migrasjon = new(5, "tilgang", """
            -- The current version of each agreement. Its row is the lock a new version takes (SELECT … FOR UPDATE), so
            -- versions are numbered 1, 2, 3 … without gaps or duplicates however many nodes write.
            CREATE TABLE avtale (
                id text PRIMARY KEY,
                konsument text NOT NULL,
                gjeldende_versjon integer NOT NULL
            );
            CREATE INDEX avtale_konsument ON avtale (konsument);
            CREATE TABLE avtale_versjon (
                id text NOT NULL REFERENCES avtale (id),
                versjon integer NOT NULL CHECK (versjon > 0),
                dokument text NOT NULL,
                endret timestamptz NOT NULL,
                PRIMARY KEY (id, versjon)
            );

            CREATE TABLE soknad (
                id text PRIMARY KEY,
                organisasjonsnummer text NOT NULL,
                status text NOT NULL,
                dokument text NOT NULL,
                opprettet timestamptz NOT NULL,
                endret timestamptz NOT NULL
            );
            CREATE INDEX soknad_organisasjonsnummer ON soknad (organisasjonsnummer);
            CREATE INDEX soknad_etter_status ON soknad (status);
            -- Append-only status history; the primary key refuses two writers appending the same entry number.
            CREATE TABLE soknad_status (
                soknad_id text NOT NULL REFERENCES soknad (id),
                nr integer NOT NULL CHECK (nr >= 0),
                status text NOT NULL,
                tidspunkt timestamptz NOT NULL,
                av text NOT NULL,
                melding text,
                PRIMARY KEY (soknad_id, nr)
            );

            CREATE TABLE delegering (
                id text PRIMARY KEY,
                organisasjonsnummer text NOT NULL,
                mottaker text NOT NULL,
                gitt_av text NOT NULL,
                gitt_av_rolle text NOT NULL,
                opprettet timestamptz NOT NULL,
                tilbakekalt timestamptz,
                tilbakekalt_av text
            );
            CREATE INDEX delegering_organisasjon_mottaker ON delegering (organisasjonsnummer, mottaker);
            """);
}
