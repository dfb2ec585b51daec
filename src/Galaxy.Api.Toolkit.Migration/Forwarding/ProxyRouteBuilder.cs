using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Galaxy.Api.Toolkit.Migration.Forwarding;

/// <summary>
/// An endpoint route builder over the legacy proxy's own services. <c>MapReverseProxy</c> on it is what loads YARP's
/// configuration, starts the active health checks and builds YARP's proxy pipeline; the endpoints it collects are never
/// added to the host's routing: the fallback's own endpoints (coverage, validation) invoke them.
/// </summary>
internal sealed class ProxyRouteBuilder(IServiceProvider services) : IEndpointRouteBuilder
{
    public IServiceProvider ServiceProvider { get; } = services;

    public ICollection<EndpointDataSource> DataSources { get; } = [];

    public IApplicationBuilder CreateApplicationBuilder() => new ApplicationBuilder(ServiceProvider);
}
