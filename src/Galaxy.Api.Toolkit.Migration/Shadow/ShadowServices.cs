using Galaxy.Api.Toolkit.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Galaxy.Api.Toolkit.Migration.Shadow;

/// <summary>Registers and maps shadow traffic.</summary>
internal static class ShadowServices
{
    /// <summary>The admin endpoint's path under the admin path.</summary>
    public const string AdminSegment = "/shadow";

    public static void Add(IServiceCollection services)
    {
        services.TryAddSingleton<ShadowSettings>();
        services.TryAddSingleton<ShadowQueue>();
        services.TryAddSingleton<ShadowRecorder>();
        services.TryAddSingleton<ModernMirrorPipelines>();
        services.TryAddSingleton<ShadowTraffic>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<MatcherPolicy, ShadowMatcherPolicy>());
        services.AddHostedService<ShadowWorker>();
    }

    /// <summary>Maps the admin endpoint under <paramref name="adminPath"/>.</summary>
    public static void MapAdmin(IEndpointRouteBuilder endpoints, string adminPath)
    {
        var traffic = endpoints.ServiceProvider.GetRequiredService<ShadowTraffic>();
        endpoints.MapGet(adminPath.TrimEnd('/') + AdminSegment, context => ShadowAdminEndpoint.WriteAsync(context, traffic))
            .RequireAuthorization(GalaxyAuthenticationDefaults.AdminPolicy)
            .ExcludeFromDescription()
            .WithDisplayName("Shadow traffic report");
    }
}
