using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Galaxy.Data;

/// <summary>Registers the Galaxy database and its repositories.</summary>
public static class GalaxyDataServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="GalaxyDatabase"/> (one per container) and the repositories, configured from <c>Galaxy:Database</c>
    /// (a path relative to the host's content root, default <c>data/galaxy.sqlite</c>, or <c>:memory:</c>),
    /// <c>Galaxy:AdminApiKey</c> and <c>Galaxy:DatabaseBusyTimeout</c>. Calling it again (the legacy app mounted in the modern
    /// host) changes nothing: both sides share the one database.
    /// </summary>
    public static IServiceCollection AddGalaxyData(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider => GalaxyDatabaseOptions.FromConfiguration(configuration, provider.GetService<IHostEnvironment>()?.ContentRootPath));
        services.TryAddSingleton(static provider => new GalaxyDatabase(provider.GetRequiredService<GalaxyDatabaseOptions>(), provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(static provider => new UserRepository(provider.GetRequiredService<GalaxyDatabase>()));
        services.TryAddSingleton(static provider => new HistoryRepository(provider.GetRequiredService<GalaxyDatabase>()));
        services.TryAddSingleton(static provider => new DatasetRepository(provider.GetRequiredService<GalaxyDatabase>()));
        services.TryAddSingleton(static provider => new ToolRepository(provider.GetRequiredService<GalaxyDatabase>()));
        services.TryAddSingleton(static provider => new JobRepository(provider.GetRequiredService<GalaxyDatabase>()));
        return services;
    }
}
