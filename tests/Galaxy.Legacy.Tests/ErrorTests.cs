namespace Galaxy.Legacy.Tests;

/// <summary>Galaxy's error bodies and codes beyond the client suite (<see cref="Galaxy.Samples.Tests.ClientCompatibilitySuite"/>); bad input is always a 4xx, never a 500.</summary>
public sealed class ErrorTests(LegacyFixture fixture) : IClassFixture<LegacyFixture>
{
    private HttpClient Client => fixture.Server.Client;

    [Fact]
    public async Task A_body_that_is_not_an_object_is_400008()
        => (await Client.SendAsync(HttpMethod.Post, "/api/histories", "[1, 2]")).AssertGalaxyError(400, 400008);

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
