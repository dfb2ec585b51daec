using Galaxy.Api.Toolkit.Ids;
using Galaxy.Data;
using Galaxy.Legacy.Api;
using Galaxy.Legacy.Infrastructure;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Galaxy.Legacy;

/// <summary>The operation a legacy endpoint implements: its operationId in <c>legacy-openapi.json</c>.</summary>
/// <param name="OperationId">The operationId.</param>
public sealed record LegacyOperationMetadata(string OperationId);

/// <summary>
/// The legacy Galaxy server, as a library: register its services with <see cref="AddGalaxyLegacyServices"/>, then either
/// run it on its own (<see cref="Build"/>, what <c>Program.cs</c> does) or mount it in another host as a pipeline with its
/// own routing (<see cref="Configure"/>, e.g. <c>options.ConfigureApp = GalaxyLegacyApp.Configure</c> of the migration
/// package), or map its endpoints into an existing route builder (<see cref="MapGalaxyLegacy"/>).
/// </summary>
public static class GalaxyLegacyApp
{
    /// <summary>The address used when neither <c>--urls</c> nor <c>ASPNETCORE_URLS</c> says otherwise.</summary>
    public const string DefaultUrl = "http://127.0.0.1:8081";

    /// <summary>The configuration key of the id secret (environment variable <c>Galaxy__IdSecret</c>).</summary>
    public const string IdSecretKey = "Galaxy:IdSecret";

    /// <summary>The file name of the route manifest (OpenAPI 3.1), copied beside the assembly.</summary>
    public const string ManifestFileName = "legacy-openapi.json";

    /// <summary>The path of the route manifest beside the assembly.</summary>
    public static string ManifestPath => Path.Combine(AppContext.BaseDirectory, ManifestFileName);

    /// <summary>
    /// Registers what the legacy app needs: the shared Galaxy database (<see cref="GalaxyDataServiceCollectionExtensions.AddGalaxyData"/>;
    /// a host that registered it already shares it), the id encoder under <c>Galaxy:IdSecret</c> (default: Galaxy's public
    /// sample secret, with a warning at start) and a start-up service that creates the database and logs the admin's API
    /// key when it was not configured. Calling it twice changes nothing.
    /// </summary>
    public static IServiceCollection AddGalaxyLegacyServices(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddGalaxyData(configuration);
        services.AddRouting();
        services.TryAddSingleton(_ => new LegacyIds(new GalaxyIdEncoder(IdSecret(configuration) ?? GalaxyIdEncoder.DefaultSecret)));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, LegacyStartup>(provider => new LegacyStartup(
            provider.GetRequiredService<GalaxyDatabase>(),
            IdSecret(configuration) is null,
            provider.GetRequiredService<ILogger<LegacyStartup>>())));
        return services;
    }

    /// <summary>
    /// Builds the legacy pipeline on <paramref name="app"/>: Galaxy's error bodies, routing, the legacy endpoints and a
    /// Galaxy 404 for anything else. On a fresh builder (a branch) the routing is the branch's own; on a
    /// <see cref="WebApplication"/> it is the app's.
    /// </summary>
    public static void Configure(IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<LegacyErrorMiddleware>();
        app.UseRouting();
        app.UseEndpoints(static endpoints => endpoints.MapGalaxyLegacy());
        app.Run(LegacyNotFound.WriteAsync);
    }

    /// <summary>
    /// Maps the legacy operations (the routes of <c>legacy-openapi.json</c>); each endpoint carries a
    /// <see cref="LegacyOperationMetadata"/>. Errors become Galaxy's bodies only under <see cref="Configure"/>'s middleware.
    /// </summary>
    public static RouteGroupBuilder MapGalaxyLegacy(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup(string.Empty);
        Map(group, "GET", "/api/version", "version_api_version_get", ConfigurationEndpoints.Version);
        Map(group, "GET", "/api/histories", "index_api_histories_get", HistoriesEndpoints.Index);
        Map(group, "POST", "/api/histories", "create_api_histories_post", HistoriesEndpoints.Create);
        Map(group, "GET", "/api/histories/{history_id}", "history_api_histories__history_id__get", HistoriesEndpoints.Show);
        Map(group, "PUT", "/api/histories/{history_id}", "update_api_histories__history_id__put", HistoriesEndpoints.Update);
        Map(group, "DELETE", "/api/histories/{history_id}", "delete_api_histories__history_id__delete", HistoriesEndpoints.Delete);
        Map(group, "GET", "/api/histories/{history_id}/contents", "history_contents__index", HistoriesEndpoints.Contents);
        Map(group, "GET", "/api/users/{user_id}", "get_user_api_users__user_id__get", UsersEndpoints.Show);
        Map(group, "GET", "/api/datasets/{dataset_id}", "show_api_datasets__dataset_id__get", DatasetsEndpoints.Show);
        Map(group, "GET", "/api/tools", "index_api_tools_get", ToolsEndpoints.Index);
        Map(group, "POST", "/api/tools", "create_api_tools_post", ToolsEndpoints.Run);
        return group;
    }

    /// <summary>Builds the legacy server as <c>dotnet run</c> starts it (default <see cref="DefaultUrl"/>).</summary>
    /// <param name="args">Command-line arguments (<c>--urls</c> and any configuration key, e.g. <c>--Galaxy:Database=...</c>).</param>
    /// <param name="configure">Changes to the builder before the app is built (tests use it).</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.Services.AddGalaxyLegacyServices(builder.Configuration);
        configure?.Invoke(builder);
        var app = builder.Build();
        Configure(app);
        return app;
    }

    private static string? IdSecret(IConfiguration configuration) => configuration[IdSecretKey] is { Length: > 0 } secret ? secret : null;

    private static void Map(IEndpointRouteBuilder endpoints, string method, string pattern, string operationId, RequestDelegate handler)
        => endpoints.MapMethods(pattern, [method], handler).WithMetadata(new LegacyOperationMetadata(operationId)).WithDisplayName($"{method} {pattern} ({operationId})");
}
