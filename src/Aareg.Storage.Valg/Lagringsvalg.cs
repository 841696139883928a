using Aareg.Storage.Postgres;
using Aareg.Storage.Sqlite;

namespace Aareg.Storage.Valg;

/// <summary>
/// The store settings as an operator gives them (<c>Aareg:Storage:Provider</c>, <c>ConnectionStrings:Aareg</c>,
/// <c>ConnectionStrings:AaregLes</c>, <c>Aareg:DataDirectory</c>), read the same way by the service, the command line
/// and the benchmark harness.
/// </summary>
/// <param name="Leverandoer">Sqlite (default) or Postgres, case-insensitive.</param>
/// <param name="Tilkobling">The primary's connection string (PostgreSQL only).</param>
/// <param name="Lesetilkobling">A streaming replica for lookups (optional; PostgreSQL only).</param>
/// <param name="Datamappe">The data directory: SQLite's <c>aareg.db</c> lives there.</param>
public sealed record Lagringsvalg(string? Leverandoer, string? Tilkobling, string? Lesetilkobling, string Datamappe)
{
    public Lagringstype Type => Tolk(Leverandoer);

    /// <summary>Opens every store of the chosen backend (does not migrate).</summary>
    public ILagring Aapne() => Type switch
    {
        Lagringstype.Postgres => new PostgresLagring(
            string.IsNullOrWhiteSpace(Tilkobling)
                ? throw new LagringsvalgException(
                    "Aareg:Storage:Provider er Postgres, men ConnectionStrings:Aareg (miljøvariabel ConnectionStrings__Aareg) mangler.")
                : Tilkobling,
            Lesetilkobling),
        _ => new SqliteLagring(Path.Combine(Path.GetFullPath(Datamappe), "aareg.db")),
    };

    /// <summary>A description for logs and command output, without credentials.</summary>
    public string Beskrivelse() => Type switch
    {
        Lagringstype.Postgres => "PostgreSQL " + Vert(Tilkobling) + (string.IsNullOrWhiteSpace(Lesetilkobling) ? string.Empty : ", oppslag fra " + Vert(Lesetilkobling)),
        _ => "SQLite " + Path.Combine(Path.GetFullPath(Datamappe), "aareg.db"),
    };

    public static Lagringstype Tolk(string? leverandoer) => leverandoer?.Trim().ToUpperInvariant() switch
    {
        null or "" or "SQLITE" => Lagringstype.Sqlite,
        "POSTGRES" or "POSTGRESQL" => Lagringstype.Postgres,
        _ => throw new LagringsvalgException($"Ukjent Aareg:Storage:Provider '{leverandoer}': bruk Sqlite eller Postgres."),
    };

    private static string Vert(string? tilkobling)
    {
        var bygger = new Npgsql.NpgsqlConnectionStringBuilder(tilkobling);
        return $"{bygger.Host}:{bygger.Port}/{bygger.Database}";
    }
}

/// <summary>The store settings are wrong (start-up fails with this message; it never contains a password).</summary>
public sealed class LagringsvalgException : Exception
{
    public LagringsvalgException()
    {
    }

    public LagringsvalgException(string message)
        : base(message)
    {
    }

    public LagringsvalgException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
