using System.ComponentModel;
using Microsoft.AspNetCore.Http;

namespace Galaxy.Api.Toolkit;

/// <summary>
/// Collects the validation failures of one request. Generated handlers create it only when the first failure occurs,
/// so a valid request allocates nothing here.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class RequestValidationErrors
{
    private readonly List<ValidationError> _errors = [];

    /// <summary>The failures collected so far.</summary>
    public IReadOnlyList<ValidationError> Errors => _errors;

    /// <summary>Adds a failure, creating the collection on the first one.</summary>
    /// <param name="errors">The collection of the request; null until the first failure.</param>
    /// <param name="error">The failure.</param>
    public static void Add(ref RequestValidationErrors? errors, ValidationError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        (errors ??= new RequestValidationErrors())._errors.Add(error);
    }

    /// <summary>Galaxy's code for these failures: 400007 when every one is a missing value, else 400008.</summary>
    public GalaxyErrorCode ErrorCode => _errors.TrueForAll(static e => e.IsMissing)
        ? GalaxyErrorCodes.UserRequestMissingParameter
        : GalaxyErrorCodes.UserRequestInvalidParameter;

    /// <summary>Galaxy's <c>err_msg</c>: one line <c>"&lt;msg&gt; in &lt;loc&gt;"</c> per failure.</summary>
    public string FormatMessage() => string.Join('\n', _errors.Select(static e => $"{e.Message} in {e.FormatLocation()}"));

    /// <summary>The failures as an exception, for code that reports them by throwing.</summary>
    public GalaxyApiException ToException() => new(ErrorCode, FormatMessage(), _errors.ToArray());

    /// <summary>Writes the 400 response.</summary>
    /// <param name="context">The request.</param>
    public Task WriteAsync(HttpContext context) => GalaxyErrorResponse.WriteAsync(context, ErrorCode, FormatMessage(), _errors);
}
