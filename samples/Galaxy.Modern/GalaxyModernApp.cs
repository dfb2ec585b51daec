using Galaxy.Api.Toolkit;
using Galaxy.Modern.Histories;
using Galaxy.Modern.Users;

[assembly: GalaxyApiDocument(Title = "Galaxy API", Version = "23.1", Description = "A Galaxy-compatible API built with Galaxy.Api.Toolkit.",
    License = "MIT", LicenseUrl = "https://opensource.org/license/mit")]

namespace Galaxy.Modern;

/// <summary>The modern Galaxy host: builds the app so that tests can start it as the command line does.</summary>
public static class GalaxyModernApp
{
    /// <summary>The address used when neither <c>--urls</c> nor <c>ASPNETCORE_URLS</c> says otherwise.</summary>
    public const string DefaultUrl = "http://127.0.0.1:8080";

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

        builder.Services.AddGalaxyApi(options => options.IdSecret = builder.Configuration["Galaxy:IdSecret"] ?? options.IdSecret);
        builder.Services.AddGalaxyAuthentication();
        builder.Services.AddSingleton<ConfiguredUserStore>();
        builder.Services.AddSingleton<IGalaxyUserStore>(static services => services.GetRequiredService<ConfiguredUserStore>());
        builder.Services.AddSingleton<IHistoryStore, InMemoryHistoryStore>();
        builder.Services.AddSingleton(TimeProvider.System);
        configure?.Invoke(builder);

        var app = builder.Build();
        app.Services.GetRequiredService<ConfiguredUserStore>();
        app.MapGalaxyApi();
        return app;
    }
}
