using System.Globalization;
using System.Text.Json.Nodes;
using Galaxy.Api.Toolkit.Migration.Catalog;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;
using SchemaError = NJsonSchema.Validation.ValidationError;

namespace Galaxy.Api.Toolkit.Migration.Validation;

/// <summary>
/// Validates requests to one legacy operation against the manifest's schemas (NJsonSchema): path, query and header
/// parameters (converted from text by their schema's type, as FastAPI does) and a JSON body. Failures are written as
/// Galaxy's 400 (400007 when every failure is a missing value, else 400008) with <c>validation_errors</c>, as modern
/// routes write them. A body that is not JSON (a form, an upload) or larger than the limit is forwarded unchecked.
/// </summary>
internal sealed class LegacyRequestValidator : ILegacyOperationValidator
{
    private const string ComponentSchemas = "#/components/schemas/";

    private readonly LegacyOperation _operation;
    private readonly IReadOnlyList<ParameterCheck> _parameters;
    private readonly JsonSchema? _body;
    private readonly bool _bodyRequired;
    private readonly long _maxBodyBytes;
    private readonly MigrationMetrics _metrics;

    private LegacyRequestValidator(LegacyOperation operation, IReadOnlyList<ParameterCheck> parameters, JsonSchema? body, bool bodyRequired, long maxBodyBytes, MigrationMetrics metrics)
    {
        _operation = operation;
        _parameters = parameters;
        _body = body;
        _bodyRequired = bodyRequired;
        _maxBodyBytes = maxBodyBytes;
        _metrics = metrics;
    }

    /// <summary>Builds the validator of <paramref name="operation"/>; null when its manifest entry has nothing to check.</summary>
    public static LegacyRequestValidator? Create(LegacyOperation operation, JsonObject? components, long maxBodyBytes, MigrationMetrics metrics)
    {
        var resolver = new SchemaSource(components);
        var parameters = new List<ParameterCheck>();
        foreach (var node in operation.Operation?["parameters"] as JsonArray ?? [])
        {
            if (resolver.Resolve(node, "parameters") is not JsonObject parameter
                || (string?)parameter["name"] is not { } name || (string?)parameter["in"] is not { } location
                || location is not ("path" or "query" or "header"))
            {
                continue;
            }

            var schemaNode = parameter["schema"] as JsonObject;
            parameters.Add(new ParameterCheck(
                name,
                location,
                (bool?)parameter["required"] == true || location == "path",
                (bool?)parameter["explode"] is false,
                schemaNode is null ? null : resolver.Load(schemaNode),
                schemaNode is null ? "string" : resolver.PrimaryType(schemaNode),
                schemaNode is null ? "string" : resolver.ItemType(schemaNode)));
        }

        JsonSchema? body = null;
        var bodyRequired = false;
        if (resolver.Resolve(operation.Operation?["requestBody"], "requestBodies") is JsonObject requestBody
            && requestBody["content"] is JsonObject content
            && content.FirstOrDefault(static c => IsJson(c.Key)).Value?["schema"] is JsonObject bodySchema)
        {
            body = resolver.Load(bodySchema);
            bodyRequired = (bool?)requestBody["required"] == true;
        }

        return parameters.Count == 0 && body is null ? null : new LegacyRequestValidator(operation, parameters, body, bodyRequired, maxBodyBytes, metrics);
    }

    /// <summary>True when the request may be forwarded; else Galaxy's 400 has been written.</summary>
    public async ValueTask<bool> ValidateAsync(HttpContext context, LegacyOperation operation)
    {
        RequestValidationErrors? errors = null;
        foreach (var parameter in _parameters)
        {
            parameter.Check(context, ref errors);
        }

        if (_body is not null)
        {
            try
            {
                errors = await CheckBodyAsync(context, errors).ConfigureAwait(false);
            }
            catch (GalaxyApiException exception)
            {
                // Written here, so that a host without the toolkit's error middleware answers the same.
                _metrics.ValidationFailed(_operation.Template, _operation.Method);
                await GalaxyErrorResponse.WriteAsync(context, exception).ConfigureAwait(false);
                return false;
            }
        }

        if (errors is null)
        {
            return true;
        }

        _metrics.ValidationFailed(_operation.Template, _operation.Method);
        await errors.WriteAsync(context).ConfigureAwait(false);
        return false;
    }

    private async Task<RequestValidationErrors?> CheckBodyAsync(HttpContext context, RequestValidationErrors? errors)
    {
        var request = context.Request;
        var hasBody = request.ContentLength is > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);
        if (!hasBody)
        {
            if (_bodyRequired)
            {
                RequestValidationErrors.Add(ref errors, new Galaxy.Api.Toolkit.ValidationError(["body"], "Field required", Galaxy.Api.Toolkit.ValidationError.MissingType));
            }

            return errors;
        }

        // Forms, uploads and other media types are the legacy side's business; so is a body beyond the limit.
        if (!IsJson(request.ContentType) || request.ContentLength > _maxBodyBytes)
        {
            return errors;
        }

        request.EnableBuffering(bufferThreshold: 64 * 1024);
        var text = await ReadUpToAsync(request.Body, _maxBodyBytes, context.RequestAborted).ConfigureAwait(false);
        request.Body.Position = 0;
        if (text is null)
        {
            return errors;
        }

        JToken token;
        try
        {
            // Strict JSON first (the reader below would accept comments and single quotes), then a token that keeps dates as text.
            using (System.Text.Json.JsonDocument.Parse(text))
            {
            }

            using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Decimal };
            token = JToken.ReadFrom(reader);
        }
        catch (Exception exception) when (exception is System.Text.Json.JsonException or JsonReaderException)
        {
            throw new GalaxyApiException(GalaxyErrorCodes.UserInvalidJson);
        }

        // The schema validator cannot compare integers beyond 64 bits: they are refused here, at their location.
        if (!NarrowIntegers(token, ["body"], ref errors))
        {
            return errors;
        }

        foreach (var error in Leaves(_body!.Validate(token)))
        {
            RequestValidationErrors.Add(ref errors, Translate(error, "body"));
        }

        return errors;
    }

    /// <summary>The body as text, or null when it is longer than <paramref name="limit"/>.</summary>
    private static async Task<string?> ReadUpToAsync(Stream body, long limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static bool IsJson(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return false;
        }

        var mediaType = contentType.Split(';', 2)[0].Trim();
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The errors that say what is wrong: children of anyOf/oneOf/type-array wrappers, without "null expected" noise.</summary>
    private const string OutOfRange = "Input should be an integer between -9223372036854775808 and 9223372036854775807";

    /// <summary>An integer as a value the schema validator compares (64 bits); null beyond, which it cannot compare.</summary>
    private static JValue? Narrow(System.Numerics.BigInteger integer)
        => integer >= long.MinValue && integer <= long.MaxValue ? new JValue((long)integer) : null;

    /// <summary>
    /// Finds the integers of a JSON value beyond 64 bits (read as BigInteger, which the schema validator cannot compare:
    /// it would throw), records each at its location and returns false when there were any.
    /// </summary>
    private static bool NarrowIntegers(JToken token, List<object> location, ref RequestValidationErrors? errors)
    {
        switch (token)
        {
            case JValue { Value: System.Numerics.BigInteger }:
                RequestValidationErrors.Add(ref errors, new Galaxy.Api.Toolkit.ValidationError([.. location], OutOfRange, "int_parsing"));
                return false;
            case JObject members:
            {
                var fine = true;
                foreach (var member in members.Properties())
                {
                    location.Add(member.Name);
                    fine &= NarrowIntegers(member.Value, location, ref errors);
                    location.RemoveAt(location.Count - 1);
                }

                return fine;
            }

            case JArray items:
            {
                var fine = true;
                for (var i = 0; i < items.Count; i++)
                {
                    location.Add(i);
                    fine &= NarrowIntegers(items[i], location, ref errors);
                    location.RemoveAt(location.Count - 1);
                }

                return fine;
            }

            default:
                return true;
        }
    }

    internal static IEnumerable<SchemaError> Leaves(IEnumerable<SchemaError> errors)
    {
        foreach (var error in errors)
        {
            var children = error switch
            {
                ChildSchemaValidationError child => child.Errors.Values.SelectMany(static e => e).ToList(),
                MultiTypeValidationError multi => multi.Errors.Values.SelectMany(static e => e).ToList(),
                _ => [],
            };
            var meaningful = children.Where(static c => c.Kind != ValidationErrorKind.NullExpected).ToList();
            if (meaningful.Count == 0)
            {
                yield return error;
                continue;
            }

            // Of the alternatives, the first one's reasons (anyOf [X, null]: X's).
            foreach (var leaf in Leaves(meaningful.Take(1).Concat(meaningful.Skip(1).Where(c => c.Path == meaningful[0].Path && c.Schema == meaningful[0].Schema))))
            {
                yield return leaf;
            }
        }
    }

    /// <summary>One NJsonSchema error as Galaxy's <c>{loc, msg, type}</c> (the messages and types FastAPI gives).</summary>
    internal static Galaxy.Api.Toolkit.ValidationError Translate(SchemaError error, params object[] prefix)
    {
        var location = new List<object>(prefix);
        // NJsonSchema writes paths as "#/tags[0]/name" (indices in brackets) or "#/0".
        foreach (var segment in (error.Path ?? string.Empty).TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var bracket = segment.IndexOf('[', StringComparison.Ordinal);
            var name = bracket < 0 ? segment : segment[..bracket];
            if (name.Length > 0)
            {
                location.Add(int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : Uri.UnescapeDataString(name));
            }

            for (var rest = bracket < 0 ? string.Empty : segment[bracket..]; rest.StartsWith('[');)
            {
                var close = rest.IndexOf(']', StringComparison.Ordinal);
                if (close < 0 || !int.TryParse(rest[1..close], NumberStyles.None, CultureInfo.InvariantCulture, out var item))
                {
                    break;
                }

                location.Add(item);
                rest = rest[(close + 1)..];
            }
        }

        if (error.Kind == ValidationErrorKind.PropertyRequired && error.Property is { } property && (location.Count == prefix.Length || !Equals(location[^1], property)))
        {
            location.Add(property);
        }

        var schema = error.Schema;
        var (message, type) = error.Kind switch
        {
            ValidationErrorKind.PropertyRequired => ("Field required", Galaxy.Api.Toolkit.ValidationError.MissingType),
            ValidationErrorKind.StringExpected => ("Input should be a valid string", "string_type"),
            ValidationErrorKind.IntegerExpected => ("Input should be a valid integer", "int_type"),
            ValidationErrorKind.NumberExpected => ("Input should be a valid number", "float_type"),
            ValidationErrorKind.BooleanExpected => ("Input should be a valid boolean", "bool_type"),
            ValidationErrorKind.ObjectExpected => ("Input should be a valid dictionary", "dict_type"),
            ValidationErrorKind.ArrayExpected => ("Input should be a valid list", "list_type"),
            ValidationErrorKind.NullExpected => ("Input should be None", "none_required"),
            ValidationErrorKind.StringTooShort => ($"String should have at least {schema?.MinLength} characters", "string_too_short"),
            ValidationErrorKind.StringTooLong => ($"String should have at most {schema?.MaxLength} characters", "string_too_long"),
            ValidationErrorKind.PatternMismatch => ($"String should match pattern '{schema?.Pattern}'", "string_pattern_mismatch"),
            ValidationErrorKind.NumberTooSmall => (Bound("greater than", schema?.ExclusiveMinimum, schema?.Minimum, schema?.IsExclusiveMinimum), "greater_than_equal"),
            ValidationErrorKind.NumberTooBig or ValidationErrorKind.IntegerTooBig => (Bound("less than", schema?.ExclusiveMaximum, schema?.Maximum, schema?.IsExclusiveMaximum), "less_than_equal"),
            ValidationErrorKind.NotInEnumeration => ("Input should be " + string.Join(", ", schema?.Enumeration.Select(static e => $"'{e}'") ?? []), "enum"),
            ValidationErrorKind.TooFewItems => ($"List should have at least {schema?.MinItems} items", "too_short"),
            ValidationErrorKind.TooManyItems => ($"List should have at most {schema?.MaxItems} items", "too_long"),
            ValidationErrorKind.NoAdditionalPropertiesAllowed => ("Extra inputs are not permitted", "extra_forbidden"),
            ValidationErrorKind.DateTimeExpected => ("Input should be a valid datetime", "datetime_parsing"),
            ValidationErrorKind.DateExpected => ("Input should be a valid date", "date_parsing"),
            ValidationErrorKind.EmailExpected => ("value is not a valid email address", "value_error"),
            ValidationErrorKind.UriExpected => ("Input should be a valid URL", "url_parsing"),
            ValidationErrorKind.GuidExpected => ("Input should be a valid UUID", "uuid_parsing"),
            _ => ("Input does not match the schema of this field (" + error.Kind + ")", "value_error"),
        };
        return new Galaxy.Api.Toolkit.ValidationError(location, message, type);
    }

    private static string Bound(string relation, decimal? exclusive, decimal? inclusive, bool? legacyExclusive)
    {
        if (exclusive is { } bound)
        {
            return $"Input should be {relation} {bound.ToString(CultureInfo.InvariantCulture)}";
        }

        return legacyExclusive == true
            ? $"Input should be {relation} {inclusive?.ToString(CultureInfo.InvariantCulture)}"
            : $"Input should be {relation} or equal to {inclusive?.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>One parameter: where it comes from, whether it must be there, and the schema its converted value must meet.</summary>
    private sealed class ParameterCheck(string name, string location, bool required, bool commaSeparated, JsonSchema? schema, string type, string itemType)
    {
        public void Check(HttpContext context, ref RequestValidationErrors? errors)
        {
            var values = location switch
            {
                "path" => context.Request.RouteValues.TryGetValue(name, out var routeValue) && routeValue is string text ? new Microsoft.Extensions.Primitives.StringValues(text) : default,
                "header" => context.Request.Headers[name],
                _ => context.Request.Query[name],
            };
            if (values.Count == 0)
            {
                if (required)
                {
                    RequestValidationErrors.Add(ref errors, new Galaxy.Api.Toolkit.ValidationError([location, name], "Field required", Galaxy.Api.Toolkit.ValidationError.MissingType));
                }

                return;
            }

            JToken token;
            if (type == "array")
            {
                var items = commaSeparated ? values.SelectMany(static v => (v ?? string.Empty).Split(',')) : values.Select(static v => v ?? string.Empty);
                var array = new JArray();
                var index = 0;
                foreach (var item in items)
                {
                    if (!TryConvert(item, itemType, out var converted, out var failure))
                    {
                        RequestValidationErrors.Add(ref errors, new Galaxy.Api.Toolkit.ValidationError([location, name, index], failure.Message, failure.Type));
                        return;
                    }

                    array.Add(converted);
                    index++;
                }

                token = array;
            }
            else if (!TryConvert(values[^1] ?? string.Empty, type, out token, out var failure))
            {
                RequestValidationErrors.Add(ref errors, new Galaxy.Api.Toolkit.ValidationError([location, name], failure.Message, failure.Type));
                return;
            }

            if (schema is null)
            {
                return;
            }

            foreach (var error in Leaves(schema.Validate(token)))
            {
                RequestValidationErrors.Add(ref errors, Translate(error, location, name));
            }
        }

        private static bool TryConvert(string text, string type, out JToken token, out (string Message, string Type) failure)
        {
            failure = default;
            switch (type)
            {
                case "integer":
                    if (System.Numerics.BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
                    {
                        if (Narrow(integer) is { } narrowed)
                        {
                            token = narrowed;
                            return true;
                        }

                        failure = (OutOfRange, "int_parsing");
                        break;
                    }

                    failure = ("Input should be a valid integer, unable to parse string as an integer", "int_parsing");
                    break;
                case "number":
                    if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                    {
                        token = new JValue(number);
                        return true;
                    }

                    failure = ("Input should be a valid number, unable to parse string as a number", "float_parsing");
                    break;
                case "boolean":
                    switch (text.ToUpperInvariant())
                    {
                        case "TRUE" or "1" or "YES" or "ON" or "T" or "Y":
                            token = new JValue(true);
                            return true;
                        case "FALSE" or "0" or "NO" or "OFF" or "F" or "N":
                            token = new JValue(false);
                            return true;
                    }

                    failure = ("Input should be a valid boolean, unable to interpret input", "bool_parsing");
                    break;
                default:
                    token = new JValue(text);
                    return true;
            }

            token = JValue.CreateNull();
            return false;
        }
    }

    /// <summary>Turns schemas of the served document into NJsonSchema schemas: components become <c>definitions</c>.</summary>
    private sealed class SchemaSource(JsonObject? components)
    {
        public JsonNode? Resolve(JsonNode? node, string kind)
        {
            for (var depth = 0; depth < 16 && node is JsonObject obj && (string?)obj["$ref"] is { } reference; depth++)
            {
                var prefix = "#/components/" + kind + "/";
                node = reference.StartsWith(prefix, StringComparison.Ordinal) ? components?[kind]?[reference[prefix.Length..]] : null;
            }

            return node;
        }

        /// <summary>The JSON type values of the schema are converted to, following refs and skipping <c>null</c> alternatives.</summary>
        public string PrimaryType(JsonObject schema)
        {
            var resolved = Resolve(schema, "schemas") as JsonObject ?? schema;
            switch (resolved["type"])
            {
                case JsonValue value when (string?)value is { } type:
                    return type;
                case JsonArray types:
                    return types.Select(static t => (string?)t).FirstOrDefault(static t => t is not null and not "null") ?? "string";
            }

            foreach (var keyword in new[] { "anyOf", "oneOf", "allOf" })
            {
                if (resolved[keyword] is JsonArray alternatives)
                {
                    foreach (var alternative in alternatives.OfType<JsonObject>())
                    {
                        var type = PrimaryType(alternative);
                        if (type != "null")
                        {
                            return type;
                        }
                    }
                }
            }

            return "string";
        }

        public string ItemType(JsonObject schema)
        {
            var resolved = Resolve(schema, "schemas") as JsonObject ?? schema;
            if (resolved["items"] is JsonObject items)
            {
                return PrimaryType(items);
            }

            foreach (var alternative in (resolved["anyOf"] as JsonArray ?? resolved["oneOf"] as JsonArray ?? []).OfType<JsonObject>())
            {
                if (PrimaryType(alternative) == "array")
                {
                    return ItemType(alternative);
                }
            }

            return "string";
        }

        /// <summary>Loads <paramref name="schema"/> with the components it reaches as definitions.</summary>
        public JsonSchema Load(JsonObject schema)
        {
            var root = (JsonObject)Rewrite(schema);
            var definitions = new JsonObject();
            var pending = new Stack<string>(References(schema));
            while (pending.TryPop(out var name))
            {
                if (definitions.ContainsKey(name) || components?["schemas"]?[name] is not JsonObject component)
                {
                    continue;
                }

                definitions[name] = Rewrite(component);
                foreach (var reference in References(component))
                {
                    pending.Push(reference);
                }
            }

            if (definitions.Count > 0)
            {
                root["definitions"] = definitions;
            }

            return JsonSchema.FromJsonAsync(root.ToJsonString()).GetAwaiter().GetResult();
        }

        private static JsonNode Rewrite(JsonNode node) => node switch
        {
            JsonObject obj => new JsonObject(obj.Select(static p => new KeyValuePair<string, JsonNode?>(
                p.Key,
                p.Key == "$ref" && (string?)p.Value is { } reference && reference.StartsWith(ComponentSchemas, StringComparison.Ordinal)
                    ? JsonValue.Create("#/definitions/" + reference[ComponentSchemas.Length..])
                    : p.Value is null ? null : Rewrite(p.Value)))),
            JsonArray array => new JsonArray([.. array.Select(static i => i is null ? null : Rewrite(i))]),
            _ => node.DeepClone(),
        };

        private static IEnumerable<string> References(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (key, value) in obj)
                    {
                        if (key == "$ref" && (string?)value is { } reference && reference.StartsWith(ComponentSchemas, StringComparison.Ordinal))
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
    }
}
