using Galaxy.Api.Toolkit;
using Galaxy.Api.Toolkit.Errors;
using Galaxy.Api.Toolkit.Hosting;
using Microsoft.AspNetCore.Hosting;
using Galaxy.Api.Toolkit.Ids;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the services of a generated Galaxy API.</summary>
public static class GalaxyApiServiceCollectionExtensions
{
    /// <summary>Registers the toolkit's services; then map the API with <c>app.MapGalaxyApi()</c>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets run-time options.</param>
    public static IServiceCollection AddGalaxyApi(this IServiceCollection services, Action<GalaxyApiOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<GalaxyApiOptions>();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        if (services.Any(static s => s.ServiceType == typeof(GalaxyApiMarker)))
        {
            return services;
        }

        services.TryAddSingleton<GalaxyApiMarker>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GalaxyApiOptions>, GalaxyApiOptionsValidator>());
        services.AddOptions<GalaxyApiOptions>().ValidateOnStart();
        Galaxy.Api.Toolkit.Validation.GeneratedValidators.AddTo(services);
        services.TryAddSingleton<ErrorFormat>();
        services.TryAddSingleton<Galaxy.Api.Toolkit.Documents.CompileTimeDocument>();
        services.TryAddSingleton(static provider => new GalaxyIdEncoder(provider.GetRequiredService<IOptions<GalaxyApiOptions>>().Value.IdSecret));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStartupFilter, GalaxyErrorStartupFilter>());
        return services;
    }
}
