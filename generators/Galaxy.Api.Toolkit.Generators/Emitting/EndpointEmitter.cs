using System.Collections.Generic;
using System.Linq;
using Galaxy.Api.Toolkit.Generators.Model;
using Galaxy.Api.Toolkit.Generators.Parsing;
using Microsoft.CodeAnalysis.CSharp;

namespace Galaxy.Api.Toolkit.Generators.Emitting;

/// <summary>
/// Emits one router's handlers: a class holding the JSON contracts it needs and one hand-shaped
/// <c>RequestDelegate</c> per operation (bind every value, collect every failure, create the router, call, write).
/// </summary>
internal static class EndpointEmitter
{
    private const string Toolkit = "global::Galaxy.Api.Toolkit";
    private const string Binding = Toolkit + ".Binding";
    private const string Errors = Toolkit + ".RequestValidationErrors";
    private const string ParameterErrors = Binding + ".ParameterErrors";
    private const string HttpContext = "global::Microsoft.AspNetCore.Http.HttpContext";
    private const string DependencyInjection = "global::Microsoft.Extensions.DependencyInjection";

    public static string ClassName(RouterModel router) => router.Type.Identifier + "_Endpoints";

    public static string HintName(RouterModel router) => router.Type.Identifier + ".Endpoints.g.cs";

    public static string Emit(RouterModel router, DocumentOptionsModel options, EquatableArray<UserValidatorModel> validators)
    {
        var writer = new SourceWriter();
        writer.Raw(SourceWriter.Header);
        writer.Open("namespace Galaxy.Api.Toolkit.Generated");
        writer.Line($"/// <summary>The generated request handlers of <see cref=\"{router.Type.FullyQualifiedName.Replace("global::", string.Empty)}\"/>.</summary>");
        writer.Line(SourceWriter.GeneratedCode);
        writer.Open($"internal sealed class {ClassName(router)}");

        var contracts = JsonContracts(router);
        writer.Line($"private readonly {Toolkit}.Hosting.GalaxyApiContext _api;");
        foreach (var contract in contracts)
        {
            writer.Line($"private readonly global::System.Text.Json.Serialization.Metadata.JsonTypeInfo<{contract.FullyQualifiedName}> {ContractField(contract)};");
        }

        writer.Line();
        writer.Open($"public {ClassName(router)}({Toolkit}.Hosting.GalaxyApiContext api)");
        writer.Line("_api = api;");
        var services = RequiredServices(router);
        if (services.Count > 0)
        {
            writer.Line($"api.RequireServices({Literal(router.Type.FullyQualifiedName.Replace("global::", string.Empty))}, [{string.Join(", ", services.Select(static s => $"(typeof({s.Type.FullyQualifiedName}), {s.Key ?? "null"})"))}]);");
        }

        foreach (var contract in contracts)
        {
            writer.Line($"{ContractField(contract)} = api.GetJsonTypeInfo<{contract.FullyQualifiedName}>();");
        }

        writer.Close();
        writer.Line();
        EmitMap(writer, router);
        var plan = new ValidationPlan(router.Components, options.Naming);
        var statics = new StaticFields();
        for (var i = 0; i < router.Operations.Count; i++)
        {
            writer.Line();
            new HandlerWriter(writer, router, router.Operations[i], i, options.Naming, plan, statics, validators).Emit();
        }

        writer.Line();
        statics.Emit(writer);

        foreach (var enumModel in Enums(router))
        {
            writer.Line();
            EmitEnumParser(writer, enumModel, options.Naming);
        }

        writer.Close();
        writer.Close();
        return writer.ToString();
    }

    private static void EmitMap(SourceWriter writer, RouterModel router)
    {
        writer.Open("public void Map(global::Microsoft.AspNetCore.Routing.IEndpointRouteBuilder endpoints)");
        for (var i = 0; i < router.Operations.Count; i++)
        {
            var operation = router.Operations[i];
            var templates = operation.Alias is null ? [operation.RouteTemplate] : new[] { operation.RouteTemplate, operation.Alias };
            for (var t = 0; t < templates.Length; t++)
            {
                writer.Line($"{Toolkit}.Hosting.OperationMetadata.Apply(");
                writer.Line($"    global::Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapMethods(endpoints, {Literal(templates[t])}, {Toolkit}.Hosting.OperationMetadata.{Pascal(operation.HttpMethod)}, new global::Microsoft.AspNetCore.Http.RequestDelegate({HandlerName(operation, i)})),");
                writer.Line($"    new {Toolkit}.Hosting.OperationDescriptor");
                writer.Line("    {");
                writer.Line($"        OperationId = {Literal(operation.OperationId)},");
                writer.Line($"        Tag = {Literal(router.Tag)},");
                if (operation.Summary is not null)
                {
                    writer.Line($"        Summary = {Literal(operation.Summary)},");
                }

                if (operation.Description is not null)
                {
                    writer.Line($"        Description = {Literal(operation.Description)},");
                }

                if (operation.RequestParameters.FirstOrDefault(static p => p.Source == ParameterSource.Body) is { } body)
                {
                    writer.Line($"        RequestType = typeof({body.Type.FullyQualifiedName}),");
                    writer.Line($"        RequestIsOptional = {(body.IsOptional ? "true" : "false")},");
                    writer.Line($"        RequestContentTypes = [{string.Join(", ", AcceptedContentTypes(body.BodyFormat).Select(Literal))}],");
                }

                writer.Line($"        Responses = [{string.Join(", ", operation.Return.Responses.Select(static r => $"({r.Status}, {(r.ValueType is { } v ? $"typeof({v.FullyQualifiedName})" : "null")})"))}],");
                writer.Line($"        Access = {Toolkit}.Hosting.OperationAccess.{operation.Access},");
                if (t > 0)
                {
                    writer.Line("        IsAlias = true,");
                }

                writer.Line("    });");
            }
        }

        writer.Close();
    }

    /// <summary>The content types a body format is documented and accepted with.</summary>
    public static string[] ContentTypes(BodyFormat format) => format switch
    {
        BodyFormat.Form => ["application/x-www-form-urlencoded", "multipart/form-data"],
        BodyFormat.JsonOrForm => ["application/json", "application/x-www-form-urlencoded", "multipart/form-data"],
        _ => ["application/json"],
    };

    /// <summary>The content types routing lets through: the documented ones, and the other JSON media types the reader takes.</summary>
    private static string[] AcceptedContentTypes(BodyFormat format)
        => format == BodyFormat.Form ? ContentTypes(format) : [.. ContentTypes(format), "text/json", "application/*+json"];

    /// <summary>Writes one handler method.</summary>
    private sealed class HandlerWriter(SourceWriter writer, RouterModel router, OperationModel operation, int index, JsonNaming naming, ValidationPlan plan, StaticFields statics, EquatableArray<UserValidatorModel> validators)
    {
        private readonly bool _usesIds = operation.RequestParameters.Any(static p => p.Scalar?.Kind == ScalarKind.GalaxyId);

        public void Emit()
        {
            writer.Line($"// {operation.HttpMethod} {operation.RouteTemplate}");
            writer.Open($"private async global::System.Threading.Tasks.Task {HandlerName(operation, index)}({HttpContext} httpContext)");
            if (operation.Access == OperationAccess.Public)
            {
                // A public operation needs no user, but a key that was given and is wrong is still refused, as Galaxy does.
                writer.Open($"if ({Binding}.RequestUser.KeyRejected(httpContext))");
                writer.Line($"await {Toolkit}.GalaxyErrorResponse.WriteAsync(httpContext, {Toolkit}.GalaxyErrorCodes.UserAuthenticationFailed, \"Provided API key is not valid.\");");
                writer.Line("return;");
                writer.Close();
                writer.Line();
            }

            writer.Line($"{Errors}? errors = null;");
            if (_usesIds)
            {
                writer.Line("string? malformedId = null;");
            }

            var arguments = new List<string>();
            for (var i = 0; i < operation.Parameters.Count; i++)
            {
                arguments.Add(Bind(operation.Parameters[i], $"p{i}"));
            }

            writer.Open("if (errors is not null)");
            writer.Line("await errors.WriteAsync(httpContext);");
            writer.Line("return;");
            writer.Close();
            if (_usesIds)
            {
                writer.Line();
                writer.Open("if (malformedId is not null)");
                writer.Line($"await {Toolkit}.GalaxyErrorResponse.WriteAsync(httpContext, {Binding}.IdValues.Malformed(malformedId));");
                writer.Line("return;");
                writer.Close();
            }

            writer.Line();
            for (var i = 0; i < operation.Parameters.Count; i++)
            {
                if (operation.Parameters[i].Group is { } group)
                {
                    BuildGroup(operation.Parameters[i], group, $"p{i}");
                }
            }

            var target = operation.IsStatic ? router.Type.FullyQualifiedName : "router";
            if (!operation.IsStatic)
            {
                writer.Line($"var router = new {router.Type.FullyQualifiedName}({string.Join(", ", router.ConstructorParameters.Select(static p => Service(p.Type, p.IsOptional, p.ServiceKey)))});");
            }

            var call = $"{target}.{operation.MethodName}({string.Join(", ", arguments)})";
            var awaited = operation.Return.Await == AwaitKind.None ? call : "await " + call;
            var returns = operation.Return;
            if (returns.ValueType is null)
            {
                writer.Line(awaited + ";");
                writer.Line($"await {Binding}.JsonResponse.WriteNullAsync(httpContext, {returns.Responses[0].Status});");
            }
            else if (returns.IsResult)
            {
                writer.Line($"var result = {awaited};");
                foreach (var located in returns.Responses.Where(static r => r.HasLocation && r.ResultType is not null))
                {
                    writer.Open($"if (((object)result is global::Microsoft.AspNetCore.Http.INestedHttpResult nested ? nested.Result : (object)result) is {located.ResultType} located{located.Status} && located{located.Status}.Location is not null)");
                    writer.Line($"httpContext.Response.Headers.Location = located{located.Status}.Location;");
                    writer.Close();
                }

                writer.Line($"await {Binding}.JsonResponse.WriteResultAsync(httpContext, result, _api.SerializerOptions);");
            }
            else
            {
                writer.Line($"var result = {awaited};");
                writer.Line($"await {Binding}.JsonResponse.WriteAsync<{returns.ValueType.FullyQualifiedName}>(httpContext, result!, {ContractField(returns.ValueType)}, {returns.Responses[0].Status});");
            }

            writer.Close();
        }

        /// <summary>Emits the binding of one parameter into <paramref name="variable"/> and returns the argument expression.</summary>
        private string Bind(ParameterModel parameter, string variable)
        {
            switch (parameter.Source)
            {
                case ParameterSource.CancellationToken:
                    return "httpContext.RequestAborted";
                case ParameterSource.HttpContext:
                    return "httpContext";
                case ParameterSource.HttpRequest:
                    return "httpContext.Request";
                case ParameterSource.HttpResponse:
                    return "httpContext.Response";
                case ParameterSource.ClaimsPrincipal:
                    return "httpContext.User";
                case ParameterSource.Services:
                case ParameterSource.KeyedServices:
                    return Service(parameter.Type, parameter.IsOptional, parameter.ServiceKey);
                case ParameterSource.GalaxyUser:
                    writer.Line($"var {variable} = {Binding}.RequestUser.Get(httpContext);");
                    if (!parameter.IsNullable)
                    {
                        writer.Open($"if ({variable} is null)");
                        writer.Line($"await {Toolkit}.GalaxyErrorResponse.WriteAsync(httpContext, {Toolkit}.GalaxyErrorCodes.UserNoApiKey);");
                        writer.Line("return;");
                        writer.Close();
                    }

                    writer.Line();
                    return variable;
                case ParameterSource.QueryFilters:
                    writer.Line($"var {variable} = {Toolkit}.GalaxyQueryFilters.Bind(httpContext, out var {variable}Error);");
                    writer.Open($"if ({variable}Error is not null)");
                    writer.Line($"{Errors}.Add(ref errors, {variable}Error);");
                    writer.Close();
                    writer.Line();
                    return variable;
                case ParameterSource.Body:
                    BindBody(parameter, variable);
                    return variable;
                case ParameterSource.AsParameters:
                    if (parameter.Group!.UsesDefaultsInstance)
                    {
                        // Members absent from the request keep what the type's initializers give them.
                        writer.Line($"var defaults{variable} = new {parameter.Type.FullyQualifiedName}();");
                    }

                    for (var j = 0; j < parameter.Group.Members.Count; j++)
                    {
                        Bind(parameter.Group.Members[j], $"{variable}_{j}");
                    }

                    return variable;
                default:
                    if (parameter.Collection == CollectionKind.None)
                    {
                        BindScalar(parameter, variable);
                    }
                    else
                    {
                        BindCollection(parameter, variable);
                    }

                    CheckConstraints(parameter, variable);

                    return variable;
            }
        }

        private void BindScalar(ParameterModel parameter, string variable)
        {
            var scalar = parameter.Scalar!;
            var (reader, location) = Reader(parameter.Source);
            var name = parameter.WireNameUnder(naming);
            var initial = parameter.DefaultValueCSharp is { } defaultValue
                ? defaultValue.Replace("defaults.", $"defaults{variable.Split('_')[0]}.")
                : parameter.IsNullable ? "null" : scalar.Kind == ScalarKind.String ? "default!" : "default";
            writer.Line($"{DeclaredType(parameter)} {variable} = {initial};");
            writer.Line($"var {variable}Raw = {Binding}.RequestValues.{reader}(httpContext, {Literal(name)});");
            var missing = $"{Errors}.Add(ref errors, {ParameterErrors}.Missing({Literal(location)}, {Literal(name)}));";
            if (scalar.Kind == ScalarKind.String)
            {
                if (parameter.IsOptional)
                {
                    writer.Open($"if ({variable}Raw is not null)").Line($"{variable} = {variable}Raw;").Close();
                }
                else
                {
                    writer.Open($"if ({variable}Raw is null)").Line(missing).Close();
                    writer.Open("else").Line($"{variable} = {variable}Raw;").Close();
                }

                writer.Line();
                return;
            }

            if (parameter.IsOptional)
            {
                writer.Open($"if ({variable}Raw is not null)");
                writer.Open($"if ({Parse(scalar, $"{variable}Raw", $"{variable}Value")})").Line($"{variable} = {variable}Value;").Close();
            }
            else
            {
                writer.Open($"if ({variable}Raw is null)").Line(missing).Close();
                writer.Open($"else if ({Parse(scalar, $"{variable}Raw", $"{variable}Value")})").Line($"{variable} = {variable}Value;").Close();
            }

            writer.Open("else").Line($"{Errors}.Add(ref errors, {Invalid(scalar, location, name, null)});").Close();
            if (parameter.IsOptional)
            {
                writer.Close();
            }

            writer.Line();
        }

        private void BindCollection(ParameterModel parameter, string variable)
        {
            var scalar = parameter.Scalar!;
            var (reader, location) = Reader(parameter.Source);
            var name = parameter.WireNameUnder(naming);
            var element = scalar.ValueType.FullyQualifiedName;
            var raw = $"{Binding}.RequestValues.{reader}All(httpContext, {Literal(name)})";
            writer.Line($"{DeclaredType(parameter)} {variable} = {(parameter.IsNullable || parameter.IsOptional ? "null" : "default!")};");
            writer.Line($"var {variable}Raw = {(parameter.CommaSeparated ? $"{Binding}.RequestValues.SplitCommas({raw})" : raw)};");
            writer.Open($"if ({variable}Raw.Count == 0)");
            if (!parameter.IsOptional)
            {
                writer.Line($"{Errors}.Add(ref errors, {ParameterErrors}.Missing({Literal(location)}, {Literal(name)}));");
            }

            writer.Close();
            writer.Open("else");
            writer.Line($"var {variable}Items = new global::System.Collections.Generic.List<{element}>({variable}Raw.Count);");
            writer.Open($"for (var index = 0; index < {variable}Raw.Count; index++)");
            writer.Line($"var item = {variable}Raw[index] ?? string.Empty;");
            if (scalar.Kind == ScalarKind.String)
            {
                writer.Line($"{variable}Items.Add(item);");
            }
            else
            {
                writer.Open($"if ({Parse(scalar, "item", "itemValue")})").Line($"{variable}Items.Add(itemValue);").Close();
                writer.Open("else").Line($"{Errors}.Add(ref errors, {Invalid(scalar, location, name, "index")});").Close();
            }

            writer.Close();
            writer.Line(parameter.Collection switch
            {
                CollectionKind.Array => $"{variable} = {variable}Items.ToArray();",
                CollectionKind.HashSet => $"{variable} = new global::System.Collections.Generic.HashSet<{element}>({variable}Items);",
                _ => $"{variable} = {variable}Items;",
            });
            writer.Close();
            writer.Line();
        }

        /// <summary>Checks the DataAnnotations constraints of a route, query or header value once it is bound.</summary>
        private void CheckConstraints(ParameterModel parameter, string variable)
        {
            if (parameter.Constraints is null)
            {
                return;
            }

            var location = parameter.Source switch { ParameterSource.Route => "path", ParameterSource.Header => "header", _ => "query" };
            var valueType = parameter.Type.IsValueType;
            var nullableValue = valueType && parameter.IsNullable;
            // A non-nullable reference is set whenever binding succeeded (required, or a default); testing it for null would
            // make the compiler think it may be null where it is passed to the operation.
            var mayBeNull = parameter.IsNullable || (!valueType && parameter.IsOptional && parameter.DefaultValueCSharp is null);
            writer.Open(!mayBeNull ? "if (errors is null)" : $"if (errors is null && {variable} is not null)");
            writer.Line($"var validation = global::Galaxy.Api.Toolkit.Validation.ValidationContext.Rent({Literal(location)});");
            writer.Line($"validation.Push({Literal(parameter.WireNameUnder(naming))});");
            var clrType = parameter.Collection != CollectionKind.None ? parameter.Type.FullyQualifiedName
                : parameter.Scalar!.Kind switch
                {
                    ScalarKind.String => "string",
                    ScalarKind.Int32 => "int",
                    ScalarKind.Int64 => "long",
                    ScalarKind.Double => "double",
                    _ => parameter.Scalar.ValueType.FullyQualifiedName,
                };
            writer.Line("var context = validation;");
            var count = parameter.Collection switch { CollectionKind.Array => variable + ".Length", CollectionKind.None => null, _ => variable + ".Count" };
            ValidationPlan.EmitValueChecks(writer, nullableValue ? variable + ".Value" : variable, parameter.Schema!, parameter.Constraints, clrType, statics, count);
            writer.Line("validation.Pop();");
            writer.Line("validation.TakeErrors(ref errors);");
            writer.Line("global::Galaxy.Api.Toolkit.Validation.ValidationContext.Return(validation);");
            writer.Close();
            writer.Line();
        }

        private void BindBody(ParameterModel parameter, string variable)
        {
            var formats = parameter.BodyFormat switch
            {
                BodyFormat.Form => $"{Binding}.BodyFormats.Form",
                BodyFormat.JsonOrForm => $"{Binding}.BodyFormats.Json | {Binding}.BodyFormats.Form",
                _ => $"{Binding}.BodyFormats.Json",
            };
            writer.Line($"var {variable}Body = await {Binding}.RequestBody.ReadAsync(httpContext, {ContractField(parameter.Type)}, _api.MaxJsonBodyBytes, {formats});");
            writer.Open($"if ({variable}Body.Error is {{ }} {variable}Error)");
            writer.Open($"if ({variable}Error.ValidationErrors.Count == 0)");
            writer.Line($"await {Toolkit}.GalaxyErrorResponse.WriteAsync(httpContext, {variable}Error);");
            writer.Line("return;");
            writer.Close();
            writer.Line();
            writer.Open($"foreach (var failure in {variable}Error.ValidationErrors)");
            writer.Line($"{Errors}.Add(ref errors, failure);");
            writer.Close();
            writer.Close();
            if (!parameter.IsOptional)
            {
                writer.Open($"else if ({variable}Body.IsMissing)");
                writer.Line($"{Errors}.Add(ref errors, {ParameterErrors}.MissingBody());");
                writer.Close();
            }

            writer.Line($"var {variable} = {variable}Body.Value{(parameter.IsOptional ? string.Empty : "!")};");
            if (plan.Needs(parameter.Schema?.ComponentId))
            {
                writer.Open($"if ({variable}Body.Error is null && !{variable}Body.IsMissing)");
                writer.Line("var validation = global::Galaxy.Api.Toolkit.Validation.ValidationContext.Rent(\"body\");");
                writer.Line($"global::Galaxy.Api.Toolkit.Generated.{ValidationPlan.ClassName}.{ValidationPlan.MethodName(parameter.Schema!.ComponentId!)}({variable}!, validation);");
                writer.Line("validation.TakeErrors(ref errors);");
                writer.Line("global::Galaxy.Api.Toolkit.Validation.ValidationContext.Return(validation);");
                writer.Close();
            }

            var userValidators = validators.Where(v => v.ValidatedId == parameter.Schema?.ComponentId).ToList();
            if (userValidators.Count > 0)
            {
                // The user's FluentValidation rules run once the value passed the generated checks.
                writer.Open($"if (errors is null && !{variable}Body.IsMissing)");
                for (var v = 0; v < userValidators.Count; v++)
                {
                    var validator = userValidators[v];
                    writer.Line($"var userValidator{v} = new {validator.Validator.FullyQualifiedName}({string.Join(", ", validator.ConstructorParameters.Select(static p => Service(p.Type, p.IsOptional, p.ServiceKey)))});");
                    writer.Line($"var userResult{v} = await ((global::FluentValidation.IValidator<{parameter.Type.FullyQualifiedName}>)userValidator{v}).ValidateAsync({variable}!, httpContext.RequestAborted);");
                    writer.Line($"global::Galaxy.Api.Toolkit.Validation.UserValidation.Add(ref errors, userResult{v}, \"body\", {ContractField(parameter.Type)});");
                }

                writer.Close();
            }

            writer.Line();
        }

        private void BuildGroup(ParameterModel parameter, GroupModel group, string variable)
        {
            var members = group.Members.Select((m, j) => (Member: m, Variable: $"{variable}_{j}")).ToList();
            var byName = members.ToDictionary(static m => m.Member.Name, static m => m.Variable, System.StringComparer.Ordinal);
            var arguments = string.Join(", ", group.ConstructorArguments.Select(a => byName[a]));
            var initializers = group.InitializedMembers.Select(m => $"{m} = {byName[m]}").ToList();
            writer.Line(initializers.Count == 0
                ? $"var {variable} = new {parameter.Type.FullyQualifiedName}({arguments});"
                : $"var {variable} = new {parameter.Type.FullyQualifiedName}({arguments}) {{ {string.Join(", ", initializers)} }};");
        }

        private string Parse(ScalarModel scalar, string raw, string value) => scalar.Kind switch
        {
            ScalarKind.Enum => $"TryParse_{scalar.ValueType.Identifier}({raw}, out var {value})",
            ScalarKind.GalaxyId => $"{Binding}.IdValues.TryParse(_api.Ids, {raw}, out var {value}, ref malformedId)",
            _ => $"{Binding}.ScalarParser.TryParse{scalar.Kind}({raw}, out var {value})",
        };

        private string Invalid(ScalarModel scalar, string location, string name, string? index)
        {
            var indexArgument = index is null ? string.Empty : ", " + index;
            return scalar.Kind switch
            {
                ScalarKind.Enum => $"{ParameterErrors}.InvalidEnum({Literal(location)}, {Literal(name)}, {Literal(Expected(scalar.Enum!, naming))}{indexArgument})",
                ScalarKind.GalaxyId => $"{ParameterErrors}.InvalidId({Literal(location)}, {Literal(name)}{indexArgument})",
                _ => $"{ParameterErrors}.Invalid({Binding}.ScalarKind.{scalar.Kind}, {Literal(location)}, {Literal(name)}{indexArgument})",
            };
        }

        private static (string Reader, string Location) Reader(ParameterSource source) => source switch
        {
            ParameterSource.Route => ("Route", "path"),
            ParameterSource.Header => ("Header", "header"),
            _ => ("Query", "query"),
        };
    }

    private static void EmitEnumParser(SourceWriter writer, EnumModel enumModel, JsonNaming naming)
    {
        writer.Line("/// <summary>Parses an enum value by exactly one of the JSON names the document lists.</summary>");
        writer.Open($"private static bool TryParse_{enumModel.Type.Identifier}(string value, out {enumModel.Type.FullyQualifiedName} result)");
        foreach (var member in enumModel.Members)
        {
            writer.Open($"if (string.Equals(value, {Literal(WireName(member, naming))}, global::System.StringComparison.Ordinal))");
            writer.Line($"result = {enumModel.Type.FullyQualifiedName}.{member.Name};");
            writer.Line("return true;");
            writer.Close();
            writer.Line();
        }

        writer.Line("result = default;");
        writer.Line("return false;");
        writer.Close();
    }

    public static string WireName(EnumMemberModel member, JsonNaming naming) => member.ExplicitWireName ?? JsonNames.Convert(naming, member.Name);

    /// <summary>The allowed values as pydantic lists them: <c>'a', 'b' or 'c'</c>.</summary>
    private static string Expected(EnumModel enumModel, JsonNaming naming)
    {
        var names = enumModel.Members.Select(m => "'" + WireName(m, naming) + "'").ToList();
        return names.Count <= 1 ? string.Concat(names) : string.Join(", ", names.Take(names.Count - 1)) + " or " + names[names.Count - 1];
    }

    private static IEnumerable<EnumModel> Enums(RouterModel router)
        => router.Operations.SelectMany(static o => o.RequestParameters)
            .Select(static p => p.Scalar?.Enum)
            .Where(static e => e is not null)
            .GroupBy(static e => e!.Type.Identifier)
            .OrderBy(static g => g.Key, System.StringComparer.Ordinal)
            .Select(static g => g.First()!);

    /// <summary>The services the router's constructor and operations cannot do without, checked once at start-up.</summary>
    private static List<(TypeRef Type, string? Key)> RequiredServices(RouterModel router)
        => router.ConstructorParameters.Where(static p => !p.IsOptional).Select(static p => (p.Type, p.ServiceKey))
            .Concat(router.Operations.SelectMany(static o => o.RequestParameters)
                .Where(static p => p.Source is ParameterSource.Services or ParameterSource.KeyedServices && !p.IsOptional)
                .Select(static p => (p.Type, p.ServiceKey)))
            .GroupBy(static s => s.Type.FullyQualifiedName + "|" + s.ServiceKey)
            .OrderBy(static g => g.Key, System.StringComparer.Ordinal)
            .Select(static g => g.First())
            .ToList();

    /// <summary>Every type the router reads or writes as JSON; resolved once at start-up, so a missing contract fails there.</summary>
    private static List<TypeRef> JsonContracts(RouterModel router) => router.JsonContracts().Select(static c => c.Type).ToList();

    private static string DeclaredType(ParameterModel parameter)
        => parameter.Type.FullyQualifiedName + (parameter.IsNullable && !parameter.Type.IsValueType ? "?" : string.Empty);

    private static string Service(TypeRef type, bool optional, string? key)
        => key is null
            ? $"{DependencyInjection}.ServiceProviderServiceExtensions.{(optional ? "GetService" : "GetRequiredService")}<{type.FullyQualifiedName}>(httpContext.RequestServices)"
            : $"{DependencyInjection}.ServiceProviderKeyedServiceExtensions.{(optional ? "GetKeyedService" : "GetRequiredKeyedService")}<{type.FullyQualifiedName}>(httpContext.RequestServices, {key})";

    private static string ContractField(TypeRef type) => "_json_" + type.Identifier;

    private static string HandlerName(OperationModel operation, int index) => $"Handle{index}_{operation.MethodName}";

    private static string Pascal(string httpMethod) => httpMethod.Substring(0, 1) + httpMethod.Substring(1).ToLowerInvariant();

    public static string Literal(string? value) => value is null ? "null" : SymbolDisplay.FormatLiteral(value, quote: true);
}
