using System.Net;
using System.Text.Json;

namespace Galaxy.Api.Toolkit.Tests.Behaviour;

/// <summary>The OpenAPI document the behaviour host serves: parameters, bodies and security of the behaviour operations.</summary>
public sealed class DocumentBehaviourTests(BehaviourHost host) : IClassFixture<BehaviourHost>
{
    private async Task<JsonElement> DocumentAsync()
    {
        var reply = await host.Client.GetReplyAsync("/api/openapi.json");
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        return reply.Json;
    }

    private async Task<JsonElement> OperationAsync(string path, string method = "get")
        => (await DocumentAsync()).GetProperty("paths").GetProperty(path).GetProperty(method);

    private static JsonElement Parameter(JsonElement operation, string name)
        => operation.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == name);

    // "required" is written only when true, its default being false.
    private static bool IsRequired(JsonElement parameter) => parameter.TryGetProperty("required", out var required) && required.GetBoolean();

    private static readonly JsonSerializerOptions Unescaped = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Compact(JsonElement element) => JsonSerializer.Serialize(element, Unescaped);

    [Theory]
    [InlineData("str", """{"type":"string","default":"abc"}""")]
    [InlineData("i32", """{"type":"integer","format":"int32","default":7}""")]
    [InlineData("i64", """{"type":"integer","format":"int64","default":9000000000}""")]
    [InlineData("f32", """{"type":"number","format":"float","default":0.25}""")]
    [InlineData("f64", """{"type":"number","format":"double","default":1.5}""")]
    [InlineData("dec", """{"type":"number","format":"decimal","default":2.75}""")]
    [InlineData("flag", """{"type":"boolean","default":true}""")]
    [InlineData("shade", """{"$ref":"#/components/schemas/Shade","default":"dark_grey"}""")]
    [InlineData("tone", """{"$ref":"#/components/schemas/Tone","default":"ice-cold"}""")]
    [InlineData("maybe", """{"type":["null","integer"],"format":"int32"}""")]
    public async Task Query_defaults_are_written_with_their_schemas(string name, string schema)
    {
        var parameter = Parameter(await OperationAsync("/behaviour/scalars/defaults"), name);

        Assert.Equal("query", parameter.GetProperty("in").GetString());
        Assert.False(IsRequired(parameter));
        Assert.Equal(schema, Compact(parameter.GetProperty("schema")));
    }

    [Theory]
    [InlineData("i32", "query", """{"type":"integer","format":"int32"}""")]
    [InlineData("flag", "query", """{"type":"boolean"}""")]
    [InlineData("uuid", "query", """{"type":"string","format":"uuid"}""")]
    [InlineData("shade", "query", """{"$ref":"#/components/schemas/Shade"}""")]
    [InlineData("x-str", "header", """{"type":"string"}""")]
    public async Task Required_values_are_required_with_their_location(string name, string location, string schema)
    {
        var parameter = Parameter(await OperationAsync("/behaviour/scalars/required"), name);

        Assert.Equal(location, parameter.GetProperty("in").GetString());
        Assert.True(IsRequired(parameter));
        Assert.Equal(schema, Compact(parameter.GetProperty("schema")));
    }

    [Theory]
    [InlineData("u8", """{"type":["null","integer"],"format":"uint8","minimum":0,"maximum":255}""")]
    [InlineData("moment", """{"type":["null","string"],"format":"date-time"}""")]
    [InlineData("day", """{"type":["null","string"],"format":"date"}""")]
    [InlineData("uuid", """{"type":["null","string"],"format":"uuid"}""")]
    [InlineData("tone", """{"anyOf":[{"$ref":"#/components/schemas/Tone"},{"type":"null"}]}""")]
    public async Task Nullable_values_are_optional_and_nullable(string name, string schema)
    {
        var parameter = Parameter(await OperationAsync("/behaviour/scalars/query"), name);

        Assert.False(IsRequired(parameter));
        Assert.Equal(schema, Compact(parameter.GetProperty("schema")));
    }

    [Fact]
    public async Task Route_values_are_required_path_parameters()
    {
        var parameter = Parameter(await OperationAsync("/behaviour/scalars/route/i64/{value}"), "value");

        Assert.Equal("""{"name":"value","in":"path","required":true,"schema":{"type":"integer","format":"int64"}}""", Compact(parameter));
    }

    [Fact]
    public async Task Enum_components_list_json_names()
    {
        var schemas = (await DocumentAsync()).GetProperty("components").GetProperty("schemas");

        Assert.Equal("""["light","dark_grey"]""", Compact(schemas.GetProperty("Shade").GetProperty("enum")));
        Assert.Equal("""["warm","ice-cold","very_loud"]""", Compact(schemas.GetProperty("Tone").GetProperty("enum")));
    }

    [Fact]
    public async Task Const_strings_are_const_in_the_schema_other_constants_and_nullable_ones_a_one_value_enum()
    {
        var properties = (await DocumentAsync()).GetProperty("components").GetProperty("schemas").GetProperty("Labelled").GetProperty("properties");

        Assert.Equal("""{"type":"string","const":"History"}""", Compact(properties.GetProperty("model_class")));
        Assert.Equal("""{"type":["null","integer"],"format":"int64","enum":[2,null]}""", Compact(properties.GetProperty("version")));
        Assert.Equal("""{"type":"boolean","enum":[true],"default":true}""", Compact(properties.GetProperty("flag")));
    }

    [Fact]
    public async Task A_type_that_disallows_unknown_members_says_additionalProperties_false()
    {
        var closed = (await DocumentAsync()).GetProperty("components").GetProperty("schemas").GetProperty("Closed");

        Assert.False(closed.GetProperty("additionalProperties").GetBoolean());
        Assert.False((await DocumentAsync()).GetProperty("components").GetProperty("schemas").GetProperty("Labelled").TryGetProperty("additionalProperties", out _));
    }

    [Theory]
    [InlineData("id", true, """{"type":"array","items":{"type":"integer","format":"int32"}}""")]
    [InlineData("big", false, """{"type":["null","array"],"items":{"type":"integer","format":"int64"}}""")]
    [InlineData("shades", false, """{"type":["null","array"],"items":{"$ref":"#/components/schemas/Shade"}}""")]
    [InlineData("tags", false, """{"type":["null","array"],"items":{"type":"string"},"uniqueItems":true}""")]
    [InlineData("days", false, """{"type":["null","array"],"items":{"type":"string","format":"date"}}""")]
    public async Task Query_collections_are_arrays(string name, bool required, string schema)
    {
        var parameter = Parameter(await OperationAsync("/behaviour/collections"), name);

        Assert.Equal("query", parameter.GetProperty("in").GetString());
        Assert.Equal(required, IsRequired(parameter));
        Assert.Equal(schema, Compact(parameter.GetProperty("schema")));
    }

    [Fact]
    public async Task Comma_separated_collections_are_unexploded_form_arrays()
    {
        var parameter = Parameter(await OperationAsync("/behaviour/collections/comma"), "keys");

        Assert.Equal("""{"name":"keys","in":"query","required":true,"explode":false,"schema":{"type":"array","items":{"type":"string"}}}""", Compact(parameter));
    }

    [Fact]
    public async Task Q_and_qv_are_two_optional_query_arrays()
    {
        var operation = await OperationAsync("/behaviour/filters");

        var names = operation.GetProperty("parameters").EnumerateArray().Select(static p => p.GetProperty("name").GetString()!).ToArray();
        Assert.Equal(["q", "qv", "limit"], names);
        foreach (var name in new[] { "q", "qv" })
        {
            var parameter = Parameter(operation, name);
            Assert.Equal("query", parameter.GetProperty("in").GetString());
            Assert.False(IsRequired(parameter));
            Assert.Equal("""{"type":"array","items":{"type":"string"}}""", Compact(parameter.GetProperty("schema")));
        }
    }

    [Fact]
    public async Task Group_members_are_parameters_under_their_wire_names()
    {
        var operation = await OperationAsync("/behaviour/groups/histories/{history_id}");

        var parameters = operation.GetProperty("parameters").EnumerateArray()
            .Select(static p => $"{p.GetProperty("in").GetString()}:{p.GetProperty("name").GetString()}:{IsRequired(p)}")
            .ToArray();
        Assert.Equal(["path:history_id:True", "query:limit:False", "query:show_own:False", "query:shade:False", "query:search:False", "query:sort-by:False"], parameters);
        Assert.Equal("""{"type":"boolean","default":false}""", Compact(Parameter(operation, "show_own").GetProperty("schema")));
        Assert.Equal("""{"$ref":"#/components/schemas/Shade","default":"dark_grey"}""", Compact(Parameter(operation, "shade").GetProperty("schema")));
        Assert.Equal("""{"type":"string","default":"name"}""", Compact(Parameter(operation, "sort-by").GetProperty("schema")));
    }

    [Fact]
    public async Task Class_group_members_include_headers_and_required_members()
    {
        var operation = await OperationAsync("/behaviour/groups/paging");

        Assert.True(IsRequired(Parameter(operation, "page")));
        Assert.Equal("header", Parameter(operation, "x-trace").GetProperty("in").GetString());
        Assert.Equal("query", Parameter(operation, "page_size").GetProperty("in").GetString());
        Assert.Equal("array", Parameter(operation, "skip").GetProperty("schema").GetProperty("type")[1].GetString());
    }

    [Fact]
    public async Task Encoded_ids_are_hex_strings()
    {
        var parameter = Parameter(await OperationAsync("/behaviour/ids/{id}"), "id");

        Assert.Equal("path", parameter.GetProperty("in").GetString());
        Assert.Equal("""{"type":"string","pattern":"[0-9a-fA-F]+","minLength":16,"example":"0123456789ABCDEF"}""", Compact(parameter.GetProperty("schema")));
    }

    [Theory]
    [InlineData("/behaviour/bodies/form", new[] { "application/x-www-form-urlencoded", "multipart/form-data" })]
    [InlineData("/behaviour/bodies/either", new[] { "application/json", "application/x-www-form-urlencoded", "multipart/form-data" })]
    [InlineData("/behaviour/bodies/json", new[] { "application/json" })]
    public async Task Bodies_list_the_content_types_they_accept(string path, string[] contentTypes)
    {
        var body = (await OperationAsync(path, "post")).GetProperty("requestBody");

        Assert.True(body.GetProperty("required").GetBoolean());
        Assert.Equal(contentTypes, body.GetProperty("content").EnumerateObject().Select(static c => c.Name).ToArray());
        Assert.All(body.GetProperty("content").EnumerateObject(), static c => Assert.Equal("""{"$ref":"#/components/schemas/Draft"}""", Compact(c.Value.GetProperty("schema"))));
    }

    [Fact]
    public async Task Body_schemas_use_json_names_and_required_members()
    {
        var draft = (await DocumentAsync()).GetProperty("components").GetProperty("schemas").GetProperty("Draft");

        Assert.Equal("""["display_name"]""", Compact(draft.GetProperty("required")));
        Assert.Equal(
            ["display_name", "item_count", "size", "visible", "tags", "shade", "note"],
            draft.GetProperty("properties").EnumerateObject().Select(static p => p.Name).ToArray());
    }

    [Theory]
    [InlineData("/behaviour/access/public", "get", "[]")]
    [InlineData("/behaviour/access-public/open", "get", "[]")]
    [InlineData("/behaviour/scalars/query", "get", "[]")]
    [InlineData("/behaviour/access/user", "get", """[{"APIKeyHeader":[]},{"APIKeyQuery":[]}]""")]
    [InlineData("/behaviour/access/user-without-parameter", "post", """[{"APIKeyHeader":[]},{"APIKeyQuery":[]}]""")]
    [InlineData("/behaviour/access/admin", "get", """[{"APIKeyHeader":[]},{"APIKeyQuery":[]}]""")]
    [InlineData("/behaviour/access-public/admin", "get", """[{"APIKeyHeader":[]},{"APIKeyQuery":[]}]""")]
    public async Task Security_is_empty_for_public_operations_and_lists_the_key_schemes_otherwise(string path, string method, string security)
    {
        var operation = await OperationAsync(path, method);

        Assert.Equal(security, Compact(operation.GetProperty("security")));
    }

    [Fact]
    public async Task Admin_operations_are_marked_and_the_key_schemes_are_defined()
    {
        var document = await DocumentAsync();

        Assert.True(document.GetProperty("paths").GetProperty("/behaviour/access/admin").GetProperty("get").GetProperty("x-require-admin").GetBoolean());
        Assert.False(document.GetProperty("paths").GetProperty("/behaviour/access/user").GetProperty("get").TryGetProperty("x-require-admin", out _));
        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("header", schemes.GetProperty("APIKeyHeader").GetProperty("in").GetString());
        Assert.Equal("x-api-key", schemes.GetProperty("APIKeyHeader").GetProperty("name").GetString());
        Assert.Equal("query", schemes.GetProperty("APIKeyQuery").GetProperty("in").GetString());
        Assert.Equal("key", schemes.GetProperty("APIKeyQuery").GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("/behaviour/results/created", "post", "201", true)]
    [InlineData("/behaviour/results/maybe/{id}", "get", "200", true)]
    [InlineData("/behaviour/results/maybe/{id}", "get", "404", false)]
    [InlineData("/behaviour/results/accepted", "post", "202", true)]
    [InlineData("/behaviour/results/void", "delete", "200", true)]
    public async Task Responses_are_documented_per_status(string path, string method, string status, bool hasBody)
    {
        var responses = (await OperationAsync(path, method)).GetProperty("responses");

        Assert.Equal(hasBody, responses.GetProperty(status).TryGetProperty("content", out _));
    }

    [Fact]
    public async Task No_path_is_listed_with_a_trailing_slash_and_the_alias_is_absent()
    {
        var paths = (await DocumentAsync()).GetProperty("paths").EnumerateObject().Select(static p => p.Name).ToList();

        Assert.DoesNotContain(paths, static p => p.Length > 1 && p.EndsWith('/'));
        Assert.Contains("/behaviour/results/aliased", paths);
        Assert.DoesNotContain("/behaviour/other/path", paths);
    }
}
