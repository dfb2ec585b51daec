using System.Text.Json.Nodes;

namespace Galaxy.Api.Toolkit.Migration.Tests.Catalog;

/// <summary>Requests to legacy routes validated against the manifest's schemas (NJsonSchema) before they are forwarded.</summary>
public sealed class LegacyValidationTests
{
    private static string[] Locations(JsonNode body) => [.. body["validation_errors"]!.AsArray().Select(static e => string.Join('.', e!["loc"]!.AsArray().Select(static l => l!.ToString())))];

    private static string[] Types(JsonNode body) => [.. body["validation_errors"]!.AsArray().Select(static e => (string)e!["type"]!)];

    [Fact]
    public async Task Bad_query_parameters_get_Galaxys_400_and_never_reach_the_legacy_side()
    {
        var (host, legacy) = await CatalogHost.StartAsync();
        await using var _host = host;

        var notInteger = await host.Client.SendAsync(HttpMethod.Get, "api/tools?limit=ten");
        var tooSmall = await host.Client.SendAsync(HttpMethod.Get, "api/tools?limit=0");
        var notBoolean = await host.Client.SendAsync(HttpMethod.Get, "api/tools?in_panel=maybe");
        var badItem = await host.Client.SendAsync(HttpMethod.Get, "api/tools?tool_ids=1,x,3");

        Assert.Equal(400, notInteger.Status);
        Assert.Equal(400008, (int)notInteger.Body!["err_code"]!);
        Assert.Equal(["query.limit"], Locations(notInteger.Body));
        Assert.Equal(["int_parsing"], Types(notInteger.Body));
        Assert.Contains("in ('query', 'limit')", (string?)notInteger.Body["err_msg"], StringComparison.Ordinal);
        Assert.Equal(["greater_than_equal"], Types(tooSmall.Body!));
        Assert.Contains("greater than or equal to 1", (string?)tooSmall.Body!["err_msg"], StringComparison.Ordinal);
        Assert.Equal(["bool_parsing"], Types(notBoolean.Body!));
        Assert.Equal(["query.tool_ids.1"], Locations(badItem.Body!));
        Assert.Equal(0, legacy.Served);
    }

    [Fact]
    public async Task Valid_requests_are_forwarded_with_their_body_intact()
    {
        var (host, legacy) = await CatalogHost.StartAsync();
        await using var _host = host;
        const string Payload = "{\"inputs\": {\"input1\": {\"src\": \"hda\", \"id\": \"f2db41e1fa331b3e\"}}, \"history_id\": \"f2db41e1fa331b3e\", \"tags\": [\"a\"]}";

        var query = await host.Client.SendAsync(HttpMethod.Get, "api/tools?in_panel=False&limit=5&tool_ids=1,2");
        var run = await host.Client.SendAsync(HttpMethod.Post, "api/tools/cat1/run", Payload);

        Assert.Equal(200, query.Status);
        Assert.Equal(200, run.Status);
        Assert.Equal("legacy", (string?)run.Body!["served_by"]);
        Assert.Equal(Payload, (string?)run.Body["body"]);
        Assert.Equal(2, legacy.Served);
    }

    [Fact]
    public async Task Bad_bodies_get_Galaxys_400_with_locations()
    {
        var (host, legacy) = await CatalogHost.StartAsync();
        await using var _host = host;

        var missing = await host.Client.SendAsync(HttpMethod.Post, "api/tools/cat1/run", "{}");
        var invalid = await host.Client.SendAsync(HttpMethod.Post, "api/tools/cat1/run", "{\"inputs\": 3, \"history_id\": \"short\", \"tags\": [\"far-too-long\"]}");
        var notJson = await host.Client.SendAsync(HttpMethod.Post, "api/tools/cat1/run", "{\"inputs\": ");
        var noBody = await host.Client.SendAsync(HttpMethod.Post, "api/tools/cat1/run");
        var shortPath = await host.Client.SendAsync(HttpMethod.Post, "api/tools/c/run", "{\"inputs\": {}}");

        Assert.Equal(400, missing.Status);
        Assert.Equal(400007, (int)missing.Body!["err_code"]!);
        Assert.Equal(["body.inputs"], Locations(missing.Body));
        Assert.Equal(["missing"], Types(missing.Body));

        Assert.Equal(400008, (int)invalid.Body!["err_code"]!);
        Assert.Equal(["body.history_id", "body.inputs", "body.tags.0"], Locations(invalid.Body).Order(StringComparer.Ordinal));
        Assert.Contains("dict_type", Types(invalid.Body));
        Assert.Contains("string_too_short", Types(invalid.Body));
        Assert.Contains("string_too_long", Types(invalid.Body));

        Assert.Equal(400, notJson.Status);
        Assert.Equal(400003, (int)notJson.Body!["err_code"]!);
        Assert.Equal(400007, (int)noBody.Body!["err_code"]!);
        Assert.Equal(["body"], Locations(noBody.Body));
        Assert.Equal(["path.tool_id"], Locations(shortPath.Body!));
        Assert.Equal(0, legacy.Served);
    }

    [Fact]
    public async Task Other_media_types_and_unlisted_routes_are_forwarded_unchecked()
    {
        var (host, legacy) = await CatalogHost.StartAsync();
        await using var _host = host;

        var form = await host.Client.SendAsync(HttpMethod.Post, "api/tools/cat1/run", "inputs=3", "application/x-www-form-urlencoded");
        var unlisted = await host.Client.SendAsync(HttpMethod.Get, "api/tools/cat1/versions?limit=ten");

        Assert.Equal(200, form.Status);
        Assert.Equal("inputs=3", (string?)form.Body!["body"]);
        Assert.Equal(200, unlisted.Status);
        Assert.Equal(2, legacy.Served);
    }

    [Fact]
    public async Task Validation_can_be_turned_off_per_operation_or_for_all()
    {
        var (perOperation, legacy) = await CatalogHost.StartAsync(o =>
        {
            o.SkipValidation.Add("index_tools");
            o.SkipValidation.Add("POST /api/tools/{tool_id}/run");
        });
        await using var _perOperation = perOperation;
        var (off, offLegacy) = await CatalogHost.StartAsync(o => o.ValidateRequests = false);
        await using var _off = off;

        Assert.Equal(200, (await perOperation.Client.SendAsync(HttpMethod.Get, "api/tools?limit=ten")).Status);
        Assert.Equal(200, (await perOperation.Client.SendAsync(HttpMethod.Post, "api/tools/cat1/run", "{}")).Status);
        Assert.Equal(200, (await off.Client.SendAsync(HttpMethod.Get, "api/tools?limit=ten")).Status);
        Assert.Equal(2, legacy.Served);
        Assert.Equal(1, offLegacy.Served);
    }

    [Fact]
    public async Task Authentication_comes_first_on_operations_the_manifest_says_need_a_key()
    {
        // GET /api/jobs/{job_id} needs a key; GET /api/tools is public. Both have a validated integer query parameter.
        var manifest = Path.Combine(Path.GetTempPath(), $"legacy-secured-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(manifest, """
            {
              "openapi": "3.1.0",
              "info": { "title": "legacy", "version": "1" },
              "components": { "securitySchemes": { "ApiKey": { "type": "apiKey", "in": "header", "name": "x-api-key" } } },
              "paths": {
                "/api/jobs/{job_id}": { "get": {
                  "security": [ { "ApiKey": [] } ],
                  "parameters": [
                    { "name": "job_id", "in": "path", "required": true, "schema": { "type": "string" } },
                    { "name": "limit", "in": "query", "schema": { "type": "integer" } } ],
                  "responses": { "200": { "description": "ok" } } } },
                "/api/tools": { "get": {
                  "security": [ {}, { "ApiKey": [] } ],
                  "parameters": [ { "name": "limit", "in": "query", "schema": { "type": "integer" } } ],
                  "responses": { "200": { "description": "ok" } } } }
              }
            }
            """, TestContext.Current.CancellationToken);
        try
        {
            var (host, legacy) = await CatalogHost.StartAsync(o => o.ManifestPath = manifest, mapApi: false);
            await using var _host = host;

            // Not authenticated (no key, a refused key): forwarded as it came; the legacy side answers (a real one with its
            // authentication error; this echo serves everything).
            var anonymous = await host.Client.SendAsync(HttpMethod.Get, "api/jobs/7?limit=ten");
            using var badKey = new HttpRequestMessage(HttpMethod.Get, "api/jobs/7?limit=ten");
            badKey.Headers.Add("x-api-key", "not-a-key");
            using var refused = await host.Client.SendAsync(badKey, TestContext.Current.CancellationToken);
            Assert.Equal(200, anonymous.Status);
            Assert.Equal("legacy", (string?)anonymous.Body!["served_by"]);
            Assert.Equal(200, (int)refused.StatusCode);
            Assert.Equal(2, legacy.Served);

            // Authenticated: validated before forwarding. Public operation: validated for anyone.
            using var withKey = new HttpRequestMessage(HttpMethod.Get, "api/jobs/7?limit=ten");
            withKey.Headers.Add("x-api-key", Keys.User);
            using var validated = await host.Client.SendAsync(withKey, TestContext.Current.CancellationToken);
            var publicRoute = await host.Client.SendAsync(HttpMethod.Get, "api/tools?limit=ten");
            Assert.Equal(400, (int)validated.StatusCode);
            Assert.Equal(400, publicRoute.Status);
            Assert.Equal(400008, (int)publicRoute.Body!["err_code"]!);
            Assert.Equal(2, legacy.Served);
        }
        finally
        {
            File.Delete(manifest);
        }
    }

    [Fact]
    public async Task Integers_beyond_64_bits_are_compared_or_refused_never_a_500()
    {
        var (host, legacy) = await CatalogHost.StartAsync();
        await using var _host = host;

        var largest = await host.Client.SendAsync(HttpMethod.Get, "api/tools?limit=9223372036854775807");
        var beyond = await host.Client.SendAsync(HttpMethod.Get, "api/tools?limit=99999999999999999999");
        var negative = await host.Client.SendAsync(HttpMethod.Get, "api/tools?limit=-99999999999999999999");
        var inBody = await host.Client.SendAsync(HttpMethod.Post, "api/tools/cat1/run", "{\"inputs\": {\"n\": 18446744073709551616}, \"history_id\": \"f2db41e1fa331b3e\"}");

        Assert.Equal(200, largest.Status);
        Assert.Equal(["int_parsing"], Types(beyond.Body!));
        Assert.Equal(["int_parsing"], Types(negative.Body!));
        Assert.Equal(400, inBody.Status);
        Assert.Equal(["body.inputs.n"], Locations(inBody.Body!));
        Assert.Equal(1, legacy.Served);
    }
}
