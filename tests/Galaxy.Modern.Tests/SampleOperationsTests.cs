using System.Text.Json;

namespace Galaxy.Modern.Tests;

/// <summary>The sample's operations over real HTTP, as Galaxy's clients call them.</summary>
public sealed class SampleOperationsTests(ModernHost host) : IClassFixture<ModernHost>
{
    private HttpClient Client => host.Client;

    [Fact]
    public async Task Version_answers_Galaxy_s_shape()
    {
        var (response, body) = await Client.SendAsync(HttpMethod.Get, "/api/version");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("""{"version_major":"23.1","version_minor":"1"}""", body.GetRawText());
    }

    [Fact]
    public async Task Created_history_is_shown_and_listed()
    {
        var (created, history) = await Client.SendAsync(HttpMethod.Post, "/api/histories", """{"name": "Sample history"}""");
        Assert.Equal(200, (int)created.StatusCode);
        Assert.Equal("Sample history", history.GetProperty("name").GetString());
        Assert.Equal("History", history.GetProperty("model_class").GetString());
        Assert.Equal("new", history.GetProperty("state").GetString());
        var id = history.GetProperty("id").GetString()!;

        var (shown, same) = await Client.SendAsync(HttpMethod.Get, $"/api/histories/{id}");
        Assert.Equal(200, (int)shown.StatusCode);
        Assert.Equal(history.GetRawText(), same.GetRawText());

        var (listed, list) = await Client.SendAsync(HttpMethod.Get, "/api/histories?limit=100");
        Assert.Equal(200, (int)listed.StatusCode);
        Assert.Contains(list.EnumerateArray(), h => h.GetProperty("id").GetString() == id);
    }

    [Fact]
    public async Task Create_without_name_uses_Galaxy_s_default()
    {
        var (response, history) = await Client.SendAsync(HttpMethod.Post, "/api/histories", "{}");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("Unnamed history", history.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Times_are_ISO_8601_without_zone_to_the_microsecond()
    {
        var (_, history) = await Client.SendAsync(HttpMethod.Post, "/api/histories", """{"name": "t"}""");

        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,6})?$", history.GetProperty("create_time").GetString()!);
    }

    [Fact]
    public async Task Trailing_slash_answers_like_the_route()
    {
        var (response, _) = await Client.SendAsync(HttpMethod.Get, "/api/version/");

        Assert.Equal(200, (int)response.StatusCode);
    }

    [Fact]
    public async Task Unknown_history_is_404001()
        => (await Client.SendAsync(HttpMethod.Get, "/api/histories/" + new Galaxy.Api.Toolkit.Ids.GalaxyIdEncoder(Galaxy.Api.Toolkit.Ids.GalaxyIdEncoder.DefaultSecret).Encode(987_654_321)))
            .AssertGalaxyError(404, 404001);

    [Fact]
    public async Task Id_that_does_not_decode_is_400009()
        => (await Client.SendAsync(HttpMethod.Get, "/api/histories/ffffffffffffffff")).AssertGalaxyError(400, 400009);

    [Theory]
    [InlineData("/api/histories?limit=ten", "limit", "int_parsing")]
    [InlineData("/api/histories?offset=1.5", "offset", "int_parsing")]
    [InlineData("/api/histories?deleted=maybe", "deleted", "bool_parsing")]
    public async Task Unparsable_query_value_is_400008_with_its_location(string path, string name, string type)
    {
        var body = (await Client.SendAsync(HttpMethod.Get, path)).AssertGalaxyError(400, 400008);

        var failure = Assert.Single(body.GetProperty("validation_errors").EnumerateArray());
        Assert.Equal(["query", name], failure.GetProperty("loc").EnumerateArray().Select(static s => s.GetString()!));
        Assert.Equal(type, failure.GetProperty("type").GetString());
        Assert.Contains($"in ('query', '{name}')", body.GetProperty("err_msg").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_bad_query_value_is_reported_not_just_the_first()
    {
        var body = (await Client.SendAsync(HttpMethod.Get, "/api/histories?limit=x&offset=y&deleted=z")).AssertGalaxyError(400, 400008);

        Assert.Equal(3, body.GetProperty("validation_errors").GetArrayLength());
        Assert.Equal(3, body.GetProperty("err_msg").GetString()!.Split('\n').Length);
    }

    [Fact]
    public async Task Galaxy_s_True_is_a_boolean()
    {
        var (response, _) = await Client.SendAsync(HttpMethod.Get, "/api/histories?deleted=True");

        Assert.Equal(200, (int)response.StatusCode);
    }

    [Theory]
    [InlineData("{bad")]
    [InlineData("""{"name": "x" """)]
    [InlineData("""{"name": "x"} trailing""")]
    [InlineData("[1, 2,]")]
    public async Task Malformed_json_body_is_400003(string json)
        => (await Client.SendAsync(HttpMethod.Post, "/api/histories", json)).AssertGalaxyError(400, 400003);

    [Fact]
    public async Task Body_of_the_wrong_shape_is_400008_at_the_field()
    {
        var body = (await Client.SendAsync(HttpMethod.Post, "/api/histories", """{"name": 42}""")).AssertGalaxyError(400, 400008);

        var failure = Assert.Single(body.GetProperty("validation_errors").EnumerateArray());
        Assert.Equal("""["body","name"]""", failure.GetProperty("loc").GetRawText());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("null")]
    public async Task Create_without_a_body_makes_an_unnamed_history_as_Galaxy_does(string json)
    {
        var (response, history) = await Client.SendAsync(HttpMethod.Post, "/api/histories", json);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("Unnamed history", history.GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("null")]
    public async Task Update_without_a_body_is_400007(string json)
    {
        var (_, history) = await Client.SendAsync(HttpMethod.Post, "/api/histories", """{"name": "to update"}""");
        var body = (await Client.SendAsync(HttpMethod.Put, "/api/histories/" + history.GetProperty("id").GetString(), json)).AssertGalaxyError(400, 400007);

        Assert.Equal("""["body"]""", body.GetProperty("validation_errors")[0].GetProperty("loc").GetRawText());
    }

    [Fact]
    public async Task Non_json_content_type_is_415_in_Galaxy_s_format()
        => (await Client.SendAsync(HttpMethod.Post, "/api/histories", "name=x", "text/plain")).AssertGalaxyError(415, 415001);

    [Fact]
    public async Task Unknown_route_is_404_in_Galaxy_s_format()
        => (await Client.SendAsync(HttpMethod.Get, "/api/nothing-here")).AssertGalaxyError(404, 404001);

    [Fact]
    public async Task Serialized_keys_are_exactly_the_documented_properties()
    {
        var (_, history) = await Client.SendAsync(HttpMethod.Post, "/api/histories", """{"name": "keys"}""");
        using var document = JsonDocument.Parse(await Client.GetStringAsync("/api/openapi.json", TestContext.Current.CancellationToken));
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");

        // Galaxy's views decide the keys (GALAXY-API.md); each is documented or allowed (OpenAPI 3.1 allows undeclared members unless additionalProperties is false), and
        // every documented required member is there.
        AssertViewKeys(schemas.GetProperty("HistoryDetailed"), Galaxy.Data.GalaxyViews.HistoryDetailed, history);

        var (_, list) = await Client.SendAsync(HttpMethod.Get, "/api/histories");
        AssertViewKeys(schemas.GetProperty("HistorySummary"), Galaxy.Data.GalaxyViews.HistorySummary, list.EnumerateArray().First());

        static void AssertViewKeys(JsonElement schema, IReadOnlyList<string> view, JsonElement value)
        {
            var keys = value.EnumerateObject().Select(static p => p.Name).ToHashSet(StringComparer.Ordinal);
            Assert.Equal(view.Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));
            var documented = schema.GetProperty("properties").EnumerateObject().Select(static p => p.Name).ToHashSet(StringComparer.Ordinal);
            if (schema.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind == JsonValueKind.False)
            {
                Assert.Subset(documented, keys);
            }

            var required = schema.TryGetProperty("required", out var names) ? names.EnumerateArray().Select(static n => n.GetString()!) : [];
            Assert.Subset(keys, required.Where(name => view.Contains(name)).ToHashSet(StringComparer.Ordinal));
        }
    }
}

/// <summary>Who may call the sample's operations.</summary>
public sealed class SampleAuthenticationTests(ModernHost host) : IClassFixture<ModernHost>
{
    [Fact]
    public async Task Version_is_public()
    {
        var (response, _) = await host.Anonymous.SendAsync(HttpMethod.Get, "/api/version");

        Assert.Equal(200, (int)response.StatusCode);
    }

    [Fact]
    public async Task Histories_need_a_user()
        => (await host.Anonymous.SendAsync(HttpMethod.Get, "/api/histories")).AssertGalaxyError(403, 403001);

    [Fact]
    public async Task A_bad_key_is_401001()
        => (await host.Anonymous.SendAsync(HttpMethod.Get, "/api/histories?key=wrong")).AssertGalaxyError(401, 401001);

    [Fact]
    public async Task The_key_works_in_the_query_too()
    {
        var (response, _) = await host.Anonymous.SendAsync(HttpMethod.Get, "/api/histories?key=" + ModernHost.AdminApiKey);

        Assert.Equal(200, (int)response.StatusCode);
    }
}
