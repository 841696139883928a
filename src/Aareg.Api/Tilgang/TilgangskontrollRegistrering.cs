namespace Aareg.Api.Tilgang;

public static class TilgangskontrollRegistrering
{
    /// <summary>
    /// The access-control pipeline (<see cref="Tilgangskontroll"/>) and its rate buckets. It needs an
    /// <see cref="Storage.Tilgang.IAvtaleStore"/> and an <see cref="Storage.Revisjon.IRevisjonslogg"/> registered by
    /// the storage backend. Safe to call twice.
    /// </summary>
    public static IServiceCollection AddAaregTilgangskontroll(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(s => s.ServiceType == typeof(Tilgangskontroll)))
        {
            return services;
        }

        services.AddOptions<TilgangInnstillinger>().BindConfiguration("Aareg:Tilgang");
        services.AddSingleton<Oppslagsbegrensning>();
        services.AddSingleton<Tilgangskontroll>();
        return services;
    }
}
