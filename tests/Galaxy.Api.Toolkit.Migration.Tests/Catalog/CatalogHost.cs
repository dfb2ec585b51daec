using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Galaxy.Api.Toolkit.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Galaxy.Api.Toolkit.Migration.Tests.Catalog;

/// <summary>Keys of the catalog hosts' users.</summary>
internal static class Keys
{
    public const string Admin = "admin-key-0001";
    public const string User = "user-key-0002";
}

/// <summary>A user store with one admin and one user.</summary>
internal sealed class TwoUsers : IGalaxyUserStore
{
    public ValueTask<GalaxyUser?> FindByApiKeyAsync(string apiKey, CancellationToken cancellationToken) => ValueTask.FromResult(apiKey switch
    {
        Keys.Admin => new GalaxyUser(new GalaxyId(1), "admin", "admin@example.org", IsAdmin: true),
        Keys.User => new GalaxyUser(new GalaxyId(2), "user", "user@example.org", IsAdmin: false),
        _ => (GalaxyUser?)null,
    });
}

/// <summary>
/// The in-process legacy app of the catalog tests: answers every request with what it received (method, path, body
/// length) and counts the requests it served.
/// </summary>
internal sealed class EchoLegacy
{
    private int _served;

    public int Served => Volatile.Read(ref _served);

    public async Task InvokeAsync(HttpContext context)
    {
        Interlocked.Increment(ref _served);
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(
            new JsonObject
            {
                ["served_by"] = "legacy",
                ["method"] = context.Request.Method,
                ["path"] = context.Request.Path.Value,
                ["body"] = Encoding.UTF8.GetString(body.ToArray()),
            }.ToJsonString(),
            context.RequestAborted);
    }
}

/// <summary>
/// Starts hosts with the test assembly's generated API (ItemsApi + the compile-time legacy manifest) and a legacy side:
/// the in-process <see cref="EchoLegacy"/>, or a legacy server process when <c>server</c> is given.
/// </summary>
internal static class CatalogHost
{
    public static async Task<(ModernHost Host, EchoLegacy Legacy)> StartAsync(Action<GalaxyLegacyOptions>? configure = null, bool mapApi = true, Uri? server = null)
    {
        var legacy = new EchoLegacy();
        var host = await ModernHost.StartAsync(
            builder =>
            {
                builder.Services.AddGalaxyApi();
                builder.Services.AddGalaxyAuthentication();
                builder.Services.AddSingleton<IGalaxyUserStore, TwoUsers>();
                builder.Services.AddGalaxyLegacyFallback(options =>
                {
                    if (server is null)
                    {
                        options.App = legacy.InvokeAsync;
                    }
                    else
                    {
                        options.Servers.Add(server);
                    }

                    configure?.Invoke(options);
                });
            },
            app =>
            {
                if (mapApi)
                {
                    app.MapGalaxyApi();
                }

                app.MapGalaxyLegacyFallback();
            });
        return (host, legacy);
    }

    public static async Task<JsonNode> GetJsonAsync(this HttpClient client, string url, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (key is not null)
        {
            request.Headers.Add("x-api-key", key);
        }

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"GET {url}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>Sends a request and returns the status and the body as JSON.</summary>
    public static async Task<(int Status, JsonNode? Body)> SendAsync(this HttpClient client, HttpMethod method, string url, string? json = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, url);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8);
            request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        }

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        JsonNode? body;
        try
        {
            body = text.Length == 0 ? null : JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            body = JsonValue.Create(text);
        }

        return ((int)response.StatusCode, body);
    }
}
