namespace Galaxy.Api.Toolkit.Migration;

/// <summary>The event ids of the migration package's log messages: 3000-3099 forwarding, 3100-3199 shadow, 3200-3299 catalog, coverage and validation.</summary>
internal static class MigrationLogEvents
{
    public const int LegacyUnreachable = 3000;
    public const int LegacyTimeout = 3001;
    public const int LegacyFailed = 3002;

    public const int ManifestLoaded = 3200;
    public const int ManifestRouteSkipped = 3201;
    public const int LegacyValidationFailed = 3202;
    public const int LegacySchemaSkipped = 3203;
}
