using System.Collections.Generic;
using System.Linq;
using Galaxy.Api.Toolkit.Generators.Model;
using Galaxy.Api.Toolkit.Generators.Parsing;
using Microsoft.CodeAnalysis.CSharp;

namespace Galaxy.Api.Toolkit.Generators.Emitting;

/// <summary>
/// Emits one router's handlers: a class holding the JSON contracts it needs and one hand-shaped
/// <c>RequestDelegate</c> per operation (bind, collect every failure, create the router, call, write JSON).
/// </summary>
internal static class EndpointEmitter
{
    private const string Runtime = "global::Galaxy.Api.Toolkit";
    private const string Errors = Runtime + ".RequestValidationErrors";
    private const string ParameterErrors = Runtime + ".Binding.ParameterErrors";
    private const string HttpContext = "global::Microsoft.AspNetCore.Http.HttpContext";
    private const string TaskType = "global::System.Threading.Tasks.Task";

    public static string ClassName(RouterModel router) => router.Type.Identifier + "_Endpoints";

    public static string HintName(RouterModel router) => router.Type.Identifier + ".Endpoints.g.cs";

    public static string Emit(RouterModel router, DocumentOptionsModel options)
    {
        var writer = new SourceWriter();
        writer.Raw(SourceWriter.Header);
        writer.Open("namespace Galaxy.Api.Toolkit.Generated");
        writer.Line($"/// <summary>The generated request handlers of <see cref=\"{router.Type.FullyQualifiedName.Replace("global::", string.Empty)}\"/>.</summary>");
        writer.Line(SourceWriter.GeneratedCode);
        writer.Open($"internal sealed class {ClassName(router)}");

        var contracts = JsonContracts(router);
        writer.Line($"private readonly global::Galaxy.Api.Toolkit.Hosting.GalaxyApiContext _api;");
        foreach (var contract in contracts)
        {
            writer.Line($"private readonly global::System.Text.Json.Serialization.Metadata.JsonTypeInfo<{contract.FullyQualifiedName}> {ContractField(contract)};");
        }

        writer.Line();
        writer.Open($"public {ClassName(router)}(global::Galaxy.Api.Toolkit.Hosting.GalaxyApiContext api)");
        writer.Line("_api = api;");
        foreach (var contract in contracts)
        {
            writer.Line($"{ContractField(contract)} = api.GetJsonTypeInfo<{contract.FullyQualifiedName}>();");
        }

        writer.Close();
        writer.Line();
        EmitMap(writer, router);
        for (var i = 0; i < router.Operations.Count; i++)
        {
            writer.Line();
            EmitHandler(writer, router, router.Operations[i], i, options);
        }

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
            var body = operation.Parameters.FirstOrDefault(static p => p.Source == ParameterSource.Body);
            writer.Line("global::Galaxy.Api.Toolkit.Hosting.OperationMetadata.Apply(");
            writer.Line($"    global::Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapMethods(endpoints, {Literal(operation.RouteTemplate)}, global::Galaxy.Api.Toolkit.Hosting.OperationMetadata.{Pascal(operation.HttpMethod)}, new global::Microsoft.AspNetCore.Http.RequestDelegate({HandlerName(operation, i)})),");
            writer.Line($"    operationId: {Literal(operation.OperationId)},");
            writer.Line($"    tag: {Literal(router.Tag)},");
            writer.Line($"    summary: {Literal(operation.Summary)},");
            writer.Line($"    description: {Literal(operation.Description)},");
            writer.Line($"    requestType: {(body is null ? "null" : $"typeof({body.Type.FullyQualifiedName})")},");
            writer.Line($"    requestIsOptional: {(body?.IsOptional == true ? "true" : "false")},");
            writer.Line($"    responseType: {(operation.Return.ValueType is { } response ? $"typeof({response.FullyQualifiedName})" : "null")});");
        }

        writer.Close();
    }

    private static void EmitHandler(SourceWriter writer, RouterModel router, OperationModel operation, int index, DocumentOptionsModel options)
    {
        writer.Line($"// {operation.HttpMethod} {operation.RouteTemplate}");
        writer.Open($"private async {TaskType} {HandlerName(operation, index)}({HttpContext} httpContext)");
        writer.Line($"{Errors}? errors = null;");
        var arguments = new List<string>();
        for (var i = 0; i < operation.Parameters.Count; i++)
        {
            var parameter = operation.Parameters[i];
            arguments.Add(EmitBinding(writer, parameter, i, options.Naming));
        }

        writer.Open("if (errors is not null)");
        writer.Line("await errors.WriteAsync(httpContext);");
        writer.Line("return;");
        writer.Close();
        writer.Line();

        var target = operation.IsStatic ? router.Type.FullyQualifiedName : "router";
        if (!operation.IsStatic)
        {
            var services = router.ConstructorParameters.Select(static p => Service(p.Type, p.IsOptional));
            writer.Line($"var router = new {router.Type.FullyQualifiedName}({string.Join(", ", services)});");
        }

        var call = $"{target}.{operation.MethodName}({string.Join(", ", arguments)})";
        switch (operation.Return.Kind)
        {
            case ReturnKind.Void:
                writer.Line(call + ";");
                writer.Line("await global::Galaxy.Api.Toolkit.Binding.JsonResponse.WriteNullAsync(httpContext);");
                break;
            case ReturnKind.Task:
            case ReturnKind.ValueTask:
                writer.Line($"await {call};");
                writer.Line("await global::Galaxy.Api.Toolkit.Binding.JsonResponse.WriteNullAsync(httpContext);");
                break;
            case ReturnKind.Value:
                writer.Line($"var result = {call};");
                writer.Line($"await global::Galaxy.Api.Toolkit.Binding.JsonResponse.WriteAsync(httpContext, result, {ContractField(operation.Return.ValueType!)});");
                break;
            default:
                writer.Line($"var result = await {call};");
                writer.Line($"await global::Galaxy.Api.Toolkit.Binding.JsonResponse.WriteAsync(httpContext, result, {ContractField(operation.Return.ValueType!)});");
                break;
        }

        writer.Close();
    }

    /// <summary>Emits the binding of one parameter and returns the argument expression.</summary>
    private static string EmitBinding(SourceWriter writer, ParameterModel parameter, int i, JsonNaming naming)
    {
        switch (parameter.Source)
        {
            case ParameterSource.CancellationToken:
                return "httpContext.RequestAborted";
            case ParameterSource.HttpContext:
                return "httpContext";
            case ParameterSource.Services:
                return Service(parameter.Type, parameter.IsOptional);
            case ParameterSource.Body:
                EmitBody(writer, parameter, i);
                return $"p{i}";
        }

        var scalar = parameter.Scalar!;
        var (reader, location) = parameter.Source switch
        {
            ParameterSource.Route => ("Route", "path"),
            ParameterSource.Header => ("Header", "header"),
            _ => ("Query", "query"),
        };
        var declared = DeclaredType(parameter);
        var initial = parameter.DefaultValueCSharp ?? (parameter.IsNullable ? "null" : scalar.Kind == ScalarKind.String ? "default!" : "default");
        writer.Line($"{declared} p{i} = {initial};");
        writer.Line($"var r{i} = global::Galaxy.Api.Toolkit.Binding.RequestValues.{reader}(httpContext, {Literal(parameter.WireName)});");
        var missing = $"{Errors}.Add(ref errors, {ParameterErrors}.Missing({Literal(location)}, {Literal(parameter.WireName)}));";
        if (scalar.Kind == ScalarKind.String)
        {
            if (parameter.IsOptional)
            {
                writer.Open($"if (r{i} is not null)").Line($"p{i} = r{i};").Close();
            }
            else
            {
                writer.Open($"if (r{i} is null)").Line(missing).Close();
                writer.Open("else").Line($"p{i} = r{i};").Close();
            }

            writer.Line();
            return $"p{i}";
        }

        var parse = scalar.Kind == ScalarKind.Enum
            ? $"TryParse_{scalar.ValueType.Identifier}"
            : $"global::Galaxy.Api.Toolkit.Binding.ScalarParser.TryParse{scalar.Kind}";
        var invalid = scalar.Enum is { } enumModel
            ? $"{ParameterErrors}.InvalidEnum({Literal(location)}, {Literal(parameter.WireName)}, {Literal(Expected(enumModel, naming))})"
            : $"{ParameterErrors}.Invalid(global::Galaxy.Api.Toolkit.Binding.ScalarKind.{scalar.Kind}, {Literal(location)}, {Literal(parameter.WireName)})";
        if (parameter.IsOptional)
        {
            writer.Open($"if (r{i} is not null)");
            writer.Open($"if ({parse}(r{i}, out var v{i}))").Line($"p{i} = v{i};").Close();
        }
        else
        {
            writer.Open($"if (r{i} is null)").Line(missing).Close();
            writer.Open($"else if ({parse}(r{i}, out var v{i}))").Line($"p{i} = v{i};").Close();
        }

        writer.Open("else").Line($"{Errors}.Add(ref errors, {invalid});").Close();
        if (parameter.IsOptional)
        {
            writer.Close();
        }

        writer.Line();
        return $"p{i}";
    }

    private static void EmitBody(SourceWriter writer, ParameterModel parameter, int i)
    {
        writer.Line($"var b{i} = await global::Galaxy.Api.Toolkit.Binding.JsonBody.ReadAsync(httpContext, {ContractField(parameter.Type)}, _api.MaxJsonBodyBytes);");
        writer.Open($"if (b{i}.Error is {{ }} bodyError{i})");
        writer.Open($"if (bodyError{i}.ValidationErrors.Count == 0)");
        writer.Line($"await global::Galaxy.Api.Toolkit.GalaxyErrorResponse.WriteAsync(httpContext, bodyError{i});");
        writer.Line("return;");
        writer.Close();
        writer.Line();
        writer.Open($"foreach (var failure in bodyError{i}.ValidationErrors)");
        writer.Line($"{Errors}.Add(ref errors, failure);");
        writer.Close();
        writer.Close();
        if (!parameter.IsOptional)
        {
            writer.Open($"else if (b{i}.IsMissing)");
            writer.Line($"{Errors}.Add(ref errors, {ParameterErrors}.MissingBody());");
            writer.Close();
        }

        writer.Line($"var p{i} = b{i}.Value{(parameter.IsOptional ? string.Empty : "!")};");
        writer.Line();
    }

    private static void EmitEnumParser(SourceWriter writer, EnumModel enumModel, JsonNaming naming)
    {
        writer.Line("/// <summary>Parses a wire name of the enum, ignoring case.</summary>");
        writer.Open($"private static bool TryParse_{enumModel.Type.Identifier}(string value, out {enumModel.Type.FullyQualifiedName} result)");
        foreach (var member in enumModel.Members)
        {
            writer.Open($"if (string.Equals(value, {Literal(WireName(member, naming))}, global::System.StringComparison.OrdinalIgnoreCase))");
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
        => router.Operations.SelectMany(static o => o.Parameters)
            .Select(static p => p.Scalar?.Enum)
            .Where(static e => e is not null)
            .GroupBy(static e => e!.Type.Identifier)
            .OrderBy(static g => g.Key, System.StringComparer.Ordinal)
            .Select(static g => g.First()!);

    private static List<TypeRef> JsonContracts(RouterModel router)
        => router.Operations
            .SelectMany(static o => o.Parameters.Where(static p => p.Source == ParameterSource.Body).Select(static p => p.Type).Concat(o.Return.ValueType is { } t ? [t] : []))
            .GroupBy(static t => t.Identifier)
            .OrderBy(static g => g.Key, System.StringComparer.Ordinal)
            .Select(static g => g.First())
            .ToList();

    private static string DeclaredType(ParameterModel parameter)
        => parameter.Type.FullyQualifiedName + (parameter.IsNullable && !parameter.Type.IsValueType ? "?" : string.Empty);

    private static string Service(TypeRef type, bool optional)
        => optional
            ? $"global::Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetService<{type.FullyQualifiedName}>(httpContext.RequestServices)"
            : $"global::Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<{type.FullyQualifiedName}>(httpContext.RequestServices)";

    private static string ContractField(TypeRef type) => "_json_" + type.Identifier;

    private static string HandlerName(OperationModel operation, int index) => $"Handle{index}_{operation.MethodName}";

    private static string Pascal(string httpMethod) => httpMethod.Substring(0, 1) + httpMethod.Substring(1).ToLowerInvariant();

    public static string Literal(string? value) => value is null ? "null" : SymbolDisplay.FormatLiteral(value, quote: true);
}
