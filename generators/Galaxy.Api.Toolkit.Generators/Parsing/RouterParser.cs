using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using Galaxy.Api.Toolkit.Generators.Diagnostics;
using Galaxy.Api.Toolkit.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Galaxy.Api.Toolkit.Generators.Parsing;

/// <summary>Parses one <c>[ApiRouter]</c> class into a <see cref="RouterModel"/>; problems become diagnostics in the model.</summary>
internal static class RouterParser
{
    private static readonly Regex NonWord = new(@"\W", RegexOptions.CultureInvariant);

    private static readonly Dictionary<string, string> Verbs = new(System.StringComparer.Ordinal)
    {
        ["Galaxy.Api.Toolkit.GetAttribute"] = "GET",
        ["Galaxy.Api.Toolkit.PostAttribute"] = "POST",
        ["Galaxy.Api.Toolkit.PutAttribute"] = "PUT",
        ["Galaxy.Api.Toolkit.PatchAttribute"] = "PATCH",
        ["Galaxy.Api.Toolkit.DeleteAttribute"] = "DELETE",
    };

    public static RouterModel Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var type = (INamedTypeSymbol)context.TargetSymbol;
        var attribute = context.Attributes[0];
        var tag = attribute.ConstructorArguments.FirstOrDefault().Value as string ?? type.Name;
        var description = NamedString(attribute, "Description");
        var diagnostics = new List<DiagnosticInfo>();
        var known = new KnownSymbols(context.SemanticModel.Compilation);
        var schemas = new SchemaParser(known, cancellationToken);
        var location = type.Locations.FirstOrDefault();

        CheckRouterClass(type, location, diagnostics);
        var constructorParameters = type.IsStatic ? EquatableArray<ServiceParameterModel>.Empty : Constructor(type, location, diagnostics);

        var operations = new List<OperationModel>();
        foreach (var method in type.GetMembers().OfType<IMethodSymbol>().OrderBy(static m => m.Locations.FirstOrDefault()?.SourceSpan.Start ?? 0))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var verb = method.GetAttributes().FirstOrDefault(a => a.AttributeClass is { } c && Verbs.ContainsKey(c.ToDisplayString()));
            if (verb is null)
            {
                continue;
            }

            var operation = ParseOperation(type, method, verb, known, schemas, diagnostics);
            if (operation is not null)
            {
                operations.Add(operation);
            }
        }

        return new RouterModel(
            TypeRefs.From(type),
            tag,
            description ?? DocumentationComment.For(type).Summary,
            constructorParameters,
            operations.ToEquatableArray(),
            schemas.Components,
            diagnostics.ToEquatableArray());
    }

    private static void CheckRouterClass(INamedTypeSymbol type, Location? location, List<DiagnosticInfo> diagnostics)
    {
        string? problem = null;
        for (var current = type; current is not null && problem is null; current = current.ContainingType)
        {
            if (current.DeclaredAccessibility != Accessibility.Public)
            {
                problem = SymbolEqualityComparer.Default.Equals(current, type) ? "it is not public" : $"its containing type '{current.Name}' is not public";
            }
            else if (current.IsGenericType)
            {
                problem = SymbolEqualityComparer.Default.Equals(current, type) ? "it is generic" : $"its containing type '{current.Name}' is generic";
            }
        }

        if (problem is null && type.IsAbstract && !type.IsStatic)
        {
            problem = "it is abstract";
        }

        if (problem is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidRouterClass, location, type.ToDisplayString(), problem));
        }
    }

    private static EquatableArray<ServiceParameterModel> Constructor(INamedTypeSymbol type, Location? location, List<DiagnosticInfo> diagnostics)
    {
        var candidates = type.InstanceConstructors.Where(static c => c.DeclaredAccessibility == Accessibility.Public).ToList();
        var marked = candidates.Where(static c => SchemaParser.HasAttribute(c, KnownTypeNames.ActivatorUtilitiesConstructorAttribute)).ToList();
        var chosen = marked.Count == 1 ? marked[0] : candidates.Count == 1 ? candidates[0] : null;
        if (chosen is null)
        {
            var found = candidates.Count == 0 ? "no public constructor" : candidates.Count.ToString(CultureInfo.InvariantCulture) + " public constructors";
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NoUsableConstructor, location, type.ToDisplayString(), found));
            return EquatableArray<ServiceParameterModel>.Empty;
        }

        return chosen.Parameters.Select(static p => new ServiceParameterModel(TypeRefs.From(p.Type), p.HasExplicitDefaultValue || p.NullableAnnotation == NullableAnnotation.Annotated)).ToEquatableArray();
    }

    private static OperationModel? ParseOperation(INamedTypeSymbol router, IMethodSymbol method, AttributeData verb, KnownSymbols known, SchemaParser schemas, List<DiagnosticInfo> diagnostics)
    {
        var httpMethod = Verbs[verb.AttributeClass!.ToDisplayString()];
        var route = verb.ConstructorArguments.FirstOrDefault().Value as string ?? string.Empty;
        var location = verb.ApplicationSyntaxReference?.GetSyntax().GetLocation() ?? method.Locations.FirstOrDefault();
        var methodLocation = method.Locations.FirstOrDefault();
        var displayName = router.Name + "." + method.Name;
        var errorsBefore = diagnostics.Count(static d => d.IsError);

        var template = RouteTemplate.Parse(route);
        if (template.Error is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidRouteTemplate, location, route, displayName, template.Error));
        }

        if (!method.IsStatic && router.IsStatic)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidRouterClass, methodLocation, router.ToDisplayString(), "it is static but declares an instance operation"));
        }

        var documentation = DocumentationComment.For(method);
        var parameters = new List<ParameterModel>();
        ParameterModel? body = null;
        foreach (var parameter in method.Parameters)
        {
            var model = ParseParameter(parameter, template, httpMethod, known, schemas, diagnostics, documentation);
            if (model is null)
            {
                continue;
            }

            if (model.Source == ParameterSource.Body)
            {
                if (body is not null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MultipleBodyParameters, parameter.Locations.FirstOrDefault(), displayName, body.Name, model.Name));
                }
                else if (httpMethod == "GET")
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BodyNotAllowed, parameter.Locations.FirstOrDefault(), displayName, httpMethod, model.Name));
                }

                body ??= model;
            }

            parameters.Add(model);
        }

        foreach (var routeParameter in template.Parameters)
        {
            if (!parameters.Any(p => p.Source == ParameterSource.Route && string.Equals(p.WireName, routeParameter, System.StringComparison.OrdinalIgnoreCase)))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.RouteParameterWithoutMethodParameter, location, routeParameter, route, displayName));
            }
        }

        var returns = ParseReturn(method, known, schemas, diagnostics, displayName);
        if (diagnostics.Count(static d => d.IsError) > errorsBefore)
        {
            return null;
        }

        var operationId = NamedString(verb, "OperationId")
            ?? NonWord.Replace(JsonNames.Convert(JsonNaming.SnakeCaseLower, method.Name) + template.DocumentPath, "_") + "_" + httpMethod.ToLowerInvariant();
        var summary = NamedString(verb, "Summary") ?? documentation.Summary;
        return new OperationModel(
            httpMethod,
            route,
            template.DocumentPath,
            method.Name,
            method.IsStatic,
            operationId,
            summary,
            documentation.Remarks,
            parameters.ToEquatableArray(),
            returns,
            SchemaParser.HasAttribute(method, KnownTypeNames.ObsoleteAttribute),
            LocationInfo.From(location));
    }

    private static ParameterModel? ParseParameter(IParameterSymbol parameter, RouteTemplate template, string httpMethod, KnownSymbols known, SchemaParser schemas, List<DiagnosticInfo> diagnostics, DocumentationComment documentation)
    {
        var type = parameter.Type;
        var location = parameter.Locations.FirstOrDefault();
        var typeRef = TypeRefs.From(type);
        if (SymbolEqualityComparer.Default.Equals(type, known.CancellationToken))
        {
            return Simple(ParameterSource.CancellationToken);
        }

        if (SymbolEqualityComparer.Default.Equals(type, known.HttpContext))
        {
            return Simple(ParameterSource.HttpContext);
        }

        var (source, explicitName) = ExplicitSource(parameter, known);
        var inRoute = template.Parameters.FirstOrDefault(p => string.Equals(p, parameter.Name, System.StringComparison.OrdinalIgnoreCase));
        var scalar = Scalar(type, schemas);
        if (source is null)
        {
            source = inRoute is not null ? ParameterSource.Route
                : scalar is not null ? ParameterSource.Query
                : type.TypeKind is TypeKind.Interface || type.IsAbstract ? ParameterSource.Services
                : ParameterSource.Body;
        }

        var wireName = explicitName ?? (source == ParameterSource.Route ? inRoute ?? parameter.Name : parameter.Name);
        if (source == ParameterSource.Route && !template.Parameters.Any(p => string.Equals(p, wireName, System.StringComparison.OrdinalIgnoreCase)))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.FromRouteWithoutRouteParameter, location, wireName, template.DocumentPath));
            return null;
        }

        if (source == ParameterSource.Services)
        {
            return Simple(ParameterSource.Services) with { IsOptional = parameter.HasExplicitDefaultValue || parameter.NullableAnnotation == NullableAnnotation.Annotated };
        }

        var nullable = parameter.NullableAnnotation == NullableAnnotation.Annotated || type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T;
        if (source == ParameterSource.Body)
        {
            var bodySchema = schemas.Describe(type, parameter.NullableAnnotation);
            if (bodySchema.Kind is not (SchemaKind.Reference or SchemaKind.Array or SchemaKind.Dictionary or SchemaKind.Any or SchemaKind.String or SchemaKind.Integer or SchemaKind.Number or SchemaKind.Boolean))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedParameterType, location, parameter.Name, type.ToDisplayString(), "the body"));
                return null;
            }

            return new ParameterModel(parameter.Name, parameter.Name, ParameterSource.Body, typeRef, null, bodySchema, nullable, nullable || parameter.HasExplicitDefaultValue, null, null, null, documentation.Param(parameter.Name));
        }

        if (scalar is null)
        {
            var where = source switch { ParameterSource.Route => "the route", ParameterSource.Query => "the query string", _ => "a header" };
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedParameterType, location, parameter.Name, type.ToDisplayString(), where));
            return null;
        }

        var (csharpDefault, jsonDefault, enumDefault) = parameter.HasExplicitDefaultValue ? DefaultValue(parameter, scalar) : (null, null, null);
        var optional = source != ParameterSource.Route && (nullable || parameter.HasExplicitDefaultValue || parameter.NullableAnnotation == NullableAnnotation.None && !type.IsValueType);
        return new ParameterModel(
            parameter.Name,
            wireName,
            source.Value,
            typeRef,
            scalar,
            schemas.Describe(type, parameter.NullableAnnotation),
            nullable,
            optional,
            csharpDefault,
            jsonDefault,
            enumDefault,
            documentation.Param(parameter.Name));

        ParameterModel Simple(ParameterSource simpleSource)
            => new(parameter.Name, parameter.Name, simpleSource, typeRef, null, null, false, false, null, null, null, null);
    }

    private static (ParameterSource? Source, string? Name) ExplicitSource(IParameterSymbol parameter, KnownSymbols known)
    {
        foreach (var attribute in parameter.GetAttributes())
        {
            var attributeClass = attribute.AttributeClass;
            if (attributeClass is null)
            {
                continue;
            }

            var name = NamedString(attribute, "Name");
            if (KnownSymbols.Implements(attributeClass, known.FromRoute))
            {
                return (ParameterSource.Route, name);
            }

            if (KnownSymbols.Implements(attributeClass, known.FromQuery))
            {
                return (ParameterSource.Query, name);
            }

            if (KnownSymbols.Implements(attributeClass, known.FromHeader))
            {
                return (ParameterSource.Header, name);
            }

            if (KnownSymbols.Implements(attributeClass, known.FromBody))
            {
                return (ParameterSource.Body, null);
            }

            if (KnownSymbols.Implements(attributeClass, known.FromServices))
            {
                return (ParameterSource.Services, null);
            }
        }

        return (null, null);
    }

    private static ScalarModel? Scalar(ITypeSymbol type, SchemaParser schemas)
    {
        var nullableValueType = false;
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } wrapper)
        {
            type = wrapper.TypeArguments[0];
            nullableValueType = true;
        }

        ScalarKind? kind = type.SpecialType switch
        {
            SpecialType.System_String => ScalarKind.String,
            SpecialType.System_Boolean => ScalarKind.Boolean,
            SpecialType.System_Byte => ScalarKind.Byte,
            SpecialType.System_SByte => ScalarKind.SByte,
            SpecialType.System_Int16 => ScalarKind.Int16,
            SpecialType.System_UInt16 => ScalarKind.UInt16,
            SpecialType.System_Int32 => ScalarKind.Int32,
            SpecialType.System_UInt32 => ScalarKind.UInt32,
            SpecialType.System_Int64 => ScalarKind.Int64,
            SpecialType.System_UInt64 => ScalarKind.UInt64,
            SpecialType.System_Single => ScalarKind.Single,
            SpecialType.System_Double => ScalarKind.Double,
            SpecialType.System_Decimal => ScalarKind.Decimal,
            SpecialType.System_DateTime => ScalarKind.DateTime,
            _ => type.TypeKind == TypeKind.Enum ? ScalarKind.Enum : type.ToDisplayString() switch
            {
                "System.Guid" => ScalarKind.Guid,
                "System.DateTimeOffset" => ScalarKind.DateTimeOffset,
                "System.DateOnly" => ScalarKind.DateOnly,
                _ => null,
            },
        };

        if (kind is null)
        {
            return null;
        }

        var enumModel = kind == ScalarKind.Enum ? schemas.DescribeEnum((INamedTypeSymbol)type) : null;
        return new ScalarModel(kind.Value, TypeRefs.From(type), nullableValueType, enumModel);
    }

    private static (string? CSharp, string? Json, string? EnumMember) DefaultValue(IParameterSymbol parameter, ScalarModel scalar)
    {
        var value = parameter.ExplicitDefaultValue;
        if (value is null)
        {
            return ("null", null, null);
        }

        if (scalar.Enum is { } enumModel)
        {
            var text = System.Convert.ToString(value, CultureInfo.InvariantCulture);
            var member = enumModel.Members.FirstOrDefault(m => m.Value == text);
            return member is null
                ? ($"({scalar.ValueType.FullyQualifiedName})({text})", null, null)
                : ($"{scalar.ValueType.FullyQualifiedName}.{member.Name}", null, member.Name);
        }

        var invariant = System.Convert.ToString(value, CultureInfo.InvariantCulture)!;
        return value switch
        {
            string s => (SymbolDisplay.FormatLiteral(s, quote: true), s, null),
            bool b => (b ? "true" : "false", b ? "true" : "false", null),
            float f => (f.ToString("R", CultureInfo.InvariantCulture) + "F", f.ToString("R", CultureInfo.InvariantCulture), null),
            double d => (d.ToString("R", CultureInfo.InvariantCulture) + "D", d.ToString("R", CultureInfo.InvariantCulture), null),
            decimal m => (m.ToString(CultureInfo.InvariantCulture) + "M", m.ToString(CultureInfo.InvariantCulture), null),
            int => (invariant, invariant, null),
            _ => ($"({scalar.ValueType.FullyQualifiedName})({invariant})", invariant, null),
        };
    }

    private static ReturnModel ParseReturn(IMethodSymbol method, KnownSymbols known, SchemaParser schemas, List<DiagnosticInfo> diagnostics, string displayName)
    {
        var type = method.ReturnType;
        if (method.ReturnsVoid)
        {
            return new ReturnModel(ReturnKind.Void, null, null);
        }

        ReturnKind kind;
        ITypeSymbol? valueType;
        NullableAnnotation annotation;
        if (type is INamedTypeSymbol { IsGenericType: true } generic && SymbolEqualityComparer.Default.Equals(generic.OriginalDefinition, known.TaskOfT))
        {
            (kind, valueType, annotation) = (ReturnKind.TaskOfValue, generic.TypeArguments[0], generic.TypeArgumentNullableAnnotations[0]);
        }
        else if (type is INamedTypeSymbol { IsGenericType: true } valueGeneric && SymbolEqualityComparer.Default.Equals(valueGeneric.OriginalDefinition, known.ValueTaskOfT))
        {
            (kind, valueType, annotation) = (ReturnKind.ValueTaskOfValue, valueGeneric.TypeArguments[0], valueGeneric.TypeArgumentNullableAnnotations[0]);
        }
        else if (SymbolEqualityComparer.Default.Equals(type, known.Task))
        {
            return new ReturnModel(ReturnKind.Task, null, null);
        }
        else if (SymbolEqualityComparer.Default.Equals(type, known.ValueTask))
        {
            return new ReturnModel(ReturnKind.ValueTask, null, null);
        }
        else
        {
            (kind, valueType, annotation) = (ReturnKind.Value, type, method.ReturnNullableAnnotation);
        }

        if (valueType.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer or TypeKind.TypeParameter or TypeKind.Dynamic
            || valueType.IsRefLikeType
            || KnownSymbols.Implements(valueType, known.IResult)
            || KnownSymbols.DerivesFrom(valueType, known.Task) || SymbolEqualityComparer.Default.Equals(valueType.OriginalDefinition, known.ValueTaskOfT))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedReturnType, method.Locations.FirstOrDefault(), type.ToDisplayString(), displayName));
            return new ReturnModel(ReturnKind.Void, null, null);
        }

        return new ReturnModel(kind, TypeRefs.From(valueType), schemas.Describe(valueType, annotation));
    }

    private static string? NamedString(AttributeData attribute, string name)
    {
        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.Key == name)
            {
                return argument.Value.Value as string;
            }
        }

        return null;
    }
}
