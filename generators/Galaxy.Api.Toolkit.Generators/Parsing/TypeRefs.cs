using System.Text;
using Galaxy.Api.Toolkit.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Galaxy.Api.Toolkit.Generators.Parsing;

/// <summary>Reduces type symbols to <see cref="TypeRef"/> values.</summary>
internal static class TypeRefs
{
    private static readonly SymbolDisplayFormat FullyQualified = SymbolDisplayFormat.FullyQualifiedFormat
        .WithMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.UseSpecialTypes | SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers);

    private static readonly SymbolDisplayFormat MetadataLike = new(
        globalNamespaceStyle: SymbolDisplayGlobalNamespaceStyle.Omitted,
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters);

    /// <summary>The type without nullable reference annotations; <c>Nullable&lt;T&gt;</c> stays as written.</summary>
    public static TypeRef From(ITypeSymbol type)
    {
        var plain = type.WithNullableAnnotation(NullableAnnotation.NotAnnotated);
        return new TypeRef(plain.ToDisplayString(FullyQualified), Identifier(plain), plain.IsValueType);
    }

    /// <summary>A stable id for a type: its namespace-qualified name with type arguments.</summary>
    public static string Id(ITypeSymbol type) => type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(MetadataLike);

    private static string Identifier(ITypeSymbol type)
    {
        var name = Id(type);
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            builder.Append(char.IsLetterOrDigit(c) ? c : '_');
        }

        return builder.ToString();
    }
}
