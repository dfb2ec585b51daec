using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Galaxy.Api.Toolkit.Migration.Tests.Fallback;

public sealed class InProcessFallbackTests
{
    private static Task<ModernHost> StartAsync() => ModernHost.StartAsync(
        builder => builder.Services.AddGalaxyLegacyFallback(o =>
        {
            o.AdminPath = null;
            o.App = static context => context.Response.WriteAsync($"legacy {context.Request.Method} {context.Request.Path}");
        }),
        app =>
        {
            app.MapGalaxyLegacyFallback();
            app.MapPut("/api/items/{id}", static (string id) => "modern put " + id);
        });

    [Fact]
    public async Task Modern_routes_win_per_method_and_the_rest_goes_to_the_legacy_app()
    {
        await using var host = await StartAsync();
        var ct = TestContext.Current.CancellationToken;

        using var put = await host.Client.PutAsync("api/items/7", null, ct);
        using var delete = await host.Client.DeleteAsync("api/items/7", ct);
        using var other = await host.Client.GetAsync("api/anything/else?x=1", ct);

        Assert.Equal("modern put 7", await put.Content.ReadAsStringAsync(ct));
        Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        Assert.Equal("legacy DELETE /api/items/7", await delete.Content.ReadAsStringAsync(ct));
        Assert.Equal("legacy GET /api/anything/else", await other.Content.ReadAsStringAsync(ct));
    }

    [Fact]
    public async Task A_legacy_pipeline_with_its_own_routing_gets_json_bodies_and_the_path_base()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await ModernHost.StartAsync(
            static builder => builder.Services.AddGalaxyLegacyFallback(static o =>
            {
                o.AdminPath = null;
                o.ConfigureApp = static legacy =>
                {
                    legacy.UseRouting();
                    legacy.UseEndpoints(static endpoints => endpoints.MapPost(
                        "/api/histories",
                        static (HistoryPayload payload, HttpContext context) => Results.Json(new JsonObject
                        {
                            ["name"] = payload.Name,
                            ["path_base"] = context.Request.PathBase.Value,
                            ["path"] = context.Request.Path.Value,
                        })));
                };
            }),
            static app =>
            {
                app.UsePathBase("/galaxy");
                app.UseRouting();
                app.MapGalaxyLegacyFallback();
            });

        using var response = await host.Client.PostAsync("galaxy/api/histories", JsonContent("{\"name\":\"Unnamed history\"}"), ct);

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Unnamed history", (string)body["name"]!);
        Assert.Equal("/galaxy", (string)body["path_base"]!);
        Assert.Equal("/api/histories", (string)body["path"]!);
    }

    [Fact]
    public async Task A_legacy_app_past_the_timeout_gives_Galaxy_504()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await StartInProcessAsync(static async context =>
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        });

        using var response = await host.Client.GetAsync("api/slow", ct);

        await FallbackHost.AssertGalaxyErrorAsync(response, HttpStatusCode.GatewayTimeout, 504001);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_shorter_of_the_request_timeout_and_the_fallback_timeout_answers_504001(bool requestTimeoutIsShorter)
    {
        var ct = TestContext.Current.CancellationToken;
        var (shorter, longer) = (TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));
        await using var host = await FallbackHost.StartAsync(
            o =>
            {
                o.App = static async context => await Task.Delay(Timeout.Infinite, context.RequestAborted);
                o.Timeout = requestTimeoutIsShorter ? longer : shorter;
            },
            services: builder => builder.Services.AddGalaxyApi(o => o.Limits.RequestTimeout = requestTimeoutIsShorter ? shorter : longer));

        using var response = await host.Client.GetAsync("api/slow", ct);

        var message = await FallbackHost.AssertGalaxyErrorAsync(response, HttpStatusCode.GatewayTimeout, 504001);
        Assert.Equal(requestTimeoutIsShorter ? GalaxyErrorCodes.RequestTimedOut.DefaultMessage : "The legacy server did not answer in time.", message);
    }

    [Fact]
    public async Task A_legacy_app_that_ignores_the_timeout_is_awaited_and_its_late_answer_replaced_by_504()
    {
        var ct = TestContext.Current.CancellationToken;
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = await StartInProcessAsync(async context =>
        {
            // Throws nothing when the token fires: it only returns some time after, having set a status and a header.
            var fired = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using (context.RequestAborted.Register(() => fired.TrySetResult()))
            {
                await fired.Task;
            }

            await Task.Yield();
            context.Response.StatusCode = StatusCodes.Status201Created;
            context.Response.Headers["X-Legacy"] = "late";
            finished.TrySetResult();
        });

        using var response = await host.Client.GetAsync("api/slow", ct);

        await FallbackHost.AssertGalaxyErrorAsync(response, HttpStatusCode.GatewayTimeout, 504001);
        Assert.True(finished.Task.IsCompleted);
        Assert.False(response.Headers.Contains("X-Legacy"));
    }

    [Fact]
    public async Task A_legacy_app_that_throws_gives_Galaxy_502()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await StartInProcessAsync(static context =>
        {
            context.Response.Headers["X-Legacy"] = "partial";
            throw new InvalidOperationException("The WSGI app failed.");
        });

        using var response = await host.Client.GetAsync("api/broken", ct);

        await FallbackHost.AssertGalaxyErrorAsync(response, HttpStatusCode.BadGateway, 502001);
        Assert.False(response.Headers.Contains("X-Legacy"));
    }

    [Fact]
    public async Task A_legacy_app_that_throws_after_its_response_started_aborts_the_connection()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await StartInProcessAsync(static async context =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("{\"items\": [1, 2,", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            throw new InvalidOperationException("The WSGI app failed half way.");
        });

        var exception = await Record.ExceptionAsync(() => host.Client.GetStringAsync("api/broken", ct));

        Assert.IsType<HttpRequestException>(exception, exactMatch: false);
    }

    [Fact]
    public async Task A_body_over_MaxRequestBodySize_gives_Galaxy_413_not_a_gateway_error()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await FallbackHost.StartAsync(static o =>
        {
            o.MaxRequestBodySize = 16;
            o.App = static async context =>
            {
                using var reader = new StreamReader(context.Request.Body);
                await context.Response.WriteAsync(await reader.ReadToEndAsync(context.RequestAborted), context.RequestAborted);
            };
        });
        using var small = await host.Client.PostAsync("api/upload", new StringContent("0123456789"), ct);
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/upload") { Content = new StringContent(new string('x', 4096)) };
        // The refusal comes before the body is sent, so the client reads it instead of a reset connection.
        request.Headers.ExpectContinue = true;

        using var large = await host.Client.SendAsync(request, ct);

        Assert.Equal("0123456789", await small.Content.ReadAsStringAsync(ct));
        await FallbackHost.AssertGalaxyErrorAsync(large, HttpStatusCode.RequestEntityTooLarge, 413001);
    }

    [Fact]
    public async Task Modern_routes_answer_while_the_in_process_legacy_app_hangs()
    {
        var ct = TestContext.Current.CancellationToken;
        var arrived = 0;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = await StartInProcessAsync(
            async context =>
            {
                Interlocked.Increment(ref arrived);
                await release.Task.WaitAsync(context.RequestAborted);
                await context.Response.WriteAsync("released", context.RequestAborted);
            },
            timeout: TimeSpan.FromMinutes(5),
            map: static app => app.MapGet("/api/modern", static () => "modern"));

        var hanging = Enumerable.Range(0, 50).Select(_ => host.Client.GetStringAsync("api/hang", ct)).ToList();
        await FallbackHost.WaitUntilAsync(() => Task.FromResult(Volatile.Read(ref arrived) == 50), TimeSpan.FromSeconds(60), "50 requests hang in the legacy app");
        var modern = await host.Client.GetStringAsync("api/modern", ct);
        release.SetResult();
        var released = await Task.WhenAll(hanging);

        Assert.Equal("modern", modern);
        Assert.All(released, static body => Assert.Equal("released", body));
    }

    private static Task<ModernHost> StartInProcessAsync(RequestDelegate legacy, TimeSpan? timeout = null, Action<WebApplication>? map = null)
        => FallbackHost.StartAsync(
            o =>
            {
                o.App = legacy;
                o.Timeout = timeout ?? TimeSpan.FromSeconds(1);
            },
            map);

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    private sealed record HistoryPayload(string Name);
}
