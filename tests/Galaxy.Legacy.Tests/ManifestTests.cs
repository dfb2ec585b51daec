using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;

namespace Galaxy.Legacy.Tests;

/// <summary>The route manifest (<c>legacy-openapi.json</c>) says exactly what the app maps.</summary>
public sealed class ManifestTests
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    private static string SourceManifest => typeof(ManifestTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(static a => a.Key == "LegacyManifestFile").Value!;

    private static JsonElement ReadManifest() => JsonDocument.Parse(File.ReadAllText(SourceManifest)).RootElement.Clone();

    private static IEnumerable<(string Method, string Path, string OperationId, JsonElement Operation)> ManifestOperations(JsonElement manifest)
        => from path in manifest.GetProperty("paths").EnumerateObject()
           from operation in path.Value.EnumerateObject()
           where Methods.Contains(operation.Name)
           select (operation.Name.ToUpperInvariant(), path.Name, operation.Value.Text("operationId"), operation.Value);

    [Fact]
    public async Task The_manifest_lists_every_route_the_app_maps_and_no_other()
    {
        using var directory = new TempDirectory();
        await using var app = GalaxyLegacyApp.Build(["--Galaxy:Database=" + directory.File("g.sqlite"), "--Logging:LogLevel:Default=Warning"]);

        var mapped = ((IEndpointRouteBuilder)app).DataSources.SelectMany(static d => d.Endpoints).OfType<RouteEndpoint>()
            .SelectMany(static e => e.Metadata.GetRequiredMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>().HttpMethods.Select(m =>
                (Method: m, Path: "/" + e.RoutePattern.RawText!.TrimStart('/'), OperationId: e.Metadata.GetRequiredMetadata<LegacyOperationMetadata>().OperationId)))
            .Order()
            .ToList();
        var declared = ManifestOperations(ReadManifest()).Select(static o => (o.Method, o.Path, o.OperationId)).Order().ToList();

        Assert.Equal(11, mapped.Count);
        Assert.Equal(declared, mapped);
    }

    [Fact]
    public void The_manifest_is_OpenAPI_3_1_with_unique_operationIds_defined_tags_and_security_except_on_version()
    {
        var manifest = ReadManifest();
        var operations = ManifestOperations(manifest).ToList();
        var tags = manifest.GetProperty("tags").EnumerateArray().Select(static t => t.Text("name")).ToHashSet();

        Assert.Equal("3.1.0", manifest.Text("openapi"));
        Assert.Equal(operations.Count, operations.Select(static o => o.OperationId).Distinct().Count());
        Assert.All(operations, o => Assert.All(o.Operation.GetProperty("tags").EnumerateArray(), t => Assert.Contains(t.GetString()!, tags)));
        Assert.All(operations, static o => Assert.True(o.Operation.GetProperty("responses").TryGetProperty("200", out _), o.OperationId));
        Assert.Equal(["/api/version"], operations.Where(static o => o.Operation.GetProperty("security").GetArrayLength() == 0).Select(static o => o.Path));
    }

    [Fact]
    public void The_manifest_beside_the_assembly_is_the_source_file()
        => Assert.Equal(File.ReadAllText(SourceManifest), File.ReadAllText(GalaxyLegacyApp.ManifestPath));
}
