using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Galaxy.Hardening.Tests;

/// <summary>What every host of these tests does alike: a temporary folder, the sample's settings, its address, its cleanup.</summary>
internal static class SampleProcess
{
    /// <summary>A new empty temporary folder for one host's database.</summary>
    public static string NewDirectory(string purpose)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"galaxy-{purpose}-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        return directory;
    }

    /// <summary>The settings the sample apps start with: Kestrel on 127.0.0.1 (a free port), quiet logs, the admin's key, the database in <paramref name="directory"/>.</summary>
    public static string[] Settings(string directory, string adminApiKey) =>
    [
        "--urls", "http://127.0.0.1:0",
        "--Logging:LogLevel:Default=Warning",
        "--Logging:LogLevel:Microsoft.AspNetCore=Error",
        "--Galaxy:AdminApiKey=" + adminApiKey,
        "--Galaxy:Database=" + Path.Combine(directory, "galaxy.sqlite"),
    ];

    /// <summary>The address a started app listens on (<c>http://127.0.0.1:port</c>).</summary>
    public static string AddressOf(WebApplication app)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Assert.StartsWith("http://127.0.0.1:", address, StringComparison.Ordinal);
        return address;
    }

    /// <summary>Stops the apps, closes the pooled database connections and removes the folder.</summary>
    public static async ValueTask StopAsync(string directory, params WebApplication?[] apps)
    {
        foreach (var app in apps)
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow file system: the temporary folder is cleaned by the system.
        }
    }
}
