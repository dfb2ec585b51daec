using System.Collections.Generic;
using System.Linq;
using Galaxy.Api.Toolkit.Generators.Emitting;
using Galaxy.Api.Toolkit.Generators.Json;
using Galaxy.Api.Toolkit.Generators.Model;

namespace Galaxy.Api.Toolkit.Generators.Legacy;

/// <summary>A legacy operation the modern API serves.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The legacy path template.</param>
/// <param name="OperationId">The modern operation's id.</param>
internal sealed record PortedOperationModel(string Method, string Path, string? OperationId);

/// <summary>A modern operation that serves a legacy route with other query or header parameters.</summary>
/// <param name="OperationId">The modern operation's id.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The modern path.</param>
/// <param name="LegacyPath">The legacy path it shadows.</param>
/// <param name="Missing">Parameters the legacy route takes and the modern one does not, as <c>in:name</c>.</param>
/// <param name="Added">Parameters the modern route takes and the legacy one did not.</param>
internal sealed record ParameterMismatchModel(string OperationId, string Method, string Path, string LegacyPath, EquatableArray<string> Missing, EquatableArray<string> Added);

/// <summary>The merged document and what the merge found.</summary>
/// <param name="Document">The merged document, written as the compile-time document is.</param>
/// <param name="LegacyOperations">How many operations the manifest lists.</param>
/// <param name="Ported">The manifest's operations the modern API serves.</param>
/// <param name="StillLegacy">The manifest's operations added to the document (served by the legacy side).</param>
/// <param name="Mismatches">Modern operations that shadow a legacy one with different parameters.</param>
internal sealed record LegacyMergeResult(
    string Document,
    int LegacyOperations,
    EquatableArray<PortedOperationModel> Ported,
    EquatableArray<PortedOperationModel> StillLegacy,
    EquatableArray<ParameterMismatchModel> Mismatches)
{
    /// <summary>The coverage as JSON: <c>{"legacy_operations", "ported": [...], "legacy": [...]}</c>.</summary>
    public string CoverageJson()
    {
        var writer = new JsonTextWriter();
        writer.StartObject().Name("legacy_operations").Number(LegacyOperations);
        Write(writer, "ported", Ported);
        Write(writer, "legacy", StillLegacy);
        writer.EndObject();
        return writer.ToString();

        static void Write(JsonTextWriter writer, string name, EquatableArray<PortedOperationModel> operations)
        {
            writer.Name(name).StartArray();
            foreach (var operation in operations)
            {
                writer.StartObject().Property("method", operation.Method).Property("path", operation.Path).Property("operation_id", operation.OperationId).EndObject();
            }

            writer.EndArray();
        }
    }

    /// <summary>One line for the build log.</summary>
    public string Summary()
    {
        var percent = LegacyOperations == 0 ? 100.0 : 100.0 * Ported.Count / LegacyOperations;
        return string.Format(
            System.Globalization.CultureInfo.InvariantCulture,
            "{0} of {1} legacy operations ported ({2:0.0}%), {3} still served by the legacy application",
            Ported.Count,
            LegacyOperations,
            percent,
            StillLegacy.Count);
    }
}

/// <summary>
/// Merges a legacy manifest into an OpenAPI document, as Galaxy merges its WSGI routes into FastAPI's document: each
/// legacy operation the document does not have is added under the tag <see cref="Tag"/>, marked
/// <see cref="Marker"/>, with a description saying it is not ported; the document's operations win on conflict (same
/// method and path shape). Components the legacy operations reference are copied, renamed when a document component
/// of the same name differs. Used by the generator (compile-time manifests) and by the run time (manifests named at
/// start-up), so both give the same document.
/// </summary>
internal sealed class LegacyMerge
{
    /// <summary>The tag of legacy operations, as Galaxy names it.</summary>
    public const string Tag = "undocumented";

    /// <summary>The extension that marks a legacy operation.</summary>
    public const string Marker = "x-galaxy-legacy";

    /// <summary>The description every legacy operation starts with.</summary>
    public const string NotPorted = "Not ported yet: the legacy application serves this route.";

    private const string TagDescription = "Routes of the legacy application that have not been ported yet; the legacy application serves them.";
    private const string ComponentsPrefix = "#/components/";

    private readonly JsonValue _document;
    private readonly LegacyManifestModel _manifest;
    private readonly Dictionary<string, LegacyComponentModel> _legacyComponents;
    private readonly Dictionary<string, string> _renames = new(System.StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, JsonValue>> _addedComponents = new(System.StringComparer.Ordinal);
    private readonly SortedSet<string> _legacyTags = new(System.StringComparer.Ordinal);

    private LegacyMerge(JsonValue document, LegacyManifestModel manifest)
    {
        _document = document;
        _manifest = manifest;
        _legacyComponents = manifest.Components.ToDictionary(static c => c.Kind + "/" + c.Name, static c => c, System.StringComparer.Ordinal);
    }

    /// <summary>Merges <paramref name="manifest"/> into <paramref name="document"/>.</summary>
    /// <param name="document">The document (the modern API's).</param>
    /// <param name="manifest">The legacy manifest (without <see cref="LegacyManifestModel.Error"/>).</param>
    public static LegacyMergeResult Merge(JsonValue document, LegacyManifestModel manifest) => new LegacyMerge(document, manifest).Run();

    private LegacyMergeResult Run()
    {
        // The document's operations by method and path shape; the path string each shape is written under.
        var paths = new Dictionary<string, List<KeyValuePair<string, JsonValue>>>(System.StringComparer.Ordinal);
        var pathOrder = new List<string>();
        var pathByShape = new Dictionary<string, string>(System.StringComparer.Ordinal);
        var modern = new Dictionary<string, (string Path, JsonValue Operation)>(System.StringComparer.Ordinal);
        var operationIds = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var pathMember in _document["paths"]?.Members ?? [])
        {
            paths[pathMember.Key] = [.. pathMember.Value.Members];
            pathOrder.Add(pathMember.Key);
            var shape = LegacyManifestModel.Shape(pathMember.Key);
            if (!pathByShape.ContainsKey(shape))
            {
                pathByShape[shape] = pathMember.Key;
            }

            foreach (var operation in pathMember.Value.Members)
            {
                modern[operation.Key.ToUpperInvariant() + " " + shape] = (pathMember.Key, operation.Value);
                if (operation.Value["operationId"]?.AsString is { } id)
                {
                    operationIds.Add(id);
                }
            }
        }

        var ported = new List<PortedOperationModel>();
        var stillLegacy = new List<PortedOperationModel>();
        var mismatches = new List<ParameterMismatchModel>();
        var added = new List<(string Path, string Method, JsonValue Operation)>();
        var addedKeys = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var legacy in _manifest.Operations)
        {
            var shape = LegacyManifestModel.Shape(legacy.Path);
            var key = legacy.Method + " " + shape;
            if (modern.TryGetValue(key, out var served))
            {
                var modernId = served.Operation["operationId"]?.AsString;
                ported.Add(new PortedOperationModel(legacy.Method, legacy.Path, modernId));
                if (legacy.OperationJson is not null && modernId is not null)
                {
                    var modernParameters = new SortedSet<string>(
                        (served.Operation["parameters"]?.Items ?? []).Select(p => LegacyManifestModel.Describe(p, _legacyComponents)).Where(static p => p is not null && !p.StartsWith("path:", System.StringComparison.Ordinal)).Select(static p => p!),
                        System.StringComparer.Ordinal);
                    var missing = legacy.Parameters.Where(p => !modernParameters.Contains(p)).ToEquatableArray();
                    var extra = modernParameters.Where(p => !legacy.Parameters.Contains(p)).ToEquatableArray();
                    if (missing.Count > 0 || extra.Count > 0)
                    {
                        mismatches.Add(new ParameterMismatchModel(modernId, legacy.Method, served.Path, legacy.Path, missing, extra));
                    }
                }

                continue;
            }

            if (!addedKeys.Add(key))
            {
                continue;
            }

            if (!pathByShape.TryGetValue(shape, out var target))
            {
                target = legacy.Path;
                pathByShape[shape] = target;
            }

            var id = legacy.OperationId;
            if (id is not null)
            {
                var unique = id;
                for (var n = 2; !operationIds.Add(unique); n++)
                {
                    unique = id + "_legacy" + (n == 2 ? string.Empty : n.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }

                id = unique;
            }

            added.Add((target, legacy.Method, LegacyOperation(legacy, target, id)));
            stillLegacy.Add(new PortedOperationModel(legacy.Method, legacy.Path, legacy.OperationId));
        }

        // Components: copy what the added operations reach, then write every reference under its final name.
        foreach (var (_, _, operation) in added)
        {
            CollectComponents(operation);
        }

        foreach (var (path, method, operation) in added)
        {
            if (!paths.TryGetValue(path, out var item))
            {
                item = [];
                paths[path] = item;
                pathOrder.Add(path);
            }

            item.Add(new KeyValuePair<string, JsonValue>(method.ToLowerInvariant(), Rewrite(operation)));
        }

        var document = added.Count == 0 ? _document : Rebuild(paths, pathOrder);
        var writer = new JsonTextWriter();
        writer.Value(document);
        return new LegacyMergeResult(
            writer.ToString() + "\n",
            _manifest.Operations.Count,
            ported.ToEquatableArray(),
            stillLegacy.ToEquatableArray(),
            mismatches.ToEquatableArray());
    }

    /// <summary>The legacy operation as the document lists it: the manifest's, or a minimal one for a route list entry.</summary>
    private JsonValue LegacyOperation(LegacyOperationModel legacy, string targetPath, string? operationId)
    {
        var source = legacy.OperationJson is null ? null : JsonValue.Parse(legacy.OperationJson);
        // The legacy operation keeps its own tags (its area), after the one that says it is not ported.
        var tags = new List<JsonValue> { new JsonString(Tag) };
        foreach (var tag in source?["tags"]?.Items ?? [])
        {
            // FastAPI repeats a router's tag when the route names it too (Galaxy's "tags": ["histories", "histories"]): once is enough.
            if (tag.AsString is { } name && name != Tag && !tags.Any(t => t.AsString == name))
            {
                tags.Add(tag);
                _legacyTags.Add(name);
            }
        }

        var members = new List<KeyValuePair<string, JsonValue>> { new("tags", new JsonArray(tags)) };
        if (source?["summary"] is { } summary)
        {
            members.Add(new("summary", summary));
        }

        var description = source?["description"]?.AsString;
        members.Add(new("description", new JsonString(string.IsNullOrEmpty(description) ? NotPorted : NotPorted + "\n\n" + description)));
        members.Add(new("operationId", new JsonString(operationId ?? GeneratedOperationId(legacy))));

        // Path parameters take the names of the path the operation is written under (the same shape, maybe other names).
        var renames = new Dictionary<string, string>(System.StringComparer.Ordinal);
        var legacyNames = LegacyManifestModel.PathParameters(legacy.Path);
        var targetNames = LegacyManifestModel.PathParameters(targetPath);
        for (var i = 0; i < legacyNames.Count && i < targetNames.Count; i++)
        {
            if (legacyNames[i] != targetNames[i])
            {
                renames[legacyNames[i]] = targetNames[i];
            }
        }

        var parameters = new List<JsonValue>();
        var declaredPath = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var parameter in source?["parameters"]?.Items ?? [])
        {
            if (parameter["in"]?.AsString == "path" && parameter["name"]?.AsString is { } name)
            {
                var final = renames.TryGetValue(name, out var renamed) ? renamed : name;
                declaredPath.Add(final);
                parameters.Add(final == name ? parameter : Replace(parameter, "name", new JsonString(final)));
            }
            else
            {
                parameters.Add(parameter);
            }
        }

        // Every template parameter is declared (a route list says nothing of them).
        foreach (var name in targetNames.Where(n => !declaredPath.Contains(n)))
        {
            parameters.Add(new JsonObject(
            [
                new("name", new JsonString(name)),
                new("in", new JsonString("path")),
                new("required", JsonLiteral.True),
                new("schema", new JsonObject([new("type", new JsonString("string"))])),
            ]));
        }

        if (parameters.Count > 0)
        {
            members.Add(new("parameters", new JsonArray(parameters)));
        }

        var skip = new HashSet<string>(["tags", "summary", "description", "operationId", "parameters", "responses", "security", Marker], System.StringComparer.Ordinal);
        foreach (var member in source?.Members ?? [])
        {
            if (!skip.Contains(member.Key))
            {
                members.Add(member);
            }
        }

        members.Add(new("responses", source?["responses"] is { Members.Count: > 0 } responses
            ? responses
            : new JsonObject([new("default", new JsonObject([new("description", new JsonString("The legacy application's response."))]))])));

        // Without a statement of its own, a legacy route takes the document's API keys, optionally (Galaxy's legacy routes
        // serve anonymous and authenticated callers alike).
        members.Add(new("security", source?["security"] ?? DefaultSecurity()));
        members.Add(new(Marker, JsonLiteral.True));
        return new JsonObject(members);
    }

    private JsonValue DefaultSecurity()
    {
        var items = new List<JsonValue>();
        foreach (var scheme in _document.At("components", "securitySchemes")?.Members ?? [])
        {
            items.Add(new JsonObject([new(scheme.Key, new JsonArray([]))]));
        }

        items.Add(new JsonObject([]));
        return new JsonArray(items);
    }

    private static string GeneratedOperationId(LegacyOperationModel legacy)
    {
        var builder = new System.Text.StringBuilder("legacy_").Append(legacy.Method.ToLowerInvariant());
        foreach (var c in legacy.Path)
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (builder[builder.Length - 1] != '_')
            {
                builder.Append('_');
            }
        }

        return builder.ToString().TrimEnd('_');
    }

    private static JsonObject Replace(JsonValue value, string name, JsonValue replacement)
        => new([.. value.Members.Select(m => m.Key == name ? new KeyValuePair<string, JsonValue>(name, replacement) : m)]);

    /// <summary>Copies the components <paramref name="value"/> reaches (transitively), choosing their names in the document.</summary>
    private void CollectComponents(JsonValue value)
    {
        foreach (var reference in References(value))
        {
            if (_renames.ContainsKey(reference) || !_legacyComponents.TryGetValue(reference, out var component))
            {
                continue;
            }

            var existing = _document.At("components", component.Kind, component.Name);
            string name;
            if (existing is null || SameComponent(component.Kind, existing, JsonValue.Parse(component.Json)))
            {
                name = component.Name;
            }
            else
            {
                name = component.Name + "_legacy";
                for (var n = 2; _document.At("components", component.Kind, name) is not null || _legacyComponents.ContainsKey(component.Kind + "/" + name); n++)
                {
                    name = component.Name + "_legacy" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
            }

            _renames[reference] = component.Kind + "/" + name;
            var parsed = JsonValue.Parse(component.Json);
            if (existing is null || name != component.Name)
            {
                if (!_addedComponents.TryGetValue(component.Kind, out var kind))
                {
                    kind = new Dictionary<string, JsonValue>(System.StringComparer.Ordinal);
                    _addedComponents[component.Kind] = kind;
                }

                kind[name] = parsed;
            }

            CollectComponents(parsed);
        }
    }

    /// <summary>
    /// The <c>kind/name</c> of each local component reference in <paramref name="value"/>, and of the security schemes its
    /// <c>security</c> requirements name (without a <c>$ref</c>).
    /// </summary>
    private static IEnumerable<string> References(JsonValue value)
    {
        if (value["$ref"]?.AsString is { } reference && reference.StartsWith(ComponentsPrefix, System.StringComparison.Ordinal))
        {
            yield return reference.Substring(ComponentsPrefix.Length);
        }

        foreach (var member in value.Members)
        {
            if (member.Key == "security" && member.Value is JsonArray requirements)
            {
                foreach (var requirement in requirements.Items)
                {
                    foreach (var scheme in requirement.Members)
                    {
                        yield return "securitySchemes/" + scheme.Key;
                    }
                }

                continue;
            }

            foreach (var nested in References(member.Value))
            {
                yield return nested;
            }
        }

        foreach (var item in value.Items)
        {
            foreach (var nested in References(item))
            {
                yield return nested;
            }
        }
    }

    /// <summary>
    /// Whether a legacy component is the one the document already has. Security schemes are the same credential when they
    /// agree on everything but their <c>description</c> (the legacy app describes its API key in its own words).
    /// </summary>
    private static bool SameComponent(string kind, JsonValue existing, JsonValue legacy)
        => kind == "securitySchemes"
            ? SameJson(WithoutDescription(existing), WithoutDescription(legacy))
            : SameJson(existing, legacy);

    private static JsonValue WithoutDescription(JsonValue value)
        => value is JsonObject ? new JsonObject([.. value.Members.Where(static m => m.Key != "description")]) : value;

    /// <summary>
    /// Whether two JSON values say the same: object members in any order (Galaxy's document sorts them, ours writes them in
    /// declaration order), arrays in order, numbers by value.
    /// </summary>
    internal static bool SameJson(JsonValue left, JsonValue right)
    {
        switch (left)
        {
            case JsonObject:
                if (right is not JsonObject || left.Members.Count != right.Members.Count)
                {
                    return false;
                }

                foreach (var member in left.Members)
                {
                    if (right[member.Key] is not { } other || !SameJson(member.Value, other))
                    {
                        return false;
                    }
                }

                return true;
            case JsonArray:
                return right is JsonArray && left.Items.Count == right.Items.Count && left.Items.Zip(right.Items, SameJson).All(static same => same);
            case JsonNumber number:
                return right is JsonNumber otherNumber && number.Value.Equals(otherNumber.Value);
            default:
                return left.GetType() == right.GetType() && left.ToString() == right.ToString();
        }
    }

    /// <summary><paramref name="value"/> with references to renamed components rewritten.</summary>
    private JsonValue Rewrite(JsonValue value)
    {
        switch (value)
        {
            case JsonObject obj:
                return new JsonObject([.. obj.Members.Select(m => new KeyValuePair<string, JsonValue>(m.Key, RewriteMember(m.Key, m.Value)))]);
            case JsonArray array:
                return new JsonArray([.. array.Items.Select(Rewrite)]);
            default:
                return value;
        }
    }

    private JsonValue RewriteMember(string key, JsonValue value)
    {
        if (key == "$ref" && value.AsString is { } reference && reference.StartsWith(ComponentsPrefix, System.StringComparison.Ordinal)
            && _renames.TryGetValue(reference.Substring(ComponentsPrefix.Length), out var renamed))
        {
            return new JsonString(ComponentsPrefix + renamed);
        }

        if (key == "security" && value is JsonArray requirements)
        {
            return new JsonArray([.. requirements.Items.Select(r => (JsonValue)new JsonObject([.. r.Members.Select(s =>
                new KeyValuePair<string, JsonValue>(_renames.TryGetValue("securitySchemes/" + s.Key, out var scheme) ? scheme.Substring("securitySchemes/".Length) : s.Key, s.Value))]))]);
        }

        return Rewrite(value);
    }

    /// <summary>The document with the merged paths, components and the legacy tag; other members as they were.</summary>
    private JsonValue Rebuild(Dictionary<string, List<KeyValuePair<string, JsonValue>>> paths, List<string> pathOrder)
    {
        var members = new List<KeyValuePair<string, JsonValue>>();
        var hasComponents = false;
        var hasTags = false;
        foreach (var member in _document.Members)
        {
            switch (member.Key)
            {
                case "paths":
                    members.Add(new(member.Key, PathsObject(paths, pathOrder)));
                    break;
                case "components":
                    hasComponents = true;
                    members.Add(new(member.Key, MergeComponents(member.Value)));
                    break;
                case "tags":
                    hasTags = true;
                    members.Add(new(member.Key, MergeTags(member.Value)));
                    break;
                default:
                    members.Add(member);
                    break;
            }
        }

        if (_document["paths"] is null)
        {
            members.Add(new("paths", PathsObject(paths, pathOrder)));
        }

        if (!hasComponents && _addedComponents.Count > 0)
        {
            members.Add(new("components", MergeComponents(new JsonObject([]))));
        }

        if (!hasTags)
        {
            members.Add(new("tags", MergeTags(new JsonArray([]))));
        }

        return new JsonObject(members);
    }

    private static JsonObject PathsObject(Dictionary<string, List<KeyValuePair<string, JsonValue>>> paths, List<string> pathOrder)
        => new([.. pathOrder.OrderBy(static p => p, System.StringComparer.Ordinal).Select(p => new KeyValuePair<string, JsonValue>(p, new JsonObject(
            [.. paths[p].OrderBy(static m => MethodIndex(m.Key))])))]);

    private static int MethodIndex(string method)
    {
        var index = System.Array.IndexOf(LegacyManifestModel.Methods, method);
        return index < 0 ? int.MaxValue : index;
    }

    private JsonValue MergeComponents(JsonValue components)
    {
        var members = new List<KeyValuePair<string, JsonValue>>();
        foreach (var kind in components.Members)
        {
            if (_addedComponents.TryGetValue(kind.Key, out var added))
            {
                var merged = kind.Value.Members.Concat(added.Select(a => new KeyValuePair<string, JsonValue>(a.Key, Rewrite(a.Value))))
                    .OrderBy(static m => m.Key, System.StringComparer.Ordinal);
                members.Add(new(kind.Key, new JsonObject([.. merged])));
            }
            else
            {
                members.Add(kind);
            }
        }

        foreach (var added in _addedComponents.Where(a => components[a.Key] is null).OrderBy(static a => a.Key, System.StringComparer.Ordinal))
        {
            members.Add(new(added.Key, new JsonObject([.. added.Value.OrderBy(static a => a.Key, System.StringComparer.Ordinal).Select(a => new KeyValuePair<string, JsonValue>(a.Key, Rewrite(a.Value)))])));
        }

        return new JsonObject(members);
    }

    /// <summary>The document's tags, with <see cref="Tag"/> and every tag a legacy operation keeps declared (as the manifest declares it).</summary>
    private JsonValue MergeTags(JsonValue tags)
    {
        var declared = new HashSet<string>(tags.Items.Select(static t => t["name"]?.AsString ?? string.Empty), System.StringComparer.Ordinal);
        var added = new List<JsonValue>();
        if (!declared.Contains(Tag))
        {
            added.Add(new JsonObject([new("name", new JsonString(Tag)), new("description", new JsonString(TagDescription))]));
        }

        foreach (var name in _legacyTags.Where(t => !declared.Contains(t)))
        {
            added.Add(_legacyComponents.TryGetValue("tags/" + name, out var declaration) && JsonValue.Parse(declaration.Json) is { } tag && tag["description"] is not null
                ? tag
                : new JsonObject([new("name", new JsonString(name)), new("description", new JsonString($"Operations of the legacy API tagged '{name}'."))]));
        }

        return added.Count == 0 ? tags : new JsonArray([.. tags.Items.Concat(added).OrderBy(static t => t["name"]?.AsString ?? string.Empty, System.StringComparer.Ordinal)]);
    }
}
