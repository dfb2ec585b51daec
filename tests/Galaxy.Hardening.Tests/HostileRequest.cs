using System.Text;

namespace Galaxy.Hardening.Tests;

/// <summary>One hostile request: sent with <see cref="HttpClient"/>, or as raw bytes on a socket when <see cref="Raw"/> is set.</summary>
public sealed class HostileRequest
{
    /// <summary>The category counted in the report (<c>malformed_json</c>, <c>bad_ids</c>...).</summary>
    public required string Category { get; init; }

    /// <summary>The operation aimed at, as the report names it (<c>PUT /api/histories/{id}</c>).</summary>
    public required string Operation { get; init; }

    public string Method { get; init; } = "GET";

    /// <summary>Path and query, already escaped as they go on the wire.</summary>
    public string Target { get; init; } = "/";

    /// <summary>The body (null: none), or a factory for bodies too big to keep around.</summary>
    public byte[]? Body { get; init; }

    public Func<byte[]>? LargeBody { get; init; }

    /// <summary>Send the body without a length (chunked).</summary>
    public bool Chunked { get; init; }

    /// <summary>The Content-Type header as sent, unvalidated (null: none).</summary>
    public string? ContentType { get; init; }

    /// <summary>More headers, sent unvalidated.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>Send without the admin's API key.</summary>
    public bool Anonymous { get; init; }

    /// <summary>The whole request as bytes (request line, headers, body), for the socket.</summary>
    public byte[]? Raw { get; init; }

    /// <summary>Raw bytes too big to keep around (a body over the limits), made when sent.</summary>
    public Func<byte[]>? LargeRaw { get; init; }

    /// <summary>
    /// Kestrel itself may reject this request before the app sees it (a malformed request line or header, a request
    /// line or headers over Kestrel's limits): an empty-bodied 400, 414 or 431 is then acceptable.
    /// </summary>
    public bool KestrelMayReject { get; init; }

    /// <summary>The one status this request must get (413 for a body over the limit), in Galaxy's format; null: any documented.</summary>
    public int? ExpectedStatus { get; init; }

    /// <summary>A header name the response must not carry (an injection that would have worked).</summary>
    public string? ForbiddenResponseHeader { get; init; }

    /// <summary>A short, exact description: enough to replay the request.</summary>
    public string Describe()
    {
        if (Raw is not null)
        {
            return "raw: " + Escape(Raw, 600);
        }

        if (LargeRaw is not null)
        {
            return "raw: " + Escape(LargeRaw(), 300);
        }

        var body = Body is { } b ? $" body[{b.Length}]={Escape(b, 300)}" : LargeBody is not null ? " body=<large>" : "";
        var headers = string.Concat(Headers.Select(h => $" [{h.Key}: {Escape(Encoding.Latin1.GetBytes(h.Value), 100)}]"));
        return $"{Method} {Target}{(ContentType is null ? "" : $" [Content-Type: {ContentType}]")}{headers}{(Chunked ? " chunked" : "")}{(Anonymous ? " anonymous" : "")}{body}";
    }

    private static string Escape(byte[] bytes, int max)
    {
        var text = new StringBuilder();
        foreach (var b in bytes.AsSpan(0, Math.Min(bytes.Length, max)))
        {
            text.Append(b is >= 0x20 and < 0x7f and not (byte)'\\' ? (char)b : $"\\x{b:x2}");
        }

        return bytes.Length > max ? text.Append($"...(+{bytes.Length - max} bytes)").ToString() : text.ToString();
    }
}
