using Galaxy.Api.Toolkit.Migration;
using Galaxy.Api.Toolkit.Migration.Catalog;
using Galaxy.Api.Toolkit.Migration.Forwarding;
using Galaxy.Api.Toolkit.Migration.Routing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the legacy fallback.</summary>
public static class GalaxyLegacyEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Sends every request under <see cref="GalaxyLegacyOptions.Prefix"/> that no other endpoint serves to the legacy
    /// side, and maps the admin-only migration endpoints under <see cref="GalaxyLegacyOptions.AdminPath"/>. Modern
    /// endpoints always win, whatever the order of the <c>Map</c> calls.
    /// </summary>
    /// <param name="endpoints">The application.</param>
    public static IEndpointRouteBuilder MapGalaxyLegacyFallback(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var services = endpoints.ServiceProvider;
        if (services.GetService<LegacyTraffic>() is null)
        {
            throw new InvalidOperationException(
                "MapGalaxyLegacyFallback() needs its services: call builder.Services.AddGalaxyLegacyFallback(options => ...) before building the app.");
        }

        var options = services.GetRequiredService<IOptions<GalaxyLegacyOptions>>().Value;
        options.Validate();
        var backend = services.GetRequiredService<ILegacyBackend>();
        var traffic = services.GetRequiredService<LegacyTraffic>();
        var validators = services.GetRequiredService<Galaxy.Api.Toolkit.Migration.Validation.ILegacyRequestValidation>();
        endpoints.DataSources.Add(new LegacyEndpointDataSource(
            options,
            services.GetRequiredService<LegacyCatalogProvider>(),
            route => new LegacyFallbackHandler(route, backend, traffic, validators).InvokeAsync,
            services.GetRequiredService<ILoggerFactory>().CreateLogger("Galaxy.Api.Toolkit.Migration.LegacyFallback")));
        if (options.AdminPath is { } adminPath)
        {
            RequireAdminPolicy(services);
            CoverageEndpoint.Map(endpoints, adminPath, services.GetRequiredService<LegacyCatalogProvider>(), traffic);
            Galaxy.Api.Toolkit.Migration.Shadow.ShadowServices.MapAdmin(endpoints, adminPath);
        }

        return endpoints;
    }

    private static void RequireAdminPolicy(IServiceProvider services)
    {
        var authorization = services.GetService<IOptions<Microsoft.AspNetCore.Authorization.AuthorizationOptions>>()?.Value;
        if (authorization?.GetPolicy(Galaxy.Api.Toolkit.Authentication.GalaxyAuthenticationDefaults.AdminPolicy) is null)
        {
            throw new InvalidOperationException(
                "The migration admin endpoints (GalaxyLegacyOptions.AdminPath) are for admins only, but Galaxy authentication is not set up: call " +
                "builder.Services.AddGalaxyAuthentication() and register an IGalaxyUserStore, or set options.AdminPath = null.");
        }
    }
}
