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

        var routerEndpoints = routers.Combine(options).WithTrackingName(TrackingNames.RouterEndpoints);
        context.RegisterSourceOutput(routerEndpoints, static (output, input) =>
        {
            var (router, documentOptions) = input;
            foreach (var diagnostic in router.Diagnostics)
            {
                output.ReportDiagnostic(diagnostic.ToDiagnostic());
            }

            if (router.IsValid)
            {
                output.AddSource(EndpointEmitter.HintName(router), EndpointEmitter.Emit(router, documentOptions));
            }
        });

        var api = routers.Collect()
            .Combine(options)
            .Select(static (input, _) => new ApiModel(
                input.Right,
                input.Left.Where(static r => r.IsValid).OrderBy(static r => r.Type.Identifier, System.StringComparer.Ordinal).ToEquatableArray()))
            .WithTrackingName(TrackingNames.Api);
        context.RegisterSourceOutput(api, static (output, model) =>
        {
            foreach (var diagnostic in ApiDiagnostics.Find(model))
            {
                output.ReportDiagnostic(diagnostic.ToDiagnostic());
            }

            output.AddSource(ApiEmitter.MapHintName, ApiEmitter.EmitMap(model));
            output.AddSource(ApiEmitter.DocumentHintName, ApiEmitter.EmitDocument(model, DocumentEmitter.Emit(model)));
        });
    }
}
