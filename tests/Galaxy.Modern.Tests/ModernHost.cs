using Galaxy.Modern;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Galaxy.Modern.Tests;

/// <summary>The sample host on Kestrel, bound to a free port on 127.0.0.1, as <c>dotnet run</c> starts it.</summary>
public sealed class ModernHost : IAsyncLifetime
{
    private WebApplication? _app;
    private readonly string? _ownDirectory;
    private readonly string[] _settings;

    /// <summary>A host on a fresh database in its own temporary folder (the class fixture).</summary>
    public ModernHost()
    {
        _ownDirectory = Path.Combine(Path.GetTempPath(), "galaxy-modern-tests-" + Guid.NewGuid().ToString("N"));
        DatabasePath = Path.Combine(_ownDirectory, "galaxy.sqlite");
        _settings = [];
    }

    private ModernHost(string databasePath, string[] settings)
    {
        DatabasePath = databasePath;
        _settings = settings;
    }

    /// <summary>The admin's API key, given to the host through configuration.</summary>
    public const string AdminApiKey = "test-admin-key-0123456789";

    /// <summary>A client that sends the admin's key, as Galaxy's clients send theirs on every request.</summary>
    public HttpClient Client { get; private set; } = null!;

    /// <summary>The SQLite file the host (and its in-process legacy app) uses.</summary>
    public string DatabasePath { get; }

    /// <summary>A client without a key.</summary>
    public HttpClient Anonymous { get; private set; } = null!;

    /// <summary>The address Kestrel listens on (<c>http://127.0.0.1:port/</c>).</summary>
    public Uri Address { get; private set; } = null!;

    public IServiceProvider Services => _app!.Services;

    /// <summary>Starts a host on a given database file with more configuration (<c>--Galaxy:LegacyServers=...</c>, <c>--Galaxy:UrlPrefix=...</c>).</summary>
    public static async Task<ModernHost> StartAsync(string databasePath, params string[] settings)
    {
        var host = new ModernHost(databasePath, settings);
        await host.InitializeAsync();
        return host;
    }

    public async ValueTask InitializeAsync()
    {
        if (_ownDirectory is not null)
        {
            Directory.CreateDirectory(_ownDirectory);
        }

        _app = GalaxyModernApp.Build(
        [
            "--urls", "http://127.0.0.1:0",
            "--Logging:LogLevel:Default=Warning",
            "--Galaxy:AdminApiKey=" + AdminApiKey,
            "--Galaxy:Database=" + DatabasePath,
            .. _settings,
        ]);
        await _app.StartAsync(TestContext.Current.CancellationToken);
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Assert.StartsWith("http://127.0.0.1:", address, StringComparison.Ordinal);
        Address = new Uri(address);
        Client = new HttpClient { BaseAddress = Address };
        Client.DefaultRequestHeaders.Add("x-api-key", AdminApiKey);
        Anonymous = new HttpClient { BaseAddress = Address };
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        Anonymous?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        if (_ownDirectory is null)
        {
            return;
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_ownDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow file system: the temporary folder is cleaned by the system.
        }
    }
}
