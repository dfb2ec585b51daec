using BenchmarkDotNet.Attributes;
using Galaxy.Modern;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;

namespace Galaxy.Api.Toolkit.Benchmarks;

/// <summary>
/// Serving the OpenAPI document in process (TestServer): the sample's compile-time document against the same bytes
/// written from a static array by a plain endpoint, the physical limit.
/// </summary>
[MemoryDiagnoser]
public class DocumentServingBenchmarks
{
    private WebApplication _toolkit = null!;
    private WebApplication _static = null!;
    private HttpClient _toolkitClient = null!;
    private HttpClient _staticClient = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        (_toolkit, _toolkitClient) = await StartAsync(GalaxyModernApp.Build(["--Logging:LogLevel:Default=None"], static builder => builder.WebHost.UseTestServer()));
        var bytes = await _toolkitClient.GetByteArrayAsync("/api/openapi.json");

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        var app = builder.Build();
        app.MapGet("/api/openapi.json", (HttpContext context) =>
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            context.Response.ContentLength = bytes.Length;
            return context.Response.Body.WriteAsync(bytes).AsTask();
        });
        (_static, _staticClient) = await StartAsync(app);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _toolkitClient.Dispose();
        _staticClient.Dispose();
        await _toolkit.DisposeAsync();
        await _static.DisposeAsync();
    }

    [Benchmark(Baseline = true)]
    public Task<byte[]> StaticByteArray() => _staticClient.GetByteArrayAsync("/api/openapi.json");

    [Benchmark]
    public Task<byte[]> GalaxyApiToolkit() => _toolkitClient.GetByteArrayAsync("/api/openapi.json");

    private static async Task<(WebApplication, HttpClient)> StartAsync(WebApplication app)
    {
        await app.StartAsync();
        return (app, app.GetTestClient());
    }
}
