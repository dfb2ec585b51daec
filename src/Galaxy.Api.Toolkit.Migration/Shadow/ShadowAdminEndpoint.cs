using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Galaxy.Api.Toolkit.Migration.Shadow;

/// <summary>
/// <c>GET {AdminPath}/shadow</c>: the shadow totals per result, the counts per rule, the queue, and the latest
/// differences (newest first), as JSON written with <see cref="Utf8JsonWriter"/> (no reflection).
/// </summary>
internal static class ShadowAdminEndpoint
{
    public static async Task WriteAsync(HttpContext context, ShadowTraffic traffic)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await using (var writer = new Utf8JsonWriter(context.Response.BodyWriter))
        {
            Write(writer, traffic);
        }

        await context.Response.BodyWriter.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }

    internal static void Write(Utf8JsonWriter writer, ShadowTraffic traffic)
    {
        var settings = traffic.Settings;
        var options = settings.Options;
        var recorder = traffic.Recorder;
        writer.WriteStartObject();
        writer.WriteBoolean("enabled", settings.Enabled);
        writer.WriteString("since", recorder.Since);
        writer.WriteStartObject("totals");
        foreach (var result in Enum.GetValues<ShadowResult>())
        {
            writer.WriteNumber(ShadowRecorder.Name(result), recorder.Total(result));
        }

        writer.WriteEndObject();
        writer.WriteStartObject("queue");
        writer.WriteNumber("length", traffic.Queue.Length);
        writer.WriteNumber("capacity", options.QueueCapacity);
        writer.WriteNumber("bytes", traffic.Queue.Bytes);
        writer.WriteNumber("max_bytes", options.MaxQueuedBytes);
        writer.WriteNumber("max_concurrency", options.MaxConcurrency);
        writer.WriteNumber("timeout_seconds", options.Timeout.TotalSeconds);
        writer.WriteEndObject();

        writer.WriteStartArray("rules");
        foreach (var rule in settings.Rules)
        {
            writer.WriteStartObject();
            writer.WriteString("pattern", rule.Pattern);
            writer.WriteStartArray("methods");
            foreach (var method in rule.Methods.Order(StringComparer.Ordinal))
            {
                writer.WriteStringValue(method);
            }

            writer.WriteEndArray();
            writer.WriteString("primary", rule.PrimarySide);
            writer.WriteNumber("sample_rate", rule.SampleRate);
            writer.WriteStartArray("ignore_paths");
            foreach (var path in rule.IgnorePathList)
            {
                writer.WriteStringValue(path);
            }

            writer.WriteEndArray();
            writer.WriteStartObject("counts");
            foreach (var result in Enum.GetValues<ShadowResult>())
            {
                writer.WriteNumber(ShadowRecorder.Name(result), recorder.Count(rule.Index, result));
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();

        writer.WriteStartArray("differences");
        foreach (var difference in recorder.Recent())
        {
            writer.WriteStartObject();
            writer.WriteString("time", difference.Time);
            writer.WriteString("method", difference.Method);
            writer.WriteString("path", difference.Path);
            writer.WriteString("rule", difference.Rule);
            writer.WriteString("route", difference.Route);
            writer.WriteString("kind", difference.Kind switch
            {
                ShadowDifferenceKind.Status => "status",
                ShadowDifferenceKind.Json => "json",
                _ => "bytes",
            });
            WriteAnswer(writer, "primary", difference.Primary);
            WriteAnswer(writer, "shadow", difference.Shadow);
            writer.WriteStartArray("paths");
            foreach (var path in difference.Paths)
            {
                writer.WriteStringValue(path);
            }

            writer.WriteEndArray();
            writer.WriteNumber("total_paths", difference.TotalPaths);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteAnswer(Utf8JsonWriter writer, string name, ShadowAnswer answer)
    {
        writer.WriteStartObject(name);
        writer.WriteString("side", answer.Side);
        writer.WriteNumber("status", answer.Status);
        writer.WriteString("content_type", answer.ContentType);
        writer.WriteNumber("body_length", answer.BodyLength);
        writer.WriteString("body", answer.Excerpt);
        writer.WriteEndObject();
    }
}
