using System.Text.Json;
using Galaxy.Legacy.Tests;

namespace Galaxy.Modern.Tests;

/// <summary>
/// The modern host and a separate legacy server (its own Kestrel, as <c>dotnet run --project samples/Galaxy.Legacy</c>)
/// on one SQLite file, as Galaxy's old and new layers shared one database: a write through either is read through the other.
/// </summary>
public sealed class SharedDatabaseTests
{
    private static string Unique(string stem) => stem + "-" + Guid.NewGuid().ToString("N")[..8];

    private static string Json(object value) => JsonSerializer.Serialize(value);

    [Fact]
    public async Task A_history_created_updated_and_deleted_through_one_server_is_seen_through_the_other()
    {
        using var directory = new TempDirectory();
        var database = directory.File("galaxy.sqlite");
        // One admin key for both: a newly configured key retires the stored one.
        await using var legacy = await LegacyServer.StartAsync(database, ModernHost.AdminApiKey);
        await using var modern = await ModernHost.StartAsync(database);

        var fromModern = await modern.Client.OkAsync(HttpMethod.Post, "/api/histories", Json(new { name = Unique("modern") }));
        var id = fromModern.Text("id");
        Assert.Equal(fromModern.Canonical(), (await legacy.Client.OkAsync(HttpMethod.Get, "/api/histories/" + id)).Canonical());

        var renamed = Unique("renamed by legacy");
        await legacy.Client.OkAsync(HttpMethod.Put, "/api/histories/" + id, Json(new { name = renamed, annotation = "from legacy", tags = new[] { "name:shared" } }));
        var seenByModern = await modern.Client.OkAsync(HttpMethod.Get, "/api/histories/" + id);
        Assert.Equal(renamed, seenByModern.Text("name"));
        Assert.Equal("from legacy", seenByModern.Text("annotation"));
        Assert.Equal(["name:shared"], seenByModern.GetProperty("tags").EnumerateArray().Select(static t => t.GetString()));

        await modern.Client.OkAsync(HttpMethod.Delete, "/api/histories/" + id, "{}");
        Assert.True((await legacy.Client.OkAsync(HttpMethod.Get, "/api/histories/" + id)).GetProperty("deleted").GetBoolean());
        Assert.DoesNotContain((await legacy.Client.OkAsync(HttpMethod.Get, "/api/histories")).EnumerateArray(), h => h.Text("id") == id);
        Assert.Contains((await legacy.Client.OkAsync(HttpMethod.Get, "/api/histories?q=deleted&qv=True")).EnumerateArray(), h => h.Text("id") == id);

        var fromLegacy = await legacy.Client.OkAsync(HttpMethod.Post, "/api/histories", Json(new { name = Unique("legacy") }));
        Assert.Contains((await modern.Client.OkAsync(HttpMethod.Get, "/api/histories")).EnumerateArray(), h => h.Text("id") == fromLegacy.Text("id"));
        await legacy.Client.OkAsync(HttpMethod.Delete, "/api/histories/" + fromLegacy.Text("id"), """{"purge": true}""");
        var purged = await modern.Client.OkAsync(HttpMethod.Get, "/api/histories/" + fromLegacy.Text("id"));
        Assert.True(purged.GetProperty("purged").GetBoolean());
        Assert.Equal(purged.Canonical(), (await legacy.Client.OkAsync(HttpMethod.Get, "/api/histories/" + fromLegacy.Text("id"))).Canonical());
    }

    [Fact]
    public async Task With_LegacyServers_configured_unported_routes_are_forwarded_to_that_server()
    {
        using var directory = new TempDirectory();
        var database = directory.File("galaxy.sqlite");
        var legacy = await LegacyServer.StartAsync(database, ModernHost.AdminApiKey);
        await using var modern = await ModernHost.StartAsync(database, "--Galaxy:LegacyServers=" + legacy.Address);
        try
        {
            var history = await modern.Client.OkAsync(HttpMethod.Post, "/api/histories", Json(new { name = Unique("forwarded") }));
            var id = history.Text("id");

            var tools = await modern.Client.OkAsync(HttpMethod.Get, "/api/tools?in_panel=False");
            var run = await modern.Client.OkAsync(HttpMethod.Post, "/api/tools", Json(new { tool_id = "cat1", history_id = id }));
            var contents = await modern.Client.OkAsync(HttpMethod.Get, $"/api/histories/{id}/contents");
            var shown = await modern.Client.OkAsync(HttpMethod.Get, "/api/histories/" + id);

            Assert.Contains(tools.EnumerateArray(), static t => t.Text("id") == "cat1");
            Assert.Equal(JsonValueKind.Object, run.ValueKind);
            var dataset = Assert.Single(contents.EnumerateArray());
            Assert.Equal(1, dataset.GetProperty("hid").GetInt32());
            Assert.Equal(1, shown.GetProperty("count").GetInt32());
            Assert.Equal(contents.Canonical(), (await legacy.Client.OkAsync(HttpMethod.Get, $"/api/histories/{id}/contents")).Canonical());
        }
        finally
        {
            await legacy.DisposeAsync();
        }

        // The legacy server is gone: the forwarded route fails, in Galaxy's error format; the ported ones still answer.
        var (response, body) = await modern.Client.SendAsync(HttpMethod.Get, "/api/tools?in_panel=False");
        Assert.True((int)response.StatusCode >= 500, $"a forwarded route without its legacy server answered {(int)response.StatusCode}: {body}");
        Assert.True(body.TryGetProperty("err_code", out _), $"not Galaxy's error body: {body}");
        await modern.Client.OkAsync(HttpMethod.Get, "/api/histories");
    }
}
