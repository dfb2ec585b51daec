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
        var root = adminPath.TrimEnd('/');
        endpoints.MapGet(root + "/coverage", context => WriteAsync(context, catalog.Catalog, traffic))
            .RequireAuthorization(GalaxyAuthenticationDefaults.AdminPolicy)
            .ExcludeFromDescription()
            .WithDisplayName("Legacy coverage");
        endpoints.MapGet(root, context => MigrationPage.WriteAsync(context, CoverageReport.Create(catalog.Catalog, traffic, Top(context)), root))
            .RequireAuthorization(GalaxyAuthenticationDefaults.AdminPolicy)
            .ExcludeFromDescription()
            .WithDisplayName("Migration status page");
    }

    /// <summary>The <c>top</c> query parameter: how many busiest routes to list.</summary>
    internal static int Top(HttpContext context)
    {
        var top = DefaultTop;
        if (context.Request.Query["top"] is { Count: > 0 } topValue
            && (!int.TryParse(topValue[0], NumberStyles.None, CultureInfo.InvariantCulture, out top) || top < 1 || top > MaxTop))
        {
            throw new Galaxy.Api.Toolkit.RequestParameterInvalidException($"top must be an integer from 1 to {MaxTop}.");
        }

        return top;
    }

    private static Task WriteAsync(HttpContext context, LegacyCatalog catalog, LegacyTraffic traffic)
    {
        var report = CoverageReport.Create(catalog, traffic, Top(context));
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            Write(writer, report);
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        context.Response.ContentLength = buffer.WrittenCount;
        return context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).AsTask();
    }

    internal static void Write(Utf8JsonWriter writer, CoverageReport report)
    {
        writer.WriteStartObject();
        writer.WriteNumber("legacy_operations", report.LegacyOperations);
        writer.WriteNumber("ported", report.Ported);
        writer.WriteNumber("still_legacy", report.StillLegacy);
        writer.WriteNumber("percent_ported", report.PercentPorted);
        writer.WriteString("counting_since", report.CountingSince);
        writer.WriteNumber("forwarded_requests", report.ForwardedRequests);
        writer.WriteNumber("legacy_operations_used", report.LegacyOperationsUsed);
        writer.WriteStartArray("busiest_legacy_routes");
        foreach (var line in report.Busiest)
        {
            writer.WriteStartObject();
            writer.WriteString("method", line.Method);
            writer.WriteString("path", line.Path);
            if (line.OperationId is { } id)
            {
                writer.WriteString("operation_id", id);
            }

            writer.WriteNumber("requests", line.Requests);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("unlisted_routes");
        foreach (var line in report.Unlisted)
        {
            writer.WriteStartObject();
            writer.WriteString("route", line.Path);
            writer.WriteNumber("requests", line.Requests);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("ported_operations");
        foreach (var operation in report.PortedOperations)
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
