using System.ComponentModel;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;

namespace Galaxy.Api.Toolkit.Binding;

/// <summary>The body formats an operation accepts.</summary>
[Flags]
[EditorBrowsable(EditorBrowsableState.Never)]
public enum BodyFormats
{
    /// <summary>JSON (also when the request has no content type).</summary>
    Json = 1,

    /// <summary><c>application/x-www-form-urlencoded</c> and <c>multipart/form-data</c>.</summary>
    Form = 2,
}

/// <summary>Reads a request body in the format its content type names; used by generated handlers.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class RequestBody
{
    /// <summary>Reads the body as JSON or as a form, as the operation accepts and the content type says.</summary>
    /// <param name="context">The request.</param>
    /// <param name="typeInfo">The contract of the body type.</param>
    /// <param name="maxBytes">The largest body accepted.</param>
    /// <param name="formats">The formats the operation accepts.</param>
    public static ValueTask<JsonBodyResult<T>> ReadAsync<T>(HttpContext context, JsonTypeInfo<T> typeInfo, long maxBytes, BodyFormats formats)
    {
        ArgumentNullException.ThrowIfNull(context);
        var contentType = context.Request.ContentType;
        if ((formats & BodyFormats.Form) != 0 && FormBody.IsFormContentType(contentType))
        {
            return FormBody.ReadAsync(context, typeInfo, maxBytes);
        }

        if ((formats & BodyFormats.Json) != 0 && ((formats & BodyFormats.Form) == 0 || JsonBody.IsJsonContentType(contentType)))
        {
            return JsonBody.ReadAsync(context, typeInfo, maxBytes);
        }

        var accepted = (formats & BodyFormats.Json) != 0
            ? "'application/json', 'application/x-www-form-urlencoded' or 'multipart/form-data'"
            : "'application/x-www-form-urlencoded' or 'multipart/form-data'";
        return ValueTask.FromResult(JsonBody.Fail<T>(new GalaxyApiException(GalaxyErrorCodes.UnsupportedMediaType,
            $"Unsupported content type '{contentType}'; send {accepted}.")));
    }
}
