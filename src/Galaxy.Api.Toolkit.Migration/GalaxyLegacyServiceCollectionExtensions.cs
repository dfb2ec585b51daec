using Galaxy.Api.Toolkit.Documents;
using Galaxy.Api.Toolkit.Migration;
using System.Runtime.CompilerServices;
using Galaxy.Api.Toolkit.Migration.Catalog;
using Galaxy.Api.Toolkit.Migration.Validation;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the legacy fallback of a host that ports an API route by route.</summary>
public static class GalaxyLegacyServiceCollectionExtensions
{
    /// <summary>
    /// Registers the legacy fallback; then map it with <c>app.MapGalaxyLegacyFallback()</c>. Say where the legacy side is
    /// with <see cref="GalaxyLegacyOptions.Servers"/> (out of process) or <see cref="GalaxyLegacyOptions.App"/> (in process).
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options.</param>
    public static IServiceCollection AddGalaxyLegacyFallback(this IServiceCollection services, Action<GalaxyLegacyOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<GalaxyLegacyOptions>().Configure(configure);
        if (services.Any(static s => s.ServiceType == typeof(LegacyTraffic)))
        {
            return services;
        }

        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<CompileTimeDocument>();
        services.TryAddSingleton<MigrationMetrics>();
        services.TryAddSingleton<LegacyCatalogProvider>();
        services.TryAddSingleton<LegacyTraffic>();
        services.AddSingleton<Galaxy.Api.Toolkit.Hosting.IGalaxyApiDocumentTransform, LegacyDocumentTransform>();
        // The docs pages link the migration status page (admins only).
        services.AddOptions<Galaxy.Api.Toolkit.GalaxyApiOptions>().PostConfigure<Microsoft.Extensions.Options.IOptions<GalaxyLegacyOptions>>(static (api, legacy) =>
        {
            if (legacy.Value.AdminPath is { } adminPath && !api.DocsLinks.Any(link => link.Href == adminPath))
            {
                api.DocsLinks.Add(new Galaxy.Api.Toolkit.GalaxyDocsLink("Migration status (admins)", adminPath));
            }
        });
        // NJsonSchema needs reflection and dynamic code. Under Native AOT this test is the constant false: the
        // NJsonSchema-based validation is then not compiled into the host at all (no trim or AOT warning), and legacy
        // requests are forwarded unchecked.
        if (RuntimeFeature.IsDynamicCodeSupported)
        {
            services.TryAddSingleton<ILegacyRequestValidation, LegacyRequestValidators>();
        }
        else
        {
            services.TryAddSingleton<ILegacyRequestValidation, NoLegacyRequestValidation>();
        }

        Galaxy.Api.Toolkit.Migration.Forwarding.LegacyBackendServices.Add(services);
        Galaxy.Api.Toolkit.Migration.Shadow.ShadowServices.Add(services);
        return services;
    }
}
