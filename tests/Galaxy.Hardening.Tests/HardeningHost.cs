using System.Net.Http.Json;
using System.Text.Json;
using Galaxy.Modern;
using Microsoft.AspNetCore.Builder;

namespace Galaxy.Hardening.Tests;

/// <summary>
/// The modern sample host on Kestrel (127.0.0.1, a free port), as <c>dotnet run</c> starts it, on a fresh database in a
/// temporary folder, with the legacy app mounted in process; plus a few objects the hostile requests can aim at.
/// </summary>
public sealed class HardeningHost : IAsyncLifetime
{
    private WebApplication? _app;
    private readonly string _directory = SampleProcess.NewDirectory("hardening");

    /// <summary>The admin's API key, given to the host through configuration.</summary>
    public const string AdminApiKey = "hardening-admin-key-0123456789";

    /// <summary>The address Kestrel listens on (<c>http://127.0.0.1:port/</c>).</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>A client sending the admin's key, with no timeout of its own (each request brings its own).</summary>
    public HttpClient Client { get; private set; } = null!;

    /// <summary>Encoded ids of histories created at start (valid targets).</summary>
    public IReadOnlyList<string> HistoryIds { get; private set; } = [];

    /// <summary>The encoded id of a dataset created at start by running a tool.</summary>
    public string DatasetId { get; private set; } = "";

    /// <summary>The encoded id of the admin (user 1).</summary>
    public string AdminUserId { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        _app = GalaxyModernApp.Build(SampleProcess.Settings(_directory, AdminApiKey));
        await _app.StartAsync(TestContext.Current.CancellationToken);
        Address = new Uri(SampleProcess.AddressOf(_app));
        Client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 16 })
        {
            BaseAddress = Address,
            Timeout = Timeout.InfiniteTimeSpan,
        };
        Client.DefaultRequestHeaders.Add("x-api-key", AdminApiKey);

        var ct = TestContext.Current.CancellationToken;
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await CreateHistoryAsync("hardening " + i, ct));
        }

        HistoryIds = ids;
        using var run = await Client.PostAsJsonAsync("/api/tools", new { tool_id = "cat1", history_id = ids[0] }, ct);
        Assert.Equal(System.Net.HttpStatusCode.OK, run.StatusCode);
        using var job = JsonDocument.Parse(await run.Content.ReadAsStringAsync(ct));
        DatasetId = job.RootElement.GetProperty("outputs")[0].GetProperty("id").GetString()!;
        using var me = await Client.GetAsync("/api/users/current", ct);
        using var user = JsonDocument.Parse(await me.Content.ReadAsStringAsync(ct));
        AdminUserId = user.RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>Creates a history through the API and returns its encoded id.</summary>
    public async Task<string> CreateHistoryAsync(string name, CancellationToken ct)
    {
        using var response = await Client.PostAsJsonAsync("/api/histories", new { name }, ct);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        using var history = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        Assert.Equal(name, history.RootElement.GetProperty("name").GetString());
        return history.RootElement.GetProperty("id").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        await SampleProcess.StopAsync(_directory, _app);
    }
}
