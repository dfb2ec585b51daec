using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;

namespace Galaxy.Api.Toolkit.Binding;

/// <summary>Writes operation results as JSON; used by generated handlers.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class JsonResponse
{
    private const string JsonContentType = "application/json; charset=utf-8";

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
        return JsonSerializer.SerializeAsync(response.BodyWriter, value, typeInfo, context.RequestAborted);
    }

    /// <summary>Writes 200 with the body <c>null</c>, as FastAPI answers an operation that returns nothing.</summary>
    /// <param name="context">The request.</param>
    public static Task WriteNullAsync(HttpContext context)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = JsonContentType;
        response.ContentLength = 4;
        return response.Body.WriteAsync("null"u8.ToArray(), context.RequestAborted).AsTask();
    }
}
