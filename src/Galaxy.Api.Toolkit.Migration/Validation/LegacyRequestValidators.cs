using Galaxy.Api.Toolkit.Migration.Catalog;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Galaxy.Api.Toolkit.Migration.Validation;

/// <summary>
/// The validators of legacy operations, built from the manifest's schemas with NJsonSchema on an operation's first
/// request (a large manifest costs nothing at start-up); null for operations with nothing to check or validation off.
/// </summary>
internal sealed partial class LegacyRequestValidators : ILegacyRequestValidation
{
    private readonly LegacyCatalogProvider _catalog;
    private readonly GalaxyLegacyOptions _options;
    private readonly ILogger _logger;
    private readonly Lazy<Lazy<LegacyRequestValidator?>[]> _validators;

    public LegacyRequestValidators(LegacyCatalogProvider catalog, IOptions<GalaxyLegacyOptions> options, MigrationMetrics metrics, ILogger<LegacyRequestValidators> logger)
    {
        _catalog = catalog;
        _options = options.Value;
        _logger = logger;
        _validators = new(() => [.. catalog.Catalog.Operations.Select(o => new Lazy<LegacyRequestValidator?>(() => Build(o, metrics)))]);
    }

    /// <summary>The validator of <paramref name="operation"/>, or null when it has no schemas or validation is off for it.</summary>
    public ILegacyOperationValidator? Find(LegacyOperation operation)
        => _options.ValidateRequests ? _validators.Value[operation.Index].Value : null;

    private LegacyRequestValidator? Build(LegacyOperation operation, MigrationMetrics metrics)
    {
        if (operation.Operation is null || _options.SkipValidation.Contains(operation.Key)
            || (operation.OperationId is { } id && _options.SkipValidation.Contains(id)))
        {
            return null;
        }

        try
        {
            return LegacyRequestValidator.Create(operation, _catalog.Catalog.Components, _options.MaxValidatedBodyBytes, metrics);
        }
#pragma warning disable CA1031 // A schema NJsonSchema cannot load must not take the route down: it is forwarded unvalidated, and logged.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogSchemaSkipped(_logger, exception, operation.Key);
            return null;
        }
    }

    [LoggerMessage(EventId = MigrationLogEvents.LegacySchemaSkipped, Level = LogLevel.Warning,
        Message = "The manifest's schemas of {Operation} cannot be loaded; its requests are forwarded without validation.")]
    private static partial void LogSchemaSkipped(ILogger logger, Exception exception, string operation);
}
