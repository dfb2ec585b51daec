using System.Net;
using System.Text.Json;

namespace Galaxy.Api.Toolkit.Package.Tests.Packaging;

/// <summary>
/// The consumer project (<see cref="ConsumerProject"/>) built from the packed packages and run on 127.0.0.1 answers as
/// the README says: its operations (one on Galaxy's contract types), validation failures in Galaxy's format, a route
/// forwarded to the legacy server, and the document written at build equal to the served one.
/// </summary>
[Collection(PackagesCollection.Name)]
public sealed class ConsumerTests(PackedPackages packages)
{
    private static readonly TimeSpan BuildLimit = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task A_strict_project_built_from_the_packages_serves_its_operation_and_the_document_written_at_build()
    {
        var project = ConsumerProject.Write(Path.Combine(packages.Root, "consumer"), packages);
        await DotnetCli.RunAsync(project, BuildLimit, "build", ConsumerProject.Name + ".csproj", "-c", "Release", "-nodeReuse:false", "-nologo");

        // Restored from the local feed into this run's own package folder: no cache could have served other bits.
        Assert.True(Directory.Exists(Path.Combine(packages.PackagesFolder, "galaxy.api.toolkit", packages.Version.ToLowerInvariant())));

        var output = Path.Combine(project, "bin", "Release", "net10.0");
        await using var legacy = await LegacyStandIn.StartAsync();
        using var host = await HostProcess.StartAsync("dotnet", output, Path.Combine(output, ConsumerProject.Name + ".dll"), "--Legacy:Server=" + legacy.Address);
        await AnswersAsReadmeSaysAsync(host.Address, Path.Combine(output, "openapi.json"));
    }

    /// <summary>What a consumer host must answer, however it was built.</summary>
    internal static async Task AnswersAsReadmeSaysAsync(Uri address, string writtenDocument)
    {
        var ct = TestContext.Current.CancellationToken;
        Assert.True(File.Exists(writtenDocument), $"the build did not write {writtenDocument}");
        var writtenBytes = await File.ReadAllBytesAsync(writtenDocument, ct);
        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };

        using var greeting = await client.GetAsync("api/greetings/world?times=2", ct);
        Assert.Equal(HttpStatusCode.OK, greeting.StatusCode);
        Assert.Equal("""{"message":"Hello, world! Hello, world!"}""", await greeting.Content.ReadAsStringAsync(ct));

        using var invalid = await client.GetAsync("api/greetings/world?times=7", ct);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        using (var error = JsonDocument.Parse(await invalid.Content.ReadAsStringAsync(ct)))
        {
            Assert.Equal(400008, error.RootElement.GetProperty("err_code").GetInt32());
            var loc = error.RootElement.GetProperty("validation_errors")[0].GetProperty("loc");
            Assert.Equal("times", loc[loc.GetArrayLength() - 1].GetString());
        }

        // Galaxy's contract types from the Galaxy.Api.Contracts package: bound, checked (name is required) and written.
        using var folder = await client.PostAsync("api/folders", new StringContent("""{"name": "raw reads", "description": "from the sequencer"}""", System.Text.Encoding.UTF8, "application/json"), ct);
        Assert.Equal(HttpStatusCode.OK, folder.StatusCode);
        using (var created = JsonDocument.Parse(await folder.Content.ReadAsStringAsync(ct)))
        {
            Assert.Equal("raw reads", created.RootElement.GetProperty("name").GetString());
            Assert.Equal("gxfiles://raw%20reads", created.RootElement.GetProperty("uri").GetString());
            Assert.Equal("from the sequencer", created.RootElement.GetProperty("external_link").GetString());
        }

        using var nameless = await client.PostAsync("api/folders", new StringContent("""{"description": "no name"}""", System.Text.Encoding.UTF8, "application/json"), ct);
        Assert.Equal(HttpStatusCode.BadRequest, nameless.StatusCode);
        using (var error = JsonDocument.Parse(await nameless.Content.ReadAsStringAsync(ct)))
        {
            // Galaxy's 400007: every failure is a missing value.
            Assert.Equal(400007, error.RootElement.GetProperty("err_code").GetInt32());
            var failure = Assert.Single(error.RootElement.GetProperty("validation_errors").EnumerateArray());
            Assert.Equal("missing", failure.GetProperty("type").GetString());
            Assert.Equal(["body", "name"], failure.GetProperty("loc").EnumerateArray().Select(static l => l.GetString()!));
        }

        using var forwarded = await client.GetAsync("api/tools?in_panel=true", ct);
        Assert.Equal(HttpStatusCode.OK, forwarded.StatusCode);
        Assert.Equal("""{"served_by":"legacy","path":"/api/tools"}""", await forwarded.Content.ReadAsStringAsync(ct));

        using var document = await client.GetAsync("api/openapi.json", ct);
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        var servedBytes = await document.Content.ReadAsByteArrayAsync(ct);
        Assert.Equal(writtenBytes, servedBytes);
        using var parsed = JsonDocument.Parse(servedBytes);
        Assert.Equal("Consumer API", parsed.RootElement.GetProperty("info").GetProperty("title").GetString());
        Assert.True(parsed.RootElement.GetProperty("paths").TryGetProperty("/api/greetings/{name}", out _));
        Assert.True(parsed.RootElement.GetProperty("paths").TryGetProperty("/api/folders", out _));
        var schemas = parsed.RootElement.GetProperty("components").GetProperty("schemas");
        Assert.True(schemas.TryGetProperty("CreateLibraryFolderPayload", out _), "the document lacks the contract type's schema");
        Assert.True(schemas.TryGetProperty("CreatedEntryResponse", out _), "the document lacks the contract type's schema");
    }
}
