using System.Net;
using System.Text;

namespace Galaxy.Api.Toolkit.Tests.Behaviour;

/// <summary>Every return shape over HTTP: values, tasks, void, <c>IResult</c>, typed results, status codes, aliases.</summary>
public sealed class ResultBindingTests(BehaviourHost host) : IClassFixture<BehaviourHost>
{
    [Theory]
    [InlineData("/behaviour/results/value", """{"display_name":"plain","item_count":1}""")]
    [InlineData("/behaviour/results/task", """{"display_name":"task","item_count":2}""")]
    [InlineData("/behaviour/results/value-task", """{"display_name":"value-task","item_count":3}""")]
    public async Task Values_tasks_and_value_tasks_are_200_json_with_snake_case_names(string path, string json)
    {
        var reply = await host.Client.GetReplyAsync(path);

        reply.AssertOk(json);
        Assert.Equal("application/json", reply.ContentHeaders.ContentType!.MediaType);
    }

    [Theory]
    [InlineData("POST", "/behaviour/results/task-void")]
    [InlineData("PUT", "/behaviour/results/value-task-void")]
    [InlineData("DELETE", "/behaviour/results/void")]
    public async Task Void_task_and_value_task_are_200_with_null(string method, string path)
    {
        var reply = await host.Client.SendAsync(new HttpMethod(method), path);

        reply.AssertOk("null");
        Assert.Equal("application/json", reply.ContentHeaders.ContentType!.MediaType);
    }

    [Fact]
    public async Task An_IResult_executes_itself()
    {
        var reply = await host.Client.GetReplyAsync("/behaviour/results/text");

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal("plain text", reply.Text);
        Assert.Equal("text/plain", reply.ContentHeaders.ContentType!.MediaType);
    }

    [Fact]
    public async Task A_results_union_writes_Ok_with_the_API_s_serializer()
    {
        var reply = await host.Client.GetReplyAsync("/behaviour/results/maybe/7");

        reply.AssertOk("""{"display_name":"seven","item_count":7}""");
    }

    [Fact]
    public async Task A_results_union_writes_NotFound()
    {
        var reply = await host.Client.GetReplyAsync("/behaviour/results/maybe/8");

        // NotFound has no body: the error middleware gives it Galaxy's.
        reply.AssertError(HttpStatusCode.NotFound, 404001);
    }

    [Fact]
    public async Task An_awaited_results_union_writes_either_branch_with_snake_case_names()
    {
        var found = await host.Client.GetReplyAsync("/behaviour/results/maybe-async/7");
        found.AssertOk("""{"display_name":"seven","item_count":7}""");

        var missing = await host.Client.GetReplyAsync("/behaviour/results/maybe-async/3");
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        Assert.Equal("""{"display_name":"missing","item_count":3}""", missing.Text);
    }

    [Fact]
    public async Task Created_is_201_with_location_and_snake_case_body()
    {
        var reply = await host.Client.SendAsync(HttpMethod.Post, "/behaviour/results/created?name=abc");

        Assert.Equal(HttpStatusCode.Created, reply.Status);
        Assert.Equal("/behaviour/results/things/abc", reply.Headers.Location!.OriginalString);
        Assert.Equal("""{"display_name":"abc","item_count":0}""", reply.Text);
        Assert.Equal("application/json", reply.ContentHeaders.ContentType!.MediaType);
    }

    [Fact]
    public async Task The_other_branch_of_a_union_with_Created_has_no_location()
    {
        var reply = await host.Client.SendAsync(HttpMethod.Post, "/behaviour/results/created?name=");

        reply.AssertError(HttpStatusCode.BadRequest, 400013);
        Assert.Null(reply.Headers.Location);
    }

    [Fact]
    public async Task The_verb_s_status_code_is_used()
    {
        var value = await host.Client.SendAsync(HttpMethod.Post, "/behaviour/results/accepted");
        Assert.Equal(HttpStatusCode.Accepted, value.Status);
        Assert.Equal("""{"display_name":"queued","item_count":0}""", value.Text);

        var nothing = await host.Client.SendAsync(HttpMethod.Post, "/behaviour/results/accepted-void");
        Assert.Equal(HttpStatusCode.Accepted, nothing.Status);
        Assert.Equal("null", nothing.Text);
    }

    [Theory]
    [InlineData("/behaviour/results/aliased?count=4")]
    [InlineData("/behaviour/other/path?count=4")]
    [InlineData("/behaviour/other/path/?count=4")]
    public async Task The_alias_answers_as_the_route(string path)
    {
        var reply = await host.Client.GetReplyAsync(path);

        reply.AssertOk("""{"display_name":"aliased","item_count":4}""");
    }

    [Fact]
    public async Task The_alias_validates_as_the_route()
    {
        var reply = await host.Client.GetReplyAsync("/behaviour/other/path?count=x");

        reply.AssertValidation(400008, """["query","count"] int_parsing""");
    }

    [Fact]
    public async Task The_alias_is_not_in_the_document()
    {
        var document = await host.Client.GetReplyAsync("/api/openapi.json");

        var paths = document.Json.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/behaviour/results/aliased", out _));
        Assert.DoesNotContain("/behaviour/other/path", document.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET", "/behaviour/results/value/", """{"display_name":"plain","item_count":1}""")]
    [InlineData("GET", "/behaviour/scalars/route/i32/5/", "5")]
    [InlineData("GET", "/behaviour/scalars/defaults/?i32=2", """{"str":"abc","u8":3,"i16":-4,"i32":2,"i64":9000000000,"u64":18000000000000000000,"f32":0.25,"f64":1.5,"dec":2.75,"flag":true,"shade":"dark_grey","tone":"ice-cold","maybe":null}""")]
    [InlineData("GET", "/behaviour/ids/f2db41e1fa331b3e/", "1")]
    [InlineData("GET", "/behaviour/groups/histories/abc/?limit=2", """{"history_id":"abc","limit":2,"show_own":false,"shade":"dark_grey","search":null,"sort_by":"name"}""")]
    [InlineData("DELETE", "/behaviour/results/void/", "null")]
    [InlineData("POST", "/behaviour/results/task-void/", "null")]
    public async Task Every_route_also_answers_with_a_trailing_slash(string method, string path, string json)
    {
        var reply = await host.Client.SendAsync(new HttpMethod(method), path);

        reply.AssertOk(json);
    }

    [Fact]
    public async Task A_body_operation_answers_with_a_trailing_slash()
    {
        var reply = await host.Client.PostJsonAsync("/behaviour/bodies/json/", """{"display_name": "d"}""");

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal("\"d\"", reply.Raw("display_name"));
    }

    [Fact]
    public async Task Wrong_method_on_a_generated_route_is_405001()
    {
        using var content = new StringContent("{}", Encoding.UTF8, "application/json");
        var reply = await host.Client.SendAsync(HttpMethod.Put, "/behaviour/results/value", content);

        reply.AssertError(HttpStatusCode.MethodNotAllowed, 405001);
    }

    [Fact]
    public async Task An_unknown_route_is_404001()
    {
        var reply = await host.Client.GetReplyAsync("/behaviour/results/unknown");

        reply.AssertError(HttpStatusCode.NotFound, 404001);
    }

    [Fact]
    public async Task Ok_alone_is_written_with_the_API_s_serializer()
    {
        var reply = await host.Client.GetReplyAsync("/behaviour/results/ok");

        reply.AssertOk("""{"display_name":"ok","item_count":5}""");
    }

    [Theory]
    [InlineData("", "application/json", """{"display_name":"awaited","item_count":6}""")]
    [InlineData("?text=true", "text/plain", "t")]
    public async Task An_awaited_IResult_is_executed(string query, string mediaType, string body)
    {
        var reply = await host.Client.GetReplyAsync("/behaviour/results/task-of-result" + query);

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(mediaType, reply.ContentHeaders.ContentType!.MediaType);
        Assert.Equal(body, reply.Text);
    }
}
