using Galaxy.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Galaxy.Worker;

/// <summary>The webless job handler: a generic host with the shared Galaxy database and <see cref="JobHandlerService"/>.</summary>
public static class GalaxyWorkerApp
{
    /// <summary>Registers the database (<c>Galaxy:Database</c>), the worker's settings (<c>Galaxy:Worker</c>) and the job handler.</summary>
    public static IServiceCollection AddGalaxyWorker(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddGalaxyData(configuration);
        services.TryAddSingleton(_ => WorkerOptions.FromConfiguration(configuration));
        services.TryAddSingleton(static provider => new JobHandlerService(
            provider.GetRequiredService<GalaxyDatabase>(),
            provider.GetRequiredService<JobRepository>(),
            provider.GetRequiredService<WorkerOptions>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<JobHandlerService>>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, JobHandlerService>(static provider => provider.GetRequiredService<JobHandlerService>()));
        return services;
    }

    /// <summary>Builds the worker as <c>dotnet run</c> starts it.</summary>
    /// <param name="args">Command-line arguments (any configuration key, e.g. <c>--Galaxy:Database=...</c>).</param>
    /// <param name="configure">Changes to the builder before the host is built (tests use it).</param>
    public static IHost Build(string[] args, Action<HostApplicationBuilder>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.Services.AddGalaxyWorker(builder.Configuration);
        configure?.Invoke(builder);
        return builder.Build();
    }
}
