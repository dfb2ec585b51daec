using System.Diagnostics.Metrics;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Galaxy.Api.Toolkit.Migration.Tests.Fallback;

/// <summary>What the client gets when the legacy process is gone, hangs or breaks off; modern routes go on meanwhile.</summary>
public sealed class FallbackFaultTests
{
    [Fact]
    public async Task A_killed_legacy_server_gives_Galaxy_502_and_modern_routes_keep_answering()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var legacy = await LegacyProcess.StartAsync();
        await using var host = await FallbackHost.StartAsync([legacy], map: static app => app.MapGet("/api/modern", static () => "modern"));
        using var faults = new FaultRecorder(host);
        using var before = await host.Client.GetAsync("api/anything", ct);
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        await legacy.KillAsync();
        using var response = await host.Client.GetAsync("api/anything", ct);
        var modern = await host.Client.GetStringAsync("api/modern", ct);

        var message = await FallbackHost.AssertGalaxyErrorAsync(response, HttpStatusCode.BadGateway, 502001);
        Assert.Equal("The legacy server could not be reached.", message);
        Assert.Equal("modern", modern);
        Assert.Equal(["unreachable"], faults.Kinds);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_legacy_server_killed_while_it_handles_a_forwarded_request_gives_Galaxy_502_and_modern_routes_keep_answering()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var legacy = await LegacyProcess.StartAsync();
        await using var host = await FallbackHost.StartAsync([legacy], map: static app => app.MapGet("/api/modern", static () => "modern"));
        using var faults = new FaultRecorder(host);
        using var direct = new HttpClient { BaseAddress = legacy.Address };

        // The request is at the legacy server (it counts it) when the process dies.
        var pending = host.Client.GetAsync("api/slow/60000", ct);
        await FallbackHost.WaitUntilAsync(
            async () => (int)JsonNode.Parse(await direct.GetStringAsync("_stub/slow/in-flight", ct))!["in_flight"]! == 1,
            TimeSpan.FromSeconds(30),
            "the forwarded request is being handled by the legacy server");
        await legacy.KillAsync();
        using var response = await pending.WaitAsync(TimeSpan.FromSeconds(30), ct);
        var modern = await host.Client.GetStringAsync("api/modern", ct);

        var message = await FallbackHost.AssertGalaxyErrorAsync(response, HttpStatusCode.BadGateway, 502001);
        Assert.Equal("The legacy server could not be reached.", message);
        Assert.False(legacy.IsRunning);
        Assert.Equal("modern", modern);
        Assert.Equal(["unreachable"], faults.Kinds);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_legacy_server_that_resets_its_connections_gives_Galaxy_502_and_modern_routes_keep_answering()
    {
        var ct = TestContext.Current.CancellationToken;
        using var legacy = ResettingServer.Start();
        await using var host = await FallbackHost.StartAsync(
            o =>
            {
                o.Servers.Add(legacy.Address);
                // No probes: every connection the server sees is a forwarded request's.
                o.HealthCheck.Enabled = false;
            },
            map: static app => app.MapGet("/api/modern", static () => "modern"));
        using var faults = new FaultRecorder(host);

        using var get = await host.Client.GetAsync("api/anything", ct).WaitAsync(TimeSpan.FromSeconds(30), ct);
        using var post = await host.Client.PostAsync("api/histories", new StringContent("""{"name": "reset"}""", System.Text.Encoding.UTF8, "application/json"), ct)
            .WaitAsync(TimeSpan.FromSeconds(30), ct);
        var modern = await host.Client.GetStringAsync("api/modern", ct);

        Assert.Equal("The legacy server could not be reached.", await FallbackHost.AssertGalaxyErrorAsync(get, HttpStatusCode.BadGateway, 502001));
        Assert.Equal("The legacy server could not be reached.", await FallbackHost.AssertGalaxyErrorAsync(post, HttpStatusCode.BadGateway, 502001));
        Assert.Equal("modern", modern);
        Assert.Equal(["unreachable", "unreachable"], faults.Kinds);
        // The connections were accepted and the requests sent, then reset: not a refused connection.
        Assert.True(legacy.Requests >= 2, $"{legacy.Requests} requests reached the server");
        Assert.Equal(legacy.Requests, legacy.Reset);
    }

    [Fact]
    public async Task A_hanging_legacy_server_gives_Galaxy_504_after_the_timeout()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var legacy = await LegacyProcess.StartAsync();
        await using var host = await FallbackHost.StartAsync([legacy], static o => o.Timeout = TimeSpan.FromSeconds(1));
        using var faults = new FaultRecorder(host);

        using var response = await host.Client.GetAsync("api/slow/60000", ct);

        var message = await FallbackHost.AssertGalaxyErrorAsync(response, HttpStatusCode.GatewayTimeout, 504001);
        Assert.Equal("The legacy server did not answer in time.", message);
        Assert.Equal(["timeout"], faults.Kinds);
    }

    [Fact]
    public async Task A_legacy_response_that_stalls_after_it_started_is_aborted_not_cut_short_silently()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var legacy = await LegacyProcess.StartAsync();
        // The timeout bounds the wait for the response headers too: generous enough for a loaded machine, and the stub's
        // stalling endpoint is warmed up (compiled) first, so that its headers come in time and only the stall trips it.
        await using var host = await FallbackHost.StartAsync([legacy], static o => o.Timeout = TimeSpan.FromSeconds(3));
        using (var direct = new HttpClient { BaseAddress = legacy.Address })
        {
            Assert.Equal(1024 * 1024, (await direct.GetByteArrayAsync("api/stall/0", ct)).Length);
        }

        using var response = await host.Client.GetAsync("api/stall/60000", HttpCompletionOption.ResponseHeadersRead, ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1024 * 1024, response.Content.Headers.ContentLength);

        await Assert.ThrowsAnyAsync<IOException>(async () =>
        {
            await using var body = await response.Content.ReadAsStreamAsync(ct);
            await body.CopyToAsync(Stream.Null, ct);
        });
    }

    [Fact]
    public async Task A_legacy_server_that_dies_during_a_download_aborts_the_client_connection()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var legacy = await LegacyProcess.StartAsync();
        await using var host = await FallbackHost.StartAsync([legacy]);

        using var response = await host.Client.GetAsync("api/download/200", HttpCompletionOption.ResponseHeadersRead, ct);
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        var buffer = new byte[64 * 1024];
        await body.ReadExactlyAsync(buffer, ct);
        await legacy.KillAsync();

        var received = (long)buffer.Length;
        var exception = await Record.ExceptionAsync(async () =>
        {
            int read;
            while ((read = await body.ReadAsync(buffer, ct)) > 0)
            {
                received += read;
            }
        });

        Assert.IsAssignableFrom<IOException>(exception);
        Assert.True(received < 200L * 1024 * 1024, $"received {received} bytes");
    }

    [Fact]
    public async Task Modern_routes_answer_while_fifty_requests_hang_at_the_legacy_server()
    {
        var ct = TestContext.Current.CancellationToken;
        const int Hanging = 50;
        await using var legacy = await LegacyProcess.StartAsync();
        await using var host = await FallbackHost.StartAsync([legacy], map: static app => app.MapGet("/api/modern", static () => "modern"));
        using var direct = new HttpClient { BaseAddress = legacy.Address };
        using var release = CancellationTokenSource.CreateLinkedTokenSource(ct);

        var hanging = Enumerable.Range(0, Hanging)
            .Select(_ => host.Client.GetAsync("api/slow/60000", release.Token))
            .ToList();
        await FallbackHost.WaitUntilAsync(
            async () => (int)JsonNode.Parse(await direct.GetStringAsync("_stub/slow/in-flight", ct))!["in_flight"]! == Hanging,
            TimeSpan.FromSeconds(60),
            $"{Hanging} requests hang at the legacy server");

        var modern = await host.Client.GetStringAsync("api/modern", ct);

        Assert.Equal("modern", modern);
        Assert.All(hanging, static request => Assert.False(request.IsCompleted));
        await release.CancelAsync();
        foreach (var request in hanging)
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);
        }
    }

    [Fact]
    public async Task Invalid_options_say_what_to_change()
    {
        var noServer = await Assert.ThrowsAsync<InvalidOperationException>(() => FallbackHost.StartAsync(static _ => { }));
        var badPolicy = await Assert.ThrowsAsync<InvalidOperationException>(() => FallbackHost.StartAsync(static o =>
        {
            o.Servers.Add(new Uri("http://127.0.0.1:9/"));
            o.LoadBalancingPolicy = "Fastest";
        }));
        var twice = await Assert.ThrowsAsync<InvalidOperationException>(() => FallbackHost.StartAsync(static o =>
        {
            o.Servers.Add(new Uri("http://127.0.0.1:9/"));
            o.Servers.Add(new Uri("http://127.0.0.1:9"));
        }));
        var healthPath = await Assert.ThrowsAsync<InvalidOperationException>(() => FallbackHost.StartAsync(static o =>
        {
            o.Servers.Add(new Uri("http://127.0.0.1:9/"));
            o.HealthCheck.Path = "api/version";
        }));
        var timeout = await Assert.ThrowsAsync<InvalidOperationException>(() => FallbackHost.StartAsync(static o =>
        {
            o.App = static _ => Task.CompletedTask;
            o.Timeout = TimeSpan.Zero;
        }));
        var both = await Assert.ThrowsAsync<InvalidOperationException>(() => FallbackHost.StartAsync(static o =>
        {
            o.Servers.Add(new Uri("http://127.0.0.1:9/"));
            o.App = static _ => Task.CompletedTask;
        }));
        var bodyLimit = await Assert.ThrowsAsync<InvalidOperationException>(() => FallbackHost.StartAsync(static o =>
        {
            o.Servers.Add(new Uri("http://127.0.0.1:9/"));
            o.MaxRequestBodySize = 0;
        }));

        Assert.Contains("options.Servers.Add", noServer.Message, StringComparison.Ordinal);
        Assert.Contains("'Fastest' is not a YARP policy; use one of PowerOfTwoChoices, RoundRobin", badPolicy.Message, StringComparison.Ordinal);
        Assert.Contains("listed twice", twice.Message, StringComparison.Ordinal);
        Assert.Contains("HealthCheck.Path must be a path starting with '/'", healthPath.Message, StringComparison.Ordinal);
        Assert.Contains("Timeout must be positive", timeout.Message, StringComparison.Ordinal);
        Assert.Contains("not both", both.Message, StringComparison.Ordinal);
        Assert.Contains("MaxRequestBodySize", bodyLimit.Message, StringComparison.Ordinal);
    }

    /// <summary>Collects the <c>error.type</c> of the fault counter of one host.</summary>
    private sealed class FaultRecorder : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly List<string> _kinds = [];

        public FaultRecorder(ModernHost host)
        {
            var meter = host.Services.GetRequiredService<MigrationMetrics>().Meter;
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Name == "galaxy.legacy.faults" && ReferenceEquals(instrument.Meter, meter))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "error.type")
                    {
                        lock (_kinds)
                        {
                            _kinds.Add((string)tag.Value!);
                        }
                    }
                }
            });
            _listener.Start();
        }

        public IReadOnlyList<string> Kinds
        {
            get
            {
                lock (_kinds)
                {
                    return [.. _kinds];
                }
            }
        }

        public void Dispose() => _listener.Dispose();
    }
}
