using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Galaxy.Legacy.Infrastructure;

/// <summary>Writes JSON responses by hand with <see cref="Utf8JsonWriter"/>: no serializer, no reflection.</summary>
internal static class LegacyJson
{
    // Galaxy's Python JSON writes quotes and non-ASCII text as they are; an API body is never embedded in HTML.
    private static readonly JsonWriterOptions Options = new() { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes the body built by <paramref name="write"/> with status 200 (Galaxy answers 200 to every success).</summary>
    public static async Task WriteAsync(HttpContext context, Action<Utf8JsonWriter> write, int status = StatusCodes.Status200OK)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        await using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer);
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = buffer.WrittenCount;
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted);
    }

    /// <summary>Writes Galaxy's error body: <c>{"err_msg", "err_code"}</c>, plus <c>validation_errors</c> when there are some.</summary>
    public static Task WriteErrorAsync(HttpContext context, LegacyErrorCode error, string message, IReadOnlyList<LegacyValidationError>? validationErrors = null)
        => WriteAsync(
            context,
            writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("err_msg", message);
                writer.WriteNumber("err_code", error.Code);
                if (validationErrors is { Count: > 0 })
                {
                    writer.WriteStartArray("validation_errors");
                    foreach (var failure in validationErrors)
                    {
                        writer.WriteStartObject();
                        writer.WriteStartArray("loc");
                        foreach (var part in failure.Location)
                        {
                            if (part is int index)
                            {
                                writer.WriteNumberValue(index);
                            }
                            else
                            {
                                writer.WriteStringValue(part.ToString());
                            }
                        }

                        writer.WriteEndArray();
                        writer.WriteString("msg", failure.Message);
                        writer.WriteString("type", failure.Type);
                        writer.WriteEndObject();
                    }

                    writer.WriteEndArray();
                }

                writer.WriteEndObject();
            },
            error.Status);

    public static void WriteStringArray(this Utf8JsonWriter writer, string name, IEnumerable<string> items)
    {
        writer.WriteStartArray(name);
        foreach (var item in items)
        {
            writer.WriteStringValue(item);
        }

        writer.WriteEndArray();
    }

    public static void WriteNullableString(this Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }
}
