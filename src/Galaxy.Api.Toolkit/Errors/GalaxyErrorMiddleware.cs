using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Galaxy.Api.Toolkit.Errors;

/// <summary>
/// Galaxy's error contract for the whole pipeline: <see cref="GalaxyApiException"/> becomes its error body, a bad
/// request detected by the server (oversized body...) becomes the matching Galaxy error, anything else a 500 with code
/// 500001 and no details, logged.
/// </summary>
internal sealed partial class GalaxyErrorMiddleware(RequestDelegate next, ILogger<GalaxyErrorMiddleware> logger, GalaxyRequestTimeout? timeout = null)
{
    public Task InvokeAsync(HttpContext context)
        => timeout is not null && GalaxyRequestTimeout.IsActive ? InvokeWithTimeoutAsync(context, timeout) : InvokeWithoutTimeoutAsync(context);

    private async Task InvokeWithTimeoutAsync(HttpContext context, GalaxyRequestTimeout requestTimeout)
    {
        var scope = requestTimeout.Begin(context);
        Exception? failure = null;
        try
        {
            await next(context).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Every exception is answered below: 504 after the timeout, else as InvokeWithoutTimeoutAsync does.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            failure = exception;
        }

        if (requestTimeout.End(context, scope) && !context.Response.HasStarted)
        {
            await requestTimeout.RespondAsync(context, failure).ConfigureAwait(false);
            return;
        }

        switch (failure)
        {
            case null when IsBodilessError(context.Response):
                await GalaxyErrorResponse.WriteAsync(context, GalaxyErrorResponse.ForStatus(context.Response.StatusCode)).ConfigureAwait(false);
                return;
            case null:
            case OperationCanceledException when context.RequestAborted.IsCancellationRequested:
                // The client went away; there is nobody to answer.
                return;
            case not null when !context.Response.HasStarted:
                await WriteAsync(context, failure).ConfigureAwait(false);
                return;
            default:
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
                return;
        }
    }

    private async Task InvokeWithoutTimeoutAsync(HttpContext context)
    {
        try
        {
            await next(context).ConfigureAwait(false);
            if (IsBodilessError(context.Response))
            {
                await GalaxyErrorResponse.WriteAsync(context, GalaxyErrorResponse.ForStatus(context.Response.StatusCode)).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
        }
        catch (Exception exception) when (!context.Response.HasStarted)
        {
            await WriteAsync(context, exception).ConfigureAwait(false);
        }
    }

    private Task WriteAsync(HttpContext context, Exception exception)
    {
        context.Response.Clear();
        switch (exception)
        {
            case GalaxyApiException galaxy:
                LogGalaxyError(logger, galaxy.Error.Code, galaxy.Message);
                return GalaxyErrorResponse.WriteAsync(context, galaxy);
            case BadHttpRequestException bad:
                LogBadRequest(logger, bad.StatusCode, bad.Message);
                return GalaxyErrorResponse.WriteAsync(context, GalaxyErrorResponse.ForStatus(bad.StatusCode));
            default:
                LogUnhandled(logger, exception, context.Request.Method, context.Request.Path);
                return GalaxyErrorResponse.WriteAsync(context, GalaxyErrorCodes.InternalServerError);
        }
    }

    // An error status set without a body (by routing, or by a handler) still gets Galaxy's body; HEAD gets none.
    private static bool IsBodilessError(HttpResponse response)
        => response.StatusCode >= 400 && !response.HasStarted && response.ContentLength is null && response.ContentType is null
            && !HttpMethods.IsHead(response.HttpContext.Request.Method);

    [LoggerMessage(EventId = LogEvents.GalaxyError, Level = LogLevel.Debug, Message = "Request failed with Galaxy error {ErrorCode}: {ErrorMessage}")]
    private static partial void LogGalaxyError(ILogger logger, int errorCode, string errorMessage);

    [LoggerMessage(EventId = LogEvents.BadRequest, Level = LogLevel.Debug, Message = "Bad request ({StatusCode}): {ErrorMessage}")]
    private static partial void LogBadRequest(ILogger logger, int statusCode, string errorMessage);

    [LoggerMessage(EventId = LogEvents.Unhandled, Level = LogLevel.Error, Message = "Unhandled exception in {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, PathString path);
}

/// <summary>
/// Puts <see cref="GalaxyErrorMiddleware"/> first in the pipeline when <see cref="GalaxyApiOptions.UseErrorHandling"/> is
/// on, with <see cref="GalaxyRequestTimeout"/> when <see cref="GalaxyApiLimits.RequestTimeout"/> is set (or the timeout
/// alone, <see cref="GalaxyRequestTimeoutMiddleware"/>, when error handling is off).
/// </summary>
internal sealed class GalaxyErrorStartupFilter(Microsoft.Extensions.Options.IOptions<GalaxyApiOptions> options) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next)
    {
        var value = options.Value;
        var timeout = value.Limits.HasRequestTimeout ? value.Limits.RequestTimeout : null;
        if (!value.UseErrorHandling && timeout is null)
        {
            return next;
        }

        return app =>
        {
            var services = app.ApplicationServices;
            var requestTimeout = timeout is { } limit
                ? new GalaxyRequestTimeout(limit, services.GetRequiredService<ILoggerFactory>().CreateLogger<GalaxyRequestTimeout>())
                : null;
            if (value.UseErrorHandling)
            {
                // The timeout runs in the error middleware's own frame: one async frame per request for both.
                var logger = services.GetRequiredService<ILogger<GalaxyErrorMiddleware>>();
                app.Use(inner => new GalaxyErrorMiddleware(inner, logger, requestTimeout).InvokeAsync);
            }
            else if (requestTimeout is not null)
            {
                app.Use(inner => new GalaxyRequestTimeoutMiddleware(inner, requestTimeout).InvokeAsync);
            }

            next(app);
        };
    }
}

/// <summary>Checks <see cref="GalaxyApiOptions"/> when they are first read (at the latest when the host starts).</summary>
internal sealed class GalaxyApiOptionsValidator : Microsoft.Extensions.Options.IValidateOptions<GalaxyApiOptions>
{
    public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, GalaxyApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = options.Limits.Validate();
        return failures.Count == 0
            ? Microsoft.Extensions.Options.ValidateOptionsResult.Success
            : Microsoft.Extensions.Options.ValidateOptionsResult.Fail(failures);
    }
}
