using System.Text.Json;

namespace Galaxy.Api.Toolkit.Tests.Behaviour;

/// <summary>The user's FluentValidation validators: found at compile time, run after the generated checks, documented.</summary>
public sealed class FluentValidationTests(FluentHost host) : IClassFixture<FluentHost>
{
    private const string Valid = """{"login": "alice", "nickname": "ally", "age": 30, "tags": ["a"], "contact": {"phone": "+1 555"}}""";

    [Fact]
    public async Task A_valid_body_passes_both()
        => (await host.Client.PostJsonAsync("/behaviour/fluent/signup", Valid)).AssertOk("\"welcome alice\"");

    [Theory]
    [InlineData("nickname", "\"\"", """["body","nickname"] not_empty""")]
    [InlineData("nickname", "\"much too long\"", """["body","nickname"] maximum_length""")]
    [InlineData("age", "7", """["body","age"] inclusive_between""")]
    [InlineData("tags", """["ok", "far too long"]""", """["body","tags",1] maximum_length""")]
    [InlineData("login", "\"admin\"", """["body","login"] predicate""")]
    [InlineData("nickname", "\"taken\"", """["body","nickname"] async_predicate""")]
    [InlineData("contact", """{"phone": "call me"}""", """["body","contact","phone"] regular_expression""")]
    public async Task The_user_s_rules_fail_at_the_JSON_location(string member, string value, string failure)
    {
        var body = System.Text.Json.Nodes.JsonNode.Parse(Valid)!.AsObject();
        body[member] = System.Text.Json.Nodes.JsonNode.Parse(value);

        var reply = await host.Client.PostJsonAsync("/behaviour/fluent/signup", body.ToJsonString());

        reply.AssertValidation(400008, failure);
    }

    [Fact]
    public async Task The_user_s_rules_run_only_after_the_generated_checks_pass()
    {
        var reply = await host.Client.PostJsonAsync("/behaviour/fluent/signup", """{"login": "this login is much longer than twenty", "nickname": "", "age": 1}""");

        reply.AssertValidation(400008, """["body","login"] string_too_long""");
    }

    [Fact]
    public async Task The_document_states_the_constant_rules_and_marks_the_others()
    {
        using var document = JsonDocument.Parse(await host.Client.GetStringAsync("/api/openapi.json", TestContext.Current.CancellationToken));
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");
        var signup = schemas.GetProperty("Signup").GetProperty("properties");

        Assert.Equal(10, signup.GetProperty("nickname").GetProperty("maxLength").GetInt32());
        Assert.Equal(1, signup.GetProperty("nickname").GetProperty("minLength").GetInt32());
        Assert.Equal(13, signup.GetProperty("age").GetProperty("minimum").GetInt32());
        Assert.Equal(120, signup.GetProperty("age").GetProperty("maximum").GetInt32());
        Assert.Equal(5, signup.GetProperty("tags").GetProperty("items").GetProperty("maxLength").GetInt32());
        Assert.Contains("Must(", signup.GetProperty("login").GetProperty("x-galaxy-unexpressed-rules")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("MustAsync(", signup.GetProperty("nickname").GetProperty("x-galaxy-unexpressed-rules")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("nickname", schemas.GetProperty("Signup").GetProperty("required").EnumerateArray().Select(static e => e.GetString()));
        Assert.Equal(@"^[0-9+ ]+(?=\n?$)", schemas.GetProperty("Contact").GetProperty("properties").GetProperty("phone").GetProperty("pattern").GetString());
    }
}

/// <summary>The behaviour host with the validator's service registered.</summary>
public sealed class FluentHost : BehaviourHost
{
    protected override void ConfigureServices(Microsoft.Extensions.DependencyInjection.IServiceCollection services)
        => Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<IReservedLogins, ReservedLogins>(services);
}
