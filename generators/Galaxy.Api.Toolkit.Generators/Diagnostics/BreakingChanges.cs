using System.Collections.Generic;
using System.Linq;
using Galaxy.Api.Toolkit.Generators.Json;
using Galaxy.Api.Toolkit.Generators.Model;

namespace Galaxy.Api.Toolkit.Generators.Diagnostics;

/// <summary>
/// Compares the compile-time document with a committed baseline and reports each change that would break an existing
/// client: an operation or response field removed, a parameter or member made required, a type narrowed, an enum value
/// removed, a constraint tightened. Additive changes pass. Request-side schemas are checked for what they accept,
/// response-side schemas for what they return.
/// </summary>
internal sealed class BreakingChanges
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
    private readonly JsonValue _baseline;
    private readonly JsonValue _current;
    private readonly LocationInfo? _baselineLocation;
    private readonly Dictionary<string, LocationInfo?> _operationLocations;
    private readonly List<DiagnosticInfo> _found = [];
    private readonly HashSet<string> _visited = new(System.StringComparer.Ordinal);
    private LocationInfo? _location;

    private BreakingChanges(JsonValue baseline, JsonValue current, LocationInfo? baselineLocation, Dictionary<string, LocationInfo?> operationLocations)
    {
        _baseline = baseline;
        _current = current;
        _baselineLocation = baselineLocation;
        _operationLocations = operationLocations;
    }

    public static IReadOnlyList<DiagnosticInfo> Find(string baselineText, string baselinePath, string currentDocument, ApiModel api)
    {
        var location = new LocationInfo(baselinePath, default, default);
        JsonValue baseline;
        try
        {
            baseline = JsonValue.Parse(baselineText);
        }
        catch (JsonParseException exception)
        {
            return [Diagnostic(DiagnosticDescriptors.BaselineUnreadable, location, baselinePath, exception.Message)];
        }

        var locations = api.Routers.SelectMany(static r => r.Operations)
            .GroupBy(static o => o.HttpMethod.ToLowerInvariant() + " " + o.DocumentPath)
            .ToDictionary(static g => g.Key, static g => g.First().Location, System.StringComparer.Ordinal);
        var finder = new BreakingChanges(baseline, JsonValue.Parse(currentDocument), location, locations);
        finder.Compare();
        return finder._found;
    }

    private void Compare()
    {
        foreach (var path in _baseline["paths"]?.Members ?? [])
        {
            foreach (var method in Methods)
            {
                if (path.Value[method] is not { } before)
                {
                    continue;
                }

                var name = method.ToUpperInvariant() + " " + path.Key;
                var pointer = "/paths/" + Escape(path.Key) + "/" + method;
                _location = _operationLocations.TryGetValue(method + " " + path.Key, out var operation) ? operation : _baselineLocation;
                if (_current.At("paths", path.Key, method) is not { } after)
                {
                    Report(DiagnosticDescriptors.BreakingOperationRemoved, name, pointer);
                    continue;
                }

                CompareParameters(before, after, name, pointer);
                CompareRequestBody(before, after, name, pointer);
                CompareResponses(before, after, name, pointer);
            }
        }
    }

    private void CompareParameters(JsonValue before, JsonValue after, string operation, string pointer)
    {
        var old = (before["parameters"]?.Items ?? []).ToDictionary(Key, System.StringComparer.Ordinal);
        foreach (var parameter in after["parameters"]?.Items ?? [])
        {
            var key = Key(parameter);
            var required = parameter["required"] == JsonLiteral.True;
            if (!old.TryGetValue(key, out var previous))
            {
                if (required)
                {
                    Report(DiagnosticDescriptors.BreakingMadeRequired, $"{operation}: new parameter {key}", pointer + "/parameters");
                }

                continue;
            }

            if (required && previous["required"] != JsonLiteral.True)
            {
                Report(DiagnosticDescriptors.BreakingMadeRequired, $"{operation}: parameter {key}", pointer + "/parameters");
            }

            if (previous["schema"] is { } was && parameter["schema"] is { } now)
            {
                CompareInput(was, now, $"{operation}: parameter {key}", pointer + "/parameters", isParameter: true);
            }
        }

        static string Key(JsonValue parameter) => (parameter["in"]?.AsString ?? "?") + " '" + (parameter["name"]?.AsString ?? "?") + "'";
    }

    private void CompareRequestBody(JsonValue before, JsonValue after, string operation, string pointer)
    {
        if (after["requestBody"] is not { } body)
        {
            return;
        }

        if (body["required"] == JsonLiteral.True && before.At("requestBody", "required") != JsonLiteral.True)
        {
            Report(DiagnosticDescriptors.BreakingMadeRequired, $"{operation}: request body", pointer + "/requestBody");
        }

        foreach (var content in body["content"]?.Members ?? [])
        {
            if (before.At("requestBody", "content", content.Key, "schema") is { } was && content.Value["schema"] is { } now)
            {
                CompareInput(was, now, $"{operation}: request body ({content.Key})", pointer + "/requestBody/content/" + Escape(content.Key) + "/schema");
            }
        }
    }

    private void CompareResponses(JsonValue before, JsonValue after, string operation, string pointer)
    {
        foreach (var response in before["responses"]?.Members ?? [])
        {
            if (!response.Key.StartsWith("2", System.StringComparison.Ordinal))
            {
                continue;
            }

            var responsePointer = pointer + "/responses/" + response.Key;
            if (after.At("responses", response.Key) is not { } now)
            {
                Report(DiagnosticDescriptors.BreakingResponseFieldRemoved, $"{operation}: response {response.Key}", responsePointer);
                continue;
            }

            foreach (var content in response.Value["content"]?.Members ?? [])
            {
                if (content.Value["schema"] is { } was && now.At("content", content.Key, "schema") is { } schema)
                {
                    CompareOutput(was, schema, $"{operation}: response {response.Key}", responsePointer + "/content/" + Escape(content.Key) + "/schema");
                }
            }
        }
    }

    /// <summary>A request-side schema must accept everything it accepted.</summary>
    private void CompareInput(JsonValue was, JsonValue now, string what, string pointer, bool isParameter = false)
    {
        var (before, beforeRef) = Resolve(_baseline, was);
        var (after, afterRef) = Resolve(_current, now);
        if (!_visited.Add("in|" + beforeRef + "|" + afterRef + "|" + (beforeRef is null ? pointer + "|" + what : string.Empty)))
        {
            return;
        }

        var oldTypes = Types(_baseline, was);
        var newTypes = Types(_current, now);
        if (isParameter)
        {
            // A parameter is text on the wire and never null: a string takes any value, and absence is what 'required' says.
            oldTypes?.Remove("null");
            newTypes?.Remove("null");
            if (newTypes?.Contains("string") == true && oldTypes is not null && !oldTypes.Contains("array"))
            {
                newTypes.UnionWith(oldTypes);
            }
        }

        if (oldTypes is not null && newTypes is not null && oldTypes.Any(t => !Accepts(newTypes, t)))
        {
            Report(DiagnosticDescriptors.BreakingTypeNarrowed, $"{what}: accepted {string.Join("|", oldTypes.OrderBy(static t => t))}, now {string.Join("|", newTypes.OrderBy(static t => t))}", pointer);
        }

        var oldEnum = Enum(before);
        var newEnum = Enum(after);
        if (newEnum is not null)
        {
            if (oldEnum is null)
            {
                Report(DiagnosticDescriptors.BreakingConstraintTightened, $"{what}: values are now limited to an enum", pointer);
            }
            else
            {
                foreach (var value in oldEnum.Where(v => !newEnum.Contains(v)))
                {
                    Report(DiagnosticDescriptors.BreakingEnumValueRemoved, $"{what}: value {value}", pointer);
                }
            }
        }

        Tightened(before, after, "maxLength", larger: false, what, pointer);
        Tightened(before, after, "maxItems", larger: false, what, pointer);
        Tightened(before, after, "maximum", larger: false, what, pointer);
        Tightened(before, after, "exclusiveMaximum", larger: false, what, pointer);
        Tightened(before, after, "minLength", larger: true, what, pointer);
        Tightened(before, after, "minItems", larger: true, what, pointer);
        Tightened(before, after, "minimum", larger: true, what, pointer);
        Tightened(before, after, "exclusiveMinimum", larger: true, what, pointer);
        if (after["pattern"]?.AsString is { } pattern && before["pattern"]?.AsString != pattern)
        {
            Report(DiagnosticDescriptors.BreakingConstraintTightened, $"{what}: pattern is now {pattern}", pointer);
        }

        var oldRequired = Strings(before["required"]);
        foreach (var property in Strings(after["required"]).Where(p => !oldRequired.Contains(p)))
        {
            Report(DiagnosticDescriptors.BreakingMadeRequired, $"{what}: member '{property}'", pointer + "/properties/" + Escape(property));
        }

        foreach (var property in after["properties"]?.Members ?? [])
        {
            if (before.At("properties", property.Key) is { } previous)
            {
                CompareInput(previous, property.Value, $"{what}: member '{property.Key}'", pointer + "/properties/" + Escape(property.Key));
            }
        }

        if (before["items"] is { } oldItems && after["items"] is { } newItems)
        {
            CompareInput(oldItems, newItems, what + ": items", pointer + "/items");
        }
    }

    /// <summary>A response-side schema must still return every field, of a type clients already handle.</summary>
    private void CompareOutput(JsonValue was, JsonValue now, string what, string pointer)
    {
        var (before, beforeRef) = Resolve(_baseline, was);
        var (after, afterRef) = Resolve(_current, now);
        if (!_visited.Add("out|" + beforeRef + "|" + afterRef + "|" + (beforeRef is null ? pointer + "|" + what : string.Empty)))
        {
            return;
        }

        var oldTypes = Types(_baseline, was);
        var newTypes = Types(_current, now);
        if (oldTypes is not null && newTypes is not null && newTypes.Any(t => !Accepts(oldTypes, t)))
        {
            Report(DiagnosticDescriptors.BreakingTypeNarrowed, $"{what}: returned {string.Join("|", oldTypes.OrderBy(static t => t))}, now {string.Join("|", newTypes.OrderBy(static t => t))}", pointer);
        }

        foreach (var property in before["properties"]?.Members ?? [])
        {
            var propertyPointer = pointer + "/properties/" + Escape(property.Key);
            if (after.At("properties", property.Key) is not { } current)
            {
                Report(DiagnosticDescriptors.BreakingResponseFieldRemoved, $"{what}: field '{property.Key}'", propertyPointer);
                continue;
            }

            CompareOutput(property.Value, current, $"{what}: field '{property.Key}'", propertyPointer);
        }

        if (before["items"] is { } oldItems && after["items"] is { } newItems)
        {
            CompareOutput(oldItems, newItems, what + ": items", pointer + "/items");
        }
    }

    private void Tightened(JsonValue before, JsonValue after, string keyword, bool larger, string what, string pointer)
    {
        if (after[keyword] is not JsonNumber now)
        {
            return;
        }

        if (before[keyword] is not JsonNumber was || (larger ? now.Value > was.Value : now.Value < was.Value))
        {
            Report(DiagnosticDescriptors.BreakingConstraintTightened, $"{what}: {keyword} is now {now.Text}", pointer);
        }
    }

    /// <summary>Follows a <c>$ref</c> (and a nullable <c>anyOf</c> around one) to the schema it names.</summary>
    private static (JsonValue Schema, string? Reference) Resolve(JsonValue document, JsonValue schema)
    {
        string? followed = null;
        for (var i = 0; i < 16; i++)
        {
            if (schema["$ref"]?.AsString is { } reference && reference.StartsWith("#/components/schemas/", System.StringComparison.Ordinal))
            {
                followed = reference;
                if (document.At("components", "schemas", reference.Substring("#/components/schemas/".Length)) is not { } target)
                {
                    return (schema, reference);
                }

                schema = target;
                continue;
            }

            var nonNull = schema["anyOf"]?.Items.Where(static s => s["type"]?.AsString != "null").ToList();
            if (nonNull is { Count: 1 })
            {
                schema = nonNull[0];
                continue;
            }

            break;
        }

        return (schema, followed);
    }

    /// <summary>The JSON types a schema allows, or null when it does not say.</summary>
    private static HashSet<string>? Types(JsonValue document, JsonValue schema)
    {
        var nullable = schema["anyOf"]?.Items.Any(static s => s["type"]?.AsString == "null") == true;
        var (resolved, _) = Resolve(document, schema);
        HashSet<string>? types = resolved["type"] switch
        {
            JsonString single => [single.AsString!],
            JsonArray many => new HashSet<string>(many.Items.Select(static t => t.AsString ?? string.Empty)),
            _ => resolved["enum"] is not null || resolved["$ref"] is not null ? ["object-or-enum"] : null,
        };
        if (types is not null && nullable)
        {
            types.Add("null");
        }

        return types;
    }

    private static bool Accepts(HashSet<string> types, string type) => types.Contains(type) || (type == "integer" && types.Contains("number"));

    private static HashSet<string>? Enum(JsonValue schema) => schema["enum"] is JsonArray values ? new HashSet<string>(values.Items.Select(static v => v.ToString())) : null;

    private static HashSet<string> Strings(JsonValue? array) => new(array?.Items.Select(static v => v.AsString ?? string.Empty) ?? [], System.StringComparer.Ordinal);

    private static string Escape(string segment) => segment.Replace("~", "~0").Replace("/", "~1");

    private void Report(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, string what, string pointer)
        => _found.Add(Diagnostic(descriptor, _location, what, pointer));

    private static DiagnosticInfo Diagnostic(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments)
        => new(descriptor.Id, location, arguments.ToEquatableArray(), descriptor.DefaultSeverity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
}
