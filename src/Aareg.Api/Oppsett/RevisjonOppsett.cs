using Aareg.Storage;
using Aareg.Storage.Revisjon;

namespace Aareg.Api.Oppsett;

public static class RevisjonOppsett
{
    /// <summary>
    /// The hash-chained audit log (API §8) in the service's database (<see cref="ILagring"/>): one instance per process
    /// appends (group commit) and reads; on PostgreSQL, nodes append to one chain.
    /// </summary>
    public static IServiceCollection AddRevisjon(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(sp => sp.GetRequiredService<ILagring>().Revisjonslogg);
        services.AddSingleton(sp => sp.GetRequiredService<ILagring>().Revisjonsleser);
        return services;
    }
}
