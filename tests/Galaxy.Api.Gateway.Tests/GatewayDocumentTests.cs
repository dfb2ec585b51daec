using System.Reflection;
using System.Text.Json.Nodes;

namespace Galaxy.Api.Gateway.Tests;

/// <summary>The served document: Galaxy's 346 operations, two of them from our code, the rest from Galaxy's document.</summary>
public sealed class GatewayDocumentTests
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    /// <summary>What this assembly ports, with the tag each keeps.</summary>
    private static readonly Dictionary<string, string> Ported = new(StringComparer.Ordinal)
    {
        ["GET /api/histories/{history_id}"] = "histories",
        ["GET /api/version"] = "configuration",
    };

    [Fact]
    public async Task Every_operation_of_Galaxy_is_served_ported_ones_from_our_code_and_the_rest_as_undocumented_legacy()
    {
        await using var gateway = await Gateway.StartAsync();
        var served = Operations(await gateway.GetJsonAsync("api/openapi.json"));
        var galaxy = Operations(GalaxyDocument());

        Assert.Equal(346, galaxy.Count);
        Assert.Equal(galaxy.Keys.Order(StringComparer.Ordinal), served.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, operation) in served)
        {
            var tags = operation["tags"]!.AsArray().Select(static t => (string?)t).ToList();
            if (Ported.TryGetValue(key, out var tag))
            {
                Assert.Equal([tag], tags);
                Assert.Null(operation["x-galaxy-legacy"]);
                continue;
            }

            var original = galaxy[key];
            Assert.True((bool?)operation["x-galaxy-legacy"] == true, key);
            // "undocumented" first, then Galaxy's own tags (FastAPI writes some twice; once is enough).
            Assert.Equal(["undocumented", .. original["tags"]!.AsArray().Select(static t => (string?)t).Distinct()], tags);
            Assert.Equal((string?)original["operationId"], (string?)operation["operationId"]);
            Assert.StartsWith("Not ported yet", (string?)operation["description"], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Legacy_operations_keep_Galaxy_s_request_schemas_and_every_reference_resolves()
    {
        await using var gateway = await Gateway.StartAsync();
        var document = await gateway.GetJsonAsync("api/openapi.json");
        var galaxy = GalaxyDocument();

        // Galaxy's request body schema, as Galaxy states it, where our document has no component of the same name.
        Assert.Equal(
            galaxy["components"]!["schemas"]!["CreatePagePayload"]!.ToJsonString(),
            document["components"]!["schemas"]!["CreatePagePayload"]!.ToJsonString());
        Assert.Equal(
            "#/components/schemas/CreatePagePayload",
            (string?)document["paths"]!["/api/pages"]!["post"]!["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]);

        // Components that say the same as ours are shared, not copied under another name (Galaxy's security schemes).
        Assert.Equal(["APIKeyCookie", "APIKeyHeader", "APIKeyQuery", "HTTPBearer"], document["components"]!["securitySchemes"]!.AsObject().Select(static s => s.Key).Order(StringComparer.Ordinal));
        // A Galaxy component that differs from ours of the same name is kept under another name.
        Assert.Equal(
            "#/components/schemas/HistoryDetailed_legacy",
            (string?)document["paths"]!["/api/histories/{history_id}"]!["put"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["anyOf"]![0]!["$ref"]);

        var unresolved = References(document).Where(r => Resolve(document, r) is null).Distinct().ToList();
        Assert.Empty(unresolved);
        var schemes = document["components"]!["securitySchemes"]!.AsObject();
        var required = Operations(document).Values.SelectMany(static o => o["security"]?.AsArray() ?? []).SelectMany(static r => r!.AsObject().Select(static s => s.Key)).Distinct();
        Assert.All(required, name => Assert.True(schemes.ContainsKey(name), $"security scheme {name} is not declared"));
    }

    /// <summary>Galaxy's document, as the build merged it.</summary>
    internal static JsonNode GalaxyDocument()
    {
        var path = typeof(GatewayDocumentTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(static a => a.Key == "GalaxyApiLegacyManifest").Value!;
        return JsonNode.Parse(File.ReadAllText(path))!;
    }

    /// <summary>The operations of a document by <c>METHOD /path</c>.</summary>
    internal static Dictionary<string, JsonObject> Operations(JsonNode document)
    {
        var operations = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var method in Methods)
            {
                if (item![method] is JsonObject operation)
                {
                    operations.Add(method.ToUpperInvariant() + " " + path, operation);
                }
            }
        }

        return operations;
    }

    private static IEnumerable<string> References(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(static m => m.Key == "$ref" && (string?)m.Value is { } reference ? [reference] : References(m.Value)),
        JsonArray array => array.SelectMany(References),
        _ => [],
    };

    private static JsonNode? Resolve(JsonNode document, string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal))
        {
            return null;
        }

        var node = document;
        foreach (var segment in reference[2..].Split('/'))
        {
            node = node?[segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)];
        }

        return node;
    }
}
