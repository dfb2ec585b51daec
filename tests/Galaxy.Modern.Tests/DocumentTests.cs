using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.OpenApi.Reader;

namespace Galaxy.Modern.Tests;

/// <summary>The compile-time document and the docs page, as served by the sample.</summary>
public sealed partial class DocumentTests(ModernHost host) : IClassFixture<ModernHost>
{
    private static readonly string[] DeclaredOperations =
    [
        "DELETE /api/histories/{history_id}",
        "GET /api/datasets/{dataset_id}",
        "GET /api/histories",
        "GET /api/histories/{history_id}",
        "GET /api/users/{user_id}",
        "GET /api/version",
        "POST /api/histories",
        "PUT /api/histories/{history_id}",
    ];

    /// <summary>The legacy app's operations that are not ported: in the document under the tag <c>undocumented</c>.</summary>
    private static readonly string[] LegacyOperations =
    [
        "GET /api/histories/{history_id}/contents",
        "GET /api/tools",
        "POST /api/tools",
    ];

    private HttpClient Client => host.Client;

    [Fact]
    public async Task Document_reads_without_errors_and_lists_exactly_the_declared_operations()
    {
        await using var stream = await Client.GetStreamAsync("/api/openapi.json", TestContext.Current.CancellationToken);
        var result = await OpenApiModelFactory.LoadAsync(stream, "json", settings: null, TestContext.Current.CancellationToken);

        Assert.Empty(result.Diagnostic!.Errors);
        Assert.Equal("3.1.0", result.Diagnostic.SpecificationVersion.ToString() switch { "OpenApi3_1" => "3.1.0", var v => v });
        var document = result.Document!;
        Assert.Equal("Galaxy API", document.Info.Title);
        var operations = document.Paths
            .SelectMany(static path => path.Value.Operations!.Select(op => (Name: $"{op.Key.Method.ToUpperInvariant()} {path.Key}", Legacy: op.Value.Tags!.Any(static t => t.Name == "undocumented"))))
            .ToArray();
        Assert.Equal(DeclaredOperations, operations.Where(static o => !o.Legacy).Select(static o => o.Name).Order(StringComparer.Ordinal));
        Assert.Equal(LegacyOperations, operations.Where(static o => o.Legacy).Select(static o => o.Name).Order(StringComparer.Ordinal));
        Assert.All(document.Paths.SelectMany(static p => p.Value.Operations!.Values), static op => Assert.Contains("200", op.Responses!.Keys));
    }

    [Fact]
    public async Task Document_has_a_strong_etag_of_its_bytes_and_answers_304()
    {
        using var response = await Client.GetAsync("/api/openapi.json", TestContext.Current.CancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        var etag = response.Headers.ETag!;

        Assert.False(etag.IsWeak);
        Assert.Equal("\"" + Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 16)) + "\"", etag.Tag);
        Assert.Equal(bytes.Length, response.Content.Headers.ContentLength);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/openapi.json");
        request.Headers.IfNoneMatch.Add(etag);
        using var revalidated = await Client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        Assert.Empty(await revalidated.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));

        using var stale = new HttpRequestMessage(HttpMethod.Get, "/api/openapi.json");
        stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"other\""));
        using var full = await Client.SendAsync(stale, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, full.StatusCode);
    }

    [Fact]
    public async Task Document_written_at_build_is_byte_identical_to_the_served_one()
    {
        var file = typeof(DocumentTests).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().Single(static a => a.Key == "SampleDocumentFile").Value!;

        var served = await Client.GetByteArrayAsync("/api/openapi.json", TestContext.Current.CancellationToken);

        Assert.True(File.Exists(file), $"The build did not write {file}.");
        Assert.Equal(served, await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Document_is_also_served_at_the_root_as_FastAPI_does()
    {
        var api = await Client.GetByteArrayAsync("/api/openapi.json", TestContext.Current.CancellationToken);
        var root = await Client.GetByteArrayAsync("/openapi.json", TestContext.Current.CancellationToken);

        Assert.Equal(api, root);
    }

    [Fact]
    public async Task Docs_page_and_every_asset_it_loads_are_served_offline()
    {
        using var page = await Client.GetAsync("/api/docs", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("data-document-url=\"/api/openapi.json\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);

        var baseHref = BaseHref().Match(html).Groups[1].Value;
        Assert.Equal("/api/docs/", baseHref);
        var assets = Asset().Matches(html).Select(static m => m.Groups[1].Value).ToList();
        Assert.Contains("swagger-ui-bundle.js", assets);
        Assert.Contains("swagger-ui.css", assets);
        foreach (var asset in assets)
        {
            using var response = await Client.GetAsync(baseHref + asset, TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{asset}: {response.StatusCode}");
            Assert.True((await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken)).Length > 0, asset);
        }
    }

    [Fact]
    public async Task Docs_assets_are_sent_precompressed_to_clients_that_accept_gzip()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/docs/swagger-ui-bundle.js");
        request.Headers.AcceptEncoding.ParseAdd("gzip");
        using var response = await Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("gzip", response.Content.Headers.ContentEncoding);
        var compressed = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        var plain = await Client.GetByteArrayAsync("/api/docs/swagger-ui-bundle.js", TestContext.Current.CancellationToken);
        Assert.True(compressed.Length < plain.Length / 2, $"{compressed.Length} vs {plain.Length}");
    }

    [Fact]
    public async Task Redoc_page_and_its_script_are_served_offline()
    {
        using var page = await Client.GetAsync("/api/redoc", TestContext.Current.CancellationToken);
        var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        // ReDoc's telemetry off, and a policy that keeps the page on this host (its logo would come from a CDN).
        Assert.Contains("<redoc spec-url=\"/api/openapi.json\" disable-telemetry=\"true\">", html, StringComparison.Ordinal);
        Assert.StartsWith("default-src 'self'; img-src 'self' data:", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.DoesNotContain("http", html, StringComparison.Ordinal);
        Assert.Equal("/api/redoc/", BaseHref().Match(html).Groups[1].Value);
        using var script = await Client.GetAsync("/api/redoc/redoc.standalone.js", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.True((await script.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken)).Length > 1_000_000);
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    [InlineData("gzip;q=0.5, br;q=0.9")]
    public async Task Document_is_served_precompressed_and_decompresses_to_the_same_bytes(string acceptEncoding)
    {
        var plain = await Client.GetByteArrayAsync("/api/openapi.json", TestContext.Current.CancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/openapi.json");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        using var response = await Client.SendAsync(request, TestContext.Current.CancellationToken);
        var encoding = Assert.Single(response.Content.Headers.ContentEncoding);
        var compressed = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);

        Assert.True(compressed.Length < plain.Length / 3, $"{encoding}: {compressed.Length} of {plain.Length}");
        using Stream decoder = encoding == "br"
            ? new System.IO.Compression.BrotliStream(new MemoryStream(compressed), System.IO.Compression.CompressionMode.Decompress)
            : new System.IO.Compression.GZipStream(new MemoryStream(compressed), System.IO.Compression.CompressionMode.Decompress);
        using var decoded = new MemoryStream();
        await decoder.CopyToAsync(decoded, TestContext.Current.CancellationToken);
        Assert.Equal(plain, decoded.ToArray());
        Assert.EndsWith("-" + encoding + "\"", response.Headers.ETag!.Tag, StringComparison.Ordinal);
        Assert.Equal(acceptEncoding.StartsWith("gzip;", StringComparison.Ordinal) ? "br" : acceptEncoding, encoding);
    }

    [Fact]
    public async Task Refused_encodings_are_not_used()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/openapi.json");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "br;q=0, gzip;q=0");
        using var response = await Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Empty(response.Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task Unknown_docs_asset_is_404()
    {
        using var response = await Client.GetAsync("/api/docs/nothing.js", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [GeneratedRegex("<base href=\"([^\"]+)\">")]
    private static partial Regex BaseHref();

    [GeneratedRegex("(?:src|href)=\"(?!/)([^\"]+)\"")]
    private static partial Regex Asset();
}
