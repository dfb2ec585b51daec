using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace Galaxy.Api.Toolkit.Binding;

/// <summary>Writes operation results as JSON; used by generated handlers.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class JsonResponse
{
    private const string JsonContentType = "application/json; charset=utf-8";
    private static readonly ReadOnlyMemory<byte> NullBody = "null"u8.ToArray();

    /// <summary>Writes <paramref name="value"/> with status <paramref name="statusCode"/>.</summary>
    /// <param name="context">The request.</param>
    /// <param name="value">The result.</param>
    /// <param name="typeInfo">The contract of the result type.</param>
    /// <param name="statusCode">The status code, 200 unless the operation declares another.</param>
    public static Task WriteAsync<T>(HttpContext context, T value, JsonTypeInfo<T> typeInfo, int statusCode = StatusCodes.Status200OK)
    {
        var response = context.Response;
        response.StatusCode = statusCode;
        response.ContentType = JsonContentType;
        if (GalaxyResponseKeys.Selected(context) is { } keys)
        {
            return WriteSelectedAsync(context, JsonSerializer.SerializeToUtf8Bytes(value, typeInfo), keys);
        }

        return JsonSerializer.SerializeAsync(response.BodyWriter, value, typeInfo, context.RequestAborted);
    }

    /// <summary>Writes a serialized result with only the keys the operation selected (Galaxy's <c>view</c>/<c>keys</c>).</summary>
    private static Task WriteSelectedAsync(HttpContext context, byte[] serialized, IReadOnlySet<string> keys)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(serialized.Length);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            GalaxyResponseKeys.Filter(serialized, keys, writer);
        }

        context.Response.ContentLength = buffer.WrittenCount;
        return context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).AsTask();
    }

    /// <summary>
    /// Writes the body <c>null</c>, as FastAPI answers an operation that returns nothing (status 200 unless the operation
    /// declares another; 204 has no body).
    /// </summary>
    /// <param name="context">The request.</param>
    /// <param name="statusCode">The status code.</param>
    public static Task WriteNullAsync(HttpContext context, int statusCode = StatusCodes.Status200OK)
    {
        var response = context.Response;
        response.StatusCode = statusCode;
        if (statusCode == StatusCodes.Status204NoContent)
        {
            return Task.CompletedTask;
        }

        response.ContentType = JsonContentType;
        response.ContentLength = 4;
        return response.Body.WriteAsync(NullBody, context.RequestAborted).AsTask();
    }

    /// <summary>
    /// Executes an <see cref="IResult"/>. A result that carries a value and a status (<c>Ok&lt;T&gt;</c>,
    /// <c>NotFound&lt;T&gt;</c>, <c>Created&lt;T&gt;</c>...) is written with the API's serializer options, so its body
    /// follows the same naming policy as the document (generated handlers write <c>Created&lt;T&gt;</c>'s location first);
    /// any other result executes itself. A null result answers 200 <c>null</c>.
    /// </summary>
    /// <param name="context">The request.</param>
    /// <param name="result">The operation's result.</param>
    /// <param name="options">The API's serializer options.</param>
    public static Task WriteResultAsync(HttpContext context, IResult? result, System.Text.Json.JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        switch (result)
        {
            case null:
                return WriteNullAsync(context, StatusCodes.Status200OK);
            case INestedHttpResult nested:
                return WriteResultAsync(context, nested.Result, options);
            case IValueHttpResult { Value: { } value } when result is IStatusCodeHttpResult status && result is not IContentTypeHttpResult:
                var response = context.Response;
                response.StatusCode = status.StatusCode ?? StatusCodes.Status200OK;
                response.ContentType = JsonContentType;
                return JsonSerializer.SerializeAsync(response.BodyWriter, value, options.GetTypeInfo(value.GetType()), context.RequestAborted);
            default:
                return result.ExecuteAsync(context);
        }
    }
}
