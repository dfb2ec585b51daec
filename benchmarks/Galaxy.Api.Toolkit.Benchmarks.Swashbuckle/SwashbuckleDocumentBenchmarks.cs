using BenchmarkDotNet.Attributes;
using Galaxy.Api.Toolkit.Benchmarks.Synthetic;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.OpenApi;

namespace Galaxy.Api.Toolkit.Benchmarks.Swashbuckle;

/// <summary>
/// Serving the OpenAPI document of the synthetic 100-operation API in process (TestServer): Swashbuckle
/// (AddSwaggerGen + UseSwagger, which builds the document on every GET) against the same bytes written from a static
/// array by a plain endpoint, the physical limit.
/// </summary>
/// <remarks>
/// Program.cs warms up for 15 iterations and measures 20, for steady state under tiered JIT, unless the command line
/// chooses a job or counts (<c>--job short</c>).
/// </remarks>
[MemoryDiagnoser]
public class SwashbuckleDocumentBenchmarks
{
    /// <summary>Where both hosts serve the document.</summary>
    public const string DocumentPath = "/api/openapi.json";

    private WebApplication _swashbuckle = null!;
    private WebApplication _static = null!;
    private HttpClient _swashbuckleClient = null!;
    private HttpClient _staticClient = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        (_swashbuckle, _swashbuckleClient) = await StartAsync(BuildSwashbuckleHost());
        var bytes = await _swashbuckleClient.GetByteArrayAsync(DocumentPath);
        if (bytes.AsSpan().IndexOf("index_things19"u8) < 0)
        {
            throw new InvalidOperationException("The Swashbuckle document does not list the synthetic operations.");
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseTestServer();
        var app = builder.Build();
        app.MapGet(DocumentPath, (HttpContext context) =>
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
        _swashbuckleClient.Dispose();
        _staticClient.Dispose();
        await _swashbuckle.DisposeAsync();
        await _static.DisposeAsync();
    }

    [Benchmark(Baseline = true)]
    public Task<byte[]> StaticByteArray() => _staticClient.GetByteArrayAsync(DocumentPath);

    [Benchmark]
    public Task<byte[]> Swashbuckle() => _swashbuckleClient.GetByteArrayAsync(DocumentPath);

    /// <summary>The synthetic API documented by Swashbuckle at <see cref="DocumentPath"/>.</summary>
    public static WebApplication BuildSwashbuckleHost()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseTestServer();
        builder.Services.AddEndpointsApiExplorer();
        builder.Services.AddSwaggerGen(o => o.SwaggerDoc("openapi", new OpenApiInfo { Title = "Synthetic API", Version = "1" }));
        var app = builder.Build();
        app.UseSwagger(o => o.RouteTemplate = "api/{documentName}.json");
        SyntheticMinimalApi.Map(app);
        return app;
    }

    private static async Task<(WebApplication, HttpClient)> StartAsync(WebApplication app)
    {
        await app.StartAsync();
        return (app, app.GetTestClient());
    }
}
