using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Galaxy.Api.Toolkit.Migration.Tests.Catalog;

/// <summary>The legacy API in the document: merged at compile time (AdditionalFile) or at start-up (ManifestPath).</summary>
public sealed class LegacyDocumentTests
{
    [Fact]
    public async Task The_served_document_lists_legacy_routes_under_undocumented_and_modern_ones_win()
    {
        var (host, _) = await CatalogHost.StartAsync();
        await using var _host = host;

        var document = await host.Client.GetJsonAsync("api/openapi.json");

        var paths = document["paths"]!.AsObject();
        Assert.Equal("items", (string?)paths["/api/items"]!["get"]!["tags"]![0]);
        Assert.Null(paths["/api/items"]!["get"]!["x-galaxy-legacy"]);
        // PUT is modern, DELETE of the same path legacy: both under the modern path's parameter name.
        Assert.Equal("items", (string?)paths["/api/items/{item_id}"]!["put"]!["tags"]![0]);
        var delete = paths["/api/items/{item_id}"]!["delete"]!;
        Assert.Equal("undocumented", (string?)delete["tags"]![0]);
        Assert.Equal("item_id", (string?)delete["parameters"]![0]!["name"]);
        Assert.False(paths.ContainsKey("/api/items/{id}"));
        foreach (var path in new[] { "/api/tools", "/api/tools/{tool_id}/run", "/api/jobs/{job_id}" })
        {
            var operation = paths[path]!.AsObject().Single().Value!;
            Assert.Equal("undocumented", (string?)operation["tags"]![0]);
            Assert.StartsWith("Not ported yet", (string?)operation["description"], StringComparison.Ordinal);
        }

        Assert.NotNull(document["components"]!["schemas"]!["RunRequest"]);
    }

    [Fact]
    public async Task The_build_time_document_already_has_the_legacy_routes_and_equals_the_served_one()
    {
        var (host, _) = await CatalogHost.StartAsync();
        await using var _host = host;

        var served = await host.Client.GetByteArrayAsync("api/openapi.json", TestContext.Current.CancellationToken);
        var built = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "openapi.json"), TestContext.Current.CancellationToken);

        Assert.Equal(built, served);
        Assert.Contains("\"x-galaxy-legacy\": true", System.Text.Encoding.UTF8.GetString(built), StringComparison.Ordinal);
    }

    [Fact]
    public void The_build_writes_the_coverage_beside_the_assembly()
    {
        var coverage = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "galaxy-api-coverage.json")))!;

        Assert.Equal(6, (int)coverage["legacy_operations"]!);
        Assert.Equal(["GET /api/items", "PUT /api/items/{id}"], coverage["ported"]!.AsArray().Select(static p => $"{p!["method"]} {p["path"]}"));
        Assert.Equal(4, coverage["legacy"]!.AsArray().Count);
        Assert.Equal(Galaxy.Api.Toolkit.Generated.GalaxyApiCoverage.Ported, coverage["ported"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_manifest_named_at_start_up_is_merged_into_the_served_document()
    {
        var manifest = Path.Combine(Path.GetTempPath(), $"legacy-routes-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(manifest, "GET /api/items\nGET /api/datasets/{dataset_id}/display\nPOST /api/uploads\n", TestContext.Current.CancellationToken);
        try
        {
            var (host, _) = await CatalogHost.StartAsync(o => o.ManifestPath = manifest);
            await using var _host = host;

            var document = await host.Client.GetJsonAsync("api/openapi.json");
            var coverage = await host.Client.GetJsonAsync("api/_migration/coverage", Keys.Admin);

            var display = document["paths"]!["/api/datasets/{dataset_id}/display"]!["get"]!;
            Assert.Equal("undocumented", (string?)display["tags"]![0]);
            Assert.NotNull(document["paths"]!["/api/uploads"]!["post"]);
            // The compile-time legacy routes are still there; GET /api/items stays modern.
            Assert.NotNull(document["paths"]!["/api/tools"]!["get"]);
            Assert.Null(document["paths"]!["/api/items"]!["get"]!["x-galaxy-legacy"]);
            // Compile time: 2 ported of 6; start-up: 1 ported (GET /api/items) of 3.
            Assert.Equal(3, (int)coverage["ported"]!);
            Assert.Equal(6, (int)coverage["still_legacy"]!);
        }
        finally
        {
            File.Delete(manifest);
        }
    }

    [Fact]
    public async Task A_manifest_that_cannot_be_read_stops_start_up_naming_the_file()
    {
        var manifest = Path.Combine(Path.GetTempPath(), $"legacy-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(manifest, "{\"swagger\": \"2.0\", \"paths\": {}}", TestContext.Current.CancellationToken);
        try
        {
            var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => CatalogHost.StartAsync(o => o.ManifestPath = manifest));
            Assert.Contains(manifest, exception.Message, StringComparison.Ordinal);
            Assert.Contains("Swagger 2.0", exception.Message, StringComparison.Ordinal);

            var missing = await Assert.ThrowsAsync<InvalidOperationException>(() => CatalogHost.StartAsync(o => o.ManifestPath = manifest + ".missing"));
            Assert.Contains("cannot read", missing.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(manifest);
        }
    }

    [Fact]
    public async Task Misuse_is_a_clear_start_up_error()
    {
        var notAdded = await Assert.ThrowsAsync<InvalidOperationException>(() => ModernHost.StartAsync(_ => { }, app => app.MapGalaxyLegacyFallback()));
        Assert.Contains("AddGalaxyLegacyFallback", notAdded.Message, StringComparison.Ordinal);

        var nowhere = await Assert.ThrowsAsync<InvalidOperationException>(() => ModernHost.StartAsync(
            builder => builder.Services.AddGalaxyLegacyFallback(_ => { }),
            app => app.MapGalaxyLegacyFallback()));
        Assert.Contains("options.Servers.Add", nowhere.Message, StringComparison.Ordinal);

        var noAuthentication = await Assert.ThrowsAsync<InvalidOperationException>(() => ModernHost.StartAsync(
            builder => builder.Services.AddGalaxyLegacyFallback(o => o.App = static _ => Task.CompletedTask),
            app => app.MapGalaxyLegacyFallback()));
        Assert.Contains("AdminPath = null", noAuthentication.Message, StringComparison.Ordinal);
    }
}
