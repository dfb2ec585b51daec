using System.IO.Compression;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Galaxy.Api.Toolkit.Documents;

/// <summary>
/// Bytes served as they are, with a strong ETag per representation (<c>If-None-Match</c> answers 304), in brotli or
/// gzip when the client accepts it. Compressed forms are made once, on first use, or given precompressed.
/// </summary>
internal sealed class StaticContent
{
    private readonly string _contentType;
    private readonly string _cacheControl;
    private readonly Representation _identity;
    private readonly Representation? _gzip;
    private readonly Representation? _brotli;

    private StaticContent(string contentType, string cacheControl, Representation identity, Representation? gzip, Representation? brotli)
    {
        _contentType = contentType;
        _cacheControl = cacheControl;
        _identity = identity;
        _gzip = gzip;
        _brotli = brotli;
    }

    /// <summary>Content held plain, compressed on first request that accepts br or gzip.</summary>
    public static StaticContent FromBytes(ReadOnlyMemory<byte> content, string etag, string contentType, string cacheControl = "no-cache")
    {
        var tag = etag.Trim('"');
        return new StaticContent(
            contentType,
            cacheControl,
            new Representation(null, etag, new Lazy<ReadOnlyMemory<byte>>(content)),
            new Representation("gzip", $"\"{tag}-gzip\"", new Lazy<ReadOnlyMemory<byte>>(() => Compress(content, static s => new GZipStream(s, CompressionLevel.SmallestSize, leaveOpen: true)))),
            new Representation("br", $"\"{tag}-br\"", new Lazy<ReadOnlyMemory<byte>>(() => Compress(content, static s => new BrotliStream(s, CompressionLevel.SmallestSize, leaveOpen: true)))));
    }

    /// <summary>Content stored gzip-compressed; decompressed once for clients that do not accept gzip.</summary>
    public static StaticContent FromGzip(byte[] gzip, string etag, string contentType, string cacheControl)
    {
        var tag = etag.Trim('"');
        return new StaticContent(
            contentType,
            cacheControl,
            new Representation(null, etag, new Lazy<ReadOnlyMemory<byte>>(() => Decompress(gzip))),
            new Representation("gzip", $"\"{tag}-gzip\"", new Lazy<ReadOnlyMemory<byte>>(gzip)),
            brotli: null);
    }

    public Task WriteAsync(HttpContext context)
    {
        var representation = Choose(context.Request);
        var response = context.Response;
        response.Headers[HeaderNames.ETag] = representation.ETag;
        response.Headers[HeaderNames.CacheControl] = _cacheControl;
        response.Headers[HeaderNames.Vary] = "Accept-Encoding";
        if (IsNotModified(context.Request, representation.ETag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        var body = representation.Content.Value;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = _contentType;
        if (representation.Encoding is not null)
        {
            response.Headers[HeaderNames.ContentEncoding] = representation.Encoding;
        }

        response.ContentLength = body.Length;
        return HttpMethods.IsHead(context.Request.Method)
            ? Task.CompletedTask
            : response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }

    private Representation Choose(HttpRequest request)
    {
        var acceptEncoding = request.Headers.AcceptEncoding;
        if (acceptEncoding.Count == 0 || (_gzip is null && _brotli is null)
            || !StringWithQualityHeaderValue.TryParseList(acceptEncoding, out var accepted))
        {
            return _identity;
        }

        if (_brotli is not null && Accepts(accepted, "br"))
        {
            return _brotli;
        }

        return _gzip is not null && Accepts(accepted, "gzip") ? _gzip : _identity;
    }

    private static bool Accepts(IList<StringWithQualityHeaderValue> accepted, string encoding)
    {
        foreach (var value in accepted)
        {
            if (value.Value.Equals(encoding, StringComparison.OrdinalIgnoreCase) || value.Value.Equals("*", StringComparison.Ordinal))
            {
                return value.Quality is not 0;
            }
        }

        return false;
    }

    private static bool IsNotModified(HttpRequest request, string etag)
    {
        foreach (var value in request.Headers.IfNoneMatch)
        {
            if (value is null)
            {
                continue;
            }

            foreach (var candidate in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (candidate == "*" || candidate == etag || (candidate.StartsWith("W/", StringComparison.Ordinal) && candidate.AsSpan(2).SequenceEqual(etag)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static ReadOnlyMemory<byte> Compress(ReadOnlyMemory<byte> content, Func<Stream, Stream> compressor)
    {
        using var output = new MemoryStream();
        using (var stream = compressor(output))
        {
            stream.Write(content.Span);
        }

        return output.ToArray();
    }

    private static ReadOnlyMemory<byte> Decompress(byte[] gzip)
    {
        using var input = new GZipStream(new MemoryStream(gzip), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    private sealed record Representation(string? Encoding, string ETag, Lazy<ReadOnlyMemory<byte>> Content);
}
