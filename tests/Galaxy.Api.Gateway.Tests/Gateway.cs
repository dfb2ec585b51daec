using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Galaxy.Api.Toolkit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Galaxy.Api.Gateway.Tests;

/// <summary>
/// The gateway: a host with this assembly's ported operations and, as its compile-time legacy manifest, Galaxy's own
/// document; everything else goes to <see cref="GalaxyStandIn"/> through YARP (<c>options.Servers</c>). Kestrel on
/// 127.0.0.1, a free port.
/// </summary>
public sealed class Gateway : IAsyncDisposable
{
    /// <summary>The history the modern side knows (its database id).</summary>
    public const long ModernHistoryId = 4242;

    private readonly WebApplication _app;

    private Gateway(WebApplication app, GalaxyStandIn galaxy, Uri address)
    {
        _app = app;
        Galaxy = galaxy;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>The Galaxy server behind the gateway.</summary>
    public GalaxyStandIn Galaxy { get; }

    /// <summary>A client of the gateway.</summary>
    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<Gateway> StartAsync()
    {
        var galaxy = await GalaxyStandIn.StartAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddGalaxyApi();
        builder.Services.AddGalaxyAuthentication();
        builder.Services.AddSingleton<IGalaxyUserStore, AdminOnly>();
        builder.Services.AddSingleton<ModernHistories>();
        builder.Services.AddGalaxyLegacyFallback(options =>
        {
            options.Servers.Add(galaxy.Address);
            // Health probes (GET /api/version every few seconds) would mix with the requests the tests see arrive at Galaxy.
            options.HealthCheck.Enabled = false;
        });
        var app = builder.Build();
        app.MapGalaxyApi();
        app.MapGalaxyLegacyFallback();
        app.Services.GetRequiredService<ModernHistories>().Add(ModernHistoryId, owner: 1, "Ported history");
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new Gateway(app, galaxy, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>Sends a request as the admin (unless <paramref name="key"/> is null) and returns the status and the body as JSON.</summary>
    public async Task<(int Status, JsonNode? Body)> SendAsync(HttpMethod method, string url, string? json = null, string? key = GalaxyStandIn.AdminKey, string? runAs = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (key is not null)
        {
            request.Headers.Add("x-api-key", key);
        }

        if (runAs is not null)
        {
            request.Headers.Add("run-as", runAs);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await Client.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        try
        {
            return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
        }
        catch (JsonException)
        {
            return ((int)response.StatusCode, JsonValue.Create(text));
        }
    }

    /// <summary>GETs JSON that must be a success.</summary>
    public async Task<JsonNode> GetJsonAsync(string url)
    {
        var (status, body) = await SendAsync(HttpMethod.Get, url);
        Assert.True(status == 200, $"GET {url}: {status} {body?.ToJsonString()}");
        return body!;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        await Galaxy.DisposeAsync();
    }

    /// <summary>The gateway knows one user: the stand-in's admin, by the same key.</summary>
    private sealed class AdminOnly : IGalaxyUserStore
    {
        public ValueTask<GalaxyUser?> FindByApiKeyAsync(string apiKey, CancellationToken cancellationToken)
            => ValueTask.FromResult(apiKey == GalaxyStandIn.AdminKey ? new GalaxyUser(new GalaxyId(1), "admin", "admin@example.org", IsAdmin: true) : null);
    }
}
