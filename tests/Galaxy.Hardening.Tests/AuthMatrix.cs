using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Galaxy.Api.Toolkit;
using Galaxy.Api.Toolkit.Authentication;
using Galaxy.Api.Toolkit.Hosting;
using Galaxy.Api.Toolkit.Migration.Routing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Galaxy.Hardening.Tests;

/// <summary>What a route asks of its caller.</summary>
public enum Requirement
{
    /// <summary>Nobody in particular (<c>security: []</c>, or an anonymous endpoint).</summary>
    Public,

    /// <summary>An authenticated user.</summary>
    User,

    /// <summary>An admin (<c>x-require-admin</c>, or the toolkit's admin policy).</summary>
    Admin,

    /// <summary>Nothing serves it: a method a documented path does not list, or a path no route lists.</summary>
    Unlisted,
}

/// <summary>Where a case comes from.</summary>
public enum CaseSource
{
    /// <summary>A modern operation of the served document.</summary>
    Modern,

    /// <summary>A legacy operation of the served document (<c>x-galaxy-legacy</c>), forwarded.</summary>
    Legacy,

    /// <summary>An endpoint of the host that the document leaves out (docs pages, migration admin endpoints).</summary>
    Endpoint,

    /// <summary>A method or path nothing lists: the legacy fallback's catch-all.</summary>
    Unlisted,
}

/// <summary>The callers of the matrix: its columns.</summary>
public enum Credential
{
    /// <summary>No key.</summary>
    None,

    /// <summary>No key, the path with a trailing <c>/</c>.</summary>
    NoneSlash,

    /// <summary>No key, the path's literal segments in upper case.</summary>
    NoneUpper,

    /// <summary>A key no user has, in <c>x-api-key</c>.</summary>
    BadHeader,

    /// <summary>A key no user has, in <c>?key=</c>.</summary>
    BadQuery,

    /// <summary>The regular user's previous key, retired when the current one was made, in <c>x-api-key</c>.</summary>
    RetiredKey,

    /// <summary>The regular user (owner of the fixture's objects), key in <c>x-api-key</c>.</summary>
    UserHeader,

    /// <summary>The regular user, key in <c>?key=</c>.</summary>
    UserQuery,

    /// <summary>Another regular user (a non-admin who owns nothing), key in <c>x-api-key</c>.</summary>
    OtherUser,

    /// <summary>The admin, key in <c>x-api-key</c>.</summary>
    Admin,
}

/// <summary>One route (method and template) of the matrix.</summary>
public sealed class MatrixCase
{
    public required string Method { get; init; }

    /// <summary>The route template as the document (or routing) states it, without the URL prefix.</summary>
    public required string Template { get; init; }

    public required Requirement Requirement { get; init; }

    public required CaseSource Source { get; init; }

    /// <summary>The document's operation, when the case comes from the document.</summary>
    public JsonElement? Operation { get; init; }

    public string Label => $"{Method} {Template}";

    public string Kind => $"{Source.ToString().ToLowerInvariant()}, {Requirement.ToString().ToLowerInvariant()}";
}

/// <summary>A request of the matrix, before its credential is applied.</summary>
/// <param name="Path">The path (escaped), without the URL prefix.</param>
/// <param name="Query">Required query parameters (<c>a=b&amp;c=d</c>, escaped), or empty.</param>
/// <param name="ContentType">The body's content type, or null without a body.</param>
/// <param name="Body">The body, or null.</param>
/// <param name="TargetsUserObjects">Whether it names an object of the regular user (path, query or body).</param>
/// <param name="UsesPlaceholders">Whether it names an object that does not exist, or a value made up for an unknown kind.</param>
public sealed record MatrixRequest(string Path, string Query, string? ContentType, string? Body, bool TargetsUserObjects, bool UsesPlaceholders);

/// <summary>
/// Builds the matrix from what the host serves: every operation of <c>/api/openapi.json</c> (modern and
/// <c>x-galaxy-legacy</c>), every endpoint of the host's routing that the document leaves out, every method a documented
/// path does not list, and a path nothing lists. Requests get valid path parameters (the fixture's objects by Galaxy's
/// parameter names, a well-formed id of no object for other ids) and minimal bodies read from the schemas.
/// </summary>
public sealed class AuthMatrix
{
    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    /// <summary>The methods tried on every documented path that does not list them.</summary>
    private static readonly string[] UnlistedMethods = [.. Methods, "HEAD", "OPTIONS"];
    private readonly AuthMatrixHost _host;
    private readonly JsonElement _document;

    private AuthMatrix(AuthMatrixHost host, JsonElement document)
    {
        _host = host;
        _document = document;
    }

    /// <summary>The routes, in document order, then the endpoints outside it, then the unlisted ones.</summary>
    public List<MatrixCase> Cases { get; } = [];

    /// <summary>Problems found while building the matrix (an endpoint outside the document that needs no user...).</summary>
    public List<string> Problems { get; } = [];

    /// <summary>Reads the served document (without a key: it is public) and the host's endpoints.</summary>
    public static async Task<AuthMatrix> BuildAsync(AuthMatrixHost host, CancellationToken ct)
    {
        var options = host.App.Services.GetRequiredService<IOptions<GalaxyApiOptions>>().Value;
        using var response = await host.SendAsync(HttpMethod.Get, options.DocumentPath, apiKey: null, content: null, ct);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct)).RootElement.Clone();
        var matrix = new AuthMatrix(host, document);
        matrix.AddDocumentedOperations();
        matrix.AddEndpointsOutsideTheDocument(options);
        matrix.AddUnlisted();
        return matrix;
    }

    private void AddDocumentedOperations()
    {
        var rootSecurity = _document.TryGetProperty("security", out var security) ? security : (JsonElement?)null;
        foreach (var path in _document.GetProperty("paths").EnumerateObject())
        {
            foreach (var item in path.Value.EnumerateObject())
            {
                if (!Methods.Contains(item.Name.ToUpperInvariant()) && item.Name != "head")
                {
                    continue;
                }

                var operation = item.Value;
                var legacy = operation.TryGetProperty("x-galaxy-legacy", out var mark) && mark.ValueKind == JsonValueKind.True;
                var admin = operation.TryGetProperty("x-require-admin", out var adminMark) && adminMark.ValueKind == JsonValueKind.True;
                var requirement = admin ? Requirement.Admin : IsPublic(operation, rootSecurity) ? Requirement.Public : Requirement.User;
                Cases.Add(new MatrixCase
                {
                    Method = item.Name.ToUpperInvariant(),
                    Template = path.Name,
                    Requirement = requirement,
                    Source = legacy ? CaseSource.Legacy : CaseSource.Modern,
                    Operation = operation,
                });
            }
        }
    }

    /// <summary>
    /// Public as OpenAPI says it: no <c>security</c> (and none at the root), an empty list, or an empty requirement
    /// <c>{}</c> among the options (the key is optional).
    /// </summary>
    private static bool IsPublic(JsonElement operation, JsonElement? rootSecurity)
    {
        var security = operation.TryGetProperty("security", out var own) ? own : rootSecurity;
        return security is not { ValueKind: JsonValueKind.Array } list
            || list.GetArrayLength() == 0
            || list.EnumerateArray().Any(static requirement => requirement.ValueKind == JsonValueKind.Object && !requirement.EnumerateObject().Any());
    }

    private void AddEndpointsOutsideTheDocument(GalaxyApiOptions options)
    {
        // What the toolkit serves without a user besides the operations: the document and the docs pages.
        var pages = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { options.DocumentPath };
        if (options.ServeDocumentAtRoot)
        {
            pages.Add("/openapi.json");
        }

        foreach (var page in new[] { options.DocsPath, options.RedocPath })
        {
            if (page is not null)
            {
                pages.Add(page.TrimEnd('/'));
                pages.Add(page.TrimEnd('/') + "/{file}");
            }
        }

        var documented = Cases.Select(static c => (c.Method, Shape(c.Template))).ToHashSet();
        var endpoints = _host.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        foreach (var endpoint in endpoints)
        {
            if (endpoint.Metadata.GetMetadata<LegacyFallbackMetadata>() is not null)
            {
                continue; // Forwarding endpoints: the documented legacy operations and the unlisted cases reach them.
            }

            var template = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            var descriptor = endpoint.Metadata.GetMetadata<OperationDescriptor>();
            var requirement = RequirementOf(endpoint, descriptor);
            foreach (var method in methods)
            {
                if (documented.Contains((method, Shape(template))))
                {
                    continue;
                }

                if (descriptor is { IsAlias: false })
                {
                    Problems.Add($"{method} {template}: generated operation {descriptor.OperationId} is missing from the served document");
                }

                if (requirement == Requirement.Public && !pages.Contains(template))
                {
                    Problems.Add($"{method} {template} ({endpoint.DisplayName}): an endpoint outside the document that needs no user");
                }

                Cases.Add(new MatrixCase { Method = method, Template = template, Requirement = requirement, Source = CaseSource.Endpoint });
            }
        }
    }

    private static Requirement RequirementOf(Endpoint endpoint, OperationDescriptor? descriptor)
    {
        if (descriptor is not null)
        {
            return descriptor.Access switch
            {
                OperationAccess.Public => Requirement.Public,
                OperationAccess.Admin => Requirement.Admin,
                _ => Requirement.User,
            };
        }

        if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            return Requirement.Public;
        }

        var authorize = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>();
        return authorize.Count == 0 ? Requirement.Public
            : authorize.Any(static a => a.Policy == GalaxyAuthenticationDefaults.AdminPolicy || (a.Roles?.Contains(GalaxyAuthenticationDefaults.AdminRole, StringComparison.Ordinal) ?? false)) ? Requirement.Admin
            : Requirement.User;
    }

    private void AddUnlisted()
    {
        var paths = Cases.Where(static c => c.Source is CaseSource.Modern or CaseSource.Legacy)
            .GroupBy(static c => c.Template, StringComparer.Ordinal);
        foreach (var path in paths)
        {
            foreach (var method in UnlistedMethods.Where(m => !path.Any(c => c.Method == m)))
            {
                Cases.Add(new MatrixCase { Method = method, Template = path.Key, Requirement = Requirement.Unlisted, Source = CaseSource.Unlisted });
            }
        }

        Cases.Add(new MatrixCase { Method = "GET", Template = "/api/authmatrix_unlisted/{history_id}", Requirement = Requirement.Unlisted, Source = CaseSource.Unlisted });
    }

    /// <summary>A template with its parameter names dropped and in lower case: <c>/api/histories/{}</c>.</summary>
    private static string Shape(string template)
        => System.Text.RegularExpressions.Regex.Replace(template.TrimEnd('/').ToLowerInvariant(), @"\{[^}]*\}", "{}");

    /// <summary>
    /// The request of a case. Unsafe methods on a history get a history of their own, so that one caller's delete does
    /// not change what the next one meets.
    /// </summary>
    public async Task<MatrixRequest> RequestAsync(MatrixCase matrixCase, CancellationToken ct)
    {
        var values = new RequestValues(this);
        if (matrixCase.Method is not ("GET" or "HEAD") && matrixCase.Template.Contains("{history_id}", StringComparison.Ordinal)
            && matrixCase.Requirement != Requirement.Unlisted)
        {
            values.HistoryId = await _host.CreateHistoryAsync("auth matrix " + matrixCase.Method, ct);
        }

        var operation = matrixCase.Operation;
        var parameters = operation is { } op && op.TryGetProperty("parameters", out var list) ? list.EnumerateArray().Select(Resolve).ToList() : [];
        var path = System.Text.RegularExpressions.Regex.Replace(matrixCase.Template, @"\{([^}:]+)[^}]*\}", match =>
        {
            var name = match.Groups[1].Value;
            var schema = parameters.FirstOrDefault(p => p.GetProperty("name").GetString() == name && p.GetProperty("in").GetString() == "path") is { ValueKind: JsonValueKind.Object } parameter
                && parameter.TryGetProperty("schema", out var s) ? s : default;
            return Uri.EscapeDataString(values.Text(name, schema));
        });

        var query = new StringBuilder();
        foreach (var parameter in parameters.Where(static p => p.GetProperty("in").GetString() == "query"
            && p.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.True))
        {
            var name = parameter.GetProperty("name").GetString()!;
            query.Append(query.Length == 0 ? "" : "&").Append(Uri.EscapeDataString(name)).Append('=')
                .Append(Uri.EscapeDataString(values.Text(name, parameter.TryGetProperty("schema", out var s) ? s : default)));
        }

        string? contentType = null;
        string? body = null;
        if (operation is { } withBody && withBody.TryGetProperty("requestBody", out var requestBody))
        {
            requestBody = Resolve(requestBody);
            if (requestBody.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.True)
            {
                var content = requestBody.GetProperty("content");
                var chosen = content.EnumerateObject().OrderBy(static c => c.Name.Contains("json", StringComparison.Ordinal) ? 0 : 1).First();
                var value = values.Minimal(chosen.Value.TryGetProperty("schema", out var schema) ? schema : default, name: null, depth: 0) ?? new JsonObject();
                contentType = chosen.Name;
                body = chosen.Name.Contains("json", StringComparison.Ordinal)
                    ? value.ToJsonString()
                    : string.Join("&", (value as JsonObject ?? []).Select(static p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value?.ToString() ?? "")));
            }
        }

        return new MatrixRequest(path, query.ToString(), contentType, body, values.TargetsUserObjects, values.UsesPlaceholders);
    }

    private JsonElement Resolve(JsonElement element)
    {
        for (var hops = 0; hops < 16 && element.ValueKind == JsonValueKind.Object && element.TryGetProperty("$ref", out var reference); hops++)
        {
            var target = _document;
            foreach (var segment in reference.GetString()!.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                target = target.GetProperty(segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));
            }

            element = target;
        }

        return element;
    }

    /// <summary>Values for one request, and what they name.</summary>
    private sealed class RequestValues(AuthMatrix matrix)
    {

        /// <summary>An id that decodes (a well-formed encoded id) but names no object.</summary>
        private readonly string _missingId = matrix._host.Ids.Encode(987_654_321);

        public string HistoryId { get; set; } = matrix._host.HistoryId;

        public bool TargetsUserObjects { get; private set; }

        public bool UsesPlaceholders { get; private set; }

        /// <summary>The fixture's object for Galaxy's parameter names; null for others.</summary>
        private string? Known(string name)
        {
            var value = name switch
            {
                "history_id" => HistoryId,
                "dataset_id" => matrix._host.DatasetId,
                "user_id" => matrix._host.UserId,
                _ => null,
            };
            TargetsUserObjects |= value is not null;
            return value ?? (name == "tool_id" ? matrix._host.ToolId : null);
        }

        public string Text(string name, JsonElement schema) => Minimal(schema, name, depth: 0) switch
        {
            JsonValue value when value.TryGetValue<string>(out var text) => text,
            { } node => node.ToJsonString(),
            null => "",
        };

        public JsonNode? Minimal(JsonElement schema, string? name, int depth)
        {
            if (name is not null && Known(name) is { } known)
            {
                return known;
            }

            if (schema.ValueKind != JsonValueKind.Object || depth > 8)
            {
                return name is null ? new JsonObject() : Placeholder();
            }

            schema = ResolveIn(schema);
            if (schema.TryGetProperty("const", out var constant) || schema.TryGetProperty("example", out constant) && !IsIdSchema(schema))
            {
                return JsonNode.Parse(constant.GetRawText());
            }

            if (schema.TryGetProperty("enum", out var values) && values.GetArrayLength() > 0)
            {
                return JsonNode.Parse(values[0].GetRawText());
            }

            foreach (var union in new[] { "anyOf", "oneOf", "allOf" })
            {
                if (schema.TryGetProperty(union, out var branches))
                {
                    var branch = branches.EnumerateArray().FirstOrDefault(b => !IsNull(ResolveIn(b)));
                    return Minimal(branch, name, depth + 1);
                }
            }

            var type = TypeOf(schema);
            switch (type)
            {
                case "string" when IsIdSchema(schema):
                    return MissingId();
                case "string":
                    var length = schema.TryGetProperty("minLength", out var min) ? min.GetInt32() : 1;
                    return new string('x', Math.Max(1, length));
                case "integer" or "number":
                    return schema.TryGetProperty("minimum", out var minimum) ? JsonNode.Parse(minimum.GetRawText()) : 0;
                case "boolean":
                    return false;
                case "array":
                    var array = new JsonArray();
                    if (schema.TryGetProperty("minItems", out var minItems) && minItems.GetInt32() > 0)
                    {
                        array.Add(Minimal(schema.TryGetProperty("items", out var items) ? items : default, name, depth + 1));
                    }

                    return array;
                case "object" or null when name is null || schema.TryGetProperty("properties", out _):
                    var result = new JsonObject();
                    if (schema.TryGetProperty("required", out var required) && schema.TryGetProperty("properties", out var properties))
                    {
                        foreach (var member in required.EnumerateArray().Select(static r => r.GetString()!))
                        {
                            result[member] = Minimal(properties.TryGetProperty(member, out var property) ? property : default, member, depth + 1);
                        }
                    }

                    return result;
                default:
                    return Placeholder();
            }
        }

        private JsonNode Placeholder()
        {
            UsesPlaceholders = true;
            return "x";
        }

        private JsonNode MissingId()
        {
            UsesPlaceholders = true;
            return _missingId;
        }

        private JsonElement ResolveIn(JsonElement schema) => matrix.Resolve(schema);

        private static bool IsNull(JsonElement schema) => TypeOf(schema) == "null";

        private static string? TypeOf(JsonElement schema)
        {
            if (!schema.TryGetProperty("type", out var type))
            {
                return null;
            }

            return type.ValueKind == JsonValueKind.Array
                ? type.EnumerateArray().Select(static t => t.GetString()).FirstOrDefault(static t => t != "null") ?? "null"
                : type.GetString();
        }

        /// <summary>Galaxy's encoded id: hexadecimal, at least 16 digits.</summary>
        private static bool IsIdSchema(JsonElement schema)
            => TypeOf(schema) == "string" && schema.TryGetProperty("minLength", out var min) && min.GetInt32() >= 16
                && schema.TryGetProperty("pattern", out var pattern) && pattern.GetString()!.Contains("0-9a-fA-F", StringComparison.Ordinal);
    }

    /// <summary>Formats a status and Galaxy error code for the table: the code when there is one.</summary>
    public static string Cell(int status, int? errCode) => errCode?.ToString(CultureInfo.InvariantCulture) ?? status.ToString(CultureInfo.InvariantCulture);
}
