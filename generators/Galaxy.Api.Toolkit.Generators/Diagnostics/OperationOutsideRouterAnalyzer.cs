using System.Collections.Immutable;
using System.Linq;
using Galaxy.Api.Toolkit.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Galaxy.Api.Toolkit.Generators.Diagnostics;

/// <summary>Reports verb attributes on methods of classes without <c>[ApiRouter]</c> (GAT0011): the generator never sees them.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class OperationOutsideRouterAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [DiagnosticDescriptors.OperationOutsideRouter];

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSymbolAction(Analyze, SymbolKind.Method);
    }

    private static void Analyze(SymbolAnalysisContext context)
    {
        var method = (IMethodSymbol)context.Symbol;
        var verb = method.GetAttributes().FirstOrDefault(static a => a.AttributeClass is { } c && RouterParser.Verbs.ContainsKey(c.ToDisplayString()));
        if (verb is null || method.ContainingType is not { } type || SchemaParser.HasAttribute(type, KnownTypeNames.ApiRouterAttribute))
        {
            return;
        }

        var location = verb.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).GetLocation() ?? method.Locations.FirstOrDefault();
        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.OperationOutsideRouter, location, method.Name, type.Name));
    }
}
