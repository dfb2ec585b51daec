using System.Linq;
using Galaxy.Api.Toolkit.Generators.Diagnostics;
using Galaxy.Api.Toolkit.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Galaxy.Api.Toolkit.Generators.Contracts;

/// <summary>
/// Generates C# contract types from the component schemas of an OpenAPI 3 document: the AdditionalFile whose
/// <c>GalaxyApiRole</c> is <c>Contracts</c> (the <c>GalaxyApiContracts</c> build property). Pipeline: the document and the
/// namespace (<see cref="TrackingNames.ContractsDocument"/>), each type (<see cref="TrackingNames.ContractTypes"/>), one file
/// per type. The API generator cannot see these types in the same compilation (generators do not see each other's
/// output): hosts reference the assembly that holds them.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class ContractsGenerator : IIncrementalGenerator
{
    private const string RoleMetadata = "build_metadata.AdditionalFiles.GalaxyApiRole";
    private const string NamespaceProperty = "build_property.GalaxyApiContractsNamespace";

    /// <summary>The namespace of the types when the build does not name one.</summary>
    public const string DefaultNamespace = "Galaxy.Api.Contracts";

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var @namespace = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => options.GlobalOptions.TryGetValue(NamespaceProperty, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : DefaultNamespace);

        var document = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Where(static input => input.Right.GetOptions(input.Left).TryGetValue(RoleMetadata, out var role)
                && string.Equals(role, "Contracts", System.StringComparison.OrdinalIgnoreCase))
            .Select(static (input, _) => input.Left)
            .Collect()
            .Select(static (files, _) => files.IsDefaultOrEmpty ? null : files.OrderBy(static f => f.Path, System.StringComparer.Ordinal).First())
            .Combine(@namespace)
            .Select(static (input, cancellationToken) => input.Left is null
                ? null
                : ContractParser.Parse(input.Left.Path, input.Left.GetText(cancellationToken)?.ToString(), input.Right, cancellationToken))
            .WithTrackingName(TrackingNames.ContractsDocument);

        context.RegisterSourceOutput(document, static (output, model) =>
        {
            if (model is null)
            {
                return;
            }

            if (model.Error is not null)
            {
                var unreadable = DiagnosticInfo.Create(DiagnosticDescriptors.ContractsUnreadable, null, model.Path, model.Error)
                    with { Location = new LocationInfo(model.Path, default, default) };
                output.ReportDiagnostic(unreadable.ToDiagnostic());
                return;
            }

            output.AddSource(ContractEmitter.IndexHintName, ContractEmitter.EmitIndex(model));
        });

        var types = document
            .SelectMany(static (model, _) => model?.Types ?? EquatableArray<ContractTypeModel>.Empty)
            .WithTrackingName(TrackingNames.ContractTypes);
        context.RegisterSourceOutput(types, static (output, type) => output.AddSource(ContractEmitter.HintName(type), ContractEmitter.Emit(type)));
    }
}
