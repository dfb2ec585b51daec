using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Galaxy.Api.Toolkit.Ids;
using Galaxy.Legacy;
using Galaxy.Modern;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Galaxy.Hardening.Tests;

/// <summary>
/// The modern sample on Kestrel (127.0.0.1, a free port) on a fresh database file with a short busy timeout
/// (<see cref="BusyTimeoutMilliseconds"/>), the legacy app mounted in process or, with <c>legacyServer</c>, running as a
/// server of its own on the same file behind the fallback's proxy; plus direct access to the file to hold its write lock,
/// inject a failure and read what was stored.
/// </summary>
public sealed class DatabaseFaultHost : IAsyncDisposable
{
    /// <summary>The admin's API key, given to the hosts through configuration.</summary>
    public const string AdminApiKey = "database-fault-admin-key-0123456789";

    /// <summary><c>Galaxy:DatabaseBusyTimeout</c> of the hosts: a write waits this long (about a second in all) for another writer.</summary>
    public const int BusyTimeoutMilliseconds = 200;

    /// <summary>How long any one request may take before the test fails instead of hanging.</summary>
    private static readonly TimeSpan RequestBound = TimeSpan.FromSeconds(30);

    private readonly string _directory;
    private readonly WebApplication _modern;
    private readonly WebApplication? _legacy;

    private DatabaseFaultHost(string directory, WebApplication modern, WebApplication? legacy, Uri address)
    {
        _directory = directory;
        _modern = modern;
        _legacy = legacy;
        Client = new HttpClient { BaseAddress = address, Timeout = Timeout.InfiniteTimeSpan };
        Client.DefaultRequestHeaders.Add("x-api-key", AdminApiKey);
        Ids = modern.Services.GetRequiredService<GalaxyIdEncoder>();
    }

    /// <summary>A client of the modern host sending the admin's key.</summary>
    public HttpClient Client { get; }

    /// <summary>The database file both apps use.</summary>
    public string DatabasePath => Path.Combine(_directory, "galaxy.sqlite");

    /// <summary>The id encoding of the API.</summary>
    public GalaxyIdEncoder Ids { get; }

    /// <summary>The modern host's services (the repositories, as a worker uses them).</summary>
    public IServiceProvider Services => _modern.Services;

    /// <summary>Starts the hosts on a new database in a temporary folder.</summary>
    /// <param name="legacyServer">Whether the legacy app runs as a server of its own (reached through the proxy) rather than in process.</param>
    public static async Task<DatabaseFaultHost> StartAsync(bool legacyServer = false)
    {
        var ct = TestContext.Current.CancellationToken;
        var directory = SampleProcess.NewDirectory("database-fault");
        string[] settings =
        [
            .. SampleProcess.Settings(directory, AdminApiKey),
            "--Galaxy:DatabaseBusyTimeout=" + BusyTimeoutMilliseconds.ToString(CultureInfo.InvariantCulture),
        ];
        WebApplication? legacy = null;
        var extra = new List<string>();
        if (legacyServer)
        {
            legacy = GalaxyLegacyApp.Build(settings);
            await legacy.StartAsync(ct);
            extra.Add("--Galaxy:LegacyServers=" + SampleProcess.AddressOf(legacy));
        }

        var modern = GalaxyModernApp.Build([.. settings, .. extra]);
        await modern.StartAsync(ct);
        return new DatabaseFaultHost(directory, modern, legacy, new Uri(SampleProcess.AddressOf(modern)));
    }

    /// <summary>Sends a request (a JSON body when <paramref name="body"/> is given); fails the test if no answer comes within 30 s.</summary>
    public async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpMethod method, string path, object? body = null)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        bound.CancelAfter(RequestBound);
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        try
        {
            using var response = await Client.SendAsync(request, bound.Token);
            var text = await response.Content.ReadAsStringAsync(bound.Token);
            Assert.True(
                response.Content.Headers.ContentType?.MediaType == "application/json",
                $"{method} {path}: {(int)response.StatusCode} with content type '{response.Content.Headers.ContentType}': {text}");
            using var document = JsonDocument.Parse(text);
            return (response.StatusCode, document.RootElement.Clone());
        }
        catch (OperationCanceledException) when (bound.IsCancellationRequested && !TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            Assert.Fail($"{method} {path} got no answer within {RequestBound}.");
            throw;
        }
    }

    /// <summary>Sends a request that must succeed (200) and returns its body.</summary>
    public async Task<JsonElement> OkAsync(HttpMethod method, string path, object? body = null)
    {
        var (status, json) = await SendAsync(method, path, body);
        Assert.True(status == HttpStatusCode.OK, $"{method} {path}: expected 200, got {(int)status}: {json}");
        return json;
    }

    /// <summary>
    /// Takes the database's write lock on a connection of its own (<c>BEGIN EXCLUSIVE</c>, as another process writing for
    /// a long time would) and keeps it until the result is disposed.
    /// </summary>
    public async Task<IAsyncDisposable> HoldWriteLockAsync()
    {
        var connection = await OpenAsync();
        await ExecuteAsync(connection, "BEGIN EXCLUSIVE;");
        return connection;
    }

    /// <summary>Runs SQL on the file directly (a test's own connection), e.g. to add a trigger that injects a failure.</summary>
    public async Task ExecuteAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await ExecuteAsync(connection, sql);
    }

    /// <summary>A number read directly from the file.</summary>
    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    /// <summary>
    /// Every row of the tables the API writes (users, api_keys, histories, datasets, jobs), as text: two equal snapshots
    /// mean nothing was written in between.
    /// </summary>
    public async Task<string> SnapshotAsync()
    {
        var text = new StringBuilder();
        await using var connection = await OpenAsync();
        foreach (var table in new[] { "users", "api_keys", "histories", "datasets", "jobs" })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {table} ORDER BY id;";
            await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
            text.Append('[').Append(table).Append(']').AppendLine();
            while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    text.Append(reader.GetName(i)).Append('=').Append(reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)).Append(' ');
                }

                text.AppendLine();
            }
        }

        return text.ToString();
    }

    /// <summary>The database id behind an encoded id of the API.</summary>
    public long Decode(string encoded) => Ids.Decode(encoded).Value;

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await SampleProcess.StopAsync(_directory, _modern, _legacy);
    }

    private async Task<SqliteConnection> OpenAsync()
    {
        // Not pooled: disposing closes the file handle, and with it any lock the connection held.
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false, DefaultTimeout = 30 }.ToString());
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await ExecuteAsync(connection, "PRAGMA busy_timeout = 10000;");
        return connection;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }
}
