using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Galaxy.Api.Toolkit.Ids;
using Galaxy.Data;
using Galaxy.Legacy;
using Galaxy.Modern;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Galaxy.Hardening.Tests;

/// <summary>How the modern sample reaches the legacy app.</summary>
public enum LegacyMode
{
    /// <summary>The legacy app mounted in the same process (the sample's default).</summary>
    InProcess,

    /// <summary>The legacy app on a Kestrel of its own, reached over YARP (<c>Galaxy:LegacyServers</c>).</summary>
    Proxy,

    /// <summary>In process, the whole host under the URL prefix <c>/galaxy</c> (<c>Galaxy:UrlPrefix</c>).</summary>
    UrlPrefix,
}

/// <summary>
/// The modern sample on Kestrel (127.0.0.1, a free port) in one <see cref="LegacyMode"/>, on a fresh database, with the
/// callers of the auth matrix: the admin (configured key), a regular user who owns a history and a dataset, and another
/// regular user who owns nothing. Users are created in the shared database (the API has no user creation).
/// </summary>
public sealed class AuthMatrixHost : IAsyncDisposable
{
    /// <summary>The admin's API key, given to the host through configuration.</summary>
    public const string AdminApiKey = "authmatrix-admin-key-0123456789";

    /// <summary>A key no user has (well-formed: 32 hex digits, as the sample's own keys).</summary>
    public const string BadApiKey = "0123456789abcdef0123456789abcdef";

    /// <summary>The URL prefix of <see cref="LegacyMode.UrlPrefix"/>.</summary>
    public const string UrlPrefix = "/galaxy";

    private readonly string _directory = SampleProcess.NewDirectory("authmatrix");
    private WebApplication? _legacy;

    private AuthMatrixHost(LegacyMode mode) => Mode = mode;

    /// <summary>How the legacy app is reached.</summary>
    public LegacyMode Mode { get; }

    /// <summary>The modern host.</summary>
    public WebApplication App { get; private set; } = null!;

    /// <summary><c>http://127.0.0.1:port</c> plus the URL prefix, without a trailing slash: request paths are appended.</summary>
    public string Root { get; private set; } = "";

    /// <summary>A client without a default key: each request brings its own.</summary>
    public HttpClient Client { get; private set; } = null!;

    /// <summary>The regular user's API key.</summary>
    public string UserApiKey { get; private set; } = "";

    /// <summary>A key the regular user had before <see cref="UserApiKey"/> replaced it.</summary>
    public string RetiredApiKey { get; private set; } = "";

    /// <summary>The other regular user's API key.</summary>
    public string OtherUserApiKey { get; private set; } = "";

    /// <summary>The encoded id of the regular user.</summary>
    public string UserId { get; private set; } = "";

    /// <summary>The encoded id of the regular user's history.</summary>
    public string HistoryId { get; private set; } = "";

    /// <summary>The encoded id of a dataset in <see cref="HistoryId"/>, made by running a tool.</summary>
    public string DatasetId { get; private set; } = "";

    /// <summary>The tool the fixture ran.</summary>
    public string ToolId { get; } = "cat1";

    /// <summary>Galaxy's id encoding under the host's secret (for ids of objects that do not exist).</summary>
    public GalaxyIdEncoder Ids => App.Services.GetRequiredService<GalaxyIdEncoder>();

    /// <summary>Starts a host in <paramref name="mode"/> and creates its users and objects.</summary>
    public static async Task<AuthMatrixHost> StartAsync(LegacyMode mode, CancellationToken ct)
    {
        var host = new AuthMatrixHost(mode);
        try
        {
            await host.InitializeAsync(ct);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    private async Task InitializeAsync(CancellationToken ct)
    {
        var common = SampleProcess.Settings(_directory, AdminApiKey);
        var modern = new List<string>(common);
        if (Mode == LegacyMode.Proxy)
        {
            // The legacy server first: it creates the shared database the modern host then opens.
            _legacy = GalaxyLegacyApp.Build(common);
            await _legacy.StartAsync(ct);
            modern.Add("--" + GalaxyModernApp.LegacyServersKey + "=" + SampleProcess.AddressOf(_legacy));
        }
        else if (Mode == LegacyMode.UrlPrefix)
        {
            modern.Add("--" + GalaxyModernApp.UrlPrefixKey + "=" + UrlPrefix);
        }

        App = GalaxyModernApp.Build([.. modern]);
        await App.StartAsync(ct);
        Root = SampleProcess.AddressOf(App).TrimEnd('/') + (Mode == LegacyMode.UrlPrefix ? UrlPrefix : "");
        Client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 8 }) { Timeout = TimeSpan.FromSeconds(30) };

        var users = App.Services.GetRequiredService<UserRepository>();
        var user = await users.CreateAsync("matrix-user", "matrix-user@example.org", cancellationToken: ct);
        // A new key retires the previous one (one active key per user, as Galaxy).
        RetiredApiKey = await users.CreateApiKeyAsync(user.Id, ct);
        UserApiKey = await users.CreateApiKeyAsync(user.Id, ct);
        var other = await users.CreateAsync("matrix-other", "matrix-other@example.org", cancellationToken: ct);
        OtherUserApiKey = await users.CreateApiKeyAsync(other.Id, ct);
        UserId = Ids.Encode(user.Id);

        HistoryId = await CreateHistoryAsync("auth matrix", ct);
        using var run = await SendAsync(HttpMethod.Post, "/api/tools", UserApiKey, JsonContent.Create(new { tool_id = ToolId, history_id = HistoryId }), ct);
        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        using var job = JsonDocument.Parse(await run.Content.ReadAsStringAsync(ct));
        DatasetId = job.RootElement.GetProperty("outputs")[0].GetProperty("id").GetString()!;
    }

    /// <summary>Creates a history of the regular user through the API and returns its encoded id.</summary>
    public async Task<string> CreateHistoryAsync(string name, CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/histories", UserApiKey, JsonContent.Create(new { name }), ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var history = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        return history.RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>Sends a request to <paramref name="path"/> (under <see cref="Root"/>) with <paramref name="apiKey"/> in <c>x-api-key</c>.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? apiKey, HttpContent? content, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, Root + path) { Content = content };
        if (apiKey is not null)
        {
            request.Headers.TryAddWithoutValidation("x-api-key", apiKey);
        }

        return await Client.SendAsync(request, ct);
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        await SampleProcess.StopAsync(_directory, App, _legacy);
    }
}

/// <summary>One host per <see cref="LegacyMode"/>, started on first use and shared by the auth matrix tests.</summary>
public sealed class AuthMatrixHosts : IAsyncDisposable
{
    private readonly Dictionary<LegacyMode, Task<AuthMatrixHost>> _hosts = [];
    private readonly Lock _lock = new();

    /// <summary>The host of <paramref name="mode"/>, started if it is not yet.</summary>
    public Task<AuthMatrixHost> GetAsync(LegacyMode mode)
    {
        lock (_lock)
        {
            if (!_hosts.TryGetValue(mode, out var host))
            {
                // Not the test's token: the host outlives the test that starts it.
                host = AuthMatrixHost.StartAsync(mode, CancellationToken.None);
                _hosts[mode] = host;
            }

            return host;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts.Values)
        {
            if (host.IsCompletedSuccessfully)
            {
                await host.Result.DisposeAsync();
            }
        }
    }
}
