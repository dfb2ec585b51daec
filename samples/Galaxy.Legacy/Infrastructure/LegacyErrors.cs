using System.Globalization;
using System.Text;

namespace Galaxy.Legacy.Infrastructure;

/// <summary>One of Galaxy's error codes with its HTTP status and default message.</summary>
/// <param name="Code">The <c>err_code</c>.</param>
/// <param name="Status">The HTTP status.</param>
/// <param name="Message">Galaxy's default message.</param>
internal sealed record LegacyErrorCode(int Code, int Status, string Message)
{
    public static readonly LegacyErrorCode InvalidJson = new(400003, 400, "Your request did not appear to be valid JSON, please consult the API documentation.");
    public static readonly LegacyErrorCode RequestMissingParameter = new(400007, 400, "Request is missing parameter required to complete desired action.");
    public static readonly LegacyErrorCode RequestInvalidParameter = new(400008, 400, "Request contained invalid parameter, action could not be completed.");
    public static readonly LegacyErrorCode MalformedId = new(400009, 400, "The id of the resource is malformed.");
    public static readonly LegacyErrorCode MalformedContents = new(400013, 400, "The contents of the request are malformed.");
    public static readonly LegacyErrorCode AuthenticationFailed = new(401001, 401, "Authentication failed, invalid credentials supplied.");
    public static readonly LegacyErrorCode NoApiKey = new(403001, 403, "Authentication required for this request");
    public static readonly LegacyErrorCode CannotAccessItem = new(403002, 403, "User cannot access specified item.");
    public static readonly LegacyErrorCode DoesNotOwnItem = new(403003, 403, "User does not own specified item.");
    public static readonly LegacyErrorCode InsufficientPermissions = new(403005, 403, "You don't have proper permissions to perform the requested operation");
    public static readonly LegacyErrorCode ObjectNotFound = new(404001, 404, "No such object found.");
    public static readonly LegacyErrorCode MethodNotAllowed = new(405001, 405, "Method not allowed.");
    public static readonly LegacyErrorCode BodyTooLarge = new(413001, 413, "The request body is too large.");
    public static readonly LegacyErrorCode InternalServerError = new(500001, 500, "Internal server error.");
    public static readonly LegacyErrorCode ServiceUnavailable = new(503001, 503, "The database is busy; try again.");
}

/// <summary>A request validation failure, as in Galaxy's <c>validation_errors</c>.</summary>
/// <param name="Location">Where: <c>path</c>, <c>query</c> or <c>body</c>, then names or indices.</param>
/// <param name="Message">What is wrong.</param>
/// <param name="Type">The kind (<c>missing</c>, <c>string_type</c>, <c>bool_parsing</c>...).</param>
internal sealed record LegacyValidationError(IReadOnlyList<object> Location, string Message, string Type)
{
    /// <summary>The location as Galaxy prints it: a Python tuple such as <c>('body', 'name')</c>.</summary>
    public string FormatLocation()
    {
        var text = new StringBuilder("(");
        for (var i = 0; i < Location.Count; i++)
        {
            text.Append(i == 0 ? string.Empty : ", ");
            text.Append(Location[i] is int index ? index.ToString(CultureInfo.InvariantCulture) : "'" + Location[i] + "'");
        }

        return text.Append(Location.Count == 1 ? ",)" : ")").ToString();
    }
}

/// <summary>An error the client gets as <c>{"err_msg": ..., "err_code": ...}</c> with the code's status.</summary>
internal sealed class LegacyApiException : Exception
{
    public LegacyApiException()
        : this(LegacyErrorCode.InternalServerError)
    {
    }

    public LegacyApiException(string message)
        : this(LegacyErrorCode.InternalServerError, message)
    {
    }

    public LegacyApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Error = LegacyErrorCode.InternalServerError;
        ValidationErrors = [];
    }

    public LegacyApiException(LegacyErrorCode error, string? message = null, IReadOnlyList<LegacyValidationError>? validationErrors = null)
        : base(message ?? error.Message)
    {
        Error = error;
        ValidationErrors = validationErrors ?? [];
    }

    public LegacyErrorCode Error { get; }

    public IReadOnlyList<LegacyValidationError> ValidationErrors { get; }

    /// <summary>A 400 for request validation failures: 400007 when all are missing values, else 400008; one line per failure.</summary>
    public static LegacyApiException Validation(params LegacyValidationError[] errors)
    {
        var code = errors.All(static e => e.Type == "missing") ? LegacyErrorCode.RequestMissingParameter : LegacyErrorCode.RequestInvalidParameter;
        return new LegacyApiException(code, string.Join('\n', errors.Select(static e => $"{e.Message} in {e.FormatLocation()}")), errors);
    }

    /// <summary>400008 for an invalid parameter, without a location.</summary>
    public static LegacyApiException InvalidParameter(string message) => new(LegacyErrorCode.RequestInvalidParameter, message);

    /// <summary>404001.</summary>
    public static LegacyApiException NotFound(string message) => new(LegacyErrorCode.ObjectNotFound, message);
}
