using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Galaxy.Api.Toolkit.Tests.Hosting;

/// <summary>A router for the hosting tests.</summary>
[ApiRouter("hosting", Public = true)]
public static class HostingApi
{
    /// <summary>Answers pong.</summary>
    [Get("/api/ping")]
    public static string Ping() => "pong";
}

/// <summary>A URL prefix (Galaxy's <c>galaxy_url_prefix</c>), set by the app or by a proxy's X-Forwarded-Prefix.</summary>
public sealed class PathBaseTests : IAsyncLifetime
{
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddGalaxyApi();
        builder.Services.AddGalaxyAuthentication();
        builder.Services.AddSingleton<IGalaxyUserStore, NoUsers>();
        builder.Services.AddScoped<Behaviour.ICounter, Behaviour.Counter>();
        _app = builder.Build();
        var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedPrefix | ForwardedHeaders.XForwardedProto };
        forwarded.KnownIPNetworks.Clear();
        forwarded.KnownProxies.Clear();
        _app.UseForwardedHeaders(forwarded);
        _app.UsePathBase("/galaxy");
        _app.MapGalaxyApi();
        await _app.StartAsync(TestContext.Current.CancellationToken);
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        _client = new HttpClient { BaseAddress = new Uri(address) };
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    [Theory]
    [InlineData("/galaxy/api/ping")]
    [InlineData("/api/ping")]
    public async Task Operations_answer_with_and_without_the_prefix(string path)
    {
        using var response = await _client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"pong\"", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Document_under_a_prefix_names_it_in_servers()
    {
        var withPrefix = await _client.GetStringAsync("/galaxy/api/openapi.json", TestContext.Current.CancellationToken);
        var without = await _client.GetStringAsync("/api/openapi.json", TestContext.Current.CancellationToken);

        using var document = JsonDocument.Parse(withPrefix);
        Assert.Equal("/galaxy", document.RootElement.GetProperty("servers")[0].GetProperty("url").GetString());
        Assert.Equal("/", JsonDocument.Parse(without).RootElement.GetProperty("servers")[0].GetProperty("url").GetString());
        Assert.Equal(without.Replace("\"url\": \"/\"", "\"url\": \"/galaxy\"", StringComparison.Ordinal), withPrefix);
    }

    [Fact]
    public async Task Prefix_from_a_proxy_header_is_honoured_too()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/openapi.json");
        request.Headers.Add("X-Forwarded-Prefix", "/proxied");
        using var response = await _client.SendAsync(request, TestContext.Current.CancellationToken);

        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("/proxied", document.RootElement.GetProperty("servers")[0].GetProperty("url").GetString());
    }

    [Fact]
    public async Task Each_variant_has_its_own_etag()
    {
        using var plain = await _client.GetAsync("/api/openapi.json", TestContext.Current.CancellationToken);
        using var prefixed = await _client.GetAsync("/galaxy/api/openapi.json", TestContext.Current.CancellationToken);

        Assert.NotEqual(plain.Headers.ETag, prefixed.Headers.ETag);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/galaxy/api/openapi.json");
        request.Headers.IfNoneMatch.Add(prefixed.Headers.ETag!);
        using var revalidated = await _client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
    }

    [Fact]
    public async Task Docs_page_under_a_prefix_points_at_the_prefixed_document()
    {
        var html = await _client.GetStringAsync("/galaxy/api/docs", TestContext.Current.CancellationToken);

        Assert.Contains("<base href=\"/galaxy/api/docs/\">", html, StringComparison.Ordinal);
        Assert.Contains("data-document-url=\"/galaxy/api/openapi.json\"", html, StringComparison.Ordinal);
    }

    private sealed class NoUsers : IGalaxyUserStore
    {
        public ValueTask<GalaxyUser?> FindByApiKeyAsync(string apiKey, CancellationToken cancellationToken) => ValueTask.FromResult<GalaxyUser?>(null);
    }
}
