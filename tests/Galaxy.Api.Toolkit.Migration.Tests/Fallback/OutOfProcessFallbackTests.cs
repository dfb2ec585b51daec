using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Galaxy.Api.Toolkit.Migration.Tests.Fallback;

/// <summary>The fallback to real legacy processes through YARP: precedence, what the legacy server sees, balancing, health.</summary>
public sealed class OutOfProcessFallbackTests
{
    [Fact]
    public async Task Modern_routes_win_per_method_and_the_rest_reaches_the_legacy_server()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var legacy = await LegacyProcess.StartAsync("legacy-a");
        await using var host = await FallbackHost.StartAsync([legacy], map: static app =>
        {
            app.MapPut("/api/datasets/{id}", static (string id) => "modern put " + id);
            app.MapGet("/api/version", static () => "modern version");
        });

        using var put = await host.Client.PutAsync("api/datasets/7", new StringContent("{}"), ct);
        using var delete = await host.Client.DeleteAsync("api/datasets/7", ct);
        using var get = await host.Client.GetAsync("api/datasets/7?view=detailed", ct);
        using var version = await host.Client.GetAsync("api/version", ct);
        using var tools = await host.Client.GetAsync("api/tools", ct);

        Assert.Equal("modern put 7", await put.Content.ReadAsStringAsync(ct));
        var deleted = await FallbackHost.EchoAsync(delete);
        Assert.Equal("legacy-a", (string)deleted["served_by"]!);
        Assert.Equal("DELETE", (string)deleted["method"]!);
        Assert.Equal("/api/datasets/7", (string)deleted["path"]!);
        var shown = await FallbackHost.EchoAsync(get);
        Assert.Equal("GET", (string)shown["method"]!);
        Assert.Equal("?view=detailed", (string)shown["query"]!);
        Assert.Equal("modern version", await version.Content.ReadAsStringAsync(ct));
        Assert.Equal(HttpStatusCode.OK, tools.StatusCode);
        Assert.Contains("\"served_by\":\"legacy-a\"", await tools.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_legacy_server_sees_the_client_host_api_key_cookies_forwarded_headers_and_the_path_base()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var legacy = await LegacyProcess.StartAsync();
        await using var host = await ModernHost.StartAsync(
            builder => builder.Services.AddGalaxyLegacyFallback(o =>
            {
                o.AdminPath = null;
                o.Servers.Add(legacy.Address);
            }),
            static app =>
            {
                app.UsePathBase("/galaxy");
                app.UseRouting();
                app.MapGalaxyLegacyFallback();
            });
        using var request = new HttpRequestMessage(HttpMethod.Post, "galaxy/api/histories/f2db41e1fa331b3e/contents?v=dev")
        {
            Content = new StringContent("{\"name\":\"x\"}", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Host = "usegalaxy.example.org:8443";
        request.Headers.Add("x-api-key", "0123456789abcdef");
        request.Headers.Add("Cookie", "galaxysession=abc123; other=1");

        using var response = await host.Client.SendAsync(request, ct);

        var echo = await FallbackHost.EchoAsync(response);
        var headers = echo["headers"]!.AsObject();
        Assert.Equal("/galaxy/api/histories/f2db41e1fa331b3e/contents", (string)echo["path"]!);
        Assert.Equal("?v=dev", (string)echo["query"]!);
        Assert.Equal("usegalaxy.example.org:8443", (string)headers["host"]!);
        Assert.Equal("0123456789abcdef", (string)headers["x-api-key"]!);
        Assert.Equal("galaxysession=abc123; other=1", (string)headers["cookie"]!);
        Assert.Equal("usegalaxy.example.org:8443", (string)headers["x-forwarded-host"]!);
        Assert.Equal("http", (string)headers["x-forwarded-proto"]!);
        Assert.Equal("127.0.0.1", (string)headers["x-forwarded-for"]!);
        Assert.Equal("/galaxy", (string)headers["x-forwarded-prefix"]!);
        Assert.Equal("application/json; charset=utf-8", (string)headers["content-type"]!);
        Assert.Equal(12, (long)echo["body_length"]!);
    }

    [Fact]
    public async Task Without_ForwardPathBase_the_legacy_server_gets_the_path_under_the_base_and_the_prefix_header()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var legacy = await LegacyProcess.StartAsync();
        await using var host = await ModernHost.StartAsync(
            builder => builder.Services.AddGalaxyLegacyFallback(o =>
            {
                o.AdminPath = null;
                o.Servers.Add(legacy.Address);
                o.ForwardPathBase = false;
            }),
            static app =>
            {
                app.UsePathBase("/galaxy");
                app.UseRouting();
                app.MapGalaxyLegacyFallback();
            });

        using var response = await host.Client.GetAsync("galaxy/api/jobs/1", ct);

        var echo = await FallbackHost.EchoAsync(response);
        Assert.Equal("/api/jobs/1", (string)echo["path"]!);
        Assert.Equal("/galaxy", (string)echo["headers"]!["x-forwarded-prefix"]!);
    }

    [Fact]
    public async Task Requests_are_balanced_over_the_legacy_servers()
    {
        await using var a = await LegacyProcess.StartAsync("legacy-a");
        await using var b = await LegacyProcess.StartAsync("legacy-b");
        await using var host = await FallbackHost.StartAsync([a, b], static o => o.LoadBalancingPolicy = "RoundRobin");

        var servedBy = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            servedBy.Add(await FallbackHost.ServedByAsync(host.Client, "api/anything"));
        }

        Assert.Equal(5, servedBy.Count(static s => s == "legacy-a"));
        Assert.Equal(5, servedBy.Count(static s => s == "legacy-b"));
    }

    [Fact]
    public async Task The_default_policy_uses_every_legacy_server()
    {
        await using var a = await LegacyProcess.StartAsync("legacy-a");
        await using var b = await LegacyProcess.StartAsync("legacy-b");
        await using var host = await FallbackHost.StartAsync([a, b]);

        var servedBy = new HashSet<string>();
        for (var i = 0; i < 200 && servedBy.Count < 2; i++)
        {
            servedBy.Add(await FallbackHost.ServedByAsync(host.Client, "api/anything"));
        }

        Assert.Equal(["legacy-a", "legacy-b"], servedBy.Order());
    }

    [Fact]
    public async Task An_unhealthy_server_gets_no_requests_until_it_is_healthy_again()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var a = await LegacyProcess.StartAsync("legacy-a");
        await using var b = await LegacyProcess.StartAsync("legacy-b");
        await using var host = await FallbackHost.StartAsync([a, b], static o =>
        {
            o.LoadBalancingPolicy = "RoundRobin";
            o.HealthCheck.Interval = TimeSpan.FromMilliseconds(200);
            o.HealthCheck.Timeout = TimeSpan.FromSeconds(2);
        });
        using var direct = new HttpClient();

        await direct.GetStringAsync(new Uri(b.Address, "_stub/health/down"), ct);
        await FallbackHost.WaitUntilAsync(
            async () => (await ServedByAsync(host, 6)).All(static s => s == "legacy-a"),
            TimeSpan.FromSeconds(30),
            "every request goes to legacy-a once legacy-b fails its health checks");
        var whileDown = await ServedByAsync(host, 20);

        await direct.GetStringAsync(new Uri(b.Address, "_stub/health/up"), ct);
        await FallbackHost.WaitUntilAsync(
            async () => (await ServedByAsync(host, 6)).Contains("legacy-b"),
            TimeSpan.FromSeconds(30),
            "legacy-b gets requests again once it passes its health checks");

        Assert.All(whileDown, static s => Assert.Equal("legacy-a", s));
    }

    [Fact]
    public async Task With_every_server_unhealthy_the_client_gets_Galaxy_502()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var legacy = await LegacyProcess.StartAsync();
        await using var host = await FallbackHost.StartAsync([legacy], static o => o.HealthCheck.Interval = TimeSpan.FromMilliseconds(200));
        using var direct = new HttpClient();

        await direct.GetStringAsync(new Uri(legacy.Address, "_stub/health/down"), ct);
        await FallbackHost.WaitUntilAsync(
            async () =>
            {
                using var probe = await host.Client.GetAsync("api/anything", ct);
                return probe.StatusCode == HttpStatusCode.BadGateway;
            },
            TimeSpan.FromSeconds(30),
            "the only server is taken out after failing its health checks");
        using var response = await host.Client.GetAsync("api/anything", ct);

        var message = await FallbackHost.AssertGalaxyErrorAsync(response, HttpStatusCode.BadGateway, 502001);
        Assert.Contains("health checks", message, StringComparison.Ordinal);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    private static async Task<List<string>> ServedByAsync(ModernHost host, int count)
    {
        var servedBy = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            servedBy.Add(await FallbackHost.ServedByAsync(host.Client, "api/anything"));
        }

        return servedBy;
    }
}
