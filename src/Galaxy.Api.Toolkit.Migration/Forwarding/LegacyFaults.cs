using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Galaxy.Api.Toolkit.Migration.Forwarding;

/// <summary>
/// What the client gets when the legacy side does not answer: Galaxy's error body (502 unreachable, 504 too slow) while
/// nothing has been sent, else an aborted connection, so that a cut response never looks complete. Also the metric kinds
/// and the log messages of forwarding.
/// </summary>
internal static partial class LegacyFaults
{
    /// <summary>The logger category of the fallback.</summary>
    public const string LogCategory = "Galaxy.Api.Toolkit.Migration.LegacyFallback";

    /// <summary>The <c>error.type</c> of a legacy server that could not be reached (or answered with a broken response).</summary>
    public const string UnreachableKind = "unreachable";

    /// <summary>The <c>error.type</c> of a legacy side that did not answer within the timeout.</summary>
    public const string TimeoutKind = "timeout";

    /// <summary>The <c>error.type</c> of an in-process legacy app that threw.</summary>
    public const string FailedKind = "failed";

    /// <summary>502001: the legacy side could not be reached or failed before answering.</summary>
    public static readonly GalaxyErrorCode Unreachable = new(502001, StatusCodes.Status502BadGateway, "The legacy server could not be reached.");

    /// <summary>504001: the legacy side did not answer within <see cref="GalaxyLegacyOptions.Timeout"/>.</summary>
    public static readonly GalaxyErrorCode TimedOut = new(504001, StatusCodes.Status504GatewayTimeout, "The legacy server did not answer in time.");

    /// <summary>The <c>err_msg</c> when every legacy server failed its health checks.</summary>
    public const string NoServerAvailableMessage = "No legacy server is available: every server failed its health checks.";

    /// <summary>The <c>err_msg</c> when the in-process legacy app threw.</summary>
    public const string AppFailedMessage = "The legacy application failed before it answered.";

    /// <summary>
    /// Ends the response of a request the legacy side did not answer: the Galaxy error when nothing was sent yet, else
    /// an abort; nothing when the client has left.
    /// </summary>
    public static Task RespondAsync(HttpContext context, GalaxyErrorCode error, string? message = null)
    {
        if (context.RequestAborted.IsCancellationRequested)
        {
            return Task.CompletedTask;
        }

        if (context.Response.HasStarted)
        {
            context.Abort();
            return Task.CompletedTask;
        }

        // Status, headers (and a buffered body) the legacy side had set must not mix with the error.
        context.Response.Clear();
        return GalaxyErrorResponse.WriteAsync(context, error, message);
    }

    /// <summary>The request as the logs name it: method and path, never the query (it may carry a <c>key</c>).</summary>
    public static string Describe(HttpRequest request) => request.Method + " " + request.PathBase.Add(request.Path).Value;

    [LoggerMessage(EventId = MigrationLogEvents.LegacyUnreachable, Level = LogLevel.Warning,
        Message = "The legacy server {Destination} could not be reached for {Request} ({Error}); the client gets 502.")]
    public static partial void LogUnreachable(ILogger logger, string? destination, string request, string error, Exception? exception);

    [LoggerMessage(EventId = MigrationLogEvents.LegacyTimeout, Level = LogLevel.Warning,
        Message = "The legacy side did not answer {Request} within {Timeout}; the client gets 504.")]
    public static partial void LogTimeout(ILogger logger, string request, TimeSpan timeout);

    [LoggerMessage(EventId = MigrationLogEvents.LegacyFailed, Level = LogLevel.Error,
        Message = "The in-process legacy application failed on {Request}.")]
    public static partial void LogFailed(ILogger logger, string request, Exception exception);

    [LoggerMessage(EventId = MigrationLogEvents.LegacyNoServerAvailable, Level = LogLevel.Warning,
        Message = "No legacy server is available for {Request}: every server failed its health checks; the client gets 502.")]
    public static partial void LogNoServerAvailable(ILogger logger, string request);

    [LoggerMessage(EventId = MigrationLogEvents.LegacyAbortedAfterStart, Level = LogLevel.Warning,
        Message = "The legacy side failed ({Fault}) after its response to {Request} had started; the connection was aborted.")]
    public static partial void LogAbortedAfterStart(ILogger logger, string fault, string request, Exception? exception);

    [LoggerMessage(EventId = MigrationLogEvents.LegacyProxyStarted, Level = LogLevel.Information,
        Message = "Legacy fallback forwards to {Servers} (load balancing {Policy}, health checks {HealthChecks}, timeout {Timeout}).")]
    public static partial void LogProxyStarted(ILogger logger, string servers, string policy, string healthChecks, TimeSpan timeout);
}
