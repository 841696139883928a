namespace Aareg.Storage.Postgres;

/// <summary>
/// Intake: meldinger (append-only), their content, replacement facts, the register queue, idempotency keys and the
/// pensjonsinnretninger each accepted melding names. Same tables and constraints as SQLite migrations 1 and 5.
/// </summary>
internal static class Migrasjon001Mottak
{
    public static readonly PostgresMigrasjon Migrasjon = new(1, "mottak", """
            CREATE TABLE melding (
                sekvens bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                mottaks_id uuid NOT NULL UNIQUE,
                avsender text NOT NULL,
                mottatt timestamptz NOT NULL,
                format text NOT NULL,
                opplysningspliktig text,
                kalendermaaned text,
                meldings_id text,
                erstatter_meldings_id text,
                avvist boolean NOT NULL,
                innholdshash bytea NOT NULL,
                antall_virksomheter integer NOT NULL,
                antall_inntektsmottakere integer NOT NULL,
                antall_arbeidsforhold integer NOT NULL,
                avvik bytea NOT NULL
            );
            -- meldingsId is unique per opplysningspliktig among accepted meldinger (DOMAIN §4.1);
            -- a rejected melding counts as not delivered, so its id may be used again.
            CREATE UNIQUE INDEX melding_akseptert ON melding (opplysningspliktig, meldings_id) WHERE NOT avvist;
            CREATE INDEX melding_maaned ON melding (opplysningspliktig, kalendermaaned);
            CREATE INDEX melding_hash ON melding (opplysningspliktig, meldings_id, innholdshash);

            -- Raw bytes exactly as received and the canonical parsed form, kept apart from the metadata rows so that
            -- scans of melding stay small; large values go to TOAST (compressed) on their own.
            CREATE TABLE melding_innhold (
                sekvens bigint PRIMARY KEY REFERENCES melding (sekvens),
                raa bytea NOT NULL,
                parsed bytea
            );

            -- Replacement as a fact of its own: melding rows are never updated. The primary key enforces
            -- that a melding is replaced only once (rule 166-B).
            CREATE TABLE erstatning (
                erstattet_mottaks_id uuid PRIMARY KEY REFERENCES melding (mottaks_id),
                erstattet_av uuid NOT NULL UNIQUE REFERENCES melding (mottaks_id)
            );

            -- Durable queue of accepted meldinger for the register engine. With several writers, sekvens order is
            -- not commit order across opplysningspliktige: consumers claim unprocessed rows (FOR UPDATE SKIP LOCKED)
            -- rather than following a high-water mark.
            CREATE TABLE register_ko (
                sekvens bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                mottaks_id uuid NOT NULL UNIQUE REFERENCES melding (mottaks_id),
                opplysningspliktig text NOT NULL,
                kalendermaaned text NOT NULL
            );
            CREATE TABLE behandlet (
                mottaks_id uuid PRIMARY KEY REFERENCES melding (mottaks_id),
                tidspunkt timestamptz NOT NULL
            );

            CREATE TABLE idempotens (
                avsender text NOT NULL,
                noekkel text NOT NULL,
                forespoersel_hash bytea NOT NULL,
                mottaks_id uuid NOT NULL REFERENCES melding (mottaks_id),
                PRIMARY KEY (avsender, noekkel)
            );

            -- API §2 access for pension institutions: one indexed query instead of parsing every month's JSON.
            CREATE TABLE melding_pensjonsinnretning (
                mottaks_id uuid NOT NULL REFERENCES melding (mottaks_id),
                identifikator text NOT NULL,
                PRIMARY KEY (mottaks_id, identifikator)
            );
            """);
}
