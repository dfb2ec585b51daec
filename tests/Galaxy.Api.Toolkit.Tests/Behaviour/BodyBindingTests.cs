using System.Net;
using System.Text;

namespace Galaxy.Api.Toolkit.Tests.Behaviour;

/// <summary>JSON bodies, form bodies and bodies that may be either, over HTTP.</summary>
public sealed class BodyBindingTests(BehaviourHost host) : IClassFixture<BehaviourHost>
{
    private const string DraftDefaults = """{"display_name":"d","item_count":1,"size":null,"visible":false,"tags":null,"shade":"light","note":null}""";

    public static TheoryData<string> FormPaths() => new() { "/behaviour/bodies/form", "/behaviour/bodies/either" };

    [Fact]
    public async Task Json_body_binds_with_snake_case_names()
    {
        var reply = await host.Client.PostJsonAsync("/behaviour/bodies/json",
            """{"display_name": "d", "item_count": 3, "size": 7, "visible": true, "tags": ["a", "b"], "shade": "dark_grey", "note": "n"}""");

        reply.AssertOk("""{"display_name":"d","item_count":3,"size":7,"visible":true,"tags":["a","b"],"shade":"dark_grey","note":"n"}""");
    }

    [Fact]
    public async Task Json_body_members_with_defaults_may_be_left_out()
    {
        var reply = await host.Client.PostJsonAsync("/behaviour/bodies/json", """{"display_name": "d"}""");

        reply.AssertOk(DraftDefaults);
    }

    [Theory]
    [InlineData("""{"DisplayName": "d"}""")]
    [InlineData("""{"item_count": 2}""")]
    [InlineData("""{}""")]
    public async Task Json_body_without_a_required_member_is_400007_naming_the_member(string json)
    {
        var reply = await host.Client.PostJsonAsync("/behaviour/bodies/json", json);

        reply.AssertValidation(400007, """["body","display_name"] missing""");
    }

    [Theory]
    [InlineData("""{"display_name": null}""", """["body","display_name"] none_not_allowed""")]
    [InlineData("""{"display_name": "d", "item_count": null}""", """["body","item_count"] none_not_allowed""")]
    [InlineData("""{"display_name": "d", "item_count": "3"}""", """["body","item_count"] value_error""")]
    [InlineData("""{"display_name": "d", "item_count": 1.5}""", """["body","item_count"] value_error""")]
    [InlineData("""{"display_name": "d", "visible": "yes"}""", """["body","visible"] value_error""")]
    [InlineData("""{"display_name": "d", "shade": "pink"}""", """["body","shade"] value_error""")]
    [InlineData("""{"display_name": "d", "tags": ["a", 1]}""", """["body","tags",1] value_error""")]
    [InlineData("""{"display_name": 5}""", """["body","display_name"] value_error""")]
    [InlineData("""[1, 2]""", """["body"] value_error""")]
    [InlineData("\"text\"", """["body"] value_error""")]
    public async Task Json_body_of_the_wrong_shape_is_400008_at_the_member(string json, string failure)
    {
        var reply = await host.Client.PostJsonAsync("/behaviour/bodies/json", json);

        reply.AssertValidation(400008, failure);
    }

    [Theory]
    [InlineData("""{"display_name": """)]
    [InlineData("""{"display_name": "d",}""")]
    [InlineData("""{display_name: "d"}""")]
    [InlineData("not json")]
    public async Task Malformed_json_is_400003(string json)
    {
        var reply = await host.Client.PostJsonAsync("/behaviour/bodies/json", json);

        reply.AssertError(HttpStatusCode.BadRequest, 400003);
        Assert.False(reply.Json.TryGetProperty("validation_errors", out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("null")]
    public async Task Missing_json_body_is_400007(string json)
    {
        var reply = await host.Client.PostJsonAsync("/behaviour/bodies/json", json);

        reply.AssertValidation(400007, """["body"] missing""");
        Assert.Equal("Field required in ('body',)", reply.Json.GetProperty("err_msg").GetString());
    }

    /// <summary>BUG (reported): the document says the items of <c>tags</c> are non-nullable strings, the server takes null.</summary>
    [Fact]
    public async Task A_null_item_in_a_list_of_non_nullable_strings_is_400008_at_the_item()
    {
        var reply = await host.Client.PostJsonAsync("/behaviour/bodies/json", """{"display_name": "d", "tags": ["a", null]}""");

        reply.AssertValidation(400008, """["body","tags",1] none_not_allowed""");
    }

    [Theory]
    [InlineData("""{"display_name": "d", "shade": 1}""")]
    [InlineData("""{"display_name": "d", "shade": "blue"}""")]
    public async Task Json_body_enums_are_names_never_numbers(string json)
    {
        var reply = await host.Client.PostJsonAsync("/behaviour/bodies/json", json);

        reply.AssertValidation(400008, """["body","shade"] value_error""");
    }

    [Fact]
    public async Task A_json_body_without_content_type_is_read_as_json()
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"display_name": "d"}"""));
        var reply = await host.Client.SendAsync(HttpMethod.Post, "/behaviour/bodies/json", content);

        reply.AssertOk(DraftDefaults);
    }

    /// <summary>BUG (reported) for text/json: JsonBody.IsJsonContentType accepts it, but the endpoint's accepts metadata answers 415 first.</summary>
    [Theory]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("text/json")]
    [InlineData("application/vnd.galaxy+json")]
    public async Task Json_content_types_are_accepted(string contentType)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"display_name": "d"}"""));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        var reply = await host.Client.SendAsync(HttpMethod.Post, "/behaviour/bodies/json", content);

        reply.AssertOk(DraftDefaults);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    public async Task Other_content_types_on_a_json_operation_are_415(string contentType)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"display_name": "d"}"""));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        var reply = await host.Client.SendAsync(HttpMethod.Post, "/behaviour/bodies/json", content);

        reply.AssertError(HttpStatusCode.UnsupportedMediaType, 415001);
    }

    [Fact]
    public async Task Put_with_a_required_init_member_binds_and_enforces_it()
    {
        using var content = new StringContent("""{"theme": "dark", "levels": [1, 2]}""", Encoding.UTF8, "application/json");
        var ok = await host.Client.SendAsync(HttpMethod.Put, "/behaviour/bodies/settings", content);
        ok.AssertOk("""{"theme":"dark","ratio":1,"levels":[1,2]}""");

        using var missing = new StringContent("""{"ratio": 2}""", Encoding.UTF8, "application/json");
        var bad = await host.Client.SendAsync(HttpMethod.Put, "/behaviour/bodies/settings", missing);
        bad.AssertValidation(400007, """["body","theme"] missing""");
    }

    [Fact]
    public async Task Patch_binds_route_and_body()
    {
        using var content = new StringContent("""{"display_name": "patched"}""", Encoding.UTF8, "application/json");
        var reply = await host.Client.SendAsync(HttpMethod.Patch, "/behaviour/bodies/json/4", content);

        reply.AssertOk("\"4:patched\"");
    }

    [Fact]
    public async Task Route_query_and_body_failures_are_reported_together()
    {
        var reply = await host.Client.PostJsonAsync("/behaviour/bodies/mixed/x?dry=perhaps", """{"display_name": "d", "item_count": "many"}""");

        reply.AssertValidation(400008, """["path","id"] int_parsing""", """["body","item_count"] value_error""", """["query","dry"] bool_parsing""");
    }

    [Fact]
    public async Task Route_failures_and_a_missing_body_are_reported_together()
    {
        var reply = await host.Client.PostJsonAsync("/behaviour/bodies/mixed/x", "");

        reply.AssertValidation(400008, """["path","id"] int_parsing""", """["body"] missing""");
    }

    [Theory]
    [MemberData(nameof(FormPaths))]
    public async Task Url_encoded_form_binds_by_json_names(string path)
    {
        var reply = await host.Client.PostUrlEncodedAsync(path,
            ("display_name", "d"), ("item_count", "3"), ("size", "-7"), ("visible", "True"), ("tags", "a"), ("tags", "b"), ("shade", "dark_grey"), ("note", "n"));

        reply.AssertOk("""{"display_name":"d","item_count":3,"size":-7,"visible":true,"tags":["a","b"],"shade":"dark_grey","note":"n"}""");
    }

    [Theory]
    [MemberData(nameof(FormPaths))]
    public async Task Multipart_form_binds_by_json_names(string path)
    {
        var reply = await host.Client.PostMultipartAsync(path,
            ("display_name", "d"), ("item_count", "3"), ("size", "7"), ("visible", "on"), ("tags", "a"), ("tags", "b"), ("shade", "dark_grey"), ("note", "n"));

        reply.AssertOk("""{"display_name":"d","item_count":3,"size":7,"visible":true,"tags":["a","b"],"shade":"dark_grey","note":"n"}""");
    }

    [Theory]
    [MemberData(nameof(FormPaths))]
    public async Task Form_fields_left_out_take_their_defaults(string path)
    {
        var urlEncoded = await host.Client.PostUrlEncodedAsync(path, ("display_name", "d"));
        urlEncoded.AssertOk(DraftDefaults);

        var multipart = await host.Client.PostMultipartAsync(path, ("display_name", "d"));
        multipart.AssertOk(DraftDefaults);
    }

    [Theory]
    [MemberData(nameof(FormPaths))]
    public async Task Empty_form_fields_are_null(string path)
    {
        var urlEncoded = await host.Client.PostUrlEncodedAsync(path, ("display_name", "d"), ("size", ""));
        urlEncoded.AssertOk(DraftDefaults);

        var multipart = await host.Client.PostMultipartAsync(path, ("display_name", "d"), ("size", ""));
        multipart.AssertOk(DraftDefaults);
    }

    [Theory]
    [MemberData(nameof(FormPaths))]
    public async Task An_empty_form_field_of_a_non_nullable_member_is_null_and_so_invalid(string path)
    {
        var urlEncoded = await host.Client.PostUrlEncodedAsync(path, ("display_name", "d"), ("visible", ""));
        urlEncoded.AssertValidation(400008, """["body","visible"] none_not_allowed""");

        var multipart = await host.Client.PostMultipartAsync(path, ("display_name", "d"), ("item_count", ""));
        multipart.AssertValidation(400008, """["body","item_count"] none_not_allowed""");
    }

    [Theory]
    [MemberData(nameof(FormPaths))]
    public async Task An_empty_form_field_of_a_nullable_string_is_null(string path)
    {
        var reply = await host.Client.PostUrlEncodedAsync(path, ("display_name", "d"), ("note", ""));

        reply.AssertOk(DraftDefaults);
    }

    [Theory]
    [MemberData(nameof(FormPaths))]
    public async Task A_non_number_in_an_int_form_field_is_400008_at_the_field(string path)
    {
        var urlEncoded = await host.Client.PostUrlEncodedAsync(path, ("display_name", "d"), ("item_count", "abc"));
        urlEncoded.AssertValidation(400008, """["body","item_count"] value_error""");

        var multipart = await host.Client.PostMultipartAsync(path, ("display_name", "d"), ("size", "1.5"));
        multipart.AssertValidation(400008, """["body","size"] value_error""");
    }

    [Theory]
    [MemberData(nameof(FormPaths))]
    public async Task Invalid_booleans_and_enums_in_a_form_are_400008_at_the_field(string path)
    {
        var reply = await host.Client.PostUrlEncodedAsync(path, ("display_name", "d"), ("visible", "perhaps"));
        reply.AssertValidation(400008, """["body","visible"] value_error""");

        var shade = await host.Client.PostMultipartAsync(path, ("display_name", "d"), ("shade", "pink"));
        shade.AssertValidation(400008, """["body","shade"] value_error""");
    }

    [Theory]
    [MemberData(nameof(FormPaths))]
    public async Task A_form_without_a_required_field_is_400007_naming_it(string path)
    {
        var reply = await host.Client.PostUrlEncodedAsync(path, ("item_count", "2"));

        reply.AssertValidation(400007, """["body","display_name"] missing""");
    }

    [Theory]
    [MemberData(nameof(FormPaths))]
    public async Task A_form_field_under_the_CLR_name_is_not_matched(string path)
    {
        var reply = await host.Client.PostUrlEncodedAsync(path, ("DisplayName", "d"), ("display_name", "real"), ("ItemCount", "9"));

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal("\"real\"", reply.Raw("display_name"));
        Assert.Equal("1", reply.Raw("item_count"));
    }

    [Theory]
    [MemberData(nameof(FormPaths))]
    public async Task An_empty_form_is_a_missing_body(string path)
    {
        var reply = await host.Client.PostUrlEncodedAsync(path);

        reply.AssertValidation(400007, """["body"] missing""");
    }

    [Theory]
    [MemberData(nameof(FormPaths))]
    public async Task A_repeated_scalar_form_field_takes_the_last_value(string path)
    {
        var reply = await host.Client.PostUrlEncodedAsync(path, ("display_name", "first"), ("display_name", "last"));

        Assert.Equal("\"last\"", reply.Raw("display_name"));
    }

    [Fact]
    public async Task Json_sent_to_a_json_or_form_operation_binds()
    {
        var reply = await host.Client.PostJsonAsync("/behaviour/bodies/either", """{"display_name": "d", "tags": ["x"], "visible": true}""");

        reply.AssertOk("""{"display_name":"d","item_count":1,"size":null,"visible":true,"tags":["x"],"shade":"light","note":null}""");
    }

    [Fact]
    public async Task Json_to_a_json_or_form_operation_is_validated_as_json()
    {
        var wrong = await host.Client.PostJsonAsync("/behaviour/bodies/either", """{"display_name": "d", "item_count": "3"}""");
        wrong.AssertValidation(400008, """["body","item_count"] value_error""");

        var malformed = await host.Client.PostJsonAsync("/behaviour/bodies/either", "{");
        malformed.AssertError(HttpStatusCode.BadRequest, 400003);

        var missing = await host.Client.PostJsonAsync("/behaviour/bodies/either", "");
        missing.AssertValidation(400007, """["body"] missing""");
    }

    [Fact]
    public async Task Json_sent_to_a_form_operation_is_415()
    {
        var reply = await host.Client.PostJsonAsync("/behaviour/bodies/form", """{"display_name": "d"}""");

        reply.AssertError(HttpStatusCode.UnsupportedMediaType, 415001);
    }

    [Fact]
    public async Task Text_sent_to_a_json_or_form_operation_is_415()
    {
        var reply = await host.Client.PostJsonAsync("/behaviour/bodies/either", "display_name=d", "text/plain");

        reply.AssertError(HttpStatusCode.UnsupportedMediaType, 415001);
    }

    [Fact]
    public async Task An_encoded_id_in_a_json_body_round_trips()
    {
        var reply = await host.Client.PostJsonAsync("/behaviour/bodies/ids",
            """{"id": "f2db41e1fa331b3e", "parent_id": "F597429621D6EB2B", "member_ids": ["1cd8e2f6b131e891", "f2db41e1fa331b3e"]}""");

        reply.AssertOk("""{"id":1,"parent_id":2,"member_ids":[3,1],"echo":{"id":"f2db41e1fa331b3e","parent_id":"f597429621d6eb2b","member_ids":["1cd8e2f6b131e891","f2db41e1fa331b3e"]}}""");
    }

    [Fact]
    public async Task Optional_encoded_ids_in_a_json_body_may_be_absent_or_null()
    {
        var reply = await host.Client.PostJsonAsync("/behaviour/bodies/ids", """{"id": "f2db41e1fa331b3e", "parent_id": null}""");

        reply.AssertOk("""{"id":1,"parent_id":null,"member_ids":[],"echo":{"id":"f2db41e1fa331b3e","parent_id":null,"member_ids":null}}""");
    }

    [Theory]
    [InlineData("""{"id": "xyz"}""", """["body","id"] value_error""")]
    [InlineData("""{"id": "0123456789abcdef"}""", """["body","id"] value_error""")]
    [InlineData("""{"id": 1}""", """["body","id"] value_error""")]
    [InlineData("""{"id": null}""", """["body","id"] none_not_allowed""")]
    [InlineData("""{"id": "f2db41e1fa331b3e", "member_ids": ["f2db41e1fa331b3e", "nope"]}""", """["body","member_ids",1] value_error""")]
    public async Task A_bad_encoded_id_in_a_json_body_is_400008_at_the_member(string json, string failure)
    {
        var reply = await host.Client.PostJsonAsync("/behaviour/bodies/ids", json);

        reply.AssertValidation(400008, failure);
    }

    [Fact]
    public async Task Encoded_ids_in_a_form_body_decode()
    {
        var urlEncoded = await host.Client.PostUrlEncodedAsync("/behaviour/bodies/form-ids", ("id", "f2db41e1fa331b3e"), ("member_ids", "f597429621d6eb2b"), ("member_ids", "1cd8e2f6b131e891"));
        urlEncoded.AssertOk("""{"id":1,"parent_id":null,"member_ids":[2,3],"echo":{"id":"f2db41e1fa331b3e","parent_id":null,"member_ids":["f597429621d6eb2b","1cd8e2f6b131e891"]}}""");

        var multipart = await host.Client.PostMultipartAsync("/behaviour/bodies/form-ids", ("id", "nothex"));
        multipart.AssertValidation(400008, """["body","id"] value_error""");
    }
}
