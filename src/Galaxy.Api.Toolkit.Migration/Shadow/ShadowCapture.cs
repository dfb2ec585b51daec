using Galaxy.Api.Toolkit.Migration.Forwarding;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;

namespace Galaxy.Api.Toolkit.Migration.Shadow;

/// <summary>
/// One request chosen for mirroring, from routing to the end of the client's response: copies the request body as the
/// endpoint reads it and the response body as it is written (both capped), and once the response is complete
/// (<see cref="HttpResponse.OnCompleted(Func{object, Task}, object)"/>) hands a <see cref="ShadowJob"/> to the queue.
/// Nothing here waits for the other side.
/// </summary>
internal sealed class ShadowCapture
{
    /// <summary>The header that marks a mirror, so that the other side can tell it from client traffic.</summary>
    public const string MarkerHeader = "x-galaxy-shadow";

    // Hop-by-hop headers and those the copy must not carry: its body is sent whole, and its answer compared uncompressed.
    private static readonly HashSet<string> ExcludedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Connection", "Proxy-Authenticate", "Proxy-Authorization", "TE", "Trailer",
        "Transfer-Encoding", "Upgrade", "Content-Length", "Expect", "Accept-Encoding", MarkerHeader,
    };

    private readonly HttpContext _context;
    private readonly ShadowTraffic _traffic;
    private readonly CompiledShadowRule _rule;
    private readonly ShadowTarget _target;
    private readonly Endpoint? _expectedEndpoint;
    private readonly string _route;
    private readonly string _method;
    private readonly PathString _pathBase;
    private readonly PathString _path;
    private readonly QueryString _query;
    private readonly CaptureBuffer _responseBody;
    private readonly TeeResponseBodyFeature _responseTee;
    private readonly CaptureBuffer? _requestBody;
    private readonly TeeReadStream? _requestTee;

    private ShadowCapture(
        HttpContext context, ShadowTraffic traffic, CompiledShadowRule rule, ShadowTarget target, Endpoint? expectedEndpoint, string route,
        IHttpResponseBodyFeature responseBody)
    {
        _context = context;
        _traffic = traffic;
        _rule = rule;
        _target = target;
        _expectedEndpoint = expectedEndpoint;
        _route = route;
        var request = context.Request;
        _method = request.Method;
        _pathBase = request.PathBase;
        _path = request.Path;
        _query = request.QueryString;
        var limit = traffic.Settings.Options.MaxBodyBytes;
        _responseBody = new CaptureBuffer(limit);
        _responseTee = new TeeResponseBodyFeature(responseBody, _responseBody);
        if (context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? request.ContentLength > 0)
        {
            _requestBody = new CaptureBuffer(limit);
            _requestTee = new TeeReadStream(request.Body, _requestBody);
        }
    }

    /// <summary>
    /// Starts copying the request: called by routing (<see cref="ShadowMatcherPolicy"/>) once it knows the request is
    /// mirrored, before the endpoint runs.
    /// </summary>
    /// <param name="context">The client's request.</param>
    /// <param name="traffic">The shadow services.</param>
    /// <param name="rule">The rule that covers the request.</param>
    /// <param name="target">Where the copy goes.</param>
    /// <param name="expectedEndpoint">The endpoint the client is to be served by, checked when the response is complete; null when not checkable (the legacy side runs its own routing).</param>
    /// <param name="route">The modern endpoint's route template.</param>
    public static void Start(HttpContext context, ShadowTraffic traffic, CompiledShadowRule rule, ShadowTarget target, Endpoint? expectedEndpoint, string route)
    {
        if (context.Features.Get<IHttpResponseBodyFeature>() is not { } responseBody)
        {
            return;
        }

        if (traffic.Queue.IsFull)
        {
            // The mirror could not be queued anyway: copying nothing keeps an overloaded shadow side cheapest for the client.
            traffic.Recorder.Dropped(rule, route, context.Request.Method, context.Request.Path.Value ?? "/", "the queue is full");
            return;
        }

        var capture = new ShadowCapture(context, traffic, rule, target, expectedEndpoint, route, responseBody);
        context.Features.Set<IHttpResponseBodyFeature>(capture._responseTee);
        if (capture._requestTee is not null)
        {
            context.Request.Body = capture._requestTee;
        }

        context.Features.Set(capture);
        context.Response.OnCompleted(static state => ((ShadowCapture)state).Completed(), capture);
    }

    private Task Completed()
    {
        try
        {
            if (WhyNotComparable() is { } reason)
            {
                _traffic.Recorder.Skipped(_rule, _route, _method, _path.Value ?? "/", reason);
                Release();
                return Task.CompletedTask;
            }

            var request = new MirrorRequest(_method, _pathBase, _path, _query, CopyHeaders(_context.Request.Headers), _requestBody?.Memory ?? ReadOnlyMemory<byte>.Empty, _context.User);
            var job = new ShadowJob(_rule, _target, _route, request, _context.Response.StatusCode, _context.Response.ContentType, _responseBody, _requestBody);
            if (_traffic.Queue.TryEnqueue(job) is { } dropped)
            {
                _traffic.Recorder.Dropped(_rule, _route, _method, _path.Value ?? "/", dropped);
                job.Dispose();
            }
            else
            {
                _traffic.Recorder.Queued();
            }
        }
#pragma warning disable CA1031 // Mirroring must never fail the request; the failure is logged.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            _traffic.CaptureFailed(exception, _method, _path);
            Release();
        }

        return Task.CompletedTask;
    }

    private string? WhyNotComparable()
    {
        if (_context.RequestAborted.IsCancellationRequested)
        {
            return "the client went away before its response was complete";
        }

        if (_context.Features.Get<IExceptionHandlerFeature>() is not null)
        {
            return "the primary side threw and an exception handler answered";
        }

        if (_expectedEndpoint is not null && !ReferenceEquals(_context.GetEndpoint(), _expectedEndpoint))
        {
            return "the request was not served by the endpoint routing chose";
        }

        if (_responseTee.SentFile)
        {
            return "the primary side answered with a file";
        }

        if (_responseBody.Overflowed)
        {
            return "the primary side's response body is over MaxBodyBytes";
        }

        if (_requestBody is { Overflowed: true })
        {
            return "the request body is over MaxBodyBytes";
        }

        if (_requestTee is { ReachedEnd: false })
        {
            return "the primary side did not read the whole request body";
        }

        return null;
    }

    private static List<KeyValuePair<string, StringValues>> CopyHeaders(IHeaderDictionary headers)
    {
        var copy = new List<KeyValuePair<string, StringValues>>(headers.Count + 1);
        foreach (var header in headers)
        {
            if (!ExcludedHeaders.Contains(header.Key))
            {
                copy.Add(header);
            }
        }

        copy.Add(new KeyValuePair<string, StringValues>(MarkerHeader, "mirror"));
        return copy;
    }

    private void Release()
    {
        _responseBody.Dispose();
        _requestBody?.Dispose();
    }
}
