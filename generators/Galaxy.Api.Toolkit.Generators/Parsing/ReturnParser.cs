using System.Collections.Generic;
using System.Linq;
using Galaxy.Api.Toolkit.Generators.Diagnostics;
using Galaxy.Api.Toolkit.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Galaxy.Api.Toolkit.Generators.Parsing;

/// <summary>Reads what an operation returns: the awaited value, and the responses to document.</summary>
internal static class ReturnParser
{
    /// <summary>The typed results of <c>Microsoft.AspNetCore.Http.HttpResults</c> and their status codes.</summary>
    private static readonly Dictionary<string, int> KnownResults = new(System.StringComparer.Ordinal)
    {
        ["Ok"] = 200,
        ["JsonHttpResult"] = 200,
        ["Created"] = 201,
        ["CreatedAtRoute"] = 201,
        ["Accepted"] = 202,
        ["AcceptedAtRoute"] = 202,
        ["NoContent"] = 204,
        ["BadRequest"] = 400,
        ["ValidationProblem"] = 400,
        ["UnauthorizedHttpResult"] = 401,
        ["ForbidHttpResult"] = 403,
        ["NotFound"] = 404,
        ["Conflict"] = 409,
        ["UnprocessableEntity"] = 422,
        ["InternalServerError"] = 500,
    };

    public static ReturnModel Parse(IMethodSymbol method, int statusCode, KnownSymbols known, SchemaParser schemas, List<DiagnosticInfo> diagnostics, string displayName)
    {
        var type = method.ReturnType;
        var awaitKind = AwaitKind.None;
        var annotation = method.ReturnNullableAnnotation;
        ITypeSymbol? value = type;
        if (method.ReturnsVoid)
        {
            value = null;
        }
        else if (type is INamedTypeSymbol { IsGenericType: true } generic && (Is(generic.OriginalDefinition, known.TaskOfT) || Is(generic.OriginalDefinition, known.ValueTaskOfT)))
        {
            awaitKind = Is(generic.OriginalDefinition, known.TaskOfT) ? AwaitKind.Task : AwaitKind.ValueTask;
            (value, annotation) = (generic.TypeArguments[0], generic.TypeArgumentNullableAnnotations[0]);
        }
        else if (Is(type, known.Task) || Is(type, known.ValueTask))
        {
            awaitKind = Is(type, known.Task) ? AwaitKind.Task : AwaitKind.ValueTask;
            value = null;
        }

        if (value is null)
        {
            return new ReturnModel(awaitKind, null, false, new EquatableArray<ResponseModel>([new ResponseModel(statusCode, null, null, null, false, IsNullBody: statusCode != 204)]));
        }

        if (value.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer or TypeKind.TypeParameter or TypeKind.Dynamic || value.IsRefLikeType
            || KnownSymbols.DerivesFrom(value, known.Task) || Is(value.OriginalDefinition, known.ValueTaskOfT) || Is(value, known.ValueTask))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedReturnType, method.Locations.FirstOrDefault(), type.ToDisplayString(), displayName));
            return new ReturnModel(AwaitKind.None, null, false, EquatableArray<ResponseModel>.Empty);
        }

        if (KnownSymbols.Implements(value, known.IResult))
        {
            return new ReturnModel(awaitKind, TypeRefs.From(value), true, ResultResponses(value, schemas).ToEquatableArray());
        }

        return new ReturnModel(awaitKind, TypeRefs.From(value), false,
            new EquatableArray<ResponseModel>([new ResponseModel(statusCode, null, TypeRefs.From(value), schemas.Describe(value, annotation), false, false)]));
    }

    /// <summary>The responses of a typed result or a <c>Results&lt;...&gt;</c> union; a plain <c>IResult</c> documents a 200 without schema.</summary>
    private static IEnumerable<ResponseModel> ResultResponses(ITypeSymbol type, SchemaParser schemas)
    {
        if (type is INamedTypeSymbol { Name: "Results", IsGenericType: true } union && union.ContainingNamespace.ToDisplayString() == KnownTypeNames.HttpResultsNamespace)
        {
            var members = union.TypeArguments.Select(member => Typed(member, schemas)).Where(static r => r is not null).Select(static r => r!).ToList();
            return members.Count > 0 ? members : [Untyped()];
        }

        return Typed(type, schemas) is { } single ? [single] : [Untyped()];

        static ResponseModel Untyped() => new(200, null, null, null, false, false);
    }

    private static ResponseModel? Typed(ITypeSymbol type, SchemaParser schemas)
    {
        if (type is not INamedTypeSymbol named || named.ContainingNamespace?.ToDisplayString() != KnownTypeNames.HttpResultsNamespace || !KnownResults.TryGetValue(named.Name, out var status))
        {
            return null;
        }

        var resultType = TypeRefs.From(named).FullyQualifiedName;
        if (named.TypeArguments.Length != 1)
        {
            return new ResponseModel(status, resultType, null, null, false, false);
        }

        var valueType = named.TypeArguments[0];
        return new ResponseModel(status, resultType, TypeRefs.From(valueType), schemas.Describe(valueType, named.TypeArgumentNullableAnnotations[0]),
            HasLocation: named.Name is "Created" or "Accepted", false);
    }

    private static bool Is(ITypeSymbol? type, INamedTypeSymbol? symbol) => symbol is not null && SymbolEqualityComparer.Default.Equals(type, symbol);
}
