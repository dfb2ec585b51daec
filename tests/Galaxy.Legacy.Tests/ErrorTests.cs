using Galaxy.Api.Toolkit.Ids;
using Galaxy.Data;

namespace Galaxy.Legacy.Tests;

/// <summary>Galaxy's error bodies and codes; bad input is always a 4xx, never a 500.</summary>
public sealed class ErrorTests(LegacyFixture fixture) : IClassFixture<LegacyFixture>
{
    private static readonly GalaxyIdEncoder Ids = new(GalaxyIdEncoder.DefaultSecret);

    private HttpClient Client => fixture.Server.Client;

    public static TheoryData<string, string> ProtectedRoutes => new()
    {
        { "GET", "/api/histories" },
        { "POST", "/api/histories" },
        { "GET", "/api/histories/f2db41e1fa331b3e" },
        { "PUT", "/api/histories/f2db41e1fa331b3e" },
        { "DELETE", "/api/histories/f2db41e1fa331b3e" },
        { "GET", "/api/histories/f2db41e1fa331b3e/contents" },
        { "GET", "/api/users/current" },
        { "GET", "/api/datasets/f2db41e1fa331b3e" },
        { "GET", "/api/tools?in_panel=False" },
        { "POST", "/api/tools" },
    };

    [Theory]
    [MemberData(nameof(ProtectedRoutes))]
    public async Task Missing_key_is_403001(string method, string path)
        => (await fixture.Server.Anonymous.SendAsync(new HttpMethod(method), path, "{}")).AssertGalaxyError(403, 403001);

    [Theory]
    [MemberData(nameof(ProtectedRoutes))]
    public async Task Bad_key_in_the_header_is_401001(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("x-api-key", "not-a-key");

        var body = (await fixture.Server.Anonymous.ExchangeAsync(request)).AssertGalaxyError(401, 401001);

        Assert.Equal("Provided API key is not valid.", body.Text("err_msg"));
    }

    [Fact]
    public async Task Bad_key_in_the_query_is_401001_on_public_routes_too()
        => (await fixture.Server.Anonymous.SendAsync(HttpMethod.Get, "/api/version?key=not-a-key")).AssertGalaxyError(401, 401001);

    [Fact]
    public async Task The_key_query_parameter_authenticates()
    {
        var (response, user) = await fixture.Server.Anonymous.SendAsync(HttpMethod.Get, "/api/users/current?key=" + LegacyServer.AdminApiKey);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("admin", user.Text("username"));
    }

    [Fact]
    public async Task Unknown_history_is_404001()
        => (await Client.SendAsync(HttpMethod.Get, "/api/histories/" + Ids.Encode(987654))).AssertGalaxyError(404, 404001);

    [Theory]
    [InlineData("GET", "/api/histories/{0}")]
    [InlineData("PUT", "/api/histories/{0}")]
    [InlineData("DELETE", "/api/histories/{0}")]
    [InlineData("GET", "/api/histories/{0}/contents")]
    [InlineData("GET", "/api/datasets/{0}")]
    [InlineData("GET", "/api/users/{0}")]
    public async Task An_id_that_does_not_decode_is_400009(string method, string template)
    {
        var body = (await Client.SendAsync(new HttpMethod(method), string.Format(System.Globalization.CultureInfo.InvariantCulture, template, "ffffffffffffffff"), "{}"))
            .AssertGalaxyError(400, 400009);

        Assert.Equal("Wrong/Malformed id ( ffffffffffffffff ) specified, unable to decode.", body.Text("err_msg"));
    }

    [Theory]
    [InlineData("not-an-id")]
    [InlineData("f2db41e1fa331b3")]
    [InlineData("zzzzzzzzzzzzzzzz")]
    public async Task An_id_of_the_wrong_format_is_400008_at_its_location(string id)
    {
        var body = (await Client.SendAsync(HttpMethod.Get, "/api/histories/" + id)).AssertGalaxyError(400, 400008);

        var failure = Assert.Single(body.GetProperty("validation_errors").EnumerateArray());
        Assert.Equal(["path", "history_id"], failure.GetProperty("loc").EnumerateArray().Select(static l => l.GetString()!));
    }

    [Fact]
    public async Task Malformed_JSON_is_400003()
        => (await Client.SendAsync(HttpMethod.Post, "/api/histories", "{\"name\": ")).AssertGalaxyError(400, 400003);

    [Theory]
    [InlineData("""{"name": 5}""", "name", "string_type")]
    [InlineData("""{"name": "x", "published": "maybe"}""", "published", "bool_type")]
    [InlineData("""{"tags": "one"}""", "tags", "list_type")]
    public async Task A_member_of_the_wrong_type_is_400008_with_validation_errors(string json, string member, string type)
    {
        var history = await Client.OkAsync(HttpMethod.Post, "/api/histories", """{"name": "typed"}""");

        var body = (await Client.SendAsync(HttpMethod.Put, "/api/histories/" + history.Text("id"), json)).AssertGalaxyError(400, 400008);

        var failure = Assert.Single(body.GetProperty("validation_errors").EnumerateArray());
        Assert.Equal(["body", member], failure.GetProperty("loc").EnumerateArray().Select(static l => l.GetString()!));
        Assert.Equal(type, failure.Text("type"));
        Assert.EndsWith($"in ('body', '{member}')", body.Text("err_msg"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_without_a_body_is_400007()
    {
        var history = await Client.OkAsync(HttpMethod.Post, "/api/histories", "{}");

        (await Client.SendAsync(HttpMethod.Put, "/api/histories/" + history.Text("id"))).AssertGalaxyError(400, 400007);
    }

    [Fact]
    public async Task A_body_that_is_not_an_object_is_400008()
        => (await Client.SendAsync(HttpMethod.Post, "/api/histories", "[1, 2]")).AssertGalaxyError(400, 400008);

    [Theory]
    [InlineData("/api/histories?q=deleted")]
    [InlineData("/api/histories?q=colour&qv=red")]
    [InlineData("/api/histories?q=name-near&qv=x")]
    [InlineData("/api/histories?q=deleted&qv=maybe")]
    [InlineData("/api/histories?q=update_time-gt&qv=yesterday")]
    [InlineData("/api/histories?order=colour-dsc")]
    [InlineData("/api/histories?limit=0")]
    [InlineData("/api/histories?limit=ten")]
    [InlineData("/api/histories?offset=-1")]
    [InlineData("/api/histories?deleted=perhaps")]
    [InlineData("/api/histories?view=everything")]
    [InlineData("/api/histories?keys=id,colour")]
    [InlineData("/api/histories/f2db41e1fa331b3e/contents?q=state&qv=sleeping")]
    [InlineData("/api/datasets/f2db41e1fa331b3e?hda_ldda=neither")]
    [InlineData("/api/tools?in_panel=sometimes")]
    public async Task Invalid_query_parameters_are_400008(string path)
        => (await Client.SendAsync(HttpMethod.Get, path)).AssertGalaxyError(400, 400008);

    [Fact]
    public async Task Another_user_s_private_history_is_403002_to_show_and_403003_to_change()
    {
        var ct = TestContext.Current.CancellationToken;
        var users = fixture.Server.Service<UserRepository>();
        var other = await users.CreateAsync("other-" + Guid.NewGuid().ToString("N")[..8], Guid.NewGuid().ToString("N") + "@example.org", cancellationToken: ct);
        var key = await users.CreateApiKeyAsync(other.Id, ct);
        var adminHistory = await Client.OkAsync(HttpMethod.Post, "/api/histories", """{"name": "private"}""");
        using var otherClient = new HttpClient { BaseAddress = fixture.Server.Address };
        otherClient.DefaultRequestHeaders.Add("x-api-key", key);
        var path = "/api/histories/" + adminHistory.Text("id");

        (await otherClient.SendAsync(HttpMethod.Get, path)).AssertGalaxyError(403, 403002);
        (await otherClient.SendAsync(HttpMethod.Put, path, """{"name": "mine"}""")).AssertGalaxyError(403, 403003);
        (await otherClient.SendAsync(HttpMethod.Delete, path, "{}")).AssertGalaxyError(403, 403003);
        (await otherClient.SendAsync(HttpMethod.Get, "/api/users/f2db41e1fa331b3e")).AssertGalaxyError(403, 403005);
        var own = await otherClient.OkAsync(HttpMethod.Get, "/api/users/current");
        Assert.False(own.GetProperty("is_admin").GetBoolean());
        Assert.Empty(await otherClient.OkAsync(HttpMethod.Get, "/api/histories") is var list ? list.EnumerateArray() : default);

        await Client.OkAsync(HttpMethod.Put, path, """{"importable": true}""");
        Assert.Equal("private", (await otherClient.OkAsync(HttpMethod.Get, path)).Text("name"));
    }

    [Fact]
    public async Task Unknown_route_is_404001_and_a_wrong_method_405001()
    {
        (await Client.SendAsync(HttpMethod.Get, "/api/nothing/here")).AssertGalaxyError(404, 404001);
        (await Client.SendAsync(HttpMethod.Patch, "/api/histories", "{}")).AssertGalaxyError(405, 405001);
    }

    [Fact]
    public async Task Running_an_unknown_tool_is_404001_and_missing_members_400007()
    {
        var history = await Client.OkAsync(HttpMethod.Post, "/api/histories", "{}");

        (await Client.SendAsync(HttpMethod.Post, "/api/tools", $$"""{"tool_id": "nope", "history_id": "{{history.Text("id")}}"}""")).AssertGalaxyError(404, 404001);
        var missing = (await Client.SendAsync(HttpMethod.Post, "/api/tools", "{}")).AssertGalaxyError(400, 400007);
        Assert.Equal(2, missing.GetProperty("validation_errors").GetArrayLength());
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413001()
    {
        var json = "{\"name\": \"" + new string('x', 5 * 1024 * 1024) + "\"}";

        (await Client.SendAsync(HttpMethod.Post, "/api/histories", json)).AssertGalaxyError(413, 413001);
    }
}
