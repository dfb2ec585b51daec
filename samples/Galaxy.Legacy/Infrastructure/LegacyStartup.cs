using Galaxy.Data;

namespace Galaxy.Legacy.Infrastructure;

/// <summary>Creates the database at start (so a bad path fails the start, not the first request) and says what a person needs to know.</summary>
internal sealed partial class LegacyStartup(GalaxyDatabase database, bool defaultIdSecret, ILogger<LegacyStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var info = await database.InitializeAsync(cancellationToken);
        LogDatabase(logger, info.Path);
        if (info.AdminApiKeySource != AdminApiKeySource.Configured)
        {
            LogAdminKey(logger, info.AdminApiKey, info.AdminApiKeySource == AdminApiKeySource.Generated ? "generated now" : "stored by an earlier run");
        }

        if (defaultIdSecret)
        {
            LogDefaultSecret(logger);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Galaxy database: {Path}")]
    private static partial void LogDatabase(ILogger logger, string path);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Galaxy:AdminApiKey is not set; the admin's API key ({Source}) is {ApiKey}")]
    private static partial void LogAdminKey(ILogger logger, string apiKey, string source);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Galaxy:IdSecret is not set; ids are encoded with Galaxy's public sample secret. Set Galaxy__IdSecret outside development.")]
    private static partial void LogDefaultSecret(ILogger logger);
}
