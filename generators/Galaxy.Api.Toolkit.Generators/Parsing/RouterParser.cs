using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using Galaxy.Api.Toolkit.Generators.Diagnostics;
using Galaxy.Api.Toolkit.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Galaxy.Api.Toolkit.Generators.Parsing;

/// <summary>Parses one <c>[ApiRouter]</c> class into a <see cref="RouterModel"/>; problems become diagnostics in the model.</summary>
internal static class RouterParser
{
    private static readonly Regex NonWord = new(@"\W", RegexOptions.CultureInvariant);

    public static readonly Dictionary<string, string> Verbs = new(System.StringComparer.Ordinal)
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
        var diagnostics = new List<DiagnosticInfo>();
        var known = KnownSymbols.For(context.SemanticModel.Compilation);
        var schemas = new SchemaParser(known, cancellationToken);
        var location = type.Locations.FirstOrDefault();

        CheckRouterClass(type, location, diagnostics);
        var constructorParameters = type.IsStatic ? EquatableArray<ServiceParameterModel>.Empty : Constructor(type, location, diagnostics);
        var routerIsPublic = Named<bool>(attribute, "Public");

        var operations = new List<OperationModel>();
        var methods = type.GetMembers().OfType<IMethodSymbol>()
            .OrderBy(static m => m.Locations.FirstOrDefault()?.SourceTree?.FilePath ?? string.Empty, System.StringComparer.Ordinal)
            .ThenBy(static m => m.Locations.FirstOrDefault()?.SourceSpan.Start ?? 0);
        foreach (var method in methods)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var verb = method.GetAttributes().FirstOrDefault(static a => a.AttributeClass is { } c && Verbs.ContainsKey(c.ToDisplayString()));
            if (verb is not null && ParseOperation(type, method, verb, routerIsPublic, known, schemas, diagnostics) is { } operation)
            {
                operations.Add(operation);
            }
        }

        return new RouterModel(
            TypeRefs.From(type),
            tag,
            Named<string>(attribute, "Description") ?? DocumentationComment.For(type).Summary,
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
            var self = SymbolEqualityComparer.Default.Equals(current, type);
            if (current.DeclaredAccessibility != Accessibility.Public)
            {
                problem = self ? "it is not public" : $"its containing type '{current.Name}' is not public";
            }
            else if (current.IsGenericType)
            {
                problem = self ? "it is generic" : $"its containing type '{current.Name}' is generic";
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

        return chosen.Parameters
            .Select(static p => new ServiceParameterModel(TypeRefs.From(p.Type), p.HasExplicitDefaultValue || p.NullableAnnotation == NullableAnnotation.Annotated, ParameterParser.ServiceKey(p)))
            .ToEquatableArray();
    }

    private static OperationModel? ParseOperation(INamedTypeSymbol router, IMethodSymbol method, AttributeData verb, bool routerIsPublic, KnownSymbols known, SchemaParser schemas, List<DiagnosticInfo> diagnostics)
    {
        var httpMethod = Verbs[verb.AttributeClass!.ToDisplayString()];
        var route = verb.ConstructorArguments.FirstOrDefault().Value as string ?? string.Empty;
        var location = verb.ApplicationSyntaxReference?.GetSyntax().GetLocation() ?? method.Locations.FirstOrDefault();
        var displayName = router.Name + "." + method.Name;
        var errorsBefore = diagnostics.Count(static d => d.IsError);

        var template = RouteTemplate.Parse(route);
        if (template.Error is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidRouteTemplate, location, route, displayName, template.Error));
        }

        var alias = Named<string>(verb, "Alias");
        if (alias is not null)
        {
            var aliasTemplate = RouteTemplate.Parse(alias);
            var error = aliasTemplate.Error
                ?? (aliasTemplate.Parameters.OrderBy(static p => p, System.StringComparer.OrdinalIgnoreCase).SequenceEqual(template.Parameters.OrderBy(static p => p, System.StringComparer.OrdinalIgnoreCase), System.StringComparer.OrdinalIgnoreCase)
                    ? null
                    : "an alias must have the same route parameters as the route");
            if (error is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidRouteTemplate, location, alias, displayName, error));
            }
        }

        if (!method.IsStatic && router.IsStatic)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidRouterClass, method.Locations.FirstOrDefault(), router.ToDisplayString(), "it is static but declares an instance operation"));
        }

        var access = Named<bool>(verb, "RequireAdmin") ? OperationAccess.Admin
            : Named<bool>(verb, "Public") || routerIsPublic || SchemaParser.HasAttribute(method, KnownTypeNames.AllowAnonymousAttribute) ? OperationAccess.Public
            : OperationAccess.User;
        var documentation = DocumentationComment.For(method);
        var parameters = new ParameterParser(known, schemas, diagnostics, template, httpMethod, displayName).ParseAll(method, documentation, access);
        foreach (var routeParameter in template.Parameters)
        {
            if (!parameters.SelectMany(static p => p.Group?.Members ?? new EquatableArray<ParameterModel>([p])).Any(p => p.Source == ParameterSource.Route && string.Equals(p.WireName, routeParameter, System.StringComparison.OrdinalIgnoreCase)))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.RouteParameterWithoutMethodParameter, location, routeParameter, route, displayName));
            }
        }

        var statusCode = Named<int?>(verb, "StatusCode") ?? 200;
        var returns = ReturnParser.Parse(method, statusCode, known, schemas, diagnostics, displayName);
        if (diagnostics.Count(static d => d.IsError) > errorsBefore)
        {
            return null;
        }

        var operationId = Named<string>(verb, "OperationId")
            ?? NonWord.Replace(JsonNames.Convert(JsonNaming.SnakeCaseLower, method.Name) + template.DocumentPath, "_") + "_" + httpMethod.ToLowerInvariant();
        return new OperationModel(
            httpMethod,
            route,
            template.DocumentPath,
            alias,
            method.Name,
            method.IsStatic,
            operationId,
            Named<string>(verb, "Summary") ?? documentation.Summary,
            documentation.Remarks,
            access,
            parameters.ToEquatableArray(),
            returns,
            SchemaParser.HasAttribute(method, KnownTypeNames.ObsoleteAttribute),
            LocationInfo.From(location),
            documentation.Returns);
    }

    public static T? Named<T>(AttributeData attribute, string name)
    {
        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.Key == name && argument.Value.Value is T value)
            {
                return value;
            }
        }

        return default;
    }
}
