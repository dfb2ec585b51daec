using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Galaxy.Api.Toolkit;

/// <summary>
/// The member's only valid value, as JSON Schema's <c>const</c> (Galaxy's <c>model_class: "History"</c>): the document
/// states it as <c>const</c> and the generated validator refuses any other value in a request. A null value passes
/// (nullability is the type's: <c>string?</c> also allows null).
/// </summary>
/// <param name="value">The constant: a string, a boolean or a number.</param>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter, AllowMultiple = false, Inherited = true)]
public sealed class ConstAttribute(object value) : ValidationAttribute
{
    /// <summary>The constant.</summary>
    public object Value { get; } = value;

    /// <inheritdoc/>
    public override bool IsValid(object? value) => value is null || Equals(value, Value)
        || (value is IConvertible && Value is IConvertible && !(value is string) && !(Value is string)
            && string.Equals(Convert.ToString(value, CultureInfo.InvariantCulture), Convert.ToString(Value, CultureInfo.InvariantCulture), StringComparison.Ordinal));

    /// <inheritdoc/>
    public override string FormatErrorMessage(string name) => string.Create(CultureInfo.InvariantCulture, $"{name} should be {Value}");
}
