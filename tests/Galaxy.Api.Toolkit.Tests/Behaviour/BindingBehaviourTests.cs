using System.Net;
using System.Text;
using System.Text.Json;

namespace Galaxy.Api.Toolkit.Tests.Behaviour;

/// <summary>Generated handlers over real HTTP: each source and type, valid and invalid.</summary>
public sealed class BindingBehaviourTests(BehaviourHost host) : IClassFixture<BehaviourHost>
{
    [Theory]
    [InlineData("/behaviour/route/int/42", "number", "42")]
    [InlineData("/behaviour/route/int/-7", "number", "-7")]
    [InlineData("/behaviour/route/long/9007199254740993", "number", "9007199254740993")]
    [InlineData("/behaviour/route/enum/dark_grey", "shade", "\"dark_grey\"")]
    [InlineData("/behaviour/query?text=hi&number=5&flag=True&shade=dark_grey", "number", "5")]
    [InlineData("/behaviour/query?text=hi", "flag", "false")]
    [InlineData("/behaviour/query?text=hi", "shade", "\"light\"")]
    [InlineData("/behaviour/query?text=a&text=last", "text", "\"last\"")]
    [InlineData("/behaviour/query?text=hi&flag=1", "flag", "true")]
    [InlineData("/behaviour/query?text=hi&flag=off", "flag", "false")]
    public async Task Valid_values_bind(string path, string property, string expected)
    {
        var (status, body) = await GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(expected, body.GetProperty(property).GetRawText());
    }

    [Theory]
    [InlineData("/behaviour/route/int/4x2", "path", "value", "int_parsing")]
    [InlineData("/behaviour/route/int/99999999999", "path", "value", "int_parsing")]
    [InlineData("/behaviour/route/enum/purple", "path", "value", "enum")]
    [InlineData("/behaviour/route/enum/1", "path", "value", "enum")]
    [InlineData("/behaviour/query?text=hi&number=many", "query", "number", "int_parsing")]
    [InlineData("/behaviour/query?text=hi&flag=perhaps", "query", "flag", "bool_parsing")]
    [InlineData("/behaviour/query?text=hi&shade=blue", "query", "shade", "enum")]
    public async Task Invalid_values_are_400008_at_their_location(string path, string source, string name, string type)
    {
        var (status, body) = await GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(400008, body.GetProperty("err_code").GetInt32());
        var failure = Assert.Single(body.GetProperty("validation_errors").EnumerateArray());
        Assert.Equal(JsonSerializer.Serialize(new[] { source, name }), failure.GetProperty("loc").GetRawText());
        Assert.Equal(type, failure.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Enum_error_lists_the_allowed_names()
    {
        var (_, body) = await GetAsync("/behaviour/query?text=x&shade=blue");

        Assert.Equal("Input should be 'light' or 'dark_grey'", body.GetProperty("validation_errors")[0].GetProperty("msg").GetString());
    }

    [Fact]
    public async Task Missing_required_query_value_is_400007()
    {
        var (status, body) = await GetAsync("/behaviour/query");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(400007, body.GetProperty("err_code").GetInt32());
        Assert.Equal("Field required in ('query', 'text')", body.GetProperty("err_msg").GetString());
    }

    [Fact]
    public async Task Missing_and_invalid_together_is_400008()
    {
        var (_, body) = await GetAsync("/behaviour/query?number=x");

        Assert.Equal(400008, body.GetProperty("err_code").GetInt32());
        Assert.Equal(2, body.GetProperty("validation_errors").GetArrayLength());
    }

    [Fact]
    public async Task Header_values_bind_and_are_validated()
    {
        using var valid = new HttpRequestMessage(HttpMethod.Get, "/behaviour/header");
        valid.Headers.Add("x-number", "12");
        using var ok = await host.Client.SendAsync(valid, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);

        using var invalid = new HttpRequestMessage(HttpMethod.Get, "/behaviour/header");
        invalid.Headers.Add("x-number", "twelve");
        using var bad = await host.Client.SendAsync(invalid, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("\"loc\":[\"header\",\"x-number\"]", await bad.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Body_round_trips_with_snake_case_names_and_defaults()
    {
        var (status, body) = await PostAsync("/behaviour/body", """{"title": "t", "tags": ["a", "b"]}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""{"title":"t","count":1,"tags":["a","b"]}""", body.GetRawText());
    }

    [Theory]
    [InlineData("""{"count": 2}""", 400007, "missing")]
    [InlineData("""{"title": null}""", 400008, "none_not_allowed")]
    public async Task Body_missing_a_required_member_or_null_for_a_non_nullable_one_is_400_at_the_member(string json, int code, string type)
    {
        var (status, body) = await PostAsync("/behaviour/body", json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(code, body.GetProperty("err_code").GetInt32());
        var failure = Assert.Single(body.GetProperty("validation_errors").EnumerateArray());
        Assert.Equal("""["body","title"]""", failure.GetProperty("loc").GetRawText());
        Assert.Equal(type, failure.GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("", "none")]
    [InlineData("null", "none")]
    [InlineData("""{"title": "given"}""", "given")]
    public async Task Optional_body_may_be_absent(string json, string expected)
    {
        var (status, body) = await PostAsync("/behaviour/optional-body", json);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(expected, body.GetString());
    }

    [Fact]
    public async Task Oversized_body_is_413_in_Galaxy_s_format()
    {
        var (status, body) = await PostAsync("/behaviour/body", "{\"title\": \"" + new string('x', 5 * 1024 * 1024) + "\"}");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal(413001, body.GetProperty("err_code").GetInt32());
    }

    [Fact]
    public async Task Void_operation_answers_200_with_null()
    {
        using var response = await host.Client.DeleteAsync("/behaviour/nothing", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("null", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Unhandled_exception_is_500001_without_details()
    {
        var (status, body) = await GetAsync("/behaviour/throws");

        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.Equal("""{"err_msg":"Internal server error.","err_code":500001}""", body.GetRawText());
    }

    [Fact]
    public async Task Galaxy_exception_becomes_its_status_and_code()
    {
        var (status, body) = await GetAsync("/behaviour/galaxy-error");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("""{"err_msg":"Action requires admin account.","err_code":403006}""", body.GetRawText());
    }

    [Fact]
    public async Task Router_is_created_per_request_with_scoped_services()
    {
        var (_, first) = await GetAsync("/scoped/next");
        var (_, second) = await GetAsync("/scoped/next");

        Assert.Equal(1, first.GetInt32());
        Assert.Equal(1, second.GetInt32());
    }

    [Fact]
    public async Task Wrong_method_is_405_in_Galaxy_s_format()
    {
        using var response = await host.Client.PutAsync("/behaviour/query", new StringContent("{}", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(405001, body.RootElement.GetProperty("err_code").GetInt32());
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(string path)
    {
        using var response = await host.Client.GetAsync(path, TestContext.Current.CancellationToken);
        return (response.StatusCode, await ReadAsync(response));
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string path, string json)
    {
        using var response = await host.Client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        return (response.StatusCode, await ReadAsync(response));
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
