using System.ComponentModel;
using System.Reflection;
using System.Text.Json.Serialization.Metadata;
using FluentValidation.Results;

namespace Galaxy.Api.Toolkit.Validation;

/// <summary>
/// Joins the failures of the user's FluentValidation validators to a request's validation errors: the CLR property
/// path (<c>Address.Zip</c>, <c>Tags[2]</c>) becomes the JSON location (<c>["body", "address", "zip"]</c>) through the
/// API's contract, and the validator's error code becomes the failure type (<c>NotEmptyValidator</c> → <c>not_empty</c>).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class UserValidation
{
    /// <summary>Adds the result's failures to <paramref name="errors"/>.</summary>
    /// <param name="errors">The request's errors.</param>
    /// <param name="result">The validator's result.</param>
    /// <param name="source">The first location segment.</param>
    /// <param name="typeInfo">The contract of the validated type.</param>
    public static void Add(ref RequestValidationErrors? errors, ValidationResult result, string source, JsonTypeInfo typeInfo)
    {
        ArgumentNullException.ThrowIfNull(result);
        foreach (var failure in result.Errors)
        {
            RequestValidationErrors.Add(ref errors, new ValidationError(Locate(source, failure.PropertyName, typeInfo), failure.ErrorMessage, TypeOf(failure.ErrorCode)));
        }
    }

    internal static IReadOnlyList<object> Locate(string source, string? path, JsonTypeInfo typeInfo)
    {
        var location = new List<object> { source };
        JsonTypeInfo? current = typeInfo;
        foreach (var segment in (path ?? string.Empty).Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var bracket = segment.IndexOf('[', StringComparison.Ordinal);
            var name = bracket < 0 ? segment : segment[..bracket];
            var property = current?.Properties.FirstOrDefault(p => p.AttributeProvider is MemberInfo member && member.Name == name);
            location.Add(property?.Name ?? name);
            current = property is null ? null : current!.Options.GetTypeInfo(property.PropertyType);
            for (var rest = bracket < 0 ? string.Empty : segment[bracket..]; rest.StartsWith('[');)
            {
                var end = rest.IndexOf(']', StringComparison.Ordinal);
                if (end < 0)
                {
                    break;
                }

                var key = rest[1..end];
                location.Add(int.TryParse(key, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index) ? index : key);
                current = current?.ElementType is { } element ? current.Options.GetTypeInfo(element) : null;
                rest = rest[(end + 1)..];
            }
        }

        return location;
    }

    /// <summary><c>NotEmptyValidator</c> → <c>not_empty</c>; a custom code stays as it is.</summary>
    internal static string TypeOf(string? errorCode)
    {
        if (string.IsNullOrEmpty(errorCode))
        {
            return "value_error";
        }

        var code = errorCode.EndsWith("Validator", StringComparison.Ordinal) ? errorCode[..^"Validator".Length] : errorCode;
        return System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(code);
    }
}
