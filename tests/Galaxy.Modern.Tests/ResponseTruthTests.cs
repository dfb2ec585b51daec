using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NJsonSchema;
using NJsonSchema.Validation;

namespace Galaxy.Modern.Tests;

/// <summary>
/// The served document tells the truth about responses: every body the sample returns in a realistic session, success
/// or error, validates against the schema the document gives for that operation and status (an exact status key, else
/// its <c>4XX</c>/<c>5XX</c> range, else <c>default</c>), with an independent validator (NJsonSchema) resolving the
/// document's <c>$ref</c>s to <c>#/components/...</c>.
/// </summary>
public sealed class ResponseTruthTests(ModernHost host) : IClassFixture<ModernHost>
{
    private static readonly string MissingHistory = new Galaxy.Api.Toolkit.Ids.GalaxyIdEncoder(Galaxy.Api.Toolkit.Ids.GalaxyIdEncoder.DefaultSecret).Encode(987_654_321);

    /// <summary>One call of the session: the documented operation it exercises and what it must answer.</summary>
    private sealed record Call(string Label, HttpMethod Method, string Template, string Path, int Status, int? ErrCode = null, string? Json = null, string ContentType = "application/json", string? ApiKey = ModernHost.AdminApiKey, string[]? MayOmit = null);

    /// <summary>Galaxy writes only the keys a client selects (<c>keys=</c>): any documented member may be left out.</summary>
    private static readonly string[] SelectedKeysOnly = ["*"];

    /// <summary>Galaxy writes a user's quota members only when quotas are enabled (the sample has none), though its schema requires them.</summary>
    private static readonly string[] QuotasDisabled = ["quota", "quota_bytes"];

    [Fact]
    public async Task Every_response_of_a_realistic_session_matches_the_documented_schema()
    {
        var document = await ServedDocumentAsync();
        var report = new StringBuilder();
        var checkedBodies = 0;

        async Task<JsonElement> CheckAsync(Call call)
        {
            var (status, mediaType, text) = await SendAsync(call);
            Assert.True(call.Status == status, $"{call.Label}: expected {call.Status}, got {status}: {text}");
            using var body = JsonDocument.Parse(text);
            if (call.ErrCode is { } code)
            {
                Assert.True(body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("err_code", out var actual) && actual.GetInt32() == code, $"{call.Label}: expected err_code {code}: {text}");
            }

            var (documentedMediaTypes, schema, responseKey) = await document.ResponseSchemaAsync(call.Method, call.Template, call.Status);
            if (!documentedMediaTypes.Contains(mediaType ?? string.Empty, StringComparer.OrdinalIgnoreCase))
            {
                report.AppendLine(FormattableString.Invariant($"{call.Label}: content type {mediaType} is not documented for {call.Method} {call.Template} {responseKey} ({string.Join(", ", documentedMediaTypes)})"));
            }

            var errors = schema.Validate(text)
                .Where(error => !(error.Kind == NJsonSchema.Validation.ValidationErrorKind.PropertyRequired && call.MayOmit is { } omitted
                    && (omitted.Contains("*") || omitted.Contains(error.Property))))
                .ToList();
            if (errors.Count > 0)
            {
                report.AppendLine(FormattableString.Invariant($"{call.Label}: {call.Method} {call.Path} -> {call.Status}, documented as {call.Template} responses/{responseKey}, {errors.Count} violation(s):"));
                report.AppendLine(Describe(errors, "    "));
                report.AppendLine("    body: " + text);
            }

            checkedBodies++;
            return body.RootElement.Clone();
        }

        // Successes.
        await CheckAsync(new("version (anonymous)", HttpMethod.Get, "/api/version", "/api/version", 200, ApiKey: null));
        await CheckAsync(new("version (admin)", HttpMethod.Get, "/api/version", "/api/version", 200));
        var created = await CheckAsync(new("create via JSON", HttpMethod.Post, "/api/histories", "/api/histories", 200, Json: """{"name": "Truth history"}"""));
        await CheckAsync(new("create with defaults", HttpMethod.Post, "/api/histories", "/api/histories", 200, Json: "{}"));
        await CheckAsync(new("create with null name", HttpMethod.Post, "/api/histories", "/api/histories", 200, Json: """{"name": null}"""));
        var id = created.GetProperty("id").GetString()!;
        await CheckAsync(new("show", HttpMethod.Get, "/api/histories/{history_id}", $"/api/histories/{id}", 200));
        await CheckAsync(new("show with keys", HttpMethod.Get, "/api/histories/{history_id}", $"/api/histories/{id}?keys=id,name", 200, MayOmit: SelectedKeysOnly));
        var all = await CheckAsync(new("list", HttpMethod.Get, "/api/histories", "/api/histories", 200));
        Assert.True(all.GetArrayLength() >= 3, "The list should hold the histories just created, so that its items are validated.");
        await CheckAsync(new("list in the detailed view", HttpMethod.Get, "/api/histories", "/api/histories?view=detailed", 200));
        await CheckAsync(new("list with limit", HttpMethod.Get, "/api/histories", "/api/histories?limit=1", 200));
        await CheckAsync(new("list with limit and offset", HttpMethod.Get, "/api/histories", "/api/histories?limit=2&offset=1", 200));
        await CheckAsync(new("list not deleted (Galaxy's False)", HttpMethod.Get, "/api/histories", "/api/histories?deleted=False&limit=100", 200));
        await CheckAsync(new("list deleted", HttpMethod.Get, "/api/histories", "/api/histories?deleted=true", 200));

        // Errors: each is documented by the 4XX range, which is Galaxy's error body.
        await CheckAsync(new("unknown history", HttpMethod.Get, "/api/histories/{history_id}", $"/api/histories/{MissingHistory}", 404, 404001));
        await CheckAsync(new("create without a body", HttpMethod.Post, "/api/histories", "/api/histories", 200, Json: ""));
        await CheckAsync(new("update without a body", HttpMethod.Put, "/api/histories/{history_id}", $"/api/histories/{id}", 400, 400007, Json: ""));
        await CheckAsync(new("update with a null body", HttpMethod.Put, "/api/histories/{history_id}", $"/api/histories/{id}", 400, 400007, Json: "null"));
        await CheckAsync(new("update", HttpMethod.Put, "/api/histories/{history_id}", $"/api/histories/{id}", 200, Json: """{"annotation": "checked", "tags": ["a", "name:b"]}"""));
        await CheckAsync(new("current user", HttpMethod.Get, "/api/users/{user_id}", "/api/users/current", 200, MayOmit: QuotasDisabled));
        await CheckAsync(new("delete", HttpMethod.Delete, "/api/histories/{history_id}", $"/api/histories/{id}", 200, Json: """{"purge": false}"""));
        await CheckAsync(new("unparsable query value", HttpMethod.Get, "/api/histories", "/api/histories?limit=ten", 400, 400008));
        await CheckAsync(new("three unparsable query values", HttpMethod.Get, "/api/histories", "/api/histories?limit=x&offset=y&deleted=z", 400, 400008));
        await CheckAsync(new("body member of the wrong type", HttpMethod.Post, "/api/histories", "/api/histories", 400, 400008, Json: """{"name": 42}"""));
        await CheckAsync(new("limit out of range (thrown by the operation)", HttpMethod.Get, "/api/histories", "/api/histories?limit=0", 400, 400008));
        await CheckAsync(new("malformed JSON", HttpMethod.Post, "/api/histories", "/api/histories", 400, 400003, Json: "{bad"));
        await CheckAsync(new("not JSON", HttpMethod.Post, "/api/histories", "/api/histories", 415, 415001, Json: "name=x", ContentType: "text/plain"));
        await CheckAsync(new("invalid key", HttpMethod.Get, "/api/histories", "/api/histories", 401, 401001, ApiKey: "not-a-key"));
        await CheckAsync(new("invalid key on a public operation", HttpMethod.Get, "/api/version", "/api/version", 401, 401001, ApiKey: "not-a-key"));
        await CheckAsync(new("no key", HttpMethod.Get, "/api/histories", "/api/histories", 403, 403001, ApiKey: null));
        await CheckAsync(new("no key on create", HttpMethod.Post, "/api/histories", "/api/histories", 403, 403001, Json: "{}", ApiKey: null));

        Assert.Equal(30, checkedBodies);
        Assert.True(report.Length == 0, "Responses that do not match the served document:\n" + report);
    }

    [Fact]
    public async Task Validation_error_bodies_list_their_failures_as_documented()
    {
        // The 4XX schema's validation_errors items ($ref ValidationError, nested in GalaxyError) are exercised, not
        // just err_msg and err_code.
        var document = await ServedDocumentAsync();
        var (_, schema, key) = await document.ResponseSchemaAsync(HttpMethod.Get, "/api/histories", 400);
        Assert.Equal("4XX", key);

        var (_, _, text) = await SendAsync(new("bad", HttpMethod.Get, "/api/histories", "/api/histories?limit=x&offset=y", 400, 400008));

        using (var body = JsonDocument.Parse(text))
        {
            Assert.Equal(2, body.RootElement.GetProperty("validation_errors").GetArrayLength());
        }

        var errors = schema.Validate(text);
        Assert.True(errors.Count == 0, Describe(errors, "") + "\nbody: " + text);
    }

    /// <summary>A deliberately wrong body is caught by the same schema, so the test above cannot pass vacuously.</summary>
    [Theory]
    [InlineData("history without id", "POST", "/api/histories", 200, ValidationErrorKind.PropertyRequired)]
    [InlineData("history with count as a string", "POST", "/api/histories", 200, ValidationErrorKind.IntegerExpected)]
    [InlineData("history with a state out of the enum", "POST", "/api/histories", 200, ValidationErrorKind.NotInEnumeration)]
    [InlineData("history with a null name", "GET", "/api/histories/{history_id}", 200, ValidationErrorKind.StringExpected)]
    [InlineData("list item without deleted", "GET", "/api/histories", 200, ValidationErrorKind.ArrayItemNotValid)]
    [InlineData("list as an object", "GET", "/api/histories", 200, ValidationErrorKind.ArrayExpected)]
    [InlineData("version without version_minor", "GET", "/api/version", 200, ValidationErrorKind.PropertyRequired)]
    [InlineData("error with err_code as a string", "GET", "/api/histories/{history_id}", 404, ValidationErrorKind.IntegerExpected)]
    [InlineData("error without err_msg", "POST", "/api/histories", 400, ValidationErrorKind.PropertyRequired)]
    [InlineData("validation error without loc", "GET", "/api/histories", 400, ValidationErrorKind.ArrayItemNotValid)]
    [InlineData("validation error with a boolean in loc", "GET", "/api/histories", 400, ValidationErrorKind.ArrayItemNotValid)]
    public async Task A_wrong_body_is_caught(string mutation, string method, string template, int status, ValidationErrorKind expected)
    {
        var document = await ServedDocumentAsync();
        var (_, schema, _) = await document.ResponseSchemaAsync(HttpMethod.Parse(method), template, status);
        var (_, _, history) = await SendAsync(new("create", HttpMethod.Post, "/api/histories", "/api/histories", 200, Json: """{"name": "Wrong"}"""));
        var (_, _, badQuery) = await SendAsync(new("bad", HttpMethod.Get, "/api/histories", "/api/histories?limit=x", 400, 400008));

        var body = mutation switch
        {
            "history without id" => Mutate(history, static o => o.Remove("id")),
            "history with count as a string" => Mutate(history, static o => o["count"] = "1"),
            "history with a state out of the enum" => Mutate(history, static o => o["state"] = "bogus"),
            "history with a null name" => Mutate(history, static o => o["name"] = null),
            "list item without deleted" => "[" + Mutate(history, static o => o.Remove("deleted")) + "]",
            "list as an object" => history,
            "version without version_minor" => """{"version_major": "23.1"}""",
            "error with err_code as a string" => """{"err_msg": "No such object found.", "err_code": "404001"}""",
            "error without err_msg" => """{"err_code": 400007}""",
            "validation error without loc" => Mutate(badQuery, static o => o["validation_errors"]![0]!.AsObject().Remove("loc")),
            "validation error with a boolean in loc" => Mutate(badQuery, static o => o["validation_errors"]![0]!["loc"]![0] = true),
            _ => throw new ArgumentOutOfRangeException(nameof(mutation), mutation, null),
        };

        var errors = schema.Validate(body);

        Assert.True(errors.Count > 0, $"The schema accepted a wrong body ({mutation}): {body}");
        Assert.True(errors.Any(e => e.Kind == expected), $"Expected {expected} for {mutation}, got:\n{Describe(errors, "  ")}");
    }

    [Fact]
    public async Task Every_documented_response_schema_resolves()
    {
        // Every $ref of every response schema resolves (NJsonSchema throws on a dangling one), so the session above
        // validates against the real schemas, not an empty one that accepts anything.
        var document = await ServedDocumentAsync();
        var resolved = 0;
        foreach (var (path, item) in document.Root["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                foreach (var (status, _) in operation!["responses"]!.AsObject())
                {
                    var code = status.EndsWith("XX", StringComparison.Ordinal) ? (status[0] - '0') * 100 + 99 : int.Parse(status, System.Globalization.CultureInfo.InvariantCulture);
                    var (_, schema, key) = await document.ResponseSchemaAsync(HttpMethod.Parse(method), path, code);
                    Assert.Equal(status, key);
                    var actual = schema.ActualSchema;
                    Assert.True(actual.Type != JsonObjectType.None || actual.AnyOf.Count + actual.OneOf.Count + actual.AllOf.Count > 0, $"{method} {path} {status}: the schema resolved to one that accepts anything.");
                    resolved++;
                }
            }
        }

        Assert.True(resolved >= 12, $"Only {resolved} responses are documented.");
    }

    private async Task<ServedDocument> ServedDocumentAsync()
        => new(JsonNode.Parse(await host.Client.GetStringAsync("/api/openapi.json", TestContext.Current.CancellationToken))!.AsObject());

    private async Task<(int Status, string? MediaType, string Text)> SendAsync(Call call)
    {
        using var request = new HttpRequestMessage(call.Method, call.Path)
        {
            Content = new StringContent(call.Json ?? string.Empty, Encoding.UTF8),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(call.ContentType);
        if (call.ApiKey is not null)
        {
            request.Headers.Add("x-api-key", call.ApiKey);
        }

        // The anonymous client: the key, if any, is the call's own.
        using var response = await host.Anonymous.SendAsync(request, TestContext.Current.CancellationToken);
        return ((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    private static string Mutate(string json, Action<JsonObject> change)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        change(node);
        return node.ToJsonString();
    }

    private static string Describe(IEnumerable<ValidationError> errors, string indent)
    {
        var text = new StringBuilder();
        foreach (var error in errors)
        {
            text.Append(indent).Append(error.Kind).Append(" at '").Append(error.Path).Append("' (property ").Append(error.Property ?? "-").Append(')').AppendLine();
            if (error is ChildSchemaValidationError child)
            {
                foreach (var nested in child.Errors.Values)
                {
                    text.Append(Describe(nested, indent + "  "));
                }
            }
            else if (error is MultiTypeValidationError multi)
            {
                foreach (var nested in multi.Errors.Values)
                {
                    text.Append(Describe(nested, indent + "  "));
                }
            }
        }

        return text.ToString().TrimEnd();
    }

    /// <summary>Resolves OpenAPI's <c>#/components/schemas/X</c> to the root schema's definition <c>X</c>; any other pointer as NJsonSchema does.</summary>
    private sealed class ComponentsResolver(JsonSchema root) : JsonReferenceResolver(new JsonSchemaAppender(root, new DefaultTypeNameGenerator()))
    {
        private const string ComponentSchemas = "#/components/schemas/";

        public override NJsonSchema.References.IJsonReference ResolveDocumentReference(object rootObject, string jsonPath, Type targetType, Newtonsoft.Json.Serialization.IContractResolver contractResolver)
            => base.ResolveDocumentReference(
                rootObject,
                jsonPath.StartsWith(ComponentSchemas, StringComparison.Ordinal) ? "#/definitions/" + jsonPath[ComponentSchemas.Length..] : jsonPath,
                targetType,
                contractResolver);
    }

    /// <summary>The served OpenAPI document, and the JSON Schema of each response it documents.</summary>
    private sealed class ServedDocument(JsonObject root)
    {
        private readonly Dictionary<string, JsonSchema> _schemas = [];

        public JsonObject Root => root;

        /// <summary>
        /// The documented media types and the schema of the response of <paramref name="method"/> <paramref name="template"/>
        /// with <paramref name="status"/>: the exact status key first, then its range (<c>4XX</c>), then <c>default</c>, as
        /// OpenAPI specifies; a response object that is a <c>$ref</c> is followed.
        /// </summary>
        public async Task<(IReadOnlyList<string> MediaTypes, JsonSchema Schema, string Key)> ResponseSchemaAsync(HttpMethod method, string template, int status)
        {
            var operation = root["paths"]?[template]?[method.Method.ToLowerInvariant()]
                ?? throw new InvalidOperationException($"The document has no operation {method} {template}.");
            var responses = operation["responses"]!.AsObject();
            var exact = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var key = new[] { exact, $"{status / 100}XX", "default" }.FirstOrDefault(responses.ContainsKey)
                ?? throw new InvalidOperationException($"{method} {template} documents no response for {status} (keys: {string.Join(", ", responses.Select(static r => r.Key))}).");
            var response = responses[key]!;
            while (response["$ref"]?.GetValue<string>() is { } reference)
            {
                response = Pointer(reference);
            }

            var content = response["content"]?.AsObject()
                ?? throw new InvalidOperationException($"{method} {template} {key} documents no content.");
            var media = content.Select(static c => c.Key).ToList();
            var schemaNode = content["application/json"]?["schema"]
                ?? throw new InvalidOperationException($"{method} {template} {key} documents no application/json schema.");

            var cacheKey = $"{method} {template} {key}";
            if (!_schemas.TryGetValue(cacheKey, out var schema))
            {
                // The response's schema, unchanged (its $refs stay "#/components/schemas/X"), with the document's
                // components.schemas beside it as the root's definitions; ComponentsResolver resolves each OpenAPI
                // component pointer to its definition, so that refs nested in components resolve too (NJsonSchema
                // does not resolve refs inside a "components" object it does not know).
                var wrapper = schemaNode.DeepClone().AsObject();
                Assert.False(wrapper.ContainsKey("definitions"), $"{cacheKey}: the response schema has its own definitions.");
                wrapper["definitions"] = root["components"]!["schemas"]!.DeepClone();
                schema = await JsonSchema.FromJsonAsync(wrapper.ToJsonString(), documentPath: null, static root => new ComponentsResolver(root), TestContext.Current.CancellationToken);
                _schemas[cacheKey] = schema;
            }

            return (media, schema, key);
        }

        private JsonNode Pointer(string reference)
        {
            Assert.StartsWith("#/", reference, StringComparison.Ordinal);
            JsonNode node = root;
            foreach (var segment in reference[2..].Split('/'))
            {
                node = node[segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)]
                    ?? throw new InvalidOperationException($"{reference} does not resolve.");
            }

            return node;
        }
    }
}
