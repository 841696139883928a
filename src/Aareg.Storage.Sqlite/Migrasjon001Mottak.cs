namespace Aareg.Storage.Sqlite;

/// <summary>Intake: meldinger (append-only), their content, replacement facts, the register queue, idempotency keys.</summary>
internal static class Migrasjon001Mottak
{
    public static readonly SqliteMigrasjon Migrasjon = new(1, "mottak", """
            CREATE TABLE melding (
                sekvens INTEGER PRIMARY KEY AUTOINCREMENT,
                mottaks_id TEXT NOT NULL UNIQUE,
                avsender TEXT NOT NULL,
                mottatt TEXT NOT NULL,
                format TEXT NOT NULL,
                opplysningspliktig TEXT,
                kalendermaaned TEXT,
                meldings_id TEXT,
                erstatter_meldings_id TEXT,
                avvist INTEGER NOT NULL,
                innholdshash BLOB NOT NULL,
                antall_virksomheter INTEGER NOT NULL,
                antall_inntektsmottakere INTEGER NOT NULL,
                antall_arbeidsforhold INTEGER NOT NULL,
                avvik BLOB NOT NULL
            );
            -- meldingsId is unique per opplysningspliktig among accepted meldinger (DOMAIN §4.1);
            -- a rejected melding counts as not delivered, so its id may be used again.
            CREATE UNIQUE INDEX melding_akseptert ON melding(opplysningspliktig, meldings_id) WHERE avvist = 0;
            CREATE INDEX melding_maaned ON melding(opplysningspliktig, kalendermaaned);
            CREATE INDEX melding_hash ON melding(opplysningspliktig, meldings_id, innholdshash);

            -- Raw bytes exactly as received and the canonical parsed form, kept apart from the metadata rows.
            CREATE TABLE melding_innhold (
                sekvens INTEGER PRIMARY KEY REFERENCES melding(sekvens),
                raa BLOB NOT NULL,
                parsed BLOB
            );

            -- Replacement as a fact of its own: melding rows are never updated. The primary key enforces
            -- that a melding is replaced only once (rule 166-B).
            CREATE TABLE erstatning (
                erstattet_mottaks_id TEXT PRIMARY KEY REFERENCES melding(mottaks_id),
                erstattet_av TEXT NOT NULL UNIQUE REFERENCES melding(mottaks_id)
            );

            -- Durable queue of accepted meldinger for the register engine, in order of acceptance.
            CREATE TABLE register_ko (
                sekvens INTEGER PRIMARY KEY AUTOINCREMENT,
                mottaks_id TEXT NOT NULL UNIQUE REFERENCES melding(mottaks_id),
                opplysningspliktig TEXT NOT NULL,
                kalendermaaned TEXT NOT NULL
            );
            CREATE TABLE behandlet (
                mottaks_id TEXT PRIMARY KEY REFERENCES melding(mottaks_id),
                tidspunkt TEXT NOT NULL
            );

            CREATE TABLE idempotens (
                avsender TEXT NOT NULL,
                noekkel TEXT NOT NULL,
                forespoersel_hash BLOB NOT NULL,
                mottaks_id TEXT NOT NULL REFERENCES melding(mottaks_id),
                PRIMARY KEY (avsender, noekkel)
            );
            """);
}
