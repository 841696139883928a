using Aareg.Storage.Pensjon;
using Aareg.Storage.Referanse;
using Aareg.Storage.Register;
using Aareg.Storage.Revisjon;
using Aareg.Storage.Tilgang;
using Npgsql;

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

    /// <summary>
    /// A session advisory lock (<c>pg_advisory_lock(0x41610007, hashtext(jobb))</c>) on a connection of its own, held
    /// until disposed: one node at a time across the cluster, and freed by the server when a node dies.
    /// </summary>
    public async Task<IAsyncDisposable?> TaJobblaasAsync(string jobb, bool vent, CancellationToken ct = default)
    {
        var tilkobling = await Database.Skriver.OpenConnectionAsync(ct);
        try
        {
            // pg_advisory_lock returns only once the lock is granted; pg_try_advisory_lock says whether it got it.
            await using var kommando = new NpgsqlCommand(
                vent ? "SELECT true FROM (SELECT pg_advisory_lock($1, hashtext($2))) l" : "SELECT pg_try_advisory_lock($1, hashtext($2))", tilkobling);
            kommando.Parameters.AddWithValue(Jobblaasklasse);
            kommando.Parameters.AddWithValue(jobb);
            if ((bool)(await kommando.ExecuteScalarAsync(ct))!)
            {
                return new Jobblaas(tilkobling, jobb);
            }
        }
        catch
        {
            await tilkobling.DisposeAsync();
            throw;
        }

        await tilkobling.DisposeAsync();
        return null;
    }

    /// <summary>The first key of the two-key advisory lock on scheduled jobs ("Aa" + 7).</summary>
    internal const int Jobblaasklasse = 0x4161_0007;

    private sealed class Jobblaas(NpgsqlConnection tilkobling, string jobb) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var kommando = new NpgsqlCommand("SELECT pg_advisory_unlock($1, hashtext($2))", tilkobling);
                kommando.Parameters.AddWithValue(Jobblaasklasse);
                kommando.Parameters.AddWithValue(jobb);
                await kommando.ExecuteNonQueryAsync(CancellationToken.None);
            }
            finally
            {
                // A session lock must not go back to the pool with the connection.
                await tilkobling.DisposeAsync();
            }
        }
    }

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}
