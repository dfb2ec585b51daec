using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Galaxy.Api.Toolkit.Benchmarks;

/// <summary>
/// One GET through the legacy fallback, over real sockets on 127.0.0.1: out of process to a legacy Kestrel server (YARP
/// with our endpoint, coverage count, load balancing, health checks, Galaxy faults) and in process, against a bare YARP
/// <c>MapForwarder</c> host in front of the same legacy server (the baseline). Every client is a default HttpClient; both
/// proxies use YARP's default forwarder client. <see cref="YarpMapForwarderSameHeaders"/> is the bare forwarder sending
/// the headers the fallback sends (client's Host, X-Forwarded-*), to tell the cost of those from the cost of the rest.
/// </summary>
[MemoryDiagnoser]
public class ForwardingBenchmarks
{
    private static readonly byte[] ToolsJson =
        """[{"model_class":"Tool","id":"cat1","name":"Concatenate","version":"1.0.0","description":"tail-to-head","labels":[],"edam_operations":[],"edam_topics":[],"hidden":"","is_workflow_compatible":true,"xrefs":[],"config_file":"cat.xml","link":"/tool_runner?tool_id=cat1","min_width":-1,"target":"galaxy_main","panel_section_id":"textutil","panel_section_name":"Text Manipulation","form_style":"regular"}]"""u8.ToArray();

    private readonly List<WebApplication> _hosts = [];
    private readonly List<HttpClient> _clients = [];
    private HttpClient _mapForwarder = null!;
    private HttpClient _mapForwarderSameHeaders = null!;
    private HttpClient _fallback = null!;
    private HttpClient _inProcess = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var legacy = await StartAsync(static _ => { }, static app =>
        {
            app.MapGet("/api/tools", static context => WriteToolsAsync(context));
            app.MapGet("/api/version", static () => Results.Json(new { version_major = "23.1" }));
        });

        _mapForwarder = await StartClientAsync(
            static builder => builder.Services.AddHttpForwarder(),
            app => app.MapForwarder("/{**catch-all}", legacy.AbsoluteUri));
        // The same bare forwarder, sending what the fallback sends: the client's Host and X-Forwarded-*.
        _mapForwarderSameHeaders = await StartClientAsync(
            static builder => builder.Services.AddHttpForwarder(),
            app => app.MapForwarder(
                "/{**catch-all}",
                legacy.AbsoluteUri,
                ForwarderRequestConfig.Empty,
                app.Services.GetRequiredService<ITransformBuilder>().Create(static transforms => transforms.AddOriginalHost(useOriginal: true))));
        _fallback = await StartClientAsync(
            builder => builder.Services.AddGalaxyLegacyFallback(o =>
            {
                o.AdminPath = null;
                o.Servers.Add(legacy);
            }),
            static app => app.MapGalaxyLegacyFallback());
        _inProcess = await StartClientAsync(
            static builder => builder.Services.AddGalaxyLegacyFallback(static o =>
            {
                o.AdminPath = null;
                o.App = WriteToolsAsync;
            }),
            static app => app.MapGalaxyLegacyFallback());

        // Every path answers the same before anything is measured.
        foreach (var client in _clients)
        {
            var body = await client.GetByteArrayAsync("/api/tools");
            if (!body.AsSpan().SequenceEqual(ToolsJson))
            {
                throw new InvalidOperationException("A host under test did not forward /api/tools.");
            }
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        foreach (var host in _hosts)
        {
            await host.StopAsync();
            await host.DisposeAsync();
        }
    }

    [Benchmark(Baseline = true)]
    public Task<byte[]> YarpMapForwarder() => _mapForwarder.GetByteArrayAsync("/api/tools");

    [Benchmark]
    public Task<byte[]> YarpMapForwarderSameHeaders() => _mapForwarderSameHeaders.GetByteArrayAsync("/api/tools");

    [Benchmark]
    public Task<byte[]> GalaxyFallbackOutOfProcess() => _fallback.GetByteArrayAsync("/api/tools");

    [Benchmark]
    public Task<byte[]> GalaxyFallbackInProcess() => _inProcess.GetByteArrayAsync("/api/tools");

    private static Task WriteToolsAsync(HttpContext context)
    {
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = ToolsJson.Length;
        return context.Response.Body.WriteAsync(ToolsJson, context.RequestAborted).AsTask();
    }

    private async Task<HttpClient> StartClientAsync(Action<WebApplicationBuilder> configureServices, Action<WebApplication> configureApp)
    {
        var address = await StartAsync(configureServices, configureApp);
        var client = new HttpClient { BaseAddress = address };
        _clients.Add(client);
        return client;
    }

    private async Task<Uri> StartAsync(Action<WebApplicationBuilder> configureServices, Action<WebApplication> configureApp)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        configureServices(builder);
        var app = builder.Build();
        configureApp(app);
        await app.StartAsync();
        _hosts.Add(app);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address.TrimEnd('/') + "/");
    }
}
