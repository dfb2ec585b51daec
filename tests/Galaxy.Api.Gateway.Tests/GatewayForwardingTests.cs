using System.Text.Json.Nodes;
using Galaxy.Api.Toolkit.Ids;
using Microsoft.Extensions.DependencyInjection;

namespace Galaxy.Api.Gateway.Tests;

/// <summary>
/// Requests through the gateway: ported operations answered by our code, requests to Galaxy's other operations checked
/// against Galaxy's own schemas (a refused one never reaches Galaxy), valid ones forwarded to the Galaxy server.
/// </summary>
public sealed class GatewayForwardingTests
{
    /// <summary>Requests to operations the gateway does not port, each against Galaxy's schema, with the failure Galaxy's schema gives.</summary>
    public static TheoryData<string, string, string?, string, string> Refused => new()
    {
        // A JSON body of the wrong type: CreatePagePayload.title is a string, slug must match ^[a-z0-9\-]+$.
        { "POST", "api/pages", """{"title": 5, "slug": "my-page"}""", "body.title", "string_type" },
        { "POST", "api/pages", """{"title": "My page", "slug": "Not A Slug!"}""", "body.slug", "string_pattern_mismatch" },
        { "POST", "api/pages", """{"title": "My page", "slug": "my-page", "content_format": "latex"}""", "body.content_format", "enum" },
        // A query parameter of the wrong type, and one out of Galaxy's range.
        { "GET", "api/histories/0123456789abcdef/contents?limit=ten", null, "query.limit", "int_parsing" },
        { "GET", "api/histories/0123456789abcdef/contents?offset=-1", null, "query.offset", "greater_than_equal" },
        { "GET", "api/histories/0123456789abcdef/contents?deleted=maybe", null, "query.deleted", "bool_parsing" },
        // A path parameter that is not an encoded id (too short; not hexadecimal), and a run-as header that is not one either.
        { "GET", "api/histories/not-an-id/contents", null, "path.history_id", "string_too_short" },
        { "GET", "api/histories/zzzzzzzzzzzzzzzz/contents", null, "path.history_id", "string_pattern_mismatch" },
        { "GET", "api/histories/0123456789abcdef/contents", null, "header.run-as", "string_too_short" },
        { "DELETE", "api/histories/0123456789abcdef?purge=sometimes", null, "query.purge", "bool_parsing" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_request_that_violates_Galaxy_s_schema_gets_Galaxy_s_400_and_is_not_forwarded(string method, string url, string? json, string location, string type)
    {
        await using var gateway = await Gateway.StartAsync();

        var (status, body) = await gateway.SendAsync(new HttpMethod(method), url, json, runAs: location == "header.run-as" ? "abc" : null);

        Assert.Equal(400, status);
        Assert.Equal(400008, (int)body!["err_code"]!);
        var errors = body["validation_errors"]!.AsArray();
        Assert.Contains(errors, e => string.Join('.', e!["loc"]!.AsArray().Select(static l => l!.ToString())) == location && (string?)e["type"] == type);
        Assert.Empty(gateway.Galaxy.Received);
    }

    [Fact]
    public async Task A_body_without_Galaxy_s_required_members_is_400007_and_not_forwarded()
    {
        await using var gateway = await Gateway.StartAsync();

        var (status, body) = await gateway.SendAsync(HttpMethod.Post, "api/pages", "{}");

        Assert.Equal(400, status);
        Assert.Equal(400007, (int)body!["err_code"]!);
        Assert.Equal(["body.slug missing", "body.title missing"], body["validation_errors"]!.AsArray()
            .Select(static e => string.Join('.', e!["loc"]!.AsArray().Select(static l => l!.ToString())) + " " + (string?)e["type"]).Order(StringComparer.Ordinal));
        Assert.Empty(gateway.Galaxy.Received);
    }

    [Fact]
    public async Task Valid_requests_to_unported_operations_are_answered_by_Galaxy()
    {
        await using var gateway = await Gateway.StartAsync();

        // Not in Galaxy's document (a route Galaxy serves outside FastAPI): forwarded as it is.
        var tools = await gateway.SendAsync(HttpMethod.Get, "api/tools?in_panel=false");
        // Galaxy documents a form for POST /api/histories: a JSON body is not checked, and Galaxy accepts it.
        var created = await gateway.SendAsync(HttpMethod.Post, "api/histories", """{"name": "Made by Galaxy"}""");
        var historyId = (string)created.Body!["id"]!;
        // Checked against Galaxy's parameters (an encoded id, integers, booleans), then forwarded.
        var contents = await gateway.SendAsync(HttpMethod.Get, $"api/histories/{historyId}/contents?limit=10&offset=0&deleted=false&v=dev");
        // A valid page passes Galaxy's schema and reaches the server, which has no pages: its 404, in Galaxy's format.
        var page = await gateway.SendAsync(HttpMethod.Post, "api/pages", """{"title": "My page", "slug": "my-page", "content_format": "markdown"}""");

        Assert.Equal(200, tools.Status);
        Assert.Contains(tools.Body!.AsArray(), static t => t!["id"] is not null);
        Assert.Equal(200, created.Status);
        Assert.Equal("Made by Galaxy", (string?)created.Body["name"]);
        Assert.Equal(200, contents.Status);
        Assert.Empty(contents.Body!.AsArray());
        Assert.Equal(404, page.Status);
        Assert.NotNull(page.Body!["err_code"]);
        Assert.Equal(
            ["GET /api/tools", "POST /api/histories", $"GET /api/histories/{historyId}/contents", "POST /api/pages"],
            gateway.Galaxy.Received);
    }

    [Fact]
    public async Task Ported_operations_are_answered_by_our_code_and_never_reach_Galaxy()
    {
        await using var gateway = await Gateway.StartAsync();
        var ids = gateway.Services.GetRequiredService<GalaxyIdEncoder>();

        var version = await gateway.SendAsync(HttpMethod.Get, "api/version", key: null);
        var history = await gateway.SendAsync(HttpMethod.Get, $"api/histories/{ids.Encode(Gateway.ModernHistoryId)}");
        // A history only Galaxy has: the ported operation answers for the whole route, so ours says it does not know it.
        var created = await gateway.SendAsync(HttpMethod.Post, "api/histories", """{"name": "Made by Galaxy"}""");
        var unknown = await gateway.SendAsync(HttpMethod.Get, $"api/histories/{(string)created.Body!["id"]!}");
        // Our binding checks the encoded id as Galaxy's schema does.
        var badId = await gateway.SendAsync(HttpMethod.Get, "api/histories/xyz");

        Assert.Equal(200, version.Status);
        Assert.Equal(ConfigurationApi.ModernVersion, (string?)version.Body!["version_major"]);
        Assert.Equal(200, history.Status);
        Assert.Equal("Ported history", (string?)history.Body!["name"]);
        Assert.Equal("History", (string?)history.Body["model_class"]);
        Assert.Equal(ids.Encode(Gateway.ModernHistoryId), (string?)history.Body["id"]);
        Assert.Equal(404, unknown.Status);
        Assert.Equal(400, badId.Status);
        Assert.Equal(["POST /api/histories"], gateway.Galaxy.Received);
    }
}
