using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Galaxy.Api.Toolkit.Tests.Behaviour;

/// <summary>A result with multi-word names, to see the naming policy.</summary>
public sealed record Thing(string DisplayName, int ItemCount);

/// <summary>Every supported return shape.</summary>
[ApiRouter("results", Public = true)]
public sealed class ResultApi
{
    [Get("/behaviour/results/value")]
    public static Thing Value() => new("plain", 1);

    [Get("/behaviour/results/task")]
    public static async Task<Thing> TaskOfT()
    {
        await Task.Yield();
        return new Thing("task", 2);
    }

    [Get("/behaviour/results/value-task")]
    public static ValueTask<Thing> ValueTaskOfT() => ValueTask.FromResult(new Thing("value-task", 3));

    [Post("/behaviour/results/task-void")]
    public static async Task TaskVoid() => await Task.Yield();

    [Put("/behaviour/results/value-task-void")]
    public static ValueTask ValueTaskVoid() => ValueTask.CompletedTask;

    [Delete("/behaviour/results/void")]
    public static void Void()
    {
    }

    [Get("/behaviour/results/text")]
    public static IResult Text() => TypedResults.Text("plain text", "text/plain");

    [Get("/behaviour/results/ok")]
    public static Ok<Thing> OkAlone() => TypedResults.Ok(new Thing("ok", 5));

    [Get("/behaviour/results/task-of-result")]
    public static async Task<IResult> TaskOfResult(bool text = false)
    {
        await Task.Yield();
        return text ? TypedResults.Text("t") : TypedResults.Ok(new Thing("awaited", 6));
    }

    [Get("/behaviour/results/maybe/{id}")]
    public static Results<Ok<Thing>, NotFound> Maybe(int id) => id == 7 ? TypedResults.Ok(new Thing("seven", 7)) : TypedResults.NotFound();

    [Get("/behaviour/results/maybe-async/{id}")]
    public static async Task<Results<Ok<Thing>, NotFound<Thing>>> MaybeAsync(int id)
    {
        await Task.Yield();
        return id == 7 ? TypedResults.Ok(new Thing("seven", 7)) : TypedResults.NotFound(new Thing("missing", id));
    }

    /// <summary><c>Created&lt;T&gt;</c> in a union (a <c>Created&lt;T&gt;</c> returned alone does not compile: see GeneratorBugRepros.cs).</summary>
    [Post("/behaviour/results/created")]
    public static Results<Created<Thing>, BadRequest> Create(string name)
        => name.Length == 0 ? TypedResults.BadRequest() : TypedResults.Created("/behaviour/results/things/" + name, new Thing(name, 0));

    [Post("/behaviour/results/accepted", StatusCode = 202)]
    public static Thing Accepted() => new("queued", 0);

    [Post("/behaviour/results/accepted-void", StatusCode = 202)]
    public static void AcceptedVoid()
    {
    }

    [Get("/behaviour/results/aliased", Alias = "/behaviour/other/path")]
    public static Thing Aliased(int count = 1) => new("aliased", count);
}
