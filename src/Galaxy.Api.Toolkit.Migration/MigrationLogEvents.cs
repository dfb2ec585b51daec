namespace Galaxy.Api.Toolkit.Migration;

/// <summary>The event ids of the migration package's log messages: 3000-3099 forwarding, 3100-3199 shadow, 3200-3299 catalog, coverage and validation.</summary>
internal static class MigrationLogEvents
{
    public const int LegacyUnreachable = 3000;
    public const int LegacyTimeout = 3001;
    public const int LegacyFailed = 3002;
    public const int LegacyNoServerAvailable = 3003;
    public const int LegacyAbortedAfterStart = 3004;
    public const int LegacyProxyStarted = 3005;

    public const int ShadowDifference = 3100;
    public const int ShadowDropped = 3101;
    public const int ShadowDroppingStarted = 3102;
    public const int ShadowFailed = 3103;
    public const int ShadowTimeout = 3104;
    public const int ShadowSkipped = 3105;
    public const int ShadowWorkerError = 3106;
    public const int ShadowStarted = 3107;
    public const int ShadowCaptureError = 3108;

    public const int ManifestLoaded = 3200;
    public const int ManifestRouteSkipped = 3201;
    public const int LegacyValidationFailed = 3202;
    public const int LegacySchemaSkipped = 3203;
}
