using System.Linq;

namespace Galaxy.Api.Toolkit.Generators.Model;

// Caching rule for every type in this folder: a model holds only strings, numbers, enums, other models and
// EquatableArray<T> of them, never an ISymbol, SyntaxNode, SemanticModel or Compilation, so that two parses of the
// same source compare equal and the generator's later steps stay cached. Tests walk the object graph to enforce it.

/// <summary>The compile-time settings of an assembly's API (<c>[assembly: GalaxyApiDocument]</c>).</summary>
internal sealed record DocumentOptionsModel(
    string Title,
    string Version,
    string? Description,
    JsonNaming Naming,
    bool ProblemDetails,
    string AssemblyName,
    InfoModel? Info = null);

/// <summary>License and contact of the document's <c>info</c>.</summary>
internal sealed record InfoModel(string? License, string? LicenseUrl, string? ContactName, string? ContactEmail, string? ContactUrl);

/// <summary>Everything the assembly-level outputs need: the options and every router, in a stable order.</summary>
internal sealed record ApiModel(DocumentOptionsModel Options, EquatableArray<RouterModel> Routers, EquatableArray<UserValidatorModel> UserValidators = default);

/// <summary>One <c>[ApiRouter]</c> class and its operations.</summary>
internal sealed record RouterModel(
    TypeRef Type,
    string Tag,
    string? Description,
    EquatableArray<ServiceParameterModel> ConstructorParameters,
    EquatableArray<OperationModel> Operations,
    EquatableArray<ComponentModel> Components,
    EquatableArray<DiagnosticInfo> Diagnostics)
{
    /// <summary>Whether the router can be emitted (no error was reported on it).</summary>
    public bool IsValid => !Diagnostics.Any(static d => d.IsError);

    /// <summary>
    /// The types the router's handlers read or write as JSON (bodies and response values), once each, ordered by identifier:
    /// the contracts the handlers ask the serializer for at start-up.
    /// </summary>
    public System.Collections.Generic.List<(TypeRef Type, OperationModel FirstOperation)> JsonContracts()
        => Operations
            .SelectMany(static o => o.RequestParameters.Where(static p => p.Source == ParameterSource.Body).Select(static p => p.Type)
                .Concat(o.Return.Responses.Select(static r => r.ValueType).Where(static t => t is not null).Select(static t => t!))
                .Select(t => (Type: t, Operation: o)))
            .GroupBy(static t => t.Type.Identifier)
            .OrderBy(static g => g.Key, System.StringComparer.Ordinal)
            .Select(static g => (g.First().Type, g.First().Operation))
            .ToList();
}

/// <summary>A constructor parameter of a router, resolved from dependency injection.</summary>
/// <param name="ServiceKey">The C# literal of the key of a keyed service (<c>[FromKeyedServices]</c>).</param>
internal sealed record ServiceParameterModel(TypeRef Type, bool IsOptional, string? ServiceKey);

/// <summary>The naming policies; the same as <c>ApiJsonNaming</c> in the runtime.</summary>
internal enum JsonNaming
{
    SnakeCaseLower = 0,
    CamelCase = 1,
    None = 2,
    SnakeCaseUpper = 3,
    KebabCaseLower = 4,
    KebabCaseUpper = 5,
}

/// <summary>The committed baseline document the build compares against (<c>GalaxyApiBaselineDocument</c>).</summary>
internal sealed record BaselineModel(string Path, string? Text);

/// <summary>
/// What the project's <c>JsonSerializerContext</c>s give contracts for, when the build runs without reflection-based
/// serialization (Native AOT, trimming); input of GAT0020.
/// </summary>
/// <param name="IsOn">Whether the check runs for this build.</param>
/// <param name="Contexts">The contexts found, by name.</param>
/// <param name="Types">The fully qualified names of the covered types.</param>
internal sealed record JsonCoverageModel(bool IsOn, EquatableArray<string> Contexts, EquatableArray<string> Types)
{
    /// <summary>The check is off: reflection-based serialization is available.</summary>
    public static readonly JsonCoverageModel Off = new(false, default, default);
}
