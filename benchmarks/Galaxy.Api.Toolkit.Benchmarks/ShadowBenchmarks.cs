using System.Diagnostics.Metrics;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Galaxy.Api.Toolkit.Benchmarks;

/// <summary>
/// What shadow traffic costs the client: the same GET to a modern endpoint, over real sockets on 127.0.0.1, on a host
/// without shadow rules (the baseline) and on one that mirrors every request to a legacy side that takes 50 ms to answer
/// (in process). The client's latency should not move: the copy is queued after the response, the workers are bounded,
/// and what does not fit in the queue is dropped.
/// </summary>
[MemoryDiagnoser]
public class ShadowBenchmarks
{
    private const string HistoryPath = "/api/histories/f2db41e1fa331b3e";

    private static readonly byte[] HistoryJson =
        """{"model_class":"History","id":"f2db41e1fa331b3e","name":"Unnamed history","deleted":false,"purged":false,"archived":false,"count":3,"update_time":"2026-11-25T10:00:00.000000","tags":[],"url":"/api/histories/f2db41e1fa331b3e","size":1024}"""u8.ToArray();

    private readonly List<WebApplication> _hosts = [];
    private long _matched;
    private long _dropped;
    private long _other;
    private MeterListener? _listener;
    private HttpClient _off = null!;
    private HttpClient _on = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _off = await StartAsync(shadow: false);
        _on = await StartAsync(shadow: true);
        foreach (var client in new[] { _off, _on })
        {
            var body = await client.GetByteArrayAsync(HistoryPath);
            if (!body.AsSpan().SequenceEqual(HistoryJson))
            {
                throw new InvalidOperationException("A host under test did not answer with the modern history.");
            }
        }

        // Counts what the shadowed host did with its mirrors, printed at the end of the run.
        _listener = new MeterListener
        {
            InstrumentPublished = static (instrument, listener) =>
            {
                if (instrument.Name == "galaxy.shadow.mirrored")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        // As cheap as an exporter's aggregation: one interlocked add per measurement.
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "result")
                {
                    switch (tag.Value as string)
                    {
                        case "match":
                            Interlocked.Add(ref _matched, value);
                            break;
                        case "dropped":
                            Interlocked.Add(ref _dropped, value);
                            break;
                        default:
                            Interlocked.Add(ref _other, value);
                            break;
                    }
                }
            }
        });
        _listener.Start();
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _listener?.Dispose();
        Console.WriteLine($"// Shadow results: match={_matched}, dropped={_dropped}, other={_other}");

        _off.Dispose();
        _on.Dispose();
        foreach (var host in _hosts)
        {
            await host.StopAsync();
            await host.DisposeAsync();
        }
    }

    [Benchmark(Baseline = true)]
    public Task<byte[]> ShadowOff() => _off.GetByteArrayAsync(HistoryPath);

    [Benchmark]
    public Task<byte[]> ShadowOnSlowLegacy() => _on.GetByteArrayAsync(HistoryPath);

    private static Task WriteHistoryAsync(HttpContext context)
    {
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = HistoryJson.Length;
        return context.Response.Body.WriteAsync(HistoryJson, context.RequestAborted).AsTask();
    }

    private async Task<HttpClient> StartAsync(bool shadow)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddGalaxyLegacyFallback(o =>
        {
            o.AdminPath = null;
            o.App = static async context =>
            {
                // A legacy server that takes 50 ms to answer.
                await Task.Delay(50, context.RequestAborted);
                await WriteHistoryAsync(context);
            };
            if (shadow)
            {
                o.Shadow.Add("/api/histories", static r => r.IgnorePaths.Add("update_time"));
            }
        });
        var app = builder.Build();
        app.MapGet("/api/histories/{history_id}", static context => WriteHistoryAsync(context));
        app.MapGalaxyLegacyFallback();
        await app.StartAsync();
        _hosts.Add(app);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new HttpClient { BaseAddress = new Uri(address.TrimEnd('/') + "/") };
    }
}
