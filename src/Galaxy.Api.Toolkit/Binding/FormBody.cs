using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Galaxy.Api.Toolkit.Binding;

/// <summary>
/// Reads a form (<c>application/x-www-form-urlencoded</c> or <c>multipart/form-data</c>) into a body type. Fields are
/// matched to the JSON property names of the type's contract, written as the JSON the client would have sent, and
/// deserialized with the same contract, so a form is validated exactly as JSON is. Uses contract metadata only (no
/// reflection), so it works with source-generated contracts.
/// </summary>
internal static class FormBody
{
    public static bool IsFormContentType(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType) || !MediaTypeHeaderValue.TryParse(contentType, out var mediaType))
        {
            return false;
        }

        return mediaType.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
            || mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase);
    }

    public static async ValueTask<JsonBodyResult<T>> ReadAsync<T>(HttpContext context, JsonTypeInfo<T> typeInfo, long maxBytes)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object)
        {
            return JsonBody.Fail<T>(new GalaxyApiException(GalaxyErrorCodes.UnsupportedMediaType, "This operation's body cannot be sent as a form; send 'application/json'."));
        }

        if (context.Request.ContentLength > maxBytes)
        {
            return JsonBody.Fail<T>(JsonBody.TooLarge(maxBytes));
        }

        // The body size is the form's only size limit here (a longer key or value means a larger body): string and
        // collection limits are checked on the JSON the form becomes, at the member's location. The number of values is
        // bounded by the collection limit plus one value per member, so that a field may repeat up to that limit.
        var collectionLimit = BodyLimits.For(typeInfo.Options).MaxCollectionLength;
        var valueCountLimit = (int)Math.Min((long)collectionLimit + typeInfo.Properties.Count, int.MaxValue);
        IFormCollection form;
        try
        {
            var sizeLimit = (int)Math.Min(maxBytes, int.MaxValue);
            var limits = new FormOptions
            {
                MultipartBodyLengthLimit = maxBytes,
                ValueLengthLimit = sizeLimit,
                KeyLengthLimit = sizeLimit,
                ValueCountLimit = valueCountLimit,
                BufferBody = false,
            };
            // The urlencoded reader bounds each value, not the whole body: the server stops a longer one (sent chunked).
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize
                && (bodySize.MaxRequestBodySize is null || bodySize.MaxRequestBodySize > maxBytes))
            {
                bodySize.MaxRequestBodySize = maxBytes;
            }

            form = await context.Request.ReadFormAsync(limits, context.RequestAborted).ConfigureAwait(false);
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return JsonBody.Fail<T>(JsonBody.TooLarge(maxBytes));
        }
        catch (InvalidDataException exception)
        {
            return JsonBody.Fail<T>(FormFailure(context, exception, maxBytes, valueCountLimit));
        }
        catch (IOException) when (!context.RequestAborted.IsCancellationRequested)
        {
            return JsonBody.Fail<T>(new GalaxyApiException(GalaxyErrorCodes.MalformedContents, "The form in the request body is malformed."));
        }

        if (form.Count == 0)
        {
            return new JsonBodyResult<T>(default, null, isMissing: true);
        }

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var property in typeInfo.Properties)
            {
                if (property.Set is null && !property.IsRequired && property.AssociatedParameter is null)
                {
                    continue;
                }

                if (form.TryGetValue(property.Name, out var values))
                {
                    writer.WritePropertyName(property.Name);
                    WriteValue(writer, property.PropertyType, values, typeInfo.Options, property.IsSetNullable);
                }
            }

            writer.WriteEndObject();
        }

        return JsonBody.Deserialize(buffer.WrittenSpan, typeInfo);
    }

    /// <summary>
    /// What the form reader's exception means for the client: its size limits (the body's, and the length of a value or
    /// key, as in "Form value length limit N exceeded.", all set to the body limit) are 413; its count of values is a 400
    /// at the body; anything else (no multipart boundary, oversized multipart headers...) a malformed form.
    /// </summary>
    private static GalaxyApiException FormFailure(HttpContext context, InvalidDataException exception, long maxBytes, int valueCountLimit)
    {
        var message = exception.Message;
        if (context.Request.ContentLength > maxBytes
            || message.StartsWith("Multipart body length limit", StringComparison.Ordinal)
            || (message.StartsWith("Form ", StringComparison.Ordinal) && message.Contains(" length limit ", StringComparison.Ordinal)))
        {
            return JsonBody.TooLarge(maxBytes);
        }

        if (message.StartsWith("Form value count limit", StringComparison.Ordinal))
        {
            var text = string.Create(CultureInfo.InvariantCulture, $"The form should have at most {valueCountLimit} values");
            return new GalaxyApiException(GalaxyErrorCodes.UserRequestInvalidParameter, text + " in ('body',)",
                [new ValidationError(["body"], text, "too_long")]);
        }

        return new GalaxyApiException(GalaxyErrorCodes.MalformedContents, "The form in the request body is malformed: " + message);
    }

    private static void WriteValue(Utf8JsonWriter writer, Type type, StringValues values, JsonSerializerOptions options, bool nullable)
    {
        var element = options.TryGetTypeInfo(type, out var info) && info.Kind == JsonTypeInfoKind.Enumerable && type != typeof(string) ? info.ElementType : null;
        if (element is null)
        {
            WriteScalar(writer, type, values[values.Count - 1], nullable);
            return;
        }

        writer.WriteStartArray();
        foreach (var value in values)
        {
            WriteScalar(writer, element, value, nullable: false);
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes a field as the JSON token its type expects; a value that does not fit is written as a string so that the contract rejects it at its location.</summary>
    private static void WriteScalar(Utf8JsonWriter writer, Type type, string? value, bool nullable)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (value is null || (value.Length == 0 && (underlying != typeof(string) || nullable)))
        {
            // An empty form field is no value (a non-nullable string keeps "").
            writer.WriteNullValue();
            return;
        }

        if (underlying == typeof(bool) && ScalarParser.TryParseBoolean(value, out var flag))
        {
            writer.WriteBooleanValue(flag);
        }
        else if (IsInteger(underlying) && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            writer.WriteNumberValue(integer);
        }
        else if (IsInteger(underlying) && ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var large))
        {
            writer.WriteNumberValue(large);
        }
        else if (IsFloat(underlying) && decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            writer.WriteNumberValue(number);
        }
        else if (IsFloat(underlying) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && double.IsFinite(real))
        {
            writer.WriteNumberValue(real);
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }

    private static bool IsInteger(Type type)
        => type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte)
            || type == typeof(uint) || type == typeof(ulong) || type == typeof(ushort) || type == typeof(sbyte);

    private static bool IsFloat(Type type) => type == typeof(double) || type == typeof(float) || type == typeof(decimal);
}
