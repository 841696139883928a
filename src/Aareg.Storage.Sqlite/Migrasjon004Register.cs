namespace Aareg.Storage.Sqlite;

/// <summary>
/// The register's own re-derivation (ADR 0006 decision 11): events it writes have no melding behind them, so
/// <c>register_hendelse.mottaks_id</c> becomes nullable (SQLite cannot relax NOT NULL in place: the table is rebuilt),
/// and every opplysningspliktig gets a counter of re-derivations, which together with <c>sist_anvendt_ko</c> is the
/// progress token an application checks.
/// </summary>
internal static class Migrasjon004Register
{
    public static readonly SqliteMigrasjon Migrasjon = new(4, "register-reavledning", """
            CREATE TABLE register_hendelse_ny (
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
                -- NULL: the register's own re-derivation (IBKAOR at today's month, identbytte, EROPPH/ERKONK).
                mottaks_id TEXT
            );
            INSERT INTO register_hendelse_ny SELECT sekvensnummer, tidsstempel, endringstype, entitetsendringer,
                nav_arbeidsforhold_id, nav_uuid, nav_versjon, type, opplysningspliktig, arbeidssted, arbeidstaker,
                arbeidsforhold_id, mottaks_id FROM register_hendelse;
            DROP TABLE register_hendelse;
            ALTER TABLE register_hendelse_ny RENAME TO register_hendelse;
            CREATE INDEX register_hendelse_tid ON register_hendelse(tidsstempel);

            -- Bumped by every re-derivation that wrote something: a melding application that read the state before
            -- it must derive again (and vice versa through sist_anvendt_ko).
            ALTER TABLE register_opplysningspliktig ADD COLUMN reavledninger INTEGER NOT NULL DEFAULT 0;
            """);
}
