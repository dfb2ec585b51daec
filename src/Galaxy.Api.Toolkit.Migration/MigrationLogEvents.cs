namespace Galaxy.Api.Toolkit.Migration;

/// <summary>The event ids of the migration package's log messages: 3000-3099 forwarding, 3100-3199 shadow, 3200-3299 coverage and validation.</summary>
internal static class MigrationLogEvents
{
}
