using BenchmarkDotNet.Attributes;
using Galaxy.Api.Toolkit.Benchmarks.Synthetic;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Galaxy.Api.Toolkit.Benchmarks;

/// <summary>
/// Serving the OpenAPI document of the synthetic 100-operation API in process (TestServer): the toolkit's compile-time
/// document against the same bytes written from a static array by a plain endpoint (the physical limit, baseline) and
/// against Microsoft.AspNetCore.OpenApi's <c>MapOpenApi()</c> over the same operations as minimal APIs. With
/// <c>Accept-Encoding: br</c> or <c>gzip</c> the toolkit answers with bytes compressed at start-up.
/// </summary>
[MemoryDiagnoser]
public class DocumentServingBenchmarks
{
    private const string Path = "/api/openapi.json";
    private Host _toolkit = null!;
    private Host _static = null!;
    private Host _mapOpenApi = null!;

    /// <summary>The uncompressed document's length (checked equal across hosts in setup).</summary>
    public int DocumentBytes { get; private set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _toolkit = await Host.StartAsync(static builder => builder.Services.AddGalaxyApi(), static app => app.MapGalaxyApi());
        var bytes = await _toolkit.Client.GetByteArrayAsync(Path);
        DocumentBytes = bytes.Length;
        _static = await Host.StartAsync(static _ => { }, app => app.MapGet(Path, (HttpContext context) =>
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            context.Response.ContentLength = bytes.Length;
            return context.Response.Body.WriteAsync(bytes).AsTask();
        }));
        _mapOpenApi = await Host.StartAsync(static builder => builder.Services.AddOpenApi(), static app =>
        {
            SyntheticMinimalApi.Map(app);
            app.MapOpenApi(Path);
        });

        // Each contender must answer with a document; the compressed ones must really be compressed.
        await Check(_static, null, bytes.Length);
        await Check(_mapOpenApi, null, 1);
        await Check(_toolkit, "br", 1);
        await Check(_toolkit, "gzip", 1);

        static async Task Check(Host host, string? encoding, int minimumLength)
        {
            using var response = await host.GetAsync(Path, encoding);
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadAsByteArrayAsync();
            if (body.Length < minimumLength || (encoding is not null && !response.Content.Headers.ContentEncoding.Contains(encoding)))
            {
                throw new InvalidOperationException($"{Path} with Accept-Encoding '{encoding}' answered {body.Length} bytes, encoding '{string.Join(",", response.Content.Headers.ContentEncoding)}'.");
            }
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _toolkit.DisposeAsync();
        await _static.DisposeAsync();
        await _mapOpenApi.DisposeAsync();
    }

    [Benchmark(Baseline = true)]
    public Task<int> StaticByteArray() => _static.ReadAsync(Path, null);

    [Benchmark]
    public Task<int> GalaxyApiToolkit() => _toolkit.ReadAsync(Path, null);

    [Benchmark]
    public Task<int> GalaxyApiToolkitBrotli() => _toolkit.ReadAsync(Path, "br");

    [Benchmark]
    public Task<int> GalaxyApiToolkitGzip() => _toolkit.ReadAsync(Path, "gzip");

    [Benchmark]
    public Task<int> MapOpenApi() => _mapOpenApi.ReadAsync(Path, null);

    /// <summary>A host on TestServer with its client; logging off so that it costs nothing.</summary>
    internal sealed class Host : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private Host(WebApplication app)
        {
            _app = app;
            Client = app.GetTestClient();
        }

        public HttpClient Client { get; }

        public static async Task<Host> StartAsync(Action<WebApplicationBuilder> configure, Action<WebApplication> map)
        {
            var builder = WebApplication.CreateBuilder();
            builder.WebHost.UseTestServer();
            builder.Logging.ClearProviders();
            configure(builder);
            var app = builder.Build();
            map(app);
            await app.StartAsync();
            return new Host(app);
        }

        public Task<HttpResponseMessage> GetAsync(string path, string? encoding)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, path);
            if (encoding is not null)
            {
                request.Headers.TryAddWithoutValidation("Accept-Encoding", encoding);
            }

            return Client.SendAsync(request);
        }

        /// <summary>One GET, the body read to its end; returns its length.</summary>
        public async Task<int> ReadAsync(string path, string? encoding)
        {
            using var response = await GetAsync(path, encoding);
            var body = await response.Content.ReadAsByteArrayAsync();
            return body.Length;
        }

        /// <summary>One request, the body read to its end; returns the status code.</summary>
        public async Task<int> SendAsync(HttpRequestMessage request)
        {
            using (request)
            using (var response = await Client.SendAsync(request))
            {
                await response.Content.ReadAsByteArrayAsync();
                return (int)response.StatusCode;
            }
        }

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await _app.DisposeAsync();
        }
    }
}
