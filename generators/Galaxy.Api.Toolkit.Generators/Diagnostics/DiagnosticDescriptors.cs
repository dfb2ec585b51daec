using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Galaxy.Api.Toolkit.Generators.Diagnostics;

/// <summary>
/// Every diagnostic the generator reports. Ids are stable: a new rule takes the next number and is listed in
/// AnalyzerReleases.Unshipped.md and the README; an id is never reused.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "Galaxy.Api.Toolkit";

    public static readonly DiagnosticDescriptor RouteParameterWithoutMethodParameter = new(
        "GAT0001",
        "Route parameter has no method parameter",
        "Route parameter '{0}' of '{1}' has no method parameter of the same name; add a parameter '{0}' to '{2}' or remove '{{{0}}}' from the route",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor FromRouteWithoutRouteParameter = new(
        "GAT0002",
        "Route-bound parameter is not in the route",
        "Parameter '{0}' is bound from the route but the route '{1}' has no '{{{0}}}' segment; add it to the route or bind the parameter from the query",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor DuplicateOperation = new(
        "GAT0003",
        "Operation declared twice",
        "'{0} {1}' is declared by both '{2}' and '{3}'; change the route or the HTTP method of one of them",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnsupportedParameterType = new(
        "GAT0004",
        "Unsupported parameter type",
        "Parameter '{0}' of type '{1}' cannot be bound from {2}; use a string, number, boolean, Guid, date, enum or a nullable of one of these, or bind a class from the body",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnsupportedReturnType = new(
        "GAT0005",
        "Unsupported return type",
        "Return type '{0}' of '{1}' is not supported; return a value, Task<T>, ValueTask<T>, Task, ValueTask or void",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor InvalidRouterClass = new(
        "GAT0006",
        "Router class cannot be used",
        "Router '{0}' must be a public, non-abstract, non-generic class: {1}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor MultipleBodyParameters = new(
        "GAT0007",
        "More than one body parameter",
        "'{0}' binds both '{1}' and '{2}' from the body; a request has one body: merge them into one type or bind one from the query",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor BodyNotAllowed = new(
        "GAT0008",
        "Body on a method without one",
        "'{0}' is a {1} operation and cannot read a body; bind '{2}' from the query with [AsParameters], from DI with [FromServices], or change the HTTP method",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor InvalidRouteTemplate = new(
        "GAT0009",
        "Route template does not parse",
        "Route '{0}' of '{1}' is not a valid route template: {2}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor NoUsableConstructor = new(
        "GAT0010",
        "Router has no usable constructor",
        "Router '{0}' needs exactly one public constructor, or one marked [ActivatorUtilitiesConstructor]; found {1}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor OperationOutsideRouter = new(
        "GAT0011",
        "Operation outside a router",
        "'{0}' has a verb attribute but its class '{1}' has no [ApiRouter], so it is not mapped; add [ApiRouter] to the class",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor InvalidAsParameters = new(
        "GAT0012",
        "[AsParameters] type cannot be bound",
        "[AsParameters] parameter '{0}' cannot be bound: {1}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor InvalidCommaSeparated = new(
        "GAT0013",
        "[CommaSeparated] on a value that is not a collection",
        "[CommaSeparated] parameter '{0}' has type '{1}'; use an array or list of a scalar type such as string[] or IReadOnlyList<string>",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor DuplicateOperationId = new(
        "GAT0014",
        "operationId used twice",
        "operationId '{0}' of '{1}' is also the operationId of '{2}'; set a unique OperationId on one of them",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor PublicOperationNeedsUser = new(
        "GAT0015",
        "Public operation requires a user",
        "'{0}' is public but its parameter '{1}' is a non-nullable GalaxyUser, so anonymous calls would fail; make it 'GalaxyUser?' or make the operation require a user",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor RuleNotInSchema = new(
        "GAT0016",
        "Validation rule not stated in the document",
        "{0}: rule {1} is enforced at run time but not in the OpenAPI schema ({2}); the document marks the member with x-galaxy-unexpressed-rules, or express the rule with constants or DataAnnotations",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor LegacyManifestUnreadable = new(
        "GAT0017",
        "Legacy manifest cannot be read",
        "The legacy manifest '{0}' cannot be read: {1}; fix the file or the GalaxyApiLegacyManifest property",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor LegacyParametersDiffer = new(
        "GAT0018",
        "Modern route shadows a legacy route with other parameters",
        "{0} {1} ('{2}') replaces the legacy route {0} {3} but its parameters differ: {4}; legacy clients sending them would be misunderstood, so accept them or make the change deliberately",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor ContractsUnreadable = new(
        "GAT0019",
        "Contracts document cannot be read",
        "The contracts document '{0}' cannot be read: {1}; fix the file or the GalaxyApiContracts property (an OpenAPI 3 document in JSON with components/schemas)",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor JsonContractMissing = new(
        "GAT0020",
        "Endpoint type missing from the JsonSerializerContext",
        "'{0}' ({1}) reads or writes '{2}' as JSON, but {3}; without reflection (Native AOT, trimming) the API fails at start-up; add [JsonSerializable(typeof({4}))] to your JsonSerializerContext and insert it with builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, MyJsonContext.Default)); when the context is in another assembly, set <GalaxyApiCheckJsonContracts>false</GalaxyApiCheckJsonContracts>",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true);

    private const string BreakingHelp = "; if the break is intended, update the baseline document (GalaxyApiBaselineDocument)";

    public static readonly DiagnosticDescriptor BaselineUnreadable = new(
        "GAT0100",
        "Baseline document cannot be read",
        "The baseline document '{0}' is not valid JSON: {1}; fix the file or the GalaxyApiBaselineDocument property",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor BreakingOperationRemoved = new(
        "GAT0101",
        "Breaking change: operation removed",
        "Breaking change: operation {0} was removed (baseline {1})" + BreakingHelp,
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor BreakingResponseFieldRemoved = new(
        "GAT0102",
        "Breaking change: response field removed",
        "Breaking change: {0} is no longer returned (baseline {1})" + BreakingHelp,
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor BreakingMadeRequired = new(
        "GAT0103",
        "Breaking change: made required",
        "Breaking change: {0} is now required (baseline {1})" + BreakingHelp,
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor BreakingTypeNarrowed = new(
        "GAT0104",
        "Breaking change: type narrowed",
        "Breaking change: {0} (baseline {1})" + BreakingHelp,
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor BreakingEnumValueRemoved = new(
        "GAT0105",
        "Breaking change: enum value removed",
        "Breaking change: {0} is no longer accepted (baseline {1})" + BreakingHelp,
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor BreakingConstraintTightened = new(
        "GAT0106",
        "Breaking change: constraint tightened",
        "Breaking change: {0} (baseline {1})" + BreakingHelp,
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly IReadOnlyList<DiagnosticDescriptor> All =
    [
        LegacyManifestUnreadable,
        LegacyParametersDiffer,
        ContractsUnreadable,
        JsonContractMissing,
        RouteParameterWithoutMethodParameter,
        FromRouteWithoutRouteParameter,
        DuplicateOperation,
        UnsupportedParameterType,
        UnsupportedReturnType,
        InvalidRouterClass,
        MultipleBodyParameters,
        BodyNotAllowed,
        InvalidRouteTemplate,
        NoUsableConstructor,
        OperationOutsideRouter,
        InvalidAsParameters,
        InvalidCommaSeparated,
        DuplicateOperationId,
        PublicOperationNeedsUser,
        RuleNotInSchema,
        BaselineUnreadable,
        BreakingOperationRemoved,
        BreakingResponseFieldRemoved,
        BreakingMadeRequired,
        BreakingTypeNarrowed,
        BreakingEnumValueRemoved,
        BreakingConstraintTightened,
    ];

    private static readonly Dictionary<string, DiagnosticDescriptor> ByIdMap = All.ToDictionary(static d => d.Id);

    public static DiagnosticDescriptor ById(string id) => ByIdMap[id];
}
