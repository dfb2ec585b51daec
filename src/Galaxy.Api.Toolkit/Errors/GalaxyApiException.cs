namespace Galaxy.Api.Toolkit;

/// <summary>
/// An error with a Galaxy error code. Thrown from an operation (or any middleware after the toolkit's), it becomes a
/// response with the code's HTTP status and the body <c>{"err_msg": ..., "err_code": ...}</c>.
/// </summary>
public class GalaxyApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="error">The Galaxy error code.</param>
    /// <param name="message">The <c>err_msg</c>; the code's default message when null.</param>
    /// <param name="validationErrors">Structured validation failures written as <c>validation_errors</c>.</param>
    public GalaxyApiException(GalaxyErrorCode error, string? message = null, IReadOnlyList<ValidationError>? validationErrors = null)
        : base(message ?? (error ?? throw new ArgumentNullException(nameof(error))).DefaultMessage)
    {
        Error = error;
        ValidationErrors = validationErrors ?? [];
    }

    /// <summary>The Galaxy error code.</summary>
    public GalaxyErrorCode Error { get; }

    /// <summary>The validation failures, empty when the error is not about validation.</summary>
    public IReadOnlyList<ValidationError> ValidationErrors { get; }
}

/// <summary>404 / 404001: the requested object does not exist.</summary>
/// <param name="message">The <c>err_msg</c>.</param>
public sealed class ObjectNotFoundException(string? message = null)
    : GalaxyApiException(GalaxyErrorCodes.UserObjectNotFound, message);

/// <summary>400 / 400008: a parameter is invalid.</summary>
/// <param name="message">The <c>err_msg</c>.</param>
public sealed class RequestParameterInvalidException(string? message = null)
    : GalaxyApiException(GalaxyErrorCodes.UserRequestInvalidParameter, message);

/// <summary>400 / 400007: a parameter is missing.</summary>
/// <param name="message">The <c>err_msg</c>.</param>
public sealed class RequestParameterMissingException(string? message = null)
    : GalaxyApiException(GalaxyErrorCodes.UserRequestMissingParameter, message);
