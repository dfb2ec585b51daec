using System.Collections.Concurrent;
using Galaxy.Api.Toolkit.Errors;
using Galaxy.Api.Toolkit.Hosting;
using Galaxy.Api.Toolkit.Migration.Forwarding;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Galaxy.Api.Toolkit.Migration.Shadow;

/// <summary>Where a mirror goes: the legacy side, or one modern endpoint.</summary>
internal abstract class ShadowTarget
{
    /// <summary>Sends the copy and returns the answer; failures are returned, cancellation is thrown.</summary>
    public abstract Task<MirrorResponse> SendAsync(MirrorRequest request, int maxBodyBytes, CancellationToken cancellationToken);
}

/// <summary>The legacy side, through the configured <see cref="ILegacyBackend"/> (in process or out of process).</summary>
internal sealed class LegacyShadowTarget(IServiceProvider services) : ShadowTarget
{
    private ILegacyBackend? _backend;

    public override Task<MirrorResponse> SendAsync(MirrorRequest request, int maxBodyBytes, CancellationToken cancellationToken)
        => (_backend ??= services.GetRequiredService<ILegacyBackend>()).SendMirrorAsync(request, maxBodyBytes, cancellationToken);
}

/// <summary>
/// One modern endpoint, run detached (<see cref="DetachedInvoker"/>) with the route values routing computed for it, behind
/// the authorization and Galaxy error handling the real pipeline puts before it, so that it answers the copy as it
/// would have answered the client.
/// </summary>
internal sealed class ModernShadowTarget(Endpoint endpoint, RouteValueDictionary? routeValues, ModernMirrorPipelines pipelines) : ShadowTarget
{
    public override Task<MirrorResponse> SendAsync(MirrorRequest request, int maxBodyBytes, CancellationToken cancellationToken)
        => DetachedInvoker.InvokeAsync(pipelines.For(endpoint), request, pipelines.Services, maxBodyBytes, Prepare, cancellationToken);

    private void Prepare(HttpContext context)
    {
        context.SetEndpoint(endpoint);
        if (routeValues is not null)
        {
            context.Request.RouteValues = new RouteValueDictionary(routeValues);
        }
    }
}

/// <summary>The request delegate a mirror to a modern endpoint runs, built once per endpoint.</summary>
internal sealed class ModernMirrorPipelines(IServiceProvider services)
{
    private readonly ConcurrentDictionary<Endpoint, RequestDelegate> _pipelines = new();

    public IServiceProvider Services => services;

    public RequestDelegate For(Endpoint endpoint) => _pipelines.GetOrAdd(endpoint, static (e, self) => self.Build(e), this);

    private RequestDelegate Build(Endpoint endpoint)
    {
        RequestDelegate app = endpoint.RequestDelegate ?? (static context =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });

        // The endpoint's authorization policies (a user, an admin...) as UseAuthorization applies them.
        if (services.GetService<IAuthorizationPolicyProvider>() is { } policies)
        {
            app = new AuthorizationMiddleware(app, policies, services).Invoke;
        }

        // Galaxy's error contract, when the host's pipeline has it: an exception becomes the same error body.
        if (services.GetService<IOptions<GalaxyApiOptions>>()?.Value.UseErrorHandling == true
            && services.GetServices<IStartupFilter>().Any(static f => f is GalaxyErrorStartupFilter))
        {
            app = new GalaxyErrorMiddleware(app, services.GetRequiredService<ILogger<GalaxyErrorMiddleware>>()).InvokeAsync;
        }

        return app;
    }
}
