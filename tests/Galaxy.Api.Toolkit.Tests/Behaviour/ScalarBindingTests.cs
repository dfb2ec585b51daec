using System.Net;
using static Galaxy.Api.Toolkit.Tests.Behaviour.BehaviourHttp;

namespace Galaxy.Api.Toolkit.Tests.Behaviour;

/// <summary>Scalars of every type from the route, the query and headers, over HTTP.</summary>
public sealed class ScalarBindingTests(BehaviourHost host) : IClassFixture<BehaviourHost>
{
    /// <summary>Valid text of each type and the JSON the operation writes back.</summary>
    public static TheoryData<string, string, string> ValidValues() => new()
    {
        { "str", "hello world", "\"hello world\"" },
        { "str", "ünïcødé", "\"ünïcødé\"" },
        { "u8", "0", "0" },
        { "u8", "255", "255" },
        { "i8", "-128", "-128" },
        { "i8", "127", "127" },
        { "i16", "-32768", "-32768" },
        { "u16", "65535", "65535" },
        { "i32", "-2147483648", "-2147483648" },
        { "i32", "+42", "42" },
        { "u32", "4294967295", "4294967295" },
        { "i64", "-9223372036854775808", "-9223372036854775808" },
        { "i64", "9007199254740993", "9007199254740993" },
        { "u64", "18446744073709551615", "18446744073709551615" },
        { "f32", "1.5", "1.5" },
        { "f32", "-2.5e3", "-2500" },
        { "f64", "0.1", "0.1" },
        { "f64", "1E-7", "1E-07" },
        { "dec", "79228162514264337593543950335", "79228162514264337593543950335" },
        { "dec", "-1.50", "-1.50" },
        { "flag", "true", "true" },
        { "flag", "false", "false" },
        { "flag", "True", "true" },
        { "flag", "False", "false" },
        { "flag", "1", "true" },
        { "flag", "0", "false" },
        { "flag", "yes", "true" },
        { "flag", "no", "false" },
        { "flag", "on", "true" },
        { "flag", "off", "false" },
        { "flag", "YES", "true" },
        { "flag", "t", "true" },
        { "flag", "N", "false" },
        { "uuid", "0f8fad5b-d9cb-469f-a165-70867728950e", "\"0f8fad5b-d9cb-469f-a165-70867728950e\"" },
        { "uuid", "0F8FAD5BD9CB469FA16570867728950E", "\"0f8fad5b-d9cb-469f-a165-70867728950e\"" },
        { "moment", "2024-02-29T13:45:30", "\"2024-02-29T13:45:30\"" },
        { "moment", "2024-02-29T13:45:30.125Z", "\"2024-02-29T13:45:30.125Z\"" },
        { "moment", "2024-02-29", "\"2024-02-29T00:00:00\"" },
        { "instant", "2024-02-29T13:45:30+02:00", "\"2024-02-29T13:45:30+02:00\"" },
        { "instant", "2024-02-29T13:45:30", "\"2024-02-29T13:45:30+00:00\"" },
        { "day", "2024-02-29", "\"2024-02-29\"" },
        { "shade", "dark_grey", "\"dark_grey\"" },

        { "tone", "ice-cold", "\"ice-cold\"" },

        { "tone", "very_loud", "\"very_loud\"" },
        { "tone", "warm", "\"warm\"" },
    };

    /// <summary>Invalid text of each type and the validation error type.</summary>
    public static TheoryData<string, string, string> InvalidValues() => new()
    {
        { "u8", "256", "int_parsing" },
        { "u8", "-1", "int_parsing" },
        { "u8", "1.0", "int_parsing" },
        { "i8", "128", "int_parsing" },
        { "i8", "-129", "int_parsing" },
        { "i16", "32768", "int_parsing" },
        { "u16", "65536", "int_parsing" },
        { "u16", "-1", "int_parsing" },
        { "i32", "2147483648", "int_parsing" },
        { "i32", "1e3", "int_parsing" },
        { "i32", "0x10", "int_parsing" },
        { "i32", "1,000", "int_parsing" },
        { "u32", "4294967296", "int_parsing" },
        { "u32", "-1", "int_parsing" },
        { "i64", "9223372036854775808", "int_parsing" },
        { "u64", "18446744073709551616", "int_parsing" },
        { "u64", "-1", "int_parsing" },
        { "f32", "abc", "float_parsing" },
        { "f32", "NaN", "float_parsing" },
        { "f64", "Infinity", "float_parsing" },
        { "f64", "1,5", "float_parsing" },
        { "dec", "1e400", "float_parsing" },
        { "dec", "one", "float_parsing" },
        { "flag", "maybe", "bool_parsing" },
        { "flag", "2", "bool_parsing" },
        { "flag", "truee", "bool_parsing" },
        { "uuid", "not-a-guid", "uuid_parsing" },
        { "uuid", "0f8fad5b-d9cb-469f-a165-70867728950", "uuid_parsing" },
        { "moment", "2024-02-30T00:00:00", "datetime_parsing" },
        { "moment", "29/02/2024", "datetime_parsing" },
        { "instant", "yesterday", "datetime_parsing" },
        { "day", "2024-02-30", "date_parsing" },
        { "day", "2024-2-1", "date_parsing" },
        { "day", "2024-02-29T00:00:00", "date_parsing" },
        { "shade", "purple", "enum" },
        { "shade", "1", "enum" },
        { "shade", "DARK_GREY", "enum" },
        { "shade", "DarkGrey", "enum" },
        { "shade", "LIGHT", "enum" },
        { "shade", "light,dark_grey", "enum" },
        { "tone", "ice_cold", "enum" },
        { "tone", "ICE-COLD", "enum" },
        { "tone", "IceCold", "enum" },
    };

    [Theory]
    [MemberData(nameof(ValidValues))]
    public async Task Route_values_of_every_type_bind(string type, string value, string json)
    {
        var reply = await host.Client.GetReplyAsync($"/behaviour/scalars/route/{type}/{Q(value)}");

        reply.AssertOk(json);
    }

    [Theory]
    [MemberData(nameof(ValidValues))]
    public async Task Query_values_of_every_type_bind(string type, string value, string json)
    {
        var reply = await host.Client.GetReplyAsync($"/behaviour/scalars/query?{type}={Q(value)}");

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(json, reply.Raw(type));
        Assert.Equal(1, reply.Json.EnumerateObject().Count(static p => p.Value.ValueKind != System.Text.Json.JsonValueKind.Null));
    }

    [Theory]
    [MemberData(nameof(ValidValues))]
    public async Task Header_values_of_every_type_bind(string type, string value, string json)
    {
        if (!value.All(char.IsAscii))
        {
            value = "ascii";   // header values are ASCII on the wire
            json = "\"ascii\"";
        }

        var reply = await host.Client.GetReplyAsync("/behaviour/scalars/header", ("x-" + type, value));

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(json, reply.Raw(type));
    }

    [Theory]
    [MemberData(nameof(InvalidValues))]
    public async Task Invalid_route_values_are_400008_at_path(string type, string value, string errorType)
    {
        var reply = await host.Client.GetReplyAsync($"/behaviour/scalars/route/{type}/{Q(value)}");

        reply.AssertValidation(400008, $"[\"path\",\"value\"] {errorType}");
    }

    [Theory]
    [MemberData(nameof(InvalidValues))]
    public async Task Invalid_query_values_are_400008_at_query(string type, string value, string errorType)
    {
        var reply = await host.Client.GetReplyAsync($"/behaviour/scalars/query?{type}={Q(value)}");

        reply.AssertValidation(400008, $"[\"query\",\"{type}\"] {errorType}");
    }

    [Theory]
    [MemberData(nameof(InvalidValues))]
    public async Task Invalid_header_values_are_400008_at_header(string type, string value, string errorType)
    {
        var reply = await host.Client.GetReplyAsync("/behaviour/scalars/header", ("x-" + type, value));

        reply.AssertValidation(400008, $"[\"header\",\"x-{type}\"] {errorType}");
    }

    [Theory]
    [InlineData("u8", "256", "Input should be a valid integer between 0 and 255")]
    [InlineData("i8", "-129", "Input should be a valid integer between -128 and 127")]
    [InlineData("u64", "-1", "Input should be a valid integer between 0 and 18446744073709551615")]
    [InlineData("f64", "x", "Input should be a valid number, unable to parse string as a number")]
    [InlineData("flag", "x", "Input should be a valid boolean, unable to interpret input")]
    [InlineData("uuid", "x", "Input should be a valid UUID")]
    [InlineData("moment", "x", "Input should be a valid datetime in ISO 8601 format")]
    [InlineData("day", "x", "Input should be a valid date in the format YYYY-MM-DD")]
    [InlineData("tone", "x", "Input should be 'warm', 'ice-cold' or 'very_loud'")]
    public async Task Messages_follow_pydantic(string type, string value, string message)
    {
        var reply = await host.Client.GetReplyAsync($"/behaviour/scalars/query?{type}={Q(value)}");

        Assert.Equal(message, reply.Json.GetProperty("validation_errors")[0].GetProperty("msg").GetString());
        Assert.Equal($"{message} in ('query', '{type}')", reply.Json.GetProperty("err_msg").GetString());
    }

    [Fact]
    public async Task Absent_optional_values_are_null()
    {
        var reply = await host.Client.GetReplyAsync("/behaviour/scalars/query");

        reply.AssertOk("""{"str":null,"u8":null,"i8":null,"i16":null,"u16":null,"i32":null,"u32":null,"i64":null,"u64":null,"f32":null,"f64":null,"dec":null,"flag":null,"uuid":null,"moment":null,"instant":null,"day":null,"shade":null,"tone":null}""");
    }

    [Fact]
    public async Task All_values_together_bind_from_the_query()
    {
        var reply = await host.Client.GetReplyAsync(
            "/behaviour/scalars/query?str=s&u8=1&i8=-2&i16=3&u16=4&i32=5&u32=6&i64=7&u64=8&f32=9.5&f64=10.25&dec=11.125&flag=True"
            + "&uuid=0f8fad5b-d9cb-469f-a165-70867728950e&moment=2024-01-02T03:04:05&instant=2024-01-02T03:04:05%2B01:00&day=2024-01-02&shade=light&tone=ice-cold");

        reply.AssertOk("""{"str":"s","u8":1,"i8":-2,"i16":3,"u16":4,"i32":5,"u32":6,"i64":7,"u64":8,"f32":9.5,"f64":10.25,"dec":11.125,"flag":true,"uuid":"0f8fad5b-d9cb-469f-a165-70867728950e","moment":"2024-01-02T03:04:05","instant":"2024-01-02T03:04:05+01:00","day":"2024-01-02","shade":"light","tone":"ice-cold"}""");
    }

    [Fact]
    public async Task Every_invalid_value_is_reported_at_once()
    {
        var reply = await host.Client.GetReplyAsync("/behaviour/scalars/query?u8=300&flag=perhaps&day=today&shade=blue&str=fine");

        reply.AssertValidation(400008,
            """["query","u8"] int_parsing""",
            """["query","flag"] bool_parsing""",
            """["query","day"] date_parsing""",
            """["query","shade"] enum""");
    }

    [Theory]
    [InlineData("?i32=1&i32=2", "i32", "2")]
    [InlineData("?str=first&str=second&str=third", "str", "\"third\"")]
    [InlineData("?flag=false&flag=True", "flag", "true")]
    [InlineData("?i32=bad&i32=3", "i32", "3")]
    public async Task A_repeated_scalar_query_key_takes_the_last_value(string query, string name, string json)
    {
        var reply = await host.Client.GetReplyAsync("/behaviour/scalars/query" + query);

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(json, reply.Raw(name));
    }

    [Fact]
    public async Task A_repeated_scalar_query_key_whose_last_value_is_invalid_is_rejected()
    {
        var reply = await host.Client.GetReplyAsync("/behaviour/scalars/query?i32=3&i32=bad");

        reply.AssertValidation(400008, """["query","i32"] int_parsing""");
    }

    [Fact]
    public async Task An_empty_query_value_of_a_string_is_the_empty_string_and_of_a_number_is_invalid()
    {
        var text = await host.Client.GetReplyAsync("/behaviour/scalars/query?str=");
        Assert.Equal("\"\"", text.Raw("str"));

        var number = await host.Client.GetReplyAsync("/behaviour/scalars/query?i32=");
        number.AssertValidation(400008, """["query","i32"] int_parsing""");
    }

    [Fact]
    public async Task Query_keys_are_matched_ignoring_case()
    {
        var reply = await host.Client.GetReplyAsync("/behaviour/scalars/query?I32=5");

        Assert.Equal("5", reply.Raw("i32"));
    }

    [Fact]
    public async Task Defaults_are_used_when_values_are_absent()
    {
        var reply = await host.Client.GetReplyAsync("/behaviour/scalars/defaults");

        reply.AssertOk("""{"str":"abc","u8":3,"i16":-4,"i32":7,"i64":9000000000,"u64":18000000000000000000,"f32":0.25,"f64":1.5,"dec":2.75,"flag":true,"shade":"dark_grey","tone":"ice-cold","maybe":null}""");
    }

    [Fact]
    public async Task Given_values_replace_the_defaults()
    {
        var reply = await host.Client.GetReplyAsync("/behaviour/scalars/defaults?str=x&u8=9&i32=-1&flag=off&shade=light&tone=warm&maybe=5&f32=2");

        reply.AssertOk("""{"str":"x","u8":9,"i16":-4,"i32":-1,"i64":9000000000,"u64":18000000000000000000,"f32":2,"f64":1.5,"dec":2.75,"flag":false,"shade":"light","tone":"warm","maybe":5}""");
    }

    [Fact]
    public async Task Missing_required_values_are_400007_listing_each()
    {
        var reply = await host.Client.GetReplyAsync("/behaviour/scalars/required");

        reply.AssertValidation(400007,
            """["query","i32"] missing""",
            """["query","flag"] missing""",
            """["query","uuid"] missing""",
            """["query","shade"] missing""",
            """["header","x-str"] missing""");
        Assert.Equal(
            "Field required in ('query', 'i32')\nField required in ('query', 'flag')\nField required in ('query', 'uuid')\nField required in ('query', 'shade')\nField required in ('header', 'x-str')",
            reply.Json.GetProperty("err_msg").GetString());
    }

    [Fact]
    public async Task Required_values_bind_when_given()
    {
        var reply = await host.Client.GetReplyAsync("/behaviour/scalars/required?i32=1&flag=yes&uuid=0f8fad5b-d9cb-469f-a165-70867728950e&shade=light", ("x-str", "h"));

        reply.AssertOk("""{"i32":1,"flag":true,"uuid":"0f8fad5b-d9cb-469f-a165-70867728950e","shade":"light","str":"h"}""");
    }

    [Fact]
    public async Task Missing_and_invalid_required_values_together_are_400008()
    {
        var reply = await host.Client.GetReplyAsync("/behaviour/scalars/required?i32=x&flag=1&uuid=0f8fad5b-d9cb-469f-a165-70867728950e&shade=light");

        reply.AssertValidation(400008, """["query","i32"] int_parsing""", """["header","x-str"] missing""");
    }

    [Fact]
    public async Task An_empty_required_header_is_the_empty_string()
    {
        var reply = await host.Client.GetReplyAsync("/behaviour/scalars/required?i32=1&flag=1&uuid=0f8fad5b-d9cb-469f-a165-70867728950e&shade=light", ("x-str", ""));

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal("\"\"", reply.Raw("str"));
    }

    [Theory]
    [InlineData("/behaviour/scalars/route/maybe/5", "5")]
    [InlineData("/behaviour/scalars/named/12", "\"12/10\"")]
    [InlineData("/behaviour/scalars/named/12?page-size=3", "\"12/3\"")]
    public async Task Nullable_route_values_and_explicit_names_bind(string path, string json)
    {
        var reply = await host.Client.GetReplyAsync(path);

        reply.AssertOk(json);
    }

    [Fact]
    public async Task Explicitly_named_values_are_reported_under_their_wire_names()
    {
        var reply = await host.Client.GetReplyAsync("/behaviour/scalars/named/x?page-size=y");

        reply.AssertValidation(400008, """["path","item_id"] int_parsing""", """["query","page-size"] int_parsing""");
    }

    [Fact]
    public async Task A_nullable_route_value_is_still_validated()
    {
        var reply = await host.Client.GetReplyAsync("/behaviour/scalars/route/maybe/five");

        reply.AssertValidation(400008, """["path","value"] int_parsing""");
    }

    [Theory]
    [InlineData("/behaviour/scalars/optional-route", "\"none\"")]
    [InlineData("/behaviour/scalars/optional-route/4", "\"4\"")]
    [InlineData("/behaviour/scalars/catch-all/a/b/c", "\"a/b/c\"")]
    public async Task Optional_and_catch_all_route_segments_bind(string path, string json)
    {
        var reply = await host.Client.GetReplyAsync(path);

        reply.AssertOk(json);
    }

    [Fact]
    public async Task An_optional_route_segment_is_validated_when_present()
    {
        var reply = await host.Client.GetReplyAsync("/behaviour/scalars/optional-route/x");

        reply.AssertValidation(400008, """["path","value"] int_parsing""");
    }
}
