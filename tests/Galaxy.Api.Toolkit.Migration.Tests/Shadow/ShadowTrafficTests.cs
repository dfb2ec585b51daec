using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Galaxy.Api.Toolkit.Authentication;
using Galaxy.Api.Toolkit.Migration.Shadow;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Galaxy.Api.Toolkit.Migration.Tests.Shadow;

/// <summary>Shadow traffic over real HTTP: a modern host on Kestrel, the legacy side in process unless said otherwise.</summary>
public sealed class ShadowTrafficTests
{
    private const string ModernHistory = """{"id":"f2db41e1fa331b3e","name":"Unnamed history","update_time":"2026-11-25T10:00:00"}""";
    private const string HistoryRoute = "/api/histories/{history_id}";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static void MapHistory(WebApplication app)
        => app.MapGet(HistoryRoute, static (HttpContext c) => ShadowHost.JsonAsync(c, ModernHistory));

    [Fact]
    public async Task A_field_the_legacy_side_answers_differently_is_counted_logged_and_listed_at_the_admin_endpoint()
    {
        var logs = new LogCapture();
        await using var host = await ShadowHost.StartAsync(
            o =>
            {
                o.App = static c => ShadowHost.JsonAsync(c, """{"id":"f2db41e1fa331b3e","name":"Old name","update_time":"2019-01-01T00:00:00"}""");
                o.Shadow.Add("/api/histories", r => r.IgnorePaths.Add("update_time"));
            },
            MapHistory,
            logs);
        using var counter = new ShadowHost.MirroredCounter(host);

        using var response = await host.Client.GetAsync("api/histories/f2db41e1fa331b3e?key=secret-key", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ModernHistory, await response.Content.ReadAsStringAsync(Ct));
        var report = await ShadowHost.WaitForAsync(
            host,
            r => ShadowHost.Total(r, Outcome.Difference) == 1 && counter[Outcome.Difference, HistoryRoute] == 1 && logs.Entries.Any(e => e.EventId.Id == 3100),
            "one difference counted, measured and logged");
        var difference = Assert.Single(report.GetProperty("differences").EnumerateArray());
        Assert.Equal("GET", difference.GetProperty("method").GetString());
        Assert.Equal("/api/histories/f2db41e1fa331b3e", difference.GetProperty("path").GetString());
        Assert.Equal(HistoryRoute, difference.GetProperty("route").GetString());
        Assert.Equal("/api/histories", difference.GetProperty("rule").GetString());
        Assert.Equal("json", difference.GetProperty("kind").GetString());
        Assert.Equal(["$.name"], difference.GetProperty("paths").EnumerateArray().Select(static p => p.GetString()));
        Assert.Equal("modern", difference.GetProperty("primary").GetProperty("side").GetString());
        Assert.Equal(200, difference.GetProperty("primary").GetProperty("status").GetInt32());
        Assert.Equal(ModernHistory, difference.GetProperty("primary").GetProperty("body").GetString());
        Assert.Equal("legacy", difference.GetProperty("shadow").GetProperty("side").GetString());
        Assert.Contains("Old name", difference.GetProperty("shadow").GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, report.GetProperty("rules")[0].GetProperty("counts").GetProperty(Outcome.Difference).GetInt64());
        Assert.Equal(1, Outcome.All(report));

        var warning = Assert.Single(logs.Entries, static e => e.EventId.Id == 3100);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("$.name", warning.Text, StringComparison.Ordinal);
        // The query (where Galaxy clients may put their API key) is neither logged nor listed.
        Assert.DoesNotContain(logs.Entries, static e => e.Text.Contains("secret-key", StringComparison.Ordinal));
        Assert.DoesNotContain("secret-key", report.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bodies_that_differ_only_in_ignored_paths_member_order_and_number_spelling_match()
    {
        const string modern = """{"id":"h1","name":"n","update_time":"2026-11-25","count":1,"items":[{"id":1,"create_time":"a"},{"id":2,"create_time":"b"}]}""";
        const string legacy = """{"items":[{"create_time":"x","id":1.0},{"id":2,"create_time":"y"}],"count":1e0,"name":"n","update_time":"2019-01-01","id":"h1"}""";
        await using var host = await ShadowHost.StartAsync(
            o =>
            {
                o.App = static c => ShadowHost.JsonAsync(c, legacy);
                o.Shadow.IgnorePaths.Add("update_time");
                o.Shadow.Add(HistoryRoute, r => r.IgnorePaths.Add("$.items[*].create_time"));
            },
            app => app.MapGet(HistoryRoute, static (HttpContext c) => ShadowHost.JsonAsync(c, modern)));

        using var response = await host.Client.GetAsync("api/histories/h1", Ct);

        Assert.Equal(modern, await response.Content.ReadAsStringAsync(Ct));
        var report = await ShadowHost.WaitForAsync(host, static r => Outcome.All(r) == 1, "the mirror compared");
        Assert.Equal(1, ShadowHost.Total(report, Outcome.Match));
        Assert.Empty(report.GetProperty("differences").EnumerateArray());
        Assert.Equal(["update_time", "$.items[*].create_time"], report.GetProperty("rules")[0].GetProperty("ignore_paths").EnumerateArray().Select(static p => p.GetString()));
    }

    [Fact]
    public async Task Primary_legacy_serves_the_client_from_legacy_and_mirrors_the_modern_endpoint_with_its_route_values()
    {
        var modernCalls = new ConcurrentQueue<string>();
        await using var host = await ShadowHost.StartAsync(
            o =>
            {
                o.App = static c => ShadowHost.JsonAsync(c, """{"id":"h7","name":"legacy"}""");
                o.Shadow.Add(HistoryRoute, r => r.Primary = ShadowPrimary.Legacy);
            },
            app => app.MapGet(HistoryRoute, (HttpContext c) =>
            {
                var id = (string)c.Request.RouteValues["history_id"]!;
                modernCalls.Enqueue(id + " " + c.Request.Headers[ShadowCapture.MarkerHeader]);
                return ShadowHost.JsonAsync(c, $$"""{"id":"{{id}}","name":"modern"}""");
            }));

        using var response = await host.Client.GetAsync("api/histories/h7", Ct);

        Assert.Equal("""{"id":"h7","name":"legacy"}""", await response.Content.ReadAsStringAsync(Ct));
        var report = await ShadowHost.WaitForAsync(host, static r => ShadowHost.Total(r, Outcome.Difference) == 1, "the modern endpoint mirrored");
        var difference = report.GetProperty("differences")[0];
        Assert.Equal("legacy", difference.GetProperty("primary").GetProperty("side").GetString());
        Assert.Equal("modern", difference.GetProperty("shadow").GetProperty("side").GetString());
        Assert.Equal("""{"id":"h7","name":"modern"}""", difference.GetProperty("shadow").GetProperty("body").GetString());
        Assert.Equal(["$.name"], difference.GetProperty("paths").EnumerateArray().Select(static p => p.GetString()));
        Assert.Equal(["h7 mirror"], modernCalls);
        Assert.Equal("legacy", report.GetProperty("rules")[0].GetProperty("primary").GetString());
    }

    [Fact]
    public async Task A_mirror_to_a_modern_endpoint_goes_through_its_authorization_and_Galaxys_error_handling()
    {
        await using var host = await ShadowHost.StartAsync(
            o =>
            {
                o.App = static c => c.Request.Path.Value!.EndsWith("/contents", StringComparison.Ordinal)
                    ? ShadowHost.JsonAsync(c, """{"err_msg":"No such history","err_code":404001}""", 404)
                    : ShadowHost.JsonAsync(c, """{"user":"user"}""");
                o.Shadow.MaxConcurrency = 1;
                o.Shadow.Add("/api/histories", r => r.Primary = ShadowPrimary.Legacy);
            },
            app =>
            {
                app.MapGet(HistoryRoute, static (HttpContext c) => ShadowHost.JsonAsync(c, $$"""{"user":"{{c.GetGalaxyUser()!.Username}}"}"""))
                    .RequireAuthorization(GalaxyAuthenticationDefaults.UserPolicy);
                app.MapGet(HistoryRoute + "/contents", static Task (HttpContext _) => throw new ObjectNotFoundException("No such history"));
            },
            services: static builder => builder.Services.AddGalaxyApi());

        using var withKey = new HttpRequestMessage(HttpMethod.Get, "api/histories/h1");
        withKey.Headers.Add(GalaxyAuthenticationDefaults.ApiKeyHeader, ShadowHost.UserKey);
        Assert.Equal("""{"user":"user"}""", await (await host.Client.SendAsync(withKey, Ct)).Content.ReadAsStringAsync(Ct));
        using var contents = await host.Client.GetAsync("api/histories/h1/contents", Ct);
        Assert.Equal(HttpStatusCode.NotFound, contents.StatusCode);
        Assert.Equal("""{"user":"user"}""", await host.Client.GetStringAsync("api/histories/h1", Ct));

        var report = await ShadowHost.WaitForAsync(host, static r => Outcome.All(r) == 3, "the three mirrors compared");
        // With the key, the modern endpoint saw the user; its Galaxy error matches the legacy one.
        Assert.Equal(2, ShadowHost.Total(report, Outcome.Match));
        // Without a key, the modern endpoint refuses the mirror as it would refuse the client.
        var difference = Assert.Single(report.GetProperty("differences").EnumerateArray());
        Assert.Equal("status", difference.GetProperty("kind").GetString());
        Assert.Equal(403, difference.GetProperty("shadow").GetProperty("status").GetInt32());
        Assert.Contains("403001", difference.GetProperty("shadow").GetProperty("body").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Primary_legacy_keeps_serving_from_legacy_the_requests_not_sampled()
    {
        var modernCalls = new ConcurrentQueue<string>();
        await using var host = await ShadowHost.StartAsync(
            o =>
            {
                o.App = static c => ShadowHost.JsonAsync(c, """{"served_by":"legacy"}""");
                o.Shadow.MaxConcurrency = 1;
                o.Shadow.Add(HistoryRoute, r => (r.Primary, r.SampleRate) = (ShadowPrimary.Legacy, 0));
                o.Shadow.Add("/api/users/{user_id}");
            },
            app =>
            {
                app.MapGet(HistoryRoute, (HttpContext c) =>
                {
                    modernCalls.Enqueue(c.Request.Path);
                    return ShadowHost.JsonAsync(c, """{"served_by":"modern"}""");
                });
                app.MapGet("/api/users/{user_id}", static (HttpContext c) => ShadowHost.JsonAsync(c, """{"served_by":"legacy"}"""));
            });

        var bodies = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            bodies.Add(await host.Client.GetStringAsync("api/histories/h" + i, Ct));
        }

        // A mirrored request after them: once it is compared, anything queued before it was too (one worker, in order).
        Assert.Equal("""{"served_by":"legacy"}""", await host.Client.GetStringAsync("api/users/u1", Ct));
        var report = await ShadowHost.WaitForAsync(host, static r => Outcome.All(r) == 1, "the sampled rule's mirror compared");

        Assert.All(bodies, static b => Assert.Equal("""{"served_by":"legacy"}""", b));
        Assert.Empty(modernCalls);
        Assert.Equal(1, ShadowHost.Total(report, Outcome.Match));
    }

    [Fact]
    public async Task Unsafe_methods_are_not_mirrored_by_default()
    {
        var legacy = new RecordingLegacy();
        await using var host = await ShadowHost.StartAsync(
            o =>
            {
                o.App = legacy.InvokeAsync;
                o.Shadow.MaxConcurrency = 1;
                o.Shadow.Add("/api/histories");
            },
            MapHistoriesWithCreate);

        using var created = await host.Client.PostAsync("api/histories", Json("""{"name":"new"}"""), Ct);
        using var shown = await host.Client.GetAsync("api/histories/f2db41e1fa331b3e", Ct);

        Assert.Equal("""{"name":"new","created_by":"modern"}""", await created.Content.ReadAsStringAsync(Ct));
        var report = await ShadowHost.WaitForAsync(host, static r => Outcome.All(r) == 1, "the GET mirrored");
        Assert.Equal(["GET /api/histories/f2db41e1fa331b3e"], legacy.Calls.Select(static c => c.Method + " " + c.Path));
        Assert.Equal(1, Outcome.All(report));
    }

    [Fact]
    public async Task Unsafe_methods_opted_in_are_mirrored_with_the_same_body_and_the_marker_header()
    {
        var legacy = new RecordingLegacy();
        await using var host = await ShadowHost.StartAsync(
            o =>
            {
                o.App = legacy.InvokeAsync;
                o.Shadow.Add("/api/histories", r =>
                {
                    r.Methods.Add("POST");
                    r.AllowUnsafeMethods = true;
                });
            },
            MapHistoriesWithCreate);
        const string payload = """{"name":"new", "all_datasets": true}""";

        using var created = await host.Client.PostAsync("api/histories", Json(payload), Ct);

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal("""{"name":"new","created_by":"modern"}""", await created.Content.ReadAsStringAsync(Ct));
        var report = await ShadowHost.WaitForAsync(host, static r => Outcome.All(r) == 1, "the POST mirrored");
        var call = Assert.Single(legacy.Calls);
        Assert.Equal("POST", call.Method);
        Assert.Equal(payload, call.Body);
        Assert.Equal("mirror", call.Marker);
        Assert.Equal(["$.created_by"], report.GetProperty("differences")[0].GetProperty("paths").EnumerateArray().Select(static p => p.GetString()));
    }

    [Fact]
    public async Task When_the_shadow_side_hangs_mirrors_are_dropped_and_counted_and_every_client_gets_the_primary_answer()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = await ShadowHost.StartAsync(
            o =>
            {
                o.App = async c =>
                {
                    await release.Task.WaitAsync(c.RequestAborted);
                    await ShadowHost.JsonAsync(c, ModernHistory);
                };
                o.Shadow.QueueCapacity = 1;
                o.Shadow.MaxConcurrency = 1;
                o.Shadow.Timeout = TimeSpan.FromMinutes(5);
                o.Shadow.Add("/api/histories");
            },
            MapHistory);
        using var counter = new ShadowHost.MirroredCounter(host);

        const int requests = 6;
        for (var i = 0; i < requests; i++)
        {
            using var response = await host.Client.GetAsync("api/histories/f2db41e1fa331b3e", Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(ModernHistory, await response.Content.ReadAsStringAsync(Ct));
        }

        // One mirror hangs in the worker, one waits in the queue: the others are dropped.
        var report = await ShadowHost.WaitForAsync(host, static r => ShadowHost.Total(r, Outcome.Dropped) >= requests - 2, "the mirrors beyond the queue dropped");
        Assert.InRange(report.GetProperty("queue").GetProperty("length").GetInt32(), 0, 1);

        release.SetResult();
        report = await ShadowHost.WaitForAsync(host, static r => Outcome.All(r) == requests, "every request accounted for");
        Assert.Equal(requests, ShadowHost.Total(report, Outcome.Dropped) + ShadowHost.Total(report, Outcome.Match));
        Assert.InRange(ShadowHost.Total(report, Outcome.Match), 1, 2);
        Assert.Equal(ShadowHost.Total(report, Outcome.Dropped), counter[Outcome.Dropped, HistoryRoute]);
    }

    [Fact]
    public async Task Under_concurrent_load_every_client_gets_the_primary_answer_and_every_request_is_accounted_for_once()
    {
        await using var host = await ShadowHost.StartAsync(
            o =>
            {
                o.App = static async c =>
                {
                    await Task.Delay(5, c.RequestAborted);
                    await ShadowHost.JsonAsync(c, ModernHistory);
                };
                o.Shadow.QueueCapacity = 8;
                o.Shadow.MaxConcurrency = 2;
                o.Shadow.Add("/api/histories");
            },
            MapHistory);

        const int requests = 300;
        var bodies = await Task.WhenAll(Enumerable.Range(0, requests).Select(_ => host.Client.GetStringAsync("api/histories/f2db41e1fa331b3e", Ct)));

        Assert.All(bodies, static b => Assert.Equal(ModernHistory, b));
        var report = await ShadowHost.WaitForAsync(host, static r => Outcome.All(r) == requests && r.GetProperty("queue").GetProperty("length").GetInt32() == 0, "every request accounted for");
        Assert.Equal(requests, ShadowHost.Total(report, Outcome.Match) + ShadowHost.Total(report, Outcome.Dropped));
        Assert.True(ShadowHost.Total(report, Outcome.Match) > 0);
        Assert.Equal(0, report.GetProperty("queue").GetProperty("bytes").GetInt64());
    }

    [Fact]
    public async Task A_shadow_side_that_throws_is_counted_as_failed()
    {
        await using var host = await ShadowHost.StartAsync(
            o =>
            {
                o.App = static _ => throw new InvalidOperationException("legacy broke");
                o.Shadow.Add("/api/histories");
            },
            MapHistory);

        Assert.Equal(ModernHistory, await host.Client.GetStringAsync("api/histories/f2db41e1fa331b3e", Ct));

        var report = await ShadowHost.WaitForAsync(host, static r => ShadowHost.Total(r, Outcome.Failed) == 1, "the failure counted");
        Assert.Equal(1, Outcome.All(report));
    }

    [Fact]
    public async Task A_shadow_side_slower_than_the_timeout_is_counted_as_timeout()
    {
        await using var host = await ShadowHost.StartAsync(
            o =>
            {
                o.App = static async c =>
                {
                    await Task.Delay(Timeout.Infinite, c.RequestAborted);
                    await ShadowHost.JsonAsync(c, ModernHistory);
                };
                o.Shadow.Timeout = TimeSpan.FromMilliseconds(100);
                o.Shadow.Add("/api/histories");
            },
            MapHistory);

        Assert.Equal(ModernHistory, await host.Client.GetStringAsync("api/histories/f2db41e1fa331b3e", Ct));

        var report = await ShadowHost.WaitForAsync(host, static r => ShadowHost.Total(r, Outcome.Timeout) == 1, "the timeout counted");
        Assert.Equal(1, Outcome.All(report));
    }

    [Fact]
    public async Task A_body_over_the_limit_is_skipped_and_counted()
    {
        await using var host = await ShadowHost.StartAsync(
            o =>
            {
                o.App = static c => ShadowHost.JsonAsync(c, "{}");
                o.Shadow.MaxBodyBytes = 1024;
                o.Shadow.Add("/api/histories");
            },
            app => app.MapGet("/api/histories/{id}/export", static (HttpContext c) => c.Response.WriteAsync(new string('x', 5000), c.RequestAborted)));

        Assert.Equal(5000, (await host.Client.GetStringAsync("api/histories/h1/export", Ct)).Length);

        var report = await ShadowHost.WaitForAsync(host, static r => ShadowHost.Total(r, Outcome.Skipped) == 1, "the large body skipped");
        Assert.Equal(1, Outcome.All(report));
    }

    [Fact]
    public async Task The_client_response_is_byte_identical_with_and_without_shadow()
    {
        static void Configure(GalaxyLegacyOptions o, bool shadow)
        {
            o.App = static c => ShadowHost.JsonAsync(c, """{"served_by":"legacy"}""");
            if (shadow)
            {
                o.Shadow.MaxBodyBytes = 1024;
                o.Shadow.Add("/api/histories");
            }
        }

        await using var plain = await ShadowHost.StartAsync(o => Configure(o, shadow: false), MapIdentityEndpoints);
        await using var shadowed = await ShadowHost.StartAsync(o => Configure(o, shadow: true), MapIdentityEndpoints);
        string[] requests =
        [
            "GET /api/histories/h1",
            "GET /api/histories/h1/contents",
            "GET /api/histories/h1/export",
            "GET /api/histories/h1/missing",
            "HEAD /api/histories/h1/summary",
        ];

        foreach (var request in requests)
        {
            var (method, path) = (request.Split(' ')[0], request.Split(' ')[1]);
            var expected = await RawAsync(plain, method, path);
            var actual = await RawAsync(shadowed, method, path);
            Assert.Equal(expected, actual);
        }

        // Every one of them was mirrored (or, the large one, skipped) on the shadowed host.
        var report = await ShadowHost.WaitForAsync(shadowed, r => Outcome.All(r) == requests.Length, "every request mirrored");
        Assert.Equal(1, ShadowHost.Total(report, Outcome.Skipped));
    }

    [Fact]
    public async Task A_real_legacy_process_gets_the_mirrors()
    {
        await using var legacy = await LegacyProcess.StartAsync("shadow-stub");
        await using var host = await ShadowHost.StartAsync(
            o =>
            {
                o.Servers.Add(legacy.Address);
                o.Shadow.Add("/api/version");
                o.Shadow.Add("/api/histories");
            },
            app =>
            {
                app.MapGet("/api/version", static (HttpContext c) => ShadowHost.JsonAsync(c, """{"version_minor":"1","version_major":"23.1","served_by":"modern"}"""));
                MapHistory(app);
            });

        Assert.Contains("modern", await host.Client.GetStringAsync("api/version", Ct), StringComparison.Ordinal);
        Assert.Equal(ModernHistory, await host.Client.GetStringAsync("api/histories/f2db41e1fa331b3e", Ct));

        var report = await ShadowHost.WaitForAsync(host, static r => ShadowHost.Total(r, Outcome.Difference) == 2, "both mirrors compared");
        var differences = report.GetProperty("differences").EnumerateArray().ToDictionary(static d => d.GetProperty("path").GetString()!);
        var version = differences["/api/version"];
        Assert.Equal(["$.served_by"], version.GetProperty("paths").EnumerateArray().Select(static p => p.GetString()));
        Assert.Contains("\"served_by\":\"shadow-stub\"", version.GetProperty("shadow").GetProperty("body").GetString(), StringComparison.Ordinal);
        // The stub echoes what it received: the mirror's path, and the header that marks it.
        var echo = JsonDocument.Parse(differences["/api/histories/f2db41e1fa331b3e"].GetProperty("shadow").GetProperty("body").GetString()!).RootElement;
        Assert.Equal("/api/histories/f2db41e1fa331b3e", echo.GetProperty("path").GetString());
        Assert.Equal("mirror", echo.GetProperty("headers").GetProperty(ShadowCapture.MarkerHeader).GetString());
    }

    [Fact]
    public async Task The_admin_endpoint_answers_admins_only()
    {
        await using var host = await ShadowHost.StartAsync(
            o =>
            {
                o.App = static c => ShadowHost.JsonAsync(c, "{}");
                o.Shadow.Add("/api/histories");
            },
            MapHistory);

        using var anonymous = await host.Client.GetAsync(ShadowHost.ReportPath, Ct);
        using var request = new HttpRequestMessage(HttpMethod.Get, ShadowHost.ReportPath);
        request.Headers.Add("x-api-key", ShadowHost.UserKey);
        using var user = await host.Client.SendAsync(request, Ct);
        var report = await ShadowHost.ReportAsync(host);

        Assert.Equal(HttpStatusCode.Forbidden, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, user.StatusCode);
        Assert.True(report.GetProperty("enabled").GetBoolean());
        Assert.Equal(1000, report.GetProperty("queue").GetProperty("capacity").GetInt32());
        Assert.Equal(["GET", "HEAD"], report.GetProperty("rules")[0].GetProperty("methods").EnumerateArray().Select(static m => m.GetString()));
        Assert.Equal(0, Outcome.All(report));
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static void MapHistoriesWithCreate(WebApplication app)
    {
        MapHistory(app);
        app.MapPost("/api/histories", static async (HttpContext c) =>
        {
            // Read through the body pipe, as JSON binding does.
            using var payload = await JsonDocument.ParseAsync(c.Request.BodyReader.AsStream(), cancellationToken: c.RequestAborted);
            await ShadowHost.JsonAsync(c, $$"""{"name":"{{payload.RootElement.GetProperty("name").GetString()}}","created_by":"modern"}""");
        });
    }

    private static void MapIdentityEndpoints(WebApplication app)
    {
        MapHistory(app);
        app.MapGet("/api/histories/{id}/contents", static async (HttpContext c) =>
        {
            // Several flushed writes through the pipe: a chunked body.
            c.Response.ContentType = "application/json";
            for (var i = 0; i < 3; i++)
            {
                var text = Encoding.UTF8.GetBytes(i == 0 ? "[" + i : "," + i);
                text.CopyTo(c.Response.BodyWriter.GetSpan(text.Length));
                c.Response.BodyWriter.Advance(text.Length);
                await c.Response.BodyWriter.FlushAsync(c.RequestAborted);
            }

            await c.Response.Body.WriteAsync("]"u8.ToArray(), c.RequestAborted);
        });
        app.MapGet("/api/histories/{id}/export", static (HttpContext c) =>
        {
            c.Response.ContentLength = 5000;
            return c.Response.WriteAsync(new string('x', 5000), c.RequestAborted);
        });
        app.MapGet("/api/histories/{id}/missing", static (HttpContext c) => ShadowHost.JsonAsync(c, """{"err_msg":"No history","err_code":404001}""", 404));
        app.MapMethods("/api/histories/{id}/summary", ["HEAD"], static (HttpContext c) =>
        {
            c.Response.ContentType = "application/json";
            c.Response.Headers["x-history-size"] = "42";
            return Task.CompletedTask;
        });
    }

    /// <summary>The response exactly as it arrives on the wire, but for the Date header.</summary>
    private static async Task<string> RawAsync(ModernHost host, string method, string path)
    {
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(host.Address.Host, host.Address.Port, Ct);
        await using var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"), Ct);
        using var received = new MemoryStream();
        await stream.CopyToAsync(received, Ct);
        var lines = Encoding.Latin1.GetString(received.ToArray()).Split("\r\n");
        return string.Join("\r\n", lines.Where(static l => !l.StartsWith("Date: ", StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>An in-process legacy app that records what it receives.</summary>
    private sealed class RecordingLegacy
    {
        public ConcurrentQueue<(string Method, string Path, string Body, string? Marker)> Calls { get; } = new();

        public async Task InvokeAsync(HttpContext context)
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            Calls.Enqueue((context.Request.Method, context.Request.Path.Value!, body, context.Request.Headers[ShadowCapture.MarkerHeader].FirstOrDefault()));
            await ShadowHost.JsonAsync(context, context.Request.Method == "POST" ? """{"name":"new"}""" : ModernHistory);
        }
    }
}
