using System.Diagnostics;
using System.Net.Sockets;
using System.Text.Json;

namespace Galaxy.Modern.Tests;

/// <summary>
/// Debian's nginx in front of the modern host, with and without a URL prefix: with <c>--Galaxy:UrlPrefix=/galaxy</c> behind
/// the sample's <c>samples/nginx/galaxy.conf</c>, and without a prefix behind <c>samples/nginx/galaxy-root.conf</c> (ports
/// replaced): everything a client and a browser need works through the proxy, and the links the host writes fit the deployment.
/// </summary>
public sealed class NginxTests
{
    [Fact]
    public async Task Through_nginx_under_galaxy_the_host_answers_and_writes_prefixed_links()
    {
        var nginx = ExternalProgram.Find("nginx", "nginx");
        using var directory = new Galaxy.Legacy.Tests.TempDirectory();
        await using var host = await ModernHost.StartAsync(directory.File("galaxy.sqlite"), "--Galaxy:UrlPrefix=/galaxy");
        await using var proxy = await NginxProcess.StartAsync(nginx, ExternalProgram.RepositoryFile("NginxSampleConfig"), directory.Path, host.Address.Port);
        using var client = new HttpClient { BaseAddress = proxy.Address };
        client.DefaultRequestHeaders.Add("x-api-key", ModernHost.AdminApiKey);

        var version = await client.OkAsync(HttpMethod.Get, "/galaxy/api/version");
        var history = await client.OkAsync(HttpMethod.Post, "/galaxy/api/histories", """{"name": "behind nginx"}""");
        var id = history.Text("id");
        var shown = await client.OkAsync(HttpMethod.Get, history.Text("url"));
        var contents = await client.OkAsync(HttpMethod.Get, history.Text("contents_url"));
        var tools = await client.OkAsync(HttpMethod.Get, "/galaxy/api/tools?in_panel=False");
        var run = await client.OkAsync(HttpMethod.Post, "/galaxy/api/tools", JsonSerializer.Serialize(new { tool_id = "cat1", history_id = id }));
        var docs = await client.GetAsync(new Uri("/galaxy/api/docs", UriKind.Relative), TestContext.Current.CancellationToken);
        var docsHtml = await docs.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var document = await client.OkAsync(HttpMethod.Get, "/galaxy/api/openapi.json");

        Assert.Equal("23.1", version.Text("version_major"));
        Assert.Equal($"/galaxy/api/histories/{id}", history.Text("url"));
        Assert.Equal($"/galaxy/api/histories/{id}/contents", history.Text("contents_url"));
        Assert.Equal(id, shown.Text("id"));
        Assert.Equal(JsonValueKind.Array, contents.ValueKind);
        Assert.Contains(tools.EnumerateArray(), static t => t.Text("id") == "cat1");
        Assert.Equal(JsonValueKind.Object, run.ValueKind);
        var dataset = Assert.Single((await client.OkAsync(HttpMethod.Get, history.Text("contents_url"))).EnumerateArray());
        Assert.StartsWith("/galaxy/api/", dataset.Text("url"), StringComparison.Ordinal);
        Assert.Equal(200, (int)docs.StatusCode);
        Assert.Contains("/galaxy/api/openapi.json", docsHtml, StringComparison.Ordinal);
        Assert.Contains("<base href=\"/galaxy/api/docs/\">", docsHtml, StringComparison.Ordinal);
        var asset = await client.GetAsync(new Uri("/galaxy/api/docs/swagger-ui-bundle.js", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(200, (int)asset.StatusCode);
        // The docs link the migration page under the prefix, and its own links keep it.
        Assert.Contains("<a href=\"/galaxy/api/_migration\"", docsHtml, StringComparison.Ordinal);
        var migration = await client.GetAsync(new Uri("/galaxy/api/_migration", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(200, (int)migration.StatusCode);
        Assert.Contains("href=\"/galaxy/api/_migration/coverage\"", await migration.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal("/galaxy", Assert.Single(document.GetProperty("servers").EnumerateArray()).Text("url"));
        Assert.True(document.GetProperty("paths").TryGetProperty("/api/histories/{history_id}/contents", out _));

        // The host itself still answers without the prefix (health checks, a second proxy at the root).
        Assert.Equal("23.1", (await host.Client.OkAsync(HttpMethod.Get, "/api/version")).Text("version_major"));
        // nginx redirects the bare prefix to the folder.
        using var noRedirect = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = proxy.Address };
        var bare = await noRedirect.GetAsync(new Uri("/galaxy", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(301, (int)bare.StatusCode);
        Assert.Equal($"http://{proxy.Address.Authority}/galaxy/", bare.Headers.Location?.ToString());
    }

    [Fact]
    public async Task Through_nginx_at_the_root_the_host_answers_and_writes_links_without_a_prefix()
    {
        var nginx = ExternalProgram.Find("nginx", "nginx");
        using var directory = new Galaxy.Legacy.Tests.TempDirectory();
        var rootConfig = Path.Combine(Path.GetDirectoryName(ExternalProgram.RepositoryFile("NginxSampleConfig"))!, "galaxy-root.conf");
        Assert.True(File.Exists(rootConfig), $"{rootConfig} does not exist");
        await using var host = await ModernHost.StartAsync(directory.File("galaxy.sqlite"));
        await using var proxy = await NginxProcess.StartAsync(nginx, rootConfig, directory.Path, host.Address.Port);
        using var client = new HttpClient { BaseAddress = proxy.Address };
        client.DefaultRequestHeaders.Add("x-api-key", ModernHost.AdminApiKey);

        var version = await client.OkAsync(HttpMethod.Get, "/api/version");
        var history = await client.OkAsync(HttpMethod.Post, "/api/histories", """{"name": "behind nginx at the root"}""");
        var id = history.Text("id");
        var shown = await client.OkAsync(HttpMethod.Get, history.Text("url"));
        var tools = await client.OkAsync(HttpMethod.Get, "/api/tools?in_panel=False");
        var run = await client.OkAsync(HttpMethod.Post, "/api/tools", JsonSerializer.Serialize(new { tool_id = "cat1", history_id = id }));
        var contents = await client.OkAsync(HttpMethod.Get, history.Text("contents_url"));
        var docs = await client.GetAsync(new Uri("/api/docs", UriKind.Relative), TestContext.Current.CancellationToken);
        var docsHtml = await docs.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var asset = await client.GetAsync(new Uri("/api/docs/swagger-ui-bundle.js", UriKind.Relative), TestContext.Current.CancellationToken);
        var document = await client.OkAsync(HttpMethod.Get, "/api/openapi.json");

        Assert.Equal("23.1", version.Text("version_major"));
        Assert.Equal($"/api/histories/{id}", history.Text("url"));
        Assert.Equal($"/api/histories/{id}/contents", history.Text("contents_url"));
        Assert.Equal(id, shown.Text("id"));
        Assert.Contains(tools.EnumerateArray(), static t => t.Text("id") == "cat1");
        Assert.Equal(JsonValueKind.Object, run.ValueKind);
        var dataset = Assert.Single(contents.EnumerateArray());
        Assert.StartsWith("/api/", dataset.Text("url"), StringComparison.Ordinal);
        Assert.Equal(200, (int)docs.StatusCode);
        Assert.Equal("text/html", docs.Content.Headers.ContentType?.MediaType);
        Assert.Contains("data-document-url=\"/api/openapi.json\"", docsHtml, StringComparison.Ordinal);
        Assert.Contains("<base href=\"/api/docs/\">", docsHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("/galaxy", docsHtml, StringComparison.Ordinal);
        Assert.Equal(200, (int)asset.StatusCode);
        Assert.Equal("/", Assert.Single(document.GetProperty("servers").EnumerateArray()).Text("url"));
        Assert.True(document.GetProperty("paths").TryGetProperty("/api/histories/{history_id}/contents", out _));

        // The Galaxy errors pass through nginx unchanged.
        using var anonymous = new HttpClient { BaseAddress = proxy.Address };
        (await anonymous.SendAsync(HttpMethod.Get, "/api/users/current")).AssertGalaxyError(403, 403001);
        (await anonymous.SendAsync(HttpMethod.Get, "/api/tools?key=not-a-key")).AssertGalaxyError(401, 401001);
    }

    /// <summary>nginx in the foreground (one process, no daemon), with its prefix, pid, temp folders and logs under a temporary folder.</summary>
    private sealed class NginxProcess : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly string _errorLog;

        private NginxProcess(Process process, Uri address, string errorLog)
        {
            _process = process;
            Address = address;
            _errorLog = errorLog;
        }

        public Uri Address { get; }

        /// <summary>Starts nginx with a sample configuration (a file of <c>samples/nginx/</c>), its listen and upstream ports replaced.</summary>
        public static async Task<NginxProcess> StartAsync(string nginx, string sampleConfig, string folder, int upstreamPort)
        {
            var sample = await File.ReadAllTextAsync(sampleConfig, TestContext.Current.CancellationToken);
            var port = ExternalProgram.FreePort();
            var server = Replace(Replace(sample, "listen 80;", $"listen 127.0.0.1:{port};"), "proxy_pass http://127.0.0.1:8080", $"proxy_pass http://127.0.0.1:{upstreamPort}");
            var prefix = Path.Combine(folder, "nginx");
            Directory.CreateDirectory(Path.Combine(prefix, "logs"));
            await File.WriteAllTextAsync(Path.Combine(prefix, "galaxy.conf"), server, TestContext.Current.CancellationToken);
            var errorLog = Path.Combine(prefix, "logs", "error.log");
            await File.WriteAllTextAsync(Path.Combine(prefix, "nginx.conf"), $$"""
                daemon off;
                master_process off;
                worker_processes 1;
                pid {{prefix}}/nginx.pid;
                error_log {{errorLog}} warn;
                events { worker_connections 64; }
                http {
                    access_log {{prefix}}/logs/access.log;
                    client_body_temp_path {{prefix}}/client_body;
                    proxy_temp_path {{prefix}}/proxy;
                    fastcgi_temp_path {{prefix}}/fastcgi;
                    uwsgi_temp_path {{prefix}}/uwsgi;
                    scgi_temp_path {{prefix}}/scgi;
                    include {{prefix}}/galaxy.conf;
                }
                """, TestContext.Current.CancellationToken);

            var process = ExternalProgram.Start(nginx, ["-p", prefix + "/", "-c", Path.Combine(prefix, "nginx.conf"), "-e", errorLog]);
            var started = new NginxProcess(process, new Uri($"http://127.0.0.1:{port}/"), errorLog);
            await started.WaitUntilListeningAsync(port);
            return started;
        }

        private static string Replace(string text, string old, string replacement)
        {
            Assert.True(text.Contains(old, StringComparison.Ordinal), $"the nginx sample configuration no longer contains '{old}', which this test replaces");
            return text.Replace(old, replacement, StringComparison.Ordinal);
        }

        private async Task WaitUntilListeningAsync(int port)
        {
            // Bounded: nginx listens at once or exits with its reason in the error log.
            for (var attempt = 0; attempt < 200; attempt++)
            {
                if (_process.HasExited)
                {
                    Assert.Fail($"nginx exited with {_process.ExitCode}: {await _process.StandardError.ReadToEndAsync()} {ReadLog()}");
                }

                try
                {
                    using var socket = new TcpClient();
                    await socket.ConnectAsync("127.0.0.1", port, TestContext.Current.CancellationToken);
                    return;
                }
                catch (SocketException)
                {
                    await Task.Delay(50, TestContext.Current.CancellationToken);
                }
            }

            Assert.Fail($"nginx did not listen on 127.0.0.1:{port}: {ReadLog()}");
        }

        private string ReadLog() => File.Exists(_errorLog) ? File.ReadAllText(_errorLog) : "(no error log)";

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync(CancellationToken.None);
            _process.Dispose();
        }
    }
}
