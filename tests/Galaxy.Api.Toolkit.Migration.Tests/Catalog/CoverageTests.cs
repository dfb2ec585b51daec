using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;

namespace Galaxy.Api.Toolkit.Migration.Tests.Catalog;

/// <summary>What is ported and what still carries traffic: the admin coverage endpoint and the forwarded-request counter.</summary>
public sealed class CoverageTests
{
    [Fact]
    public async Task Coverage_counts_forwarded_requests_per_legacy_route_and_lists_the_busiest()
    {
        var (host, legacy) = await CatalogHost.StartAsync();
        await using var _host = host;
        var client = host.Client;

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(200, (await client.SendAsync(HttpMethod.Get, "api/tools")).Status);
        }

        Assert.Equal(200, (await client.SendAsync(HttpMethod.Get, "api/jobs/abc")).Status);
        Assert.Equal(200, (await client.SendAsync(HttpMethod.Delete, "api/items/5")).Status);
        Assert.Equal(200, (await client.SendAsync(HttpMethod.Get, "api/not/in/the/manifest")).Status);
        var modern = await client.SendAsync(HttpMethod.Get, "api/items");
        Assert.Equal("modern", (string?)modern.Body![0]!["served_by"]);

        var coverage = await client.GetJsonAsync("api/_migration/coverage", Keys.Admin);

        Assert.Equal(6, (int)coverage["legacy_operations"]!);
        Assert.Equal(2, (int)coverage["ported"]!);
        Assert.Equal(4, (int)coverage["still_legacy"]!);
        Assert.Equal(33.3, (double)coverage["percent_ported"]!);
        Assert.Equal(6, (long)coverage["forwarded_requests"]!);
        Assert.Equal(6, legacy.Served);
        Assert.Equal(3, (int)coverage["legacy_operations_used"]!);
        var busiest = coverage["busiest_legacy_routes"]!.AsArray();
        // Ties keep the document's order.
        Assert.Equal(["GET /api/tools 3", "DELETE /api/items/{item_id} 1", "GET /api/jobs/{job_id} 1"], busiest.Select(static r => $"{r!["method"]} {r["path"]} {r["requests"]}"));
        Assert.Equal("index_tools", (string?)busiest[0]!["operation_id"]);
        var unlisted = Assert.Single(coverage["unlisted_routes"]!.AsArray());
        Assert.Equal("GET", (string?)unlisted!["route"]);
        Assert.Equal(["GET /api/items", "PUT /api/items/{id}"], coverage["ported_operations"]!.AsArray().Select(static p => $"{p!["method"]} {p["path"]}"));
    }

    [Fact]
    public async Task The_coverage_endpoint_is_for_admins_only_and_checks_its_parameter()
    {
        var (host, _) = await CatalogHost.StartAsync();
        await using var _host = host;

        var anonymous = await host.Client.SendAsync(HttpMethod.Get, "api/_migration/coverage");
        Assert.Equal(403, anonymous.Status);
        Assert.Equal(403001, (int)anonymous.Body!["err_code"]!);

        using var request = new HttpRequestMessage(HttpMethod.Get, "api/_migration/coverage");
        request.Headers.Add("x-api-key", Keys.User);
        using var user = await host.Client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(403, (int)user.StatusCode);

        var top = await host.Client.GetJsonAsync("api/_migration/coverage?top=1", Keys.Admin);
        Assert.NotNull(top["busiest_legacy_routes"]);
        using var bad = new HttpRequestMessage(HttpMethod.Get, "api/_migration/coverage?top=zero");
        bad.Headers.Add("x-api-key", Keys.Admin);
        using var badResponse = await host.Client.SendAsync(bad, TestContext.Current.CancellationToken);
        Assert.Equal(400, (int)badResponse.StatusCode);
        Assert.Equal(400008, (int)JsonNode.Parse(await badResponse.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!["err_code"]!);
    }

    [Fact]
    public async Task Forwarded_requests_are_counted_per_route_template_on_the_meter()
    {
        var (host, _) = await CatalogHost.StartAsync();
        await using var _host = host;
        var factory = host.Services.GetRequiredService<IMeterFactory>();
        var counts = new System.Collections.Concurrent.ConcurrentDictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == MigrationMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, factory) && instrument.Name == "galaxy.legacy.forwarded")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            string? route = null, method = null;
            foreach (var tag in tags)
            {
                route = tag.Key == "http.route" ? tag.Value as string : route;
                method = tag.Key == "http.request.method" ? tag.Value as string : method;
            }

            counts.AddOrUpdate($"{method} {route}", value, (_, total) => total + value);
        });
        listener.Start();

        await host.Client.SendAsync(HttpMethod.Get, "api/tools");
        await host.Client.SendAsync(HttpMethod.Get, "api/tools?in_panel=true");
        await host.Client.SendAsync(HttpMethod.Get, "api/jobs/7");
        await host.Client.SendAsync(HttpMethod.Post, "api/somewhere/else", "{}");
        await host.Client.SendAsync(HttpMethod.Get, "api/items");

        Assert.Equal(2, counts["GET /api/tools"]);
        Assert.Equal(1, counts["GET /api/jobs/{job_id}"]);
        Assert.Equal(1, counts["POST " + MigrationMetrics.UnlistedRoute]);
        Assert.DoesNotContain(counts.Keys, static k => k.Contains("/api/items", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_a_generated_API_the_catalog_comes_from_the_manifest_named_at_start_up()
    {
        var manifest = Path.Combine(Path.GetTempPath(), $"legacy-routes-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(manifest, "GET /api/tools\nGET /api/jobs/{job_id}\n", TestContext.Current.CancellationToken);
        try
        {
            var (host, legacy) = await CatalogHost.StartAsync(o => o.ManifestPath = manifest, mapApi: false);
            await using var _host = host;

            await host.Client.SendAsync(HttpMethod.Get, "api/jobs/1");
            await host.Client.SendAsync(HttpMethod.Get, "api/jobs/2");
            var coverage = await host.Client.GetJsonAsync("api/_migration/coverage", Keys.Admin);

            Assert.Equal(2, legacy.Served);
            Assert.Equal(0, (int)coverage["ported"]!);
            Assert.Equal(2, (int)coverage["still_legacy"]!);
            Assert.Equal("GET /api/jobs/{job_id} 2", coverage["busiest_legacy_routes"]!.AsArray().Select(static r => $"{r!["method"]} {r["path"]} {r["requests"]}").Single());
        }
        finally
        {
            File.Delete(manifest);
        }
    }

    [Fact]
    public async Task The_migration_page_shows_the_coverage_to_admins_and_the_docs_link_to_it()
    {
        var (host, _) = await CatalogHost.StartAsync();
        await using var _host = host;
        await host.Client.SendAsync(HttpMethod.Get, "api/tools");
        await host.Client.SendAsync(HttpMethod.Get, "api/jobs/<script>");

        var anonymous = await host.Client.GetAsync("api/_migration", TestContext.Current.CancellationToken);
        var page = await host.Client.GetStringAsync("api/_migration?key=" + Keys.Admin, TestContext.Current.CancellationToken);
        var docs = await host.Client.GetStringAsync("api/docs", TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, anonymous.StatusCode);
        Assert.Contains("<strong>2 of 6</strong> legacy operations ported (33.3%)", page, StringComparison.Ordinal);
        Assert.Contains("<code>GET /api/tools</code>", page, StringComparison.Ordinal);
        Assert.Contains("<code>GET /api/jobs/{job_id}</code>", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/api/_migration/coverage?key=" + Keys.Admin + "\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<a href=\"/api/_migration\"", docs, StringComparison.Ordinal);
        Assert.Contains("Migration status (admins)", docs, StringComparison.Ordinal);
    }
}
