using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Galaxy.Api.Contracts.Verification;

/// <summary>
/// Compares what another OpenAPI 3.1 document says about an operation or a schema with what Galaxy's says, by meaning
/// rather than by text: <c>allOf [X]</c> is X, <c>anyOf [X, {type: null}]</c> and <c>type: [null, X]</c> are a nullable X,
/// <c>const c</c> is <c>enum [c]</c>, an <c>anyOf</c> of constants is an enum, <c>additionalProperties: true</c> is no
/// keyword, a whole-value pattern <c>^(?:P)$</c> is P when P is anchored, and references are followed where one side
/// inlines what the other names. Compared: types, nullability, properties, <c>required</c>, enum values, format,
/// constraints (lengths, bounds, pattern, items), defaults and descriptions. Not compared: titles, examples,
/// <c>deprecated</c>, and the width formats of numbers (<c>int32</c>, <c>int64</c>, <c>double</c>...), which Python's
/// unbounded integers do not have.
/// </summary>
public sealed class ContractComparer
{
    private const string SchemasPrefix = "#/components/schemas/";
    private static readonly string[] Constraints = ["minLength", "maxLength", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minItems", "maxItems", "uniqueItems", "multipleOf", "minProperties", "maxProperties"];
    private static readonly HashSet<string> WidthFormats = new(StringComparer.Ordinal) { "int32", "int64", "float", "double", "decimal" };

    private readonly JsonElement _galaxy;
    private readonly JsonElement _ours;

    /// <summary>Creates a comparer of two documents.</summary>
    /// <param name="galaxy">Galaxy's document (see <see cref="GalaxyOpenApi"/>).</param>
    /// <param name="ours">The other document, e.g. the compile-time document of a host.</param>
    public ContractComparer(JsonElement galaxy, JsonElement ours)
    {
        _galaxy = galaxy;
        _ours = ours;
    }

    /// <summary>
    /// Compares one operation: its presence, its parameters (by name: <c>in</c>, <c>required</c>, schema), its request body
    /// (content types, <c>required</c>, schema) and its 200 response's JSON schema, following references all the way.
    /// </summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="path">The path template in Galaxy's document.</param>
    /// <param name="ourPath">The path template in the other document, when it differs.</param>
    /// <returns>The differences, in document order.</returns>
    public IReadOnlyList<ContractDifference> CompareOperation(string method, string path, string? ourPath = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var differences = new List<ContractDifference>();
        var key = method.ToLowerInvariant();
        var pointer = "/paths/" + Escape(path) + "/" + key;
        var galaxy = Operation(_galaxy, path, key);
        var ours = Operation(_ours, ourPath ?? path, key);
        if (galaxy is null || ours is null)
        {
            differences.Add(new ContractDifference(pointer, galaxy is null ? "extra" : "missing", galaxy is null ? null : "operation", ours is null ? null : "operation"));
            return differences;
        }

        var run = new Run(this, differences, deep: true);
        var galaxyParameters = Parameters(_galaxy, path, galaxy.Value);
        var ourParameters = Parameters(_ours, ourPath ?? path, ours.Value);
        foreach (var (name, parameter) in galaxyParameters)
        {
            var at = pointer + "/parameters/" + Escape(name);
            if (!ourParameters.TryGetValue(name, out var other))
            {
                differences.Add(new ContractDifference(at, "missing", Compact(parameter), null));
                continue;
            }

            run.Value(at + "/in", "in", Text(parameter, "in"), Text(other, "in"));
            run.Value(at + "/required", "required", Flag(parameter, "required"), Flag(other, "required"));
            run.Schemas(parameter.TryGetProperty("schema", out var schema) ? schema : Empty, other.TryGetProperty("schema", out var otherSchema) ? otherSchema : Empty, at + "/schema",
                Description(parameter), Description(other));
        }

        foreach (var (name, parameter) in ourParameters)
        {
            if (!galaxyParameters.ContainsKey(name))
            {
                differences.Add(new ContractDifference(pointer + "/parameters/" + Escape(name), "extra", null, Compact(parameter)));
            }
        }

        var galaxyBody = Resolve(_galaxy, galaxy.Value, "requestBody");
        var ourBody = Resolve(_ours, ours.Value, "requestBody");
        if (galaxyBody is not null || ourBody is not null)
        {
            var at = pointer + "/requestBody";
            if (galaxyBody is null || ourBody is null)
            {
                differences.Add(new ContractDifference(at, galaxyBody is null ? "extra" : "missing", galaxyBody is null ? null : Compact(galaxyBody.Value), ourBody is null ? null : Compact(ourBody.Value)));
            }
            else
            {
                run.Value(at + "/required", "required", Flag(galaxyBody.Value, "required"), Flag(ourBody.Value, "required"));
                Content(run, galaxyBody.Value, ourBody.Value, at + "/content", Description(galaxyBody.Value), Description(ourBody.Value));
            }
        }

        var galaxyOk = Response(_galaxy, galaxy.Value);
        var ourOk = Response(_ours, ours.Value);
        var okPointer = pointer + "/responses/200";
        if (galaxyOk is null || ourOk is null)
        {
            if (galaxyOk is not null || ourOk is not null)
            {
                differences.Add(new ContractDifference(okPointer, galaxyOk is null ? "extra" : "missing", galaxyOk is null ? null : "200", ourOk is null ? null : "200"));
            }
        }
        else
        {
            var galaxySchema = JsonSchemaOf(galaxyOk.Value);
            var ourSchema = JsonSchemaOf(ourOk.Value);
            if (galaxySchema is not null || ourSchema is not null)
            {
                run.Schemas(galaxySchema ?? Empty, ourSchema ?? Empty, okPointer + "/content/application~1json/schema");
            }
        }

        return differences;
    }

    /// <summary>
    /// Compares one of Galaxy's component schemas with a schema of the other document (the component itself, a reference to
    /// it, or what the other document inlines for it). References to components of the same name inside are compared by
    /// name, not followed: each component is measured on its own.
    /// </summary>
    /// <param name="name">The component's name in Galaxy's document.</param>
    /// <param name="ours">The other document's schema for it.</param>
    /// <returns>The differences.</returns>
    public IReadOnlyList<ContractDifference> CompareComponent(string name, JsonElement ours)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var differences = new List<ContractDifference>();
        var galaxy = _galaxy.GetProperty("components").GetProperty("schemas").GetProperty(name);
        new Run(this, differences, deep: false).Schemas(galaxy, ours, "/components/schemas/" + Escape(name));
        return differences;
    }

    /// <summary>Compares two schemas, following references all the way.</summary>
    /// <param name="galaxy">A schema of Galaxy's document.</param>
    /// <param name="ours">A schema of the other document.</param>
    /// <param name="pointer">Where the Galaxy schema is, for the differences' pointers.</param>
    /// <returns>The differences.</returns>
    public IReadOnlyList<ContractDifference> CompareSchemas(JsonElement galaxy, JsonElement ours, string pointer)
    {
        var differences = new List<ContractDifference>();
        new Run(this, differences, deep: true).Schemas(galaxy, ours, pointer ?? string.Empty);
        return differences;
    }

    private static void Content(Run run, JsonElement galaxy, JsonElement ours, string pointer, string? galaxyDescription, string? ourDescription)
    {
        var galaxyTypes = galaxy.TryGetProperty("content", out var g) && g.ValueKind == JsonValueKind.Object ? g.EnumerateObject().ToDictionary(static p => p.Name, static p => p.Value, StringComparer.Ordinal) : [];
        var ourTypes = ours.TryGetProperty("content", out var o) && o.ValueKind == JsonValueKind.Object ? o.EnumerateObject().ToDictionary(static p => p.Name, static p => p.Value, StringComparer.Ordinal) : [];
        foreach (var (type, media) in galaxyTypes)
        {
            if (ourTypes.TryGetValue(type, out var other))
            {
                run.Schemas(media.TryGetProperty("schema", out var schema) ? schema : Empty, other.TryGetProperty("schema", out var otherSchema) ? otherSchema : Empty, pointer + "/" + Escape(type) + "/schema",
                    galaxyDescription, ourDescription);
            }
            else
            {
                run.Differences.Add(new ContractDifference(pointer + "/" + Escape(type), "missing", "\"" + type + "\"", null));
            }
        }

        foreach (var type in ourTypes.Keys.Where(t => !galaxyTypes.ContainsKey(t)))
        {
            run.Differences.Add(new ContractDifference(pointer + "/" + Escape(type), "extra", null, "\"" + type + "\""));
        }
    }

    private static JsonElement? Operation(JsonElement document, string path, string method)
        => document.TryGetProperty("paths", out var paths) && paths.TryGetProperty(path, out var item) && item.TryGetProperty(method, out var operation) ? operation : null;

    private static Dictionary<string, JsonElement> Parameters(JsonElement document, string path, JsonElement operation)
    {
        var result = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var lists = new List<JsonElement>();
        if (document.GetProperty("paths").GetProperty(path).TryGetProperty("parameters", out var shared))
        {
            lists.Add(shared);
        }

        if (operation.TryGetProperty("parameters", out var own))
        {
            lists.Add(own);
        }

        foreach (var list in lists)
        {
            foreach (var entry in list.EnumerateArray())
            {
                var parameter = Follow(document, entry);
                if (parameter.TryGetProperty("name", out var name) && name.GetString() is { } text)
                {
                    result[text] = parameter;
                }
            }
        }

        return result;
    }

    private static JsonElement? Resolve(JsonElement document, JsonElement owner, string member)
        => owner.TryGetProperty(member, out var value) ? Follow(document, value) : null;

    private static JsonElement? Response(JsonElement document, JsonElement operation)
        => operation.TryGetProperty("responses", out var responses) && responses.TryGetProperty("200", out var ok) ? Follow(document, ok) : null;

    private static JsonElement? JsonSchemaOf(JsonElement response)
    {
        if (!response.TryGetProperty("content", out var content))
        {
            return null;
        }

        foreach (var media in content.EnumerateObject())
        {
            if (media.Name.Contains("json", StringComparison.Ordinal) && media.Value.TryGetProperty("schema", out var schema))
            {
                return schema;
            }
        }

        return null;
    }

    /// <summary>Follows a <c>$ref</c> to a document-local object (parameters, request bodies, responses).</summary>
    private static JsonElement Follow(JsonElement document, JsonElement value)
    {
        for (var i = 0; i < 8 && value.ValueKind == JsonValueKind.Object && value.TryGetProperty("$ref", out var reference) && reference.GetString() is { } text && text.StartsWith("#/", StringComparison.Ordinal); i++)
        {
            var target = document;
            foreach (var segment in text[2..].Split('/'))
            {
                if (!target.TryGetProperty(segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal), out target))
                {
                    return value;
                }
            }

            value = target;
        }

        return value;
    }

    /// <summary>The description of a parameter or request body: FastAPI repeats it in the schema, OpenAPI tools put it beside.</summary>
    private static string? Description(JsonElement owner) => owner.TryGetProperty("description", out var description) ? description.GetString() : null;

    private static JsonElement? Component(JsonElement document, string name)
        => document.TryGetProperty("components", out var components) && components.TryGetProperty("schemas", out var schemas) && schemas.TryGetProperty(name, out var schema)
            ? schema
            : null;

    private static string? Text(JsonElement element, string name) => element.TryGetProperty(name, out var value) ? Compact(value) : null;

    private static string Flag(JsonElement element, string name) => element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True ? "true" : "false";

    private static readonly JsonElement Empty = JsonDocument.Parse("{}").RootElement.Clone();

    private static string Escape(string segment) => segment.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A value as compact JSON text, non-ASCII as it is.</summary>
    private static string Compact(JsonElement value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            value.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>A string as a JSON string literal.</summary>
    private static string Quote(string text)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStringValue(text);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>JSON text in a canonical form: members sorted, numbers by value.</summary>
    private static string Canonical(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                return "{" + string.Join(",", value.EnumerateObject().OrderBy(static p => p.Name, StringComparer.Ordinal).Select(static p => Quote(p.Name) + ":" + Canonical(p.Value))) + "}";
            case JsonValueKind.Array:
                return "[" + string.Join(",", value.EnumerateArray().Select(Canonical)) + "]";
            case JsonValueKind.Number:
                return value.TryGetDecimal(out var number) ? number.ToString("G29", CultureInfo.InvariantCulture) : value.GetRawText();
            default:
                return Compact(value);
        }
    }

    /// <summary>One comparison: where differences go, whether same-named references are followed, and what was followed.</summary>
    private sealed class Run(ContractComparer owner, List<ContractDifference> differences, bool deep)
    {
        private readonly HashSet<string> _followed = new(StringComparer.Ordinal);

        public List<ContractDifference> Differences => differences;

        public void Value(string pointer, string kind, string? galaxy, string? ours)
        {
            if (!string.Equals(galaxy, ours, StringComparison.Ordinal))
            {
                differences.Add(new ContractDifference(pointer, kind, galaxy, ours));
            }
        }

        public void Schemas(JsonElement galaxy, JsonElement ours, string pointer)
            => Compare(Shape.Of(galaxy, owner._galaxy), Shape.Of(ours, owner._ours), pointer, 0);

        /// <summary>Compares the schemas of a parameter or body, whose description may be beside the schema or in it.</summary>
        public void Schemas(JsonElement galaxy, JsonElement ours, string pointer, string? galaxyDescription, string? ourDescription)
            => Compare(Shape.Of(galaxy, owner._galaxy).Described(galaxyDescription), Shape.Of(ours, owner._ours).Described(ourDescription), pointer, 0);

        private void Compare(Shape galaxy, Shape ours, string pointer, int depth)
        {
            if (depth > 64)
            {
                return;
            }

            if (galaxy.Reference is not null && galaxy.Reference == ours.Reference)
            {
                // The same component on both sides: what the use adds, then (when following) the component itself.
                Annotations(galaxy, ours, pointer);
                Value(pointer, "nullable", Bool(galaxy.Nullable), Bool(ours.Nullable));
                if (deep && _followed.Add(galaxy.Reference))
                {
                    Compare(Target(owner._galaxy, galaxy.Reference), Target(owner._ours, ours.Reference), pointer, depth + 1);
                }

                return;
            }

            if (galaxy.Union is not null && ours.Union is null && ours.Reference is not null
                && galaxy.Union.FirstOrDefault(b => ReferenceName(b) == ours.Reference) is { ValueKind: JsonValueKind.Object } chosen)
            {
                // Ours is one of Galaxy's alternatives: say so, then compare with that alternative.
                Value(pointer, "union", "anyOf " + string.Join(" | ", galaxy.Union.Select(Describe)), ours.Reference);
                Compare(Shape.Of(chosen, owner._galaxy).Dereference(galaxy.Nullable), ours, pointer, depth + 1);
                return;
            }

            if (galaxy.Reference is not null || ours.Reference is not null)
            {
                // One side names a component the other inlines (or names differently): compare what they stand for.
                var resolvedGalaxy = galaxy.Reference is null ? galaxy : galaxy.Dereference(Target(owner._galaxy, galaxy.Reference));
                var resolvedOurs = ours.Reference is null ? ours : ours.Dereference(Target(owner._ours, ours.Reference));
                Compare(resolvedGalaxy, resolvedOurs, pointer, depth + 1);
                return;
            }

            if (galaxy.Union is not null || ours.Union is not null)
            {
                // Annotations of one branch against none are noise: the union is the difference.
                var galaxyUnion = galaxy.Union is null ? null : "anyOf " + string.Join(" | ", galaxy.Union.Select(Describe));
                var ourUnion = ours.Union is null ? null : "anyOf " + string.Join(" | ", ours.Union.Select(Describe));
                Value(pointer, "union", galaxyUnion ?? galaxy.Summary, ourUnion ?? ours.Summary);
                if (!galaxy.IsAny && !ours.IsAny)
                {
                    // Any value includes null: only typed sides can differ in nullability.
                    Value(pointer, "nullable", Bool(galaxy.Nullable), Bool(ours.Nullable));
                }

                return;
            }

            if (galaxy.IsAny != ours.IsAny)
            {
                // Any value against a typed one: the type is the difference, annotations would be noise.
                Value(pointer, "type", galaxy.Summary, ours.Summary);
                return;
            }

            Annotations(galaxy, ours, pointer);
            if (galaxy.IsAny)
            {
                return;
            }

            Value(pointer, "type", galaxy.TypeList, ours.TypeList);
            Value(pointer, "nullable", Bool(galaxy.Nullable), Bool(ours.Nullable));
            Value(pointer, "enum", galaxy.EnumList, ours.EnumList);
            Value(pointer, "format", galaxy.Format, ours.Format);
            Value(pointer, "pattern", galaxy.Pattern, ours.Pattern);
            foreach (var constraint in Constraints)
            {
                Value(pointer, constraint, galaxy.Keyword(constraint), ours.Keyword(constraint));
            }

            foreach (var (name, schema) in galaxy.Properties)
            {
                var at = pointer + "/properties/" + Escape(name);
                if (ours.Properties.TryGetValue(name, out var other))
                {
                    Compare(Shape.Of(schema, owner._galaxy), Shape.Of(other, owner._ours), at, depth + 1);
                }
                else
                {
                    differences.Add(new ContractDifference(at, "missing", Compact(schema), null));
                }
            }

            foreach (var (name, schema) in ours.Properties)
            {
                if (!galaxy.Properties.ContainsKey(name))
                {
                    differences.Add(new ContractDifference(pointer + "/properties/" + Escape(name), "extra", null, Compact(schema)));
                }
            }

            foreach (var name in galaxy.Required.Union(ours.Required).Order(StringComparer.Ordinal))
            {
                Value(pointer + "/required/" + Escape(name), "required", Bool(galaxy.Required.Contains(name)), Bool(ours.Required.Contains(name)));
            }

            if (galaxy.Items is not null || ours.Items is not null)
            {
                if (galaxy.Items is { } galaxyItems && ours.Items is { } ourItems)
                {
                    Compare(Shape.Of(galaxyItems, owner._galaxy), Shape.Of(ourItems, owner._ours), pointer + "/items", depth + 1);
                }
                else
                {
                    Value(pointer + "/items", "items", galaxy.Items is { } g ? Compact(g) : null, ours.Items is { } o ? Compact(o) : null);
                }
            }

            if (galaxy.AdditionalProperties is { } galaxyExtra && ours.AdditionalProperties is { } ourExtra)
            {
                Compare(Shape.Of(galaxyExtra, owner._galaxy), Shape.Of(ourExtra, owner._ours), pointer + "/additionalProperties", depth + 1);
            }
            else
            {
                Value(pointer + "/additionalProperties", "additionalProperties", galaxy.AdditionalText, ours.AdditionalText);
            }
        }

        private void Annotations(Shape galaxy, Shape ours, string pointer)
        {
            Value(pointer, "description", galaxy.Description is null ? null : Quote(galaxy.Description), ours.Description is null ? null : Quote(ours.Description));
            Value(pointer, "default", galaxy.Default, ours.Default);
        }

        private static Shape Target(JsonElement document, string name) => Shape.Of(Component(document, name) ?? Empty, document);

        private static string Bool(bool value) => value ? "true" : "false";

        private static string? ReferenceName(JsonElement branch)
            => branch.TryGetProperty("$ref", out var reference) && reference.GetString() is { } text && text.StartsWith(SchemasPrefix, StringComparison.Ordinal)
                ? text[SchemasPrefix.Length..]
                : null;

        private static string Describe(JsonElement branch)
            => branch.TryGetProperty("$ref", out var reference) && reference.GetString() is { } text && text.StartsWith(SchemasPrefix, StringComparison.Ordinal)
                ? text[SchemasPrefix.Length..]
                : Compact(branch);
    }

    /// <summary>A schema reduced to what it means (see the class remarks).</summary>
    private sealed class Shape
    {
        private readonly Dictionary<string, JsonElement> _keywords = new(StringComparer.Ordinal);
        private JsonElement _document;
        private readonly SortedSet<string> _types = new(StringComparer.Ordinal);
        private SortedSet<string>? _enum;

        public string? Reference { get; private set; }

        public bool Nullable { get; private set; }

        public List<JsonElement>? Union { get; private set; }

        public string? Description { get; private set; }

        public string? Default { get; private set; }

        public Dictionary<string, JsonElement> Properties { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Required { get; } = new(StringComparer.Ordinal);

        public JsonElement? Items { get; private set; }

        public JsonElement? AdditionalProperties { get; private set; }

        public string? AdditionalText { get; private set; }

        public string? Format { get; private set; }

        public string? Pattern { get; private set; }

        public bool IsAny => Reference is null && Union is null && _types.Count == 0 && _enum is null && Properties.Count == 0 && Items is null && AdditionalProperties is null;

        public string? TypeList => _types.Count == 0 ? null : string.Join(",", _types);

        public string? EnumList => _enum is null ? null : "[" + string.Join(",", _enum) + "]";

        public string Summary => IsAny ? "{}" : Union is not null ? "anyOf" : TypeList ?? (Reference is null ? "?" : "$ref " + Reference);

        public string? Keyword(string name)
        {
            if (!_keywords.TryGetValue(name, out var value))
            {
                return null;
            }

            // uniqueItems false is the default.
            return name == "uniqueItems" && value.ValueKind == JsonValueKind.False ? null : Canonical(value);
        }

        public static Shape Of(JsonElement schema, JsonElement document)
        {
            var shape = new Shape { _document = document };
            shape.Collect(schema, 0);
            shape.Finish();
            return shape;
        }

        /// <summary>This shape with the description given beside it, when there is one.</summary>
        public Shape Described(string? description)
        {
            Description = description ?? Description;
            return this;
        }

        /// <summary>This shape, nullable also when the use is.</summary>
        public Shape Dereference(bool nullable)
        {
            Nullable |= nullable;
            return this;
        }

        /// <summary>The referenced component with what the use adds: nullability; annotations where the use has any.</summary>
        public Shape Dereference(Shape target)
        {
            target.Nullable |= Nullable;
            if (Description is not null || Default is not null)
            {
                target.Description = Description;
                target.Default = Default;
            }

            return target;
        }

        private void Collect(JsonElement schema, int depth)
        {
            if (schema.ValueKind != JsonValueKind.Object || depth > 16)
            {
                return;
            }

            foreach (var member in schema.EnumerateObject())
            {
                if (member.Name is "allOf" or "anyOf" or "oneOf")
                {
                    continue;
                }

                _keywords.TryAdd(member.Name, member.Value);
            }

            if (schema.TryGetProperty("allOf", out var allOf) && allOf.GetArrayLength() == 1)
            {
                Collect(allOf[0], depth + 1);
            }
            else if (allOf.ValueKind == JsonValueKind.Array)
            {
                Union = [.. allOf.EnumerateArray()];
            }

            var branches = schema.TryGetProperty("anyOf", out var anyOf) ? anyOf : schema.TryGetProperty("oneOf", out var oneOf) ? oneOf : default;
            if (branches.ValueKind != JsonValueKind.Array)
            {
                return;
            }

            var rest = branches.EnumerateArray().Where(static b => !IsNull(b)).ToList();
            Nullable |= rest.Count < branches.GetArrayLength();
            var document = _document;
            JsonElement Enumerated(JsonElement branch)
                => branch.TryGetProperty("$ref", out var reference) && reference.GetString() is { } text && text.StartsWith(SchemasPrefix, StringComparison.Ordinal)
                    && Component(document, text[SchemasPrefix.Length..]) is { } target && (target.TryGetProperty("const", out _) || target.TryGetProperty("enum", out _))
                    ? target
                    : branch;
            if (rest.Count == 1)
            {
                Collect(rest[0], depth + 1);
            }
            else if (rest.Count > 1 && rest.Select(Enumerated).All(static b => b.TryGetProperty("const", out _) || b.TryGetProperty("enum", out _)))
            {
                // Constants and enums, inline or components: one enum of all their values.
                _enum ??= new SortedSet<string>(StringComparer.Ordinal);
                foreach (var branch in rest.Select(Enumerated))
                {
                    foreach (var value in branch.TryGetProperty("const", out var constant) ? [constant] : branch.GetProperty("enum").EnumerateArray().ToList())
                    {
                        _enum.Add(Canonical(value));
                        InferType(value);
                    }

                    if (branch.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String)
                    {
                        _types.Add(type.GetString()!);
                    }
                }
            }
            else if (rest.Count > 1 && rest.All(static b => b.EnumerateObject().All(static p => p.Name is "type" or "title" or "description") && b.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String))
            {
                // Plain types only: one schema of several types (an integer is a number).
                foreach (var branch in rest)
                {
                    _types.Add(branch.GetProperty("type").GetString()!);
                }

                if (_types.Contains("number"))
                {
                    _types.Remove("integer");
                }
            }
            else if (rest.Count > 1)
            {
                Union = rest;
            }
        }

        private static bool IsNull(JsonElement branch)
            => branch.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "null";

        private void Finish()
        {
            if (_keywords.TryGetValue("$ref", out var reference) && reference.GetString() is { } text && text.StartsWith(SchemasPrefix, StringComparison.Ordinal))
            {
                Reference = text[SchemasPrefix.Length..];
            }

            if (_keywords.TryGetValue("type", out var type))
            {
                foreach (var name in type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(static t => t.GetString()).ToList() : [type.GetString()])
                {
                    if (name == "null")
                    {
                        Nullable = true;
                    }
                    else if (name is not null)
                    {
                        _types.Add(name);
                    }
                }
            }

            if (_keywords.TryGetValue("enum", out var values))
            {
                _enum ??= new SortedSet<string>(StringComparer.Ordinal);
                foreach (var value in values.EnumerateArray())
                {
                    if (value.ValueKind == JsonValueKind.Null)
                    {
                        Nullable = true;
                    }
                    else
                    {
                        _enum.Add(Canonical(value));
                    }
                }
            }

            if (_keywords.TryGetValue("const", out var constant))
            {
                _enum = new SortedSet<string>(StringComparer.Ordinal) { Canonical(constant) };
                if (_types.Count == 0)
                {
                    InferType(constant);
                }
            }

            Description = _keywords.TryGetValue("description", out var description) ? description.GetString() : null;
            Default = _keywords.TryGetValue("default", out var defaultValue) ? Canonical(defaultValue) : null;
            if (_keywords.TryGetValue("format", out var format) && !(WidthFormats.Contains(format.GetString() ?? string.Empty) && _types.All(static t => t is "integer" or "number")))
            {
                Format = format.GetString();
            }

            if (_keywords.TryGetValue("pattern", out var pattern))
            {
                Pattern = pattern.GetString() is { } text2 && text2.StartsWith("^(?:", StringComparison.Ordinal) && text2.EndsWith(")$", StringComparison.Ordinal)
                    && text2[4..^2] is var inner && inner.StartsWith('^') && inner.EndsWith('$')
                    ? inner
                    : pattern.GetString();
            }

            if (_keywords.TryGetValue("properties", out var properties))
            {
                foreach (var property in properties.EnumerateObject())
                {
                    Properties[property.Name] = property.Value;
                }
            }

            if (_keywords.TryGetValue("required", out var required))
            {
                foreach (var name in required.EnumerateArray())
                {
                    Required.Add(name.GetString()!);
                }
            }

            if (_keywords.TryGetValue("items", out var items))
            {
                Items = items;
            }

            if (_keywords.TryGetValue("additionalProperties", out var extra))
            {
                // true and {} allow anything, as no keyword does.
                if (extra.ValueKind == JsonValueKind.False)
                {
                    AdditionalText = "false";
                }
                else if (extra.ValueKind == JsonValueKind.Object && extra.EnumerateObject().Any(static p => p.Name is not ("title" or "description" or "example" or "examples")))
                {
                    AdditionalProperties = extra;
                    AdditionalText = Compact(extra);
                }
            }
        }

        private void InferType(JsonElement value)
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.String:
                    _types.Add("string");
                    break;
                case JsonValueKind.True:
                case JsonValueKind.False:
                    _types.Add("boolean");
                    break;
                case JsonValueKind.Number:
                    _types.Add(value.TryGetInt64(out _) ? "integer" : "number");
                    break;
            }
        }
    }
}
