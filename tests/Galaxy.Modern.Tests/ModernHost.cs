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
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "galaxy-modern-tests-" + Guid.NewGuid().ToString("N"));

    /// <summary>The admin's API key, given to the host through configuration.</summary>
    public const string AdminApiKey = "test-admin-key-0123456789";

    /// <summary>A client that sends the admin's key, as Galaxy's clients send theirs on every request.</summary>
    public HttpClient Client { get; private set; } = null!;

    /// <summary>The SQLite file the host (and its in-process legacy app) uses: a fresh one per fixture.</summary>
    public string DatabasePath => Path.Combine(_directory, "galaxy.sqlite");

    /// <summary>A client without a key.</summary>
    public HttpClient Anonymous { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _app = GalaxyModernApp.Build(
        [
            "--urls", "http://127.0.0.1:0",
            "--Logging:LogLevel:Default=Warning",
            "--Galaxy:AdminApiKey=" + AdminApiKey,
            "--Galaxy:Database=" + DatabasePath,
        ]);
        await _app.StartAsync(TestContext.Current.CancellationToken);
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Assert.StartsWith("http://127.0.0.1:", address, StringComparison.Ordinal);
        Client = new HttpClient { BaseAddress = new Uri(address) };
        Client.DefaultRequestHeaders.Add("x-api-key", AdminApiKey);
        Anonymous = new HttpClient { BaseAddress = new Uri(address) };
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Anonymous.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow file system: the temporary folder is cleaned by the system.
        }
    }
}
