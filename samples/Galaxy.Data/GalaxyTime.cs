using System.Globalization;

namespace Galaxy.Data;

/// <summary>
/// Galaxy's timestamps: UTC without a zone, to the microsecond (<c>2026-11-25T09:35:34.123456</c>). Stored in this fixed-width
/// form, so text order is time order in SQL.
/// </summary>
public static class GalaxyTime
{
    /// <summary>The format of every stored and served timestamp.</summary>
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss.ffffff";

    /// <summary>The current UTC time from <paramref name="clock"/>, cut to the microsecond, with an unspecified kind (no zone).</summary>
    public static DateTime Now(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return Truncate(clock.GetUtcNow().UtcDateTime);
    }

    /// <summary>Writes a timestamp in <see cref="Format"/>.</summary>
    public static string ToText(DateTime value) => value.ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>Reads a stored timestamp.</summary>
    public static DateTime Parse(string text)
        => DateTime.SpecifyKind(DateTime.ParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.None), DateTimeKind.Unspecified);

    /// <summary>
    /// Reads a timestamp a client sent in a filter (<c>2015-01-29</c>, <c>2015-01-29T10:00:00</c>, with fractions or a zone);
    /// a zone is converted to UTC.
    /// </summary>
    public static bool TryParseClientValue(string? text, out DateTime value)
    {
        if (!string.IsNullOrWhiteSpace(text)
            && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AllowWhiteSpaces, out var parsed))
        {
            value = Truncate(parsed);
            return true;
        }

        value = default;
        return false;
    }

    private static DateTime Truncate(DateTime value)
        => DateTime.SpecifyKind(new DateTime(value.Ticks - (value.Ticks % 10), DateTimeKind.Unspecified), DateTimeKind.Unspecified);
}
