using System.Net;
using System.Text.Json;
using Galaxy.Api.Toolkit.Package.Tests.Packaging;
using Galaxy.Samples.Tests;

namespace Galaxy.Api.Toolkit.Package.Tests.Samples;

/// <summary>
/// The README's Native AOT command for the Galaxy sample, run as CI runs it: not one warning, a native executable, and
/// that executable, started on 127.0.0.1 with its own database, answers the document, the ported operations through
/// their source-generated JSON contracts (the sample's <c>ModernApiJson</c>, Galaxy.Api.Contracts types included),
/// Galaxy's errors and a legacy route forwarded to the legacy app it mounts in process.
/// </summary>
public sealed class SampleNativeAotTests(SampleAotPublish sample) : IClassFixture<SampleAotPublish>
{
    private const string AdminApiKey = "sample-aot-admin-key-0123456789";

    [Fact]
    public void The_sample_publishes_with_native_aot_without_a_warning_into_a_native_executable()
    {
        NativeAot.AssertNoWarning(sample.Output);
        NativeAot.AssertNativeExecutable(sample.Folder, SampleAotPublish.Name);
    }

    [Fact]
    public async Task The_native_sample_serves_the_document_the_ported_operations_galaxy_errors_and_a_legacy_route()
    {
        var ct = TestContext.Current.CancellationToken;
        var executable = NativeAot.AssertNativeExecutable(sample.Folder, SampleAotPublish.Name);
        using var data = new TemporaryFolder("galaxy-sample-aot-run-");
        var database = Path.Combine(data.Path, "galaxy.sqlite");
        using var host = await HostProcess.StartAsync(executable, data.Path, "--Galaxy:AdminApiKey=" + AdminApiKey, "--Galaxy:Database=" + database);
        using var client = new HttpClient { BaseAddress = host.Address, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("x-api-key", AdminApiKey);
        Assert.True(File.Exists(database), $"the host did not create its database at {database}:\n{host.Log}");

        // The document, as the build wrote it, byte for byte.
        using var document = await client.GetAsync(new Uri("/api/openapi.json", UriKind.Relative), ct);
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        Assert.Equal("application/json", document.Content.Headers.ContentType?.MediaType);
        var served = await document.Content.ReadAsByteArrayAsync(ct);
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(sample.BuildOutput, "openapi.json"), ct), served);
        using (var parsed = JsonDocument.Parse(served))
        {
            Assert.StartsWith("3.1.", parsed.RootElement.GetProperty("openapi").GetString(), StringComparison.Ordinal);
            var paths = parsed.RootElement.GetProperty("paths");
            foreach (var path in new[] { "/api/version", "/api/histories", "/api/histories/{history_id}", "/api/users/{user_id}", "/api/datasets/{dataset_id}" })
            {
                Assert.True(paths.TryGetProperty(path, out _), $"the document lacks {path}");
            }
        }

        Assert.Equal("23.1", (await client.OkAsync(HttpMethod.Get, "/api/version")).Text("version_major"));
        Assert.True((await client.OkAsync(HttpMethod.Get, "/api/users/current")).GetProperty("is_admin").GetBoolean(), host.Log);

        // A history created, read back and listed: Galaxy.Api.Contracts' types, serialized by the generated context.
        var created = await client.OkAsync(HttpMethod.Post, "/api/histories", """{"name": "native history"}""");
        Assert.Equal("native history", created.Text("name"));
        var id = created.Text("id");
        var shown = await client.OkAsync(HttpMethod.Get, "/api/histories/" + id);
        Assert.Equal(GalaxyKeys.HistoryDetailed.Sorted(), shown.Keys());
        Assert.Equal(id, shown.Text("id"));
        Assert.Equal("native history", shown.Text("name"));
        var listed = await client.OkAsync(HttpMethod.Get, "/api/histories");
        Assert.Contains(listed.EnumerateArray(), history => history.Text("id") == id && history.Text("name") == "native history");

        // Galaxy's errors: an id of the wrong format at its location, an id that does not decode, a missing key.
        var malformed = (await client.SendAsync(HttpMethod.Get, "/api/histories/badid")).AssertGalaxyError(400, 400008);
        Assert.Equal(["path", "history_id"], Assert.Single(malformed.GetProperty("validation_errors").EnumerateArray()).GetProperty("loc").EnumerateArray().Select(static l => l.GetString()!));
        (await client.SendAsync(HttpMethod.Get, "/api/histories/ffffffffffffffff")).AssertGalaxyError(400, 400009);
        using (var anonymous = new HttpClient { BaseAddress = host.Address, Timeout = TimeSpan.FromSeconds(30) })
        {
            (await anonymous.SendAsync(HttpMethod.Get, "/api/users/current")).AssertGalaxyError(403, 403001);
        }

        // Not ported: forwarded to the legacy app the native host mounts in process, on the same database.
        var tools = await client.OkAsync(HttpMethod.Get, "/api/tools?in_panel=False");
        Assert.Equal(JsonValueKind.Array, tools.ValueKind);
        Assert.Contains(tools.EnumerateArray(), static tool => tool.Text("id") == "cat1");
    }
}
