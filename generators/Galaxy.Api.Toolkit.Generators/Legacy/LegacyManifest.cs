using System.Collections.Generic;
using System.Linq;
using System.Text;
using Galaxy.Api.Toolkit.Generators.Json;
using Galaxy.Api.Toolkit.Generators.Model;

namespace Galaxy.Api.Toolkit.Generators.Legacy;

/// <summary>One operation of a legacy manifest.</summary>
/// <param name="Method">The HTTP method, upper case.</param>
/// <param name="Path">The path template as the manifest writes it.</param>
/// <param name="OperationId">The manifest's operationId, if any.</param>
/// <param name="Parameters">The query and header parameters, as <c>in:name</c>, sorted (path parameters are fixed by the path).</param>
/// <param name="OperationJson">The operation object as compact JSON, path-level parameters folded in; null for a route list entry.</param>
internal sealed record LegacyOperationModel(string Method, string Path, string? OperationId, EquatableArray<string> Parameters, string? OperationJson);

/// <summary>A reusable object of the manifest's <c>components</c>.</summary>
/// <param name="Kind">The components member: <c>schemas</c>, <c>responses</c>, <c>parameters</c>...</param>
/// <param name="Name">Its name.</param>
/// <param name="Json">The object as compact JSON.</param>
internal sealed record LegacyComponentModel(string Kind, string Name, string Json);

/// <summary>
/// A legacy API as a manifest describes it: an OpenAPI 3 document (JSON), or a route list with one
/// <c>METHOD /path/{param}</c> per line (<c>#</c> starts a comment). Value-equal, so that the generator parses a manifest
/// once per change of its text; shared with the run time, which reads manifests named at start-up.
/// </summary>
/// <param name="Path">Where the manifest was read from (for messages).</param>
/// <param name="Operations">The operations, in manifest order.</param>
/// <param name="Components">The components an OpenAPI manifest defines.</param>
/// <param name="Error">Why the manifest could not be read, else null.</param>
internal sealed record LegacyManifestModel(string Path, EquatableArray<LegacyOperationModel> Operations, EquatableArray<LegacyComponentModel> Components, string? Error)
{
    /// <summary>The methods an OpenAPI path item may hold, in the order documents list them.</summary>
    public static readonly string[] Methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    private static readonly string[] ComponentKinds = ["schemas", "responses", "parameters", "requestBodies", "headers", "examples", "securitySchemes", "links", "callbacks", "pathItems"];

    /// <summary>Reads a manifest; a manifest that cannot be read has <see cref="Error"/> set and no operations.</summary>
    /// <param name="path">Where it was read from.</param>
    /// <param name="text">Its text.</param>
    public static LegacyManifestModel Parse(string path, string? text)
    {
        if (text is null)
        {
            return Failed(path, "the file cannot be read");
        }

        var trimmed = text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (trimmed.Length == 0)
        {
            return Failed(path, "the file is empty");
        }

        return trimmed[0] is '{' ? ParseOpenApi(path, text) : ParseRouteList(path, text);
    }

    private static LegacyManifestModel Failed(string path, string error) => new(path, EquatableArray<LegacyOperationModel>.Empty, EquatableArray<LegacyComponentModel>.Empty, error);

    private static LegacyManifestModel ParseOpenApi(string path, string text)
    {
        JsonValue root;
        try
        {
            root = JsonValue.Parse(text.TrimStart('\uFEFF'));
        }
        catch (JsonParseException exception)
        {
            return Failed(path, "it is not valid JSON: " + exception.Message);
        }

        if (root["swagger"] is not null)
        {
            return Failed(path, "it is a Swagger 2.0 document; convert it to OpenAPI 3 (or list the routes, one 'METHOD /path' per line)");
        }

        if (root["openapi"]?.AsString is not { } version || !version.StartsWith("3.", System.StringComparison.Ordinal))
        {
            return Failed(path, "it has no 'openapi' version 3.x member; a manifest is an OpenAPI 3 document or a route list");
        }

        if (root["paths"] is not JsonObject paths)
        {
            return Failed(path, "it has no 'paths' object");
        }

        var components = new List<LegacyComponentModel>();
        if (root["components"] is JsonObject componentsObject)
        {
            foreach (var kind in ComponentKinds)
            {
                foreach (var member in componentsObject[kind]?.Members ?? [])
                {
                    components.Add(new LegacyComponentModel(kind, member.Key, member.Value.ToString()));
                }
            }
        }

        // The manifest's tag declarations travel as components of kind "tags", for the tags its operations keep.
        foreach (var tag in root["tags"]?.Items ?? [])
        {
            if (tag["name"]?.AsString is { } tagName)
            {
                components.Add(new LegacyComponentModel("tags", tagName, tag.ToString()));
            }
        }

        var componentIndex = components.ToDictionary(static c => c.Kind + "/" + c.Name, static c => c, System.StringComparer.Ordinal);
        var operations = new List<LegacyOperationModel>();
        foreach (var pathMember in paths.Members)
        {
            if (!pathMember.Key.StartsWith("/", System.StringComparison.Ordinal))
            {
                return Failed(path, $"the path '{pathMember.Key}' does not start with '/'");
            }

            var shared = pathMember.Value["parameters"]?.Items ?? [];
            foreach (var method in Methods)
            {
                if (pathMember.Value[method] is not JsonObject operation)
                {
                    continue;
                }

                var own = operation["parameters"]?.Items ?? [];
                var parameters = FoldParameters(shared, own, componentIndex);
                var folded = parameters.Count == own.Count && shared.Count == 0 ? operation : WithParameters(operation, parameters);
                var names = parameters
                    .Select(p => Describe(p, componentIndex))
                    .Where(static p => p is not null && !p.StartsWith("path:", System.StringComparison.Ordinal))
                    .Select(static p => p!)
                    .OrderBy(static p => p, System.StringComparer.Ordinal)
                    .ToEquatableArray();
                operations.Add(new LegacyOperationModel(method.ToUpperInvariant(), pathMember.Key, operation["operationId"]?.AsString, names, folded.ToString()));
            }
        }

        return new LegacyManifestModel(path, operations.ToEquatableArray(), components.ToEquatableArray(), null);
    }

    private static LegacyManifestModel ParseRouteList(string path, string text)
    {
        var operations = new List<LegacyOperationModel>();
        var seen = new HashSet<string>(System.StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            var hash = rawLine.IndexOf('#');
            var line = (hash >= 0 ? rawLine.Substring(0, hash) : rawLine).Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var parts = line.Split([' ', '\t'], System.StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2 || !parts[1].StartsWith("/", System.StringComparison.Ordinal))
            {
                return parts[0].EndsWith(":", System.StringComparison.Ordinal)
                    ? Failed(path, "it looks like YAML, which is not read; convert the OpenAPI document to JSON")
                    : Failed(path, $"line {lineNumber} is not 'METHOD /path' (a route list has one route per line; an OpenAPI manifest is JSON and starts with '{{')");
            }

            foreach (var method in parts[0].Split(','))
            {
                var upper = method.Trim().ToUpperInvariant();
                if (System.Array.IndexOf(Methods, upper.ToLowerInvariant()) < 0)
                {
                    return Failed(path, $"line {lineNumber}: '{method}' is not an HTTP method");
                }

                if (seen.Add(upper + " " + parts[1]))
                {
                    operations.Add(new LegacyOperationModel(upper, parts[1], null, EquatableArray<string>.Empty, null));
                }
            }
        }

        return new LegacyManifestModel(path, operations.ToEquatableArray(), EquatableArray<LegacyComponentModel>.Empty, null);
    }

    /// <summary>The operation's parameters with the path item's folded in (the operation's win by name and location).</summary>
    private static List<JsonValue> FoldParameters(IReadOnlyList<JsonValue> shared, IReadOnlyList<JsonValue> own, Dictionary<string, LegacyComponentModel> components)
    {
        var result = new List<JsonValue>(own);
        var ownKeys = new HashSet<string>(own.Select(p => Describe(p, components) ?? string.Empty), System.StringComparer.Ordinal);
        foreach (var parameter in shared)
        {
            if (!ownKeys.Contains(Describe(parameter, components) ?? string.Empty))
            {
                result.Add(parameter);
            }
        }

        return result;
    }

    private static JsonObject WithParameters(JsonValue operation, List<JsonValue> parameters)
    {
        var members = operation.Members.Where(static m => m.Key != "parameters").ToList();
        members.Insert(0, new KeyValuePair<string, JsonValue>("parameters", new JsonArray(parameters)));
        return new JsonObject(members);
    }

    /// <summary><c>in:name</c> of a parameter (following a component reference), or null.</summary>
    internal static string? Describe(JsonValue parameter, IReadOnlyDictionary<string, LegacyComponentModel> components)
    {
        if (parameter["$ref"]?.AsString is { } reference)
        {
            const string Prefix = "#/components/parameters/";
            return reference.StartsWith(Prefix, System.StringComparison.Ordinal) && components.TryGetValue("parameters/" + reference.Substring(Prefix.Length), out var component)
                ? Describe(JsonValue.Parse(component.Json), components)
                : null;
        }

        return parameter["in"]?.AsString is { } location && parameter["name"]?.AsString is { } name ? location + ":" + name : null;
    }

    /// <summary>The path with each parameter's name replaced by <c>{}</c>: two templates of one shape serve the same requests.</summary>
    public static string Shape(string path)
    {
        var builder = new StringBuilder(path.Length);
        var depth = 0;
        foreach (var c in path)
        {
            if (c == '{')
            {
                if (depth++ == 0)
                {
                    builder.Append("{}");
                }
            }
            else if (c == '}')
            {
                depth = System.Math.Max(0, depth - 1);
            }
            else if (depth == 0)
            {
                // Routing compares paths without regard to case.
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        var shape = builder.ToString();
        return shape.Length > 1 ? shape.TrimEnd('/') : shape;
    }

    /// <summary>The names of a template's parameters, in order.</summary>
    public static List<string> PathParameters(string path)
    {
        var names = new List<string>();
        var start = -1;
        for (var i = 0; i < path.Length; i++)
        {
            if (path[i] == '{')
            {
                start = i + 1;
            }
            else if (path[i] == '}' && start >= 0)
            {
                var name = path.Substring(start, i - start);
                var colon = name.IndexOf(':');
                names.Add((colon >= 0 ? name.Substring(0, colon) : name).TrimStart('*'));
                start = -1;
            }
        }

        return names;
    }
}
