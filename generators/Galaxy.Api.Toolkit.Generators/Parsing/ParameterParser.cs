using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Galaxy.Api.Toolkit.Generators.Diagnostics;
using Galaxy.Api.Toolkit.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Galaxy.Api.Toolkit.Generators.Parsing;

/// <summary>
/// Decides where each parameter of an operation comes from (attributes first, then the minimal API inference rules)
/// and how it is parsed, documented and built.
/// </summary>
internal sealed class ParameterParser(
    KnownSymbols known,
    SchemaParser schemas,
    List<DiagnosticInfo> diagnostics,
    RouteTemplate template,
    string httpMethod,
    string operationName)
{
    /// <summary>What the parser needs of a method parameter or of a member of an <c>[AsParameters]</c> type.</summary>
    private sealed record Input(
        string Name,
        ITypeSymbol Type,
        NullableAnnotation Annotation,
        IReadOnlyList<AttributeData> Attributes,
        bool HasDefault,
        object? DefaultValue,
        Location? Location,
        string? Description,
        bool IsGroupMember);

    public List<ParameterModel> ParseAll(IMethodSymbol method, DocumentationComment documentation, OperationAccess access)
    {
        var parameters = new List<ParameterModel>();
        ParameterModel? body = null;
        foreach (var parameter in method.Parameters)
        {
            var input = new Input(parameter.Name, parameter.Type, parameter.NullableAnnotation, parameter.GetAttributes(), parameter.HasExplicitDefaultValue,
                parameter.HasExplicitDefaultValue ? parameter.ExplicitDefaultValue : null, parameter.Locations.FirstOrDefault(), documentation.Param(parameter.Name), IsGroupMember: false);
            var model = Parse(input);
            if (model is null)
            {
                continue;
            }

            foreach (var bodyCandidate in model.Group?.Members ?? new EquatableArray<ParameterModel>([model]))
            {
                if (bodyCandidate.Source != ParameterSource.Body)
                {
                    continue;
                }

                if (body is not null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MultipleBodyParameters, input.Location, operationName, body.Name, bodyCandidate.Name));
                }

                body ??= bodyCandidate;
            }

            if (model.Source == ParameterSource.GalaxyUser && access == OperationAccess.Public && !model.IsNullable)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.PublicOperationNeedsUser, input.Location, operationName, model.Name));
            }

            parameters.Add(model);
        }

        return parameters;
    }

    private ParameterModel? Parse(Input input)
    {
        var type = input.Type;
        var special = SpecialSource(type);
        if (special is not null)
        {
            return Simple(input, special.Value) with { IsNullable = input.Annotation == NullableAnnotation.Annotated, IsOptional = input.Annotation == NullableAnnotation.Annotated };
        }

        var (source, explicitName, keyedService, group, commaSeparated, bodyFormat) = ExplicitSource(input);
        if (group)
        {
            return input.IsGroupMember ? Fail(input, DiagnosticDescriptors.InvalidAsParameters, input.Name, "[AsParameters] groups cannot be nested") : ParseGroup(input);
        }

        if (keyedService is not null)
        {
            return Simple(input, ParameterSource.KeyedServices) with { ServiceKey = keyedService, IsOptional = IsNullable(input) || input.HasDefault };
        }

        var inRoute = RouteParameterFor(input);
        var (collection, elementType) = Collection(type);
        var scalar = Scalar(elementType ?? type);
        if (source is null)
        {
            if (inRoute is not null)
            {
                source = ParameterSource.Route;
            }
            else if (scalar is not null)
            {
                source = ParameterSource.Query;
            }
            else if (type.TypeKind is TypeKind.Interface || type.IsAbstract)
            {
                source = ParameterSource.Services;
            }
            else
            {
                source = ParameterSource.Body;
                bodyFormat = BodyFormat.Json;
            }
        }

        switch (source.Value)
        {
            case ParameterSource.Services:
                return Simple(input, ParameterSource.Services) with { IsOptional = input.HasDefault || IsNullable(input) };
            case ParameterSource.Body:
                return ParseBody(input, bodyFormat);
        }

        var wireName = explicitName ?? (source == ParameterSource.Route ? inRoute ?? input.Name : input.Name);
        if (source == ParameterSource.Route && !template.Parameters.Any(p => string.Equals(p, wireName, System.StringComparison.OrdinalIgnoreCase)))
        {
            return Fail(input, DiagnosticDescriptors.FromRouteWithoutRouteParameter, wireName, template.DocumentPath);
        }

        var where = source switch { ParameterSource.Route => "the route", ParameterSource.Query => "the query string", _ => "a header" };
        if (scalar is null || (collection != CollectionKind.None && source == ParameterSource.Route))
        {
            return Fail(input, DiagnosticDescriptors.UnsupportedParameterType, input.Name, type.ToDisplayString(), where);
        }

        if (commaSeparated && collection == CollectionKind.None)
        {
            return Fail(input, DiagnosticDescriptors.InvalidCommaSeparated, input.Name, type.ToDisplayString());
        }

        var nullable = IsNullable(input);
        var schema = schemas.Describe(type, input.Annotation);
        var (constraints, annotatedRequired) = ConstraintParser.Read(input.Attributes, schema);
        var (csharpDefault, jsonDefault, enumDefault) = input.HasDefault ? DefaultValue(input.DefaultValue, scalar, collection) : (null, null, null);
        var optional = source != ParameterSource.Route
            ? !annotatedRequired && (nullable || input.HasDefault || (input.Annotation == NullableAnnotation.None && !type.IsValueType))
            : nullable;
        return new ParameterModel(
            input.Name,
            wireName,
            source.Value,
            TypeRefs.From(type),
            scalar,
            collection,
            commaSeparated,
            schema,
            nullable,
            optional,
            csharpDefault,
            jsonDefault,
            enumDefault,
            input.Description,
            BodyFormat.None,
            null,
            null,
            WireNameFromPolicy: input.IsGroupMember && explicitName is null && source != ParameterSource.Route,
            Constraints: constraints.IsEmpty ? null : constraints);
    }

    private ParameterModel? ParseBody(Input input, BodyFormat format)
    {
        if (httpMethod is "GET" or "HEAD")
        {
            return Fail(input, DiagnosticDescriptors.BodyNotAllowed, operationName, httpMethod, input.Name);
        }

        var schema = schemas.Describe(input.Type, input.Annotation);
        if (format is BodyFormat.Form or BodyFormat.JsonOrForm && schema.Kind != SchemaKind.Reference)
        {
            return Fail(input, DiagnosticDescriptors.UnsupportedParameterType, input.Name, input.Type.ToDisplayString(), "a form (only classes and records can be)");
        }

        var nullable = IsNullable(input);
        return Simple(input, ParameterSource.Body) with { Schema = schema, IsNullable = nullable, IsOptional = nullable || input.HasDefault, BodyFormat = format };
    }

    private ParameterModel? ParseGroup(Input input)
    {
        if (input.Type is not INamedTypeSymbol type || type.TypeKind is not (TypeKind.Class or TypeKind.Struct) || type.IsAbstract || input.Annotation == NullableAnnotation.Annotated)
        {
            return Fail(input, DiagnosticDescriptors.InvalidAsParameters, input.Name, "its type must be a non-abstract, non-nullable class, record or struct");
        }

        var constructors = type.InstanceConstructors.Where(static c => c.DeclaredAccessibility == Accessibility.Public && !(c.IsImplicitlyDeclared && c.Parameters.Length == 0 && c.ContainingType.IsValueType)).ToList();
        var constructor = constructors.Count == 1 ? constructors[0] : constructors.FirstOrDefault(static c => c.Parameters.Length > 0) is { } withParameters && constructors.Count(static c => c.Parameters.Length > 0) == 1 ? withParameters : null;
        if (type.IsValueType && constructors.Count == 0)
        {
            constructor = null;
        }
        else if (constructor is null)
        {
            return Fail(input, DiagnosticDescriptors.InvalidAsParameters, input.Name, "its type needs one public constructor");
        }

        var members = new List<ParameterModel>();
        var constructorArguments = new List<string>();
        var initialized = new List<string>();
        var usesDefaults = false;
        var constructorParameters = constructor?.Parameters ?? [];
        var properties = type.GetMembers().OfType<IPropertySymbol>()
            .Where(static p => !p.IsStatic && !p.IsIndexer && p.DeclaredAccessibility == Accessibility.Public && p.SetMethod is { DeclaredAccessibility: Accessibility.Public })
            .ToList();
        var typeDocumentation = DocumentationComment.For(type);
        foreach (var parameter in constructorParameters)
        {
            var property = properties.FirstOrDefault(p => string.Equals(p.Name, parameter.Name, System.StringComparison.OrdinalIgnoreCase));
            var attributes = parameter.GetAttributes().Concat(property?.GetAttributes() ?? []).ToList();
            var member = Parse(new Input(parameter.Name, parameter.Type, parameter.NullableAnnotation, attributes, parameter.HasExplicitDefaultValue,
                parameter.HasExplicitDefaultValue ? parameter.ExplicitDefaultValue : null, parameter.Locations.FirstOrDefault() ?? input.Location,
                typeDocumentation.Param(parameter.Name) ?? (property is null ? null : DocumentationComment.For(property).Summary), IsGroupMember: true));
            if (member is null)
            {
                return null;
            }

            members.Add(member);
            constructorArguments.Add(parameter.Name);
            if (property is not null)
            {
                properties.Remove(property);
            }
        }

        foreach (var property in properties)
        {
            var hasInitializer = property.DeclaringSyntaxReferences.Select(static r => r.GetSyntax()).OfType<PropertyDeclarationSyntax>().Any(static p => p.Initializer is not null);
            if (hasInitializer && constructorParameters.Length > 0)
            {
                return Fail(input, DiagnosticDescriptors.InvalidAsParameters, input.Name, $"member '{property.Name}' has an initializer but the type has no parameterless constructor to read it from; make it a constructor parameter with a default");
            }

            usesDefaults |= hasInitializer;
            var member = Parse(new Input(property.Name, property.Type, property.NullableAnnotation, property.GetAttributes(), hasInitializer, null,
                property.Locations.FirstOrDefault() ?? input.Location, DocumentationComment.For(property).Summary, IsGroupMember: true));
            if (member is null)
            {
                return null;
            }

            if (hasInitializer)
            {
                member = member with { DefaultValueCSharp = "defaults." + property.Name, DefaultValueJson = null, DefaultEnumMember = null, IsOptional = true };
            }
            else if (property.IsRequired && member.Source is ParameterSource.Query or ParameterSource.Header && !member.IsNullable)
            {
                member = member with { IsOptional = false };
            }

            members.Add(member);
            initialized.Add(property.Name);
        }

        return Simple(input, ParameterSource.AsParameters) with
        {
            Group = new GroupModel(members.ToEquatableArray(), constructorArguments.ToEquatableArray(), initialized.ToEquatableArray(), usesDefaults),
        };
    }

    private ParameterSource? SpecialSource(ITypeSymbol type)
    {
        if (Is(type, known.CancellationToken))
        {
            return ParameterSource.CancellationToken;
        }

        if (Is(type, known.HttpContext))
        {
            return ParameterSource.HttpContext;
        }

        if (Is(type, known.HttpRequest))
        {
            return ParameterSource.HttpRequest;
        }

        if (Is(type, known.HttpResponse))
        {
            return ParameterSource.HttpResponse;
        }

        if (Is(type, known.ClaimsPrincipal))
        {
            return ParameterSource.ClaimsPrincipal;
        }

        if (Is(type, known.GalaxyUser))
        {
            return ParameterSource.GalaxyUser;
        }

        return Is(type, known.GalaxyQueryFilters) ? ParameterSource.QueryFilters : null;
    }

    private (ParameterSource? Source, string? Name, string? KeyedService, bool Group, bool CommaSeparated, BodyFormat BodyFormat) ExplicitSource(Input input)
    {
        ParameterSource? source = null;
        string? name = null;
        string? keyed = null;
        var group = false;
        var commaSeparated = false;
        var format = BodyFormat.None;
        foreach (var attribute in input.Attributes)
        {
            var attributeClass = attribute.AttributeClass;
            if (attributeClass is null)
            {
                continue;
            }

            var fullName = attributeClass.ToDisplayString();
            if (fullName == KnownTypeNames.AsParametersAttribute)
            {
                group = true;
            }
            else if (fullName == KnownTypeNames.CommaSeparatedAttribute)
            {
                commaSeparated = true;
            }
            else if (fullName == KnownTypeNames.FromJsonOrFormAttribute)
            {
                (source, format) = (ParameterSource.Body, BodyFormat.JsonOrForm);
            }
            else if (fullName == KnownTypeNames.FromKeyedServicesAttribute)
            {
                keyed = attribute.ConstructorArguments.Length == 1 ? Literal(attribute.ConstructorArguments[0]) : "null";
            }
            else if (KnownSymbols.Implements(attributeClass, known.FromRoute))
            {
                (source, name) = (ParameterSource.Route, RouterParser.Named<string>(attribute, "Name"));
            }
            else if (KnownSymbols.Implements(attributeClass, known.FromQuery))
            {
                (source, name) = (ParameterSource.Query, RouterParser.Named<string>(attribute, "Name"));
            }
            else if (KnownSymbols.Implements(attributeClass, known.FromHeader))
            {
                (source, name) = (ParameterSource.Header, RouterParser.Named<string>(attribute, "Name"));
            }
            else if (KnownSymbols.Implements(attributeClass, known.FromBody))
            {
                (source, format) = (ParameterSource.Body, BodyFormat.Json);
            }
            else if (KnownSymbols.Implements(attributeClass, known.FromForm))
            {
                (source, format) = (ParameterSource.Body, BodyFormat.Form);
            }
            else if (KnownSymbols.Implements(attributeClass, known.FromServices))
            {
                source = ParameterSource.Services;
            }
        }

        return (source, name, keyed, group, commaSeparated, format);
    }

    /// <summary>The route parameter a method parameter or group member binds to: same name, ignoring case and <c>_</c>/<c>-</c> for group members.</summary>
    private string? RouteParameterFor(Input input)
    {
        foreach (var parameter in template.Parameters)
        {
            if (string.Equals(parameter, input.Name, System.StringComparison.OrdinalIgnoreCase)
                || (input.IsGroupMember && string.Equals(Normalize(parameter), Normalize(input.Name), System.StringComparison.OrdinalIgnoreCase)))
            {
                return parameter;
            }
        }

        return null;

        static string Normalize(string name) => name.Replace("_", string.Empty).Replace("-", string.Empty);
    }

    private (CollectionKind Kind, ITypeSymbol? Element) Collection(ITypeSymbol type)
    {
        if (type.SpecialType == SpecialType.System_String)
        {
            return (CollectionKind.None, null);
        }

        if (type is IArrayTypeSymbol { Rank: 1 } array && array.ElementType.SpecialType != SpecialType.System_Byte)
        {
            return (CollectionKind.Array, array.ElementType);
        }

        if (type is not INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named)
        {
            return (CollectionKind.None, null);
        }

        switch (named.OriginalDefinition.ToDisplayString())
        {
            case "System.Collections.Generic.List<T>":
            case "System.Collections.Generic.IList<T>":
            case "System.Collections.Generic.IReadOnlyList<T>":
            case "System.Collections.Generic.IEnumerable<T>":
            case "System.Collections.Generic.ICollection<T>":
            case "System.Collections.Generic.IReadOnlyCollection<T>":
                return (CollectionKind.List, named.TypeArguments[0]);
            case "System.Collections.Generic.HashSet<T>":
            case "System.Collections.Generic.ISet<T>":
            case "System.Collections.Generic.IReadOnlySet<T>":
                return (CollectionKind.HashSet, named.TypeArguments[0]);
            default:
                return (CollectionKind.None, null);
        }
    }

    private ScalarModel? Scalar(ITypeSymbol type)
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
            _ => type.TypeKind == TypeKind.Enum ? ScalarKind.Enum
                : Is(type, known.GalaxyId) ? ScalarKind.GalaxyId
                : Is(type, known.Guid) ? ScalarKind.Guid
                : Is(type, known.DateTimeOffset) ? ScalarKind.DateTimeOffset
                : Is(type, known.DateOnly) ? ScalarKind.DateOnly
                : null,
        };

        if (kind is null)
        {
            return null;
        }

        var enumModel = kind == ScalarKind.Enum ? schemas.DescribeEnum((INamedTypeSymbol)type) : null;
        return new ScalarModel(kind.Value, TypeRefs.From(type), nullableValueType, enumModel);
    }

    private static (string? CSharp, string? Json, string? EnumMember) DefaultValue(object? value, ScalarModel scalar, CollectionKind collection)
    {
        if (collection != CollectionKind.None)
        {
            return ("null", null, null);
        }

        if (value is null)
        {
            // `= default` of a struct, or `= null`.
            return (scalar.ValueType.IsValueType && !scalar.IsNullableValueType ? "default" : "null", null, null);
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
            float f when float.IsNaN(f) || float.IsInfinity(f) => (NonFinite("global::System.Single", f), null, null),
            double d when double.IsNaN(d) || double.IsInfinity(d) => (NonFinite("global::System.Double", d), null, null),
            float f => (f.ToString("R", CultureInfo.InvariantCulture) + "F", f.ToString("R", CultureInfo.InvariantCulture), null),
            double d => (d.ToString("R", CultureInfo.InvariantCulture) + "D", d.ToString("R", CultureInfo.InvariantCulture), null),
            decimal m => (m.ToString(CultureInfo.InvariantCulture) + "M", m.ToString(CultureInfo.InvariantCulture), null),
            int => (invariant, invariant, null),
            _ => ($"({scalar.ValueType.FullyQualifiedName})({invariant})", invariant, null),
        };
    }

    // JSON has no NaN or infinity: such defaults are used but not documented.
    private static string NonFinite(string type, double value)
        => type + "." + (double.IsNaN(value) ? "NaN" : value > 0 ? "PositiveInfinity" : "NegativeInfinity");

    /// <summary>The C# literal of a <c>[FromKeyedServices]</c> key, or null when the parameter has none.</summary>
    public static string? ServiceKey(IParameterSymbol parameter)
    {
        var attribute = parameter.GetAttributes().FirstOrDefault(static a => a.AttributeClass?.ToDisplayString() == KnownTypeNames.FromKeyedServicesAttribute);
        return attribute is null ? null : attribute.ConstructorArguments.Length == 1 ? Literal(attribute.ConstructorArguments[0]) : "null";
    }

    private static string Literal(TypedConstant constant) => constant.Value switch
    {
        null => "null",
        string s => SymbolDisplay.FormatLiteral(s, quote: true),
        bool b => b ? "true" : "false",
        _ when constant.Type?.TypeKind == TypeKind.Enum => $"({constant.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)})({System.Convert.ToString(constant.Value, CultureInfo.InvariantCulture)})",
        _ => System.Convert.ToString(constant.Value, CultureInfo.InvariantCulture)!,
    };

    private static bool IsNullable(Input input)
        => input.Annotation == NullableAnnotation.Annotated || input.Type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T;

    private ParameterModel? Fail(Input input, DiagnosticDescriptor descriptor, params string[] arguments)
    {
        diagnostics.Add(DiagnosticInfo.Create(descriptor, input.Location, arguments));
        return null;
    }

    private static ParameterModel Simple(Input input, ParameterSource source)
        => new(input.Name, input.Name, source, TypeRefs.From(input.Type), null, CollectionKind.None, false, null, false, false, null, null, null, input.Description, BodyFormat.None, null, null);

    private static bool Is(ITypeSymbol type, INamedTypeSymbol? symbol) => symbol is not null && SymbolEqualityComparer.Default.Equals(type, symbol);
}
