using Aareg.Storage.Revisjon;
using Aareg.Storage.Sqlite;

namespace Aareg.Api.Oppsett;

public static class RevisjonOppsett
{
    /// <summary>The hash-chained audit log (API §8) in the service's SQLite database: one instance appends and reads.</summary>
    public static IServiceCollection AddRevisjon(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<SqliteRevisjonslogg>();
        services.AddSingleton<IRevisjonslogg>(sp => sp.GetRequiredService<SqliteRevisjonslogg>());
        services.AddSingleton<IRevisjonsleser>(sp => sp.GetRequiredService<SqliteRevisjonslogg>());
        return services;
    }
}
