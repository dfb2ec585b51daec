using Microsoft.Extensions.Configuration;

namespace Galaxy.Data;

/// <summary>
/// Where the database is and how it is opened. From configuration: <c>Galaxy:Database</c> (a file path, relative to the
/// content root, or <c>:memory:</c>), <c>Galaxy:AdminApiKey</c>, <c>Galaxy:DatabaseBusyTimeout</c> (milliseconds).
/// </summary>
public sealed class GalaxyDatabaseOptions
{
    /// <summary>The configuration key of the database path (environment variable <c>Galaxy__Database</c>).</summary>
    public const string DatabaseKey = "Galaxy:Database";

    /// <summary>The configuration key of the admin's API key (environment variable <c>Galaxy__AdminApiKey</c>).</summary>
    public const string AdminApiKeyKey = "Galaxy:AdminApiKey";

    /// <summary>The configuration key of the busy timeout in milliseconds.</summary>
    public const string BusyTimeoutKey = "Galaxy:DatabaseBusyTimeout";

    /// <summary>The database path when none is configured, relative to the content root (the current directory of <c>dotnet run</c>).</summary>
    public const string DefaultPath = "data/galaxy.sqlite";

    /// <summary>The value of <c>Galaxy:Database</c> that selects a database in memory, private to one <see cref="GalaxyDatabase"/>.</summary>
    public const string InMemory = ":memory:";

    /// <summary>The absolute path of the database file, or <see cref="InMemory"/>.</summary>
    public required string Path { get; init; }

    /// <summary>The admin's API key from configuration; null to keep the stored one or generate one.</summary>
    public string? AdminApiKey { get; init; }

    /// <summary>
    /// How long a statement waits for another writer to finish before failing with SQLite's busy error (SQLite's busy
    /// timeout; Microsoft.Data.Sqlite's retries end after the same time rounded up to whole seconds, so at least about one
    /// second). Default 5 seconds.
    /// </summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Whether the database lives in memory.</summary>
    public bool IsInMemory => Path == InMemory;

    /// <summary>Reads the options from configuration.</summary>
    /// <param name="configuration">The host's configuration.</param>
    /// <param name="contentRoot">The directory a relative path is resolved against; null for the current directory.</param>
    /// <exception cref="InvalidOperationException">A value cannot be used (the message says which and why).</exception>
    public static GalaxyDatabaseOptions FromConfiguration(IConfiguration configuration, string? contentRoot)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = configuration[DatabaseKey];
        var path = string.IsNullOrWhiteSpace(configured) ? DefaultPath : configured.Trim();
        if (path != InMemory)
        {
            path = System.IO.Path.GetFullPath(path, contentRoot ?? Directory.GetCurrentDirectory());
        }

        var busy = TimeSpan.FromSeconds(5);
        if (configuration[BusyTimeoutKey] is { Length: > 0 } busyText)
        {
            if (!int.TryParse(busyText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ms) || ms is < 1 or > 600_000)
            {
                throw new InvalidOperationException($"{BusyTimeoutKey} must be a number of milliseconds from 1 to 600000 (it is '{busyText}').");
            }

            busy = TimeSpan.FromMilliseconds(ms);
        }

        var key = configuration[AdminApiKeyKey];
        return new GalaxyDatabaseOptions
        {
            Path = path,
            AdminApiKey = string.IsNullOrEmpty(key) ? null : key,
            BusyTimeout = busy,
        };
    }
}
