using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace Galaxy.Generators.Testing;

/// <summary>Generator models must be plain values: nothing that keeps a compilation alive, or caching cannot work.</summary>
internal static class ModelPurity
{
    /// <summary>Fails when <paramref name="value"/>, or anything it reaches, is a symbol, syntax, a compilation or the like.</summary>
    public static void AssertPure(object? value, string path) => AssertPure(value, path, new HashSet<object>(ReferenceEqualityComparer.Instance));

    private static void AssertPure(object? value, string path, HashSet<object> visited)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || !visited.Add(value))
        {
            return;
        }

        Assert.False(
            value is ISymbol or SyntaxNode or SyntaxTree or Compilation or SemanticModel or Location or AttributeData or AdditionalText,
            $"{path} holds a {value.GetType().Name}, which would keep the compilation alive and defeat caching.");

        if (value.GetType().IsGenericType && value.GetType().GetGenericTypeDefinition() == typeof(System.Collections.Immutable.ImmutableArray<>)
            && (bool)value.GetType().GetProperty("IsDefault")!.GetValue(value)!)
        {
            return;
        }

        if (value is IEnumerable items)
        {
            var index = 0;
            foreach (var item in items)
            {
                AssertPure(item, $"{path}[{index++}]", visited);
            }
        }

        for (var type = value.GetType(); type is not null && type != typeof(object); type = type.BaseType)
        {
            foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (field.FieldType.IsPointer || field.FieldType.IsByRefLike)
                {
                    continue;
                }

                AssertPure(field.GetValue(value), $"{path}.{field.Name}", visited);
            }
        }
    }
}
