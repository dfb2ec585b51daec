using System.Text.Json;
using System.Text.Json.Nodes;

namespace Galaxy.Api.Contracts.Tests.Json;

/// <summary>
/// Writes a JSON instance of a schema of Galaxy's document with every property set, values as Galaxy sends them (encoded
/// ids, ISO times without zone, tags): the first alternative of a union, the first value of an enum, one item per array.
/// Recursion stops at a depth, with null where allowed, else an empty array or the shallowest alternative.
/// </summary>
internal sealed class InstanceWriter(JsonElement schemas)
{
    private const int MaxDepth = 6;

    public JsonNode Write(JsonElement schema, int depth) => Value(schema, depth) ?? JsonValue.Create("any")!;

    private JsonNode? Value(JsonElement schema, int depth)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            return Value(schemas.GetProperty(reference.GetString()!["#/components/schemas/".Length..]), depth + 1);
        }

        if (schema.TryGetProperty("allOf", out var allOf))
        {
            return Value(allOf[0], depth);
        }

        foreach (var keyword in new[] { "anyOf", "oneOf" })
        {
            if (schema.TryGetProperty(keyword, out var branches))
            {
                var options = branches.EnumerateArray().Where(static b => !(b.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "null")).ToList();
                var nullable = options.Count < branches.GetArrayLength();
                if (nullable && depth > MaxDepth)
                {
                    return null;
                }

                return Value(depth > MaxDepth ? options.OrderBy(Weight).First() : options[0], depth);
            }
        }

        if (schema.TryGetProperty("const", out var constant))
        {
            return JsonNode.Parse(constant.GetRawText());
        }

        if (schema.TryGetProperty("enum", out var values))
        {
            return JsonNode.Parse(values[0].GetRawText());
        }

        var type = schema.TryGetProperty("type", out var t2) ? t2.GetString() : null;
        switch (type)
        {
            case "string":
                return JsonValue.Create(Text(schema));
            case "integer":
                return JsonValue.Create(schema.TryGetProperty("minimum", out var minimum) ? minimum.GetInt64() + 1 : 7);
            case "number":
                return JsonValue.Create(1.5);
            case "boolean":
                return JsonValue.Create(true);
            case "array":
                var array = new JsonArray();
                if (depth <= MaxDepth)
                {
                    var count = schema.TryGetProperty("minItems", out var minItems) ? Math.Max(1, minItems.GetInt32()) : 1;
                    var items = schema.TryGetProperty("items", out var itemSchema) ? itemSchema : default;
                    for (var i = 0; i < count; i++)
                    {
                        array.Add(items.ValueKind == JsonValueKind.Object ? Write(items, depth + 1) : JsonValue.Create("any"));
                    }
                }

                return array;
            case "object":
                var result = new JsonObject();
                if (schema.TryGetProperty("properties", out var properties))
                {
                    foreach (var property in properties.EnumerateObject())
                    {
                        result[property.Name] = Value(property.Value, depth + 1);
                    }
                }
                else if (schema.TryGetProperty("additionalProperties", out var extra) && extra.ValueKind == JsonValueKind.Object && extra.EnumerateObject().Any())
                {
                    result["key"] = Write(extra, depth + 1);
                }
                else
                {
                    result["key"] = "value";
                }

                return result;
            default:
                return JsonValue.Create("any");
        }
    }

    /// <summary>Alternatives that end recursion first: scalars, then arrays, then objects.</summary>
    private static int Weight(JsonElement branch)
        => branch.TryGetProperty("$ref", out _) ? 3 : branch.TryGetProperty("type", out var type) && type.GetString() is "array" ? 1 : branch.TryGetProperty("type", out _) ? 0 : 2;

    private static string Text(JsonElement schema)
    {
        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        var pattern = schema.TryGetProperty("pattern", out var p) ? p.GetString() : null;
        return (format, pattern) switch
        {
            (_, "[0-9a-fA-F]+") => "f2db41e1fa331b3e",
            ("date-time", _) => "2026-11-25T09:35:34.123456",
            ("date", _) => "2026-11-25",
            ("uuid" or "uuid1" or "uuid4", _) => "5a0c3b4e-8d2f-4c61-9e7a-1b2c3d4e5f60",
            ("uri", _) => "https://usegalaxy.org/api/histories",
            (_, "^[a-z0-9\\-]+$") => "rna-seq",
            (_, not null) => "name:rna-seq",
            _ => "text",
        };
    }
}
