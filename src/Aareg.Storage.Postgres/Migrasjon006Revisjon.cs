namespace Aareg.Storage.Postgres;

/// <summary>
/// The audit log (API §8), as SQLite migration 7: append-only and hash-chained, one column per field. The fields the
/// hash covers are kept so that they read back as the exact text that was hashed (<see cref="Revisjon.Revisjonsfelter"/>):
/// the time is <c>text</c> in the fixed-width UTC form with 100 ns digits, not <c>timestamptz</c>, whose microsecond
/// resolution would make an honest record fail verification. Fixed-width UTC text under the "C" collation sorts as
/// time, so the time windows and their indexes work on it directly. Numbers and the hidden flag are typed columns read
/// back in their invariant text form. Triggers refuse UPDATE, DELETE and TRUNCATE through any ordinary connection: a
/// mistake in code cannot rewrite history, and whoever disables them to do so breaks the chain.
/// </summary>
internal static class Migrasjon006Revisjon
{
    public static readonly PostgresMigrasjon Migrasjon = new(6, "revisjon", """
            CREATE TABLE revisjon (
                sekvensnummer bigint PRIMARY KEY CHECK (sekvensnummer > 0),
                tidspunkt text COLLATE "C" NOT NULL,
                personident text NOT NULL,
                konsument text,
                databehandler text,
                bruker text,
                formaal text,
                saksreferanse text,
                avtale_id text,
                avtaleversjon integer,
                operasjon text NOT NULL,
                kanal text NOT NULL,
                filtre text,
                antall_arbeidsforhold integer NOT NULL,
                beslutning text NOT NULL,
                begrunnelse text,
                korrelasjonsid text NOT NULL,
                skjult_for_person boolean NOT NULL,
                forrige_hash bytea NOT NULL,
                hash bytea NOT NULL
            );
            CREATE INDEX revisjon_person ON revisjon (personident, tidspunkt);
            CREATE INDEX revisjon_tid ON revisjon (tidspunkt);

            CREATE FUNCTION revisjon_bare_utvidelse() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'revisjonsloggen kan bare utvides';
            END
            $$;
            CREATE TRIGGER revisjon_ingen_endring BEFORE UPDATE OR DELETE ON revisjon
                FOR EACH ROW EXECUTE FUNCTION revisjon_bare_utvidelse();
            CREATE TRIGGER revisjon_ingen_toemming BEFORE TRUNCATE ON revisjon
                FOR EACH STATEMENT EXECUTE FUNCTION revisjon_bare_utvidelse();

            CREATE TABLE revisjon_sjekkpunkt (
                sekvensnummer bigint NOT NULL,
                hash bytea NOT NULL,
                tidspunkt text COLLATE "C" NOT NULL,
                signatur bytea NOT NULL,
                offentlig_nokkel text NOT NULL,
                PRIMARY KEY (sekvensnummer, tidspunkt)
            );
            """);
}
