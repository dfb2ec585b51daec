using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Galaxy.Api.Toolkit.Migration.Shadow;

/// <summary>Registers and maps shadow traffic.</summary>
internal static class ShadowServices
{
    public static void Add(IServiceCollection services)
    {
    }

    /// <summary>Maps the admin endpoint under <paramref name="adminPath"/>.</summary>
    public static void MapAdmin(IEndpointRouteBuilder endpoints, string adminPath)
    {
    }
}
