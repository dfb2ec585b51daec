using System.Text.Json;
using Galaxy.Api.Contracts.Verification;

namespace Galaxy.Api.Contracts.Tests.RoundTrip;

/// <summary>The comparer judges meaning, not spelling: what it treats as the same, and what it reports.</summary>
public sealed class ContractComparerTests
{
    [Theory]
    [InlineData("""{"allOf": [{"$ref": "#/components/schemas/S"}], "description": "d"}""", """{"$ref": "#/components/schemas/S", "description": "d"}""")]
    [InlineData("""{"anyOf": [{"type": "string"}, {"type": "null"}], "title": "T"}""", """{"type": ["null", "string"]}""")]
    [InlineData("""{"anyOf": [{"$ref": "#/components/schemas/S"}, {"type": "null"}]}""", """{"anyOf": [{"$ref": "#/components/schemas/S"}, {"type": "null"}]}""")]
    [InlineData("""{"const": "History"}""", """{"type": "string", "const": "History"}""")]
    [InlineData("""{"const": "History", "type": "string"}""", """{"type": "string", "enum": ["History"]}""")]
    [InlineData("""{"anyOf": [{"const": "a"}, {"const": "b"}]}""", """{"type": "string", "enum": ["b", "a"]}""")]
    [InlineData("""{"anyOf": [{"type": "string", "enum": ["a"]}, {"type": "null"}]}""", """{"type": ["null", "string"], "enum": ["a", null]}""")]
    [InlineData("""{"type": "string", "pattern": "^[a-z]+$"}""", """{"type": "string", "pattern": "^(?:^[a-z]+$)$"}""")]
    [InlineData("""{"type": "integer"}""", """{"type": "integer", "format": "int64"}""")]
    [InlineData("""{"anyOf": [{"type": "integer"}, {"type": "number"}]}""", """{"type": "number", "format": "double"}""")]
    [InlineData("""{"type": "object", "additionalProperties": true}""", """{"type": "object", "additionalProperties": {}}""")]
    [InlineData("""{"type": "array", "items": {"$ref": "#/components/schemas/L"}}""", """{"type": "array", "items": {"type": "array", "items": {"type": "string"}}}""")]
    [InlineData("""{"default": 0, "type": "integer"}""", """{"default": 0.0, "type": "integer"}""")]
    public void Equivalent_spellings_are_no_difference(string galaxy, string ours)
        => Assert.Empty(Compare(galaxy, ours));

    [Theory]
    [InlineData("""{"type": "string"}""", """{"type": "integer"}""", "type")]
    [InlineData("""{"anyOf": [{"type": "string"}, {"type": "null"}]}""", """{"type": "string"}""", "nullable")]
    [InlineData("""{"type": "string", "enum": ["a", "b"]}""", """{"type": "string", "enum": ["a"]}""", "enum")]
    [InlineData("""{"type": "string", "pattern": "[0-9]+"}""", """{"type": "string", "pattern": "^(?:[0-9]+)$"}""", "pattern")]
    [InlineData("""{"type": "string", "minLength": 1}""", """{"type": "string"}""", "minLength")]
    [InlineData("""{"type": "string", "format": "uuid4"}""", """{"type": "string", "format": "uuid"}""", "format")]
    [InlineData("""{"type": "boolean", "default": true}""", """{"type": "boolean", "default": false}""", "default")]
    [InlineData("""{"type": "string", "description": "a"}""", """{"type": "string", "description": "b"}""", "description")]
    [InlineData("""{"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}""", """{}""", "union")]
    [InlineData("""{"type": "object", "additionalProperties": false, "properties": {}}""", """{"type": "object", "properties": {}}""", "additionalProperties")]
    [InlineData("""{"type": "array", "items": {"$ref": "#/components/schemas/L"}}""", """{"type": "array", "items": {"type": "array", "items": {"type": "integer"}}}""", "type")]
    public void A_difference_in_meaning_is_reported_by_kind(string galaxy, string ours, string kind)
        => Assert.Contains(Compare(galaxy, ours), d => d.Kind == kind);

    [Fact]
    public void Properties_and_required_members_are_compared_by_name_at_their_pointers()
    {
        var differences = Compare(
            """{"type": "object", "properties": {"a": {"type": "string"}, "b": {"type": "string"}}, "required": ["a"]}""",
            """{"type": "object", "properties": {"a": {"type": "string"}, "c": {"type": "string"}}, "required": ["a", "c"]}""");

        Assert.Equal(
            ["/x/properties/b missing", "/x/properties/c extra", "/x/required/c required"],
            differences.Select(static d => d.Pointer + " " + d.Kind).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void One_of_Galaxy_s_alternatives_is_a_union_difference_then_compared_with_that_alternative()
    {
        var differences = Compare(
            """{"anyOf": [{"$ref": "#/components/schemas/A"}, {"$ref": "#/components/schemas/S"}]}""",
            """{"$ref": "#/components/schemas/S"}""",
            ourComponents: """{"S": {"type": "object", "properties": {"x": {"type": "integer"}}}}""");

        Assert.Equal(["/x union", "/x/properties/x type"], differences.Select(static d => d.Pointer + " " + d.Kind));
    }

    [Fact]
    public void Operations_compare_parameters_by_name_bodies_by_content_type_and_the_200_schema()
    {
        const string galaxy = """
            {"openapi": "3.1.0", "paths": {"/api/items/{id}": {"put": {
              "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}},
                             {"name": "view", "in": "query", "description": "The view.", "schema": {"anyOf": [{"type": "string"}, {"type": "null"}]}}],
              "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object"}}}},
              "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"type": "integer"}}}}}}}},
             "components": {"schemas": {}}}
            """;
        const string ours = """
            {"openapi": "3.1.0", "paths": {"/api/items/{id}": {"put": {
              "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}},
                             {"name": "view", "in": "query", "description": "The view.", "schema": {"type": ["null", "string"]}},
                             {"name": "extra", "in": "header", "schema": {"type": "string"}}],
              "requestBody": {"content": {"application/json": {"schema": {"type": "object"}}, "text/plain": {"schema": {"type": "string"}}}},
              "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"type": "string"}}}}}}}},
             "components": {"schemas": {}}}
            """;
        using var g = JsonDocument.Parse(galaxy);
        using var o = JsonDocument.Parse(ours);

        var differences = new ContractComparer(g.RootElement, o.RootElement).CompareOperation("PUT", "/api/items/{id}");

        Assert.Equal(
            [
                "/paths/~1api~1items~1{id}/put/parameters/extra extra",
                "/paths/~1api~1items~1{id}/put/requestBody/content/text~1plain extra",
                "/paths/~1api~1items~1{id}/put/requestBody/required required",
                "/paths/~1api~1items~1{id}/put/responses/200/content/application~1json/schema type",
            ],
            differences.Select(static d => d.Pointer + " " + d.Kind).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Allowed_differences_match_pointer_patterns_and_kinds()
    {
        var allowed = new AllowedDifferences()
            .Allow("/paths/*/get/responses/200/**/required/*", "required", "reason")
            .Allow("/paths/~1a/get/parameters/q", "*", "reason");

        Assert.NotNull(allowed.ReasonFor(new ContractDifference("/paths/~1a/get/responses/200/content/application~1json/schema/required/x", "required", "false", "true")));
        Assert.NotNull(allowed.ReasonFor(new ContractDifference("/paths/~1a/get/responses/200/required/x", "required", "false", "true")));
        Assert.Null(allowed.ReasonFor(new ContractDifference("/paths/~1a/get/responses/200/required/x", "type", "a", "b")));
        Assert.NotNull(allowed.ReasonFor(new ContractDifference("/paths/~1a/get/parameters/q", "nullable", "true", "false")));
        Assert.Null(allowed.ReasonFor(new ContractDifference("/paths/~1a/get/parameters/qv", "nullable", "true", "false")));
        Assert.Throws<ArgumentException>(() => allowed.Allow("/x", "type", " "));
    }

    [Fact]
    public void Unmatched_lists_the_rules_no_difference_matches()
    {
        var allowed = new AllowedDifferences()
            .Allow("/paths/*/get/parameters/q", "nullable", "used")
            .Allow("/paths/*/get/parameters/q", "type", "other kind")
            .Allow("/paths/~1b/get/parameters/q", "*", "other path");

        var unmatched = allowed.Unmatched([new ContractDifference("/paths/~1a/get/parameters/q", "nullable", "true", "false")]);

        Assert.Equal(["other kind", "other path"], unmatched.Select(static r => r.Reason));
        Assert.Equal(3, allowed.Unmatched([]).Count);
        Assert.Equal(
            "/paths/~1a/get/parameters/q nullable: Galaxy true, ours false\n    allowed: used\n/paths/~1a/get/parameters/qv type: Galaxy a, ours b\n    allowed: NOT ALLOWED",
            allowed.Describe([new ContractDifference("/paths/~1a/get/parameters/q", "nullable", "true", "false"), new ContractDifference("/paths/~1a/get/parameters/qv", "type", "a", "b")]));
    }

    private static IReadOnlyList<ContractDifference> Compare(string galaxy, string ours, string? ourComponents = null)
    {
        const string components = """{"S": {"type": "object", "properties": {"x": {"type": "string"}}}, "A": {"type": "object"}, "L": {"type": "array", "items": {"type": "string"}}}""";
        using var galaxyDocument = JsonDocument.Parse("""{"components": {"schemas": """ + components + "}}");
        using var ourDocument = JsonDocument.Parse("""{"components": {"schemas": """ + (ourComponents ?? components) + "}}");
        using var left = JsonDocument.Parse(galaxy);
        using var right = JsonDocument.Parse(ours);
        return new ContractComparer(galaxyDocument.RootElement, ourDocument.RootElement).CompareSchemas(left.RootElement, right.RootElement, "/x");
    }
}
