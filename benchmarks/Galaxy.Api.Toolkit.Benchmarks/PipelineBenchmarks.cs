using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using BenchmarkDotNet.Attributes;
using FastEndpoints;
using FluentValidation;
using Galaxy.Api.Toolkit.Benchmarks.Synthetic;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Validation;

namespace Galaxy.Api.Toolkit.Benchmarks;

/// <summary>The body of the pipeline operation: the usual constraints.</summary>
[ValidatableType]
public sealed class PipelineOrder
{
    [Required, StringLength(100, MinimumLength = 1)]
    public string? Name { get; init; }

    [Range(1, 1000)]
    public int Quantity { get; init; }

    [EmailAddress]
    public string? Email { get; init; }

    [MaxLength(10)]
    public List<string> Tags { get; init; } = [];
}

/// <summary>The answer of the pipeline operation.</summary>
public sealed record PipelineReceipt(string Id, string Name, int Quantity, bool Notify, int Priority, List<string> Tags);

/// <summary>The pipeline operation with the toolkit: route id, two query values, a JSON body with constraints, a JSON answer.</summary>
[ApiRouter("pipeline", Public = true)]
public static class PipelineApi
{
    /// <summary>Updates an order.</summary>
    /// <param name="id">The order.</param>
    /// <param name="notify">Whether to notify the customer.</param>
    /// <param name="priority">The order's priority.</param>
    /// <param name="body">The new values.</param>
    [Put("/api/pipeline/orders/{id}")]
    public static PipelineReceipt Update(string id, bool notify, [Range(1, 5)] int priority, PipelineOrder body)
        => new(id, body.Name!, body.Quantity, notify, priority, body.Tags);
}

/// <summary>The same operation as an MVC controller (model validation through DataAnnotations).</summary>
[ApiController]
public sealed class PipelineController : ControllerBase
{
    [Microsoft.AspNetCore.Mvc.HttpPut("/api/pipeline/orders/{id}")]
    public PipelineReceipt Update(
        string id,
        [Microsoft.AspNetCore.Mvc.FromQuery] bool notify,
        [Microsoft.AspNetCore.Mvc.FromQuery, Range(1, 5)] int priority,
        [Microsoft.AspNetCore.Mvc.FromBody] PipelineOrder body)
        => new(id, body.Name!, body.Quantity, notify, priority, body.Tags);
}

/// <summary>The request of the FastEndpoints endpoint: route and query values and the body's members in one type.</summary>
public sealed class FastPipelineRequest
{
    [RouteParam]
    public string Id { get; set; } = string.Empty;

    [QueryParam]
    public bool Notify { get; set; }

    [QueryParam]
    public int Priority { get; set; }

    public string? Name { get; set; }

    public int Quantity { get; set; }

    public string? Email { get; set; }

    public List<string> Tags { get; set; } = [];
}

/// <summary>The same rules, as FastEndpoints validates (FluentValidation).</summary>
public sealed class FastPipelineValidator : Validator<FastPipelineRequest>
{
    public FastPipelineValidator()
    {
        RuleFor(static x => x.Priority).InclusiveBetween(1, 5);
        RuleFor(static x => x.Name).NotNull().Length(1, 100);
        RuleFor(static x => x.Quantity).InclusiveBetween(1, 1000);
        RuleFor(static x => x.Email).EmailAddress();
        RuleFor(static x => x.Tags).Must(static tags => tags.Count <= 10);
    }
}

/// <summary>The same operation with FastEndpoints.</summary>
public sealed class FastPipelineEndpoint : Endpoint<FastPipelineRequest, PipelineReceipt>
{
    public override void Configure()
    {
        Put("/api/pipeline/orders/{id}");
        AllowAnonymous();
    }

    public override Task HandleAsync(FastPipelineRequest req, CancellationToken ct)
        => Send.OkAsync(new PipelineReceipt(req.Id, req.Name!, req.Quantity, req.Notify, req.Priority, req.Tags), ct);
}

/// <summary>
/// Microsoft.Extensions.Validation's registration, called from one place: its source generator intercepts each call
/// site and emits its resolver once per site, which collides when two benchmarks call it.
/// </summary>
internal static class MinimalApiValidation
{
    public static IServiceCollection Add(IServiceCollection services) => services.AddValidation();
}

/// <summary>The hand-written operation's contracts (source-generated, as the toolkit's are).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(PipelineOrder))]
[JsonSerializable(typeof(PipelineReceipt))]
internal sealed partial class PipelineJson : JsonSerializerContext;

/// <summary>
/// One request through the whole pipeline (routing, binding of a route id and two query values, a JSON body with
/// constraints validated, a JSON answer), in process over TestServer: a hand-written <see cref="RequestDelegate"/>
/// doing the same work (baseline), the toolkit's generated endpoint, a minimal API validated by
/// <c>AddValidation()</c>, FastEndpoints and an MVC controller. Every host also maps the synthetic 100-operation API as
/// minimal APIs (the toolkit host: as routers), so that routing sees tables of the same size.
/// </summary>
[MemoryDiagnoser]
public class PipelineBenchmarks
{
    private const string Path = "/api/pipeline/orders/o-17?notify=True&priority=3";
    internal static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"name":"Ada Lovelace","quantity":12,"email":"ada@example.org","tags":["a","b","c"]}""");
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private DocumentServingBenchmarks.Host _handWritten = null!;
    private DocumentServingBenchmarks.Host _toolkit = null!;
    private DocumentServingBenchmarks.Host _minimal = null!;
    private DocumentServingBenchmarks.Host _fastEndpoints = null!;
    private DocumentServingBenchmarks.Host _mvc = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _handWritten = await DocumentServingBenchmarks.Host.StartAsync(static _ => { }, static app =>
        {
            SyntheticMinimalApi.Map(app);
            app.MapPut("/api/pipeline/orders/{id}", HandWritten);
        });
        _toolkit = await DocumentServingBenchmarks.Host.StartAsync(static builder => builder.Services.AddGalaxyApi(), static app => app.MapGalaxyApi());
        _minimal = await DocumentServingBenchmarks.Host.StartAsync(static builder => MinimalApiValidation.Add(builder.Services), static app =>
        {
            SyntheticMinimalApi.Map(app);
            app.MapPut("/api/pipeline/orders/{id}", static (string id, bool notify, [Range(1, 5)] int priority, PipelineOrder body)
                => new PipelineReceipt(id, body.Name!, body.Quantity, notify, priority, body.Tags));
        });
        _fastEndpoints = await DocumentServingBenchmarks.Host.StartAsync(
            static builder => builder.Services.AddFastEndpoints(static o => o.Assemblies = [typeof(FastPipelineEndpoint).Assembly]),
            static app =>
            {
                SyntheticMinimalApi.Map(app);
                app.UseFastEndpoints();
            });
        _mvc = await DocumentServingBenchmarks.Host.StartAsync(
            static builder => builder.Services.AddControllers().AddApplicationPart(typeof(PipelineController).Assembly),
            static app =>
            {
                SyntheticMinimalApi.Map(app);
                app.MapControllers();
            });

        // Every contender answers 200 with the same receipt, and refuses the same invalid body with a 400.
        string? expected = null;
        foreach (var (name, host) in Hosts())
        {
            using var response = await host.Client.SendAsync(Request(Body));
            var text = await response.Content.ReadAsStringAsync();
            var receipt = JsonSerializer.Deserialize(text, PipelineJson.Default.PipelineReceipt);
            var canonical = JsonSerializer.Serialize(receipt, PipelineJson.Default.PipelineReceipt);
            if ((int)response.StatusCode != 200 || (expected ??= canonical) != canonical)
            {
                throw new InvalidOperationException($"{name} answered {(int)response.StatusCode}: {text}");
            }

            using var invalid = await host.Client.SendAsync(Request(Encoding.UTF8.GetBytes("""{"name":"","quantity":0,"email":"x","tags":[]}""")));
            if ((int)invalid.StatusCode != 400)
            {
                throw new InvalidOperationException($"{name} accepted an invalid body: {(int)invalid.StatusCode}.");
            }
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        foreach (var (_, host) in Hosts())
        {
            await host.DisposeAsync();
        }
    }

    [Benchmark(Baseline = true)]
    public Task<int> HandWrittenDelegate() => _handWritten.SendAsync(Request(Body));

    [Benchmark]
    public Task<int> GalaxyApiToolkit() => _toolkit.SendAsync(Request(Body));

    [Benchmark]
    public Task<int> MinimalApiWithValidation() => _minimal.SendAsync(Request(Body));

    [Benchmark]
    public Task<int> FastEndpoints() => _fastEndpoints.SendAsync(Request(Body));

    [Benchmark]
    public Task<int> MvcController() => _mvc.SendAsync(Request(Body));

    private IEnumerable<(string Name, DocumentServingBenchmarks.Host Host)> Hosts()
        => [("hand-written", _handWritten), ("toolkit", _toolkit), ("minimal API", _minimal), ("FastEndpoints", _fastEndpoints), ("MVC", _mvc)];

    internal static HttpRequestMessage Request(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = Json;
        return new HttpRequestMessage(HttpMethod.Put, Path) { Content = content };
    }

    /// <summary>What a careful author writes by hand: parse, deserialize, check every rule, answer.</summary>
    internal static async Task HandWritten(HttpContext context)
    {
        var request = context.Request;
        var id = (string)context.GetRouteValue("id")!;
        List<string>? errors = null;
        if (!bool.TryParse(request.Query["notify"], out var notify))
        {
            (errors ??= []).Add("query.notify: not a boolean");
        }

        if (!int.TryParse(request.Query["priority"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var priority) || priority is < 1 or > 5)
        {
            (errors ??= []).Add("query.priority: an integer from 1 to 5");
        }

        PipelineOrder? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync(request.Body, PipelineJson.Default.PipelineOrder, context.RequestAborted);
        }
        catch (JsonException)
        {
            body = null;
        }

        if (body is null)
        {
            (errors ??= []).Add("body: missing or not JSON");
        }
        else
        {
            if (body.Name is null || body.Name.Length is < 1 or > 100)
            {
                (errors ??= []).Add("body.name: 1 to 100 characters");
            }

            if (body.Quantity is < 1 or > 1000)
            {
                (errors ??= []).Add("body.quantity: from 1 to 1000");
            }

            if (body.Email is { } email && (email.IndexOf('@', StringComparison.Ordinal) is var at && (at <= 0 || at == email.Length - 1 || email.IndexOf('@', at + 1) >= 0)))
            {
                (errors ??= []).Add("body.email: an e-mail address");
            }

            if (body.Tags.Count > 10)
            {
                (errors ??= []).Add("body.tags: at most 10");
            }
        }

        if (errors is not null)
        {
            context.Response.StatusCode = 400;
            await context.Response.WriteAsJsonAsync(errors, context.RequestAborted);
            return;
        }

        var receipt = new PipelineReceipt(id, body!.Name!, body.Quantity, notify, priority, body.Tags);
        context.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(context.Response.Body, receipt, PipelineJson.Default.PipelineReceipt, context.RequestAborted);
    }
}

/// <summary>
/// What the toolkit's per-request features cost on the pipeline operation: its defaults (baseline) against the same
/// host without the request timeout (<c>Limits.RequestTimeout = null</c>), and without the timeout nor Galaxy's error
/// middleware (<c>UseErrorHandling = false</c>), with the hand-written delegate for scale.
/// </summary>
[MemoryDiagnoser]
public class PipelineFeatureBenchmarks
{
    private DocumentServingBenchmarks.Host _defaults = null!;
    private DocumentServingBenchmarks.Host _noTimeout = null!;
    private DocumentServingBenchmarks.Host _bare = null!;
    private DocumentServingBenchmarks.Host _handWritten = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _defaults = await DocumentServingBenchmarks.Host.StartAsync(static builder => builder.Services.AddGalaxyApi(), static app => app.MapGalaxyApi());
        _noTimeout = await DocumentServingBenchmarks.Host.StartAsync(
            static builder => builder.Services.AddGalaxyApi(static o => o.Limits.RequestTimeout = null), static app => app.MapGalaxyApi());
        _bare = await DocumentServingBenchmarks.Host.StartAsync(
            static builder => builder.Services.AddGalaxyApi(static o =>
            {
                o.Limits.RequestTimeout = null;
                o.UseErrorHandling = false;
            }),
            static app => app.MapGalaxyApi());
        _handWritten = await DocumentServingBenchmarks.Host.StartAsync(static _ => { }, static app =>
        {
            SyntheticMinimalApi.Map(app);
            app.MapPut("/api/pipeline/orders/{id}", PipelineBenchmarks.HandWritten);
        });

        foreach (var host in Hosts)
        {
            var status = await host.SendAsync(PipelineBenchmarks.Request(PipelineBenchmarks.Body));
            if (status != 200)
            {
                throw new InvalidOperationException($"A host answered {status}.");
            }
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        foreach (var host in Hosts)
        {
            await host.DisposeAsync();
        }
    }

    private DocumentServingBenchmarks.Host[] Hosts => [_defaults, _noTimeout, _bare, _handWritten];

    [Benchmark(Baseline = true)]
    public Task<int> ToolkitDefaults() => _defaults.SendAsync(PipelineBenchmarks.Request(PipelineBenchmarks.Body));

    [Benchmark]
    public Task<int> ToolkitWithoutRequestTimeout() => _noTimeout.SendAsync(PipelineBenchmarks.Request(PipelineBenchmarks.Body));

    [Benchmark]
    public Task<int> ToolkitWithoutTimeoutOrErrorMiddleware() => _bare.SendAsync(PipelineBenchmarks.Request(PipelineBenchmarks.Body));

    [Benchmark]
    public Task<int> HandWrittenDelegate() => _handWritten.SendAsync(PipelineBenchmarks.Request(PipelineBenchmarks.Body));
}
