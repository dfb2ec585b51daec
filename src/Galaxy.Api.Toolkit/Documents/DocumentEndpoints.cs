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

    public static void Map(IEndpointRouteBuilder endpoints, GalaxyApiContext api)
    {
        var options = api.Options;
        RequestDelegate serveDocument = new DocumentVariants(api.Definition.Document, api.Definition.DocumentETag).WriteAsync;
        endpoints.MapMethods(options.DocumentPath, ReadMethods, serveDocument).ExcludeFromDescription().WithDisplayName("OpenAPI document");
        if (options.ServeDocumentAtRoot && !string.Equals(options.DocumentPath, "/openapi.json", StringComparison.OrdinalIgnoreCase))
        {
            endpoints.MapMethods("/openapi.json", ReadMethods, serveDocument).ExcludeFromDescription().WithDisplayName("OpenAPI document (root)");
        }

        if (options.DocsPath is { } docsPath)
        {
            var page = new SwaggerUiPage(api.Definition.Title, options.DocumentPath, docsPath);
            var docsRoot = docsPath.TrimEnd('/');
            // Routing ignores a trailing slash, so this also answers "/api/docs/".
            endpoints.MapMethods(docsRoot, ReadMethods, page.WriteIndexAsync).ExcludeFromDescription().WithDisplayName("Swagger UI");
            endpoints.MapMethods(docsRoot + "/{file}", ReadMethods, page.WriteAssetAsync).ExcludeFromDescription().WithDisplayName("Swagger UI assets");
        }
    }

    /// <summary>
    /// The document as served under a path base: the compile-time bytes as they are without one, else a copy whose
    /// <c>servers</c> names the path base (<c>/galaxy</c>), built once per path base and kept (up to a bound).
    /// </summary>
    internal sealed class DocumentVariants(ReadOnlyMemory<byte> document, string etag)
    {
        private const int MaxVariants = 32;
        private static readonly byte[] OpenApiLine = "\n  \"openapi\": \"3.1.0\",\n"u8.ToArray();
        private readonly StaticContent _root = new(document, etag, JsonContentType);
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
            var at = bytes.IndexOf(OpenApiLine);
            if (at < 0)
            {
                return _root;
            }

            var insertAt = at + OpenApiLine.Length;
            var servers = System.Text.Encoding.UTF8.GetBytes("  \"servers\": [\n    {\n      \"url\": " + System.Text.Json.JsonSerializer.Serialize(pathBase, DocumentJson.Default.String) + "\n    }\n  ],\n");
            var variant = new byte[bytes.Length + servers.Length];
            bytes[..insertAt].CopyTo(variant);
            servers.CopyTo(variant.AsSpan(insertAt));
            bytes[insertAt..].CopyTo(variant.AsSpan(insertAt + servers.Length));
            var variantTag = "\"" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(variant).AsSpan(0, 16)) + "\"";
            return new StaticContent(variant, variantTag, JsonContentType);
        }
    }

    /// <summary>Bytes served with a strong ETag; <c>If-None-Match</c> answers 304.</summary>
    internal sealed class StaticContent(ReadOnlyMemory<byte> content, string etag, string contentType, string cacheControl = "no-cache")
    {
        public Task WriteAsync(HttpContext context) => WriteAsync(context, content, contentEncoding: null);

        public Task WriteAsync(HttpContext context, ReadOnlyMemory<byte> body, string? contentEncoding)
        {
            var response = context.Response;
            response.Headers[HeaderNames.ETag] = etag;
            response.Headers[HeaderNames.CacheControl] = cacheControl;
            response.Headers[HeaderNames.Vary] = "Accept-Encoding";
            if (IsNotModified(context.Request, etag))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                return Task.CompletedTask;
            }

            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = contentType;
            if (contentEncoding is not null)
            {
                response.Headers[HeaderNames.ContentEncoding] = contentEncoding;
            }

            response.ContentLength = body.Length;
            return HttpMethods.IsHead(context.Request.Method)
                ? Task.CompletedTask
                : response.Body.WriteAsync(body, context.RequestAborted).AsTask();
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
    }

    /// <summary>The Swagger UI page: a small HTML shell of ours plus the assets embedded in Swashbuckle.AspNetCore.SwaggerUI.</summary>
    private sealed class SwaggerUiPage(string title, string documentPath, string docsPath)
    {
        private readonly string _docsRoot = docsPath.TrimEnd('/');

        public Task WriteIndexAsync(HttpContext context)
        {
            var pathBase = context.Request.PathBase.Value ?? string.Empty;
            var html = $$"""
                <!DOCTYPE html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <title>{{HtmlEncoder.Default.Encode(title)}} - Swagger UI</title>
                  <base href="{{HtmlEncoder.Default.Encode(pathBase + _docsRoot + "/")}}">
                  <link rel="stylesheet" href="swagger-ui.css">
                  <link rel="icon" type="image/png" href="favicon-32x32.png" sizes="32x32">
                  <style>html { box-sizing: border-box; overflow-y: scroll; } body { margin: 0; background: #fafafa; }</style>
                </head>
                <body>
                  <div id="swagger-ui" data-document-url="{{HtmlEncoder.Default.Encode(pathBase + documentPath)}}"></div>
                  <script src="swagger-ui-bundle.js"></script>
                  <script src="swagger-ui-standalone-preset.js"></script>
                  <script src="swagger-init.js"></script>
                </body>
                </html>
                """;
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.Headers[HeaderNames.CacheControl] = "no-cache";
            return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : context.Response.WriteAsync(html, context.RequestAborted);
        }

        public Task WriteAssetAsync(HttpContext context)
        {
            var file = context.Request.RouteValues["file"] as string;
            if (file is null || !DocsAssets.TryGet(file, out var asset))
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
