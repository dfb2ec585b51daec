using Galaxy.Data;
using Microsoft.Extensions.Configuration;

namespace Galaxy.Legacy.Tests;

/// <summary>The SQLite file: data survives a restart, concurrent writes all land, the schema is created once.</summary>
public sealed class PersistenceTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    private string DatabasePath => _directory.File("galaxy.sqlite");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Data_persists_across_a_restart_on_the_same_file()
    {
        string id;
        await using (var first = await LegacyServer.StartAsync(DatabasePath))
        {
            var created = await first.Client.OkAsync(HttpMethod.Post, "/api/histories", """{"name": "kept across restarts"}""");
            id = created.Text("id");
            await first.Client.OkAsync(HttpMethod.Put, "/api/histories/" + id, """{"annotation": "still here", "tags": ["persisted"]}""");
        }

        await using var second = await LegacyServer.StartAsync(DatabasePath);
        var shown = await second.Client.OkAsync(HttpMethod.Get, "/api/histories/" + id);

        Assert.Equal("kept across restarts", shown.Text("name"));
        Assert.Equal("still here", shown.Text("annotation"));
        Assert.Equal(["persisted"], shown.GetProperty("tags").EnumerateArray().Select(static t => t.GetString()));
        Assert.True(File.Exists(DatabasePath));
        Assert.True(File.Exists(DatabasePath + "-wal") || File.Exists(DatabasePath + "-shm") || new FileInfo(DatabasePath).Length > 0);
    }

    [Fact]
    public async Task A_generated_admin_key_is_stored_and_kept_by_the_next_start()
    {
        string key;
        await using (var first = await LegacyServer.StartAsync(DatabasePath, adminApiKey: null))
        {
            var info = await first.Service<GalaxyDatabase>().InitializeAsync(TestContext.Current.CancellationToken);
            Assert.Equal(AdminApiKeySource.Generated, info.AdminApiKeySource);
            key = info.AdminApiKey;
        }

        await using var second = await LegacyServer.StartAsync(DatabasePath, adminApiKey: null);
        var again = await second.Service<GalaxyDatabase>().InitializeAsync(TestContext.Current.CancellationToken);
        second.Client.DefaultRequestHeaders.Add("x-api-key", key);
        var user = await second.Client.OkAsync(HttpMethod.Get, "/api/users/current");

        Assert.Equal(AdminApiKeySource.Stored, again.AdminApiKeySource);
        Assert.Equal(key, again.AdminApiKey);
        Assert.Equal("admin", user.Text("username"));
    }

    [Fact]
    public async Task A_configured_admin_key_replaces_the_previous_one()
    {
        await using (var first = await LegacyServer.StartAsync(DatabasePath, "first-key-0123456789"))
        {
            await first.Client.OkAsync(HttpMethod.Get, "/api/users/current");
        }

        await using var second = await LegacyServer.StartAsync(DatabasePath, "second-key-0123456789");
        using var old = new HttpClient { BaseAddress = second.Address };
        old.DefaultRequestHeaders.Add("x-api-key", "first-key-0123456789");

        await second.Client.OkAsync(HttpMethod.Get, "/api/users/current");
        (await old.SendAsync(HttpMethod.Get, "/api/users/current")).AssertGalaxyError(401, 401001);
    }

    [Fact]
    public async Task Eight_parallel_creates_all_land()
    {
        await using var server = await LegacyServer.StartAsync(DatabasePath);
        var stem = "parallel-" + Guid.NewGuid().ToString("N")[..8];

        var created = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            server.Client.OkAsync(HttpMethod.Post, "/api/histories", $$"""{"name": "{{stem}}-{{i}}"}""")));
        var listed = await server.Client.OkAsync(HttpMethod.Get, $"/api/histories?q=name-startswith&qv={stem}&order=name-asc");

        Assert.Equal(8, created.Select(static h => h.Text("id")).Distinct().Count());
        Assert.Equal(Enumerable.Range(0, 8).Select(i => $"{stem}-{i}"), listed.EnumerateArray().Select(static h => h.Text("name")));
    }

    [Fact]
    public async Task Parallel_dataset_creates_in_one_history_get_distinct_hids()
    {
        await using var server = await LegacyServer.StartAsync(DatabasePath);
        var history = await server.Client.OkAsync(HttpMethod.Post, "/api/histories", """{"name": "hids"}""");
        var historyId = new Galaxy.Api.Toolkit.Ids.GalaxyIdEncoder(Galaxy.Api.Toolkit.Ids.GalaxyIdEncoder.DefaultSecret).Decode(history.Text("id")).Value;
        var datasets = server.Service<DatasetRepository>();

        var rows = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            datasets.CreateAsync(historyId, new NewDataset($"d{i}", Content: "x\n"), TestContext.Current.CancellationToken)));
        var shown = await server.Client.OkAsync(HttpMethod.Get, "/api/histories/" + history.Text("id"));
        var user = await server.Client.OkAsync(HttpMethod.Get, "/api/users/current");

        Assert.Equal(Enumerable.Range(1, 8).Select(static i => (long)i), rows.Select(static r => r!.Hid).Order());
        Assert.Equal(9, shown.GetProperty("hid_counter").GetInt32());
        Assert.Equal(16, shown.GetProperty("size").GetInt32());
        Assert.Equal(16, user.GetProperty("total_disk_usage").GetInt32());
    }

    [Fact]
    public async Task While_another_process_holds_the_write_lock_one_write_waits_in_SQLite_and_the_next_waits_for_its_turn_cancellably()
    {
        // SQLite's busy handler blocks the thread of the write waiting in it (Microsoft.Data.Sqlite runs "async" calls
        // synchronously). The writes of one GalaxyDatabase take turns: only the one holding the turn waits there, the
        // others wait without a thread and give up when cancelled; before, every queued write blocked a thread for up to
        // the busy timeout, and under load the thread pool grew while reads queued behind them (benchmarks/load).
        var cancellationToken = TestContext.Current.CancellationToken;
        var (database, admin, histories) = await OpenAsync("turns-key-0123456789", TimeSpan.FromSeconds(60));
        using var _ = database;

        // The other process (e.g. the worker) in the middle of a write transaction.
        await using var other = await OtherProcessAsync();
        var otherWrite = other.BeginTransaction(deferred: false);
        Task<HistoryRow>[] writes;
        Task<HistoryRow> waited;
        using var cancel = new CancellationTokenSource();
        try
        {
            using var started = new SemaphoreSlim(0);
            writes = [.. Enumerable.Range(0, 2).Select(i => Task.Run(() =>
            {
                started.Release();
                return histories.CreateAsync(admin, "turn " + i, cancel.Token);
            }, cancellationToken))];
            for (var i = 0; i < writes.Length; i++)
            {
                Assert.True(await started.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken), "the writes did not start");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);   // both reach the turn or SQLite
            await cancel.CancelAsync();

            // The write waiting for its turn gives up at once; the one in SQLite's busy handler cannot (60 s). 20 s bound a hang.
            await Task.WhenAny(Task.WhenAny(writes), Task.Delay(TimeSpan.FromSeconds(20), cancellationToken));
            var gaveUp = Assert.Single(writes, static w => w.IsCompleted);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gaveUp);
            waited = writes.Single(w => w != gaveUp);
            Assert.False(waited.IsCompleted);
        }
        finally
        {
            otherWrite.Rollback();
            otherWrite.Dispose();
        }

        // The lock released, the write in SQLite goes on (and stops at its cancelled token) and the next writes get their turn.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waited.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken));
        var created = await histories.CreateAsync(admin, "after the turns", cancellationToken).WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        Assert.True(HistoryListQuery.TryCreate(null, null, null, null, 0, out var all, out var error), error);
        var listed = await histories.ListAsync(admin, all, cancellationToken);

        Assert.Equal("after the turns", created.Name);
        Assert.Equal(["after the turns"], listed.Select(static h => h.Name));
    }

    [Fact]
    public async Task Writes_queued_behind_a_write_stuck_on_another_process_fail_as_busy_instead_of_queueing_on()
    {
        // The turn is awaited within the busy timeout too: a queue of writes behind one that waits in SQLite (here for
        // another process's lock) fails as SQLITE_BUSY, which the hosts answer with 503001, rather than growing.
        var cancellationToken = TestContext.Current.CancellationToken;
        var (database, admin, histories) = await OpenAsync("queue-key-0123456789", TimeSpan.FromMilliseconds(1500));
        using var _ = database;

        await using var other = await OtherProcessAsync();
        using (var otherWrite = other.BeginTransaction(deferred: false))
        {
            // The write holding the turn waits in SQLite for about 3 s (busy_timeout, then Microsoft.Data.Sqlite's retries
            // up to its whole-second command timeout); the queued ones give up on their turn after 1.5 s.
            var writes = Enumerable.Range(0, 6).Select(i => Task.Run(() => histories.CreateAsync(admin, "queued " + i, cancellationToken), cancellationToken)).ToArray();
            foreach (var write in writes)
            {
                var busy = await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() => write.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken));
                Assert.Equal(5, busy.SqliteErrorCode);
            }

            Assert.Contains(writes, static w => w.Exception!.InnerException!.Message.Contains("other writes of this process", StringComparison.Ordinal));
            otherWrite.Rollback();
        }

        var created = await histories.CreateAsync(admin, "after the queue", cancellationToken).WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        Assert.True(HistoryListQuery.TryCreate(null, null, null, null, 0, out var all, out var error), error);
        Assert.Equal(["after the queue"], (await histories.ListAsync(admin, all, cancellationToken)).Select(static h => h.Name));
        Assert.Equal("after the queue", created.Name);
    }

    [Fact]
    public async Task Initializing_twice_and_from_two_instances_is_idempotent()
    {
        var options = new GalaxyDatabaseOptions { Path = DatabasePath, AdminApiKey = "idempotent-key-0123456789" };
        using (var first = new GalaxyDatabase(options, TimeProvider.System))
        {
            var a = await first.InitializeAsync(TestContext.Current.CancellationToken);
            var b = await first.InitializeAsync(TestContext.Current.CancellationToken);
            Assert.Same(a, b);
        }

        using var second = new GalaxyDatabase(options, TimeProvider.System);
        var info = await second.InitializeAsync(TestContext.Current.CancellationToken);
        var tools = await new ToolRepository(second).ListAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1, info.AdminUserId);
        Assert.Equal(AdminApiKeySource.Configured, info.AdminApiKeySource);
        Assert.Equal(tools.Select(static t => t.Id).Distinct().Count(), tools.Count);
        Assert.Contains(tools, static t => t.Id == "cat1" && t.Name == "Concatenate datasets");
    }

    [Fact]
    public async Task An_in_memory_database_works_and_is_private_to_its_instance()
    {
        var options = new GalaxyDatabaseOptions { Path = GalaxyDatabaseOptions.InMemory };
        using var first = new GalaxyDatabase(options, TimeProvider.System);
        using var second = new GalaxyDatabase(options, TimeProvider.System);
        var info = await first.InitializeAsync(TestContext.Current.CancellationToken);
        await new HistoryRepository(first).CreateAsync(info.AdminUserId, "in memory", TestContext.Current.CancellationToken);
        HistoryListQuery.TryCreate(null, null, null, null, 0, out var all, out _);

        var mine = await new HistoryRepository(first).ListAsync(info.AdminUserId, all!, TestContext.Current.CancellationToken);
        var theirs = await new HistoryRepository(second).ListAsync(info.AdminUserId, all!, TestContext.Current.CancellationToken);

        Assert.Equal(["in memory"], mine.Select(static h => h.Name));
        Assert.Empty(theirs);
    }

    [Fact]
    public void Relative_paths_resolve_against_the_content_root_and_the_default_is_data_galaxy_sqlite()
    {
        var configuration = new ConfigurationBuilder().Build();
        var configured = new ConfigurationBuilder()
            .AddInMemoryCollection([new KeyValuePair<string, string?>("Galaxy:Database", "db/x.sqlite")]).Build();

        Assert.Equal(Path.Combine(_directory.Path, "data", "galaxy.sqlite"), GalaxyDatabaseOptions.FromConfiguration(configuration, _directory.Path).Path);
        Assert.Equal(Path.Combine(_directory.Path, "db", "x.sqlite"), GalaxyDatabaseOptions.FromConfiguration(configured, _directory.Path).Path);
    }

    [Fact]
    public void Timestamps_come_from_the_TimeProvider_to_the_microsecond()
    {
        var clock = new FixedClock(new DateTimeOffset(2026, 11, 25, 9, 35, 34, TimeSpan.Zero).AddTicks(1_234_567));

        Assert.Equal("2026-11-25T09:35:34.123456", GalaxyTime.ToText(GalaxyTime.Now(clock)));
    }

    /// <summary>The database file opened as a host opens it, with <paramref name="busyTimeout"/>; its admin and histories.</summary>
    private async Task<(GalaxyDatabase Database, long Admin, HistoryRepository Histories)> OpenAsync(string adminApiKey, TimeSpan busyTimeout)
    {
        var database = new GalaxyDatabase(new GalaxyDatabaseOptions { Path = DatabasePath, AdminApiKey = adminApiKey, BusyTimeout = busyTimeout }, TimeProvider.System);
        var admin = (await database.InitializeAsync(TestContext.Current.CancellationToken)).AdminUserId;
        return (database, admin, new HistoryRepository(database));
    }

    /// <summary>A connection to the file as another process has one (not pooled: disposing it releases its locks).</summary>
    private async Task<Microsoft.Data.Sqlite.SqliteConnection> OtherProcessAsync()
    {
        var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        return connection;
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
