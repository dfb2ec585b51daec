using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Galaxy.Api.Toolkit.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Galaxy.Api.Toolkit.Generators.Parsing;

/// <summary>
/// Reads the project's <c>JsonSerializerContext</c>s (classes with <c>[JsonSerializable]</c>) into the set of types they
/// give contracts for, so that GAT0020 can name an endpoint type the serializer will not know under Native AOT or trimming.
/// </summary>
internal static class JsonContextParser
{
    /// <summary>The attribute that lists a context's root types.</summary>
    public const string JsonSerializableAttribute = "System.Text.Json.Serialization.JsonSerializableAttribute";

    private const string JsonDerivedTypeAttribute = "System.Text.Json.Serialization.JsonDerivedTypeAttribute";

    private const string JsonSerializerContext = "System.Text.Json.Serialization.JsonSerializerContext";

    /// <summary>
    /// Whether the check runs: <c>GalaxyApiCheckJsonContracts</c> when set (<c>true</c>/<c>false</c>), otherwise whenever the
    /// build runs without reflection-based serialization: Native AOT, trimming, their analyzers, or
    /// <c>JsonSerializerIsReflectionEnabledByDefault=false</c>.
    /// </summary>
    public static bool IsCheckOn(AnalyzerConfigOptionsProvider options, CancellationToken _)
    {
        var global = options.GlobalOptions;
        if (global.TryGetValue("build_property.GalaxyApiCheckJsonContracts", out var explicitValue) && explicitValue.Trim().Length > 0)
        {
            return IsTrue(explicitValue);
        }

        return IsTrue(Property(global, "PublishAot"))
            || IsTrue(Property(global, "PublishTrimmed"))
            || IsTrue(Property(global, "IsAotCompatible"))
            || IsTrue(Property(global, "IsTrimmable"))
            || IsTrue(Property(global, "EnableAotAnalyzer"))
            || IsTrue(Property(global, "EnableTrimAnalyzer"))
            || string.Equals(Property(global, "JsonSerializerIsReflectionEnabledByDefault")?.Trim(), "false", System.StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The metadata name of a class carrying <c>[JsonSerializable]</c> (cheap: no walk of its types).</summary>
    public static string? ContextName(GeneratorAttributeSyntaxContext context, CancellationToken _)
        => context.TargetSymbol is INamedTypeSymbol type && DerivesFrom(type, JsonSerializerContext) ? MetadataName(type) : null;

    /// <summary>
    /// The types the named contexts give contracts for: each <c>[JsonSerializable]</c> root and what the source generator
    /// reaches from it (members, elements, type arguments, <c>[JsonDerivedType]</c>s). Empty and off when the check is off.
    /// </summary>
    public static JsonCoverageModel Cover(EquatableArray<string> contextNames, bool isOn, Compilation compilation, CancellationToken cancellationToken)
    {
        if (!isOn)
        {
            return JsonCoverageModel.Off;
        }

        var seen = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
        var pending = new Stack<ITypeSymbol>();
        var contexts = new List<string>();
        foreach (var name in contextNames)
        {
            if (compilation.Assembly.GetTypeByMetadataName(name) is not { } contextType)
            {
                continue;
            }

            contexts.Add(contextType.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat));
            foreach (var attribute in contextType.GetAttributes())
            {
                if (attribute.AttributeClass?.ToDisplayString() == JsonSerializableAttribute
                    && attribute.ConstructorArguments.Length > 0
                    && attribute.ConstructorArguments[0].Value is ITypeSymbol root)
                {
                    pending.Push(root);
                }
            }
        }

        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var type = pending.Pop();
            if (type is IErrorTypeSymbol || type.TypeKind == TypeKind.TypeParameter || !seen.Add(type))
            {
                continue;
            }

            foreach (var reached in Reached(type))
            {
                pending.Push(reached);
            }
        }

        return new JsonCoverageModel(
            true,
            contexts.OrderBy(static c => c, System.StringComparer.Ordinal).ToEquatableArray(),
            seen.Select(static t => TypeRefs.From(t).FullyQualifiedName).Distinct().OrderBy(static c => c, System.StringComparer.Ordinal).ToEquatableArray());
    }

    // What System.Text.Json's source generator also generates contracts for when it meets the type.
    private static IEnumerable<ITypeSymbol> Reached(ITypeSymbol type)
    {
        if (type is IArrayTypeSymbol array)
        {
            yield return array.ElementType;
            yield break;
        }

        if (type is not INamedTypeSymbol named)
        {
            yield break;
        }

        foreach (var argument in named.TypeArguments)
        {
            yield return argument;
        }

        foreach (var attribute in named.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() == JsonDerivedTypeAttribute
                && attribute.ConstructorArguments.Length > 0
                && attribute.ConstructorArguments[0].Value is ITypeSymbol derived)
            {
                yield return derived;
            }
        }

        // The framework's types (collections, dates, JsonElement...) are handled by converters, not by their members.
        var ns = named.ContainingNamespace?.ToDisplayString() ?? string.Empty;
        if (ns == "System" || ns.StartsWith("System.", System.StringComparison.Ordinal) || ns.StartsWith("Microsoft.", System.StringComparison.Ordinal))
        {
            yield break;
        }

        for (var current = named; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                if (member.IsStatic)
                {
                    continue;
                }

                switch (member)
                {
                    case IPropertySymbol { IsIndexer: false } property:
                        yield return property.Type;
                        break;
                    case IFieldSymbol { IsImplicitlyDeclared: false } field:
                        yield return field.Type;
                        break;
                }
            }
        }
    }

    private static bool DerivesFrom(INamedTypeSymbol type, string baseName)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (current.ToDisplayString() == baseName)
            {
                return true;
            }
        }

        return false;
    }

    private static string MetadataName(INamedTypeSymbol type)
    {
        var name = type.MetadataName;
        for (var container = type.ContainingType; container is not null; container = container.ContainingType)
        {
            name = container.MetadataName + "+" + name;
        }

        return type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() + "." + name : name;
    }

    private static string? Property(AnalyzerConfigOptions options, string name)
        => options.TryGetValue("build_property." + name, out var value) ? value : null;

    private static bool IsTrue(string? value) => string.Equals(value?.Trim(), "true", System.StringComparison.OrdinalIgnoreCase);
}
