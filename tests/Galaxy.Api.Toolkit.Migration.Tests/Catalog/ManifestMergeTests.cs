using System.Text.Json.Nodes;
using Galaxy.Api.Toolkit.Generators.Legacy;
using GeneratorJson = Galaxy.Api.Toolkit.Generators.Json.JsonValue;

namespace Galaxy.Api.Toolkit.Migration.Tests.Catalog;

/// <summary>
/// The merge (shared by the build and the run time) on what Galaxy's own document has: components written with their
/// members in another order than ours, and operations that name their tag twice.
/// </summary>
public sealed class ManifestMergeTests
{
    private const string Ours = """
        {
          "openapi": "3.1.0",
          "info": {"title": "Ours", "version": "1"},
          "paths": {},
          "components": {
            "schemas": {"State": {"title": "State", "type": "string", "enum": ["new", "ok"]}},
            "securitySchemes": {"APIKeyHeader": {"type": "apiKey", "in": "header", "name": "x-api-key"}}
          }
        }
        """;

    private const string Galaxy = """
        {
          "openapi": "3.1.0",
          "info": {"title": "Galaxy", "version": "1"},
          "paths": {
            "/api/jobs/{job_id}": {
              "get": {
                "tags": ["jobs", "jobs"],
                "operationId": "show_job",
                "parameters": [{"name": "state", "in": "query", "schema": {"$ref": "#/components/schemas/State"}},
                               {"name": "limit", "in": "query", "schema": {"$ref": "#/components/schemas/Limit"}}],
                "responses": {"200": {"description": "The job."}},
                "security": [{"APIKeyHeader": []}]
              }
            }
          },
          "components": {
            "schemas": {
              "State": {"enum": ["new", "ok"], "title": "State", "type": "string"},
              "Limit": {"type": "integer", "minimum": 1.0}
            },
            "securitySchemes": {"APIKeyHeader": {"in": "header", "name": "x-api-key", "type": "apiKey"}}
          }
        }
        """;

    private static JsonNode Merged() => JsonNode.Parse(LegacyMerge.Merge(GeneratorJson.Parse(Ours), LegacyManifestModel.Parse("galaxy.json", Galaxy)).Document)!;

    [Fact]
    public void A_component_that_says_the_same_in_another_member_order_is_shared_not_copied()
    {
        var document = Merged();
        var operation = document["paths"]!["/api/jobs/{job_id}"]!["get"]!;

        Assert.Equal(["APIKeyHeader"], document["components"]!["securitySchemes"]!.AsObject().Select(static s => s.Key));
        Assert.Equal(["Limit", "State"], document["components"]!["schemas"]!.AsObject().Select(static s => s.Key));
        Assert.Equal("#/components/schemas/State", (string?)operation["parameters"]![0]!["schema"]!["$ref"]);
        Assert.Equal("APIKeyHeader", Assert.Single(operation["security"]![0]!.AsObject()).Key);
    }

    [Fact]
    public void A_component_that_differs_is_still_copied_under_another_name()
    {
        var document = JsonNode.Parse(LegacyMerge.Merge(GeneratorJson.Parse(Ours), LegacyManifestModel.Parse("galaxy.json", Galaxy.Replace("\"ok\"], \"title\"", "\"ok\", \"error\"], \"title\"", StringComparison.Ordinal))).Document)!;

        Assert.Equal("#/components/schemas/State_legacy", (string?)document["paths"]!["/api/jobs/{job_id}"]!["get"]!["parameters"]![0]!["schema"]!["$ref"]);
        Assert.Equal(3, document["components"]!["schemas"]!["State_legacy"]!["enum"]!.AsArray().Count);
    }

    [Fact]
    public void A_tag_the_manifest_repeats_is_listed_once()
        => Assert.Equal(["undocumented", "jobs"], Merged()["paths"]!["/api/jobs/{job_id}"]!["get"]!["tags"]!.AsArray().Select(static t => (string?)t));

    [Theory]
    [InlineData("""{"a": 1, "b": [1, {"c": true}]}""", """{"b": [1.0, {"c": true}], "a": 1e0}""", true)]
    [InlineData("""{"a": 1}""", """{"a": 1, "b": null}""", false)]
    [InlineData("""[1, 2]""", """[2, 1]""", false)]
    [InlineData("""{"a": "1"}""", """{"a": 1}""", false)]
    [InlineData("""{"a": true}""", """{"a": false}""", false)]
    [InlineData("""{"a": null}""", """{"a": "null"}""", false)]
    public void Json_values_are_the_same_by_meaning(string left, string right, bool same)
    {
        Assert.Equal(same, LegacyMerge.SameJson(GeneratorJson.Parse(left), GeneratorJson.Parse(right)));
        Assert.Equal(same, LegacyMerge.SameJson(GeneratorJson.Parse(right), GeneratorJson.Parse(left)));
    }
}
