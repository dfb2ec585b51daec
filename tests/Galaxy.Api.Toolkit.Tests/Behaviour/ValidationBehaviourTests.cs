namespace Galaxy.Api.Toolkit.Tests.Behaviour;

/// <summary>Generated validators over HTTP: DataAnnotations on bodies, nested objects, items and query values.</summary>
public sealed class ValidationBehaviourTests(BehaviourHost host) : IClassFixture<BehaviourHost>
{
    private const string Valid = """{"name": "alice", "email": "a@b.org", "homepage": "https://x.org", "seats": 2, "ratio": 0.25, "slug": "abc", "tags": ["a"], "size": "small", "login": "al", "avatar": "aGVsbG8=", "address": {"zip": "123"}, "previous": [{"zip": "1"}]}""";

    [Fact]
    public async Task A_valid_body_passes()
        => (await host.Client.PostJsonAsync("/behaviour/validation/register", Valid)).AssertOk("\"ok\"");

    [Theory]
    [InlineData("name", "\"al\"", """["body","name"] string_too_short""")]
    [InlineData("name", "\"abcdefghijklm\"", """["body","name"] string_too_long""")]
    [InlineData("email", "\"nobody\"", """["body","email"] value_error""")]
    [InlineData("homepage", "\"x.org\"", """["body","homepage"] url_parsing""")]
    [InlineData("seats", "0", """["body","seats"] greater_than_equal""")]
    [InlineData("seats", "11", """["body","seats"] less_than_equal""")]
    [InlineData("ratio", "0", """["body","ratio"] greater_than""")]
    [InlineData("slug", "\"abc1\"", """["body","slug"] string_pattern_mismatch""")]
    [InlineData("tags", "[]", """["body","tags"] too_short""")]
    [InlineData("tags", """["a","b","c","d"]""", """["body","tags"] too_long""")]
    [InlineData("size", "\"medium\"", """["body","size"] enum""")]
    [InlineData("login", "\"root\"", """["body","login"] value_error""")]
    [InlineData("avatar", "\"###\"", """["body","avatar"] value_error""")]
    [InlineData("address", """{"zip": "123456"}""", """["body","address","zip"] string_too_long""")]
    [InlineData("address", """{"zip": null}""", """["body","address","zip"] missing""")]
    [InlineData("previous", """[{"zip": "1"}, {"zip": "123456"}]""", """["body","previous",1,"zip"] string_too_long""")]
    [InlineData("previous", """[{"zip": "1"}, null]""", """["body","previous",1] none_not_allowed""")]
    public async Task Each_constraint_is_checked_at_its_location(string member, string value, string failure)
    {
        var body = System.Text.Json.Nodes.JsonNode.Parse(Valid)!.AsObject();
        body[member] = System.Text.Json.Nodes.JsonNode.Parse(value);

        var reply = await host.Client.PostJsonAsync("/behaviour/validation/register", body.ToJsonString());

        reply.AssertValidation(failure.EndsWith("missing", StringComparison.Ordinal) ? 400007 : 400008, failure);
    }

    [Fact]
    public async Task Every_failure_is_reported_not_just_the_first()
    {
        var reply = await host.Client.PostJsonAsync("/behaviour/validation/register", """{"name": "al", "seats": 0, "tags": [], "address": {"zip": "1234567"}}""");

        reply.AssertValidation(400008,
            """["body","name"] string_too_short""",
            """["body","seats"] greater_than_equal""",
            """["body","tags"] too_short""",
            """["body","address","zip"] string_too_long""");
    }

    [Theory]
    [InlineData("""{"model_class": "Dataset"}""", """["body","model_class"] literal_error""")]
    [InlineData("""{"model_class": "History", "version": 3}""", """["body","version"] literal_error""")]
    [InlineData("""{"model_class": "History", "flag": false}""", """["body","flag"] literal_error""")]
    public async Task Const_members_refuse_any_other_value(string body, string failure)
        => (await host.Client.PostJsonAsync("/behaviour/validation/labelled", body)).AssertValidation(400008, failure);

    [Fact]
    public async Task Const_members_accept_their_value_and_null_where_the_type_allows_it()
    {
        (await host.Client.PostJsonAsync("/behaviour/validation/labelled", """{"model_class": "History", "version": 2, "flag": true}"""))
            .AssertOk("""{"model_class":"History","version":2,"flag":true}""");
        (await host.Client.PostJsonAsync("/behaviour/validation/labelled", """{"model_class": "History", "version": null}"""))
            .AssertOk("""{"model_class":"History","version":null,"flag":true}""");
    }

    [Fact]
    public async Task A_type_that_disallows_unknown_members_refuses_them_with_a_400()
    {
        (await host.Client.PostJsonAsync("/behaviour/validation/closed", """{"name": "x"}""")).AssertOk("\"x\"");
        (await host.Client.PostJsonAsync("/behaviour/validation/closed", """{"name": "x", "other": 1}""")).AssertValidation(400008, """["body","other"] value_error""");
    }

    [Fact]
    public async Task Required_annotation_makes_an_absent_member_missing()
        => (await host.Client.PostJsonAsync("/behaviour/validation/register", """{"seats": 2}""")).AssertValidation(400007, """["body","name"] missing""");

    [Theory]
    [InlineData("/behaviour/validation/query?limit=0", """["query","limit"] greater_than_equal""")]
    [InlineData("/behaviour/validation/query?limit=101", """["query","limit"] less_than_equal""")]
    [InlineData("/behaviour/validation/query?code=abcd", """["query","code"] string_too_long""")]
    [InlineData("/behaviour/validation/query?digits=12a", """["query","digits"] string_pattern_mismatch""")]
    public async Task Query_values_are_checked_against_their_annotations(string path, string failure)
        => (await host.Client.GetReplyAsync(path)).AssertValidation(400008, failure);

    [Fact]
    public async Task Valid_query_values_pass()
        => (await host.Client.GetReplyAsync("/behaviour/validation/query?limit=5&code=abc&digits=42")).AssertOk("5");

    [Fact]
    public void Generated_validator_is_a_FluentValidation_validator_in_DI()
    {
        var validator = host.Services.GetService(typeof(FluentValidation.IValidator<Registration>)) as FluentValidation.IValidator<Registration>;

        Assert.NotNull(validator);
        var result = validator.Validate(new Registration { Name = "x", Seats = 20 });
        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, static e => e.PropertyName == "name" && e.ErrorCode == "string_too_short");
        Assert.Contains(result.Errors, static e => e.PropertyName == "seats" && e.ErrorCode == "less_than_equal");
        Assert.True(validator.Validate(new Registration { Name = "alice" }).IsValid);
    }
}
