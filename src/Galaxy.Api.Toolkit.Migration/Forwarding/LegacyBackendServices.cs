using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Galaxy.Api.Toolkit.Migration.Forwarding;

/// <summary>Registers the legacy backend the options ask for: YARP for <see cref="GalaxyLegacyOptions.Servers"/>, else the app in process.</summary>
internal static class LegacyBackendServices
{
    public static void Add(IServiceCollection services)
    {
        services.TryAddSingleton<ILegacyBackend>(static provider =>
        {
            var options = provider.GetRequiredService<IOptions<GalaxyLegacyOptions>>().Value;
            options.Validate();
            var loggerFactory = provider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
            var metrics = provider.GetRequiredService<MigrationMetrics>();
            if (options.InProcess)
            {
                return new InProcessLegacyBackend(BuildApp(options, provider), provider, options, metrics, loggerFactory.CreateLogger(LegacyFaults.LogCategory));
            }

            return new LegacyProxyBackend(options, loggerFactory, metrics);
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
