using Galaxy.Api.Toolkit.Ids;
using Galaxy.Data;
using Galaxy.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Galaxy.Legacy.Tests;

/// <summary>The webless worker, in process on the legacy server's database file.</summary>
public sealed class WorkerTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private readonly TempDirectory _directory = new();

    private string DatabasePath => _directory.File("galaxy.sqlite");

    public void Dispose() => _directory.Dispose();

    private IHost BuildWorker(string jobDuration) => GalaxyWorkerApp.Build(
    [
        "--Galaxy:Database=" + DatabasePath,
        "--Galaxy:Worker:Name=test-worker",
        "--Galaxy:Worker:PollInterval=00:00:00.05",
        "--Galaxy:Worker:JobDuration=" + jobDuration,
        "--Logging:LogLevel:Default=Warning",
    ]);

    private static async Task<string> RunToolAsync(LegacyServer server, string toolId) => (await RunToolWithJobAsync(server, toolId)).DatasetId;

    private static async Task<(string DatasetId, string JobId)> RunToolWithJobAsync(LegacyServer server, string toolId)
    {
        var history = await server.Client.OkAsync(HttpMethod.Post, "/api/histories", """{"name": "worker demo"}""");
        var body = "{\"tool_id\": \"" + toolId + "\", \"history_id\": \"" + history.Text("id") + "\", \"inputs\": {}}";
        var run = await server.Client.OkAsync(HttpMethod.Post, "/api/tools", body);
        var output = Assert.Single(run.GetProperty("outputs").EnumerateArray());
        var job = Assert.Single(run.GetProperty("jobs").EnumerateArray());
        Assert.Equal("queued", output.Text("state"));
        Assert.Equal("queued", job.Text("state"));
        Assert.Equal("Job", job.Text("model_class"));
        return (output.Text("id"), job.Text("id"));
    }

    /// <summary>Polls the dataset over HTTP until it reaches <paramref name="state"/>, at most <see cref="Bound"/>.</summary>
    private static async Task<System.Text.Json.JsonElement> WaitForStateAsync(LegacyServer server, string datasetId, string state)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(Bound);
        while (true)
        {
            var dataset = await server.Client.OkAsync(HttpMethod.Get, $"/api/datasets/{datasetId}?hda_ldda=hda");
            if (dataset.Text("state") == state)
            {
                return dataset;
            }

            await Task.Delay(50, timeout.Token);
        }
    }

    [Fact]
    public async Task The_worker_marks_a_queued_dataset_ok()
    {
        await using var server = await LegacyServer.StartAsync(DatabasePath);
        var datasetId = await RunToolAsync(server, "cat1");
        using var worker = BuildWorker("00:00:00");

        await worker.StartAsync(TestContext.Current.CancellationToken);
        var done = await WaitForStateAsync(server, datasetId, "ok");
        await worker.StopAsync(TestContext.Current.CancellationToken);

        Assert.True(done.GetProperty("file_size").GetInt64() > 0);
        Assert.StartsWith("cat1\tjob ", done.Text("peek"), StringComparison.Ordinal);
        Assert.Equal("3 lines", done.Text("misc_blurb"));
        var user = await server.Client.OkAsync(HttpMethod.Get, "/api/users/current");
        Assert.Equal(done.GetProperty("file_size").GetInt64(), user.GetProperty("total_disk_usage").GetInt64());
        Assert.Equal(1, worker.Services.GetRequiredService<JobHandlerService>().Completed);
        var history = await server.Client.OkAsync(HttpMethod.Get, "/api/histories/" + done.Text("history_id"));
        Assert.Equal("ok", history.Text("state"));
    }

    [Fact]
    public async Task A_stopping_worker_puts_its_job_back_in_the_queue_and_the_next_one_finishes_it()
    {
        await using var server = await LegacyServer.StartAsync(DatabasePath);
        var (datasetId, encodedJobId) = await RunToolWithJobAsync(server, "sort1");
        var jobId = new GalaxyIdEncoder(GalaxyIdEncoder.DefaultSecret).Decode(encodedJobId).Value;

        using (var slow = BuildWorker("00:10:00"))
        {
            await slow.StartAsync(TestContext.Current.CancellationToken);
            await WaitForStateAsync(server, datasetId, "running");
            await slow.StopAsync(TestContext.Current.CancellationToken);
        }

        var requeued = await server.Client.OkAsync(HttpMethod.Get, $"/api/datasets/{datasetId}");
        var job = await server.Service<JobRepository>().FindAsync(jobId, TestContext.Current.CancellationToken);
        Assert.Equal("queued", requeued.Text("state"));
        Assert.Equal(JobStates.Queued, job!.State);
        Assert.Null(job.Handler);

        using var fast = BuildWorker("00:00:00");
        await fast.StartAsync(TestContext.Current.CancellationToken);
        await WaitForStateAsync(server, datasetId, "ok");
        await fast.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Two_workers_never_run_the_same_job()
    {
        await using var server = await LegacyServer.StartAsync(DatabasePath);
        var datasets = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            datasets.Add(await RunToolAsync(server, "cat1"));
        }

        using var first = BuildWorker("00:00:00");
        using var second = GalaxyWorkerApp.Build(
        [
            "--Galaxy:Database=" + DatabasePath, "--Galaxy:Worker:Name=second-worker", "--Galaxy:Worker:PollInterval=00:00:00.05",
            "--Galaxy:Worker:JobDuration=00:00:00", "--Logging:LogLevel:Default=Warning",
        ]);
        await Task.WhenAll(first.StartAsync(TestContext.Current.CancellationToken), second.StartAsync(TestContext.Current.CancellationToken));
        foreach (var dataset in datasets)
        {
            await WaitForStateAsync(server, dataset, "ok");
        }

        await Task.WhenAll(first.StopAsync(TestContext.Current.CancellationToken), second.StopAsync(TestContext.Current.CancellationToken));

        Assert.Equal(6, first.Services.GetRequiredService<JobHandlerService>().Completed + second.Services.GetRequiredService<JobHandlerService>().Completed);
    }

    [Fact]
    public void The_worker_has_no_web_stack()
    {
        var assemblies = new[] { typeof(GalaxyWorkerApp).Assembly, typeof(GalaxyDatabase).Assembly };

        var references = assemblies.SelectMany(static a => a.GetReferencedAssemblies()).Select(static r => r.Name!).ToList();

        Assert.DoesNotContain(references, static name => name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        Assert.Contains("Microsoft.Extensions.Hosting", references);
        var runtimeConfig = Path.Combine(Path.GetDirectoryName(typeof(GalaxyWorkerApp).Assembly.Location)!, "Galaxy.Worker.runtimeconfig.json");
        if (File.Exists(runtimeConfig))
        {
            Assert.DoesNotContain("Microsoft.AspNetCore.App", File.ReadAllText(runtimeConfig), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("PollInterval", "00:00:00.001")]
    [InlineData("PollInterval", "01:00:00")]
    [InlineData("JobDuration", "soon")]
    public void Out_of_bounds_settings_fail_with_a_clear_message(string key, string value)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new KeyValuePair<string, string?>("Galaxy:Worker:" + key, value)]).Build();

        var error = Assert.Throws<InvalidOperationException>(() => { WorkerOptions.FromConfiguration(configuration); });

        Assert.Contains("Galaxy:Worker:" + key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Purging_a_history_drops_its_queued_jobs()
    {
        await using var server = await LegacyServer.StartAsync(DatabasePath);
        var datasetId = await RunToolAsync(server, "cat1");
        var dataset = await server.Client.OkAsync(HttpMethod.Get, $"/api/datasets/{datasetId}");
        await server.Client.OkAsync(HttpMethod.Delete, "/api/histories/" + dataset.Text("history_id"), """{"purge": true}""");
        var jobs = server.Service<JobRepository>();

        var claimed = await jobs.ClaimNextAsync("test-worker", TestContext.Current.CancellationToken);

        Assert.Null(claimed);
    }
}
