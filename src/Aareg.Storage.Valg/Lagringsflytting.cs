using System.Globalization;
using System.Text;
using Aareg.Storage.Postgres;
using Aareg.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Aareg.Storage.Valg;

/// <summary>Progress of a move: one line per table when it is done.</summary>
public sealed record Flyttetabell(string Tabell, long Rader, TimeSpan Tid);

/// <summary>
/// Moves a whole SQLite store into an empty PostgreSQL database (<c>aareg migrate-store</c>, docs/operations.md):
/// every table, every row, with the identities, instants and sequence positions as they were, so receipts, the
/// register's versions and events, reference data, agreements and the audit chain read the same afterwards.
/// <para>
/// The copy is driven by the two schemas rather than by a hand-written list: every SQLite table must exist in
/// PostgreSQL with every one of its columns (the PostgreSQL migrations keep the SQLite names), and each value is
/// converted to the PostgreSQL column's type (ticks and ISO text to timestamptz, text to uuid, 0/1 to boolean). A
/// table or column without a home stops the move before anything is written, so nothing is silently left behind.
/// Tables are copied with binary COPY in foreign-key order, in ONE PostgreSQL transaction: an interrupted move
/// leaves the target empty and can simply be run again. The source is read in one read transaction (a consistent
/// snapshot even if a process still writes; stop the service anyway so nothing arrives after the snapshot).
/// </para>
/// </summary>
public static class Lagringsflytting
{
    /// <summary>Tables that exist only in SQLite and have no meaning in PostgreSQL.</summary>
    private static readonly HashSet<string> BareSqlite = new(StringComparer.Ordinal)
    {
        "schema_versjon",
    };

    /// <summary>
    /// Tables a fresh PostgreSQL migration fills with starting values (the register's counters): the copied rows
    /// replace them, and <see cref="JusterTellereAsync"/> sets the counters SQLite does not keep.
    /// </summary>
    private static readonly HashSet<string> Startverdier = new(StringComparer.Ordinal)
    {
        "register_sekvens",
    };

    public static async Task<IReadOnlyList<Flyttetabell>> FlyttAsync(
        SqliteDatabase kilde, PostgresDatabase maal, IProgress<Flyttetabell>? fremdrift = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(kilde);
        ArgumentNullException.ThrowIfNull(maal);

        // Both schemas at their newest version first: the column check below compares like with like.
        await new SqliteMeldingStore(kilde).MigrerAsync(ct);
        await maal.MigrerAsync(ct);

        await using var les = await kilde.AapneLeserAsync(ct);
        // Deferred: the snapshot is taken at the first read and holds for every table after it (WAL).
        await using var lestx = les.BeginTransaction(deferred: true);
        var kildetabeller = await SqliteTabellerAsync(les, lestx, ct);

        await using var skriv = await maal.Skriver.OpenConnectionAsync(ct);
        await using var tx = await skriv.BeginTransactionAsync(ct);
        var maaltabeller = await PostgresTabellerAsync(skriv, tx, ct);

        // Everything is checked before the first row is written.
        var feil = new List<string>();
        foreach (var (tabell, kolonner) in kildetabeller)
        {
            if (!maaltabeller.TryGetValue(tabell, out var maalkolonner))
            {
                feil.Add($"tabellen {tabell} finnes ikke i PostgreSQL");
                continue;
            }

            feil.AddRange(kolonner.Where(k => !maalkolonner.ContainsKey(k)).Select(k => $"kolonnen {tabell}.{k} finnes ikke i PostgreSQL"));
        }

        if (feil.Count > 0)
        {
            throw new LagringsvalgException("Kan ikke flytte lageret: " + string.Join("; ", feil) + ".");
        }

        var ikkeTomme = new List<string>();
        foreach (var tabell in kildetabeller.Keys.Where(t => !Startverdier.Contains(t)))
        {
            await using var tell = new NpgsqlCommand($"SELECT EXISTS (SELECT 1 FROM {Navn(tabell)})", skriv, tx);
            if ((bool)(await tell.ExecuteScalarAsync(ct))!)
            {
                ikkeTomme.Add(tabell);
            }
        }

        if (ikkeTomme.Count > 0)
        {
            throw new LagringsvalgException(
                "PostgreSQL-databasen er ikke tom (" + string.Join(", ", ikkeTomme) + "): flytt bare til en ny database.");
        }

        var rekkefoelge = await FremmednoekkelrekkefoelgeAsync(skriv, tx, kildetabeller.Keys, ct);
        var resultat = new List<Flyttetabell>();
        foreach (var tabell in rekkefoelge)
        {
            var klokke = System.Diagnostics.Stopwatch.StartNew();
            var kolonner = kildetabeller[tabell];
            var typer = kolonner.Select(k => maaltabeller[tabell][k]).ToArray();
            if (Startverdier.Contains(tabell))
            {
                await using var tom = new NpgsqlCommand($"DELETE FROM {Navn(tabell)}", skriv, tx);
                await tom.ExecuteNonQueryAsync(ct);
            }

            var rader = await KopierAsync(les, lestx, skriv, tabell, kolonner, typer, ct);
            await NullstillIdentiteterAsync(skriv, tx, tabell, typer, ct);
            var linje = new Flyttetabell(tabell, rader, klokke.Elapsed);
            resultat.Add(linje);
            fremdrift?.Report(linje);
        }

        await JusterTellereAsync(skriv, tx, ct);

        // Row counts must match table by table before the move counts as done.
        foreach (var linje in resultat.Where(l => !Startverdier.Contains(l.Tabell)))
        {
            await using var tell = new NpgsqlCommand($"SELECT COUNT(*) FROM {Navn(linje.Tabell)}", skriv, tx);
            var antall = (long)(await tell.ExecuteScalarAsync(ct))!;
            if (antall != linje.Rader)
            {
                throw new InvalidOperationException($"{linje.Tabell}: {linje.Rader} rader lest, {antall} skrevet.");
            }
        }

        await tx.CommitAsync(ct);
        return resultat;
    }

    /// <summary>
    /// What PostgreSQL keeps and SQLite derives: SQLite numbers events as max + 1 under its single writer, PostgreSQL
    /// keeps the last event number in a counter row (several nodes, gap-free), which must continue after the copied
    /// events; and PostgreSQL marks applied queue rows (<c>register_ko.anvendt</c>) so claims scan only unapplied ones.
    /// </summary>
    private static async Task JusterTellereAsync(NpgsqlConnection skriv, NpgsqlTransaction tx, CancellationToken ct)
    {
        await using var kommando = new NpgsqlCommand("""
            INSERT INTO register_sekvens (navn, verdi)
            SELECT 'sekvensnummer', COALESCE(MAX(sekvensnummer), 0) FROM register_hendelse
            ON CONFLICT (navn) DO UPDATE SET verdi = excluded.verdi;
            INSERT INTO register_sekvens (navn, verdi) VALUES ('navArbeidsforholdId', 0) ON CONFLICT (navn) DO NOTHING;
            UPDATE register_ko k SET anvendt = true WHERE EXISTS (SELECT 1 FROM behandlet b WHERE b.mottaks_id = k.mottaks_id);
            """, skriv, tx);
        await kommando.ExecuteNonQueryAsync(ct);
    }

    private static async Task<Dictionary<string, List<string>>> SqliteTabellerAsync(SqliteConnection les, SqliteTransaction tx, CancellationToken ct)
    {
        var tabeller = new List<string>();
        await using (var kommando = les.CreateCommand())
        {
            kommando.Transaction = tx;
            kommando.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
            await using var leser = await kommando.ExecuteReaderAsync(ct);
            while (await leser.ReadAsync(ct))
            {
                tabeller.Add(leser.GetString(0));
            }
        }

        var resultat = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var tabell in tabeller.Where(t => !BareSqlite.Contains(t)))
        {
            var kolonner = new List<string>();
            await using var kommando = les.CreateCommand();
            kommando.Transaction = tx;
            kommando.CommandText = $"SELECT name FROM pragma_table_info('{tabell.Replace("'", "''", StringComparison.Ordinal)}') ORDER BY cid";
            await using var leser = await kommando.ExecuteReaderAsync(ct);
            while (await leser.ReadAsync(ct))
            {
                kolonner.Add(leser.GetString(0));
            }

            resultat[tabell] = kolonner;
        }

        return resultat;
    }

    /// <summary>A PostgreSQL column: its type and whether it is an identity (its sequence is moved past the copied rows).</summary>
    private sealed record Maalkolonne(string Navn, string Datatype, bool Identitet);

    private static async Task<Dictionary<string, Dictionary<string, Maalkolonne>>> PostgresTabellerAsync(
        NpgsqlConnection skriv, NpgsqlTransaction tx, CancellationToken ct)
    {
        var resultat = new Dictionary<string, Dictionary<string, Maalkolonne>>(StringComparer.Ordinal);
        await using var kommando = new NpgsqlCommand("""
            SELECT c.table_name, c.column_name, c.data_type, c.is_identity = 'YES'
            FROM information_schema.columns c JOIN information_schema.tables t
              ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
            WHERE c.table_schema = current_schema()
            """, skriv, tx);
        await using var leser = await kommando.ExecuteReaderAsync(ct);
        while (await leser.ReadAsync(ct))
        {
            var tabell = leser.GetString(0);
            if (!resultat.TryGetValue(tabell, out var kolonner))
            {
                resultat[tabell] = kolonner = new Dictionary<string, Maalkolonne>(StringComparer.Ordinal);
            }

            kolonner[leser.GetString(1)] = new Maalkolonne(leser.GetString(1), leser.GetString(2), leser.GetBoolean(3));
        }

        return resultat;
    }

    /// <summary>The tables in an order where every referenced table comes before the tables that reference it.</summary>
    private static async Task<List<string>> FremmednoekkelrekkefoelgeAsync(
        NpgsqlConnection skriv, NpgsqlTransaction tx, IEnumerable<string> tabeller, CancellationToken ct)
    {
        var avhengigheter = tabeller.ToDictionary(t => t, _ => new HashSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        await using (var kommando = new NpgsqlCommand("""
            SELECT DISTINCT c.conrelid::regclass::text, c.confrelid::regclass::text FROM pg_constraint c
            WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace
            """, skriv, tx))
        await using (var leser = await kommando.ExecuteReaderAsync(ct))
        {
            while (await leser.ReadAsync(ct))
            {
                if (avhengigheter.TryGetValue(leser.GetString(0), out var av) && leser.GetString(1) != leser.GetString(0))
                {
                    av.Add(leser.GetString(1));
                }
            }
        }

        var rekkefoelge = new List<string>();
        var ferdig = new HashSet<string>(StringComparer.Ordinal);
        while (rekkefoelge.Count < avhengigheter.Count)
        {
            var klar = avhengigheter.Keys
                .Where(t => !ferdig.Contains(t) && avhengigheter[t].All(a => ferdig.Contains(a) || !avhengigheter.ContainsKey(a)))
                .Order(StringComparer.Ordinal)
                .ToList();
            if (klar.Count == 0)
            {
                throw new InvalidOperationException("Sirkulære fremmednøkler mellom tabellene: " + string.Join(", ", avhengigheter.Keys.Except(ferdig)));
            }

            rekkefoelge.AddRange(klar);
            ferdig.UnionWith(klar);
        }

        return rekkefoelge;
    }

    private static async Task<long> KopierAsync(
        SqliteConnection les, SqliteTransaction lestx, NpgsqlConnection skriv, string tabell, List<string> kolonner, Maalkolonne[] typer, CancellationToken ct)
    {
        await using var kommando = les.CreateCommand();
        kommando.Transaction = lestx;
        kommando.CommandText = $"SELECT {string.Join(", ", kolonner.Select(Navn))} FROM {Navn(tabell)}";
        await using var leser = await kommando.ExecuteReaderAsync(ct);

        // Identity columns take the copied values as they are (COPY behaves like OVERRIDING SYSTEM VALUE).
        await using var kopi = await skriv.BeginBinaryImportAsync(
            $"COPY {Navn(tabell)} ({string.Join(", ", kolonner.Select(Navn))}) FROM STDIN (FORMAT BINARY)", ct);
        var rader = 0L;
        while (await leser.ReadAsync(ct))
        {
            await kopi.StartRowAsync(ct);
            for (var i = 0; i < kolonner.Count; i++)
            {
                if (await leser.IsDBNullAsync(i, ct))
                {
                    await kopi.WriteNullAsync(ct);
                    continue;
                }

                await SkrivVerdiAsync(kopi, leser.GetValue(i), typer[i], tabell, ct);
            }

            rader++;
        }

        await kopi.CompleteAsync(ct);
        return rader;
    }

    /// <summary>One SQLite value (long, double, string or byte[]) as the PostgreSQL column's type.</summary>
    private static Task SkrivVerdiAsync(NpgsqlBinaryImporter kopi, object verdi, Maalkolonne kolonne, string tabell, CancellationToken ct) =>
        kolonne.Datatype switch
        {
            "uuid" => kopi.WriteAsync(verdi is byte[] b ? new Guid(b) : Guid.Parse((string)verdi), NpgsqlDbType.Uuid, ct),
            "timestamp with time zone" => kopi.WriteAsync(Tidspunkt(verdi), NpgsqlDbType.TimestampTz, ct),
            "boolean" => kopi.WriteAsync(Convert.ToInt64(verdi, CultureInfo.InvariantCulture) != 0, NpgsqlDbType.Boolean, ct),
            "bigint" => kopi.WriteAsync(Convert.ToInt64(verdi, CultureInfo.InvariantCulture), NpgsqlDbType.Bigint, ct),
            "integer" => kopi.WriteAsync(Convert.ToInt32(verdi, CultureInfo.InvariantCulture), NpgsqlDbType.Integer, ct),
            "smallint" => kopi.WriteAsync(Convert.ToInt16(verdi, CultureInfo.InvariantCulture), NpgsqlDbType.Smallint, ct),
            "numeric" => kopi.WriteAsync(Convert.ToDecimal(verdi, CultureInfo.InvariantCulture), NpgsqlDbType.Numeric, ct),
            "double precision" => kopi.WriteAsync(Convert.ToDouble(verdi, CultureInfo.InvariantCulture), NpgsqlDbType.Double, ct),
            "bytea" => kopi.WriteAsync(verdi as byte[] ?? Encoding.UTF8.GetBytes(Convert.ToString(verdi, CultureInfo.InvariantCulture)!), NpgsqlDbType.Bytea, ct),
            "date" => kopi.WriteAsync(DateOnly.ParseExact((string)verdi, "yyyy-MM-dd", CultureInfo.InvariantCulture), NpgsqlDbType.Date, ct),
            "jsonb" => kopi.WriteAsync(Tekst(verdi), NpgsqlDbType.Jsonb, ct),
            "text" or "character varying" => kopi.WriteAsync(Tekst(verdi), NpgsqlDbType.Text, ct),
            _ => throw new LagringsvalgException($"Kolonnen {tabell}.{kolonne.Navn} har en type flyttingen ikke kjenner ({kolonne.Datatype})."),
        };

    /// <summary>SQLite keeps instants as UTC ticks (INTEGER) or ISO 8601 text; PostgreSQL as timestamptz (microseconds).</summary>
    private static DateTimeOffset Tidspunkt(object verdi) => verdi switch
    {
        long ticks => new DateTimeOffset(ticks, TimeSpan.Zero),
        string tekst => DateTimeOffset.Parse(tekst, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUniversalTime(),
        _ => throw new FormatException($"Ukjent tidsformat {verdi.GetType().Name}."),
    };

    private static string Tekst(object verdi) => verdi as string ?? (verdi is byte[] b ? Encoding.UTF8.GetString(b) : Convert.ToString(verdi, CultureInfo.InvariantCulture)!);

    private static async Task NullstillIdentiteterAsync(NpgsqlConnection skriv, NpgsqlTransaction tx, string tabell, Maalkolonne[] typer, CancellationToken ct)
    {
        foreach (var kolonne in typer.Where(t => t.Identitet))
        {
            await using var kommando = new NpgsqlCommand(
                $"SELECT setval(pg_get_serial_sequence($1, $2), COALESCE((SELECT MAX({Navn(kolonne.Navn)}) FROM {Navn(tabell)}), 0) + 1, false)",
                skriv,
                tx);
            kommando.Parameters.AddWithValue(tabell);
            kommando.Parameters.AddWithValue(kolonne.Navn);
            await kommando.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>Quotes an identifier (names come from the schemas, never from input).</summary>
    private static string Navn(string identifikator) => "\"" + identifikator.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
