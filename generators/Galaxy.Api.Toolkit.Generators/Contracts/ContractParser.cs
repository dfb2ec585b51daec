using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Galaxy.Api.Toolkit.Generators.Emitting;
using Galaxy.Api.Toolkit.Generators.Json;
using Galaxy.Api.Toolkit.Generators.Model;

namespace Galaxy.Api.Toolkit.Generators.Contracts;

/// <summary>
/// Maps the component schemas of an OpenAPI 3 document to C# types that the toolkit's API generator describes with the
/// same schema: names, nullability (<c>anyOf [X, null]</c>), <c>required</c>, enums, defaults, constraints, <c>const</c>,
/// descriptions and Galaxy's encoded ids. What C# cannot say (unions, discriminated <c>oneOf</c>, typed
/// <c>additionalProperties</c> beside properties) falls back to <c>JsonElement</c> or a dictionary, noted in the remarks.
/// </summary>
internal sealed class ContractParser
{
    private const string DataAnnotations = "global::System.ComponentModel.DataAnnotations.";
    private const string JsonElement = "global::System.Text.Json.JsonElement";
    private const string GalaxyIdPattern = "[0-9a-fA-F]+";

    private readonly Dictionary<string, JsonValue> _schemas = new(System.StringComparer.Ordinal);
    private readonly Dictionary<string, string> _typeNames = new(System.StringComparer.Ordinal);
    private readonly string _namespace;

    private ContractParser(string @namespace) => _namespace = @namespace;

    /// <summary>Parses a document; one that cannot be read gives a model with <see cref="ContractDocumentModel.Error"/> set.</summary>
    public static ContractDocumentModel Parse(string path, string? text, string @namespace, CancellationToken cancellationToken)
    {
        if (text is null)
        {
            return new ContractDocumentModel(path, @namespace, EquatableArray<ContractTypeModel>.Empty, "the file cannot be read");
        }

        JsonValue document;
        try
        {
            document = JsonValue.Parse(text);
        }
        catch (JsonParseException exception)
        {
            return new ContractDocumentModel(path, @namespace, EquatableArray<ContractTypeModel>.Empty, "it is not JSON (" + exception.Message + ")");
        }

        if (document["openapi"]?.AsString is not { } version || !version.StartsWith("3.", System.StringComparison.Ordinal))
        {
            return new ContractDocumentModel(path, @namespace, EquatableArray<ContractTypeModel>.Empty, "it is not an OpenAPI 3 document (no \"openapi\": \"3.x\")");
        }

        if (document.At("components", "schemas") is not JsonObject schemas || schemas.Members.Count == 0)
        {
            return new ContractDocumentModel(path, @namespace, EquatableArray<ContractTypeModel>.Empty, "it has no component schemas (components/schemas)");
        }

        var parser = new ContractParser(@namespace);
        var used = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var member in schemas.Members)
        {
            parser._schemas[member.Key] = member.Value;
            var name = ContractNames.Type(member.Key);
            for (var i = 2; !used.Add(name); i++)
            {
                name = ContractNames.Type(member.Key) + i.ToString(CultureInfo.InvariantCulture);
            }

            parser._typeNames[member.Key] = name;
        }

        var types = new List<ContractTypeModel>(schemas.Members.Count);
        foreach (var member in schemas.Members)
        {
            cancellationToken.ThrowIfCancellationRequested();
            types.Add(parser.TypeOf(member.Key, member.Value));
        }

        return new ContractDocumentModel(path, @namespace, types.ToEquatableArray(), null);
    }

    private ContractTypeModel TypeOf(string schemaName, JsonValue schema)
    {
        var name = _typeNames[schemaName];
        var description = schema["description"]?.AsString;
        var title = schema["title"]?.AsString is { } text && text != schemaName ? text : null;
        var notes = new List<string>();
        ContractTypeModel Type(ContractKind kind, EquatableArray<ContractPropertyModel> properties = default, EquatableArray<ContractEnumMemberModel> members = default, string? element = null, bool extensionData = false, bool closed = false)
            => new(schemaName, name, _namespace, kind, description, title, properties, members, element, extensionData, notes.ToEquatableArray(), closed);

        if (schema["enum"] is JsonArray values && values.Items.All(static v => v is JsonString))
        {
            return Type(ContractKind.Enum, members: Members(values.Items.Select(static v => v.AsString!)));
        }

        if (schema["const"] is JsonString constant)
        {
            return Type(ContractKind.Enum, members: Members([constant.AsString]));
        }

        var type = schema["type"]?.AsString;
        if (type == "array")
        {
            var item = Map(schema["items"] ?? Empty, notes, "items");
            if (item.Attributes.Any(static a => a.StartsWith(DataAnnotations, System.StringComparison.Ordinal)))
            {
                notes.Add("The items' own constraints (" + string.Join(", ", item.Attributes.Where(static a => a.StartsWith(DataAnnotations, System.StringComparison.Ordinal)).Select(static a => a.Substring(DataAnnotations.Length))) + ") are not stated: C# attributes apply to members, not to list items.");
            }

            return Type(ContractKind.List, element: item.Declared(item.Nullable));
        }

        if (type == "object" && schema["properties"] is JsonObject properties)
        {
            var extra = schema["additionalProperties"];
            var extensionData = extra is not null && extra != JsonLiteral.False;
            if (extra is JsonObject { Members.Count: > 0 })
            {
                notes.Add("Undeclared members are kept in AdditionalProperties as JSON; the schema's additionalProperties type is not checked.");
            }

            return Type(ContractKind.Object, properties: Properties(name, schema, properties), extensionData: extensionData, closed: extra == JsonLiteral.False);
        }

        if (type == "object")
        {
            var extra = schema["additionalProperties"];
            var value = extra is JsonObject { Members.Count: > 0 } ? Map(extra, notes, "additionalProperties") : null;
            return Type(ContractKind.Dictionary, element: value?.Declared(value.Nullable) ?? JsonElement);
        }

        notes.Add("Galaxy's schema is " + Describe(schema) + ": a C# type cannot be a union, so any JSON object is kept as it is.");
        return Type(ContractKind.Dictionary, element: JsonElement);
    }

    private EquatableArray<ContractEnumMemberModel> Members(IEnumerable<string> values)
    {
        var used = new HashSet<string>(System.StringComparer.Ordinal);
        return values.Select(value =>
        {
            var name = ContractNames.EnumMember(Symbolic(value), used);
            return new ContractEnumMemberModel(name, value, ContractNames.NeedsJsonName(name, value));
        }).ToEquatableArray();
    }

    /// <summary>Names for values without letters or digits (Galaxy's <c>+</c>, <c>-</c>, <c>=</c> operators).</summary>
    private static string Symbolic(string value) => value switch
    {
        "+" => "Plus",
        "-" => "Minus",
        "=" => "Equal",
        "?" => "Unknown",
        _ => value,
    };

    private EquatableArray<ContractPropertyModel> Properties(string typeName, JsonValue schema, JsonObject properties)
    {
        var required = new HashSet<string>((schema["required"]?.Items ?? []).Select(static r => r.AsString).Where(static r => r is not null).Select(static r => r!), System.StringComparer.Ordinal);
        var used = new HashSet<string>(System.StringComparer.Ordinal) { "AdditionalProperties" };
        var result = new List<ContractPropertyModel>(properties.Members.Count);
        foreach (var member in properties.Members)
        {
            var name = ContractNames.Property(member.Key, typeName, used);
            result.Add(Property(member.Key, name, member.Value, required.Contains(member.Key)));
        }

        return result.ToEquatableArray();
    }

    private ContractPropertyModel Property(string jsonName, string name, JsonValue schema, bool isRequired)
    {
        var notes = new List<string>();
        var mapped = Map(schema, notes, jsonName);
        var description = mapped.Description;
        var title = mapped.Title;
        var attributes = new List<string>(mapped.Attributes);
        string? initializer = null;
        string? defaultValue = null;
        var nullable = mapped.Nullable;
        var jsonRequired = false;

        if (mapped.Const is { } constant)
        {
            attributes.Add("global::Galaxy.Api.Toolkit.Const(" + constant + ")");
        }

        if (isRequired && mapped.Const is { } requiredConstant && !nullable)
        {
            // A required constant: the JSON must carry it, C# callers need not set it.
            jsonRequired = true;
            initializer = requiredConstant;
        }
        else if (!isRequired && mapped.Default is { } value)
        {
            (initializer, defaultValue) = Default(mapped, value, notes);
        }

        if (!isRequired && initializer is null && !nullable && !mapped.IsValueType)
        {
            // An optional member that is never null: an empty collection stands for its absence; other types become
            // nullable (null meaning absent), which the document then states too.
            if (mapped.Type.StartsWith("global::System.Collections.Generic.", System.StringComparison.Ordinal) || IsCollectionComponent(mapped.ComponentName))
            {
                initializer = "new()";
            }
            else
            {
                nullable = true;
                if (mapped.Type != JsonElement)
                {
                    notes.Add("Optional and never null in Galaxy's schema: null here stands for an absent member, so the document says nullable.");
                }
            }
        }

        if (!isRequired && initializer is null && !nullable && mapped.Type == JsonElement)
        {
            nullable = true;
        }

        return new ContractPropertyModel(
            jsonName,
            name,
            ContractNames.NeedsJsonName(name, jsonName),
            mapped.Declared(nullable),
            isRequired && !jsonRequired,
            jsonRequired,
            initializer,
            defaultValue,
            attributes.ToEquatableArray(),
            description,
            title,
            notes.Concat(mapped.Notes).ToEquatableArray());
    }

    /// <summary>The initializer and <c>[DefaultValue]</c> argument of a default, where C# can state them.</summary>
    private (string? Initializer, string? DefaultValue) Default(Mapped mapped, JsonValue value, List<string> notes)
    {
        switch (value)
        {
            case JsonLiteral literal when literal == JsonLiteral.True || literal == JsonLiteral.False:
                var boolean = literal == JsonLiteral.True ? "true" : "false";
                return mapped.Type == "bool" ? (boolean, boolean) : (null, boolean);
            case JsonNumber number when mapped.Type is "long" or "double" || mapped.Type == JsonElement:
                var isInteger = number.Text.IndexOfAny(['.', 'e', 'E']) < 0;
                var literalNumber = mapped.Type == "double" && isInteger ? number.Text + "d" : isInteger ? number.Text + "L" : number.Text;
                return (mapped.Type == JsonElement ? null : literalNumber, literalNumber);
            case JsonString plain when mapped.Type == "string" || mapped.Type == JsonElement:
                var quoted = EndpointEmitter.Literal(plain.AsString);
                return (mapped.Type == JsonElement ? null : quoted, quoted);
            case JsonString name when mapped.ComponentName is { } component && _schemas[component]["enum"] is JsonArray:
                var members = Members(_schemas[component]["enum"]!.Items.Select(static v => v.AsString ?? string.Empty));
                if (members.FirstOrDefault(m => m.Value == name.AsString) is { } member)
                {
                    var reference = mapped.Type + "." + member.Name;
                    return (reference, reference);
                }

                break;
            case JsonString single when mapped.ComponentName is { } constComponent && _schemas[constComponent]["const"]?.AsString == single.AsString:
                var only = mapped.Type + "." + Members([single.AsString!])[0].Name;
                return (only, only);
            case JsonArray { Items.Count: 0 } when mapped.Type.StartsWith("global::System.Collections.Generic.", System.StringComparison.Ordinal) || IsCollectionComponent(mapped.ComponentName):
                return ("new()", TypedDefault(mapped, value));
            case JsonObject { Members.Count: 0 } when mapped.Type.StartsWith("global::System.Collections.Generic.Dictionary<", System.StringComparison.Ordinal) || IsCollectionComponent(mapped.ComponentName):
                return ("new()", TypedDefault(mapped, value));
            case JsonObject when mapped.ComponentName is { } objectComponent && HasNoRequiredMembers(objectComponent) && MatchesOwnDefaults(objectComponent, (JsonObject)value):
                // The type's own defaults are the default.
                return ("new()", TypedDefault(mapped, value));
            case JsonArray or JsonObject:
                notes.Add("Default: " + value + " (documented; the C# value is null when absent).");
                return (null, TypedDefault(mapped, value));
        }

        notes.Add("Default: " + value + " (not expressible in C#).");
        return (null, null);
    }

    /// <summary><c>typeof(T), "json"</c>: a collection's or object's default as JSON (the API generator reads it back).</summary>
    private static string TypedDefault(Mapped mapped, JsonValue value) => "typeof(" + mapped.Type + "), " + EndpointEmitter.Literal(value.ToString());

    /// <summary>Whether every member the default sets is a scalar default the component's own property already has.</summary>
    private bool MatchesOwnDefaults(string component, JsonObject value)
        => value.Members.All(member => _schemas[component]["properties"]?[member.Key]?["default"] is { } own && own.ToString() == member.Value.ToString());

    private bool IsCollectionComponent(string? component)
        => component is not null && _schemas.TryGetValue(component, out var schema)
            && (schema["type"]?.AsString == "array" || (schema["type"]?.AsString == "object" && schema["properties"] is null));

    private bool HasNoRequiredMembers(string component)
        => _schemas.TryGetValue(component, out var schema) && schema["properties"] is not null && (schema["required"]?.Items.Count ?? 0) == 0;

    /// <summary>A schema as C#: its type, attributes and annotations, with <c>allOf [X]</c> and <c>anyOf [X, null]</c> unwrapped.</summary>
    private Mapped Map(JsonValue schema, List<string> notes, string where)
    {
        var description = schema["description"]?.AsString;
        var title = schema["title"]?.AsString;
        var defaultValue = schema["default"];
        var nullable = false;
        var current = schema;

        for (var depth = 0; depth < 8; depth++)
        {
            if (current["allOf"] is JsonArray { Items.Count: 1 } allOf)
            {
                current = allOf.Items[0];
                continue;
            }

            var branches = (current["anyOf"] ?? current["oneOf"])?.Items;
            if (branches is { Count: > 0 })
            {
                var nonNull = branches.Where(static b => b["type"]?.AsString != "null").ToList();
                nullable |= nonNull.Count < branches.Count;
                if (nonNull.Count == 1)
                {
                    current = nonNull[0];
                    continue;
                }

                var union = Union(nonNull, current, notes, where);
                return union with { Nullable = nullable, Description = description ?? union.Description, Title = title ?? union.Title, Default = defaultValue };
            }

            if (current["type"] is JsonArray types)
            {
                nullable |= types.Items.Any(static t => t.AsString == "null");
                var remaining = types.Items.Where(static t => t.AsString != "null").ToList();
                if (remaining.Count != 1)
                {
                    notes.Add(where + ": a value of " + string.Join(" or ", remaining.Select(static t => t.AsString)) + ", kept as JSON.");
                    return Mapped.Of(JsonElement, isValueType: true) with { Nullable = nullable, Description = description, Title = title, Default = defaultValue };
                }
            }

            break;
        }

        var mapped = Single(current, notes, where);
        return mapped with
        {
            Nullable = nullable || mapped.Nullable,
            Description = description ?? current["description"]?.AsString,
            Title = title ?? current["title"]?.AsString,
            Default = defaultValue ?? current["default"],
        };
    }

    private Mapped Union(List<JsonValue> branches, JsonValue schema, List<string> notes, string where)
    {
        var enums = branches.Select(StringValues).ToList();
        if (enums.All(static values => values is not null))
        {
            // Constants and string enums (inline or components): one string enum of all their values.
            return Mapped.Of("string", isValueType: false) with { Attributes = [AllowedValues(enums.SelectMany(static v => v!).Distinct())] };
        }

        if (branches.All(static b => b["type"]?.AsString is "integer" or "number" && b.Members.Count == 1))
        {
            // An integer is a number.
            return Mapped.Of(branches.Any(static b => b["type"]!.AsString == "number") ? "double" : "long", isValueType: true);
        }

        if (branches.All(static b => b["type"]?.AsString == "string" && b["const"] is null && b["enum"] is null))
        {
            notes.Add(where + ": Galaxy's schema is " + Describe(schema) + "; as a string, the branches' own constraints are not checked.");
            return Mapped.Of("string", isValueType: false);
        }

        notes.Add(where + ": Galaxy's schema is " + Describe(schema) + "; a C# type cannot be a union, so the value is kept as JSON.");
        return Mapped.Of(JsonElement, isValueType: true);
    }

    /// <summary>The values of a string constant or string enum, inline or a component; null for anything else.</summary>
    private IEnumerable<string>? StringValues(JsonValue branch)
    {
        if (branch["$ref"]?.AsString is { } reference && reference.StartsWith("#/components/schemas/", System.StringComparison.Ordinal)
            && _schemas.TryGetValue(reference.Substring("#/components/schemas/".Length), out var target))
        {
            branch = target;
        }

        if (branch["const"] is JsonString constant)
        {
            return [constant.AsString];
        }

        return branch["enum"] is JsonArray values && values.Items.All(static v => v is JsonString) ? values.Items.Select(static v => v.AsString!) : null;
    }

    private Mapped Single(JsonValue schema, List<string> notes, string where)
    {
        if (schema["$ref"]?.AsString is { } reference)
        {
            var component = reference.StartsWith("#/components/schemas/", System.StringComparison.Ordinal) ? reference.Substring("#/components/schemas/".Length) : null;
            if (component is null || !_typeNames.TryGetValue(component, out var typeName))
            {
                notes.Add(where + ": the reference " + reference + " is not a component schema of the document; kept as JSON.");
                return Mapped.Of(JsonElement, isValueType: true);
            }

            var target = _schemas[component];
            var isEnum = target["enum"] is JsonArray || target["const"] is JsonString;
            return Mapped.Of("global::" + _namespace + "." + typeName, isValueType: isEnum) with { ComponentName = component };
        }

        if (schema["const"] is { } constant)
        {
            var (type, isValueType) = constant switch
            {
                JsonString => ("string", false),
                JsonNumber number when number.Text.IndexOfAny(['.', 'e', 'E']) < 0 => ("long", true),
                JsonNumber => ("double", true),
                JsonLiteral literal when literal != JsonLiteral.Null => ("bool", true),
                _ => (JsonElement, true),
            };
            var literalText = constant is JsonString text ? EndpointEmitter.Literal(text.AsString) : constant.ToString() + (type == "long" ? "L" : string.Empty);
            return Mapped.Of(type, isValueType) with { Const = type == JsonElement ? null : literalText };
        }

        if (schema["enum"] is JsonArray values)
        {
            if (values.Items.All(static v => v is JsonString))
            {
                return Mapped.Of("string", isValueType: false) with { Attributes = [AllowedValues(values.Items.Select(static v => v.AsString!))] };
            }

            notes.Add(where + ": an enum of " + values + ", kept as JSON.");
            return Mapped.Of(JsonElement, isValueType: true);
        }

        switch (schema["type"]?.AsString)
        {
            case "string":
                return String(schema, notes, where);
            case "integer":
                return Mapped.Of("long", isValueType: true) with { Attributes = NumberBounds(schema) };
            case "number":
                return Mapped.Of("double", isValueType: true) with { Attributes = NumberBounds(schema) };
            case "boolean":
                return Mapped.Of("bool", isValueType: true);
            case "array":
                var item = Map(schema["items"] ?? Empty, notes, where + "[]");
                var unique = schema["uniqueItems"] == JsonLiteral.True;
                var collection = (unique ? "global::System.Collections.Generic.HashSet<" : "global::System.Collections.Generic.List<") + item.Declared(item.Nullable) + ">";
                var attributes = new List<string>();
                if (Integer(schema["minItems"]) is { } minItems)
                {
                    attributes.Add(DataAnnotations + "MinLength(" + minItems + ")");
                }

                if (Integer(schema["maxItems"]) is { } maxItems)
                {
                    attributes.Add(DataAnnotations + "MaxLength(" + maxItems + ")");
                }

                if (attributes.Count > 0)
                {
                    attributes.Add(TrimmingSafeLength);
                }

                return Mapped.Of(collection, isValueType: false) with { Attributes = attributes.ToArray(), Notes = item.Attributes.Length > 0 ? [where + ": the items' own constraints (" + string.Join(", ", item.Attributes.Where(static a => a.StartsWith(DataAnnotations, System.StringComparison.Ordinal)).Select(static a => a.Substring(DataAnnotations.Length))) + ") are not stated: attributes apply to the collection."] : [] };
            case "object":
                var extra = schema["additionalProperties"];
                if (schema["properties"] is JsonObject { Members.Count: > 0 })
                {
                    notes.Add(where + ": an inline object with properties, kept as a dictionary of JSON values.");
                }

                var value = extra is JsonObject { Members.Count: > 0 } ? Map(extra, notes, where + "{}") : null;
                return Mapped.Of("global::System.Collections.Generic.Dictionary<string, " + (value?.Declared(value.Nullable) ?? JsonElement) + ">", isValueType: false);
            case null:
                return Mapped.Of(JsonElement, isValueType: true);
            default:
                notes.Add(where + ": type " + schema["type"] + " is kept as JSON.");
                return Mapped.Of(JsonElement, isValueType: true);
        }
    }

    private static Mapped String(JsonValue schema, List<string> notes, string where)
    {
        var pattern = schema["pattern"]?.AsString;
        var minLength = Integer(schema["minLength"]);
        var maxLength = Integer(schema["maxLength"]);
        if (pattern == GalaxyIdPattern && minLength == 16 && maxLength is null)
        {
            return Mapped.Of("global::Galaxy.Api.Toolkit.GalaxyId", isValueType: true);
        }

        string? attributesFirst = null;
        switch (schema["format"]?.AsString)
        {
            case "date-time":
                return Mapped.Of("global::System.DateTime", isValueType: true);
            case "date":
                return Mapped.Of("global::System.DateOnly", isValueType: true);
            case "uuid":
                return Mapped.Of("global::System.Guid", isValueType: true);
            case "uuid1":
            case "uuid4":
                notes.Add(where + ": format " + schema["format"]!.AsString + " is written as the document's uuid.");
                return Mapped.Of("global::System.Guid", isValueType: true);
            case "uri":
                // A string with [Url]: the document says format uri, the validator checks it, and lengths can be stated too.
                attributesFirst = DataAnnotations + "Url";
                break;
            case "binary":
                notes.Add(where + ": format binary (a file part of a form) is a string here.");
                break;
        }

        var attributes = new List<string>();
        if (attributesFirst is not null)
        {
            attributes.Add(attributesFirst);
        }

        if (minLength is { } min)
        {
            attributes.Add(DataAnnotations + "MinLength(" + min + ")");
        }

        if (maxLength is { } max)
        {
            attributes.Add(DataAnnotations + "MaxLength(" + max + ")");
        }

        if (minLength is not null || maxLength is not null)
        {
            attributes.Add(TrimmingSafeLength);
        }

        if (pattern is not null)
        {
            // RegularExpressionAttribute matches the whole value; JSON Schema matches anywhere: the same only for anchored patterns.
            if (!pattern.StartsWith("^", System.StringComparison.Ordinal) || !pattern.EndsWith("$", System.StringComparison.Ordinal))
            {
                notes.Add(where + ": the pattern " + pattern + " is not anchored; here it must match the whole value.");
            }

            attributes.Add(DataAnnotations + "RegularExpression(" + EndpointEmitter.Literal(pattern) + ")");
        }

        return Mapped.Of("string", isValueType: false) with { Attributes = attributes.ToArray() };
    }

    private static string[] NumberBounds(JsonValue schema)
    {
        if (schema["minimum"] is null && schema["maximum"] is null && schema["exclusiveMinimum"] is null && schema["exclusiveMaximum"] is null)
        {
            return [];
        }

        // An infinite bound is no bound: the document states only the finite one.
        var minimum = (schema["minimum"] ?? schema["exclusiveMinimum"]) is JsonNumber low ? low.Text : "double.NegativeInfinity";
        var maximum = (schema["maximum"] ?? schema["exclusiveMaximum"]) is JsonNumber high ? high.Text : "double.PositiveInfinity";
        var exclusive = (schema["exclusiveMinimum"] is JsonNumber ? ", MinimumIsExclusive = true" : string.Empty) + (schema["exclusiveMaximum"] is JsonNumber ? ", MaximumIsExclusive = true" : string.Empty);
        return [DataAnnotations + "Range(" + AsDouble(minimum) + ", " + AsDouble(maximum) + exclusive + ")"];
    }

    private static string AsDouble(string number) => number.StartsWith("double.", System.StringComparison.Ordinal) || number.IndexOfAny(['.', 'e', 'E']) >= 0 ? number : number + "d";

    /// <summary>
    /// MinLength and MaxLength are marked RequiresUnreferencedCode for their reflection on types without <c>Count</c>; contract
    /// members are strings and generic collections, and the toolkit's validators are generated, so nothing is trimmed away.
    /// </summary>
    private const string TrimmingSafeLength = "global::System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage(\"Trimming\", \"IL2026\", Justification = \"Strings and generic collections have Length or Count; the API validates them with generated code.\")";

    private static string AllowedValues(IEnumerable<string> values)
        => DataAnnotations + "AllowedValues(" + string.Join(", ", values.Select(static v => EndpointEmitter.Literal(v))) + ")";

    private static int? Integer(JsonValue? value)
        => value is JsonNumber number && int.TryParse(number.Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var result) ? result : null;

    /// <summary>A short description of a union for notes: <c>anyOf [HDADetailed, HDASummary]</c>.</summary>
    private static string Describe(JsonValue schema)
    {
        var keyword = schema["anyOf"] is not null ? "anyOf" : schema["oneOf"] is not null ? "oneOf" : null;
        if (keyword is null)
        {
            return "a " + (schema["type"]?.AsString ?? "untyped") + " schema";
        }

        var names = schema[keyword]!.Items.Select(static b => b["$ref"]?.AsString is { } r ? r.Substring(r.LastIndexOf('/') + 1) : b["const"] is { } c ? c.ToString() : b["type"]?.AsString ?? "{}");
        return keyword + " [" + string.Join(", ", names) + "]";
    }

    private static readonly JsonValue Empty = JsonValue.Parse("{}");

    /// <summary>A schema as C#.</summary>
    /// <param name="Type">The C# type without nullable marker.</param>
    /// <param name="IsValueType">Whether <c>T?</c> is <c>Nullable&lt;T&gt;</c>.</param>
    /// <param name="ComponentName">The component a <c>$ref</c> points at.</param>
    /// <param name="Const">The <c>[Const]</c> argument.</param>
    private sealed record Mapped(string Type, bool IsValueType)
    {
        public bool Nullable { get; init; }

        public string[] Attributes { get; init; } = [];

        public string[] Notes { get; init; } = [];

        public string? ComponentName { get; init; }

        public string? Const { get; init; }

        public string? Description { get; init; }

        public string? Title { get; init; }

        public JsonValue? Default { get; init; }

        public static Mapped Of(string type, bool isValueType) => new(type, isValueType);

        public string Declared(bool nullable) => nullable ? Type + "?" : Type;
    }
}
