using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Xml;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Aareg.Bench;

/// <summary>The arbeidsforhold fields a plain reader pulls out of an a-melding (the parse floor's output).</summary>
internal sealed record LestArbeidsforhold(
    string Opplysningspliktig,
    string Virksomhet,
    string Person,
    string? ArbeidsforholdId,
    string? Type,
    string? Startdato,
    string? Sluttdato,
    string? Yrke,
    string? Stillingsprosent,
    string? Timer);

/// <summary>
/// The floors of PERFORMANCE.md: what the machine does with the same data and no product logic, so each workload is
/// reported as a ratio that does not depend on the machine.
/// </summary>
internal static class Gulv
{
    /// <summary>Parse floor: every file of the month with a plain <see cref="XmlReader"/> loop, 2 threads.</summary>
    public static (TimeSpan Tid, List<LestArbeidsforhold> Rader, long Bytes) Parse(IReadOnlyList<string> filer)
    {
        var deler = new ConcurrentBag<List<LestArbeidsforhold>>();
        long bytes = 0;
        var klokke = Stopwatch.StartNew();
        Parallel.For(0, 2, new ParallelOptions { MaxDegreeOfParallelism = 2 }, traad =>
        {
            var rader = new List<LestArbeidsforhold>();
            long mine = 0;
            for (var i = traad; i < filer.Count; i += 2)
            {
                mine += LesFil(filer[i], rader);
            }

            Interlocked.Add(ref bytes, mine);
            deler.Add(rader);
        });
        klokke.Stop();
        return (klokke.Elapsed, deler.SelectMany(d => d).ToList(), bytes);
    }

    private static long LesFil(string fil, List<LestArbeidsforhold> rader)
    {
        using var strom = new FileStream(fil, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024);
        using var leser = XmlReader.Create(strom, new XmlReaderSettings { IgnoreWhitespace = true, IgnoreComments = true, DtdProcessing = DtdProcessing.Prohibit });
        string opplysningspliktig = "", virksomhet = "", person = "";
        var nivaa = ""; // which identifier the next norskIdentifikator belongs to
        leser.Read();
        while (!leser.EOF)
        {
            // ReadElementContentAsString and ReadSubtree leave the reader on the next node: no Read() after them.
            if (leser.NodeType != XmlNodeType.Element)
            {
                leser.Read();
                continue;
            }

            switch (leser.LocalName)
            {
                case "norskIdentifikator":
                    var id = leser.ReadElementContentAsString();
                    if (nivaa == "opplysningspliktig")
                    {
                        opplysningspliktig = id;
                    }
                    else if (nivaa == "virksomhet")
                    {
                        virksomhet = id;
                    }
                    else if (nivaa == "inntektsmottaker")
                    {
                        person = id;
                    }

                    nivaa = "";
                    continue;
                case "arbeidsforhold":
                    using (var del = leser.ReadSubtree())
                    {
                        rader.Add(LesArbeidsforhold(del, opplysningspliktig, virksomhet, person));
                    }

                    leser.Read();
                    continue;
                case "opplysningspliktig":
                case "virksomhet":
                case "inntektsmottaker":
                    nivaa = leser.LocalName;
                    break;
                default:
                    break;
            }

            leser.Read();
        }

        return strom.Length;
    }

    private static LestArbeidsforhold LesArbeidsforhold(XmlReader del, string opplysningspliktig, string virksomhet, string person)
    {
        string? id = null, type = null, start = null, slutt = null, yrke = null, prosent = null, timer = null;
        {
            del.Read();
            del.Read();
            while (!del.EOF)
            {
                if (del.NodeType != XmlNodeType.Element || del.Depth != 1)
                {
                    del.Read();
                    continue;
                }

                switch (del.LocalName)
                {
                    case "arbeidsforholdId": id = del.ReadElementContentAsString(); break;
                    case "typeArbeidsforhold": type = del.ReadElementContentAsString(); break;
                    case "startdato": start = del.ReadElementContentAsString(); break;
                    case "sluttdato": slutt = del.ReadElementContentAsString(); break;
                    case "yrke": yrke = del.ReadElementContentAsString(); break;
                    case "stillingsprosent": prosent = del.ReadElementContentAsString(); break;
                    case "antallTimerPerUkeSomEnFullStillingTilsvarer": timer = del.ReadElementContentAsString(); break;
                    default: del.Skip(); break;
                }
            }

            return new LestArbeidsforhold(opplysningspliktig, virksomhet, person, id, type, start, slutt, yrke, prosent, timer);
        }
    }

    /// <summary>
    /// Write floor: the same rows into a fresh SQLite file shaped like the register's version table (same indexes,
    /// a compact JSON document per row), prepared statements, 50,000 rows per transaction, WAL and synchronous=FULL
    /// as the product's store.
    /// </summary>
    public static TimeSpan Skriv(string fil, IReadOnlyList<LestArbeidsforhold> rader)
    {
        foreach (var f in new[] { fil, fil + "-wal", fil + "-shm" })
        {
            File.Delete(f);
        }

        using var db = new SqliteConnection($"Data Source={fil};Pooling=false");
        db.Open();
        Utfoer(db, """
            PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;
            CREATE TABLE arbeidsforhold (
                id INTEGER NOT NULL, versjon INTEGER NOT NULL, uuid TEXT NOT NULL, opplysningspliktig TEXT NOT NULL,
                arbeidssted TEXT NOT NULL, arbeidstaker TEXT NOT NULL, fom INTEGER NOT NULL, tom INTEGER,
                dokument BLOB NOT NULL, PRIMARY KEY (id, versjon));
            CREATE INDEX af_uuid ON arbeidsforhold(uuid);
            CREATE INDEX af_gjeldende ON arbeidsforhold(opplysningspliktig, arbeidssted, id) WHERE tom IS NULL;
            CREATE TABLE arbeidstaker (ident TEXT NOT NULL, id INTEGER NOT NULL, PRIMARY KEY (ident, id)) WITHOUT ROWID;
            """);
        var klokke = Stopwatch.StartNew();
        var tidspunkt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        for (var start = 0; start < rader.Count; start += 50_000)
        {
            using var tx = db.BeginTransaction();
            using var af = db.CreateCommand();
            af.Transaction = tx;
            af.CommandText = "INSERT INTO arbeidsforhold VALUES ($id, 1, $uuid, $op, $sted, $person, $fom, NULL, $dok)";
            var pId = af.Parameters.Add("$id", SqliteType.Integer);
            var pUuid = af.Parameters.Add("$uuid", SqliteType.Text);
            var pOp = af.Parameters.Add("$op", SqliteType.Text);
            var pSted = af.Parameters.Add("$sted", SqliteType.Text);
            var pPerson = af.Parameters.Add("$person", SqliteType.Text);
            var pFom = af.Parameters.Add("$fom", SqliteType.Integer);
            var pDok = af.Parameters.Add("$dok", SqliteType.Blob);
            af.Prepare();
            using var idx = db.CreateCommand();
            idx.Transaction = tx;
            idx.CommandText = "INSERT OR IGNORE INTO arbeidstaker VALUES ($ident, $id)";
            var iIdent = idx.Parameters.Add("$ident", SqliteType.Text);
            var iId = idx.Parameters.Add("$id", SqliteType.Integer);
            idx.Prepare();
            for (var i = start; i < Math.Min(rader.Count, start + 50_000); i++)
            {
                var r = rader[i];
                pId.Value = i + 1L;
                pUuid.Value = Guid.CreateVersion7().ToString();
                pOp.Value = r.Opplysningspliktig;
                pSted.Value = r.Virksomhet;
                pPerson.Value = r.Person;
                pFom.Value = tidspunkt;
                pDok.Value = JsonSerializer.SerializeToUtf8Bytes(r, BenchJson.Default.LestArbeidsforhold);
                af.ExecuteNonQuery();
                iIdent.Value = r.Person;
                iId.Value = i + 1L;
                idx.ExecuteNonQuery();
            }

            tx.Commit();
        }

        klokke.Stop();
        return klokke.Elapsed;
    }

    /// <summary>Point floor: indexed lookup by person (index range + primary-key reads) on the write floor's file, 2 threads.</summary>
    public static (double PerSekund, Fordeling Latens) Punkt(string fil, IReadOnlyList<string> personer, TimeSpan varighet) =>
        MaalPunkt(personer, varighet, () =>
        {
            var db = new SqliteConnection($"Data Source={fil};Mode=ReadOnly;Pooling=false");
            db.Open();
            var cmd = db.CreateCommand();
            cmd.CommandText = PunktSql.Replace("@ident", "$ident", StringComparison.Ordinal);
            var p = cmd.Parameters.Add("$ident", SqliteType.Text);
            cmd.Prepare();
            return (db, cmd, p);
        });

    /// <summary>Point floor on PostgreSQL: the same query as <see cref="Punkt"/>, prepared, one connection per thread, 2 threads.</summary>
    public static (double PerSekund, Fordeling Latens) PunktPostgres(string tilkobling, IReadOnlyList<string> personer, TimeSpan varighet) =>
        MaalPunkt(personer, varighet, () =>
        {
            var db = new NpgsqlConnection(tilkobling);
            db.Open();
            var cmd = new NpgsqlCommand(PunktSql.Replace("@ident", "$1", StringComparison.Ordinal), db);
            var p = cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text });
            cmd.Prepare();
            return (db, cmd, p);
        });

    private const string PunktSql = """
        SELECT a.id, a.versjon, a.dokument FROM arbeidstaker t JOIN arbeidsforhold a ON a.id = t.id
        WHERE t.ident = @ident AND a.tom IS NULL
        """;

    /// <summary>The point floor's loop, the same on both stores: 2 threads, each with its own connection and prepared command.</summary>
    private static (double PerSekund, Fordeling Latens) MaalPunkt(
        IReadOnlyList<string> personer, TimeSpan varighet, Func<(System.Data.Common.DbConnection Db, System.Data.Common.DbCommand Cmd, System.Data.Common.DbParameter P)> aapne)
    {
        var latenser = new ConcurrentBag<double[]>();
        long antall = 0;
        var klokke = Stopwatch.StartNew();
        Parallel.For(0, 2, new ParallelOptions { MaxDegreeOfParallelism = 2 }, traad =>
        {
            var (db, cmd, p) = aapne();
            using (db)
            using (cmd)
            {
                var mine = new List<double>();
                var i = traad;
                var slutt = Stopwatch.GetTimestamp() + (long)(varighet.TotalSeconds * Stopwatch.Frequency);
                while (Stopwatch.GetTimestamp() < slutt)
                {
                    var t0 = Stopwatch.GetTimestamp();
                    p.Value = personer[i % personer.Count];
                    using (var r = cmd.ExecuteReader())
                    {
                        while (r.Read())
                        {
                            _ = r.GetInt64(0);
                            _ = r.GetFieldValue<byte[]>(2);
                        }
                    }

                    mine.Add(Lastgenerator.MsSiden(t0, Stopwatch.GetTimestamp()));
                    i += 2;
                }

                Interlocked.Add(ref antall, mine.Count);
                latenser.Add([.. mine]);
            }
        });
        klokke.Stop();
        return (antall / klokke.Elapsed.TotalSeconds, Fordeling.Av(latenser.SelectMany(l => l).ToArray()));
    }

    private const string ScanSql = """
        SELECT nav_arbeidsforhold_id, nav_versjon, nav_uuid, opplysningspliktig, arbeidssted, arbeidstaker, dokument
        FROM arbeidsforhold_versjon WHERE bruk_tom IS NULL
        """;

    /// <summary>Scan floor: every current row of the product's version table as one JSON line, to a file.</summary>
    public static (TimeSpan Tid, long Rader, long Bytes, List<long> Ider) Scan(string dbFil, string utFil)
    {
        using var db = new SqliteConnection($"Data Source={dbFil};Mode=ReadOnly;Pooling=false");
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = ScanSql;
        return MaalScan(cmd, utFil);
    }

    /// <summary>Scan floor on PostgreSQL: every current row of the product's version table, streamed by one query, as one JSON line each.</summary>
    public static (TimeSpan Tid, long Rader, long Bytes, List<long> Ider) ScanPostgres(string tilkobling, string utFil)
    {
        using var db = new NpgsqlConnection(tilkobling);
        db.Open();
        using var cmd = new NpgsqlCommand(ScanSql, db) { CommandTimeout = 0 };
        return MaalScan(cmd, utFil);
    }

    /// <summary>The scan floor's loop on either store (SQLite keeps the uuid as text, PostgreSQL as uuid).</summary>
    private static (TimeSpan Tid, long Rader, long Bytes, List<long> Ider) MaalScan(System.Data.Common.DbCommand cmd, string utFil)
    {
        var klokke = Stopwatch.StartNew();
        long rader = 0;
        var ider = new List<long>();
        using (var ut = new FileStream(utFil, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        using (var w = new Utf8JsonWriter(ut))
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                w.WriteStartObject();
                var id = r.GetInt64(0);
                ider.Add(id);
                w.WriteNumber("navArbeidsforholdId", id);
                w.WriteNumber("navVersjon", Convert.ToInt64(r.GetValue(1), System.Globalization.CultureInfo.InvariantCulture));
                w.WriteString("navUuid", r.GetValue(2) is Guid g ? g.ToString() : r.GetString(2));
                w.WriteString("opplysningspliktig", r.GetString(3));
                w.WriteString("arbeidssted", r.GetString(4));
                w.WriteString("arbeidstaker", r.GetString(5));
                w.WritePropertyName("dokument");
                w.WriteRawValue(r.GetFieldValue<byte[]>(6), skipInputValidation: true);
                w.WriteEndObject();
                w.Flush();
                ut.WriteByte((byte)'\n');
                w.Reset();
                rader++;
            }
        }

        klokke.Stop();
        return (klokke.Elapsed, rader, new FileInfo(utFil).Length, ider);
    }

    /// <summary>
    /// Write floor on PostgreSQL (<c>--store postgres</c>): the same rows and bytes as <see cref="Skriv"/> into a fresh
    /// database, tables shaped like the PostgreSQL register's (uuid, bigint, bytea, "C" collation, the version
    /// table's fill factor) with the same indexes as the SQLite floor, by the server's fastest path: binary COPY of
    /// both tables in one transaction per 50,000 rows, each commit durable (the server's synchronous_commit).
    /// ANALYZE afterwards (not timed) so the point floor's plan uses the indexes.
    /// </summary>
    public static TimeSpan SkrivPostgres(string tilkobling, IReadOnlyList<LestArbeidsforhold> rader)
    {
        using var db = new NpgsqlConnection(tilkobling);
        db.Open();
        Utfoer(db, """
            CREATE TABLE arbeidsforhold (
                id bigint NOT NULL, versjon integer NOT NULL, uuid uuid NOT NULL, opplysningspliktig text COLLATE "C" NOT NULL,
                arbeidssted text COLLATE "C" NOT NULL, arbeidstaker text COLLATE "C" NOT NULL, fom bigint NOT NULL, tom bigint,
                dokument bytea NOT NULL, PRIMARY KEY (id, versjon)) WITH (fillfactor = 75);
            CREATE INDEX af_uuid ON arbeidsforhold(uuid);
            CREATE INDEX af_gjeldende ON arbeidsforhold(opplysningspliktig, arbeidssted, id) WHERE tom IS NULL;
            CREATE TABLE arbeidstaker (ident text COLLATE "C" NOT NULL, id bigint NOT NULL, PRIMARY KEY (ident, id));
            """);
        var klokke = Stopwatch.StartNew();
        var tidspunkt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        for (var start = 0; start < rader.Count; start += 50_000)
        {
            var slutt = Math.Min(rader.Count, start + 50_000);
            using var tx = db.BeginTransaction();
            using (var af = db.BeginBinaryImport(
                "COPY arbeidsforhold (id, versjon, uuid, opplysningspliktig, arbeidssted, arbeidstaker, fom, tom, dokument) FROM STDIN (FORMAT BINARY)"))
            {
                for (var i = start; i < slutt; i++)
                {
                    var r = rader[i];
                    af.StartRow();
                    af.Write(i + 1L, NpgsqlDbType.Bigint);
                    af.Write(1, NpgsqlDbType.Integer);
                    af.Write(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                    af.Write(r.Opplysningspliktig, NpgsqlDbType.Text);
                    af.Write(r.Virksomhet, NpgsqlDbType.Text);
                    af.Write(r.Person, NpgsqlDbType.Text);
                    af.Write(tidspunkt, NpgsqlDbType.Bigint);
                    af.WriteNull();
                    af.Write(JsonSerializer.SerializeToUtf8Bytes(r, BenchJson.Default.LestArbeidsforhold), NpgsqlDbType.Bytea);
                }

                af.Complete();
            }

            using (var idx = db.BeginBinaryImport("COPY arbeidstaker (ident, id) FROM STDIN (FORMAT BINARY)"))
            {
                for (var i = start; i < slutt; i++)
                {
                    idx.StartRow();
                    idx.Write(rader[i].Person, NpgsqlDbType.Text);
                    idx.Write(i + 1L, NpgsqlDbType.Bigint);
                }

                idx.Complete();
            }

            tx.Commit();
        }

        klokke.Stop();
        Utfoer(db, "ANALYZE arbeidsforhold; ANALYZE arbeidstaker;");
        return klokke.Elapsed;
    }

    private static readonly byte[] Svar230 = LagSvar();

    /// <summary>HTTP floor: a minimal Kestrel endpoint in this process returning a 230-byte JSON object.</summary>
    public static async Task<WebApplication> StartHttpAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.MapGet("/gulv", (HttpContext http) =>
        {
            http.Response.ContentType = "application/json";
            http.Response.ContentLength = Svar230.Length;
            return http.Response.Body.WriteAsync(Svar230).AsTask();
        });
        await app.StartAsync();
        return app;
    }

    private static byte[] LagSvar()
    {
        var tekst = new StringBuilder("{\"navArbeidsforholdId\":123456789,\"type\":\"ordinaertArbeidsforhold\",\"startdato\":\"2020-07-06\",\"yrke\":\"2221101\",\"fyll\":\"");
        while (tekst.Length < 228)
        {
            tekst.Append('x');
        }

        tekst.Append("\"}");
        return Encoding.UTF8.GetBytes(tekst.ToString());
    }

    private static void Utfoer(SqliteConnection db, string sql)
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static void Utfoer(NpgsqlConnection db, string sql)
    {
        using var cmd = new NpgsqlCommand(sql, db);
        cmd.CommandTimeout = 0;
        cmd.ExecuteNonQuery();
    }
}
