using Galaxy.Legacy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Galaxy.Api.Gateway.Tests;

/// <summary>
/// The Galaxy server behind the gateway: the sample's legacy app (samples/Galaxy.Legacy) on its own Kestrel listener at
/// 127.0.0.1, on a fresh database file, with a configured admin key. It counts every request it receives, so that tests
/// can tell what the gateway forwarded.
/// </summary>
public sealed class GalaxyStandIn : IAsyncDisposable
{
    /// <summary>The admin's API key, on the stand-in and on the gateway alike.</summary>
    public const string AdminKey = "gateway-test-admin-key-0123456789";

    private readonly WebApplication _app;
    private readonly string _directory;
    private readonly RequestLog _log;

    private GalaxyStandIn(WebApplication app, Uri address, string directory, RequestLog log)
    {
        _app = app;
        Address = address;
        _directory = directory;
        _log = log;
    }

    /// <summary>The base address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Address { get; }

    /// <summary>The requests it received, as <c>METHOD /path</c>, in order.</summary>
    public IReadOnlyList<string> Received => _log.Snapshot();

    public static async Task<GalaxyStandIn> StartAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "galaxy-gateway-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var log = new RequestLog();
        var app = GalaxyLegacyApp.Build(
            [
                "--urls", "http://127.0.0.1:0",
                "--Logging:LogLevel:Default=Warning",
                "--Galaxy:Database=" + Path.Combine(directory, "galaxy.sqlite"),
                "--Galaxy:AdminApiKey=" + AdminKey,
            ],
            builder => builder.Services.AddSingleton<IStartupFilter>(log));
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Assert.StartsWith("http://127.0.0.1:", address, StringComparison.Ordinal);
        return new GalaxyStandIn(app, new Uri(address.TrimEnd('/') + "/"), directory, log);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open elsewhere: the temporary folder is cleaned by the system.
        }
    }

    /// <summary>Records each request before the legacy app's pipeline sees it.</summary>
    private sealed class RequestLog : IStartupFilter
    {
        private readonly List<string> _requests = [];

        public IReadOnlyList<string> Snapshot()
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext context, RequestDelegate nextMiddleware) =>
            {
                lock (_requests)
                {
                    _requests.Add(context.Request.Method + " " + context.Request.Path);
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
