namespace Galaxy.Api.Toolkit;

/// <summary>One entry of Galaxy's error catalogue: the <c>err_code</c>, its HTTP status and its default message.</summary>
/// <param name="Code">The six-digit <c>err_code</c>; its first three digits are the HTTP status.</param>
/// <param name="Status">The HTTP status code of responses carrying this error.</param>
/// <param name="DefaultMessage">The <c>err_msg</c> used when no message is given.</param>
public sealed record GalaxyErrorCode(int Code, int Status, string DefaultMessage);

/// <summary>Galaxy's error codes (<c>lib/galaxy/exceptions/error_codes.json</c>) and the few the toolkit adds.</summary>
public static class GalaxyErrorCodes
{
    /// <summary>0: an error without a better code.</summary>
    public static readonly GalaxyErrorCode Unknown = new(0, 500, "Unknown error occurred while processing request.");

    /// <summary>400003: the body is not valid JSON.</summary>
    public static readonly GalaxyErrorCode UserInvalidJson = new(400003, 400, "Your request did not appear to be valid JSON, please consult the API documentation.");

    /// <summary>400004: an attribute value is invalid.</summary>
    public static readonly GalaxyErrorCode UserObjectAttributeInvalid = new(400004, 400, "Attempted to create or update object with invalid attribute value.");

    /// <summary>400005: a required attribute is missing.</summary>
    public static readonly GalaxyErrorCode UserObjectAttributeMissing = new(400005, 400, "Attempted to create or update object without required attribute.");

    /// <summary>400007: a required parameter is missing (every validation failure is a missing value).</summary>
    public static readonly GalaxyErrorCode UserRequestMissingParameter = new(400007, 400, "Request is missing parameter required to complete desired action.");

    /// <summary>400008: a parameter is invalid.</summary>
    public static readonly GalaxyErrorCode UserRequestInvalidParameter = new(400008, 400, "Request contained invalid parameter, action could not be completed.");

    /// <summary>400009: an encoded id does not decode.</summary>
    public static readonly GalaxyErrorCode MalformedId = new(400009, 400, "The id of the resource is malformed.");

    /// <summary>400013: the request contents are malformed.</summary>
    public static readonly GalaxyErrorCode MalformedContents = new(400013, 400, "The contents of the request are malformed.");

    /// <summary>401001: the credentials (API key) are invalid.</summary>
    public static readonly GalaxyErrorCode UserAuthenticationFailed = new(401001, 401, "Authentication failed, invalid credentials supplied.");

    /// <summary>403001: the operation needs a user and none is authenticated.</summary>
    public static readonly GalaxyErrorCode UserNoApiKey = new(403001, 403, "Authentication required for this request");

    /// <summary>403002: the user cannot access the item.</summary>
    public static readonly GalaxyErrorCode UserCannotAccessItem = new(403002, 403, "User cannot access specified item.");

    /// <summary>403003: the user does not own the item.</summary>
    public static readonly GalaxyErrorCode UserDoesNotOwnItem = new(403003, 403, "User does not own specified item.");

    /// <summary>403004: the server's configuration does not allow the operation.</summary>
    public static readonly GalaxyErrorCode ConfigDoesNotAllow = new(403004, 403, "The configuration of this Galaxy instance does not allow that operation");

    /// <summary>403005: the user lacks a permission.</summary>
    public static readonly GalaxyErrorCode InsufficientPermissions = new(403005, 403, "You don't have proper permissions to perform the requested operation");

    /// <summary>403006: the operation needs an admin.</summary>
    public static readonly GalaxyErrorCode AdminRequired = new(403006, 403, "Action requires admin account.");

    /// <summary>404001: the object does not exist.</summary>
    public static readonly GalaxyErrorCode UserObjectNotFound = new(404001, 404, "No such object found.");

    /// <summary>409001: a conflict in the database.</summary>
    public static readonly GalaxyErrorCode Conflict = new(409001, 409, "Database conflict prevented fulfilling the request.");

    /// <summary>410001: the call is deprecated and no longer available.</summary>
    public static readonly GalaxyErrorCode DeprecatedApiCall = new(410001, 410, "This API method or call signature has been deprecated and is no longer available");

    /// <summary>413001 (toolkit): the request body is larger than the configured limit.</summary>
    public static readonly GalaxyErrorCode RequestTooLarge = new(413001, 413, "The request body is larger than the server accepts.");

    /// <summary>415001 (toolkit): the request body's content type is not one the operation accepts.</summary>
    public static readonly GalaxyErrorCode UnsupportedMediaType = new(415001, 415, "The request's content type is not supported by this operation.");

    /// <summary>
    /// 504001 (toolkit): the request ran longer than <see cref="GalaxyApiLimits.RequestTimeout"/> and was cancelled. The
    /// legacy fallback answers the same code when the legacy side does not answer within its own timeout.
    /// </summary>
    public static readonly GalaxyErrorCode RequestTimedOut = new(504001, 504, "The request took longer than the server allows and was cancelled.");

    /// <summary>500001: an unexpected failure on the server.</summary>
    public static readonly GalaxyErrorCode InternalServerError = new(500001, 500, "Internal server error.");

    /// <summary>501001: the method is not implemented.</summary>
    public static readonly GalaxyErrorCode NotImplemented = new(501001, 501, "Method is not implemented.");

    /// <summary>
    /// 503001 (toolkit): the server cannot handle the request now but may shortly (its database is busy, locked by another
    /// writer); the client should try again. Nothing was changed.
    /// </summary>
    public static readonly GalaxyErrorCode ServiceUnavailable = new(503001, 503, "The server is busy; try again.");
}
