using System.Diagnostics;
using System.Runtime.ExceptionServices;
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
/// sending it is aborted, as that part cannot be taken back. Runs in <see cref="GalaxyErrorMiddleware"/>'s frame (one
/// async frame for both), or in <see cref="GalaxyRequestTimeoutMiddleware"/> when error handling is off; either way
/// before routing, so it covers every request. A handler can lift it through <see cref="IHttpRequestTimeoutFeature"/>.
/// </summary>
/// <remarks>
/// Not ASP.NET Core's <c>UseRequestTimeouts</c>: that middleware turns only an <see cref="OperationCanceledException"/>
/// into its status (a driver that reports the cancellation otherwise, or code that swallows it, would give a 500 or the
/// late answer), it would take over the app's own <c>RequestTimeoutOptions</c>, and before routing it sees no endpoint
/// policy anyway. Like it, this one stands aside while a debugger is attached.
/// </remarks>
internal sealed partial class GalaxyRequestTimeout(TimeSpan timeout, ILogger logger)
{
    private readonly ObjectPool<State> _pool = new DefaultObjectPool<State>(new StatePolicy());

    /// <summary>Whether requests are timed now (not while a debugger is attached).</summary>
    public static bool IsActive => !Debugger.IsAttached;

    /// <summary>Starts the clock: the request's <see cref="HttpContext.RequestAborted"/> becomes the timeout's token.</summary>
    public Scope Begin(HttpContext context)
    {
        var clientAborted = context.RequestAborted;
        var previousFeature = context.Features.Get<IHttpRequestTimeoutFeature>();
        var state = _pool.Get();
        var registration = clientAborted.UnsafeRegister(static s => ((State)s!).Cancel(), state);
        state.Start(timeout);
        context.RequestAborted = state.Token;
        context.Features.Set<IHttpRequestTimeoutFeature>(state);
        return new Scope(state, clientAborted, previousFeature, registration);
    }

    /// <summary>Stops the clock and gives the request its own token back; true when the request timed out (and the client is still there).</summary>
    public bool End(HttpContext context, Scope scope)
    {
        var state = scope.State;
        // Unregistered: the client-abort callback can no longer touch the state, which may then serve another request.
        var reusable = scope.Registration.Unregister() || !scope.ClientAborted.CanBeCanceled;
        var timedOut = state.IsCancellationRequested && !scope.ClientAborted.IsCancellationRequested;
        context.RequestAborted = scope.ClientAborted;
        context.Features.Set(scope.PreviousFeature);
        if (reusable)
        {
            _pool.Return(state);
        }

        return timedOut;
    }

    /// <summary>Answers a request that timed out before its response started: 504 / 504001, or an abort if part of a body is buffered.</summary>
    public Task RespondAsync(HttpContext context, Exception? failure)
    {
        LogTimedOut(logger, context.Request.Method, context.Request.Path, timeout, failure?.GetType().Name ?? "none");
        if (context.Response.BodyWriter is { CanGetUnflushedBytes: true, UnflushedBytes: > 0 })
        {
            // Part of an answer is buffered and cannot be taken back: a cut response must never look complete.
            context.Abort();
            return Task.CompletedTask;
        }

        context.Response.Clear();
        return GalaxyErrorResponse.WriteAsync(context, GalaxyErrorCodes.RequestTimedOut);
    }

    [LoggerMessage(EventId = LogEvents.RequestTimedOut, Level = LogLevel.Warning,
        Message = "{Method} {Path} did not complete within {Timeout} (exception: {Exception}); the client gets 504.")]
    private static partial void LogTimedOut(ILogger logger, string method, PathString path, TimeSpan timeout, string exception);

    /// <summary>One timed request: what <see cref="End"/> needs to restore.</summary>
    internal readonly record struct Scope(State State, CancellationToken ClientAborted, IHttpRequestTimeoutFeature? PreviousFeature, CancellationTokenRegistration Registration);

    /// <summary>The timeout of one request, pooled with its timer: its cancellation (timeout or client abort) and its feature.</summary>
    internal sealed class State : IHttpRequestTimeoutFeature
    {
        private readonly CancellationTokenSource _source = new();

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

        /// <summary>Readies the state for another request; false once it fired (the pool then drops it).</summary>
        public bool TryReset() => _source.TryReset();
    }

    private sealed class StatePolicy : IPooledObjectPolicy<State>
    {
        public State Create() => new();

        public bool Return(State obj) => obj.TryReset();
    }
}

/// <summary>The request timeout on its own, for a pipeline without Galaxy's error middleware.</summary>
internal sealed class GalaxyRequestTimeoutMiddleware(RequestDelegate next, GalaxyRequestTimeout timeout)
{
    public Task InvokeAsync(HttpContext context) => GalaxyRequestTimeout.IsActive ? InvokeWithTimeoutAsync(context) : next(context);

    private async Task InvokeWithTimeoutAsync(HttpContext context)
    {
        var scope = timeout.Begin(context);
        Exception? failure = null;
        try
        {
            await next(context).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Whatever the cancellation became answers 504; anything else is thrown again below.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            failure = exception;
        }

        if (timeout.End(context, scope) && !context.Response.HasStarted)
        {
            await timeout.RespondAsync(context, failure).ConfigureAwait(false);
            return;
        }

        if (failure is not null)
        {
            ExceptionDispatchInfo.Throw(failure);
        }
    }
}
