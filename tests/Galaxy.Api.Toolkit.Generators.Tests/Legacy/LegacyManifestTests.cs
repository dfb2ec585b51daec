using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Galaxy.Api.Toolkit.Generators.Tests.Legacy;

/// <summary>A legacy manifest given to the build as an AdditionalFile (GalaxyApiRole=LegacyManifest), merged at compile time.</summary>
public sealed class LegacyManifestTests
{
    /// <summary>
    /// Four legacy operations over the fixture API: GET /api/widgets/{id} (ported, same parameters), PUT on the same path
    /// (not ported; its Widget schema differs from the modern one), GET /api/version (ported, but the legacy one takes
    /// 'extra') and GET /api/tools (not ported; a parameter component and a bearer scheme the document lacks).
    /// </summary>
    internal const string Manifest = """
        {
          "openapi": "3.1.0",
          "info": {"title": "Legacy", "version": "1"},
          "tags": [{"name": "tools", "description": "Tool operations."}],
          "paths": {
            "/api/widgets/{id}": {
              "get": {
                "operationId": "legacy_show_widget",
                "parameters": [
                  {"name": "id", "in": "path", "required": true, "schema": {"type": "string"}},
                  {"name": "verbose", "in": "query", "schema": {"type": "boolean"}},
                  {"name": "limit", "in": "query", "schema": {"type": "integer"}},
                  {"name": "color", "in": "query", "schema": {"type": "string"}}
                ],
                "responses": {"200": {"description": "The widget."}}
              },
              "put": {
                "summary": "Updates a widget.",
                "description": "Replaces every field.",
                "operationId": "update_widget",
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Widget"}}}},
                "responses": {"200": {"description": "The widget.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Widget"}}}}}
              }
            },
            "/api/version": {
              "get": {
                "operationId": "version",
                "parameters": [{"name": "extra", "in": "query", "schema": {"type": "string"}}],
                "responses": {"200": {"description": "The version."}}
              }
            },
            "/api/tools": {
              "get": {
                "tags": ["tools"],
                "operationId": "index_tools",
                "parameters": [{"$ref": "#/components/parameters/InPanel"}],
                "responses": {"200": {"description": "Tools.", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Tool"}}}}}},
                "security": [{"HTTPBearer": []}]
              }
            }
          },
          "components": {
            "schemas": {
              "Widget": {"type": "object", "properties": {"label": {"type": "string"}}, "required": ["label"]},
              "Tool": {"type": "object", "properties": {"id": {"type": "string"}, "owner": {"$ref": "#/components/schemas/Owner"}}},
              "Owner": {"type": "object", "properties": {"name": {"type": "string"}}},
              "Unused": {"type": "string"}
            },
            "parameters": {"InPanel": {"name": "in_panel", "in": "query", "schema": {"type": "boolean"}}},
            "securitySchemes": {"HTTPBearer": {"type": "http", "scheme": "bearer"}}
          }
        }
        """;

    private static GeneratorRun Run(string manifest, string path = "/legacy/manifest.json")
        => GeneratorHarness.Run(GeneratorHarness.Compilation(Fixtures.Models, Fixtures.Routers), (path, manifest, "LegacyManifest"));

    [Fact]
    public void The_merged_document_matches_its_snapshot()
    {
        var run = Run(Manifest);

        Assert.DoesNotContain(run.Problems, static d => d.Id != "GAT0018");
        Snapshot.Match("LegacyMerge", new Dictionary<string, string>
        {
            ["openapi.json"] = run.Document,
            ["GalaxyApi.Coverage.g.cs"] = run.Sources["GalaxyApi.Coverage.g.cs"],
        });
    }

    [Fact]
    public void Legacy_operations_are_added_under_undocumented_and_modern_ones_win()
    {
        var document = JsonNode.Parse(Run(Manifest).Document)!;
        var paths = document["paths"]!.AsObject();

        // Modern operations are untouched: the legacy GET of the same shape is not added.
        Assert.Equal("widgets", (string?)paths["/api/widgets/{widget_id}"]!["get"]!["tags"]![0]);
        Assert.Null(paths["/api/widgets/{widget_id}"]!["get"]!["x-galaxy-legacy"]);
        Assert.False(paths.ContainsKey("/api/widgets/{id}"), "A second path of the same shape would make the document invalid.");

        // The legacy PUT joins the modern path item, with the path parameter renamed to the modern name.
        var put = paths["/api/widgets/{widget_id}"]!["put"]!;
        Assert.Equal("undocumented", (string?)put["tags"]![0]);
        Assert.True((bool)put["x-galaxy-legacy"]!);
        Assert.StartsWith("Not ported yet", (string?)put["description"], StringComparison.Ordinal);
        Assert.EndsWith("Replaces every field.", (string?)put["description"], StringComparison.Ordinal);
        Assert.Equal("widget_id", (string?)put["parameters"]![0]!["name"]);
        Assert.Equal("update_widget", (string?)put["operationId"]);

        // The legacy Widget differs from the modern one: copied under another name, and referenced by that name.
        Assert.Equal("#/components/schemas/Widget_legacy", (string?)put["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]);
        var schemas = document["components"]!["schemas"]!.AsObject();
        Assert.True(schemas.ContainsKey("Widget"));
        Assert.Equal("label", (string?)schemas["Widget_legacy"]!["required"]![0]);

        // What GET /api/tools reaches is copied, transitively; what nothing reaches is not.
        Assert.True(schemas.ContainsKey("Tool"));
        Assert.True(schemas.ContainsKey("Owner"));
        Assert.False(schemas.ContainsKey("Unused"));
        Assert.Equal("in_panel", (string?)document["components"]!["parameters"]!["InPanel"]!["name"]);
        Assert.Equal("bearer", (string?)document["components"]!["securitySchemes"]!["HTTPBearer"]!["scheme"]);

        Assert.Contains(document["tags"]!.AsArray(), static t => (string?)t!["name"] == "undocumented" && t["description"] is not null);

        // A legacy operation keeps its own tags after "undocumented", declared as the manifest declares them.
        Assert.Equal(["undocumented", "tools"], paths["/api/tools"]!["get"]!["tags"]!.AsArray().Select(static t => (string?)t));
        Assert.Contains(document["tags"]!.AsArray(), static t => (string?)t!["name"] == "tools" && (string?)t["description"] == "Tool operations.");
    }

    [Fact]
    public void A_modern_route_with_other_parameters_than_the_legacy_one_is_GAT0018_at_the_operation()
    {
        var run = Run(Manifest);

        var diagnostic = Assert.Single(run.Problems, static d => d.Id == "GAT0018");
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        var message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("GET /api/version", message, StringComparison.Ordinal);
        Assert.Contains("query parameter 'extra'", message, StringComparison.Ordinal);
        // It points at the modern operation.
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal("Source1.cs", span.Path);
        Assert.Contains("[Get(\"/api/version\")]", Fixtures.Routers.Split('\n')[span.StartLinePosition.Line], StringComparison.Ordinal);
    }

    [Fact]
    public void Coverage_is_generated_and_handed_to_the_run_time()
    {
        var run = Run(Manifest);

        var coverage = run.Sources["GalaxyApi.Coverage.g.cs"];
        Assert.Contains("public const int LegacyOperations = 4;", coverage, StringComparison.Ordinal);
        Assert.Contains("public const int Ported = 2;", coverage, StringComparison.Ordinal);
        Assert.Contains("public const int StillLegacy = 2;", coverage, StringComparison.Ordinal);
        Assert.Contains("2 of 4 legacy operations ported (50.0%)", coverage, StringComparison.Ordinal);
        var document = run.Sources["GalaxyApi.Document.g.cs"];
        Assert.Contains("LegacyCoverage = GalaxyApiCoverage.Json", document, StringComparison.Ordinal);
        Assert.Contains("\"GalaxyApi.LegacyCoverage\"", document, StringComparison.Ordinal);
        Assert.Contains("\"GalaxyApi.LegacyCoverageSummary\"", document, StringComparison.Ordinal);
        Assert.DoesNotContain(run.Output.GetDiagnostics(TestContext.Current.CancellationToken), static d => d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void A_route_list_is_a_manifest_too()
    {
        var run = Run("""
            # The legacy API, one route per line.
            GET /api/widgets/{id}
            GET,POST /api/histories   # listed twice below: counted once
            POST /api/histories
            delete /api/histories/{history_id}
            """, "/legacy/routes.txt");

        Assert.Empty(run.Problems);
        var document = JsonNode.Parse(run.Document)!;
        var histories = document["paths"]!["/api/histories"]!;
        Assert.NotNull(histories["get"]);
        Assert.NotNull(histories["post"]);
        var delete = document["paths"]!["/api/histories/{history_id}"]!["delete"]!;
        Assert.Equal("legacy_delete_api_histories_history_id", (string?)delete["operationId"]);
        Assert.Equal("history_id", (string?)delete["parameters"]![0]!["name"]);
        Assert.Equal("path", (string?)delete["parameters"]![0]!["in"]);
        Assert.NotNull(delete["responses"]!["default"]);
        Assert.Contains("public const int Ported = 1;", run.Sources["GalaxyApi.Coverage.g.cs"], StringComparison.Ordinal);
        Assert.Contains("public const int StillLegacy = 3;", run.Sources["GalaxyApi.Coverage.g.cs"], StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> Unreadable => new()
    {
        { "not JSON", "{ \"openapi\": ", "not valid JSON" },
        { "Swagger 2", "{\"swagger\": \"2.0\", \"paths\": {}}", "Swagger 2.0" },
        { "no version", "{\"paths\": {}}", "'openapi' version 3.x" },
        { "no paths", "{\"openapi\": \"3.0.3\"}", "no 'paths'" },
        { "YAML", "openapi: 3.1.0\npaths: {}\n", "YAML" },
        { "bad route line", "GET /api/a\nFETCH /api/b\n", "'FETCH' is not an HTTP method" },
        { "route without slash", "GET api/a\n", "line 1" },
        { "empty", "  \n", "empty" },
    };

    [Theory]
    [MemberData(nameof(Unreadable))]
    public void An_unreadable_manifest_is_GAT0017_naming_the_file_and_the_reason(string kind, string manifest, string reason)
    {
        var run = Run(manifest, "/legacy/broken.json");

        var diagnostic = Assert.Single(run.Problems, static d => d.Id == "GAT0017");
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        var message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("/legacy/broken.json", message, StringComparison.Ordinal);
        Assert.Contains(reason, message, StringComparison.Ordinal);
        Assert.Equal("/legacy/broken.json", diagnostic.Location.GetLineSpan().Path);
        // The document is still produced, without the legacy routes.
        Assert.DoesNotContain("undocumented", run.Document, StringComparison.Ordinal);
        _ = kind;
    }

    [Fact]
    public void A_legacy_security_scheme_that_differs_only_in_its_description_is_the_documents_own()
    {
        const string manifest = """
            {
              "openapi": "3.1.0",
              "info": {"title": "Legacy", "version": "1"},
              "paths": {
                "/api/tools": {"get": {"operationId": "index_tools", "responses": {"200": {"description": "Tools."}},
                  "security": [{"APIKeyHeader": []}, {"APIKeyQuery": []}]}}
              },
              "components": {"securitySchemes": {
                "APIKeyHeader": {"type": "apiKey", "in": "header", "name": "x-api-key", "description": "The legacy app's words."},
                "APIKeyQuery": {"type": "apiKey", "in": "query", "name": "api_key", "description": "Another credential."}
              }}
            }
            """;

        var document = JsonNode.Parse(Run(manifest).Document)!;

        // The header key is the same credential: referenced by the document's name, not copied.
        var schemes = document["components"]!["securitySchemes"]!.AsObject();
        Assert.False(schemes.ContainsKey("APIKeyHeader_legacy"));
        Assert.Null(schemes["APIKeyHeader"]!["description"]);
        // A query key of another name is another credential: copied under its own name.
        Assert.Equal("api_key", (string?)schemes["APIKeyQuery_legacy"]!["name"]);
        var security = document["paths"]!["/api/tools"]!["get"]!["security"]!.AsArray();
        Assert.Equal(["APIKeyHeader", "APIKeyQuery_legacy"], security.Select(static r => r!.AsObject().Single().Key));
    }

    [Fact]
    public void Galaxys_own_document_merges_as_a_manifest()
    {
        var galaxy = File.ReadAllText(Path.Combine(Snapshot.ProjectDirectory, "..", "data", "galaxy-openapi.json"));
        var run = Run(galaxy, "/legacy/galaxy-openapi.json");

        Assert.DoesNotContain(run.Problems, static d => d.Severity == DiagnosticSeverity.Error);
        using var document = JsonDocument.Parse(run.Document);
        var paths = document.RootElement.GetProperty("paths");
        var legacy = paths.EnumerateObject().SelectMany(static p => p.Value.EnumerateObject()).Count(static o => o.Value.TryGetProperty("x-galaxy-legacy", out _));
        // The fixture's GET /api/version ports Galaxy's; the other 345 operations are legacy.
        Assert.Equal(345, legacy);
        Assert.True(paths.TryGetProperty("/api/histories/{history_id}/contents/{type}s/{id}", out _));
        Assert.Contains("public const int LegacyOperations = 346;", run.Sources["GalaxyApi.Coverage.g.cs"], StringComparison.Ordinal);
        Assert.Contains("public const int Ported = 1;", run.Sources["GalaxyApi.Coverage.g.cs"], StringComparison.Ordinal);
        // Every reference resolves inside the merged document.
        foreach (var reference in References(document.RootElement))
        {
            var parts = reference.TrimStart('#', '/').Split('/');
            var target = document.RootElement;
            foreach (var part in parts)
            {
                Assert.True(target.TryGetProperty(part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal), out target), $"{reference} does not resolve.");
            }
        }
    }

    [Fact]
    public void Unrelated_edits_leave_the_parsed_manifest_cached_and_manifest_edits_update_the_document()
    {
        var compilation = GeneratorHarness.Compilation(Fixtures.Models, Fixtures.Routers, "namespace Other; public static class Helper { public static int Twice(int x) => 2 * x; }");
        var driver = GeneratorHarness.Driver(("/legacy/manifest.json", Manifest, "LegacyManifest")).RunGenerators(compilation, TestContext.Current.CancellationToken);
        var helper = compilation.SyntaxTrees.Last();
        var edited = compilation.ReplaceSyntaxTree(helper, CSharpSyntaxTree.ParseText(
            "namespace Other; public static class Helper { public static int Twice(int x) => x + x; }", GeneratorHarness.ParseOptions, helper.FilePath, cancellationToken: TestContext.Current.CancellationToken));

        var second = driver.RunGenerators(edited, TestContext.Current.CancellationToken).GetRunResult().Results.Single();

        var reasons = second.TrackedSteps[TrackingNames.LegacyManifest].SelectMany(static s => s.Outputs).Select(static o => o.Reason).ToList();
        Assert.NotEmpty(reasons);
        Assert.All(reasons, static r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, r.ToString()));

        var changed = driver.RunGenerators(compilation, TestContext.Current.CancellationToken);
        var text = Manifest.Replace("\"/api/tools\"", "\"/api/tool_shed\"", StringComparison.Ordinal);
        var third = GeneratorHarness.Run(compilation, ("/legacy/manifest.json", text, "LegacyManifest"));
        Assert.Contains("/api/tool_shed", third.Document, StringComparison.Ordinal);
        _ = changed;
    }

    private static IEnumerable<string> References(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name == "$ref" && property.Value.ValueKind == JsonValueKind.String)
                    {
                        yield return property.Value.GetString()!;
                    }
                    else
                    {
                        foreach (var nested in References(property.Value))
                        {
                            yield return nested;
                        }
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var nested in element.EnumerateArray().SelectMany(References))
                {
                    yield return nested;
                }

                break;
        }
    }
}
