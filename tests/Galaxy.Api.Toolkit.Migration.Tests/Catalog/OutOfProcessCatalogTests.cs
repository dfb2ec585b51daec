namespace Galaxy.Api.Toolkit.Migration.Tests.Catalog;

/// <summary>The merged document, legacy validation and coverage with the legacy side a real process behind YARP.</summary>
public sealed class OutOfProcessCatalogTests
{
    [Fact]
    public async Task Validation_coverage_and_the_document_work_in_front_of_a_legacy_server_process()
    {
        await using var legacy = await LegacyProcess.StartAsync("legacy-process");
        var (host, _) = await CatalogHost.StartAsync(server: legacy.Address);
        await using var _host = host;

        var document = await host.Client.GetJsonAsync("api/openapi.json");
        var refused = await host.Client.SendAsync(HttpMethod.Get, "api/tools?limit=ten");
        var tools = await host.Client.SendAsync(HttpMethod.Get, "api/tools?in_panel=False");
        var run = await host.Client.SendAsync(HttpMethod.Post, "api/tools/cat1/run", "{\"inputs\": {}}");
        var badRun = await host.Client.SendAsync(HttpMethod.Post, "api/tools/cat1/run", "{}");
        var modern = await host.Client.SendAsync(HttpMethod.Put, "api/items/9");
        var coverage = await host.Client.GetJsonAsync("api/_migration/coverage", Keys.Admin);

        Assert.Equal("undocumented", (string?)document["paths"]!["/api/tools"]!["get"]!["tags"]![0]);
        Assert.Equal(400, refused.Status);
        Assert.Equal(400008, (int)refused.Body!["err_code"]!);
        Assert.Equal(200, tools.Status);
        Assert.Equal("legacy-process", (string?)tools.Body![0]!["served_by"]);
        Assert.Equal(200, run.Status);
        Assert.Equal("legacy-process", (string?)run.Body!["served_by"]);
        Assert.Equal(14, (long)run.Body["body_length"]!);
        Assert.Equal(400007, (int)badRun.Body!["err_code"]!);
        Assert.Equal("modern", (string?)modern.Body!["served_by"]);
        // Only what reached the legacy server is counted: GET /api/tools once, the run once (refused requests are not forwarded).
        Assert.Equal(2, (long)coverage["forwarded_requests"]!);
        Assert.Equal(["GET /api/tools 1", "POST /api/tools/{tool_id}/run 1"], coverage["busiest_legacy_routes"]!.AsArray().Select(static r => $"{r!["method"]} {r["path"]} {r["requests"]}"));
    }
}
