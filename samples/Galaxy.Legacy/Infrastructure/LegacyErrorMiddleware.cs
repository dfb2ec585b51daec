using Galaxy.Data;
using Microsoft.Data.Sqlite;

namespace Galaxy.Legacy.Infrastructure;

/// <summary>
/// Turns every failure into Galaxy's error body: <see cref="LegacyApiException"/> as given, a refused data change as
/// 400008, a body the server cannot read as 400/413, a busy database as 503, anything else as 500001 (logged, no detail
/// sent). A 405 from routing gets a body too.
/// </summary>
internal sealed partial class LegacyErrorMiddleware(RequestDelegate next, ILogger<LegacyErrorMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
            if (context.Response.StatusCode == StatusCodes.Status405MethodNotAllowed && !context.Response.HasStarted)
            {
                await LegacyJson.WriteErrorAsync(context, LegacyErrorCode.MethodNotAllowed, $"Method {context.Request.Method} is not allowed for {context.Request.Path}.");
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client left: nobody reads an answer.
        }
        catch (Exception exception) when (!context.Response.HasStarted)
        {
            var (error, message, failures) = Describe(exception);
            if (error.Status >= 500)
            {
                LogUnhandled(logger, exception, context.Request.Method, context.Request.Path);
            }

            context.Response.Clear();
            await LegacyJson.WriteErrorAsync(context, error, message, failures);
        }
    }

    private static (LegacyErrorCode Error, string Message, IReadOnlyList<LegacyValidationError>? Failures) Describe(Exception exception) => exception switch
    {
        LegacyApiException api => (api.Error, api.Message, api.ValidationErrors),
        GalaxyDataException data => (LegacyErrorCode.RequestInvalidParameter, data.Message, null),
        GalaxyFieldException fields => Validation(fields),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => (LegacyErrorCode.BodyTooLarge, LegacyErrorCode.BodyTooLarge.Message, null),
        BadHttpRequestException bad => (LegacyErrorCode.MalformedContents, bad.Message, null),
        InvalidDataException invalid => (LegacyErrorCode.MalformedContents, "The form data could not be read: " + invalid.Message, null),
        SqliteException sqlite when GalaxyDatabase.IsBusy(sqlite) => (LegacyErrorCode.ServiceUnavailable, LegacyErrorCode.ServiceUnavailable.Message, null),
        _ => (LegacyErrorCode.InternalServerError, LegacyErrorCode.InternalServerError.Message, null),
    };

    private static (LegacyErrorCode, string, IReadOnlyList<LegacyValidationError>?) Validation(GalaxyFieldException exception)
    {
        var api = LegacyApiException.Validation([.. exception.Errors.Select(static e => new LegacyValidationError(e.Location, e.Message, e.Type))]);
        return (api.Error, api.Message, api.ValidationErrors);
    }

    [LoggerMessage(EventId = 4000, Level = LogLevel.Error, Message = "Unhandled exception in the legacy app on {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);
}

/// <summary>The answer when no legacy route matches.</summary>
internal static class LegacyNotFound
{
    public static Task WriteAsync(HttpContext context)
        => LegacyJson.WriteErrorAsync(context, LegacyErrorCode.ObjectNotFound, $"No route matches {context.Request.Method} {context.Request.Path}.");
}
