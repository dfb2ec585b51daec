using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.ObjectPool;

namespace Galaxy.Api.Toolkit.Errors;

/// <summary>
/// <see cref="GalaxyApiLimits.RequestTimeout"/>: after that long, the request's <see cref="HttpContext.RequestAborted"/>
/// fires; when the rest of the pipeline then ends (by the cancellation, by any other exception, or by returning) with
/// its response not started, the client gets 504 / 504001 in Galaxy's format instead. A response that had started is
/// left as it is (a handler that ignores the token still finishes); one that had buffered part of its body without
/// sending it is aborted, as that part cannot be taken back. Installed right after Galaxy's error middleware,
/// before routing, so it covers every request; a handler can lift it through <see cref="IHttpRequestTimeoutFeature"/>.
/// </summary>
/// <remarks>
/// Not ASP.NET Core's <c>UseRequestTimeouts</c>: that middleware turns only an <see cref="OperationCanceledException"/>
/// into its status (a driver that reports the cancellation otherwise, or code that swallows it, would give a 500 or the
/// late answer), it would take over the app's own <c>RequestTimeoutOptions</c>, and before routing it sees no endpoint
/// policy anyway. Like it, this one stands aside while a debugger is attached.
/// </remarks>
internal sealed partial class GalaxyRequestTimeoutMiddleware(RequestDelegate next, TimeSpan timeout, ILogger<GalaxyRequestTimeoutMiddleware> logger)
{
    private readonly ObjectPool<RequestTimeout> _pool = new DefaultObjectPool<RequestTimeout>(new RequestTimeoutPolicy());

    public Task InvokeAsync(HttpContext context) => Debugger.IsAttached ? next(context) : InvokeWithTimeoutAsync(context);

    private async Task InvokeWithTimeoutAsync(HttpContext context)
    {
        var clientAborted = context.RequestAborted;
        var previousFeature = context.Features.Get<IHttpRequestTimeoutFeature>();
        var state = _pool.Get();
        var registration = clientAborted.UnsafeRegister(static s => ((RequestTimeout)s!).Cancel(), state);
        state.Start(timeout);
        context.RequestAborted = state.Token;
        context.Features.Set<IHttpRequestTimeoutFeature>(state);
        Exception? failure = null;
        bool timedOut;
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (Exception exception) when (state.IsCancellationRequested && !clientAborted.IsCancellationRequested && !context.Response.HasStarted)
        {
            // Whatever the cancellation became on its way up (OperationCanceledException, a driver's own error...).
            failure = exception;
        }
        finally
        {
            await registration.DisposeAsync().ConfigureAwait(false);
            timedOut = state.IsCancellationRequested && !clientAborted.IsCancellationRequested;
            context.RequestAborted = clientAborted;
            context.Features.Set(previousFeature);
            _pool.Return(state);
        }

        if (!timedOut || context.Response.HasStarted)
        {
            return;
        }

        LogTimedOut(logger, context.Request.Method, context.Request.Path, timeout, failure?.GetType().Name ?? "none");
        if (context.Response.BodyWriter is { CanGetUnflushedBytes: true, UnflushedBytes: > 0 })
        {
            // Part of an answer is buffered and cannot be taken back: a cut response must never look complete.
            context.Abort();
            return;
        }

        context.Response.Clear();
        await GalaxyErrorResponse.WriteAsync(context, GalaxyErrorCodes.RequestTimedOut).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = LogEvents.RequestTimedOut, Level = LogLevel.Warning,
        Message = "{Method} {Path} did not complete within {Timeout} (exception: {Exception}); the client gets 504.")]
    private static partial void LogTimedOut(ILogger logger, string method, PathString path, TimeSpan timeout, string exception);

    /// <summary>The timeout of one request, pooled with its timer: the request's cancellation (timeout or client abort) and its feature.</summary>
    private sealed class RequestTimeout : IHttpRequestTimeoutFeature
    {
        private CancellationTokenSource _source = new();

        public CancellationToken Token => _source.Token;

        public bool IsCancellationRequested => _source.IsCancellationRequested;

        /// <summary>Fires when the request times out, or when the client aborts it.</summary>
        public CancellationToken RequestTimeoutToken => _source.Token;

        public void DisableTimeout() => _source.CancelAfter(Timeout.InfiniteTimeSpan);

        public void Start(TimeSpan timeout) => _source.CancelAfter(timeout);

        public void Cancel()
        {
            try
            {
                _source.Cancel();
            }
            catch (AggregateException)
            {
                // A callback registered by the request's code threw; the request is cancelled all the same.
            }
        }

        /// <summary>Readies the timeout for another request; false when it fired (its source cannot be reused).</summary>
        public bool TryReset()
        {
            if (_source.TryReset())
            {
                return true;
            }

            _source.Dispose();
            _source = new CancellationTokenSource();
            return true;
        }
    }

    private sealed class RequestTimeoutPolicy : IPooledObjectPolicy<RequestTimeout>
    {
        public RequestTimeout Create() => new();

        public bool Return(RequestTimeout obj) => obj.TryReset();
    }
}
