namespace Aareg.Storage.Sqlite;

/// <summary>
/// The register (ADR 0006): arbeidsforhold versions with their bruksperiode (bitemporal, never overwritten), the
/// person index, change events with gap-free sequence numbers, per-opplysningspliktig progress and the id sequence.
/// Instants are UTC ticks (INTEGER), so comparisons in "as known at T" queries are plain integer comparisons.
/// </summary>
internal static class Migrasjon002Register
{
    public static readonly SqliteMigrasjon Migrasjon = new(2, "register", """
            -- One row per stored version. bruk_tom NULL = the current version. The document is the compact JSON of
            -- the version as derived; sist_bekreftet/sist_rapportert are the only columns updated in place, and only
            -- while the version is current (a confirmation is not a version, ADR 0005/0006).
            CREATE TABLE arbeidsforhold_versjon (
                nav_arbeidsforhold_id INTEGER NOT NULL,
                nav_versjon INTEGER NOT NULL,
                nav_uuid TEXT NOT NULL,
                opplysningspliktig TEXT NOT NULL,
                arbeidssted TEXT NOT NULL,
                arbeidstaker TEXT NOT NULL,
                bruk_fom INTEGER NOT NULL,
                bruk_tom INTEGER,
                sist_bekreftet INTEGER NOT NULL,
                sist_rapportert INTEGER NOT NULL,
                dokument BLOB NOT NULL,
                PRIMARY KEY (nav_arbeidsforhold_id, nav_versjon)
            );
            -- At most one current version per arbeidsforhold.
            CREATE UNIQUE INDEX arbeidsforhold_gjeldende_id ON arbeidsforhold_versjon(nav_arbeidsforhold_id) WHERE bruk_tom IS NULL;
            CREATE INDEX arbeidsforhold_uuid ON arbeidsforhold_versjon(nav_uuid);
            CREATE INDEX arbeidsforhold_gjeldende ON arbeidsforhold_versjon(opplysningspliktig, arbeidssted, nav_arbeidsforhold_id)
                WHERE bruk_tom IS NULL;
            CREATE INDEX arbeidsforhold_historikk ON arbeidsforhold_versjon(opplysningspliktig, arbeidssted, nav_arbeidsforhold_id, bruk_fom);

            -- Every ident an arbeidsforhold was ever stored under: a lookup by any of the person's idents is one
            -- index range plus one primary-key read per arbeidsforhold. Rows are only added.
            CREATE TABLE arbeidstaker_indeks (
                ident TEXT NOT NULL,
                nav_arbeidsforhold_id INTEGER NOT NULL,
                PRIMARY KEY (ident, nav_arbeidsforhold_id)
            ) WITHOUT ROWID;

            -- Change events. sekvensnummer is assigned max+1 inside the applying transaction (the single writer),
            -- so a rolled-back transaction leaves no gap.
            CREATE TABLE register_hendelse (
                sekvensnummer INTEGER PRIMARY KEY,
                tidsstempel INTEGER NOT NULL,
                endringstype TEXT NOT NULL,
                entitetsendringer TEXT NOT NULL,
                nav_arbeidsforhold_id INTEGER NOT NULL,
                nav_uuid TEXT NOT NULL,
                nav_versjon INTEGER NOT NULL,
                type TEXT NOT NULL,
                opplysningspliktig TEXT NOT NULL,
                arbeidssted TEXT NOT NULL,
                arbeidstaker TEXT NOT NULL,
                arbeidsforhold_id TEXT,
                mottaks_id TEXT NOT NULL
            );
            CREATE INDEX register_hendelse_tid ON register_hendelse(tidsstempel);

            -- The last queue row applied per opplysningspliktig: the optimistic-concurrency token of an application.
            CREATE TABLE register_opplysningspliktig (
                opplysningspliktig TEXT PRIMARY KEY,
                sist_anvendt_ko INTEGER NOT NULL
            ) WITHOUT ROWID;

            CREATE TABLE register_sekvens (
                navn TEXT PRIMARY KEY,
                verdi INTEGER NOT NULL
            ) WITHOUT ROWID;
            INSERT INTO register_sekvens (navn, verdi) VALUES ('navArbeidsforholdId', 0);

            -- The applier reads an opplysningspliktig's queue rows in order.
            CREATE INDEX register_ko_opplysningspliktig ON register_ko(opplysningspliktig, sekvens);
            """);
}
