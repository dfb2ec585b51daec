using System.Buffers;
using System.ComponentModel;
using System.IO.Pipelines;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;

namespace Galaxy.Api.Toolkit.Binding;

/// <summary>The outcome of reading a JSON body: a value, or the error to answer with.</summary>
/// <typeparam name="T">The body type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct JsonBodyResult<T>
{
    internal JsonBodyResult(T? value, GalaxyApiException? error, bool isMissing)
    {
        Value = value;
        Error = error;
        IsMissing = isMissing;
    }

    /// <summary>The body; default when absent (a missing body is not an error for an optional parameter).</summary>
    public T? Value { get; }

    /// <summary>Whether the body is empty, blank or the JSON literal <c>null</c>.</summary>
    public bool IsMissing { get; }

    /// <summary>The error to answer with, or null.</summary>
    public GalaxyApiException? Error { get; }
}

/// <summary>
/// Reads JSON request bodies for generated handlers: checks the content type, enforces the size limit, buffers the
/// body, checks it against the depth, collection and string limits (<see cref="GalaxyApiLimits"/>) and deserializes it
/// with the API's <see cref="JsonTypeInfo{T}"/>. Bad input never throws: it becomes a Galaxy error (400003 for malformed
/// JSON, 400008 for a value of the wrong shape or over a limit, 413, 415).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class JsonBody
{
    /// <summary>Reads and deserializes the body.</summary>
    /// <param name="context">The request.</param>
    /// <param name="typeInfo">The contract of the body type.</param>
    /// <param name="maxBytes">The largest body accepted.</param>
    public static async ValueTask<JsonBodyResult<T>> ReadAsync<T>(HttpContext context, JsonTypeInfo<T> typeInfo, long maxBytes)
    {
        var request = context.Request;
        if (!IsJsonContentType(request.ContentType))
        {
            return Fail<T>(new GalaxyApiException(GalaxyErrorCodes.UnsupportedMediaType,
                $"Unsupported content type '{request.ContentType}'; send 'application/json'."));
        }

        if (request.ContentLength > maxBytes)
        {
            return Fail<T>(TooLarge(maxBytes));
        }

        var reader = request.BodyReader;
        ReadResult read;
        while (true)
        {
            read = await reader.ReadAsync(context.RequestAborted).ConfigureAwait(false);
            if (read.Buffer.Length > maxBytes)
            {
                reader.AdvanceTo(read.Buffer.End);
                return Fail<T>(TooLarge(maxBytes));
            }

            if (read.IsCompleted || read.IsCanceled)
            {
                break;
            }

            reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }

        try
        {
            return Deserialize(read.Buffer, typeInfo);
        }
        finally
        {
            reader.AdvanceTo(read.Buffer.End);
        }
    }

    /// <summary>Whether a content type is one a JSON body may carry; a missing content type is accepted, as FastAPI does.</summary>
    /// <param name="contentType">The request's <c>Content-Type</c>.</param>
    public static bool IsJsonContentType(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return true;
        }

        var mediaType = contentType.AsSpan();
        var semicolon = mediaType.IndexOf(';');
        if (semicolon >= 0)
        {
            mediaType = mediaType[..semicolon];
        }

        mediaType = mediaType.Trim();
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.Equals("text/json", StringComparison.OrdinalIgnoreCase)
            || (mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase) && mediaType.StartsWith("application/", StringComparison.OrdinalIgnoreCase));
    }

    internal static JsonBodyResult<T> Deserialize<T>(ReadOnlySequence<byte> body, JsonTypeInfo<T> typeInfo)
    {
        byte[]? rented = null;
        ReadOnlySpan<byte> utf8;
        if (body.IsSingleSegment)
        {
            utf8 = body.FirstSpan;
        }
        else
        {
            rented = ArrayPool<byte>.Shared.Rent(checked((int)body.Length));
            body.CopyTo(rented);
            utf8 = rented.AsSpan(0, (int)body.Length);
        }

        try
        {
            return Deserialize(utf8, typeInfo);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Deserializes a complete body: blank or <c>null</c> is missing; bad JSON is 400003; a wrong shape 400008.</summary>
    internal static JsonBodyResult<T> Deserialize<T>(ReadOnlySpan<byte> utf8, JsonTypeInfo<T> typeInfo)
    {
        if (IsBlank(utf8))
        {
            return new JsonBodyResult<T>(default, null, isMissing: true);
        }

        // Depth, collection and string limits, before anything is built from the body; a short body skips this.
        if (BodyLimits.ToCheck(utf8.Length, typeInfo.Options) is { } limits && limits.Check(utf8, typeInfo) is { } overLimit)
        {
            return Fail<T>(overLimit);
        }

        try
        {
            var value = JsonSerializer.Deserialize(utf8, typeInfo);
            // A JsonElement body holds JSON null as a value: it is missing all the same.
            return new JsonBodyResult<T>(value, null, isMissing: value is null or JsonElement { ValueKind: JsonValueKind.Null });
        }
        catch (JsonException exception)
        {
            // Nested deeper than the serializer's MaxDepth (which the depth limit sets when it is not checked above).
            if (BodyLimits.For(typeInfo.Options).Check(utf8, typeInfo) is { } tooDeep)
            {
                return Fail<T>(tooDeep);
            }

            if (IsWellFormed(utf8, typeInfo.Options) && MemberFailures(utf8, typeInfo) is { Count: > 0 } failures)
            {
                return Fail<T>(new GalaxyApiException(GalaxyErrorCodes.UserRequestInvalidParameter, null, failures));
            }

            return Fail<T>(IsWellFormed(utf8, typeInfo.Options)
                ? new GalaxyApiException(GalaxyErrorCodes.UserRequestInvalidParameter,
                    $"Input does not match the schema of the request body in {JsonPath.Describe(exception.Path)}",
                    [new ValidationError(JsonPath.ToLocation("body", exception.Path), "Input does not match the schema of this field", "value_error")])
                : new GalaxyApiException(GalaxyErrorCodes.UserInvalidJson));
        }
    }

    /// <summary>
    /// The object's required members that are absent or null where null is not allowed, named at their location, so that
    /// a client learns which member is missing rather than that the body is wrong.
    /// </summary>
    private static List<ValidationError>? MemberFailures(ReadOnlySpan<byte> utf8, JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object)
        {
            return null;
        }

        var present = new Dictionary<string, bool>(StringComparer.Ordinal);
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = typeInfo.Options.MaxDepth == 0 ? 64 : typeInfo.Options.MaxDepth });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            present[name] = reader.TokenType == JsonTokenType.Null;
            reader.Skip();
        }

        List<ValidationError>? failures = null;
        foreach (var property in typeInfo.Properties)
        {
            var parameter = property.AssociatedParameter;
            var required = property.IsRequired || (parameter is { HasDefaultValue: false } && typeInfo.Options.RespectRequiredConstructorParameters);
            if (!present.TryGetValue(property.Name, out var isNull))
            {
                if (required)
                {
                    (failures ??= []).Add(new ValidationError(["body", property.Name], "Field required", ValidationError.MissingType));
                }
            }
            else if (isNull && !(parameter?.IsNullable ?? property.IsSetNullable) && typeInfo.Options.RespectNullableAnnotations)
            {
                (failures ??= []).Add(new ValidationError(["body", property.Name], "Input should not be null", "none_not_allowed"));
            }
        }

        return failures;
    }

    private static bool IsBlank(ReadOnlySpan<byte> utf8)
    {
        foreach (var b in utf8)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsWellFormed(ReadOnlySpan<byte> utf8, JsonSerializerOptions options)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions
        {
            MaxDepth = options.MaxDepth == 0 ? 64 : options.MaxDepth,
            AllowTrailingCommas = options.AllowTrailingCommas,
            CommentHandling = options.ReadCommentHandling,
        });
        try
        {
            while (reader.Read())
            {
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    internal static GalaxyApiException TooLarge(long maxBytes)
        => new(GalaxyErrorCodes.RequestTooLarge, $"The request body is larger than {maxBytes} bytes.");

    internal static JsonBodyResult<T> Fail<T>(GalaxyApiException error) => new(default, error, isMissing: false);
}
