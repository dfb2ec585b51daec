using System.ComponentModel;
using System.Globalization;

namespace Galaxy.Api.Toolkit.Binding;

/// <summary>The scalar types a route, query or header value can bind to.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public enum ScalarKind
{
    /// <summary><see cref="string"/>.</summary>
    String,
    /// <summary><see cref="bool"/>.</summary>
    Boolean,
    /// <summary><see cref="byte"/>.</summary>
    Byte,
    /// <summary><see cref="sbyte"/>.</summary>
    SByte,
    /// <summary><see cref="short"/>.</summary>
    Int16,
    /// <summary><see cref="ushort"/>.</summary>
    UInt16,
    /// <summary><see cref="int"/>.</summary>
    Int32,
    /// <summary><see cref="uint"/>.</summary>
    UInt32,
    /// <summary><see cref="long"/>.</summary>
    Int64,
    /// <summary><see cref="ulong"/>.</summary>
    UInt64,
    /// <summary><see cref="float"/>.</summary>
    Single,
    /// <summary><see cref="double"/>.</summary>
    Double,
    /// <summary><see cref="decimal"/>.</summary>
    Decimal,
    /// <summary><see cref="System.Guid"/>.</summary>
    Guid,
    /// <summary><see cref="System.DateTime"/>.</summary>
    DateTime,
    /// <summary><see cref="System.DateTimeOffset"/>.</summary>
    DateTimeOffset,
    /// <summary><see cref="System.DateOnly"/>.</summary>
    DateOnly,
}

/// <summary>
/// Culture-invariant parsers for route, query and header values; used by generated handlers. Booleans accept
/// <c>true/false</c>, <c>1/0</c>, <c>yes/no</c>, <c>on/off</c>, <c>t/f</c>, <c>y/n</c> in any case, as Galaxy's
/// clients send <c>True</c>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ScalarParser
{
    private const NumberStyles IntegerStyle = NumberStyles.AllowLeadingSign;
    private const NumberStyles FloatStyle = NumberStyles.Float;
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private static readonly string[] DateTimeFormats = ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK", "yyyy-MM-dd", "O"];

    /// <summary>Parses a boolean.</summary>
    public static bool TryParseBoolean(string value, out bool result)
    {
        switch (value.Length)
        {
            case 1:
                switch (value[0])
                {
                    case '1' or 't' or 'T' or 'y' or 'Y':
                        result = true;
                        return true;
                    case '0' or 'f' or 'F' or 'n' or 'N':
                        result = false;
                        return true;
                }

                break;
            default:
                if (value.Equals("true", StringComparison.OrdinalIgnoreCase) || value.Equals("yes", StringComparison.OrdinalIgnoreCase) || value.Equals("on", StringComparison.OrdinalIgnoreCase))
                {
                    result = true;
                    return true;
                }

                if (value.Equals("false", StringComparison.OrdinalIgnoreCase) || value.Equals("no", StringComparison.OrdinalIgnoreCase) || value.Equals("off", StringComparison.OrdinalIgnoreCase))
                {
                    result = false;
                    return true;
                }

                break;
        }

        result = false;
        return false;
    }

    /// <summary>Parses a <see cref="byte"/>.</summary>
    public static bool TryParseByte(string value, out byte result) => byte.TryParse(value, IntegerStyle, Invariant, out result);

    /// <summary>Parses an <see cref="sbyte"/>.</summary>
    public static bool TryParseSByte(string value, out sbyte result) => sbyte.TryParse(value, IntegerStyle, Invariant, out result);

    /// <summary>Parses a <see cref="short"/>.</summary>
    public static bool TryParseInt16(string value, out short result) => short.TryParse(value, IntegerStyle, Invariant, out result);

    /// <summary>Parses a <see cref="ushort"/>.</summary>
    public static bool TryParseUInt16(string value, out ushort result) => ushort.TryParse(value, IntegerStyle, Invariant, out result);

    /// <summary>Parses an <see cref="int"/>.</summary>
    public static bool TryParseInt32(string value, out int result) => int.TryParse(value, IntegerStyle, Invariant, out result);

    /// <summary>Parses a <see cref="uint"/>.</summary>
    public static bool TryParseUInt32(string value, out uint result) => uint.TryParse(value, IntegerStyle, Invariant, out result);

    /// <summary>Parses a <see cref="long"/>.</summary>
    public static bool TryParseInt64(string value, out long result) => long.TryParse(value, IntegerStyle, Invariant, out result);

    /// <summary>Parses a <see cref="ulong"/>.</summary>
    public static bool TryParseUInt64(string value, out ulong result) => ulong.TryParse(value, IntegerStyle, Invariant, out result);

    /// <summary>Parses a finite <see cref="float"/>.</summary>
    public static bool TryParseSingle(string value, out float result) => float.TryParse(value, FloatStyle, Invariant, out result) && float.IsFinite(result);

    /// <summary>Parses a finite <see cref="double"/>.</summary>
    public static bool TryParseDouble(string value, out double result) => double.TryParse(value, FloatStyle, Invariant, out result) && double.IsFinite(result);

    /// <summary>Parses a <see cref="decimal"/>.</summary>
    public static bool TryParseDecimal(string value, out decimal result) => decimal.TryParse(value, FloatStyle, Invariant, out result);

    /// <summary>Parses a <see cref="System.Guid"/> in any of its standard formats.</summary>
    public static bool TryParseGuid(string value, out Guid result) => Guid.TryParse(value, out result);

    /// <summary>Parses an ISO 8601 date and time; a value without zone stays <see cref="DateTimeKind.Unspecified"/>.</summary>
    public static bool TryParseDateTime(string value, out DateTime result)
        => DateTime.TryParseExact(value, DateTimeFormats, Invariant, DateTimeStyles.RoundtripKind, out result);

    /// <summary>Parses an ISO 8601 date and time with offset; a value without zone is taken as UTC.</summary>
    public static bool TryParseDateTimeOffset(string value, out DateTimeOffset result)
        => DateTimeOffset.TryParseExact(value, DateTimeFormats, Invariant, DateTimeStyles.AssumeUniversal, out result);

    /// <summary>Parses an ISO 8601 date (<c>yyyy-MM-dd</c>).</summary>
    public static bool TryParseDateOnly(string value, out DateOnly result)
        => DateOnly.TryParseExact(value, "yyyy-MM-dd", Invariant, DateTimeStyles.None, out result);
}
