namespace Galaxy.Api.Toolkit.Generators;

/// <summary>The names of the generator's pipeline steps, as caching tests and <c>WithTrackingName</c> use them.</summary>
internal static class TrackingNames
{
    /// <summary>Each <c>[ApiRouter]</c> class parsed into a <c>RouterModel</c>.</summary>
    public const string Routers = nameof(Routers);

    /// <summary>The <c>[assembly: GalaxyApiDocument]</c> settings merged with the assembly name.</summary>
    public const string DocumentOptions = nameof(DocumentOptions);

    /// <summary>Each router paired with the options, input of its handler file.</summary>
    public const string RouterEndpoints = nameof(RouterEndpoints);

    /// <summary>All routers and the options, input of the map method and the document.</summary>
    public const string Api = nameof(Api);

    /// <summary>The FluentValidation validators of the compilation and their rules.</summary>
    public const string UserValidators = nameof(UserValidators);

    /// <summary>The baseline document, when the build names one.</summary>
    public const string Baseline = nameof(Baseline);

    /// <summary>The legacy manifest, parsed, when the build names one.</summary>
    public const string LegacyManifest = nameof(LegacyManifest);

    /// <summary>The contracts document (<c>GalaxyApiContracts</c>) and the namespace, parsed into C# types.</summary>
    public const string ContractsDocument = nameof(ContractsDocument);

    /// <summary>Each contract type, input of its own file.</summary>
    public const string ContractTypes = nameof(ContractTypes);

    /// <summary>Whether the build serializes without reflection (Native AOT, trimming), so GAT0020 applies.</summary>
    public const string JsonContractCheck = nameof(JsonContractCheck);

    /// <summary>The names of the project's <c>JsonSerializerContext</c> classes.</summary>
    public const string JsonContexts = nameof(JsonContexts);

    /// <summary>The types those contexts cover (empty when the check is off).</summary>
    public const string JsonCoverage = nameof(JsonCoverage);
}
