using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Galaxy.Api.Toolkit.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Galaxy.Api.Toolkit.Migration.Catalog;

/// <summary>
/// <c>GET {AdminPath}/coverage</c> (admins only): how much of the legacy API is ported, how much traffic the legacy side
/// still serves, and its busiest routes — what to port next.
/// </summary>
internal static class CoverageEndpoint
{
    private const int DefaultTop = 20;
    private const int MaxTop = 1000;

    public static void Map(IEndpointRouteBuilder endpoints, string adminPath, LegacyCatalogProvider catalog, LegacyTraffic traffic)
    {
        endpoints.MapGet(adminPath.TrimEnd('/') + "/coverage", context => WriteAsync(context, catalog.Catalog, traffic))
            .RequireAuthorization(GalaxyAuthenticationDefaults.AdminPolicy)
            .ExcludeFromDescription()
            .WithDisplayName("Legacy coverage");
    }

    private static Task WriteAsync(HttpContext context, LegacyCatalog catalog, LegacyTraffic traffic)
    {
        var top = DefaultTop;
        if (context.Request.Query["top"] is { Count: > 0 } topValue)
        {
            if (!int.TryParse(topValue[0], NumberStyles.None, CultureInfo.InvariantCulture, out top) || top < 1 || top > MaxTop)
            {
                throw new Galaxy.Api.Toolkit.RequestParameterInvalidException($"top must be an integer from 1 to {MaxTop}.");
            }
        }

        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            Write(writer, catalog, traffic, top);
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        context.Response.ContentLength = buffer.WrittenCount;
        return context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).AsTask();
    }

    internal static void Write(Utf8JsonWriter writer, LegacyCatalog catalog, LegacyTraffic traffic, int top)
    {
        var ported = catalog.Ported.Count;
        var legacy = catalog.Operations.Count;
        var counts = catalog.Operations.Select(o => (Operation: o, Requests: traffic.Count(o))).ToList();
        var unlisted = traffic.Unlisted().Where(static u => u.Value > 0).OrderByDescending(static u => u.Value).ThenBy(static u => u.Key, StringComparer.Ordinal).ToList();

        writer.WriteStartObject();
        writer.WriteNumber("legacy_operations", ported + legacy);
        writer.WriteNumber("ported", ported);
        writer.WriteNumber("still_legacy", legacy);
        writer.WriteNumber("percent_ported", ported + legacy == 0 ? 100.0 : Math.Round(100.0 * ported / (ported + legacy), 1));
        writer.WriteString("counting_since", traffic.Since);
        writer.WriteNumber("forwarded_requests", counts.Sum(static c => c.Requests) + unlisted.Sum(static u => u.Value));
        writer.WriteNumber("legacy_operations_used", counts.Count(static c => c.Requests > 0));
        writer.WriteStartArray("busiest_legacy_routes");
        foreach (var (operation, requests) in counts.Where(static c => c.Requests > 0).OrderByDescending(static c => c.Requests).ThenBy(static c => c.Operation.Index).Take(top))
        {
            writer.WriteStartObject();
            writer.WriteString("method", operation.Method);
            writer.WriteString("path", operation.Template);
            if (operation.OperationId is { } id)
            {
                writer.WriteString("operation_id", id);
            }

            writer.WriteNumber("requests", requests);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("unlisted_routes");
        foreach (var (route, requests) in unlisted.Take(top))
        {
            writer.WriteStartObject();
            writer.WriteString("route", route);
            writer.WriteNumber("requests", requests);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("ported_operations");
        foreach (var operation in catalog.Ported)
        {
            writer.WriteStartObject();
            writer.WriteString("method", operation.Method);
            writer.WriteString("path", operation.Path);
            if (operation.OperationId is { } id)
            {
                writer.WriteString("operation_id", id);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
