using System.Text.Encodings.Web;
using Galaxy.Api.Toolkit.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace Galaxy.Api.Toolkit.Documents;

/// <summary>Serves the compile-time OpenAPI document and the Swagger UI page; nothing is computed per request but headers.</summary>
internal static class DocumentEndpoints
{
    private const string JsonContentType = "application/json; charset=utf-8";
    private static readonly string[] ReadMethods = [HttpMethods.Get, HttpMethods.Head];

    public static void Map(IEndpointRouteBuilder endpoints, GalaxyApiContext api, CompileTimeDocument document)
    {
        var options = api.Options;
        RequestDelegate serveDocument = new DocumentVariants(document.Utf8, document.ETag).WriteAsync;
        endpoints.MapMethods(options.DocumentPath, ReadMethods, serveDocument).ExcludeFromDescription().WithDisplayName("OpenAPI document");
        if (options.ServeDocumentAtRoot && !string.Equals(options.DocumentPath, "/openapi.json", StringComparison.OrdinalIgnoreCase))
        {
            endpoints.MapMethods("/openapi.json", ReadMethods, serveDocument).ExcludeFromDescription().WithDisplayName("OpenAPI document (root)");
        }

        if (options.DocsPath is { } docsPath)
        {
            MapPage(endpoints, new DocsPage(DocsPageKind.SwaggerUi, api.Definition.Title, options.DocumentPath, docsPath, options.DocsLinks), "Swagger UI");
        }

        if (options.RedocPath is { } redocPath)
        {
            MapPage(endpoints, new DocsPage(DocsPageKind.Redoc, api.Definition.Title, options.DocumentPath, redocPath, options.DocsLinks), "ReDoc");
        }
    }

    private static void MapPage(IEndpointRouteBuilder endpoints, DocsPage page, string name)
    {
        // Routing ignores a trailing slash, so the page also answers at "<path>/".
        endpoints.MapMethods(page.Root, ReadMethods, page.WriteIndexAsync).ExcludeFromDescription().WithDisplayName(name);
        endpoints.MapMethods(page.Root + "/{file}", ReadMethods, page.WriteAssetAsync).ExcludeFromDescription().WithDisplayName(name + " assets");
    }

    /// <summary>
    /// The document as served under a path base: the compile-time bytes as they are without one, else a copy whose
    /// server URL is the path base (<c>/galaxy</c>) instead of <c>/</c>, built once per path base and kept (up to a bound).
    /// </summary>
    internal sealed class DocumentVariants(ReadOnlyMemory<byte> document, string etag)
    {
        private const int MaxVariants = 32;
        // The compile-time document's default server, right after "openapi"; a path base replaces its URL.
        private static readonly byte[] DefaultServer = "\"url\": \"/\""u8.ToArray();
        private readonly StaticContent _root = StaticContent.FromBytes(document, etag, JsonContentType);
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, StaticContent> _variants = new(StringComparer.Ordinal);

        public Task WriteAsync(HttpContext context)
        {
            var pathBase = context.Request.PathBase.Value;
            if (string.IsNullOrEmpty(pathBase))
            {
                return _root.WriteAsync(context);
            }

            if (!_variants.TryGetValue(pathBase, out var variant))
            {
                variant = Create(pathBase);
                if (_variants.Count < MaxVariants)
                {
                    _variants.TryAdd(pathBase, variant);
                }
            }

            return variant.WriteAsync(context);
        }

        internal StaticContent Create(string pathBase)
        {
            var bytes = document.Span;
            var at = bytes.IndexOf(DefaultServer);
            if (at < 0)
            {
                return _root;
            }

            var url = System.Text.Encoding.UTF8.GetBytes("\"url\": " + System.Text.Json.JsonSerializer.Serialize(pathBase, DocumentJson.Default.String));
            var variant = new byte[bytes.Length - DefaultServer.Length + url.Length];
            bytes[..at].CopyTo(variant);
            url.CopyTo(variant.AsSpan(at));
            bytes[(at + DefaultServer.Length)..].CopyTo(variant.AsSpan(at + url.Length));
            var variantTag = "\"" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(variant).AsSpan(0, 16)) + "\"";
            return StaticContent.FromBytes(variant, variantTag, JsonContentType);
        }
    }

    /// <summary>A docs page: a small HTML shell of ours (no inline script, no CDN) and its embedded assets.</summary>
    private sealed class DocsPage(DocsPageKind kind, string title, string documentPath, string path, IList<GalaxyDocsLink> links)
    {
        private const string ContentSecurityPolicy =
            "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; worker-src 'self' blob:; connect-src 'self'; frame-ancestors 'self'";

        public string Root { get; } = path.TrimEnd('/');

        public Task WriteIndexAsync(HttpContext context)
        {
            var pathBase = context.Request.PathBase.Value ?? string.Empty;
            var encodedTitle = HtmlEncoder.Default.Encode(title);
            var baseHref = HtmlEncoder.Default.Encode(pathBase + Root + "/");
            var documentUrl = HtmlEncoder.Default.Encode(pathBase + documentPath);
            var bar = Links(pathBase);
            var html = kind == DocsPageKind.Redoc
                ? $$"""
                    <!DOCTYPE html>
                    <html lang="en">
                    <head>
                      <meta charset="utf-8">
                      <meta name="viewport" content="width=device-width, initial-scale=1">
                      <title>{{encodedTitle}} - ReDoc</title>
                      <base href="{{baseHref}}">
                      <style>body { margin: 0; padding: 0; }</style>
                    </head>
                    <body>
                    {{bar}}  <redoc spec-url="{{documentUrl}}" disable-telemetry="true"></redoc>
                      <script type="module" src="redoc.standalone.js"></script>
                    </body>
                    </html>
                    """
                : $$"""
                    <!DOCTYPE html>
                    <html lang="en">
                    <head>
                      <meta charset="utf-8">
                      <title>{{encodedTitle}} - Swagger UI</title>
                      <base href="{{baseHref}}">
                      <link rel="stylesheet" href="swagger-ui.css">
                      <link rel="icon" type="image/png" href="favicon-32x32.png" sizes="32x32">
                      <style>html { box-sizing: border-box; overflow-y: scroll; } body { margin: 0; background: #fafafa; }</style>
                    </head>
                    <body>
                    {{bar}}  <div id="swagger-ui" data-document-url="{{documentUrl}}"></div>
                      <script src="swagger-ui-bundle.js"></script>
                      <script src="swagger-ui-standalone-preset.js"></script>
                      <script src="swagger-init.js"></script>
                    </body>
                    </html>
                    """;
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.Headers[HeaderNames.CacheControl] = "no-cache";
            // The pages are offline: nothing but this host (ReDoc would otherwise fetch its logo from a CDN). Both UIs
            // inject their styles at run time, ReDoc's search runs in a blob: worker.
            context.Response.Headers[HeaderNames.ContentSecurityPolicy] = ContentSecurityPolicy;
            return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : context.Response.WriteAsync(html, context.RequestAborted);
        }

        /// <summary>The bar of <see cref="GalaxyApiOptions.DocsLinks"/> (empty without links): plain HTML, no script.</summary>
        private string Links(string pathBase)
        {
            if (links.Count == 0)
            {
                return string.Empty;
            }

            var items = links.Select(link => $"<a href=\"{HtmlEncoder.Default.Encode(link.Href.StartsWith('/') ? pathBase + link.Href : link.Href)}\" style=\"margin-right: 1.5em; color: #1b1b1b;\">{HtmlEncoder.Default.Encode(link.Text)}</a>");
            return "  <nav class=\"galaxy-docs-links\" style=\"padding: 8px 20px; font: 14px sans-serif; background: #e8eef6; border-bottom: 1px solid #c5d3e6;\">"
                + string.Concat(items) + "</nav>\n";
        }

        public Task WriteAssetAsync(HttpContext context)
        {
            var file = context.Request.RouteValues["file"] as string;
            if (file is null || !DocsAssets.TryGet(kind, file, out var asset))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            return asset.WriteAsync(context);
        }
    }
}

/// <summary>Serializes the few values the document endpoints write, without reflection.</summary>
[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class DocumentJson : System.Text.Json.Serialization.JsonSerializerContext;
