using System.Net;

namespace Galaxy.Api.Toolkit.Tests.Behaviour;

/// <summary><c>[AsParameters]</c> groups over HTTP: members named by the naming policy, route members, defaults.</summary>
public sealed class GroupBindingTests(BehaviourHost host) : IClassFixture<BehaviourHost>
{
    [Fact]
    public async Task Record_group_takes_constructor_defaults_when_values_are_absent()
    {
        var reply = await host.Client.GetReplyAsync("/behaviour/groups/histories/abc");

        reply.AssertOk("""{"history_id":"abc","limit":10,"show_own":false,"shade":"dark_grey","search":null,"sort_by":"name"}""");
    }

    [Fact]
    public async Task Record_group_members_bind_from_the_route_and_from_snake_case_query_keys()
    {
        var reply = await host.Client.GetReplyAsync("/behaviour/groups/histories/h1?limit=3&show_own=True&shade=light&search=x%20y&sort-by=size");

        reply.AssertOk("""{"history_id":"h1","limit":3,"show_own":true,"shade":"light","search":"x y","sort_by":"size"}""");
    }

    [Theory]
    [InlineData("?ShowOwn=true")]
    [InlineData("?showown=true")]
    [InlineData("?sort_by=size")]
    [InlineData("?SortBy=size")]
    [InlineData("?history_id=other")]
    public async Task Group_members_are_not_bound_under_their_CLR_names_or_other_keys(string query)
    {
        var reply = await host.Client.GetReplyAsync("/behaviour/groups/histories/abc" + query);

        reply.AssertOk("""{"history_id":"abc","limit":10,"show_own":false,"shade":"dark_grey","search":null,"sort_by":"name"}""");
    }

    [Fact]
    public async Task Group_members_are_validated_under_their_wire_names()
    {
        var reply = await host.Client.GetReplyAsync("/behaviour/groups/histories/abc?limit=ten&show_own=perhaps&shade=blue");

        reply.AssertValidation(400008,
            """["query","limit"] int_parsing""",
            """["query","show_own"] bool_parsing""",
            """["query","shade"] enum""");
        Assert.Contains("in ('query', 'show_own')", reply.Json.GetProperty("err_msg").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Class_group_binds_settable_properties_header_and_collection_members()
    {
        var reply = await host.Client.GetReplyAsync("/behaviour/groups/paging?page=2&page_size=50&max_total=9000000000&tone=ice-cold&skip=1&skip=3&extra=e", ("x-trace", "t-1"));

        reply.AssertOk("""{"page":2,"page_size":50,"max_total":9000000000,"tone":"ice-cold","trace":"t-1","skip":[1,3],"extra":"e"}""");
    }

    [Fact]
    public async Task Class_group_leaves_absent_optional_members_unset()
    {
        var reply = await host.Client.GetReplyAsync("/behaviour/groups/paging?page=0");

        reply.AssertOk("""{"page":0,"page_size":null,"max_total":null,"tone":null,"trace":null,"skip":null,"extra":"none"}""");
    }

    [Fact]
    public async Task A_required_member_of_a_class_group_is_400007_when_absent()
    {
        var reply = await host.Client.GetReplyAsync("/behaviour/groups/paging?pageSize=3");

        reply.AssertValidation(400007, """["query","page"] missing""");
    }

    [Fact]
    public async Task Class_group_members_are_validated_at_their_wire_names()
    {
        var reply = await host.Client.GetReplyAsync("/behaviour/groups/paging?page=x&page_size=y&tone=hot&skip=1&skip=z", ("x-trace", "ok"));

        reply.AssertValidation(400008,
            """["query","page"] int_parsing""",
            """["query","page_size"] int_parsing""",
            """["query","tone"] enum""",
            """["query","skip",1] int_parsing""");
    }

    [Theory]
    [InlineData("/behaviour/groups/datasets/f2db41e1fa331b3e", "\"1:False\"")]
    [InlineData("/behaviour/groups/datasets/f597429621d6eb2b?deep=1", "\"2:True\"")]
    public async Task A_member_named_like_a_route_parameter_ignoring_case_and_underscores_binds_from_the_route(string path, string json)
    {
        var reply = await host.Client.GetReplyAsync(path);

        reply.AssertOk(json);
    }

    [Fact]
    public async Task A_route_member_is_validated_under_the_route_parameter_name()
    {
        var bad = await host.Client.GetReplyAsync("/behaviour/groups/datasets/nope");
        bad.AssertValidation(400008, """["path","dataset_ID"] value_error""");

        var undecodable = await host.Client.GetReplyAsync("/behaviour/groups/datasets/0123456789abcdef");
        undecodable.AssertError(HttpStatusCode.BadRequest, 400009, "Wrong/Malformed id ( 0123456789abcdef ) specified, unable to decode.");
    }

    [Theory]
    [InlineData("?name=n", "\"10:False:n\"")]
    [InlineData("?name=n&limit=2&deep=on", "\"2:True:n\"")]
    public async Task A_record_struct_group_and_a_second_group_bind_together(string query, string json)
    {
        var reply = await host.Client.GetReplyAsync("/behaviour/groups/window" + query);

        reply.AssertOk(json);
    }

    [Fact]
    public async Task Failures_of_two_groups_are_reported_together()
    {
        var reply = await host.Client.GetReplyAsync("/behaviour/groups/window?limit=x");

        reply.AssertValidation(400008, """["query","limit"] int_parsing""", """["query","name"] missing""");
    }
}
