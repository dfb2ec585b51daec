using System.ComponentModel;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Galaxy.Api.Toolkit.Validation;

/// <summary>
/// The checks generated validators call beyond the bounds they compare inline, each recording pydantic-style failures
/// (message and type) as Galaxy reports them. Every check returns at once, allocation-free, when the value is valid.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Checks
{
    /// <summary>A pattern the string must match.</summary>
    /// <param name="value">The value.</param>
    /// <param name="pattern">The compiled pattern (see <see cref="CompilePattern"/>).</param>
    /// <param name="documented">The pattern as the document states it, for the message.</param>
    /// <param name="context">Where failures go.</param>
    public static void Pattern(string? value, Regex pattern, string documented, ValidationContext context)
    {
        if (value is not null && !pattern.IsMatch(value))
        {
            context.Fail("String should match pattern '" + documented + "'", "string_pattern_mismatch");
        }
    }

    /// <summary>
    /// Compiles (once, to IL where the runtime can) a documented (JavaScript-dialect) pattern to match as JSON Schema does: with ECMAScript semantics when
    /// .NET supports the pattern so (<c>\d</c> is ASCII), and with the whole-value anchors <c>^(?:…)$</c> that the
    /// toolkit writes read as <c>\A(?:…)\z</c>, since a .NET <c>$</c> also matches before a final line feed.
    /// </summary>
    /// <param name="documented">The document's pattern.</param>
    public static Regex CompilePattern(string documented)
    {
        ArgumentNullException.ThrowIfNull(documented);
        var pattern = documented.StartsWith("^(?:", StringComparison.Ordinal) && documented.EndsWith(")$", StringComparison.Ordinal)
            ? @"\A" + documented[1..^1] + @"\z"
            : documented;
        try
        {
            return new Regex(pattern, RegexOptions.ECMAScript | RegexOptions.Compiled, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException)
        {
            return new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.Compiled, TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>The length of a string in Unicode code points, as JSON Schema counts it (a surrogate pair is one).</summary>
    /// <param name="value">The string.</param>
    public static int CodePoints(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var span = value.AsSpan();
        var first = span.IndexOfAnyInRange('\uD800', '\uDBFF');
        if (first < 0)
        {
            return value.Length;
        }

        var count = value.Length;
        for (var i = first; i < span.Length - 1; i++)
        {
            if (char.IsHighSurrogate(span[i]) && char.IsLowSurrogate(span[i + 1]))
            {
                count--;
                i++;
            }
        }

        return count;
    }

    /// <summary>An e-mail address as DataAnnotations' <c>[EmailAddress]</c> accepts one: one <c>@</c>, neither first nor last.</summary>
    public static void Email(string? value, ValidationContext context)
    {
        if (value is null)
        {
            return;
        }

        var at = value.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at == value.Length - 1 || value.IndexOf('@', at + 1) >= 0 || value.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            context.Fail("value is not a valid email address", "value_error");
        }
    }

    /// <summary>An absolute http, https or ftp URL, as DataAnnotations' <c>[Url]</c> accepts one.</summary>
    public static void Url(string? value, ValidationContext context)
    {
        if (value is not null
            && !(value.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("ftp://", StringComparison.OrdinalIgnoreCase)))
        {
            context.Fail("Input should be a valid URL", "url_parsing");
        }
    }

    /// <summary>Base64 text.</summary>
    public static void Base64(string? value, ValidationContext context)
    {
        if (value is not null && !System.Buffers.Text.Base64.IsValid(value))
        {
            context.Fail("Input should be valid base64", "value_error");
        }
    }

    /// <summary>One of the allowed values.</summary>
    public static void Allowed<T>(T value, T[] allowed, string expected, ValidationContext context)
    {
        if (value is not null && Array.IndexOf(allowed, value) < 0)
        {
            context.Fail("Input should be " + expected, "enum");
        }
    }

    /// <summary>The one valid value (<c>[Const]</c>, JSON Schema's <c>const</c>).</summary>
    public static void Const<T>(T value, T constant, string expected, ValidationContext context)
    {
        if (value is not null && !EqualityComparer<T>.Default.Equals(value, constant))
        {
            context.Fail("Input should be " + expected, "literal_error");
        }
    }

    /// <summary>None of the denied values.</summary>
    public static void Denied<T>(T value, T[] denied, ValidationContext context)
    {
        if (value is not null && Array.IndexOf(denied, value) >= 0)
        {
            context.Fail("Input should not be " + Convert.ToString(value, CultureInfo.InvariantCulture), "value_error");
        }
    }
}
