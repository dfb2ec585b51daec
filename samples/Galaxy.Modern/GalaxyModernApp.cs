using Galaxy.Api.Toolkit;
using Galaxy.Legacy;
using Galaxy.Modern.Configuration;
using Galaxy.Modern.Users;
using Microsoft.AspNetCore.HttpOverrides;

[assembly: GalaxyApiDocument(Title = "Galaxy API", Version = "23.1", Description = "A Galaxy-compatible API built with Galaxy.Api.Toolkit.",
    License = "MIT", LicenseUrl = "https://opensource.org/license/mit")]

namespace Galaxy.Modern;

/// <summary>
/// The modern Galaxy host: the ported operations (histories, version, users, datasets) in process, everything else
/// forwarded to the legacy app, both on the same database. Builds the app so that tests start it as the command line does.
/// </summary>
public static class GalaxyModernApp
{
    /// <summary>The address used when neither <c>--urls</c> nor <c>ASPNETCORE_URLS</c> says otherwise.</summary>
    public const string DefaultUrl = "http://127.0.0.1:8080";

    /// <summary>Configuration: the legacy servers (comma-separated URLs); unset mounts the legacy app in this process.</summary>
    public const string LegacyServersKey = "Galaxy:LegacyServers";

    /// <summary>Configuration: the URL prefix the host is served under (Galaxy's <c>galaxy_url_prefix</c>, e.g. <c>/galaxy</c>).</summary>
    public const string UrlPrefixKey = "Galaxy:UrlPrefix";

    /// <summary>Builds the host.</summary>
    /// <param name="args">Command-line arguments (<c>--urls</c> and any configuration key).</param>
    /// <param name="configure">Changes to the builder before the app is built (tests and benchmarks use it).</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        var configuration = builder.Configuration;
        builder.Services.AddGalaxyApi(options =>
        {
            options.IdSecret = configuration[GalaxyLegacyApp.IdSecretKey] is { Length: > 0 } secret ? secret : options.IdSecret;
            options.ConfigureJson(static json => json.Converters.Add(new GalaxyTimeJsonConverter()));
        });
        // A busy database (another writer holds the lock past Galaxy:DatabaseBusyTimeout) answers 503001, not 500.
        builder.Services.AddTransient<IStartupFilter, DatabaseBusyStartupFilter>();
        // Source-generated contracts for the ported operations: the same in a JIT and a Native AOT build.
        builder.Services.ConfigureHttpJsonOptions(static o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, ModernApiJson.Default));
        builder.Services.AddGalaxyAuthentication();
        // The shared database, and the legacy app (mounted below unless legacy servers are configured); its start-up
        // service creates the database and prints the admin's API key when Galaxy:AdminApiKey is not set.
        builder.Services.AddGalaxyLegacyServices(configuration);
        builder.Services.AddSingleton<IGalaxyUserStore, DatabaseUserStore>();
        builder.Services.AddSingleton<Galaxy.Modern.Histories.DetailedHistoryJson>();
        builder.Services.AddGalaxyLegacyFallback(options =>
        {
            var servers = configuration[LegacyServersKey];
            if (string.IsNullOrWhiteSpace(servers))
            {
                options.ConfigureApp = GalaxyLegacyApp.Configure;
            }
            else
            {
                foreach (var server in servers.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    options.Servers.Add(new Uri(server, UriKind.Absolute));
                }
            }
        });
        builder.Services.Configure<ForwardedHeadersOptions>(static options =>
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost);
        configure?.Invoke(builder);

        var app = builder.Build();
        // Behind nginx on the same machine: the client's address, scheme and host come from X-Forwarded-* (loopback proxies only).
        app.UseForwardedHeaders();
        if (configuration[UrlPrefixKey] is { Length: > 1 } prefix)
        {
            app.UsePathBase(prefix.TrimEnd('/'));
            // Routing again after the path base is taken off; authentication and authorization must follow it (the
            // ones WebApplication adds on its own run before this routing, so an endpoint with a policy would throw).
            app.UseRouting();
            app.UseAuthentication();
            app.UseAuthorization();
        }

        app.MapGalaxyApi();
        app.MapGalaxyLegacyFallback();
        return app;
    }
}
