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

    /// <summary>A string member: absent is unset, null is allowed when <paramref name="nullable"/>.</summary>
    public static Change<string?> OptionalString(JsonElement body, string name, bool nullable, int maxLength = int.MaxValue)
    {
        if (!body.TryGetProperty(name, out var value))
        {
            return default;
        }

        if (value.ValueKind == JsonValueKind.Null && nullable)
        {
            return Change<string?>.To(null);
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw LegacyApiException.Validation(new LegacyValidationError(["body", name], "Input should be a valid string", "string_type"));
        }

        var text = value.GetString()!;
        if (text.Length > maxLength)
        {
            throw LegacyApiException.Validation(new LegacyValidationError(
                ["body", name], $"String should have at most {maxLength.ToString(CultureInfo.InvariantCulture)} characters", "string_too_long"));
        }

        return Change<string?>.To(text);
    }

    /// <summary>A boolean member (JSON <c>true</c>/<c>false</c> only, as Galaxy's deserializers); absent is unset.</summary>
    public static Change<bool> OptionalBool(JsonElement body, string name)
    {
        if (!body.TryGetProperty(name, out var value))
        {
            return default;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => Change<bool>.To(true),
            JsonValueKind.False => Change<bool>.To(false),
            _ => throw LegacyApiException.Validation(new LegacyValidationError(["body", name], "Input should be a valid boolean", "bool_type")),
        };
    }

    /// <summary>A list of strings; absent is unset.</summary>
    public static Change<IReadOnlyList<string>> OptionalStringList(JsonElement body, string name)
    {
        if (!body.TryGetProperty(name, out var value))
        {
            return default;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw LegacyApiException.Validation(new LegacyValidationError(["body", name], "Input should be a valid list", "list_type"));
        }

        var items = new List<string>();
        var failures = new List<LegacyValidationError>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String && item.GetString()!.Trim() is { Length: > 0 } tag)
            {
                items.Add(tag);
            }
            else
            {
                failures.Add(new LegacyValidationError(["body", name, index], "Input should be a non-empty string", "string_type"));
            }

            index++;
        }

        return failures.Count > 0 ? throw LegacyApiException.Validation([.. failures]) : Change<IReadOnlyList<string>>.To(items.Distinct(StringComparer.Ordinal).ToList());
    }
}
