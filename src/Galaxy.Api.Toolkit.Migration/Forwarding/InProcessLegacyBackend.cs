using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace Galaxy.Api.Toolkit.Migration.Forwarding;

/// <summary>
/// The legacy application in this process, run after the modern routes declined the request (the way Galaxy mounts its
/// WSGI app). It gets <see cref="GalaxyLegacyOptions.Timeout"/> through <see cref="HttpContext.RequestAborted"/>; when
/// it throws or runs out of time before its response started, the client gets Galaxy's 502 or 504; after, the
/// connection is aborted.
/// </summary>
internal sealed class InProcessLegacyBackend(
    RequestDelegate app,
    IServiceProvider services,
    GalaxyLegacyOptions options,
    MigrationMetrics metrics,
    ILogger logger) : ILegacyBackend
{
    public async Task ForwardAsync(HttpContext context)
    {
        // The legacy app routes the request itself: it must not see the fallback endpoint or its route values.
        context.SetEndpoint(null);
        context.Request.RouteValues.Clear();
        ApplyBodyLimit(context, options.MaxRequestBodySize);

        var clientAborted = context.RequestAborted;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(clientAborted);
        deadline.CancelAfter(options.Timeout);
        context.RequestAborted = deadline.Token;
        Exception? failure = null;
        try
        {
            // Awaited, never abandoned: an app that ignores the token still owns the context until it returns.
            await app(context).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Whatever the legacy app throws becomes Galaxy's 502 (or an abort), not the host's 500 page.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            failure = exception;
        }
        finally
        {
            context.RequestAborted = clientAborted;
        }

        if (clientAborted.IsCancellationRequested)
        {
            // The client left; there is nobody to answer.
            return;
        }

        var timedOut = deadline.IsCancellationRequested;
        if (failure is null && (!timedOut || context.Response.HasStarted))
        {
            // Answered (an answer that started late still went out whole).
            return;
        }

        var request = LegacyFaults.Describe(context.Request);
        if (timedOut)
        {
            metrics.Fault(LegacyFaults.TimeoutKind);
            if (context.Response.HasStarted)
            {
                LegacyFaults.LogAbortedAfterStart(logger, LegacyFaults.TimeoutKind, request, failure);
            }
            else
            {
                LegacyFaults.LogTimeout(logger, request, options.Timeout);
            }

            await LegacyFaults.RespondAsync(context, LegacyFaults.TimedOut).ConfigureAwait(false);
            return;
        }

        if (failure is BadHttpRequestException badRequest && !context.Response.HasStarted)
        {
            // The client's request was at fault (a body over the limit...): its status, not a gateway error.
            await LegacyFaults.RespondAsync(context, GalaxyErrorResponse.ForStatus(badRequest.StatusCode), badRequest.Message).ConfigureAwait(false);
            return;
        }

        metrics.Fault(LegacyFaults.FailedKind);
        if (context.Response.HasStarted)
        {
            LegacyFaults.LogAbortedAfterStart(logger, LegacyFaults.FailedKind, request, failure);
        }
        else
        {
            LegacyFaults.LogFailed(logger, request, failure!);
        }

        await LegacyFaults.RespondAsync(context, LegacyFaults.Unreachable, LegacyFaults.AppFailedMessage).ConfigureAwait(false);
    }

    public Task<MirrorResponse> SendMirrorAsync(MirrorRequest request, CancellationToken cancellationToken)
        => SendMirrorAsync(request, MirrorResponse.DefaultMaxBodyBytes, cancellationToken);

    public Task<MirrorResponse> SendMirrorAsync(MirrorRequest request, int maxBodyBytes, CancellationToken cancellationToken)
        => DetachedInvoker.InvokeAsync(app, request, services, maxBodyBytes, null, cancellationToken);

    /// <summary>Applies <see cref="GalaxyLegacyOptions.MaxRequestBodySize"/> while the body is still unread.</summary>
    internal static void ApplyBodyLimit(HttpContext context, long? limit)
    {
        if (limit is { } max && context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = max == -1 ? null : max;
        }
    }
}
