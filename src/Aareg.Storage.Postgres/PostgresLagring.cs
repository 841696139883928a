using Aareg.Storage.Pensjon;
using Aareg.Storage.Referanse;
using Aareg.Storage.Register;
using Aareg.Storage.Revisjon;
using Aareg.Storage.Tilgang;

namespace Aareg.Storage.Postgres;

/// <summary>Every store on one PostgreSQL database (the primary, and a replica for lookups when <c>ConnectionStrings:AaregLes</c> is set).</summary>
public sealed class PostgresLagring : ILagring
{
    private readonly PostgresRevisjonslogg _revisjon;

    public PostgresLagring(string tilkoblingstreng, string? lesetilkoblingstreng = null)
        : this(new PostgresDatabase(tilkoblingstreng, lesetilkoblingstreng))
    {
    }

    public PostgresLagring(PostgresDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        Database = database;
        Meldinger = new PostgresMeldingStore(database);
        Referanse = new PostgresReferanseStore(database);
        Pensjonsinnretninger = new PostgresPensjonsinnretningStore(database);
        Avtaler = new PostgresAvtaleStore(database);
        Soknader = new PostgresSoknadStore(database);
        Delegeringer = new PostgresDelegeringStore(database);
        _revisjon = new PostgresRevisjonslogg(database);
    }

    public PostgresDatabase Database { get; }

    public Lagringstype Type => Lagringstype.Postgres;

    public IMeldingStore Meldinger { get; }

    public IReferanseStore Referanse { get; }

    public IPensjonsinnretningStore Pensjonsinnretninger { get; }

    public IAvtaleStore Avtaler { get; }

    public ISoknadStore Soknader { get; }

    public IDelegeringStore Delegeringer { get; }

    public IRevisjonslogg Revisjonslogg => _revisjon;

    public IRevisjonsleser Revisjonsleser => _revisjon;

    public IRegisterStore LagRegister(Func<string, IReadOnlyCollection<string>>? personidenter) =>
        new PostgresRegisterStore(Database) { Personidenter = personidenter };

    public Task MigrerAsync(CancellationToken ct = default) => Database.MigrerAsync(ct);

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}
