using System.Globalization;
using System.Text.Json;

namespace Galaxy.Data;

/// <summary>One invalid member of a request body, as Galaxy reports it in <c>validation_errors</c>.</summary>
/// <param name="Location">Where: <c>body</c>, then names or indices.</param>
/// <param name="Message">What is wrong.</param>
/// <param name="Type">The kind (<c>string_type</c>, <c>bool_type</c>, <c>string_too_long</c>...).</param>
public sealed record FieldError(IReadOnlyList<object> Location, string Message, string Type);

/// <summary>A request body with invalid members; each host answers it with its 400 (code 400008).</summary>
public sealed class GalaxyFieldException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GalaxyFieldException()
        : this([])
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public GalaxyFieldException(string message)
        : base(message) => Errors = [];

    /// <summary>Creates the exception with a message and a cause.</summary>
    public GalaxyFieldException(string message, Exception innerException)
        : base(message, innerException) => Errors = [];

    /// <summary>Creates the exception for <paramref name="errors"/>.</summary>
    public GalaxyFieldException(IReadOnlyList<FieldError> errors)
        : base(string.Join("\n", errors.Select(static e => e.Message))) => Errors = errors;

    /// <summary>The invalid members.</summary>
    public IReadOnlyList<FieldError> Errors { get; }
}

/// <summary>
/// Reads the optional members of a request body as Galaxy's deserializers do (absent is "unchanged", types strict), for
/// both hosts: an invalid member throws <see cref="GalaxyFieldException"/> with its location.
/// </summary>
public static class JsonFields
{
    /// <summary>The most characters of a history name.</summary>
    public const int MaxNameLength = 255;

    /// <summary>Galaxy's message for a string that is not valid Unicode.</summary>
    public const string NotUnicodeMessage = "Input should be a valid string, unable to parse raw data as a unicode string";

    /// <summary>
    /// The text of a JSON string, or null when it is not valid Unicode: invalid UTF-8 bytes or an unpaired surrogate
    /// escape (<c>"\ud800"</c>), which <see cref="JsonElement.GetString"/> refuses with an exception.
    /// </summary>
    public static string? TryGetString(JsonElement value)
    {
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>A string member: absent is unset, null is allowed when <paramref name="nullable"/>.</summary>
    public static Change<string?> OptionalString(JsonElement body, string name, bool nullable, int maxLength = int.MaxValue)
    {
        if (!body.TryGetProperty(name, out var value))
        {
            return default;
        }

        if (value.ValueKind == JsonValueKind.Null && nullable)
        {
            return Change<string?>.To(null);
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw Invalid(name, "Input should be a valid string", "string_type");
        }

        var text = TryGetString(value) ?? throw Invalid(name, NotUnicodeMessage, "string_unicode");
        return text.Length > maxLength
            ? throw Invalid(name, $"String should have at most {maxLength.ToString(CultureInfo.InvariantCulture)} characters", "string_too_long")
            : Change<string?>.To(text);
    }

    /// <summary>A boolean member (JSON <c>true</c>/<c>false</c> only, as Galaxy's deserializers); absent is unset.</summary>
    public static Change<bool> OptionalBool(JsonElement body, string name)
    {
        if (!body.TryGetProperty(name, out var value))
        {
            return default;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => Change<bool>.To(true),
            JsonValueKind.False => Change<bool>.To(false),
            _ => throw Invalid(name, "Input should be a valid boolean", "bool_type"),
        };
    }

    /// <summary>A list of non-empty strings (trimmed, duplicates dropped); absent is unset.</summary>
    public static Change<IReadOnlyList<string>> OptionalStringList(JsonElement body, string name)
    {
        if (!body.TryGetProperty(name, out var value))
        {
            return default;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Invalid(name, "Input should be a valid list", "list_type");
        }

        var items = new List<string>();
        var failures = new List<FieldError>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String && TryGetString(item) is null)
            {
                failures.Add(new FieldError(["body", name, index], NotUnicodeMessage, "string_unicode"));
            }
            else if (item.ValueKind == JsonValueKind.String && item.GetString()!.Trim() is { Length: > 0 } tag)
            {
                items.Add(tag);
            }
            else
            {
                failures.Add(new FieldError(["body", name, index], "Input should be a non-empty string", "string_type"));
            }

            index++;
        }

        return failures.Count > 0 ? throw new GalaxyFieldException(failures) : Change<IReadOnlyList<string>>.To(items.Distinct(StringComparer.Ordinal).ToList());
    }

    /// <summary>The body of <c>PUT /api/histories/{history_id}</c> as a change: the editable fields it names.</summary>
    /// <param name="body">The body (an object).</param>
    public static HistoryUpdate ReadHistoryUpdate(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw new GalaxyFieldException([new FieldError(["body"], "Input should be a valid dictionary or object to extract fields from", "model_attributes_type")]);
        }

        var name = OptionalString(body, "name", nullable: false, MaxNameLength);
        return new HistoryUpdate
        {
            Name = name.IsSet ? Change<string>.To(name.Value!) : default,
            Annotation = OptionalString(body, "annotation", nullable: true),
            Tags = OptionalStringList(body, "tags"),
            Published = OptionalBool(body, "published"),
            Importable = OptionalBool(body, "importable"),
            Deleted = OptionalBool(body, "deleted"),
            Purged = OptionalBool(body, "purged"),
            GenomeBuild = OptionalString(body, "genome_build", nullable: true),
        };
    }

    private static GalaxyFieldException Invalid(string name, string message, string type) => new([new FieldError(["body", name], message, type)]);
}
