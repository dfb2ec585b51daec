using System.Collections.Concurrent;
using System.IO.Compression;
using System.Reflection;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Galaxy.Api.Toolkit.Documents;

/// <summary>
/// The static files of the docs pages, read from embedded resources: Swagger UI's distribution as
/// Swashbuckle.AspNetCore.SwaggerUI embeds it (gzip-compressed), plus the toolkit's own scripts. Served precompressed
/// to clients that accept gzip; decompressed once for the others. No CDN is involved.
/// </summary>
internal static class DocsAssets
{
    private const string SwaggerUiPrefix = "Swashbuckle.AspNetCore.SwaggerUI.node_modules.swagger_ui_dist.";
    private const string ToolkitPrefix = "GalaxyApiDocs.";
    private static readonly ConcurrentDictionary<string, DocsAsset?> Cache = new(StringComparer.Ordinal);

    /// <summary>The files the Swagger UI page loads; a test proves each one is found.</summary>
    public static readonly string[] SwaggerUiFiles = ["swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-standalone-preset.js", "favicon-32x32.png", "favicon-16x16.png", "swagger-init.js"];

    public static bool TryGet(string file, out DocsAsset asset)
    {
        asset = Cache.GetOrAdd(file, Load)!;
        return asset is not null;
    }

    private static DocsAsset? Load(string file)
    {
        if (file.AsSpan().IndexOfAny("/\\") >= 0)
        {
            return null;
        }

        var toolkit = typeof(DocsAssets).Assembly;
        if (Read(toolkit, ToolkitPrefix + file) is { } own)
        {
            return new DocsAsset(own, gzipped: false, ContentTypeOf(file));
        }

        var swaggerUi = typeof(Swashbuckle.AspNetCore.SwaggerUI.SwaggerUIOptions).Assembly;
        return Read(swaggerUi, SwaggerUiPrefix + file) is { } compressed
            ? new DocsAsset(compressed, gzipped: true, ContentTypeOf(file))
            : null;
    }

    private static byte[]? Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name);
        if (stream is null)
        {
            return null;
        }

        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    private static string ContentTypeOf(string file) => Path.GetExtension(file) switch
    {
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".png" => "image/png",
        ".html" => "text/html; charset=utf-8",
        _ => "application/octet-stream",
    };
}

/// <summary>One docs file, stored as embedded (gzip or plain).</summary>
internal sealed class DocsAsset
{
    private readonly byte[] _stored;
    private readonly bool _gzipped;
    private readonly DocumentEndpoints.StaticContent _content;
    private readonly Lazy<byte[]> _plain;

    public DocsAsset(byte[] stored, bool gzipped, string contentType)
    {
        _stored = stored;
        _gzipped = gzipped;
        _plain = new Lazy<byte[]>(() => gzipped ? Decompress(stored) : stored);
        var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(stored).AsSpan(0, 8)) + "\"";
        _content = new DocumentEndpoints.StaticContent(stored, etag, contentType, "public, max-age=86400");
    }

    public Task WriteAsync(HttpContext context)
        => _gzipped && AcceptsGzip(context.Request)
            ? _content.WriteAsync(context, _stored, "gzip")
            : _content.WriteAsync(context, _plain.Value, contentEncoding: null);

    private static bool AcceptsGzip(HttpRequest request)
    {
        foreach (var value in request.Headers[HeaderNames.AcceptEncoding])
        {
            if (value is not null && value.Contains("gzip", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static byte[] Decompress(byte[] gzip)
    {
        using var input = new GZipStream(new MemoryStream(gzip), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }
}
