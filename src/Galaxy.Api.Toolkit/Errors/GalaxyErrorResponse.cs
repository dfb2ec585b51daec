using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace Galaxy.Api.Toolkit;

/// <summary>Writes Galaxy's error body, <c>{"err_msg": ..., "err_code": ..., "validation_errors": [...]}</c>.</summary>
public static class GalaxyErrorResponse
{
    private const string JsonContentType = "application/json; charset=utf-8";
    private const string ProblemContentType = "application/problem+json; charset=utf-8";

    // Quotes and apostrophes stay readable in err_msg, as Python's json module writes them; the body is never HTML.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes the error of <paramref name="exception"/> with its HTTP status.</summary>
    /// <param name="context">The request.</param>
    /// <param name="exception">The error.</param>
    public static Task WriteAsync(HttpContext context, GalaxyApiException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return WriteAsync(context, exception.Error, exception.Message, exception.ValidationErrors);
    }

    /// <summary>Writes an error body with the status of <paramref name="error"/>.</summary>
    /// <param name="context">The request.</param>
    /// <param name="error">The Galaxy error code.</param>
    /// <param name="message">The <c>err_msg</c>; the code's default message when null.</param>
    /// <param name="validationErrors">Written as <c>validation_errors</c> when not empty.</param>
    public static Task WriteAsync(HttpContext context, GalaxyErrorCode error, string? message = null, IReadOnlyList<ValidationError>? validationErrors = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(error);
        var problem = context.RequestServices?.GetService<ErrorFormat>()?.ProblemDetails == true;
        var body = Serialize(error, message ?? error.DefaultMessage, validationErrors ?? [], problem);
        var response = context.Response;
        response.StatusCode = error.Status;
        response.ContentType = problem ? ProblemContentType : JsonContentType;
        response.ContentLength = body.Length;
        response.Headers[HeaderNames.CacheControl] = "no-store";
        return response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }

    /// <summary>
    /// The Galaxy error for a response that ends with an error status and no body (a route that does not exist, a method
    /// or content type the route does not take): Galaxy's code for the status, else <c>status * 1000 + 1</c>.
    /// </summary>
    /// <param name="status">The HTTP status.</param>
    public static GalaxyErrorCode ForStatus(int status) => status switch
    {
        StatusCodes.Status400BadRequest => GalaxyErrorCodes.MalformedContents,
        StatusCodes.Status401Unauthorized => GalaxyErrorCodes.UserAuthenticationFailed,
        StatusCodes.Status403Forbidden => GalaxyErrorCodes.InsufficientPermissions,
        StatusCodes.Status404NotFound => GalaxyErrorCodes.UserObjectNotFound,
        StatusCodes.Status409Conflict => GalaxyErrorCodes.Conflict,
        StatusCodes.Status413PayloadTooLarge => GalaxyErrorCodes.RequestTooLarge,
        StatusCodes.Status415UnsupportedMediaType => GalaxyErrorCodes.UnsupportedMediaType,
        StatusCodes.Status500InternalServerError => GalaxyErrorCodes.InternalServerError,
        StatusCodes.Status501NotImplemented => GalaxyErrorCodes.NotImplemented,
        StatusCodes.Status503ServiceUnavailable => GalaxyErrorCodes.ServiceUnavailable,
        _ => new GalaxyErrorCode((status * 1000) + 1, status, ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase + "." : "Request failed."),
    };

    internal static byte[] Serialize(GalaxyErrorCode error, string message, IReadOnlyList<ValidationError> validationErrors, bool problemDetails = false)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            if (problemDetails)
            {
                writer.WriteString("type"u8, "about:blank");
                writer.WriteString("title"u8, ReasonPhrases.GetReasonPhrase(error.Status));
                writer.WriteNumber("status"u8, error.Status);
                writer.WriteString("detail"u8, message);
            }
            else
            {
                writer.WriteString("err_msg"u8, message);
            }

            writer.WriteNumber("err_code"u8, error.Code);
            if (validationErrors.Count > 0)
            {
                writer.WriteStartArray("validation_errors"u8);
                foreach (var failure in validationErrors)
                {
                    writer.WriteStartObject();
                    writer.WriteStartArray("loc"u8);
                    foreach (var segment in failure.Location)
                    {
                        if (segment is int index)
                        {
                            writer.WriteNumberValue(index);
                        }
                        else
                        {
                            writer.WriteStringValue(Convert.ToString(segment, System.Globalization.CultureInfo.InvariantCulture));
                        }
                    }

                    writer.WriteEndArray();
                    writer.WriteString("msg"u8, failure.Message);
                    writer.WriteString("type"u8, failure.Type);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}

/// <summary>The error format of the mapped API, set from its compile-time definition by <c>MapGalaxyApi</c>.</summary>
internal sealed class ErrorFormat
{
    public bool ProblemDetails { get; set; }
}
