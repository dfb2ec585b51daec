using Galaxy.Api.Toolkit.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Galaxy's API key authentication and its authorization policies.</summary>
public static class GalaxyAuthenticationServiceCollectionExtensions
{
    /// <summary>
    /// Adds the <see cref="GalaxyAuthenticationDefaults.AuthenticationScheme"/> scheme as the default authentication
    /// scheme, the <see cref="GalaxyAuthenticationDefaults.UserPolicy"/> and <see cref="GalaxyAuthenticationDefaults.AdminPolicy"/>
    /// policies, and the authorization result handler that answers 403006 to a non-admin on an admin operation. The host
    /// registers its <see cref="Galaxy.Api.Toolkit.IGalaxyUserStore"/>. Calling it again only applies <paramref name="configure"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Configures the scheme's options (<see cref="GalaxyAuthenticationOptions.BearerScheme"/>...).</param>
    public static IServiceCollection AddGalaxyAuthentication(this IServiceCollection services, Action<GalaxyAuthenticationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(descriptor => descriptor.ServiceType == typeof(GalaxyAuthenticationMarker)))
        {
            if (configure is not null)
            {
                services.Configure(GalaxyAuthenticationDefaults.AuthenticationScheme, configure);
            }

            return services;
        }

        services.AddSingleton<GalaxyAuthenticationMarker>();
        services.AddAuthentication(GalaxyAuthenticationDefaults.AuthenticationScheme)
            .AddScheme<GalaxyAuthenticationOptions, GalaxyApiKeyHandler>(GalaxyAuthenticationDefaults.AuthenticationScheme, configure);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<GalaxyAuthenticationOptions>, GalaxyAuthenticationPostConfigure>());
        services.AddAuthorization(options =>
        {
            options.AddPolicy(GalaxyAuthenticationDefaults.UserPolicy, policy => policy
                .AddAuthenticationSchemes(GalaxyAuthenticationDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser());
            options.AddPolicy(GalaxyAuthenticationDefaults.AdminPolicy, policy => policy
                .AddAuthenticationSchemes(GalaxyAuthenticationDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser()
                .AddRequirements(GalaxyAdminRequirement.Instance));
        });

        // AddAuthorization registers ASP.NET Core's result handler with TryAdd; ours replaces it and defers to it.
        services.Replace(ServiceDescriptor.Singleton<IAuthorizationMiddlewareResultHandler, GalaxyAuthorizationResultHandler>());
        return services;
    }

    /// <summary>Marks the services as configured, so that a second call adds nothing twice.</summary>
    private sealed class GalaxyAuthenticationMarker;
}
