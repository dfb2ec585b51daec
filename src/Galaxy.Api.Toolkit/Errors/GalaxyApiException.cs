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
/// <param name="message">The <c>err_msg</c>; the code's default message when null.</param>
public sealed class ObjectNotFoundException(string? message = null)
    : GalaxyApiException(GalaxyErrorCodes.UserObjectNotFound, message);

/// <summary>400 / 400008: a parameter is invalid.</summary>
/// <param name="message">The <c>err_msg</c>; the code's default message when null.</param>
public sealed class RequestParameterInvalidException(string? message = null)
    : GalaxyApiException(GalaxyErrorCodes.UserRequestInvalidParameter, message);

/// <summary>400 / 400007: a parameter is missing.</summary>
/// <param name="message">The <c>err_msg</c>; the code's default message when null.</param>
public sealed class RequestParameterMissingException(string? message = null)
    : GalaxyApiException(GalaxyErrorCodes.UserRequestMissingParameter, message);

/// <summary>400 / 400009: an encoded id does not decode.</summary>
/// <param name="message">The <c>err_msg</c>; the code's default message when null.</param>
public sealed class MalformedIdException(string? message = null)
    : GalaxyApiException(GalaxyErrorCodes.MalformedId, message);

/// <summary>400 / 400013: the request's contents are malformed.</summary>
/// <param name="message">The <c>err_msg</c>; the code's default message when null.</param>
public sealed class MalformedContentsException(string? message = null)
    : GalaxyApiException(GalaxyErrorCodes.MalformedContents, message);

/// <summary>400 / 400004: an attribute value is invalid.</summary>
/// <param name="message">The <c>err_msg</c>; the code's default message when null.</param>
public sealed class ObjectAttributeInvalidException(string? message = null)
    : GalaxyApiException(GalaxyErrorCodes.UserObjectAttributeInvalid, message);

/// <summary>400 / 400005: a required attribute is missing.</summary>
/// <param name="message">The <c>err_msg</c>; the code's default message when null.</param>
public sealed class ObjectAttributeMissingException(string? message = null)
    : GalaxyApiException(GalaxyErrorCodes.UserObjectAttributeMissing, message);

/// <summary>401 / 401001: the credentials are invalid.</summary>
/// <param name="message">The <c>err_msg</c>; the code's default message when null.</param>
public sealed class AuthenticationFailedException(string? message = null)
    : GalaxyApiException(GalaxyErrorCodes.UserAuthenticationFailed, message);

/// <summary>403 / 403001: the operation needs a user and none is authenticated.</summary>
/// <param name="message">The <c>err_msg</c>; the code's default message when null.</param>
public sealed class AuthenticationRequiredException(string? message = null)
    : GalaxyApiException(GalaxyErrorCodes.UserNoApiKey, message);

/// <summary>403 / 403002: the user cannot access the item.</summary>
/// <param name="message">The <c>err_msg</c>; the code's default message when null.</param>
public sealed class ItemAccessibilityException(string? message = null)
    : GalaxyApiException(GalaxyErrorCodes.UserCannotAccessItem, message);

/// <summary>403 / 403003: the user does not own the item.</summary>
/// <param name="message">The <c>err_msg</c>; the code's default message when null.</param>
public sealed class ItemOwnershipException(string? message = null)
    : GalaxyApiException(GalaxyErrorCodes.UserDoesNotOwnItem, message);

/// <summary>403 / 403004: the server's configuration does not allow the operation.</summary>
/// <param name="message">The <c>err_msg</c>; the code's default message when null.</param>
public sealed class ConfigDoesNotAllowException(string? message = null)
    : GalaxyApiException(GalaxyErrorCodes.ConfigDoesNotAllow, message);

/// <summary>403 / 403005: the user lacks a permission.</summary>
/// <param name="message">The <c>err_msg</c>; the code's default message when null.</param>
public sealed class InsufficientPermissionsException(string? message = null)
    : GalaxyApiException(GalaxyErrorCodes.InsufficientPermissions, message);

/// <summary>403 / 403006: the operation needs an admin.</summary>
/// <param name="message">The <c>err_msg</c>; the code's default message when null.</param>
public sealed class AdminRequiredException(string? message = null)
    : GalaxyApiException(GalaxyErrorCodes.AdminRequired, message);

/// <summary>409 / 409001: a conflict prevented the change.</summary>
/// <param name="message">The <c>err_msg</c>; the code's default message when null.</param>
public sealed class ConflictException(string? message = null)
    : GalaxyApiException(GalaxyErrorCodes.Conflict, message);

/// <summary>410 / 410001: the call is no longer available.</summary>
/// <param name="message">The <c>err_msg</c>; the code's default message when null.</param>
public sealed class DeprecatedApiCallException(string? message = null)
    : GalaxyApiException(GalaxyErrorCodes.DeprecatedApiCall, message);

/// <summary>503 / 503001: the server cannot handle the request now (e.g. its database is busy); the client may try again.</summary>
/// <param name="message">The <c>err_msg</c>; the code's default message when null.</param>
public sealed class ServiceUnavailableException(string? message = null)
    : GalaxyApiException(GalaxyErrorCodes.ServiceUnavailable, message);

/// <summary>501 / 501001: the method is not implemented.</summary>
/// <param name="message">The <c>err_msg</c>; the code's default message when null.</param>
public sealed class MethodNotImplementedException(string? message = null)
    : GalaxyApiException(GalaxyErrorCodes.NotImplemented, message);
