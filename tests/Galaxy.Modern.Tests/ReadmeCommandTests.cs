using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Galaxy.Modern.Tests;

/// <summary>
/// A newcomer's first run: the README's command, <c>dotnet run --project samples/Galaxy.Modern</c>, as a process from the
/// repository root with only the environment a person has (no setting of the test run leaks in; the one addition is
/// <c>Galaxy__Database</c>, a temporary file, so the run does not write into <c>samples/data</c>). What it prints (the
/// address, the generated admin key, the warning about the default id secret) is what a person needs to go on, and the
/// docs, the document, the ported routes and a forwarded legacy route answer on that address with that key.
/// </summary>
public sealed partial class ReadmeCommandTests
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(60);

    /// <summary>Variables kept from the test run's environment: what any shell has, and <c>DOTNET_ROOT</c> of an SDK installed in a user folder.</summary>
    private static readonly string[] NewcomerVariables = ["PATH", "HOME", "USER", "LOGNAME", "LANG", "LC_ALL", "TMPDIR", "DOTNET_ROOT"];

    [Fact]
    public async Task The_README_command_starts_the_sample_with_docs_a_printed_admin_key_and_the_legacy_routes()
    {
        var (root, configuration) = Repository();
        Assert.Contains("dotnet run --project samples/Galaxy.Modern", await File.ReadAllTextAsync(Path.Combine(root, "README.md"), TestContext.Current.CancellationToken), StringComparison.Ordinal);
        using var directory = new Galaxy.Legacy.Tests.TempDirectory();
        var database = directory.File("galaxy.sqlite");

        await using var run = SampleRun.Start(root, ["run", "--project", "samples/Galaxy.Modern", "--no-build", "-c", configuration, "--", "--urls", "http://127.0.0.1:0"], database);
        var address = new Uri((await run.WaitForAsync(ListeningLine(), "the address it listens on")).Groups[1].Value);
        var adminKey = (await run.WaitForAsync(AdminKeyLine(), "the generated admin API key")).Groups[1].Value;
        await run.WaitForAsync(DefaultSecretLine(), "the warning about the default id secret");

        Assert.Equal("127.0.0.1", address.Host);
        Assert.True(File.Exists(database), $"the run did not use Galaxy__Database ({database}): {run.Output()}");
        Assert.Contains("Galaxy database: " + database, run.Output(), StringComparison.Ordinal);

        using var anonymous = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        using var admin = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        admin.DefaultRequestHeaders.Add("x-api-key", adminKey);

        var docs = await anonymous.GetAsync(new Uri("/api/docs", UriKind.Relative), TestContext.Current.CancellationToken);
        var docsHtml = await docs.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(200, (int)docs.StatusCode);
        Assert.Equal("text/html", docs.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<div id=\"swagger-ui\" data-document-url=\"/api/openapi.json\">", docsHtml, StringComparison.Ordinal);

        var document = await anonymous.OkAsync(HttpMethod.Get, "/api/openapi.json");
        Assert.True(document.GetProperty("paths").TryGetProperty("/api/histories", out _), "the document lists /api/histories");
        Assert.Equal("23.1", (await anonymous.OkAsync(HttpMethod.Get, "/api/version")).Text("version_major"));

        // The printed key is the admin's; without it the same call is Galaxy's 403001.
        var user = await admin.OkAsync(HttpMethod.Get, "/api/users/current");
        Assert.True(user.GetProperty("is_admin").GetBoolean(), $"the printed key is not an admin's: {user}");
        (await anonymous.SendAsync(HttpMethod.Get, "/api/users/current")).AssertGalaxyError(403, 403001);

        // Not ported: forwarded to the legacy app mounted in the same process, on the same database.
        var tools = await admin.OkAsync(HttpMethod.Get, "/api/tools?in_panel=False");
        Assert.Equal(JsonValueKind.Array, tools.ValueKind);
        Assert.Contains(tools.EnumerateArray(), static t => t.Text("id") == "cat1");
    }

    /// <summary>The repository root and the test's build configuration, from the sample output the project file points at (<c>samples/Galaxy.Modern/bin/&lt;Configuration&gt;/net10.0/openapi.json</c>).</summary>
    private static (string Root, string Configuration) Repository()
    {
        var output = Path.GetDirectoryName(ExternalProgram.RepositoryFile("SampleDocumentFile"))!;
        var configuration = Path.GetFileName(Path.GetDirectoryName(output))!;
        var root = Path.GetFullPath(Path.Combine(output, "..", "..", "..", "..", ".."));
        Assert.True(File.Exists(Path.Combine(root, "samples", "Galaxy.Modern", "Galaxy.Modern.csproj")), $"{root} is not the repository root");
        Assert.True(File.Exists(Path.Combine(root, "README.md")), $"{root} has no README.md");
        return (root, configuration);
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex ListeningLine();

    [GeneratedRegex(@"Galaxy:AdminApiKey is not set; the admin's API key \(generated now\) is ([0-9a-f]{32})\b", RegexOptions.CultureInvariant)]
    private static partial Regex AdminKeyLine();

    [GeneratedRegex(@"Galaxy:IdSecret is not set; ids are encoded with Galaxy's public sample secret\. Set Galaxy__IdSecret outside development\.", RegexOptions.CultureInvariant)]
    private static partial Regex DefaultSecretLine();

    /// <summary>The <c>dotnet</c> process of the run with its output collected; its whole tree (the CLI and the app it starts) is killed at the end.</summary>
    private sealed class SampleRun : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _output = new();

        private SampleRun(Process process) => _process = process;

        public static SampleRun Start(string root, string[] arguments, string database)
        {
            var dotnet = DotnetHost();
            var info = new ProcessStartInfo(dotnet)
            {
                WorkingDirectory = root,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in arguments)
            {
                info.ArgumentList.Add(argument);
            }

            info.Environment.Clear();
            foreach (var name in NewcomerVariables)
            {
                if (Environment.GetEnvironmentVariable(name) is { Length: > 0 } value)
                {
                    info.Environment[name] = value;
                }
            }

            // dotnet is on a newcomer's PATH.
            var folder = Path.GetDirectoryName(dotnet)!;
            var path = info.Environment.TryGetValue("PATH", out var current) && current is { Length: > 0 } ? current : string.Empty;
            if (!path.Split(Path.PathSeparator).Contains(folder, StringComparer.Ordinal))
            {
                info.Environment["PATH"] = path.Length == 0 ? folder : folder + Path.PathSeparator + path;
            }

            // A quiet CLI (no first-run banner, no telemetry over the network); nothing the app reads.
            info.Environment["DOTNET_NOLOGO"] = "1";
            info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            info.Environment["Galaxy__Database"] = database;

            var process = new Process { StartInfo = info };
            var run = new SampleRun(process);
            process.OutputDataReceived += run.Collect;
            process.ErrorDataReceived += run.Collect;
            Assert.True(process.Start(), $"{dotnet} did not start");
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return run;
        }

        private void Collect(object sender, DataReceivedEventArgs line)
        {
            if (line.Data is not null)
            {
                lock (_output)
                {
                    _output.AppendLine(line.Data);
                }
            }
        }

        public string Output()
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }

        /// <summary>The first match of <paramref name="pattern"/> in the output, within <see cref="StartLimit"/> of the start.</summary>
        public async Task<Match> WaitForAsync(Regex pattern, string what)
        {
            var clock = Stopwatch.StartNew();
            while (true)
            {
                if (pattern.Match(Output()) is { Success: true } match)
                {
                    return match;
                }

                if (_process.HasExited)
                {
                    await _process.WaitForExitAsync(TestContext.Current.CancellationToken);
                    Assert.Fail($"dotnet run exited with {_process.ExitCode} before printing {what}:\n{Output()}");
                }

                if (clock.Elapsed > StartLimit)
                {
                    Assert.Fail($"dotnet run did not print {what} within {StartLimit.TotalSeconds} s:\n{Output()}");
                }

                await Task.Delay(100, TestContext.Current.CancellationToken);
            }
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (!_process.HasExited)
                {
                    _process.Kill(entireProcessTree: true);
                }

                using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                await _process.WaitForExitAsync(limit.Token);
            }
            catch (InvalidOperationException)
            {
                // Never started.
            }
            finally
            {
                _process.Dispose();
            }
        }

        /// <summary>The <c>dotnet</c> running these tests (the SDK's <c>DOTNET_HOST_PATH</c>, this process), else the one on PATH.</summary>
        private static string DotnetHost()
        {
            if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath))
            {
                return hostPath;
            }

            if (Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet")
            {
                return self;
            }

            foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = Path.Combine(folder, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            Assert.Fail("'dotnet' was found neither in DOTNET_HOST_PATH nor on PATH: this test runs the README's command with the .NET SDK.");
            return null!;
        }
    }
}
