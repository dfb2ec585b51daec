using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Galaxy.Api.Toolkit.Tests.Hosting;

/// <summary>A host that also uses Microsoft.AspNetCore.OpenApi sees the generated operations as the compile-time document describes them.</summary>
public sealed class OpenApiInteropTests : IAsyncLifetime
{
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddGalaxyApi();
        builder.Services.AddGalaxyAuthentication();
        builder.Services.AddSingleton<IGalaxyUserStore, Behaviour.BehaviourUserStore>();
        builder.Services.AddScoped<Behaviour.ICounter, Behaviour.Counter>();
        builder.Services.AddOpenApi(options => options.AddGalaxyApiDocument());
        _app = builder.Build();
        _app.MapGalaxyApi();
        _app.MapGet("/host/own", () => "mine").WithName("host_own");
        _app.MapOpenApi();
        await _app.StartAsync(TestContext.Current.CancellationToken);
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        _client = new HttpClient { BaseAddress = new Uri(address) };
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task MapOpenApi_describes_every_generated_operation_as_the_compile_time_document_does()
    {
        var ours = JsonNode.Parse(await _client.GetStringAsync("/api/openapi.json", TestContext.Current.CancellationToken))!;
        var theirs = JsonNode.Parse(await _client.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken))!;

        var operations = 0;
        foreach (var (path, item) in ours["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                var other = theirs["paths"]?[path]?[method];
                Assert.True(other is not null, $"MapOpenApi lacks {method.ToUpperInvariant()} {path}.");
                Assert.True(JsonNode.DeepEquals(operation, other), $"{method.ToUpperInvariant()} {path} differs at {FirstDifference(operation, other, string.Empty)}");
                operations++;
            }
        }

        Assert.True(operations > 50, $"only {operations} operations compared");
        foreach (var (name, schema) in ours["components"]!["schemas"]!.AsObject())
        {
            Assert.True(JsonNode.DeepEquals(schema, theirs["components"]?["schemas"]?[name]), $"schema {name} differs at {FirstDifference(schema, theirs["components"]?["schemas"]?[name], string.Empty)}");
        }

        Assert.NotNull(theirs["paths"]?["/host/own"]?["get"]);
    }

    /// <summary>The JSON pointer of the first difference, with both values.</summary>
    private static string FirstDifference(JsonNode? left, JsonNode? right, string pointer)
    {
        switch (left, right)
        {
            case (JsonObject a, JsonObject b):
                foreach (var key in a.Select(static p => p.Key).Union(b.Select(static p => p.Key)))
                {
                    if (!JsonNode.DeepEquals(a[key], b[key]))
                    {
                        return FirstDifference(a[key], b[key], pointer + "/" + key);
                    }
                }

                return pointer + " (key order)";
            case (JsonArray a, JsonArray b) when a.Count == b.Count:
                for (var i = 0; i < a.Count; i++)
                {
                    if (!JsonNode.DeepEquals(a[i], b[i]))
                    {
                        return FirstDifference(a[i], b[i], pointer + "/" + i);
                    }
                }

                return pointer;
            default:
                return $"{pointer}: {left?.ToJsonString() ?? "(absent)"} vs {right?.ToJsonString() ?? "(absent)"}";
        }
    }
}
