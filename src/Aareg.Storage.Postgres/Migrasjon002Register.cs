namespace Aareg.Storage.Postgres;

/// <summary>
/// The register (ADR 0006), the shape of SQLite migrations 2 and 4 together: arbeidsforhold versions with their
/// bruksperiode (bitemporal, never overwritten), the person index, change events with gap-free sequence numbers,
/// per-opplysningspliktig progress (the optimistic-concurrency token) and the counters.
/// <para>
/// Instants (bruksperiode, sist_bekreftet, event tidsstempel) are <c>bigint</c> UTC ticks, as in SQLite, not
/// <c>timestamptz</c>: timestamptz keeps microseconds, a tick is 100 ns, and the applier's instants are only
/// guaranteed to be strictly increasing by one tick (<c>Registerbehandler.NesteTidspunkt</c>). Truncating would
/// make a version's bruksperiode empty (fom = tom) and an "as known at T" query, or a round-trip of a stored
/// version, differ from SQLite. With ticks both stores compare the same integers.
/// </para>
/// <para>
/// Identifier columns use the "C" collation: ordering (the paged listing by arbeidssted, the opplysningspliktig
/// list) is byte order as in SQLite whatever the database's default collation, and the indexes serve it.
/// </para>
/// Indexes, each for a lookup (plans checked with EXPLAIN on a filled database):
/// <list type="bullet">
/// <item><c>arbeidsforhold_versjon</c> primary key (id, versjon): technical history, "as known at T" by id, and the
/// version a new one closes.</item>
/// <item><c>arbeidsforhold_gjeldende_id</c> unique partial on id where current: the current version by id (and at
/// most one per arbeidsforhold); the person lookup joins through it.</item>
/// <item><c>arbeidsforhold_uuid</c> on nav_uuid: lookups by navUuid.</item>
/// <item><c>arbeidsforhold_gjeldende</c> partial (opplysningspliktig, arbeidssted, id) where current: the paged
/// listing of current arbeidsforhold in its own order (no sort), its count, and the applier's current state.</item>
/// <item><c>arbeidsforhold_historikk</c> (opplysningspliktig, arbeidssted, id, bruk_fom): the same listing
/// "as known at T".</item>
/// <item><c>arbeidstaker_indeks</c> primary key (ident, id): by person.</item>
/// <item><c>register_hendelse</c> primary key sekvensnummer: the event feed and the highest number.</item>
/// <item><c>register_ko_opplysningspliktig</c> (opplysningspliktig, sekvens): the month contents as of a queue row and
/// an opplysningspliktig's unapplied rows.</item>
/// <item><c>register_ko_uanvendt</c> partial (sekvens) where not applied: the claim scan reads only unapplied rows,
/// so an idle poll costs the same after a billion applied meldinger as after none.</item>
/// </list>
/// </summary>
internal static class Migrasjon002Register
{
    public static readonly PostgresMigrasjon Migrasjon = new(2, "register", """
            -- One row per stored version. bruk_tom NULL = the current version. The document is the compact JSON of the
            -- version as derived; sist_bekreftet/sist_rapportert are the only columns updated in place, and only while
            -- the version is current (a confirmation is not a version, ADR 0005/0006). Instants are UTC ticks.
            -- Every current version is confirmed about once a month and no index covers the confirmation columns: free
            -- room on each page lets part of those updates stay on the page (HOT) instead of adding entries to all five
            -- indexes (measured: 5-7 times as many HOT updates as at the default 100). A row is mostly its document,
            -- so more room would cost more space than it saves.
            CREATE TABLE arbeidsforhold_versjon (
                nav_arbeidsforhold_id bigint NOT NULL,
                nav_versjon integer NOT NULL,
                nav_uuid uuid NOT NULL,
                opplysningspliktig text COLLATE "C" NOT NULL,
                arbeidssted text COLLATE "C" NOT NULL,
                arbeidstaker text COLLATE "C" NOT NULL,
                bruk_fom bigint NOT NULL,
                bruk_tom bigint,
                sist_bekreftet bigint NOT NULL,
                sist_rapportert integer NOT NULL,
                dokument bytea NOT NULL,
                PRIMARY KEY (nav_arbeidsforhold_id, nav_versjon)
            ) WITH (fillfactor = 75);
            -- At most one current version per arbeidsforhold; lookups of the current version by id.
            CREATE UNIQUE INDEX arbeidsforhold_gjeldende_id ON arbeidsforhold_versjon (nav_arbeidsforhold_id) WHERE bruk_tom IS NULL;
            CREATE INDEX arbeidsforhold_uuid ON arbeidsforhold_versjon (nav_uuid);
            -- The paged listing per opplysningspliktig (and underenhet) in its ORDER BY, current and as known at T.
            CREATE INDEX arbeidsforhold_gjeldende ON arbeidsforhold_versjon (opplysningspliktig, arbeidssted, nav_arbeidsforhold_id)
                WHERE bruk_tom IS NULL;
            CREATE INDEX arbeidsforhold_historikk ON arbeidsforhold_versjon (opplysningspliktig, arbeidssted, nav_arbeidsforhold_id, bruk_fom);

            -- Every ident an arbeidsforhold was ever stored under: a lookup by any of the person's idents is one index
            -- range per ident plus one index read per arbeidsforhold. Rows are only added.
            CREATE TABLE arbeidstaker_indeks (
                ident text COLLATE "C" NOT NULL,
                nav_arbeidsforhold_id bigint NOT NULL,
                PRIMARY KEY (ident, nav_arbeidsforhold_id)
            );

            -- Change events. sekvensnummer comes from the 'sekvensnummer' counter row of register_sekvens, updated late
            -- in the applying transaction: its row lock is held until commit, so numbers are handed out in commit order
            -- across nodes, and a rollback returns them (no gap). A sequence would leave gaps and commit out of order.
            CREATE TABLE register_hendelse (
                sekvensnummer bigint PRIMARY KEY,
                tidsstempel bigint NOT NULL,
                endringstype text NOT NULL,
                entitetsendringer text NOT NULL,
                nav_arbeidsforhold_id bigint NOT NULL,
                nav_uuid uuid NOT NULL,
                nav_versjon integer NOT NULL,
                type text NOT NULL,
                opplysningspliktig text COLLATE "C" NOT NULL,
                arbeidssted text COLLATE "C" NOT NULL,
                arbeidstaker text COLLATE "C" NOT NULL,
                arbeidsforhold_id text,
                -- NULL: the register's own re-derivation (IBKAOR at today's month, identbytte, EROPPH/ERKONK).
                mottaks_id uuid
            );

            -- Per opplysningspliktig: the last queue row applied and the number of re-derivations that wrote, together
            -- the progress token an application checks under this row's lock (SELECT ... FOR UPDATE).
            CREATE TABLE register_opplysningspliktig (
                opplysningspliktig text COLLATE "C" PRIMARY KEY,
                sist_anvendt_ko bigint NOT NULL,
                reavledninger bigint NOT NULL DEFAULT 0
            );

            -- Counters: the last navArbeidsforholdId handed out and the last event sekvensnummer. Small and updated
            -- by every application: room on the page for HOT updates.
            CREATE TABLE register_sekvens (
                navn text PRIMARY KEY,
                verdi bigint NOT NULL
            ) WITH (fillfactor = 20);
            INSERT INTO register_sekvens (navn, verdi) VALUES ('navArbeidsforholdId', 0), ('sekvensnummer', 0);

            -- The applier reads an opplysningspliktig's queue rows in order.
            CREATE INDEX register_ko_opplysningspliktig ON register_ko (opplysningspliktig, sekvens);

            -- Set in the applying transaction together with the behandlet row. With several intake nodes queue rows
            -- commit out of sekvens order, so the claim scan cannot follow a high-water mark; this partial index holds
            -- exactly the unapplied rows (adding a column with a constant default rewrites nothing).
            ALTER TABLE register_ko ADD COLUMN anvendt boolean NOT NULL DEFAULT false;
            CREATE INDEX register_ko_uanvendt ON register_ko (sekvens) INCLUDE (opplysningspliktig) WHERE NOT anvendt;
            """);
}
