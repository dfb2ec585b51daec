using System.ComponentModel;

namespace Galaxy.Api.Toolkit.Binding;

/// <summary>The validation failures of route, query and header values; messages and types follow pydantic's, as Galaxy reports them.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ParameterErrors
{
    /// <summary>A required value is absent.</summary>
    /// <param name="source">Where the value comes from: <c>path</c>, <c>query</c>, <c>header</c>, <c>body</c>.</param>
    /// <param name="name">The parameter name.</param>
    public static ValidationError Missing(string source, string name) => new([source, name], "Field required", ValidationError.MissingType);

    /// <summary>A required request body is absent (empty, blank or <c>null</c>).</summary>
    public static ValidationError MissingBody() => new(["body"], "Field required", ValidationError.MissingType);

    /// <summary>A value does not parse as <paramref name="kind"/>.</summary>
    /// <param name="kind">The expected type.</param>
    /// <param name="source">Where the value comes from.</param>
    /// <param name="name">The parameter name.</param>
    /// <param name="index">For an item of a collection: its position.</param>
    public static ValidationError Invalid(ScalarKind kind, string source, string name, int? index = null)
    {
        var (message, type) = Describe(kind);
        return new(Location(source, name, index), message, type);
    }

    /// <summary>A value is not one of an enumeration's names.</summary>
    /// <param name="source">Where the value comes from.</param>
    /// <param name="name">The parameter name.</param>
    /// <param name="expected">The allowed values as pydantic lists them: <c>'a', 'b' or 'c'</c>.</param>
    /// <param name="index">For an item of a collection: its position.</param>
    public static ValidationError InvalidEnum(string source, string name, string expected, int? index = null)
        => new(Location(source, name, index), "Input should be " + expected, "enum");

    /// <summary>A value is not an encoded id (a multiple of 16 hexadecimal characters).</summary>
    /// <param name="source">Where the value comes from.</param>
    /// <param name="name">The parameter name.</param>
    /// <param name="index">For an item of a collection: its position.</param>
    public static ValidationError InvalidId(string source, string name, int? index = null)
        => new(Location(source, name, index), "Invalid id: expected hexadecimal characters, a multiple of 16 of them", "value_error");

    private static object[] Location(string source, string name, int? index)
        => index is { } i ? [source, name, i] : [source, name];

    private static (string Message, string Type) Describe(ScalarKind kind) => kind switch
    {
        ScalarKind.Boolean => ("Input should be a valid boolean, unable to interpret input", "bool_parsing"),
        ScalarKind.Byte => IntegerRange(byte.MinValue, byte.MaxValue),
        ScalarKind.SByte => IntegerRange(sbyte.MinValue, sbyte.MaxValue),
        ScalarKind.Int16 => IntegerRange(short.MinValue, short.MaxValue),
        ScalarKind.UInt16 => IntegerRange(ushort.MinValue, ushort.MaxValue),
        ScalarKind.Int32 => IntegerRange(int.MinValue, int.MaxValue),
        ScalarKind.UInt32 => IntegerRange(uint.MinValue, uint.MaxValue),
        ScalarKind.Int64 => IntegerRange(long.MinValue, long.MaxValue),
        ScalarKind.UInt64 => IntegerRange(ulong.MinValue, ulong.MaxValue),
        ScalarKind.Single or ScalarKind.Double or ScalarKind.Decimal => ("Input should be a valid number, unable to parse string as a number", "float_parsing"),
        ScalarKind.Guid => ("Input should be a valid UUID", "uuid_parsing"),
        ScalarKind.DateTime or ScalarKind.DateTimeOffset => ("Input should be a valid datetime in ISO 8601 format", "datetime_parsing"),
        ScalarKind.DateOnly => ("Input should be a valid date in the format YYYY-MM-DD", "date_parsing"),
        _ => ("Input should be a valid string", "string_type"),
    };

    private static (string, string) IntegerRange(decimal min, decimal max)
        => (string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Input should be a valid integer between {min} and {max}"), "int_parsing");
}
