using System.Text;
using System.Text.Json.Nodes;
using Galaxy.Api.Toolkit.Migration.Forwarding;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;

namespace Galaxy.Api.Toolkit.Migration.Tests.Fallback;

/// <summary><see cref="ILegacyBackend.SendMirrorAsync(MirrorRequest, CancellationToken)"/> of both backends, as shadow traffic uses it.</summary>
public sealed class LegacyMirrorTests
{
    [Fact]
    public async Task A_mirror_reaches_a_legacy_server_with_its_body_headers_and_path_base()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var legacy = await LegacyProcess.StartAsync("legacy-a");
        await using var host = await FallbackHost.StartAsync([legacy]);
        var backend = host.Services.GetRequiredService<ILegacyBackend>();
        var request = Mirror("POST", "/api/histories", "{\"name\":\"x\"}", pathBase: "/galaxy", query: "?v=1", ("Host", "usegalaxy.example.org"), ("x-api-key", "k1"), ("Content-Type", "application/json"));

        var answer = await backend.SendMirrorAsync(request, ct);

        Assert.Null(answer.Failure);
        Assert.Equal(200, answer.Status);
        Assert.StartsWith("application/json", answer.ContentType, StringComparison.Ordinal);
        Assert.False(answer.Truncated);
        var echo = JsonNode.Parse(answer.Body.Span)!;
        Assert.Equal("legacy-a", (string)echo["served_by"]!);
        Assert.Equal("/galaxy/api/histories", (string)echo["path"]!);
        Assert.Equal("?v=1", (string)echo["query"]!);
        Assert.Equal(12, (long)echo["body_length"]!);
        Assert.Equal("usegalaxy.example.org", (string)echo["headers"]!["host"]!);
        Assert.Equal("k1", (string)echo["headers"]!["x-api-key"]!);
        Assert.Equal("application/json", (string)echo["headers"]!["content-type"]!);
        Assert.Equal("/galaxy", (string)echo["headers"]!["x-forwarded-prefix"]!);
    }

    [Fact]
    public async Task A_mirror_keeps_at_most_the_size_limit_of_the_answer()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var legacy = await LegacyProcess.StartAsync();
        await using var host = await FallbackHost.StartAsync([legacy]);
        var backend = host.Services.GetRequiredService<ILegacyBackend>();

        var whole = await backend.SendMirrorAsync(Mirror("GET", "/api/download/1"), 2 * 1024 * 1024, ct);
        var cut = await backend.SendMirrorAsync(Mirror("GET", "/api/download/50"), ct);

        Assert.Equal(1024 * 1024, whole.Body.Length);
        Assert.False(whole.Truncated);
        Assert.Equal(MirrorResponse.DefaultMaxBodyBytes, cut.Body.Length);
        Assert.True(cut.Truncated);
        Assert.Equal(200, cut.Status);
    }

    [Fact]
    public async Task A_mirror_to_a_dead_or_slow_legacy_server_reports_a_failure_and_cancellation_throws()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var legacy = await LegacyProcess.StartAsync();
        await using var host = await FallbackHost.StartAsync([legacy], static o => o.Timeout = TimeSpan.FromSeconds(1));
        var backend = host.Services.GetRequiredService<ILegacyBackend>();

        var slow = await backend.SendMirrorAsync(Mirror("GET", "/api/slow/60000"), ct);
        using var cancelled = new CancellationTokenSource();
        var pending = backend.SendMirrorAsync(Mirror("GET", "/api/slow/60000"), cancelled.Token);
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
        await legacy.KillAsync();
        var dead = await backend.SendMirrorAsync(Mirror("GET", "/api/tools"), ct);

        Assert.Equal(0, slow.Status);
        Assert.Contains("did not answer within", slow.Failure, StringComparison.Ordinal);
        Assert.Equal(0, dead.Status);
        Assert.Contains("could not be reached", dead.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_in_process_mirror_runs_the_legacy_app_detached_with_a_json_body()
    {
        var ct = TestContext.Current.CancellationToken;
        var clientResponses = 0;
        await using var host = await FallbackHost.StartAsync(o => o.ConfigureApp = legacy =>
        {
            legacy.Use(async (context, next) =>
            {
                context.Response.OnStarting(static state => { ((HttpContext)state).Response.Headers["X-Started"] = "1"; return Task.CompletedTask; }, context);
                context.Response.OnCompleted(() => { Interlocked.Increment(ref clientResponses); return Task.CompletedTask; });
                await next(context);
            });
            legacy.UseRouting();
            legacy.UseEndpoints(static endpoints => endpoints.MapPost(
                "/api/histories",
                static (HistoryPayload payload, HttpContext context) => Results.Json(new JsonObject
                {
                    ["name"] = payload.Name,
                    ["started_before_write"] = context.Response.HasStarted,
                    ["path_base"] = context.Request.PathBase.Value,
                })));
        });
        var backend = host.Services.GetRequiredService<ILegacyBackend>();

        var answer = await backend.SendMirrorAsync(Mirror("POST", "/api/histories", "{\"name\":\"Unnamed history\"}", "/galaxy", "", ("Content-Type", "application/json")), ct);
        var small = await backend.SendMirrorAsync(Mirror("POST", "/api/histories", "{\"name\":\"Unnamed history\"}", "", "", ("Content-Type", "application/json")), 10, ct);

        Assert.Null(answer.Failure);
        Assert.Equal(200, answer.Status);
        var body = JsonNode.Parse(answer.Body.Span)!;
        Assert.Equal("Unnamed history", (string)body["name"]!);
        Assert.False((bool)body["started_before_write"]!);
        Assert.Equal("/galaxy", (string)body["path_base"]!);
        Assert.Equal(10, small.Body.Length);
        Assert.True(small.Truncated);
        Assert.Equal(2, clientResponses);
    }

    private static MirrorRequest Mirror(string method, string path, string body = "", string pathBase = "", string query = "", params (string Name, string Value)[] headers)
        => new(
            method,
            new PathString(pathBase.Length == 0 ? null : pathBase),
            new PathString(path),
            new QueryString(query.Length == 0 ? null : query),
            [.. headers.Select(static h => new KeyValuePair<string, StringValues>(h.Name, h.Value))],
            Encoding.UTF8.GetBytes(body),
            null);

    private sealed record HistoryPayload(string Name);
}
