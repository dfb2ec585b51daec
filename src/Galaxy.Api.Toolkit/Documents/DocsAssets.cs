using System.Collections.Concurrent;
using System.Reflection;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace Galaxy.Api.Toolkit.Documents;

/// <summary>The docs pages the toolkit serves.</summary>
internal enum DocsPageKind
{
    SwaggerUi,
    Redoc,
}

/// <summary>
/// The static files of the docs pages, read from embedded resources: Swagger UI's and ReDoc's distributions as
/// Swashbuckle.AspNetCore.SwaggerUI and Swashbuckle.AspNetCore.ReDoc embed them (gzip-compressed), plus the toolkit's
/// own scripts. Served precompressed to clients that accept gzip; decompressed once for the others. No CDN is involved.
/// </summary>
internal static class DocsAssets
{
    private const string SwaggerUiPrefix = "Swashbuckle.AspNetCore.SwaggerUI.node_modules.swagger_ui_dist.";
    private const string RedocPrefix = "Swashbuckle.AspNetCore.ReDoc.node_modules.redoc.bundles.";
    private const string ToolkitPrefix = "GalaxyApiDocs.";
    private static readonly ConcurrentDictionary<(DocsPageKind, string), DocsAsset?> Cache = new();

    /// <summary>The files the Swagger UI page loads; a test proves each one is found.</summary>
    public static readonly string[] SwaggerUiFiles = ["swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-standalone-preset.js", "favicon-32x32.png", "favicon-16x16.png", "swagger-init.js"];

    /// <summary>The files the ReDoc page loads.</summary>
    public static readonly string[] RedocFiles = ["redoc.standalone.js"];

    public static bool TryGet(string file, out DocsAsset asset) => TryGet(DocsPageKind.SwaggerUi, file, out asset);

    public static bool TryGet(DocsPageKind page, string file, out DocsAsset asset)
    {
        asset = Cache.GetOrAdd((page, file), static key => Load(key.Item1, key.Item2))!;
        return asset is not null;
    }

    private static DocsAsset? Load(DocsPageKind page, string file)
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

        var (assembly, prefix) = page == DocsPageKind.Redoc
            ? (typeof(Swashbuckle.AspNetCore.ReDoc.ReDocOptions).Assembly, RedocPrefix)
            : (typeof(Swashbuckle.AspNetCore.SwaggerUI.SwaggerUIOptions).Assembly, SwaggerUiPrefix);
        return Read(assembly, prefix + file) is { } compressed
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
internal sealed class DocsAsset(byte[] stored, bool gzipped, string contentType)
{
    private const string CacheControl = "public, max-age=86400";
    private readonly StaticContent _content = gzipped
        ? StaticContent.FromGzip(stored, ETagOf(stored), contentType, CacheControl)
        : StaticContent.FromBytes(stored, ETagOf(stored), contentType, CacheControl);

    public Task WriteAsync(HttpContext context) => _content.WriteAsync(context);

    private static string ETagOf(byte[] bytes) => "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 8)) + "\"";
}
