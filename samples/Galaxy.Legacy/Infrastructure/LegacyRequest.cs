using System.Globalization;
using System.Text.Json;
using Galaxy.Data;

namespace Galaxy.Legacy.Infrastructure;

/// <summary>Reads query values and bodies by hand, failing with Galaxy's 400s.</summary>
internal static class LegacyRequest
{
    /// <summary>The largest body read (JSON or form).</summary>
    public const int MaxBodyBytes = 4 * 1024 * 1024;

    /// <summary>The last value of a query parameter (FastAPI's rule for repeated keys), or null.</summary>
    public static string? Query(this HttpContext context, string name) => context.Request.Query[name].LastOrDefault();

    /// <summary>Every value of a repeated query parameter, in order.</summary>
    public static IReadOnlyList<string> QueryAll(this HttpContext context, string name) => [.. context.Request.Query[name].Select(static v => v ?? string.Empty)];

    public static int? QueryInt(this HttpContext context, string name)
    {
        var text = context.Query(name);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw LegacyApiException.Validation(new LegacyValidationError(["query", name], "Input should be a valid integer, unable to parse string as an integer", "int_parsing"));
    }

    public static bool? QueryBool(this HttpContext context, string name)
    {
        var text = context.Query(name);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return ParseBoolean(text, out var value)
            ? value
            : throw LegacyApiException.Validation(new LegacyValidationError(["query", name], "Input should be a valid boolean, unable to interpret input", "bool_parsing"));
    }

    /// <summary>Galaxy's clients send <c>True</c>/<c>False</c>; also <c>true</c>, <c>1</c>, <c>yes</c>, <c>on</c> and their opposites.</summary>
    public static bool ParseBoolean(string text, out bool value)
    {
        switch (text.Trim().ToUpperInvariant())
        {
            case "TRUE" or "T" or "YES" or "Y" or "ON" or "1":
                value = true;
                return true;
            case "FALSE" or "F" or "NO" or "N" or "OFF" or "0":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    /// <summary>
    /// The JSON body as a document, or null when the body is empty. Any content type but a form is read as JSON, as Galaxy's
    /// WSGI app did; malformed JSON is 400003, a body over <see cref="MaxBodyBytes"/> is 413001.
    /// </summary>
    public static async Task<JsonDocument?> ReadJsonAsync(HttpContext context)
    {
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            throw new LegacyApiException(LegacyErrorCode.BodyTooLarge);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                throw new LegacyApiException(LegacyErrorCode.BodyTooLarge);
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0 || buffer.ToArray().All(static b => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(buffer.ToArray(), new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException)
        {
            throw new LegacyApiException(LegacyErrorCode.InvalidJson);
        }
    }

    /// <summary>Fails with 400008 unless the body is a JSON object.</summary>
    public static JsonElement RequireObject(JsonDocument document)
        => document.RootElement.ValueKind == JsonValueKind.Object
            ? document.RootElement
            : throw LegacyApiException.Validation(new LegacyValidationError(["body"], "Input should be a valid dictionary or object to extract fields from", "model_attributes_type"));
}
