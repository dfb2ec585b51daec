using System.Collections.Generic;
using System.Linq;
using Galaxy.Api.Toolkit.Generators.Model;
using Galaxy.Api.Toolkit.Generators.Parsing;

namespace Galaxy.Api.Toolkit.Generators.Emitting;

/// <summary>
/// Writes the OpenAPI 3.1 document of an <see cref="ApiModel"/>. Output depends only on the model: paths and
/// components in ordinal order, methods in a fixed order, names under the model's naming policy.
/// </summary>
internal sealed class DocumentEmitter
{
    public const string ErrorSchemaName = "GalaxyError";
    public const string ValidationErrorSchemaName = "ValidationError";
    private static readonly string[] MethodOrder = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"];

    private readonly ApiModel _api;
    private readonly Dictionary<string, ComponentModel> _components;
    private readonly Dictionary<string, string> _componentNames;
    private readonly JsonTextWriter _json = new();
    private readonly HashSet<string> _inputs;

    private DocumentEmitter(ApiModel api)
    {
        _api = api;
        _components = new Dictionary<string, ComponentModel>(System.StringComparer.Ordinal);
        var validators = api.UserValidators.ToList();
        foreach (var component in api.Routers.SelectMany(static r => r.Components))
        {
            if (!_components.ContainsKey(component.Id))
            {
                // What the user's FluentValidation rules say is part of the schema too.
                _components.Add(component.Id, Parsing.UserValidatorParser.Overlay(component, validators));
            }
        }

        _componentNames = AssignNames(_components.Values);
        _inputs = InputComponents(api, _components);
    }

    private JsonNaming Naming => _api.Options.Naming;

    public static string Emit(ApiModel api) => new DocumentEmitter(api).Write();

    /// <summary>The operations of the document, first declaration winning when two declare the same method and path.</summary>
    public static IEnumerable<(RouterModel Router, OperationModel Operation)> Operations(ApiModel api)
    {
        var seen = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var router in api.Routers)
        {
            foreach (var operation in router.Operations)
            {
                if (seen.Add(operation.HttpMethod + " " + operation.DocumentPath))
                {
                    yield return (router, operation);
                }
            }
        }
    }

    private string Write()
    {
        var options = _api.Options;
        _json.StartObject();
        _json.Property("openapi", "3.1.0");

        // The spec's default, written so that tools that require servers accept the document; the run time replaces the
        // URL with the path base when there is one.
        _json.Name("servers").StartArray().StartObject().Property("url", "/").EndObject().EndArray();
        _json.Name("info").StartObject()
            .Property("title", options.Title)
            .Property("description", options.Description)
            .Property("version", options.Version);
        if (options.Info is { } info)
        {
            if (info.ContactName is not null || info.ContactEmail is not null || info.ContactUrl is not null)
            {
                _json.Name("contact").StartObject().Property("name", info.ContactName).Property("url", info.ContactUrl).Property("email", info.ContactEmail).EndObject();
            }

            if (info.License is not null)
            {
                _json.Name("license").StartObject().Property("name", info.License).Property("url", info.LicenseUrl).EndObject();
            }
        }

        _json.EndObject();
        WritePaths();
        WriteComponents();
        WriteTags();
        _json.EndObject();
        return _json.ToString() + "\n";
    }

    private void WritePaths()
    {
        _json.Name("paths").StartObject();
        foreach (var path in Operations(_api).GroupBy(static o => o.Operation.DocumentPath).OrderBy(static g => g.Key, System.StringComparer.Ordinal))
        {
            _json.Name(path.Key).StartObject();
            foreach (var (router, operation) in path.OrderBy(static o => System.Array.IndexOf(MethodOrder, o.Operation.HttpMethod)))
            {
                _json.Name(operation.HttpMethod.ToLowerInvariant());
                WriteOperation(router, operation);
            }

            _json.EndObject();
        }

        _json.EndObject();
    }

    private void WriteOperation(RouterModel router, OperationModel operation)
    {
        _json.StartObject();
        _json.Name("tags").StartArray().String(router.Tag).EndArray();
        _json.Property("summary", operation.Summary);
        _json.Property("description", operation.Description);
        _json.Property("operationId", operation.OperationId);
        if (operation.IsObsolete)
        {
            _json.Property("deprecated", true);
        }

        var parameters = operation.RequestParameters.Where(static p => p.Source is ParameterSource.Route or ParameterSource.Query or ParameterSource.Header or ParameterSource.QueryFilters).ToList();
        if (parameters.Count > 0)
        {
            _json.Name("parameters").StartArray();
            foreach (var parameter in parameters)
            {
                WriteParameter(parameter);
            }

            _json.EndArray();
        }

        var body = operation.RequestParameters.FirstOrDefault(static p => p.Source == ParameterSource.Body);
        if (body is not null)
        {
            _json.Name("requestBody").StartObject();
            _json.Property("description", body.Description);
            if (!body.IsOptional)
            {
                _json.Property("required", true);
            }
            _json.Name("content").StartObject();
            foreach (var contentType in EndpointEmitter.ContentTypes(body.BodyFormat))
            {
                _json.Name(contentType).StartObject().Name("schema");
                WriteSchema(body.Schema!, null);
                _json.EndObject();
            }

            _json.EndObject().EndObject();
        }

        _json.Name("responses").StartObject();
        foreach (var response in operation.Return.Responses.OrderBy(static r => r.Status))
        {
            _json.Name(response.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)).StartObject();
            _json.Property("description", response.Status is >= 200 and < 300 && operation.ReturnsDescription is { } returns ? returns : StatusDescription(response.Status));
            if (response.Schema is not null || response.IsNullBody)
            {
                _json.Name("content").StartObject().Name("application/json").StartObject().Name("schema");
                if (response.Schema is { } schema)
                {
                    WriteSchema(schema, null);
                }
                else
                {
                    _json.StartObject().Property("type", "null").EndObject();
                }

                _json.EndObject().EndObject();
            }

            _json.EndObject();
        }

        _json.Name("4XX").StartObject().Property("$ref", "#/components/responses/ClientError").EndObject();
        _json.Name("5XX").StartObject().Property("$ref", "#/components/responses/ServerError").EndObject();
        _json.EndObject();
        _json.Name("security").StartArray();
        if (operation.Access != OperationAccess.Public)
        {
            foreach (var scheme in SecuritySchemes)
            {
                _json.StartObject().Name(scheme).StartArray().EndArray().EndObject();
            }
        }

        _json.EndArray();
        if (operation.Access == OperationAccess.Admin)
        {
            _json.Property("x-require-admin", true);
        }

        _json.EndObject();
    }

    private static readonly string[] SecuritySchemes = ["APIKeyHeader", "APIKeyQuery"];

    private static string StatusDescription(int status) => status switch
    {
        200 => "Successful Response",
        201 => "Created",
        202 => "Accepted",
        204 => "No Content",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        409 => "Conflict",
        422 => "Unprocessable Entity",
        500 => "Internal Server Error",
        _ => "Response " + status.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private void WriteParameter(ParameterModel parameter)
    {
        if (parameter.Source == ParameterSource.QueryFilters)
        {
            WriteFilterParameter("q", "Filter names, each paired with the qv value at the same position (Galaxy's q/qv filters).");
            WriteFilterParameter("qv", "Filter values, each paired with the q name at the same position.");
            return;
        }

        _json.StartObject();
        _json.Property("name", parameter.WireNameUnder(Naming));
        _json.Property("in", parameter.Source switch { ParameterSource.Route => "path", ParameterSource.Header => "header", _ => "query" });
        _json.Property("description", parameter.Description);
        if (!parameter.IsOptional)
        {
            // false is the default; writing only true keeps the document as OpenAPI tools write it.
            _json.Property("required", true);
        }
        if (parameter.CommaSeparated)
        {
            // style "form" is the query default; explode false makes it one comma-separated value.
            _json.Property("explode", false);
        }

        _json.Name("schema");
        WriteSchema(parameter.Schema!, new SchemaExtras(null, parameter.Constraints, ParameterDefault(parameter)));
        _json.EndObject();
    }

    private void WriteFilterParameter(string name, string description)
    {
        _json.StartObject()
            .Property("name", name)
            .Property("in", "query")
            .Property("description", description)
            .Name("schema").StartObject().Property("type", "array").Name("items").StartObject().Property("type", "string").EndObject().EndObject()
            .EndObject();
    }

    /// <summary>What a use of a schema adds to it: description, constraints, default, example, deprecation.</summary>
    private readonly record struct SchemaExtras(
        string? Description,
        ConstraintsModel? Constraints = null,
        string? DefaultJson = null,
        string? ExampleJson = null,
        bool Deprecated = false,
        ConstraintsModel? ItemConstraints = null,
        EquatableArray<string> NotExpressible = default);

    private void WriteSchema(SchemaModel schema, string? description) => WriteSchema(schema, new SchemaExtras(description));

    private void WriteSchema(SchemaModel schema, SchemaExtras extras)
    {
        _json.StartObject();
        if (schema.Kind == SchemaKind.Reference)
        {
            var reference = "#/components/schemas/" + _componentNames[schema.ComponentId!];
            if (schema.Nullable)
            {
                _json.Name("anyOf").StartArray()
                    .StartObject().Property("$ref", reference).EndObject()
                    .StartObject().Property("type", "null").EndObject()
                    .EndArray();
            }
            else
            {
                _json.Property("$ref", reference);
            }
        }
        else if (schema.Kind == SchemaKind.GalaxyId)
        {
            // Galaxy's own schema of an encoded id.
            if (schema.Nullable)
            {
                _json.Name("type").StartArray().String("null").String("string").EndArray();
            }
            else
            {
                _json.Property("type", "string");
            }

            _json.Property("pattern", "[0-9a-fA-F]+");
            _json.Name("minLength").Number(16);
            _json.Property("example", "0123456789ABCDEF");
        }
        else if (schema.Kind != SchemaKind.Any)
        {
            var type = schema.Kind switch
            {
                SchemaKind.String => "string",
                SchemaKind.Integer => "integer",
                SchemaKind.Number => "number",
                SchemaKind.Boolean => "boolean",
                SchemaKind.Array => "array",
                _ => "object",
            };
            if (schema.Nullable)
            {
                _json.Name("type").StartArray().String("null").String(type).EndArray();
            }
            else
            {
                _json.Property("type", type);
            }

            // A format from an annotation ([EmailAddress], [Url]) replaces the type's own.
            _json.Property("format", extras.Constraints?.Format is null ? schema.Format : null);
            if (schema.Minimum is { } typeMinimum && extras.Constraints?.Minimum is null)
            {
                _json.Name("minimum").Literal(typeMinimum);
            }

            if (schema.Maximum is { } typeMaximum && extras.Constraints?.Maximum is null)
            {
                _json.Name("maximum").Literal(typeMaximum);
            }

            if (schema.Kind == SchemaKind.Array)
            {
                _json.Name("items");
                WriteSchema(schema.Items!, new SchemaExtras(null, extras.ItemConstraints));
                if (schema.UniqueItems)
                {
                    _json.Property("uniqueItems", true);
                }
            }
            else if (schema.Kind == SchemaKind.Dictionary)
            {
                _json.Name("additionalProperties");
                WriteSchema(schema.Items!, null);
            }
        }

        if (extras.Constraints is { } constraints)
        {
            WriteConstraints(constraints, schema.Nullable);
        }

        _json.Property("description", extras.Description);
        if (extras.DefaultJson is { } defaultJson)
        {
            _json.Name("default").Literal(defaultJson);
        }

        if (extras.ExampleJson is { } example)
        {
            _json.Name("example").Literal(example);
        }

        if (extras.Deprecated)
        {
            _json.Property("deprecated", true);
        }

        if (extras.NotExpressible.Count > 0)
        {
            // Rules enforced at run time that a schema cannot state, so that readers know the schema is not the whole story.
            _json.Name("x-galaxy-unexpressed-rules").StartArray();
            foreach (var rule in extras.NotExpressible)
            {
                _json.String(rule);
            }

            _json.EndArray();
        }

        _json.EndObject();
    }

    private void WriteConstraints(ConstraintsModel constraints, bool nullable)
    {
        if (constraints.Format is { } format)
        {
            _json.Property("format", format);
        }

        WriteNumber("minLength", constraints.MinLength);
        WriteNumber("maxLength", constraints.MaxLength);
        WriteNumber("minItems", constraints.MinItems);
        WriteNumber("maxItems", constraints.MaxItems);
        if (constraints.Minimum is { } minimum)
        {
            _json.Name(constraints.ExclusiveMinimum ? "exclusiveMinimum" : "minimum").Literal(minimum);
        }

        if (constraints.Maximum is { } maximum)
        {
            _json.Name(constraints.ExclusiveMaximum ? "exclusiveMaximum" : "maximum").Literal(maximum);
        }

        _json.Property("pattern", constraints.Pattern);
        if (constraints.ConstJson is { } constant)
        {
            if (nullable || !constant.StartsWith("\"", System.StringComparison.Ordinal))
            {
                // const would refuse the null the type allows; and Microsoft.OpenApi 2 reads const as a string, so that a
                // number or boolean const would turn into a string in MapOpenApi's document: a one-value enum says the same.
                _json.Name("enum").StartArray().Literal(constant);
                if (nullable)
                {
                    _json.Null();
                }

                _json.EndArray();
            }
            else
            {
                _json.Name("const").Literal(constant);
            }
        }

        if (constraints.AllowedJson.Count > 0)
        {
            _json.Name("enum").StartArray();
            foreach (var value in constraints.AllowedJson)
            {
                _json.Literal(value);
            }

            if (nullable)
            {
                // The check passes null; the enum must list it too.
                _json.Null();
            }

            _json.EndArray();
        }

        if (constraints.DeniedJson.Count > 0)
        {
            _json.Name("not").StartObject().Name("enum").StartArray();
            foreach (var value in constraints.DeniedJson)
            {
                _json.Literal(value);
            }

            _json.EndArray().EndObject();
        }
    }

    private void WriteNumber(string name, int? value)
    {
        if (value is { } number)
        {
            _json.Name(name).Number(number);
        }
    }

    /// <summary>The default of a parameter as a JSON literal: enum defaults by their JSON name.</summary>
    private string? ParameterDefault(ParameterModel parameter)
    {
        if (parameter.DefaultEnumMember is { } member && parameter.Scalar?.Enum is { } enumModel)
        {
            return JsonTextWriter.Quote(EndpointEmitter.WireName(enumModel.Members.First(m => m.Name == member), Naming));
        }

        if (parameter.DefaultValueJson is not { } value)
        {
            return null;
        }

        return parameter.Scalar?.Kind is ScalarKind.String or ScalarKind.Guid or ScalarKind.DateTime or ScalarKind.DateTimeOffset or ScalarKind.DateOnly or ScalarKind.GalaxyId
            ? JsonTextWriter.Quote(value)
            : value;
    }

    /// <summary>The default of a property as a JSON literal: enum defaults by their JSON name.</summary>
    private string? PropertyDefault(PropertyModel property)
    {
        if (property.DefaultEnumMember is { } member
            && property.Schema.ComponentId is { } id
            && _components.TryGetValue(id, out var component)
            && component.Enum?.Members.FirstOrDefault(m => m.Name == member) is { } enumMember)
        {
            return JsonTextWriter.Quote(EndpointEmitter.WireName(enumMember, Naming));
        }

        return property.DefaultJson;
    }

    private void WriteComponents()
    {
        _json.Name("components").StartObject();
        _json.Name("schemas").StartObject();
        var named = _components.Values.Select(c => (Name: _componentNames[c.Id], Component: (ComponentModel?)c))
            .Concat([(Name: ErrorSchemaName, Component: null), (Name: ValidationErrorSchemaName, Component: null)])
            .OrderBy(static c => c.Name, System.StringComparer.Ordinal);
        foreach (var (name, component) in named)
        {
            _json.Name(name);
            if (component is null)
            {
                WriteBuiltInSchema(name);
            }
            else if (component.Kind == ComponentKind.Enum)
            {
                WriteEnum(name, component);
            }
            else
            {
                WriteObject(name, component);
            }
        }

        _json.EndObject();
        _json.Name("securitySchemes").StartObject()
            .Name("APIKeyHeader").StartObject().Property("type", "apiKey").Property("in", "header").Property("name", "x-api-key").EndObject()
            .Name("APIKeyQuery").StartObject().Property("type", "apiKey").Property("in", "query").Property("name", "key").EndObject()
            .EndObject();
        _json.Name("responses").StartObject();
        WriteErrorResponse("ClientError", "Request error: Galaxy's error body; validation failures (400, codes 400007 and 400008) list each failure in validation_errors.");
        WriteErrorResponse("ServerError", "Server error: Galaxy's error body (500, code 500001 for an unexpected failure).");
        _json.EndObject();
        _json.EndObject();
    }

    private void WriteErrorResponse(string name, string description)
    {
        _json.Name(name).StartObject()
            .Property("description", description)
            .Name("content").StartObject().Name(_api.Options.ProblemDetails ? "application/problem+json" : "application/json").StartObject()
            .Name("schema").StartObject().Property("$ref", "#/components/schemas/" + ErrorSchemaName).EndObject()
            .EndObject().EndObject()
            .EndObject();
    }

    private void WriteEnum(string name, ComponentModel component)
    {
        _json.StartObject();
        _json.Property("title", name);
        _json.Property("description", component.Description);
        _json.Property("type", "string");
        _json.Name("enum").StartArray();
        foreach (var member in component.Enum!.Members)
        {
            _json.String(EndpointEmitter.WireName(member, Naming));
        }

        _json.EndArray();
        _json.EndObject();
    }

    private void WriteObject(string name, ComponentModel component)
    {
        _json.StartObject();
        _json.Property("title", name);
        _json.Property("description", component.Description);
        if (component.IsDeprecated)
        {
            _json.Property("deprecated", true);
        }

        if (component.Polymorphism is { } polymorphism)
        {
            // Each branch is a derived type with its discriminator, as System.Text.Json writes it through the base.
            _json.Name("oneOf").StartArray();
            foreach (var derived in polymorphism.DerivedTypes)
            {
                _json.StartObject().Name("allOf").StartArray()
                    .StartObject().Property("$ref", "#/components/schemas/" + _componentNames[derived.ComponentId]).EndObject()
                    .StartObject().Property("type", "object")
                    .Name("properties").StartObject().Name(polymorphism.DiscriminatorProperty).StartObject().Name("enum").StartArray().Literal(derived.DiscriminatorJson).EndArray().EndObject().EndObject()
                    .Name("required").StartArray().String(polymorphism.DiscriminatorProperty).EndArray()
                    .EndObject()
                    .EndArray().EndObject();
            }

            if (polymorphism.BaseIsConcrete)
            {
                _json.StartObject();
                WriteProperties(component);
                _json.EndObject();
            }

            _json.EndArray();
        }
        else
        {
            WriteProperties(component);
        }

        _json.EndObject();
    }

    private void WriteProperties(ComponentModel component)
    {
        _json.Property("type", "object");
        _json.Name("properties").StartObject();
        foreach (var property in component.Properties)
        {
            _json.Name(JsonName(property));
            WriteSchema(property.Schema, new SchemaExtras(property.Description, property.Constraints, PropertyDefault(property), property.ExampleJson, property.IsDeprecated, property.ItemConstraints, property.NotExpressible));
        }

        _json.EndObject();
        if (component.DisallowsUnknownMembers)
        {
            // The serializer refuses members the type does not declare.
            _json.Property("additionalProperties", false);
        }

        // A type only ever written by the server has every member it does not omit; a type clients send keeps its rules.
        var writtenOnly = !_inputs.Contains(component.Id);
        var required = component.Properties.Where(p => p.IsRequired || (writtenOnly && !p.MayBeOmitted) || DefaultBreaksBounds(p)).Select(JsonName).ToList();
        if (required.Count > 0)
        {
            _json.Name("required").StartArray();
            foreach (var requiredName in required)
            {
                _json.String(requiredName);
            }

            _json.EndArray();
        }
    }

    private void WriteBuiltInSchema(string name)
    {
        if (name == ErrorSchemaName)
        {
            _json.StartObject()
                .Property("title", ErrorSchemaName)
                .Property("description", _api.Options.ProblemDetails ? "Galaxy's error as RFC 9457 problem details." : "Galaxy's error body.")
                .Property("type", "object")
                .Name("properties").StartObject();
            if (_api.Options.ProblemDetails)
            {
                _json.Name("type").StartObject().Property("type", "string").Property("description", "A URI reference identifying the problem type.").EndObject()
                    .Name("title").StartObject().Property("type", "string").Property("description", "The HTTP reason phrase.").EndObject()
                    .Name("status").StartObject().Property("type", "integer").Property("description", "The HTTP status code.").EndObject()
                    .Name("detail").StartObject().Property("type", "string").Property("description", "What went wrong, for people.").EndObject();
            }
            else
            {
                _json.Name("err_msg").StartObject().Property("type", "string").Property("description", "What went wrong, for people.").EndObject();
            }

            _json.Name("err_code").StartObject().Property("type", "integer").Property("description", "Galaxy's error code; its first three digits are the HTTP status.").EndObject()
                .Name("validation_errors").StartObject().Property("type", "array")
                .Name("items").StartObject().Property("$ref", "#/components/schemas/" + ValidationErrorSchemaName).EndObject()
                .Property("description", "Each validation failure, for requests rejected with 400007 or 400008.").EndObject()
                .EndObject()
                .Name("required").StartArray();
            foreach (var required in _api.Options.ProblemDetails ? ["type", "title", "status", "detail", "err_code"] : new[] { "err_msg", "err_code" })
            {
                _json.String(required);
            }

            _json.EndArray().EndObject();
            return;
        }

        _json.StartObject()
            .Property("title", ValidationErrorSchemaName)
            .Property("description", "One request validation failure.")
            .Property("type", "object")
            .Name("properties").StartObject()
            .Name("loc").StartObject().Property("type", "array")
            .Name("items").StartObject().Name("anyOf").StartArray()
            .StartObject().Property("type", "string").EndObject()
            .StartObject().Property("type", "integer").EndObject()
            .EndArray().EndObject()
            .Property("description", "Where: the source (path, query, header, body), then names and item indices.").EndObject()
            .Name("msg").StartObject().Property("type", "string").Property("description", "What is wrong, for people.").EndObject()
            .Name("type").StartObject().Property("type", "string").Property("description", "A stable kind: missing, int_parsing, enum...").EndObject()
            .EndObject()
            .Name("required").StartArray().String("loc").String("msg").String("type").EndArray()
            .EndObject();
    }

    private void WriteTags()
    {
        var tags = _api.Routers.GroupBy(static r => r.Tag).OrderBy(static g => g.Key, System.StringComparer.Ordinal).ToList();
        if (tags.Count == 0)
        {
            return;
        }

        _json.Name("tags").StartArray();
        foreach (var tag in tags)
        {
            _json.StartObject().Property("name", tag.Key).Property("description", tag.Select(static r => r.Description).FirstOrDefault(static d => d is not null)).EndObject();
        }

        _json.EndArray();
    }

    /// <summary>
    /// Whether an absent numeric member (which takes its default: the initializer's value, else 0) would break its own
    /// bounds, so that a request must in effect send it.
    /// </summary>
    private static bool DefaultBreaksBounds(PropertyModel property)
    {
        if (!property.IsValueType || property.Schema.Nullable || property.Constraints is not { } constraints
            || property.Schema.Kind is not (SchemaKind.Integer or SchemaKind.Number) || property.DefaultEnumMember is not null)
        {
            return false;
        }

        var value = double.Parse(property.DefaultJson ?? "0", System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture);
        double Bound(string text) => double.Parse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture);
        return (constraints.Minimum is { } minimum && (constraints.ExclusiveMinimum ? value <= Bound(minimum) : value < Bound(minimum)))
            || (constraints.Maximum is { } maximum && (constraints.ExclusiveMaximum ? value >= Bound(maximum) : value > Bound(maximum)));
    }

    /// <summary>The components a request can carry: those reachable from bodies and parameters.</summary>
    private static HashSet<string> InputComponents(ApiModel api, Dictionary<string, ComponentModel> components)
    {
        var inputs = new HashSet<string>(System.StringComparer.Ordinal);
        var pending = new Stack<SchemaModel>(api.Routers.SelectMany(static r => r.Operations).SelectMany(static o => o.RequestParameters)
            .Select(static p => p.Schema).Where(static s => s is not null).Select(static s => s!));
        while (pending.Count > 0)
        {
            var schema = pending.Pop();
            if (schema.Items is { } items)
            {
                pending.Push(items);
            }

            if (schema.ComponentId is not { } id || !inputs.Add(id) || !components.TryGetValue(id, out var component))
            {
                continue;
            }

            foreach (var property in component.Properties)
            {
                pending.Push(property.Schema);
            }

            foreach (var derived in component.Polymorphism?.DerivedTypes ?? EquatableArray<DerivedTypeModel>.Empty)
            {
                pending.Push(new SchemaModel(SchemaKind.Reference, null, false, derived.ComponentId, null, false));
            }
        }

        return inputs;
    }

    private string JsonName(PropertyModel property) => property.ExplicitJsonName ?? JsonNames.Convert(Naming, property.ClrName);

    /// <summary>Readable component names, unique: a name two types share is replaced by each type's full name.</summary>
    private static Dictionary<string, string> AssignNames(IEnumerable<ComponentModel> components)
    {
        var reserved = new HashSet<string>(System.StringComparer.Ordinal) { ErrorSchemaName, ValidationErrorSchemaName };
        var names = new Dictionary<string, string>(System.StringComparer.Ordinal);
        foreach (var group in components.GroupBy(static c => c.Name).OrderBy(static g => g.Key, System.StringComparer.Ordinal))
        {
            var members = group.OrderBy(static c => c.Id, System.StringComparer.Ordinal).ToList();
            foreach (var component in members)
            {
                names[component.Id] = members.Count == 1 && !reserved.Contains(group.Key) ? group.Key : Sanitize(component.Id);
            }
        }

        return names;
    }

    private static string Sanitize(string id)
    {
        var chars = id.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (!char.IsLetterOrDigit(chars[i]) && chars[i] != '_')
            {
                chars[i] = chars[i] == '.' ? '.' : '_';
            }
        }

        return new string(chars);
    }
}
