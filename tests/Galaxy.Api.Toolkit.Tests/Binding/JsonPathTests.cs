using Galaxy.Api.Toolkit.Binding;

namespace Galaxy.Api.Toolkit.Tests.Binding;

public sealed class JsonPathTests
{
    [Theory]
    [InlineData(null, "[\"body\"]")]
    [InlineData("$", "[\"body\"]")]
    [InlineData("$.name", "[\"body\",\"name\"]")]
    [InlineData("$.tags[2]", "[\"body\",\"tags\",2]")]
    [InlineData("$.a.b[0].c", "[\"body\",\"a\",\"b\",0,\"c\"]")]
    [InlineData("$['odd.key']", "[\"body\",\"odd.key\"]")]
    public void Paths_become_locations(string? path, string expected)
        => Assert.Equal(expected, System.Text.Json.JsonSerializer.Serialize(JsonPath.ToLocation("body", path)));

    [Theory]
    [InlineData("application/json", true)]
    [InlineData("application/json; charset=utf-8", true)]
    [InlineData("Application/JSON", true)]
    [InlineData("application/problem+json", true)]
    [InlineData("text/json", true)]
    [InlineData(null, true)]
    [InlineData("", true)]
    [InlineData("text/plain", false)]
    [InlineData("application/x-www-form-urlencoded", false)]
    [InlineData("application/jsonx", false)]
    public void Json_content_types(string? contentType, bool expected)
        => Assert.Equal(expected, JsonBody.IsJsonContentType(contentType));
}
