using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Galaxy.Data;
using Galaxy.Legacy;
using Microsoft.Extensions.DependencyInjection;

namespace Galaxy.Modern.Tests;

/// <summary>
/// The migration page of the modern sample, <c>/api/_migration</c>: admins only, linked from <c>/api/docs</c>, and showing
/// at a glance the share of the legacy manifest the sample ports and the busiest legacy routes from the run-time counters.
/// </summary>
public sealed partial class MigrationPageTests
{
    private const string PagePath = "/api/_migration";

    [Fact]
    public async Task Only_an_admin_sees_the_migration_page()
    {
        using var directory = new Galaxy.Legacy.Tests.TempDirectory();
        await using var host = await ModernHost.StartAsync(directory.File("galaxy.sqlite"));
        var users = host.Services.GetRequiredService<UserRepository>();
        var user = await users.CreateAsync("not-an-admin", "not-an-admin@example.org", cancellationToken: TestContext.Current.CancellationToken);
        using var nonAdmin = new HttpClient { BaseAddress = host.Address };
        nonAdmin.DefaultRequestHeaders.Add("x-api-key", await users.CreateApiKeyAsync(user.Id, TestContext.Current.CancellationToken));
        using var badKey = new HttpClient { BaseAddress = host.Address };
        badKey.DefaultRequestHeaders.Add("x-api-key", "not-a-key");

        (await host.Anonymous.SendAsync(HttpMethod.Get, PagePath)).AssertGalaxyError(403, 403001);
        (await badKey.SendAsync(HttpMethod.Get, PagePath)).AssertGalaxyError(401, 401001);
        (await host.Anonymous.SendAsync(HttpMethod.Get, PagePath + "?key=not-a-key")).AssertGalaxyError(401, 401001);
        (await nonAdmin.SendAsync(HttpMethod.Get, PagePath)).AssertGalaxyError(403, 403006);
        (await nonAdmin.SendAsync(HttpMethod.Get, PagePath + "/coverage")).AssertGalaxyError(403, 403006);

        var page = await host.Client.GetAsync(new Uri(PagePath, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<h1>Migration status</h1>", await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_docs_link_the_page_which_shows_the_share_ported_and_the_busiest_legacy_routes()
    {
        using var directory = new Galaxy.Legacy.Tests.TempDirectory();
        await using var host = await ModernHost.StartAsync(directory.File("galaxy.sqlite"));

        // The docs page (public) carries the link; a browser follows it with the admin's key in the query.
        var docs = await host.Anonymous.GetStringAsync(new Uri("/api/docs", UriKind.Relative), TestContext.Current.CancellationToken);
        var link = DocsLink().Match(docs);
        Assert.True(link.Success, $"/api/docs has no link to the migration page:\n{docs}");
        Assert.Equal(PagePath, link.Groups[1].Value);
        var before = await PageAsync(host, link.Groups[1].Value + "?key=" + ModernHost.AdminApiKey);
        Assert.Contains("<p id=\"busiest\">No legacy operation has been used yet.</p>", before, StringComparison.Ordinal);
        Assert.Contains($"href=\"{PagePath}/coverage?key={ModernHost.AdminApiKey}\"", before, StringComparison.Ordinal);

        // Forwarded requests: three to the tool panel, one to a history's contents; ported ones are not counted.
        var history = await host.Client.OkAsync(HttpMethod.Post, "/api/histories", """{"name": "counted"}""");
        for (var i = 0; i < 3; i++)
        {
            await host.Client.OkAsync(HttpMethod.Get, "/api/tools");
        }

        await host.Client.OkAsync(HttpMethod.Get, history.Text("contents_url"));
        await host.Client.OkAsync(HttpMethod.Get, "/api/histories");
        var page = await PageAsync(host, PagePath);

        // The share: the manifest's operations, of which those the sample's compile-time document lists as its own.
        var (operations, ported) = ExpectedCoverage();
        var percent = Math.Round(100.0 * ported.Count / operations.Count, 1).ToString("0.0", CultureInfo.InvariantCulture);
        Assert.Contains($"<strong>{ported.Count} of {operations.Count}</strong> legacy operations ported ({percent}%);", page, StringComparison.Ordinal);
        Assert.Contains($"{operations.Count - ported.Count} still served by the legacy application.", page, StringComparison.Ordinal);
        Assert.Contains($"aria-label=\"{percent}% ported\"", page, StringComparison.Ordinal);
        Assert.Contains("<p>4 requests forwarded to the legacy application since ", page, StringComparison.Ordinal);
        var portedList = Section(page, "<ul id=\"ported\">", "</ul>");
        Assert.Equal(ported.Order(StringComparer.Ordinal), PortedItem().Matches(portedList).Select(static m => WebUtility.HtmlDecode(m.Groups[1].Value)).Order(StringComparer.Ordinal));
        Assert.Contains("GET /api/version", ported);
        Assert.Contains("GET /api/histories/{history_id}", ported);
        Assert.DoesNotContain("GET /api/tools", ported);

        // The busiest legacy routes, busiest first, with their counts.
        var busiest = BusiestRow().Matches(Section(page, "<table id=\"busiest\">", "</table>"))
            .Select(static m => (Route: WebUtility.HtmlDecode(m.Groups[1].Value), OperationId: m.Groups[2].Value, Requests: int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture)))
            .ToList();
        Assert.Equal(
            [("GET /api/tools", "index_api_tools_get", 3), ("GET /api/histories/{history_id}/contents", "history_contents__index", 1)],
            busiest);
    }

    private static async Task<string> PageAsync(ModernHost host, string path)
    {
        var response = await (path.Contains("key=", StringComparison.Ordinal) ? host.Anonymous : host.Client)
            .GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {html}");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        return html;
    }

    /// <summary>The text between <paramref name="start"/> and the next <paramref name="end"/>.</summary>
    private static string Section(string html, string start, string end)
    {
        var from = html.IndexOf(start, StringComparison.Ordinal);
        Assert.True(from >= 0, $"the page has no {start}:\n{html}");
        var to = html.IndexOf(end, from, StringComparison.Ordinal);
        Assert.True(to > from, $"the page does not close {start}:\n{html}");
        return html[from..to];
    }

    /// <summary>
    /// The legacy manifest's operations ("GET /api/tools"), and those the sample ports: the ones its compile-time document
    /// lists without the tag <c>undocumented</c> that the merge gives to operations only the legacy side serves.
    /// </summary>
    private static (List<string> Operations, List<string> Ported) ExpectedCoverage()
    {
        static IEnumerable<(string Operation, JsonElement Value)> Operations(JsonElement document)
            => document.GetProperty("paths").EnumerateObject().SelectMany(static path => path.Value.EnumerateObject()
                .Where(static m => m.Name is "get" or "put" or "post" or "delete" or "patch" or "head" or "options")
                .Select(m => (m.Name.ToUpperInvariant() + " " + path.Name, m.Value)));

        using var manifest = JsonDocument.Parse(File.ReadAllText(GalaxyLegacyApp.ManifestPath));
        using var sample = JsonDocument.Parse(File.ReadAllText(ExternalProgram.RepositoryFile("SampleDocumentFile")));
        var operations = Operations(manifest.RootElement).Select(static o => o.Operation).ToList();
        var own = Operations(sample.RootElement)
            .Where(static o => !o.Value.TryGetProperty("tags", out var tags) || !tags.EnumerateArray().Any(static t => t.GetString() == "undocumented"))
            .Select(static o => o.Operation)
            .ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(operations);
        return (operations, [.. operations.Where(own.Contains)]);
    }

    [GeneratedRegex("""<nav class="galaxy-docs-links"[^>]*>.*?<a href="([^"]+)"[^>]*>Migration status \(admins\)</a>""", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex DocsLink();

    [GeneratedRegex("""<li><code>([^<]+)</code>""", RegexOptions.CultureInvariant)]
    private static partial Regex PortedItem();

    [GeneratedRegex("""<tr><td><code>([^<]+)</code></td><td>([^<]*)</td><td class="n">(\d+)</td></tr>""", RegexOptions.CultureInvariant)]
    private static partial Regex BusiestRow();
}
