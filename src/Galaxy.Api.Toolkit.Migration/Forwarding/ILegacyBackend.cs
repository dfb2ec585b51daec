using Microsoft.AspNetCore.Http;

namespace Galaxy.Api.Toolkit.Migration.Forwarding;

/// <summary>The legacy side, out of process (YARP) or in process: where the fallback sends what the modern routes decline.</summary>
internal interface ILegacyBackend
{
    /// <summary>
    /// Sends the request to the legacy side and streams its answer to the client; when the legacy side cannot be reached
    /// the client gets 502, when it is too slow 504, both in Galaxy's error format.
    /// </summary>
    /// <param name="context">The client's request.</param>
    Task ForwardAsync(HttpContext context);

    /// <summary>
    /// Sends a copy of a request to the legacy side and returns its answer, for shadow comparison. Never touches a
    /// client's response; failures are returned (<see cref="MirrorResponse.Failure"/>), not thrown, except cancellation.
    /// </summary>
    /// <param name="request">The copy.</param>
    /// <param name="cancellationToken">Ends the attempt (the shadow timeout).</param>
    Task<MirrorResponse> SendMirrorAsync(MirrorRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// As <see cref="SendMirrorAsync(MirrorRequest, CancellationToken)"/>, keeping at most <paramref name="maxBodyBytes"/>
    /// of the answer's body (the rest is read no further and reported as <see cref="MirrorResponse.Truncated"/>).
    /// </summary>
    /// <param name="request">The copy.</param>
    /// <param name="maxBodyBytes">The most body bytes kept.</param>
    /// <param name="cancellationToken">Ends the attempt (the shadow timeout).</param>
    Task<MirrorResponse> SendMirrorAsync(MirrorRequest request, int maxBodyBytes, CancellationToken cancellationToken)
        => SendMirrorAsync(request, cancellationToken);
}

/// <summary>A copy of a client's request, detached from its connection, to send to the other side.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="PathBase">The path base the request arrived with.</param>
/// <param name="Path">The path.</param>
/// <param name="QueryString">The query string, with its <c>?</c>, or empty.</param>
/// <param name="Headers">The request headers (hop-by-hop headers left out).</param>
/// <param name="Body">The request body (empty for safe methods).</param>
/// <param name="User">The authenticated user of the original request, if any (in-process targets see it).</param>
internal sealed record MirrorRequest(
    string Method,
    PathString PathBase,
    PathString Path,
    QueryString QueryString,
    IReadOnlyList<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> Headers,
    ReadOnlyMemory<byte> Body,
    System.Security.Claims.ClaimsPrincipal? User);

/// <summary>What the other side answered to a <see cref="MirrorRequest"/>.</summary>
/// <param name="Status">The HTTP status; 0 when there was no answer (see <see cref="Failure"/>).</param>
/// <param name="ContentType">The content type, if any.</param>
/// <param name="Body">The body, at most the size limit given.</param>
/// <param name="Truncated">Whether the body was longer than the limit (and so is cut).</param>
/// <param name="Failure">Why there was no answer (connection refused...), else null.</param>
internal sealed record MirrorResponse(int Status, string? ContentType, ReadOnlyMemory<byte> Body, bool Truncated, string? Failure = null)
{
    /// <summary>The body bytes kept when the caller gives no limit: 1 MiB.</summary>
    public const int DefaultMaxBodyBytes = 1024 * 1024;

    /// <summary>An attempt that got no answer.</summary>
    public static MirrorResponse Failed(string reason) => new(0, null, ReadOnlyMemory<byte>.Empty, false, reason);
}
