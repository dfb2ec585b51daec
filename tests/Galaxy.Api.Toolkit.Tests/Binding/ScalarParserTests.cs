using Galaxy.Api.Toolkit.Binding;

namespace Galaxy.Api.Toolkit.Tests.Binding;

public sealed class ScalarParserTests
{
    [Theory]
    [InlineData("true", true)]
    [InlineData("True", true)]
    [InlineData("TRUE", true)]
    [InlineData("1", true)]
    [InlineData("yes", true)]
    [InlineData("on", true)]
    [InlineData("t", true)]
    [InlineData("y", true)]
    [InlineData("false", false)]
    [InlineData("False", false)]
    [InlineData("0", false)]
    [InlineData("no", false)]
    [InlineData("off", false)]
    [InlineData("f", false)]
    [InlineData("n", false)]
    public void Booleans_accept_Galaxy_s_spellings(string text, bool expected)
    {
        Assert.True(ScalarParser.TryParseBoolean(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("2")]
    [InlineData("truth")]
    [InlineData(" true")]
    public void Other_booleans_fail(string text) => Assert.False(ScalarParser.TryParseBoolean(text, out _));

    [Theory]
    [InlineData("12", true)]
    [InlineData("-12", true)]
    [InlineData("+12", true)]
    [InlineData("1,000", false)]
    [InlineData("1e3", false)]
    [InlineData("0x10", false)]
    [InlineData(" 12", false)]
    [InlineData("2147483648", false)]
    public void Integers_are_plain_invariant_digits(string text, bool valid)
        => Assert.Equal(valid, ScalarParser.TryParseInt32(text, out _));

    [Fact]
    public void Numbers_ignore_the_current_culture()
    {
        var previous = Thread.CurrentThread.CurrentCulture;
        try
        {
            Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            Assert.True(ScalarParser.TryParseDouble("1.5", out var value));
            Assert.Equal(1.5, value);
            Assert.False(ScalarParser.TryParseDouble("NaN", out _));
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = previous;
        }
    }

    [Theory]
    [InlineData("2026-11-25T09:35:34.123456", true)]
    [InlineData("2026-11-25T09:35:34", true)]
    [InlineData("2026-11-25T09:35:34Z", true)]
    [InlineData("2026-11-25", true)]
    [InlineData("25/11/2026", false)]
    [InlineData("yesterday", false)]
    public void Date_times_are_ISO_8601(string text, bool valid)
        => Assert.Equal(valid, ScalarParser.TryParseDateTime(text, out _));

    [Fact]
    public void Date_time_without_zone_stays_unspecified()
    {
        Assert.True(ScalarParser.TryParseDateTime("2026-11-25T09:35:34.123456", out var value));
        Assert.Equal(DateTimeKind.Unspecified, value.Kind);
        Assert.Equal(new DateTime(2026, 11, 25, 9, 35, 34, DateTimeKind.Unspecified).AddTicks(1234560), value);
    }
}
