using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace Galaxy.Api.Toolkit.Tests.Differential;

// Galaxy.Api.Toolkit has a ValidationError of its own.
using ValidationError = NJsonSchema.Validation.ValidationError;

/// <summary>The verdict of the served document on one payload.</summary>
/// <param name="Valid">Whether the payload is valid under the request body's schema.</param>
/// <param name="Errors">NJsonSchema's errors (and the judge's own, see <see cref="SpecValidator"/>), empty when valid.</param>
/// <param name="NotJson">The payload is not JSON text at all.</param>
internal sealed record SchemaVerdict(bool Valid, IReadOnlyList<ValidationError> Errors, bool NotJson)
{
    /// <summary>The leaf errors, one per line, as <c>Kind at path</c>.</summary>
    public string Describe()
        => NotJson ? "the payload is not JSON text" : string.Join("; ", Leaves(Errors).Select(static e => $"{e.Kind} at '{e.Path}'"));

    /// <summary>The errors without children: the actual reasons under anyOf/type-array wrappers.</summary>
    public static IEnumerable<ValidationError> Leaves(IEnumerable<ValidationError> errors)
    {
        foreach (var error in errors)
        {
            var children = error switch
            {
                ChildSchemaValidationError child => child.Errors.Values.SelectMany(static e => e).ToList(),
                MultiTypeValidationError multi => multi.Errors.Values.SelectMany(static e => e).ToList(),
                _ => [],
            };
            if (children.Count == 0)
            {
                yield return error;
                continue;
            }

            foreach (var leaf in Leaves(children))
            {
                yield return leaf;
            }
        }
    }
}

/// <summary>
/// The OpenAPI document the host serves, and a judge per operation built from the operation's
/// <c>requestBody.content["application/json"].schema</c> with NJsonSchema. The document's components are given to
/// NJsonSchema as the root's <c>definitions</c> (every <c>#/components/schemas/X</c> is rewritten to
/// <c>#/definitions/X</c>), so nested <c>$ref</c>s and <c>anyOf: [{$ref}, {type: null}]</c> resolve;
/// <see cref="SchemaJudge.ResolvedSchema"/> lets a test check that they did.
/// </summary>
internal sealed class ServedDocument(JsonObject root)
{
    private const string ComponentSchemas = "#/components/schemas/";

    public JsonObject Root => root;

    public static async Task<ServedDocument> LoadAsync(HttpClient client)
        => new(JsonNode.Parse(await client.GetStringAsync("/api/openapi.json", TestContext.Current.CancellationToken))!.AsObject());

    /// <summary>The operation's JSON request body schema, as served.</summary>
    public JsonObject RequestBodySchema(string method, string path)
    {
        var operation = root["paths"]?[path]?[method.ToLowerInvariant()]
            ?? throw new InvalidOperationException($"The document has no operation {method} {path}.");
        Assert.True(operation["requestBody"]?["required"]?.GetValue<bool>() ?? false, $"{method} {path}: the request body is not documented as required.");
        return operation["requestBody"]?["content"]?["application/json"]?["schema"]?.AsObject()
            ?? throw new InvalidOperationException($"{method} {path} documents no application/json request body schema.");
    }

    /// <summary>The component schema <paramref name="name"/>, as served.</summary>
    public JsonObject Component(string name) => root["components"]!["schemas"]![name]!.AsObject();

    /// <summary>
    /// Every property of a component schema reachable from the operation's body marked <c>x-galaxy-unexpressed-rules</c>:
    /// rules the schema cannot state, as <c>Component.property</c>.
    /// </summary>
    public IReadOnlyList<string> UnexpressedRules(string method, string path)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(References(RequestBodySchema(method, path)));
        while (pending.TryPop(out var name))
        {
            if (!seen.Add(name))
            {
                continue;
            }

            var component = Component(name);
            foreach (var (property, schema) in component["properties"]?.AsObject() ?? [])
            {
                if (schema?["x-galaxy-unexpressed-rules"] is not null)
                {
                    found.Add($"{name}.{property}");
                }
            }

            foreach (var reference in References(component))
            {
                pending.Push(reference);
            }
        }

        return [.. found];
    }

    /// <summary>Builds the judge of an operation's request body.</summary>
    public async Task<SchemaJudge> JudgeAsync(string method, string path)
    {
        var served = RequestBodySchema(method, path);
        var body = Prepare(served.DeepClone());
        Assert.False(body.AsObject().ContainsKey("definitions"), $"{method} {path}: the body schema has its own definitions.");
        // The components the body reaches, directly or through other components.
        var definitions = new JsonObject();
        var pending = new Stack<string>(References(served));
        while (pending.TryPop(out var name))
        {
            if (!definitions.ContainsKey(name))
            {
                definitions[name] = Prepare(Component(name).DeepClone());
                foreach (var reference in References(Component(name)))
                {
                    pending.Push(reference);
                }
            }
        }

        body["definitions"] = definitions;
        var schemaObject = await JsonSchema.FromJsonAsync(body.ToJsonString(), TestContext.Current.CancellationToken);
        return new SchemaJudge(schemaObject);
    }

    private static IEnumerable<string> References(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (key == "$ref" && value?.GetValue<string>() is { } reference && reference.StartsWith(ComponentSchemas, StringComparison.Ordinal))
                    {
                        yield return reference[ComponentSchemas.Length..];
                    }
                    else
                    {
                        foreach (var nested in References(value))
                        {
                            yield return nested;
                        }
                    }
                }

                break;
            case JsonArray array:
                foreach (var nested in array.SelectMany(References))
                {
                    yield return nested;
                }

                break;
        }
    }

    /// <summary>Keywords of JSON Schema 2020-12 the judge knows how to apply; any other keyword fails the build of the judge.</summary>
    private static readonly HashSet<string> Known =
    [
        "type", "properties", "required", "items", "anyOf", "oneOf", "allOf", "not", "additionalProperties", "$ref",
        "minLength", "maxLength", "pattern", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf",
        "minItems", "maxItems", "uniqueItems", "minProperties", "maxProperties", "enum", "const", "format",
        // annotations
        "title", "description", "default", "examples", "example", "deprecated", "readOnly", "writeOnly",
    ];

    /// <summary>
    /// Rewrites one schema (and its subschemas) for NJsonSchema: component refs point at <c>definitions</c>; the keywords
    /// NJsonSchema applies differently from JSON Schema 2020-12 are moved into <c>x-judge</c> (a JSON string) and
    /// applied by <see cref="SpecValidator"/>; an unknown keyword fails, so the judge is never silently weaker than the
    /// document.
    /// </summary>
    private static JsonNode Prepare(JsonNode schema)
    {
        if (schema is not JsonObject obj)
        {
            return schema;
        }

        var judge = new JsonObject();
        foreach (var key in obj.Select(static p => p.Key).ToList())
        {
            if (!Known.Contains(key) && !key.StartsWith("x-", StringComparison.Ordinal))
            {
                throw new NotSupportedException($"The judge does not apply the keyword '{key}'; teach it before relying on it.");
            }
        }

        if (obj["$ref"]?.GetValue<string>() is { } reference)
        {
            Assert.StartsWith(ComponentSchemas, reference, StringComparison.Ordinal);
            obj["$ref"] = "#/definitions/" + reference[ComponentSchemas.Length..];
        }

        // NJsonSchema counts UTF-16 code units and matches .NET regular expressions; JSON Schema counts code points
        // and patterns are ECMA-262. NJsonSchema skips enum (and any other check) on null where the type allows null,
        // and compares enum members by their ToString(). JSON Schema's integer is any number with a zero fractional
        // part (1.0 is one); NJsonSchema wants an integer token. So these move to the judge.
        foreach (var keyword in new[] { "minLength", "maxLength", "pattern", "enum", "const" })
        {
            if (obj[keyword] is { } value)
            {
                judge[keyword] = value.DeepClone();
                obj.Remove(keyword);
            }
        }

        switch (obj["type"])
        {
            case JsonValue single when single.GetValue<string>() == "integer":
                obj["type"] = "number";
                judge["integer"] = true;
                break;
            case JsonArray types when types.Any(static t => t!.GetValue<string>() == "integer") && !types.Any(static t => t!.GetValue<string>() == "number"):
                obj["type"] = new JsonArray([.. types.Select(static t => (JsonNode)JsonValue.Create(t!.GetValue<string>() == "integer" ? "number" : t.GetValue<string>())!)]);
                judge["integer"] = true;
                break;
        }

        foreach (var single in new[] { "items", "not", "additionalProperties" })
        {
            if (obj[single] is JsonObject nested)
            {
                obj[single] = Prepare(nested.DeepClone());
            }
        }

        foreach (var list in new[] { "anyOf", "oneOf", "allOf" })
        {
            if (obj[list] is JsonArray array)
            {
                obj[list] = new JsonArray([.. array.Select(static s => Prepare(s!.DeepClone()))]);
            }
        }

        if (obj["properties"] is JsonObject properties)
        {
            var prepared = new JsonObject();
            foreach (var (name, property) in properties)
            {
                prepared[name] = Prepare(property!.DeepClone());
            }

            obj["properties"] = prepared;
        }

        if (judge.Count > 0)
        {
            obj["x-judge"] = judge.ToJsonString();
        }

        return obj;
    }
}

/// <summary>Judges payloads against one request body schema.</summary>
internal sealed class SchemaJudge(JsonSchema schema)
{
    private readonly SpecValidator _validator = new();

    /// <summary>The root schema with its reference followed (the body's component).</summary>
    public JsonSchema ResolvedSchema => schema.ActualSchema;

    public SchemaVerdict Judge(string payload)
    {
        // The body must be JSON text (RFC 8259, as the server reads it): Newtonsoft, which NJsonSchema parses with, also
        // takes comments, single quotes and trailing commas, so strictness is decided by System.Text.Json first.
        try
        {
            using var strict = JsonDocument.Parse(payload);
        }
        catch (JsonException)
        {
            return new SchemaVerdict(false, [], NotJson: true);
        }

        using var reader = new Newtonsoft.Json.JsonTextReader(new StringReader(payload))
        {
            DateParseHandling = Newtonsoft.Json.DateParseHandling.None,
            FloatParseHandling = Newtonsoft.Json.FloatParseHandling.Double,
        };
        var token = WithoutBigIntegers(JToken.ReadFrom(reader));
        var errors = _validator.Validate(token, schema);
        return new SchemaVerdict(errors.Count == 0, [.. errors], NotJson: false);
    }

    /// <summary>
    /// Newtonsoft reads an integer beyond <see cref="long"/> as a <see cref="BigInteger"/>, which NJsonSchema's number
    /// checks cannot convert (an <see cref="InvalidCastException"/>, not a verdict): such integers become the
    /// <see cref="decimal"/> of the same value (a float token, which the judge still counts as an integer).
    /// </summary>
    private static JToken WithoutBigIntegers(JToken token)
    {
        foreach (var value in (token is JContainer container ? container.DescendantsAndSelf() : [token]).OfType<JValue>().Where(static v => v.Value is BigInteger).ToList())
        {
            var big = (BigInteger)value.Value!;
            var replacement = big >= new BigInteger(decimal.MinValue) && big <= new BigInteger(decimal.MaxValue) ? new JValue((decimal)big) : new JValue((double)big);
            if (ReferenceEquals(value, token))
            {
                return replacement;
            }

            value.Replace(replacement);
        }

        return token;
    }
}

/// <summary>
/// NJsonSchema's validator, applying with JSON Schema 2020-12's meaning the keywords <see cref="ServedDocument"/> moved
/// to <c>x-judge</c>, where NJsonSchema 11.6.2 departs from the specification:
/// <list type="bullet">
/// <item><c>minLength</c>/<c>maxLength</c> count Unicode code points (NJsonSchema counts UTF-16 code units:
/// <c>"😀😀"</c> would be 4 long);</item>
/// <item><c>pattern</c> is an ECMA-262 regular expression (NJsonSchema runs it as a .NET one, where <c>$</c> also
/// matches before a final <c>\n</c> and <c>\s</c>, <c>\d</c>, <c>\w</c>, <c>.</c> have other sets): the pattern is
/// translated to a .NET one with ECMA-262's meaning, see <see cref="EcmaPattern"/>;</item>
/// <item><c>enum</c>/<c>const</c> compare JSON values (NJsonSchema compares <c>ToString()</c>s, and does not enforce
/// <c>const</c> at all) and apply to <c>null</c> too (NJsonSchema skips them when the type allows null:
/// <c>{"type": ["null","string"], "enum": ["a"]}</c> rejects <c>null</c> under 2020-12);</item>
/// <item><c>integer</c> is a number with a zero fractional part (<c>1.0</c> is an integer in 2020-12; NJsonSchema
/// wants an integer token), and OpenAPI's <c>format: int32</c>/<c>int64</c> bound it (NJsonSchema has no validator for
/// these formats).</item>
/// </list>
/// Known limitations left in place (the generators avoid them): NJsonSchema compares numbers as <c>decimal</c>
/// (15 significant digits from a double), and enforces <c>format</c> with its own rules for <c>email</c> (a strict
/// regex), <c>uri</c> (<see cref="Uri.TryCreate(string, UriKind, out Uri)"/>) and <c>byte</c> (length multiple of 4 and
/// <c>[A-Za-z0-9+/]*={0,3}</c>), where the server applies DataAnnotations' rules; JSON Schema 2020-12 makes
/// <c>format</c> an annotation. Integers beyond <see cref="long"/> are handed to it as decimals (see
/// <see cref="SchemaJudge"/>).
/// </summary>
internal sealed class SpecValidator() : JsonSchemaValidator(new JsonSchemaValidatorSettings())
{
    // The settings' constructor: JsonSchemaValidator's parameterless one (params IFormatValidator[]) has no format
    // validator at all in 11.6.2, and would accept "example.org" as a "uri".

    private static readonly ConditionalWeakTable<JsonSchema, Rules> Cache = new();

    protected override ICollection<ValidationError> Validate(JToken token, JsonSchema schema, SchemaType schemaType, string? propertyName, string propertyPath)
    {
        var errors = new List<ValidationError>(base.Validate(token, schema, schemaType, propertyName, propertyPath));
        Apply(token, schema, propertyName, propertyPath, errors);

        // NJsonSchema does not look at a null member at all when the member's type allows null; 2020-12 still applies
        // every other keyword (an enum without null rejects it).
        if (token is JObject obj)
        {
            foreach (var (name, property) in schema.ActualProperties)
            {
                if (obj.TryGetValue(name, StringComparison.Ordinal, out var value) && value.Type == JTokenType.Null && property.IsNullable(schemaType))
                {
                    var path = string.IsNullOrEmpty(propertyPath) ? name : propertyPath + "." + name;
                    errors.AddRange(Validate(value, property.ActualSchema, schemaType, name, path));
                }
            }
        }

        return errors;
    }

    private static void Apply(JToken token, JsonSchema schema, string? propertyName, string propertyPath, List<ValidationError> errors)
    {
        var rules = Cache.GetValue(schema, static s => Rules.Of(s));
        if (rules.IsEmpty && schema.Format is not ("int32" or "int64"))
        {
            return;
        }

        void Fail(ValidationErrorKind kind) => errors.Add(new ValidationError(kind, propertyName, propertyPath, token, schema));

        if (token.Type == JTokenType.String)
        {
            var text = token.Value<string>()!;
            var length = text.EnumerateRunes().Count();
            if (length < rules.MinLength)
            {
                Fail(ValidationErrorKind.StringTooShort);
            }

            if (length > rules.MaxLength)
            {
                Fail(ValidationErrorKind.StringTooLong);
            }

            if (rules.Pattern is { } pattern && !pattern.IsMatch(text))
            {
                Fail(ValidationErrorKind.PatternMismatch);
            }
        }

        if (rules.Enum is { } members && !members.Any(m => JsonEquals(m, token)))
        {
            Fail(ValidationErrorKind.NotInEnumeration);
        }

        if (token.Type is JTokenType.Integer or JTokenType.Float)
        {
            var integral = token.Type == JTokenType.Integer || (token.Value<double>() is var d && double.IsFinite(d) && Math.Floor(d) == d);
            if (rules.Integer && !integral)
            {
                Fail(ValidationErrorKind.IntegerExpected);
            }

            if (integral && schema.Format is "int32" or "int64")
            {
                var value = token.Type == JTokenType.Integer
                    ? BigInteger.Parse(token.ToString(Newtonsoft.Json.Formatting.None), CultureInfo.InvariantCulture)
                    : new BigInteger(token.Value<double>());
                var min = schema.Format == "int32" ? new BigInteger(int.MinValue) : new BigInteger(long.MinValue);
                var max = schema.Format == "int32" ? new BigInteger(int.MaxValue) : new BigInteger(long.MaxValue);
                if (value < min)
                {
                    Fail(ValidationErrorKind.NumberTooSmall);
                }
                else if (value > max)
                {
                    Fail(ValidationErrorKind.NumberTooBig);
                }
            }
        }
    }

    /// <summary>JSON equality: numbers by value, objects regardless of member order.</summary>
    private static bool JsonEquals(JsonNode? expected, JToken actual)
        => JsonNode.DeepEquals(expected, JsonNode.Parse(actual.ToString(Newtonsoft.Json.Formatting.None)));

    private sealed record Rules(int? MinLength, int? MaxLength, Regex? Pattern, IReadOnlyList<JsonNode?>? Enum, bool Integer)
    {
        public bool IsEmpty => MinLength is null && MaxLength is null && Pattern is null && Enum is null && !Integer;

        public static Rules Of(JsonSchema schema)
        {
            if (schema.ExtensionData?.TryGetValue("x-judge", out var raw) != true || raw is not string text)
            {
                return new Rules(null, null, null, null, false);
            }

            var judge = JsonNode.Parse(text)!.AsObject();
            List<JsonNode?>? members = judge.ContainsKey("enum") ? [.. judge["enum"]!.AsArray().Select(static m => m?.DeepClone())] : null;
            if (judge.ContainsKey("const"))
            {
                // An enum of one; with an enum beside it, both must hold.
                var constant = judge["const"]?.DeepClone();
                members = members is null ? [constant] : [.. members.Where(m => JsonNode.DeepEquals(m, constant))];
            }

            return new Rules(
                judge["minLength"]?.GetValue<int>(),
                judge["maxLength"]?.GetValue<int>(),
                judge["pattern"]?.GetValue<string>() is { } pattern ? EcmaPattern.ToRegex(pattern) : null,
                members,
                judge["integer"]?.GetValue<bool>() ?? false);
        }
    }
}

/// <summary>
/// Translates an ECMA-262 pattern (as JSON Schema defines <c>pattern</c>) to a .NET regular expression with the same
/// meaning, for the constructs whose meaning differs: <c>$</c> (end of input only: .NET's <c>$</c> also matches before
/// a final <c>\n</c>), <c>.</c> (no line terminator), <c>\d</c>/<c>\w</c> (ASCII) and <c>\s</c>/<c>\S</c> (ECMA-262's
/// WhiteSpace and LineTerminator: it has U+FEFF and lacks U+0085, which .NET has). Constructs the translation does
/// not handle throw rather than being judged with another meaning.
/// </summary>
internal static class EcmaPattern
{
    private const string Space = @"\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff";

    public static Regex ToRegex(string pattern) => new(Translate(pattern), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    public static string Translate(string pattern)
    {
        var text = new StringBuilder();
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\')
            {
                if (i + 1 == pattern.Length)
                {
                    throw new NotSupportedException($"Pattern '{pattern}' ends with a backslash.");
                }

                var escaped = pattern[++i];
                text.Append(escaped switch
                {
                    'd' => inClass ? "0-9" : "[0-9]",
                    'w' => inClass ? "A-Za-z0-9_" : "[A-Za-z0-9_]",
                    's' => inClass ? Space : "[" + Space + "]",
                    'D' when !inClass => "[^0-9]",
                    'W' when !inClass => "[^A-Za-z0-9_]",
                    'S' when !inClass => "[^" + Space + "]",
                    'D' or 'W' or 'S' or 'b' or 'B' or 'A' or 'z' or 'Z' or 'G' or 'p' or 'P' or 'k'
                        => throw new NotSupportedException($"Pattern '{pattern}': the judge does not translate '\\{escaped}'."),
                    _ => "\\" + escaped,
                });
            }
            else if (inClass)
            {
                inClass = c != ']';
                text.Append(c);
            }
            else if (c == '[')
            {
                inClass = true;
                text.Append(c);
                if (i + 1 < pattern.Length && pattern[i + 1] == '^')
                {
                    text.Append('^');
                    i++;
                }

                if (i + 1 < pattern.Length && pattern[i + 1] == ']')
                {
                    throw new NotSupportedException($"Pattern '{pattern}': an empty class means another thing in .NET.");
                }
            }
            else
            {
                text.Append(c switch
                {
                    '$' => @"\z",
                    '.' => @"[^\n\r\u2028\u2029]",
                    _ => c.ToString(),
                });
            }
        }

        return text.ToString();
    }
}
