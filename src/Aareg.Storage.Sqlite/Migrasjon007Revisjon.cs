namespace Aareg.Storage.Sqlite;

/// <summary>
/// The audit log (API §8): append-only and hash-chained. Each field is its own column, stored as the exact text the
/// hash covers (<see cref="Revisjon.Revisjonsfelter"/>). The triggers refuse UPDATE and DELETE through any ordinary
/// connection: a mistake in code cannot rewrite history, and anyone who drops them to do so breaks the chain.
/// Checkpoints signed by <c>aareg audit checkpoint</c> are kept too, with the public key that verifies them.
/// </summary>
internal static class Migrasjon007Revisjon
{
    public static readonly SqliteMigrasjon Migrasjon = new(7, "revisjon", """
            CREATE TABLE revisjon (
                sekvensnummer INTEGER PRIMARY KEY,
                tidspunkt TEXT NOT NULL,
                personident TEXT NOT NULL,
                konsument TEXT,
                databehandler TEXT,
                bruker TEXT,
                formaal TEXT,
                saksreferanse TEXT,
                avtale_id TEXT,
                avtaleversjon INTEGER,
                operasjon TEXT NOT NULL,
                kanal TEXT NOT NULL,
                filtre TEXT,
                antall_arbeidsforhold INTEGER NOT NULL,
                beslutning TEXT NOT NULL,
                begrunnelse TEXT,
                korrelasjonsid TEXT NOT NULL,
                skjult_for_person INTEGER NOT NULL,
                forrige_hash BLOB NOT NULL,
                hash BLOB NOT NULL
            );
            CREATE INDEX revisjon_person ON revisjon (personident, tidspunkt);
            CREATE INDEX revisjon_tid ON revisjon (tidspunkt);
            CREATE TRIGGER revisjon_ingen_endring BEFORE UPDATE ON revisjon
                BEGIN SELECT RAISE(ABORT, 'revisjonsloggen kan bare utvides'); END;
            CREATE TRIGGER revisjon_ingen_sletting BEFORE DELETE ON revisjon
                BEGIN SELECT RAISE(ABORT, 'revisjonsloggen kan bare utvides'); END;
            CREATE TABLE revisjon_sjekkpunkt (
                sekvensnummer INTEGER NOT NULL,
                hash BLOB NOT NULL,
                tidspunkt TEXT NOT NULL,
                signatur BLOB NOT NULL,
                offentlig_nokkel TEXT NOT NULL,
                PRIMARY KEY (sekvensnummer, tidspunkt)
            );
            """);
}
