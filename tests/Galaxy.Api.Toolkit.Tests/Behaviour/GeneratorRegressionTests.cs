// Regression tests for generator bugs found by the behaviour suite: each router once produced code that did not compile.
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Galaxy.Api.Toolkit.Tests.Behaviour;

/// <summary>
/// BUG 1: an <c>[AsParameters]</c> class whose property has an initializer. The parser sets the member's default to
/// <c>defaults.PageSize</c> (<c>GroupModel.UsesDefaultsInstance</c>), the emitter rewrites it to <c>defaultsp0.PageSize</c>
/// but never declares <c>defaultsp0</c>: error CS0103 "The name 'defaultsp0' does not exist in the current context".
/// </summary>
public sealed class PagingWithDefaults
{
    public int PageSize { get; set; } = 25;

    public Tone Tone { get; set; } = Tone.VeryLoud;
}

/// <summary>
/// BUG 2: a <c>Created&lt;T&gt;</c> (or <c>Accepted&lt;T&gt;</c>) returned alone, not inside <c>Results&lt;...&gt;</c>: the
/// emitted Location check is <c>result is INestedHttpResult nested ? ...</c> on a sealed type that does not implement it:
/// error CS8121 "An expression of type 'Created&lt;Thing&gt;' cannot be handled by a pattern of type 'INestedHttpResult'".
/// </summary>
/// <remarks>
/// BUG 3: a nullable reference return (<c>T?</c>, <c>Task&lt;T?&gt;</c>): the handler passes the <c>JsonTypeInfo&lt;T&gt;</c>
/// field to <c>JsonResponse.WriteAsync&lt;T?&gt;</c>: error CS8620 (nullability of type arguments; an error with warnings
/// as errors, which the README says generated code never produces).
/// BUG 4: a value-type parameter whose default is <c>default</c> (<c>Guid id = default</c>, <c>DateTime when = default</c>,
/// any struct scalar): <c>ParameterParser.DefaultValue</c> maps the null constant to the C# text <c>null</c>, and the
/// handler declares <c>global::System.Guid p0 = null;</c>: error CS0037.
/// BUG 5: a floating default that is not finite (<c>double x = double.NaN</c>): the emitted initializer is <c>NaND</c>:
/// error CS0103 (and the document's default would be the invalid JSON token NaN).
/// </remarks>
[ApiRouter("bug-repros", Public = true)]
public static class GeneratorBugReproApi
{
    [Get("/behaviour/bugs/group-initializer")]
    public static string GroupInitializer([AsParameters] PagingWithDefaults paging)
        => FormattableString.Invariant($"{paging.PageSize}:{paging.Tone}");

    [Post("/behaviour/bugs/created")]
    public static Created<Thing> Created(string name) => TypedResults.Created("/behaviour/results/things/" + name, new Thing(name, 0));

    [Post("/behaviour/bugs/accepted")]
    public static Accepted<Thing> Accepted() => TypedResults.Accepted("/behaviour/results/queue/1", new Thing("queued", 0));

    [Get("/behaviour/bugs/nullable")]
    public static Thing? Nullable(bool none = false) => none ? null : new Thing("some", 4);

    [Get("/behaviour/bugs/nullable-task")]
    public static Task<List<int>?> NullableTask(bool none = false) => Task.FromResult<List<int>?>(none ? null : [1]);

    [Get("/behaviour/bugs/default-struct")]
    public static string DefaultStruct(Guid id = default, DateTime when = default)
        => FormattableString.Invariant($"{id}|{when:O}");

    [Get("/behaviour/bugs/nan-default")]
    public static double NanDefault(double x = double.NaN) => double.IsNaN(x) ? -1 : x;
}

/// <summary>What the repro routers should do once the generator compiles them.</summary>
public sealed class GeneratorBugReproTests(BehaviourHost host) : IClassFixture<BehaviourHost>
{
    [Theory]
    [InlineData("", "\"25:VeryLoud\"")]
    [InlineData("?page_size=5&tone=warm", "\"5:Warm\"")]
    public async Task Bug1_absent_group_members_keep_their_initializer_values(string query, string json)
    {
        var reply = await host.Client.GetReplyAsync("/behaviour/bugs/group-initializer" + query);

        reply.AssertOk(json);
    }

    [Fact]
    public async Task Bug2_Created_alone_is_201_with_location_and_snake_case_body()
    {
        var reply = await host.Client.SendAsync(HttpMethod.Post, "/behaviour/bugs/created?name=abc");

        Assert.Equal(HttpStatusCode.Created, reply.Status);
        Assert.Equal("/behaviour/results/things/abc", reply.Headers.Location!.OriginalString);
        Assert.Equal("""{"display_name":"abc","item_count":0}""", reply.Text);
    }

    [Fact]
    public async Task Bug2_Accepted_alone_is_202_with_location()
    {
        var reply = await host.Client.SendAsync(HttpMethod.Post, "/behaviour/bugs/accepted");

        Assert.Equal(HttpStatusCode.Accepted, reply.Status);
        Assert.Equal("/behaviour/results/queue/1", reply.Headers.Location!.OriginalString);
        Assert.Equal("""{"display_name":"queued","item_count":0}""", reply.Text);
    }

    [Theory]
    [InlineData("/behaviour/bugs/nullable", """{"display_name":"some","item_count":4}""")]
    [InlineData("/behaviour/bugs/nullable?none=true", "null")]
    [InlineData("/behaviour/bugs/nullable-task", "[1]")]
    [InlineData("/behaviour/bugs/nullable-task?none=true", "null")]
    public async Task Bug3_nullable_returns_are_written(string path, string json)
    {
        var reply = await host.Client.GetReplyAsync(path);

        reply.AssertOk(json);
    }

    [Theory]
    [InlineData("", "\"00000000-0000-0000-0000-000000000000|0001-01-01T00:00:00.0000000\"")]
    [InlineData("?id=0f8fad5b-d9cb-469f-a165-70867728950e", "\"0f8fad5b-d9cb-469f-a165-70867728950e|0001-01-01T00:00:00.0000000\"")]
    public async Task Bug4_struct_defaults_are_used_when_absent(string query, string json)
    {
        var reply = await host.Client.GetReplyAsync("/behaviour/bugs/default-struct" + query);

        reply.AssertOk(json);
    }

    [Fact]
    public async Task Bug5_a_NaN_default_is_used_when_absent()
    {
        var reply = await host.Client.GetReplyAsync("/behaviour/bugs/nan-default");

        reply.AssertOk("-1");
    }
}
