using Galaxy.Api.Toolkit.Validation;

namespace Galaxy.Api.Toolkit.Tests.Validation;

public sealed class ChecksTests
{
    [Theory]
    [InlineData("^(?:[a-z]+)$", "abc", true)]
    [InlineData("^(?:[a-z]+)$", "abc\n", false)]
    [InlineData("^(?:[0-9]+)$", "١٢٣", false)]
    [InlineData("^(?:\\d+)$", "١٢٣", false)]
    [InlineData("^(?:\\d+)$", "123", true)]
    [InlineData("b", "abc", true)]
    [InlineData("(?<=a)b", "ab", true)]
    public void Patterns_match_as_JSON_Schema_does(string documented, string value, bool matches)
        => Assert.Equal(matches, Checks.CompilePattern(documented).IsMatch(value));

    [Theory]
    [InlineData("", 0)]
    [InlineData("abc", 3)]
    [InlineData("😀", 1)]
    [InlineData("a😀b😀", 4)]
    public void Lengths_count_code_points(string value, int expected) => Assert.Equal(expected, Checks.CodePoints(value));

    [Fact]
    public void A_lone_surrogate_counts_as_one()
    {
        Assert.Equal(1, Checks.CodePoints(new string('\ud800', 1)));
        Assert.Equal(2, Checks.CodePoints(new string(['\ud800', 'x'])));
        Assert.Equal(2, Checks.CodePoints(new string(['\udc00', '\ud800'])));
    }
}
