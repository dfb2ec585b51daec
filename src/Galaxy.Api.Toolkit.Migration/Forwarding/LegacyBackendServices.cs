using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Galaxy.Api.Toolkit.Migration.Forwarding;

/// <summary>Registers the legacy backend the options ask for.</summary>
internal static class LegacyBackendServices
{
    public static void Add(IServiceCollection services)
    {
        services.TryAddSingleton<ILegacyBackend>(static provider =>
        {
            var options = provider.GetRequiredService<IOptions<GalaxyLegacyOptions>>().Value;
            return new InProcessLegacyBackend(BuildApp(options, provider), provider);
        });
    }

    private static RequestDelegate BuildApp(GalaxyLegacyOptions options, IServiceProvider provider)
    {
        if (options.App is { } app)
        {
            return app;
        }

        var builder = new ApplicationBuilder(provider);
        options.ConfigureApp!(builder);
        return builder.Build();
    }
}

/// <summary>The legacy application in this process, run after the modern routes declined the request.</summary>
internal sealed class InProcessLegacyBackend(RequestDelegate app, IServiceProvider services) : ILegacyBackend
{
    public Task ForwardAsync(HttpContext context)
    {
        // The legacy app routes the request itself: it must not see the fallback endpoint or its route values.
        context.SetEndpoint(null);
        context.Request.RouteValues.Clear();
        return app(context);
    }

    public Task<MirrorResponse> SendMirrorAsync(MirrorRequest request, CancellationToken cancellationToken)
        => DetachedInvoker.InvokeAsync(app, request, services, 1024 * 1024, null, cancellationToken);
}
