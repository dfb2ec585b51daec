using System.Text.Json;
using System.Text.RegularExpressions;

namespace Galaxy.Modern.Tests;

/// <summary>
/// <c>/api/docs</c> (Swagger UI) and <c>/api/redoc</c> (ReDoc) of the modern host in headless Chromium (Debian's
/// <c>chromium</c>) with every host but 127.0.0.1 unreachable: the pages render the document's operations from the host's
/// own assets, request nothing elsewhere, raise no script error, and leave a screenshot under the test output's artifacts.
/// </summary>
public sealed partial class DocsBrowserTests(ModernHost host) : IClassFixture<ModernHost>
{
    private static readonly string[] Flags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        // Offline: any other host fails to resolve, so a page that needs a CDN renders nothing.
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
        "--no-first-run", "--window-size=1280,1000", "--virtual-time-budget=15000",
        // The page's console on stderr.
        "--enable-logging=stderr", "--v=0",
    ];


    [Fact]
    public async Task Swagger_UI_lists_every_path_and_tag_of_the_document()
    {
        var (document, dom) = await RenderAsync("/api/docs", "swagger-ui.png", tolerated: []);

        foreach (var path in Paths(document))
        {
            Assert.Contains($"data-path=\"{path}\"", dom, StringComparison.Ordinal);
        }

        foreach (var tag in Tags(document))
        {
            Assert.Contains($"data-tag=\"{tag}\"", dom, StringComparison.Ordinal);
        }

        Assert.Contains("opblock-summary-method", dom, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReDoc_lists_every_tag_and_the_first_operation()
    {
        var (document, dom) = await RenderAsync("/api/redoc", "redoc.png", tolerated: []);

        // ReDoc renders lazily: the menu has every tag, the page the first tag's operations.
        foreach (var tag in Tags(document))
        {
            Assert.Contains($">{tag}<", dom, StringComparison.Ordinal);
        }

        Assert.Contains(">Galaxy API (23.1)<", dom, StringComparison.Ordinal);
        Assert.Contains(">/api/version<", dom, StringComparison.Ordinal);
    }

    private static IEnumerable<string> Paths(JsonElement document) => document.GetProperty("paths").EnumerateObject().Select(static p => p.Name);

    private static IEnumerable<string> Tags(JsonElement document) => document.GetProperty("tags").EnumerateArray().Select(static t => t.Text("name"));

    /// <summary>The rendered DOM of a page, after a screenshot of it is kept; the page's requests and console are checked on the way.</summary>
    private async Task<(JsonElement Document, string Dom)> RenderAsync(string page, string screenshotName, string[] tolerated)
    {
        var chromium = ExternalProgram.Find("chromium", "chromium");
        var document = await host.Client.OkAsync(HttpMethod.Get, "/api/openapi.json");
        var url = new Uri(host.Address, page).ToString();
        using var profile = new Galaxy.Legacy.Tests.TempDirectory();
        var netLog = profile.File("netlog.json");

        var (domExit, dom, domLog) = await ExternalProgram.RunAsync(
            chromium, [.. Flags, "--user-data-dir=" + profile.File("dom-profile"), "--log-net-log=" + netLog, "--dump-dom", url], TimeSpan.FromMinutes(2));
        Assert.True(domExit == 0, $"chromium --dump-dom exited with {domExit}: {domLog}");
        AssertOnlyLoopbackRequests(netLog, host.Address, tolerated);
        AssertNoScriptErrors(domLog);

        var screenshot = Path.Combine(ExternalProgram.ArtifactsFolder(), screenshotName);
        File.Delete(screenshot);
        var (shotExit, _, shotLog) = await ExternalProgram.RunAsync(
            chromium, [.. Flags, "--user-data-dir=" + profile.File("shot-profile"), "--screenshot=" + screenshot, url], TimeSpan.FromMinutes(2));
        Assert.True(shotExit == 0, $"chromium --screenshot exited with {shotExit}: {shotLog}");
        AssertNoScriptErrors(shotLog);
        var png = await File.ReadAllBytesAsync(screenshot, TestContext.Current.CancellationToken);
        Assert.True(png.Length > 1000, $"{screenshot}: {png.Length} bytes");
        Assert.Equal([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], png[..8]);
        TestContext.Current.TestOutputHelper?.WriteLine($"screenshot of {page}: {screenshot}");
        TestContext.Current.SendDiagnosticMessage($"screenshot of {page}: {screenshot}");
        return (document, dom);
    }

    /// <summary>
    /// Every request the page made (its navigation, and what it started: initiator = the host's origin) went to 127.0.0.1.
    /// The browser's own traffic (update and account checks, initiator "not an origin") is not the page's.
    /// </summary>
    private static void AssertOnlyLoopbackRequests(string netLogPath, Uri origin, string[] tolerated)
    {
        using var netLog = JsonDocument.Parse(File.ReadAllText(netLogPath));
        var startJob = netLog.RootElement.GetProperty("constants").GetProperty("logEventTypes").GetProperty("URL_REQUEST_START_JOB").GetInt32();
        var pageOrigin = origin.GetLeftPart(UriPartial.Authority);
        var requests = netLog.RootElement.GetProperty("events").EnumerateArray()
            .Where(e => e.GetProperty("type").GetInt32() == startJob && e.TryGetProperty("params", out var p) && p.TryGetProperty("url", out _))
            .Select(static e => e.GetProperty("params"))
            .Where(p => p.Text("initiator") == pageOrigin || p.Text("url").StartsWith(pageOrigin, StringComparison.Ordinal))
            .Select(static p => new Uri(p.Text("url")))
            .ToList();

        Assert.Contains(requests, static r => r.AbsolutePath.EndsWith("/openapi.json", StringComparison.Ordinal));
        Assert.All(
            requests.Where(r => !tolerated.Contains(r.ToString(), StringComparer.Ordinal)),
            static r => Assert.True(r.Host == "127.0.0.1", $"the page requested {r}: the docs must work offline"));
    }

    /// <summary>No uncaught exception or failed load on the page's console (Chromium logs console lines without their level).</summary>
    private static void AssertNoScriptErrors(string chromiumLog)
    {
        var console = chromiumLog.Split('\n').Where(static l => l.Contains(":CONSOLE", StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(console, static l => ScriptError().IsMatch(l));
    }

    [GeneratedRegex(@"Uncaught|Error|Failed to load|Refused to", RegexOptions.CultureInvariant)]
    private static partial Regex ScriptError();
}
