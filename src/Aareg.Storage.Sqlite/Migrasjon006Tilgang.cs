namespace Aareg.Storage.Sqlite;

/// <summary>
/// Access management (API §7): agreements with every version kept (an audit names the version that allowed a
/// lookup), applications with their status history, and delegations of the right to apply. The current version of
/// an agreement is found through <c>avtale</c>, indexed on konsument for the lookup path.
/// </summary>
internal static class Migrasjon006Tilgang
{
    public static readonly SqliteMigrasjon Migrasjon = new(6, "tilgang", """
            CREATE TABLE avtale (
                id TEXT PRIMARY KEY,
                konsument TEXT NOT NULL,
                gjeldende_versjon INTEGER NOT NULL
            );
            CREATE INDEX avtale_konsument ON avtale(konsument);
            CREATE TABLE avtale_versjon (
                id TEXT NOT NULL REFERENCES avtale(id),
                versjon INTEGER NOT NULL,
                dokument TEXT NOT NULL,
                endret TEXT NOT NULL,
                PRIMARY KEY (id, versjon)
            ) WITHOUT ROWID;
            CREATE TABLE soknad (
                id TEXT PRIMARY KEY,
                organisasjonsnummer TEXT NOT NULL,
                status TEXT NOT NULL,
                dokument TEXT NOT NULL,
                opprettet TEXT NOT NULL,
                endret TEXT NOT NULL
            );
            CREATE INDEX soknad_organisasjonsnummer ON soknad(organisasjonsnummer);
            CREATE INDEX soknad_etter_status ON soknad(status);
            CREATE TABLE soknad_status (
                soknad_id TEXT NOT NULL REFERENCES soknad(id),
                nr INTEGER NOT NULL,
                status TEXT NOT NULL,
                tidspunkt TEXT NOT NULL,
                av TEXT NOT NULL,
                melding TEXT,
                PRIMARY KEY (soknad_id, nr)
            ) WITHOUT ROWID;
            CREATE TABLE delegering (
                id TEXT PRIMARY KEY,
                organisasjonsnummer TEXT NOT NULL,
                mottaker TEXT NOT NULL,
                gitt_av TEXT NOT NULL,
                gitt_av_rolle TEXT NOT NULL,
                opprettet TEXT NOT NULL,
                tilbakekalt TEXT,
                tilbakekalt_av TEXT
            );
            CREATE INDEX delegering_organisasjon_mottaker ON delegering(organisasjonsnummer, mottaker);
            """);
}
