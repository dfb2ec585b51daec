using Galaxy.Legacy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Galaxy.Legacy.Tests;

/// <summary>The legacy server on Kestrel, on a free port of 127.0.0.1, started as <c>dotnet run</c> starts it, on a given database file.</summary>
public sealed class LegacyServer : IAsyncDisposable
{
    /// <summary>The admin's API key given through configuration.</summary>
    public const string AdminApiKey = "legacy-test-admin-key-0123456789";

    private LegacyServer(WebApplication app, Uri address, string? apiKey)
    {
        App = app;
        Address = address;
        Client = new HttpClient { BaseAddress = address };
        if (apiKey is not null)
        {
            Client.DefaultRequestHeaders.Add("x-api-key", apiKey);
        }

        Anonymous = new HttpClient { BaseAddress = address };
    }

    public WebApplication App { get; }

    public Uri Address { get; }

    /// <summary>A client that sends the admin's key on every request, as Galaxy's clients send theirs.</summary>
    public HttpClient Client { get; }

    /// <summary>A client without a key.</summary>
    public HttpClient Anonymous { get; }

    public static async Task<LegacyServer> StartAsync(string databasePath, string? adminApiKey = AdminApiKey, params string[] settings)
    {
        string[] args =
        [
            "--urls", "http://127.0.0.1:0",
            "--Logging:LogLevel:Default=Warning",
            "--Galaxy:Database=" + databasePath,
            .. adminApiKey is null ? Array.Empty<string>() : ["--Galaxy:AdminApiKey=" + adminApiKey],
            .. settings,
        ];
        var app = GalaxyLegacyApp.Build(args);
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Assert.StartsWith("http://127.0.0.1:", address, StringComparison.Ordinal);
        return new LegacyServer(app, new Uri(address), adminApiKey);
    }

    public T Service<T>()
        where T : notnull
        => App.Services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Anonymous.Dispose();
        await App.StopAsync(CancellationToken.None);
        await App.DisposeAsync();
    }
}

/// <summary>A directory under the system's temporary folder, removed afterwards.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "galaxy-legacy-tests-" + Guid.NewGuid().ToString("N"));

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still open elsewhere: the temporary folder is cleaned by the system.
        }
    }
}

/// <summary>One legacy server on a fresh database, shared by a test class.</summary>
public sealed class LegacyFixture : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();

    public LegacyServer Server { get; private set; } = null!;

    public string DatabasePath => _directory.File("galaxy.sqlite");

    public async ValueTask InitializeAsync() => Server = await LegacyServer.StartAsync(DatabasePath);

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        _directory.Dispose();
    }
}
