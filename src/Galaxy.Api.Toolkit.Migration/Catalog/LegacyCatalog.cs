using System.Text.Json;
using System.Text.Json.Nodes;

namespace Galaxy.Api.Toolkit.Migration.Catalog;

/// <summary>One operation of the legacy API that the modern API does not serve.</summary>
/// <param name="Index">Its position in <see cref="LegacyCatalog.Operations"/> (for counters).</param>
/// <param name="Method">The HTTP method, upper case.</param>
/// <param name="Template">The path template as the manifest writes it, e.g. <c>/api/tools/{tool_id}</c>.</param>
/// <param name="OperationId">The manifest's operationId, if any.</param>
/// <param name="Operation">The operation object of the served document (parameters, requestBody), if the manifest had one.</param>
internal sealed record LegacyOperation(int Index, string Method, string Template, string? OperationId, JsonObject? Operation)
{
    /// <summary><c>METHOD /template</c>, how options and reports name it.</summary>
    public string Key => Method + " " + Template;

    /// <summary>Whether the manifest lets anonymous callers in: <c>security: []</c> or an empty requirement among its options.</summary>
    public bool IsPublic { get; } = Operation?["security"] is JsonArray requirements && (requirements.Count == 0 || requirements.Any(static r => r is JsonObject { Count: 0 }));
}

/// <summary>The legacy operations of one path template; one routing endpoint serves them all.</summary>
/// <param name="Template">The path template.</param>
/// <param name="Operations">Its operations, one per method.</param>
internal sealed record LegacyRoute(string Template, IReadOnlyList<LegacyOperation> Operations)
{
    /// <summary>The operation for <paramref name="method"/>, or null.</summary>
    public LegacyOperation? Find(string method)
    {
        foreach (var operation in Operations)
        {
            if (string.Equals(operation.Method, method, StringComparison.OrdinalIgnoreCase))
            {
                return operation;
            }
        }

        return null;
    }
}

/// <summary>A legacy operation the modern API now serves.</summary>
/// <param name="Method">The HTTP method, upper case.</param>
/// <param name="Path">The legacy path template.</param>
/// <param name="OperationId">The modern operation's id.</param>
internal sealed record PortedOperation(string Method, string Path, string? OperationId);

/// <summary>
/// What the host knows of the legacy API: the operations still served by the legacy side (those the served document
/// marks <c>x-galaxy-legacy</c>) and those the modern API ports.
/// </summary>
internal sealed class LegacyCatalog
{
    /// <summary>The extension that marks a legacy operation in the served document.</summary>
    public const string LegacyMarker = "x-galaxy-legacy";

    private static readonly string[] Methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    private LegacyCatalog(IReadOnlyList<LegacyRoute> routes, IReadOnlyList<LegacyOperation> operations, IReadOnlyList<PortedOperation> ported, JsonObject? components)
    {
        Routes = routes;
        Operations = operations;
        Ported = ported;
        Components = components;
    }

    /// <summary>A catalog without manifest: every fallback request is unlisted.</summary>
    public static LegacyCatalog Empty { get; } = new([], [], [], null);

    /// <summary>The legacy routes, one per path template.</summary>
    public IReadOnlyList<LegacyRoute> Routes { get; }

    /// <summary>Every legacy operation still served by the legacy side.</summary>
    public IReadOnlyList<LegacyOperation> Operations { get; }

    /// <summary>The legacy operations the modern API ports.</summary>
    public IReadOnlyList<PortedOperation> Ported { get; }

    /// <summary>The served document's components (which legacy operations may reference).</summary>
    public JsonObject? Components { get; }

    /// <summary>Reads the legacy operations of a served document.</summary>
    /// <param name="document">The served document, UTF-8 JSON.</param>
    /// <param name="ported">The ported operations, from the coverage of the merge.</param>
    public static LegacyCatalog FromDocument(ReadOnlyMemory<byte> document, IReadOnlyList<PortedOperation> ported)
    {
        if (document.IsEmpty)
        {
            return new LegacyCatalog([], [], ported, null);
        }

        var root = JsonNode.Parse(document.Span, documentOptions: new JsonDocumentOptions { MaxDepth = 256 }) as JsonObject
            ?? throw new InvalidOperationException("The served OpenAPI document is not a JSON object.");
        var routes = new List<LegacyRoute>();
        var operations = new List<LegacyOperation>();
        if (root["paths"] is JsonObject paths)
        {
            foreach (var (template, item) in paths)
            {
                if (item is not JsonObject pathItem)
                {
                    continue;
                }

                var routeOperations = new List<LegacyOperation>();
                foreach (var method in Methods)
                {
                    if (pathItem[method] is JsonObject operation && operation[LegacyMarker] is JsonValue marker && marker.TryGetValue<bool>(out var isLegacy) && isLegacy)
                    {
                        var legacy = new LegacyOperation(operations.Count, method.ToUpperInvariant(), template, (string?)operation["operationId"], operation);
                        operations.Add(legacy);
                        routeOperations.Add(legacy);
                    }
                }

                if (routeOperations.Count > 0)
                {
                    routes.Add(new LegacyRoute(template, routeOperations));
                }
            }
        }

        return new LegacyCatalog(routes, operations, ported, root["components"] as JsonObject);
    }

    /// <summary>Reads the ported operations from coverage JSON (<c>GalaxyApiDefinition.LegacyCoverage</c>).</summary>
    /// <param name="coverage">The coverage JSON, or null.</param>
    public static IReadOnlyList<PortedOperation> ReadPorted(string? coverage)
    {
        if (string.IsNullOrEmpty(coverage) || JsonNode.Parse(coverage)?["ported"] is not JsonArray ported)
        {
            return [];
        }

        return [.. ported.OfType<JsonObject>().Select(static p => new PortedOperation((string?)p["method"] ?? string.Empty, (string?)p["path"] ?? string.Empty, (string?)p["operation_id"]))];
    }
}
