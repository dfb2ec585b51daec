using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Galaxy.Api.Toolkit.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Galaxy.Api.Toolkit.Generators.Diagnostics;

/// <summary>
/// Reports FluentValidation rules that the OpenAPI document cannot state (GAT0016), for validators of types the API
/// reads or writes (operation parameters and the types they reach). An analyzer rather than the generator, so that
/// <c>#pragma warning</c> and .editorconfig can suppress it like any other warning.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnexpressedRuleAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [DiagnosticDescriptors.RuleNotInSchema];

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            var apiTypes = new ConcurrentBag<ITypeSymbol>();
            var validators = new ConcurrentBag<INamedTypeSymbol>();
            start.RegisterSymbolAction(symbolContext =>
            {
                switch (symbolContext.Symbol)
                {
                    case IMethodSymbol method when method.GetAttributes().Any(static a => a.AttributeClass is { } c && RouterParser.Verbs.ContainsKey(c.ToDisplayString())):
                        foreach (var parameter in method.Parameters)
                        {
                            apiTypes.Add(parameter.Type);
                        }

                        break;
                    case INamedTypeSymbol type when UserValidatorParser.ValidatedType(type) is not null:
                        validators.Add(type);
                        break;
                }
            }, SymbolKind.Method, SymbolKind.NamedType);

            start.RegisterCompilationEndAction(end =>
            {
                var reachable = Reachable(apiTypes);
                foreach (var validator in validators)
                {
                    if (!reachable.Contains(UserValidatorParser.ValidatedType(validator)!))
                    {
                        continue;
                    }

                    var model = UserValidatorParser.Parse(validator, end.Compilation, end.CancellationToken);
                    foreach (var diagnostic in model?.Diagnostics ?? [])
                    {
                        end.ReportDiagnostic(diagnostic.ToDiagnostic(end.Compilation));
                    }
                }
            });
        });
    }

    /// <summary>The types the parameters are, and every type their properties and items reach.</summary>
    private static HashSet<ITypeSymbol> Reachable(IEnumerable<ITypeSymbol> roots)
    {
        var seen = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
        var pending = new Stack<ITypeSymbol>(roots);
        while (pending.Count > 0)
        {
            var type = pending.Pop();
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
            {
                type = nullable.TypeArguments[0];
            }

            if (type.SpecialType != SpecialType.None || !seen.Add(type.WithNullableAnnotation(NullableAnnotation.NotAnnotated)))
            {
                continue;
            }

            if (type is IArrayTypeSymbol array)
            {
                pending.Push(array.ElementType);
            }

            if (type is INamedTypeSymbol named)
            {
                foreach (var argument in named.TypeArguments)
                {
                    pending.Push(argument);
                }

                foreach (var property in named.GetMembers().OfType<IPropertySymbol>())
                {
                    pending.Push(property.Type);
                }
            }
        }

        return seen;
    }
}
