using Galaxy.Api.Toolkit;
using Galaxy.Data;
using Microsoft.Data.Sqlite;

namespace Galaxy.Modern.Configuration;

/// <summary>
/// A busy or locked database (SQLite's <c>SQLITE_BUSY</c> / <c>SQLITE_LOCKED</c> after the busy timeout, i.e. another
/// process or connection holds the write lock) is a temporary condition, not a server fault: the client gets Galaxy's 503
/// with <c>err_code</c> 503001, as from the legacy app, instead of a 500. Every write is one transaction, so nothing was
/// changed and the same request can be sent again.
/// </summary>
internal sealed partial class DatabaseBusyMiddleware(RequestDelegate next, ILogger<DatabaseBusyMiddleware> logger)
{
    /// <summary>The <c>err_msg</c>, the legacy app's words.</summary>
    public const string Message = "The database is busy; try again.";

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (SqliteException exception) when (GalaxyDatabase.IsBusy(exception) && !context.Response.HasStarted)
        {
            LogBusy(logger, context.Request.Method, context.Request.Path, exception.SqliteErrorCode);
            // The toolkit's error handling, outside this middleware, writes it in the API's error format.
            throw new ServiceUnavailableException(Message);
        }
    }

    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning, Message = "The database stayed busy on {Method} {Path} (SQLite error {SqliteError}); the client gets 503.")]
    private static partial void LogBusy(ILogger logger, string method, PathString path, int sqliteError);
}

/// <summary>
/// Puts <see cref="DatabaseBusyMiddleware"/> right inside the toolkit's error handling (registered after
/// <c>AddGalaxyApi</c>), so that it covers routing, authentication (the API key lookup reads the database) and every operation.
/// </summary>
internal sealed class DatabaseBusyStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseMiddleware<DatabaseBusyMiddleware>();
        next(app);
    };
}
