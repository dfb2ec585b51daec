using Microsoft.CodeAnalysis;

namespace Galaxy.Api.Toolkit.Generators.Parsing;

/// <summary>
/// The symbols the parser compares against, resolved once per compilation: <see cref="For"/> shares them between the
/// routers of one compilation (looking a type up by metadata name searches every referenced assembly, and the router
/// transform runs again for every router at each edit).
/// </summary>
internal sealed class KnownSymbols(Compilation compilation)
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Compilation, KnownSymbols> PerCompilation = new();

    /// <summary>The known symbols of <paramref name="compilation"/> (kept only as long as the compilation lives).</summary>
    public static KnownSymbols For(Compilation compilation) => PerCompilation.GetValue(compilation, static c => new KnownSymbols(c));

    public INamedTypeSymbol? HttpContext { get; } = compilation.GetTypeByMetadataName(KnownTypeNames.HttpContext);
    public INamedTypeSymbol? CancellationToken { get; } = compilation.GetTypeByMetadataName(KnownTypeNames.CancellationToken);
    public INamedTypeSymbol? Task { get; } = compilation.GetTypeByMetadataName(KnownTypeNames.Task);
    public INamedTypeSymbol? TaskOfT { get; } = compilation.GetTypeByMetadataName(KnownTypeNames.TaskOfT);
    public INamedTypeSymbol? ValueTask { get; } = compilation.GetTypeByMetadataName(KnownTypeNames.ValueTask);
    public INamedTypeSymbol? ValueTaskOfT { get; } = compilation.GetTypeByMetadataName(KnownTypeNames.ValueTaskOfT);
    public INamedTypeSymbol? HttpOperationAttribute { get; } = compilation.GetTypeByMetadataName(KnownTypeNames.HttpOperationAttribute);
    public INamedTypeSymbol? FromRoute { get; } = compilation.GetTypeByMetadataName(KnownTypeNames.FromRouteMetadata);
    public INamedTypeSymbol? FromQuery { get; } = compilation.GetTypeByMetadataName(KnownTypeNames.FromQueryMetadata);
    public INamedTypeSymbol? FromBody { get; } = compilation.GetTypeByMetadataName(KnownTypeNames.FromBodyMetadata);
    public INamedTypeSymbol? FromServices { get; } = compilation.GetTypeByMetadataName(KnownTypeNames.FromServiceMetadata);
    public INamedTypeSymbol? FromHeader { get; } = compilation.GetTypeByMetadataName(KnownTypeNames.FromHeaderMetadata);
    public INamedTypeSymbol? FromForm { get; } = compilation.GetTypeByMetadataName(KnownTypeNames.FromFormMetadata);
    public INamedTypeSymbol? IResult { get; } = compilation.GetTypeByMetadataName(KnownTypeNames.IResult);
    public INamedTypeSymbol? INestedHttpResult { get; } = compilation.GetTypeByMetadataName(KnownTypeNames.INestedHttpResult);
    public INamedTypeSymbol? HttpRequest { get; } = compilation.GetTypeByMetadataName(KnownTypeNames.HttpRequest);
    public INamedTypeSymbol? HttpResponse { get; } = compilation.GetTypeByMetadataName(KnownTypeNames.HttpResponse);
    public INamedTypeSymbol? ClaimsPrincipal { get; } = compilation.GetTypeByMetadataName(KnownTypeNames.ClaimsPrincipal);
    public INamedTypeSymbol? GalaxyId { get; } = compilation.GetTypeByMetadataName(KnownTypeNames.GalaxyId);
    public INamedTypeSymbol? GalaxyUser { get; } = compilation.GetTypeByMetadataName(KnownTypeNames.GalaxyUser);
    public INamedTypeSymbol? GalaxyQueryFilters { get; } = compilation.GetTypeByMetadataName(KnownTypeNames.GalaxyQueryFilters);
    public INamedTypeSymbol? Guid { get; } = compilation.GetTypeByMetadataName("System.Guid");
    public INamedTypeSymbol? DateTimeOffset { get; } = compilation.GetTypeByMetadataName("System.DateTimeOffset");
    public INamedTypeSymbol? DateOnly { get; } = compilation.GetTypeByMetadataName("System.DateOnly");
    public INamedTypeSymbol? TimeOnly { get; } = compilation.GetTypeByMetadataName("System.TimeOnly");
    public INamedTypeSymbol? TimeSpan { get; } = compilation.GetTypeByMetadataName("System.TimeSpan");
    public INamedTypeSymbol? Uri { get; } = compilation.GetTypeByMetadataName("System.Uri");
    public INamedTypeSymbol? JsonElement { get; } = compilation.GetTypeByMetadataName("System.Text.Json.JsonElement");
    public INamedTypeSymbol? JsonNode { get; } = compilation.GetTypeByMetadataName("System.Text.Json.Nodes.JsonNode");
    public INamedTypeSymbol? IEnumerableOfT { get; } = compilation.GetSpecialType(SpecialType.System_Collections_Generic_IEnumerable_T);
    public INamedTypeSymbol? IDictionaryOfT { get; } = compilation.GetTypeByMetadataName("System.Collections.Generic.IDictionary`2");
    public INamedTypeSymbol? IReadOnlyDictionaryOfT { get; } = compilation.GetTypeByMetadataName("System.Collections.Generic.IReadOnlyDictionary`2");
    public INamedTypeSymbol? ISetOfT { get; } = compilation.GetTypeByMetadataName("System.Collections.Generic.ISet`1");
    public INamedTypeSymbol? IReadOnlySetOfT { get; } = compilation.GetTypeByMetadataName("System.Collections.Generic.IReadOnlySet`1");

    public static bool Implements(ITypeSymbol type, INamedTypeSymbol? @interface)
    {
        if (@interface is null)
        {
            return false;
        }

        if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, @interface))
        {
            return true;
        }

        foreach (var candidate in type.AllInterfaces)
        {
            if (SymbolEqualityComparer.Default.Equals(candidate.OriginalDefinition, @interface))
            {
                return true;
            }
        }

        return false;
    }

    public static INamedTypeSymbol? FindInterface(ITypeSymbol type, INamedTypeSymbol? @interface)
    {
        if (@interface is null)
        {
            return null;
        }

        if (type is INamedTypeSymbol named && SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, @interface))
        {
            return named;
        }

        foreach (var candidate in type.AllInterfaces)
        {
            if (SymbolEqualityComparer.Default.Equals(candidate.OriginalDefinition, @interface))
            {
                return candidate;
            }
        }

        return null;
    }

    public static bool DerivesFrom(ITypeSymbol? type, INamedTypeSymbol? baseType)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, baseType))
            {
                return true;
            }
        }

        return false;
    }
}
