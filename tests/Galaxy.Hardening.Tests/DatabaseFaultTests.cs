using System.Net;
using System.Text.Json;
using Galaxy.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Galaxy.Hardening.Tests;

/// <summary>
/// Issue 11, faults of the database: another writer holding SQLite's write lock past the busy timeout gives Galaxy's 503
/// (503001) on the ported routes and on those forwarded to the legacy app, never a 500, while reads go on (WAL); a write
/// that fails midway leaves nothing behind (every write is one transaction). Each request is bounded (30 s), so a hang
/// fails the test.
/// </summary>
public sealed class DatabaseFaultTests
{
    private const string BusyMessage = "The database is busy; try again.";

    [Theory(Timeout = 180_000)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Writes_under_another_writer_s_lock_get_Galaxy_503_reads_go_on_and_the_same_writes_succeed_once_it_is_released(bool legacyServer)
    {
        await using var host = await DatabaseFaultHost.StartAsync(legacyServer);
        var history = Id(await host.OkAsync(HttpMethod.Post, "/api/histories", new { name = "before the lock" }));
        await host.OkAsync(HttpMethod.Post, "/api/tools", new { tool_id = "cat1", history_id = history });
        var listed = Ids(await host.OkAsync(HttpMethod.Get, "/api/histories"));
        var stored = await host.SnapshotAsync();

        var create = (HttpMethod.Post, "/api/histories", (object?)new { name = "created after the lock" });
        var rename = (HttpMethod.Put, "/api/histories/" + history, (object?)new { name = "renamed after the lock", annotation = "changed" });
        var run = (HttpMethod.Post, "/api/tools", (object?)new { tool_id = "cat1", history_id = history });
        var purge = (HttpMethod.Delete, $"/api/histories/{history}?purge=true", (object?)null);
        await using (await host.HoldWriteLockAsync())
        {
            // Ported routes (the modern host's own handlers), then a route forwarded to the legacy app.
            foreach (var (method, path, body) in new[] { create, rename, purge, run })
            {
                await AssertBusyAsync(host, method, path, body);
            }

            // Several at once: every one 503, none a 500.
            var burst = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => i % 2 == 0
                ? host.SendAsync(HttpMethod.Post, "/api/histories", new { name = "burst " + i })
                : host.SendAsync(HttpMethod.Post, "/api/tools", new { tool_id = "cat1", history_id = history })));
            Assert.All(burst, static answer => AssertBusy(answer.Status, answer.Body, "a write of the burst"));

            // WAL: readers do not wait for the writer and see the last committed state.
            Assert.Equal(listed, Ids(await host.OkAsync(HttpMethod.Get, "/api/histories")));
            var shown = await host.OkAsync(HttpMethod.Get, "/api/histories/" + history);
            Assert.Equal("before the lock", shown.GetProperty("name").GetString());
            Assert.False(shown.GetProperty("deleted").GetBoolean());
            Assert.Equal(1, shown.GetProperty("count").GetInt32());
            Assert.Single((await host.OkAsync(HttpMethod.Get, $"/api/histories/{history}/contents")).EnumerateArray());
            Assert.Equal("admin", (await host.OkAsync(HttpMethod.Get, "/api/users/current")).GetProperty("username").GetString());
        }

        // Nothing was written while the lock was held.
        Assert.Equal(stored, await host.SnapshotAsync());

        // Released: the same requests succeed.
        var created = await host.OkAsync(create.Item1, create.Item2, create.Item3);
        Assert.Equal("created after the lock", created.GetProperty("name").GetString());
        var renamed = await host.OkAsync(rename.Item1, rename.Item2, rename.Item3);
        Assert.Equal("renamed after the lock", renamed.GetProperty("name").GetString());
        var output = (await host.OkAsync(run.Item1, run.Item2, run.Item3)).GetProperty("outputs")[0];
        Assert.Equal(2, output.GetProperty("hid").GetInt32());
        var purged = await host.OkAsync(purge.Item1, purge.Item2, purge.Item3);
        Assert.True(purged.GetProperty("purged").GetBoolean());
        Assert.Equal([.. listed.Where(id => id != history).Append(Id(created)).Order(StringComparer.Ordinal)], Ids(await host.OkAsync(HttpMethod.Get, "/api/histories")));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_purge_that_fails_at_its_last_statement_leaves_the_history_its_datasets_jobs_and_disk_usage_untouched()
    {
        await using var host = await DatabaseFaultHost.StartAsync();
        var history = Id(await host.OkAsync(HttpMethod.Post, "/api/histories", new { name = "to purge" }));
        await host.OkAsync(HttpMethod.Post, "/api/tools", new { tool_id = "cat1", history_id = history });
        await host.OkAsync(HttpMethod.Post, "/api/tools", new { tool_id = "cat1", history_id = history });
        // A worker finishes the first job (its dataset gets a size, counted in the owner's disk usage); the second stays queued.
        var jobs = host.Services.GetRequiredService<JobRepository>();
        var claimed = await jobs.ClaimNextAsync("fault-test", TestContext.Current.CancellationToken);
        Assert.NotNull(claimed);
        var finished = await jobs.CompleteAsync(claimed.Id, "line 1\nline 2\nline 3\n", cancellationToken: TestContext.Current.CancellationToken);
        Assert.NotNull(finished);
        Assert.True(finished.FileSize > 0);
        var usage = (await host.OkAsync(HttpMethod.Get, "/api/users/current")).GetProperty("total_disk_usage").GetInt64();
        Assert.Equal(finished.FileSize, usage);

        // Purging writes the history, the owner's disk usage, the datasets, then the queued jobs: the last one fails.
        await host.ExecuteAsync("CREATE TRIGGER inject_fault BEFORE UPDATE ON jobs BEGIN SELECT RAISE(ABORT, 'injected fault'); END;");
        var stored = await host.SnapshotAsync();
        var (status, body) = await host.SendAsync(HttpMethod.Delete, $"/api/histories/{history}?purge=true");

        // An unexpected database error: Galaxy's 500001, no detail; and none of the purge's writes stayed.
        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.Equal(500001, body.GetProperty("err_code").GetInt32());
        Assert.DoesNotContain("injected", body.GetProperty("err_msg").GetString(), StringComparison.Ordinal);
        Assert.Equal(stored, await host.SnapshotAsync());
        var shown = await host.OkAsync(HttpMethod.Get, "/api/histories/" + history);
        Assert.False(shown.GetProperty("deleted").GetBoolean());
        Assert.False(shown.GetProperty("purged").GetBoolean());
        Assert.Equal(usage, (await host.OkAsync(HttpMethod.Get, "/api/users/current")).GetProperty("total_disk_usage").GetInt64());

        // Without the fault the same request makes the whole change.
        await host.ExecuteAsync("DROP TRIGGER inject_fault;");
        var purged = await host.OkAsync(HttpMethod.Delete, $"/api/histories/{history}?purge=true");
        Assert.True(purged.GetProperty("deleted").GetBoolean());
        Assert.True(purged.GetProperty("purged").GetBoolean());
        var historyId = host.Decode(history);
        Assert.Equal(0, await host.ScalarAsync($"SELECT COUNT(*) FROM datasets WHERE history_id = {historyId} AND purged = 0;"));
        Assert.Equal(0, await host.ScalarAsync($"SELECT COUNT(*) FROM jobs WHERE history_id = {historyId} AND state = 'queued';"));
        Assert.Equal(1, await host.ScalarAsync($"SELECT COUNT(*) FROM jobs WHERE history_id = {historyId} AND state = 'deleted';"));
        Assert.Equal(0, (await host.OkAsync(HttpMethod.Get, "/api/users/current")).GetProperty("total_disk_usage").GetInt64());
    }

    [Theory(Timeout = 120_000)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_forwarded_tool_run_that_fails_after_its_dataset_was_written_leaves_no_dataset_and_no_used_hid(bool legacyServer)
    {
        await using var host = await DatabaseFaultHost.StartAsync(legacyServer);
        var history = Id(await host.OkAsync(HttpMethod.Post, "/api/histories", new { name = "tool runs" }));
        await host.OkAsync(HttpMethod.Post, "/api/tools", new { tool_id = "cat1", history_id = history });

        // Queuing a run writes the history's hid counter, the output dataset, then the job: the job fails.
        await host.ExecuteAsync("CREATE TRIGGER inject_fault BEFORE INSERT ON jobs BEGIN SELECT RAISE(ABORT, 'injected fault'); END;");
        var stored = await host.SnapshotAsync();
        var (status, body) = await host.SendAsync(HttpMethod.Post, "/api/tools", new { tool_id = "cat1", history_id = history });

        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.Equal(500001, body.GetProperty("err_code").GetInt32());
        Assert.Equal(stored, await host.SnapshotAsync());
        Assert.Single((await host.OkAsync(HttpMethod.Get, $"/api/histories/{history}/contents")).EnumerateArray());

        await host.ExecuteAsync("DROP TRIGGER inject_fault;");
        var output = (await host.OkAsync(HttpMethod.Post, "/api/tools", new { tool_id = "cat1", history_id = history })).GetProperty("outputs")[0];
        Assert.Equal(2, output.GetProperty("hid").GetInt32());
        Assert.Equal(2, (await host.OkAsync(HttpMethod.Get, $"/api/histories/{history}/contents")).GetArrayLength());
    }

    private static async Task AssertBusyAsync(DatabaseFaultHost host, HttpMethod method, string path, object? body)
    {
        var (status, json) = await host.SendAsync(method, path, body);
        AssertBusy(status, json, $"{method} {path}");
    }

    private static void AssertBusy(HttpStatusCode status, JsonElement body, string what)
    {
        Assert.True(status == HttpStatusCode.ServiceUnavailable, $"{what}: expected 503, got {(int)status}: {body}");
        Assert.Equal(503001, body.GetProperty("err_code").GetInt32());
        Assert.Equal(BusyMessage, body.GetProperty("err_msg").GetString());
    }

    private static string Id(JsonElement item) => item.GetProperty("id").GetString()!;

    private static List<string> Ids(JsonElement list) => [.. list.EnumerateArray().Select(Id).Order(StringComparer.Ordinal)];
}
