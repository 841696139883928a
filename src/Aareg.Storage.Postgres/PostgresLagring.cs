using Aareg.Storage.Pensjon;
using Aareg.Storage.Referanse;
using Aareg.Storage.Register;
using Aareg.Storage.Revisjon;
using Aareg.Storage.Tilgang;

namespace Aareg.Storage.Postgres;

/// <summary>Every store on one PostgreSQL database (the primary, and a replica for lookups when <c>ConnectionStrings:AaregLes</c> is set).</summary>
public sealed class PostgresLagring : ILagring
{
    public PostgresLagring(string tilkoblingstreng, string? lesetilkoblingstreng = null)
        : this(new PostgresDatabase(tilkoblingstreng, lesetilkoblingstreng))
    {
    }

    public PostgresLagring(PostgresDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        Database = database;
        Meldinger = new PostgresMeldingStore(database);
    }

    public PostgresDatabase Database { get; }

    public Lagringstype Type => Lagringstype.Postgres;

    public IMeldingStore Meldinger { get; }

    public IReferanseStore Referanse => throw new NotSupportedException("TEMP");

    public IPensjonsinnretningStore Pensjonsinnretninger => throw new NotSupportedException("TEMP");

    public IAvtaleStore Avtaler => throw new NotSupportedException("TEMP");

    public ISoknadStore Soknader => throw new NotSupportedException("TEMP");

    public IDelegeringStore Delegeringer => throw new NotSupportedException("TEMP");

    public IRevisjonslogg Revisjonslogg => throw new NotSupportedException("TEMP");

    public IRevisjonsleser Revisjonsleser => throw new NotSupportedException("TEMP");

    public IRegisterStore LagRegister(Func<string, IReadOnlyCollection<string>>? personidenter) => throw new NotSupportedException("TEMP");

    public Task MigrerAsync(CancellationToken ct = default) => Database.MigrerAsync(ct);

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}
