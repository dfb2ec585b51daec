using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Galaxy.Api.Toolkit.Migration.Forwarding;

/// <summary>
/// Runs a request delegate (an in-process legacy app, a modern endpoint) on a copy of a request, detached from any client:
/// a fresh <see cref="HttpContext"/> with its own service scope, the copy's method, path, headers and body, and a response
/// captured in memory up to a size limit.
/// </summary>
internal static class DetachedInvoker
{
    /// <summary>Invokes <paramref name="app"/> on <paramref name="request"/> and returns what it answered.</summary>
    /// <param name="app">What to run.</param>
    /// <param name="request">The copy of the request.</param>
    /// <param name="services">The application's services; a scope is created for the call.</param>
    /// <param name="maxBodyBytes">The most response bytes kept; the rest is counted as truncation.</param>
    /// <param name="prepare">Sets up the context before the call (route values, endpoint), or null.</param>
    /// <param name="cancellationToken">Ends the call (seen by the app as <see cref="HttpContext.RequestAborted"/>).</param>
    public static async Task<MirrorResponse> InvokeAsync(
        RequestDelegate app,
        MirrorRequest request,
        IServiceProvider services,
        int maxBodyBytes,
        Action<HttpContext>? prepare,
        CancellationToken cancellationToken)
    {
        var features = new FeatureCollection();
        var requestFeature = new HttpRequestFeature
        {
            Protocol = "HTTP/1.1",
            Scheme = "http",
            Method = request.Method,
            PathBase = request.PathBase.Value ?? string.Empty,
            Path = request.Path.Value ?? "/",
            QueryString = request.QueryString.Value ?? string.Empty,
            Body = ReadOnlyBody(request.Body),
        };
        foreach (var (name, value) in request.Headers)
        {
            requestFeature.Headers[name] = value;
        }

        if (request.Body.Length > 0 || requestFeature.Headers.ContentLength is not null)
        {
            // The copy's body is what the app reads, whatever length the original announced.
            requestFeature.Headers.ContentLength = request.Body.Length;
        }

        var responseFeature = new DetachedResponseFeature();
        var captured = new CappedStream(maxBodyBytes, responseFeature);
        responseFeature.Body = captured;
        features.Set<IHttpRequestFeature>(requestFeature);
        // Without it, minimal APIs and generated handlers take every request for bodiless and refuse a JSON payload.
        features.Set<IHttpRequestBodyDetectionFeature>(new BodyDetectionFeature(request.Body.Length > 0));
        features.Set<IHttpResponseFeature>(responseFeature);
        features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(captured));
        var lifetime = new HttpRequestLifetimeFeature { RequestAborted = cancellationToken };
        features.Set<IHttpRequestLifetimeFeature>(lifetime);
        await using var scope = services.CreateAsyncScope();
        var context = new DefaultHttpContext(features)
        {
            RequestServices = scope.ServiceProvider,
        };
        if (request.User is { } user)
        {
            context.User = user;
        }

        prepare?.Invoke(context);
        try
        {
            await app(context).ConfigureAwait(false);
            // As a server does when the app returns: the response starts (OnStarting) if it had not.
            await responseFeature.StartAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // A failing mirror is a finding, never an exception for the caller.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            return MirrorResponse.Failed($"{exception.GetType().Name}: {exception.Message}");
        }

        await responseFeature.CompleteAsync().ConfigureAwait(false);
        return new MirrorResponse(context.Response.StatusCode, context.Response.ContentType, captured.Captured, captured.Truncated);
    }

    private static MemoryStream ReadOnlyBody(ReadOnlyMemory<byte> body)
        => System.Runtime.InteropServices.MemoryMarshal.TryGetArray(body, out var segment) && segment.Array is not null
            ? new MemoryStream(segment.Array, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(body.ToArray(), writable: false);

    private sealed class BodyDetectionFeature(bool canHaveBody) : IHttpRequestBodyDetectionFeature
    {
        public bool CanHaveBody { get; } = canHaveBody;
    }

    /// <summary>A response that starts on its first write (running the OnStarting callbacks, last registered first, as Kestrel does).</summary>
    private sealed class DetachedResponseFeature : HttpResponseFeature
    {
        private readonly List<(Func<object, Task> Callback, object State)> _starting = [];
        private readonly List<(Func<object, Task> Callback, object State)> _completed = [];
        private bool _startingNow;
        private bool _started;

        public override bool HasStarted => _started;

        public override void OnStarting(Func<object, Task> callback, object state)
        {
            if (_started || _startingNow)
            {
                throw new InvalidOperationException("OnStarting cannot be set because the response has already started.");
            }

            _starting.Add((callback, state));
        }

        public override void OnCompleted(Func<object, Task> callback, object state) => _completed.Add((callback, state));

        public async Task StartAsync()
        {
            if (_started || _startingNow)
            {
                return;
            }

            _startingNow = true;
            for (var i = _starting.Count - 1; i >= 0; i--)
            {
                await _starting[i].Callback(_starting[i].State).ConfigureAwait(false);
            }

            _started = true;
        }

        /// <summary>Runs the OnCompleted callbacks; as a server, their failures do not change the answer.</summary>
        public async Task CompleteAsync()
        {
            for (var i = _completed.Count - 1; i >= 0; i--)
            {
                try
                {
                    await _completed[i].Callback(_completed[i].State).ConfigureAwait(false);
                }
#pragma warning disable CA1031 // The answer is already captured.
                catch (Exception)
#pragma warning restore CA1031
                {
                }
            }
        }
    }

    /// <summary>A write-only stream that keeps the first bytes written and counts the rest.</summary>
    private sealed class CappedStream(int limit, DetachedResponseFeature response) : Stream
    {
        private readonly MemoryStream _kept = new();

        public bool Truncated { get; private set; }

        public ReadOnlyMemory<byte> Captured => _kept.GetBuffer().AsMemory(0, (int)_kept.Length);

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _kept.Length;

        public override long Position { get => _kept.Length; set => throw new NotSupportedException(); }

        public override void Flush() => response.StartAsync().GetAwaiter().GetResult();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (!response.HasStarted)
            {
                response.StartAsync().GetAwaiter().GetResult();
            }

            Keep(buffer);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            => WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await response.StartAsync().ConfigureAwait(false);
            Keep(buffer.Span);
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => response.StartAsync();

        private void Keep(ReadOnlySpan<byte> buffer)
        {
            var room = limit - (int)_kept.Length;
            if (buffer.Length > room)
            {
                Truncated = true;
                buffer = buffer[..Math.Max(room, 0)];
            }

            _kept.Write(buffer);
        }
    }
}
