using System.Security.Cryptography;
using Galaxy.Api.Toolkit;

namespace Galaxy.Modern.Users;

/// <summary>
/// The sample's users: one admin whose API key comes from configuration <c>Galaxy:AdminApiKey</c> (environment
/// variable <c>Galaxy__AdminApiKey</c>), generated and logged at start when not set.
/// </summary>
public sealed partial class ConfiguredUserStore : IGalaxyUserStore
{
    private readonly GalaxyUser _admin = new(new GalaxyId(1), "admin", "admin@galaxy.invalid", IsAdmin: true);
    private readonly byte[] _adminKey;

    /// <summary>Reads the admin key, generating one when it is not configured.</summary>
    public ConfiguredUserStore(IConfiguration configuration, ILogger<ConfiguredUserStore> logger)
    {
        var key = configuration["Galaxy:AdminApiKey"];
        if (string.IsNullOrEmpty(key))
        {
            key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            LogGeneratedKey(logger, key);
        }

        AdminApiKey = key;
        _adminKey = System.Text.Encoding.UTF8.GetBytes(key);
    }

    /// <summary>The admin's API key.</summary>
    public string AdminApiKey { get; }

    /// <inheritdoc/>
    public ValueTask<GalaxyUser?> FindByApiKeyAsync(string apiKey, CancellationToken cancellationToken)
    {
        // Constant-time comparison: the key is a password.
        var given = System.Text.Encoding.UTF8.GetBytes(apiKey);
        return ValueTask.FromResult(CryptographicOperations.FixedTimeEquals(given, _adminKey) ? _admin : null);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Galaxy:AdminApiKey is not set; the admin's API key for this run is {ApiKey}")]
    private static partial void LogGeneratedKey(ILogger logger, string apiKey);
}
