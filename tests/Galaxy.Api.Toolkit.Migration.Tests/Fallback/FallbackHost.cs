using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Galaxy.Api.Toolkit.Migration.Tests.Fallback;

/// <summary>Modern hosts with the legacy fallback, and what the tests read from the legacy stub's answers.</summary>
internal static class FallbackHost
{
    /// <summary>Starts a modern host whose fallback is configured by <paramref name="configure"/>; <paramref name="map"/> adds modern routes.</summary>
    public static Task<ModernHost> StartAsync(Action<GalaxyLegacyOptions> configure, Action<WebApplication>? map = null, Action<WebApplicationBuilder>? services = null)
        => ModernHost.StartAsync(
            builder =>
            {
                services?.Invoke(builder);
                builder.Services.AddGalaxyLegacyFallback(o =>
                {
                    o.AdminPath = null;
                    configure(o);
                });
            },
            app =>
            {
                map?.Invoke(app);
                app.MapGalaxyLegacyFallback();
            });

    /// <summary>Starts a modern host that forwards to <paramref name="servers"/>.</summary>
    public static Task<ModernHost> StartAsync(IEnumerable<LegacyProcess> servers, Action<GalaxyLegacyOptions>? configure = null, Action<WebApplication>? map = null)
        => StartAsync(
            o =>
            {
                foreach (var server in servers)
                {
                    o.Servers.Add(server.Address);
                }

                configure?.Invoke(o);
            },
            map);

    /// <summary>The stub's echo of what it received.</summary>
    public static async Task<JsonObject> EchoAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Which stub served a request.</summary>
    public static async Task<string> ServedByAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        return (string)(await EchoAsync(response))["served_by"]!;
    }

    /// <summary>Asserts Galaxy's error body: the status, <c>err_code</c> and an <c>err_msg</c>.</summary>
    public static async Task<string> AssertGalaxyErrorAsync(HttpResponseMessage response, HttpStatusCode status, int code)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        var body = JsonNode.Parse(text)!.AsObject();
        Assert.Equal(code, (int)body["err_code"]!);
        var message = (string)body["err_msg"]!;
        Assert.False(string.IsNullOrWhiteSpace(message));
        return message;
    }

    /// <summary>Polls <paramref name="condition"/> until it holds, failing after <paramref name="deadline"/>.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan deadline, string what)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(deadline);
        while (!await condition())
        {
            try
            {
                await Task.Delay(50, timeout.Token);
            }
            catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
            {
                Assert.Fail($"Still not true after {deadline}: {what}.");
            }
        }
    }
}
