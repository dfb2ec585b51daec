using System.Linq;
using Galaxy.Api.Toolkit.Generators.Diagnostics;
using Galaxy.Api.Toolkit.Generators.Emitting;
using Galaxy.Api.Toolkit.Generators.Model;
using Galaxy.Api.Toolkit.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Galaxy.Api.Toolkit.Generators;

/// <summary>
/// Turns <c>[ApiRouter]</c> classes into request handlers, <c>MapGalaxyApi</c> and the OpenAPI document.
/// Pipeline: parse each router into a value-equal model (<see cref="TrackingNames.Routers"/>), read the assembly's
/// options (<see cref="TrackingNames.DocumentOptions"/>), emit one handler file per router
/// (<see cref="TrackingNames.RouterEndpoints"/>) and the assembly-level files from all of them (<see cref="TrackingNames.Api"/>).
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class ApiGenerator : IIncrementalGenerator
{
    /// <summary>
    /// The item metadata that gives an AdditionalFile its role (set by the build targets): <c>Baseline</c> (the committed
    /// document breaking changes are checked against) or <c>LegacyManifest</c> (the legacy API merged into the document).
    /// </summary>
    private const string BaselineRoleMetadata = "build_metadata.AdditionalFiles.GalaxyApiRole";

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var routers = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownTypeNames.ApiRouterAttribute,
                static (node, _) => node is ClassDeclarationSyntax,
                RouterParser.Parse)
            .WithTrackingName(TrackingNames.Routers);

        var options = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownTypeNames.GalaxyApiDocumentAttribute,
                static (node, _) => node is CompilationUnitSyntax,
                DocumentOptionsParser.Parse)
            .Collect()
            .Combine(context.CompilationProvider.Select(static (compilation, _) => compilation.AssemblyName))
            .Select(DocumentOptionsParser.Merge)
            .WithTrackingName(TrackingNames.DocumentOptions);

        var userValidators = context.SyntaxProvider
            .CreateSyntaxProvider(static (node, _) => UserValidatorParser.IsCandidate(node), UserValidatorParser.Parse)
            .Where(static validator => validator is not null)
            .Collect()
            .Select(static (validators, _) => validators.Select(static v => v!).OrderBy(static v => v.Validator.Identifier, System.StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(TrackingNames.UserValidators);

        var routerEndpoints = routers.Combine(options).Combine(userValidators).WithTrackingName(TrackingNames.RouterEndpoints);
        context.RegisterSourceOutput(routerEndpoints, static (output, input) =>
        {
            var ((router, documentOptions), validators) = input;
            foreach (var diagnostic in router.Diagnostics)
            {
                output.ReportDiagnostic(diagnostic.ToDiagnostic());
            }

            if (router.IsValid)
            {
                output.AddSource(EndpointEmitter.HintName(router), EndpointEmitter.Emit(router, documentOptions, validators));
            }
        });

        var api = routers.Collect()
            .Combine(options)
            .Combine(userValidators)
            .Select(static (input, _) => new ApiModel(
                input.Left.Right,
                input.Left.Left.Where(static r => r.IsValid).OrderBy(static r => r.Type.Identifier, System.StringComparer.Ordinal).ToEquatableArray(),
                input.Right))
            .WithTrackingName(TrackingNames.Api);
        // GAT0020: only builds without reflection-based serialization walk the contexts' types (and rerun on each edit).
        var jsonCheck = context.AnalyzerConfigOptionsProvider
            .Select(JsonContextParser.IsCheckOn)
            .WithTrackingName(TrackingNames.JsonContractCheck);
        var jsonContexts = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                JsonContextParser.JsonSerializableAttribute,
                static (node, _) => node is ClassDeclarationSyntax,
                JsonContextParser.ContextName)
            .Where(static name => name is not null)
            .Collect()
            .Select(static (names, _) => names.Select(static n => n!).Distinct().OrderBy(static n => n, System.StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(TrackingNames.JsonContexts);
        var jsonCoverage = jsonContexts
            .Combine(jsonCheck)
            .Combine(context.CompilationProvider)
            .Select(static (input, cancellationToken) => JsonContextParser.Cover(input.Left.Left, input.Left.Right, input.Right, cancellationToken))
            .WithTrackingName(TrackingNames.JsonCoverage);
        context.RegisterSourceOutput(api.Combine(jsonCoverage), static (output, input) =>
        {
            foreach (var diagnostic in JsonContractDiagnostics.Find(input.Left, input.Right))
            {
                output.ReportDiagnostic(diagnostic.ToDiagnostic());
            }
        });

        var baseline = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Where(static input => input.Right.GetOptions(input.Left).TryGetValue(BaselineRoleMetadata, out var role)
                && string.Equals(role, "Baseline", System.StringComparison.OrdinalIgnoreCase))
            .Select(static (input, cancellationToken) => new BaselineModel(input.Left.Path, input.Left.GetText(cancellationToken)?.ToString()))
            .Collect()
            .Select(static (baselines, _) => baselines.IsDefaultOrEmpty ? null : baselines[0])
            .WithTrackingName(TrackingNames.Baseline);

        var legacyManifest = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Where(static input => input.Right.GetOptions(input.Left).TryGetValue(BaselineRoleMetadata, out var role)
                && string.Equals(role, "LegacyManifest", System.StringComparison.OrdinalIgnoreCase))
            .Select(static (input, cancellationToken) => Legacy.LegacyManifestModel.Parse(input.Left.Path, input.Left.GetText(cancellationToken)?.ToString()))
            .Collect()
            .Select(static (manifests, _) => manifests.IsDefaultOrEmpty ? null : manifests[0])
            .WithTrackingName(TrackingNames.LegacyManifest);

        context.RegisterSourceOutput(api.Combine(baseline).Combine(legacyManifest), static (output, input) =>
        {
            var ((model, baselineDocument), manifest) = input;
            // GAT0016 comes from UnexpressedRuleAnalyzer, so that pragmas and .editorconfig can suppress it.
            foreach (var diagnostic in ApiDiagnostics.Find(model))
            {
                output.ReportDiagnostic(diagnostic.ToDiagnostic());
            }

            var document = DocumentEmitter.Emit(model);
            Legacy.LegacyMergeResult? merge = null;
            if (manifest is not null)
            {
                if (manifest.Error is not null)
                {
                    var unreadable = DiagnosticInfo.Create(DiagnosticDescriptors.LegacyManifestUnreadable, null, manifest.Path, manifest.Error)
                        with { Location = new LocationInfo(manifest.Path, default, default) };
                    output.ReportDiagnostic(unreadable.ToDiagnostic());
                }
                else
                {
                    merge = Legacy.LegacyMerge.Merge(Json.JsonValue.Parse(document), manifest);
                    document = merge.Document;
                    foreach (var diagnostic in LegacyDiagnostics.Find(merge, model))
                    {
                        output.ReportDiagnostic(diagnostic.ToDiagnostic());
                    }
                }
            }

            if (baselineDocument is not null)
            {
                foreach (var diagnostic in BreakingChanges.Find(baselineDocument.Text ?? string.Empty, baselineDocument.Path, document, model))
                {
                    output.ReportDiagnostic(diagnostic.ToDiagnostic());
                }
            }

            var bodies = model.Routers.SelectMany(static r => r.Operations).SelectMany(static o => o.RequestParameters).Where(static p => p.Source == ParameterSource.Body).ToList();
            var plan = new ValidationPlan(model.Routers.SelectMany(static r => r.Components), model.Options.Naming, bodies.Select(static p => p.Schema?.ComponentId));
            output.AddSource("GalaxyApi.Validators.g.cs", plan.Emit());
            output.AddSource("GalaxyApi.ValidatorRegistration.g.cs", plan.EmitValidators(bodies.Select(static p => p.Type)));
            output.AddSource(ApiEmitter.MapHintName, ApiEmitter.EmitMap(model));
            output.AddSource(ApiEmitter.DocumentHintName, ApiEmitter.EmitDocument(model, document, merge));
            if (merge is not null)
            {
                output.AddSource(ApiEmitter.CoverageHintName, ApiEmitter.EmitCoverage(merge));
            }
        });
    }
}
