using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.Mvc;

namespace Galaxy.Api.Toolkit.Tests.Limits;

/// <summary>A body with strings and collections of every kind the limits apply to, and two members that declare their own maximum.</summary>
public sealed class Bounded
{
    public string? Name { get; init; }

    public List<int>? Items { get; init; }

    public Dictionary<string, int>? Map { get; init; }

    public List<List<int>>? Nested { get; init; }

    [MaxLength(30)]
    public List<int>? Declared { get; init; }

    [StringLength(150)]
    public string? Title { get; init; }
}

/// <summary>What a <see cref="Bounded"/> body held, so that a large body is not echoed.</summary>
public sealed record BoundedSummary(int NameLength, int Items, int Map, int Nested, int Declared, int TitleLength);

/// <summary>Operations of the limit tests: bodies and slow handlers.</summary>
[ApiRouter("limits", Public = true)]
public static class LimitsApi
{
    /// <summary>A JSON body, summarized.</summary>
    [Post("/behaviour/limits/json")]
    public static BoundedSummary Json(Bounded body) => Summarize(body);

    /// <summary>A form body, summarized.</summary>
    [Post("/behaviour/limits/form")]
    public static BoundedSummary Form([FromForm] Bounded body) => Summarize(body);

    /// <summary>Any JSON, answered with its nesting depth.</summary>
    [Post("/behaviour/limits/any")]
    public static int Any(JsonElement body) => Depth(body);

    /// <summary>Waits for the request's cancellation.</summary>
    [Get("/behaviour/limits/slow")]
    public static async Task<string> Slow(CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        return "never";
    }

    /// <summary>Reports the cancellation as another exception, as a database driver may.</summary>
    [Get("/behaviour/limits/slow-wrapped")]
    public static async Task<string> SlowWrapped(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException exception)
        {
            throw new InvalidOperationException("The query was interrupted.", exception);
        }

        return "never";
    }

    /// <summary>Swallows the cancellation and answers anyway, late.</summary>
    [Get("/behaviour/limits/slow-swallowed")]
    public static async Task<string> SlowSwallowed(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Answers as if nothing happened.
        }

        return "late";
    }

    /// <summary>Lifts the timeout of its request, then outlasts it.</summary>
    [Get("/behaviour/limits/slow-allowed")]
    public static async Task<string> SlowAllowed(HttpContext context, int waitMilliseconds, CancellationToken cancellationToken)
    {
        var feature = context.Features.Get<IHttpRequestTimeoutFeature>() ?? throw new InvalidOperationException("No timeout feature.");
        feature.DisableTimeout();
        await Task.Delay(waitMilliseconds, cancellationToken);
        return "finished";
    }

    private static BoundedSummary Summarize(Bounded body)
        => new(body.Name?.Length ?? 0, body.Items?.Count ?? 0, body.Map?.Count ?? 0, body.Nested?.Count ?? 0, body.Declared?.Count ?? 0, body.Title?.Length ?? 0);

    private static int Depth(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Array => 1 + element.EnumerateArray().Select(Depth).DefaultIfEmpty(0).Max(),
        JsonValueKind.Object => 1 + element.EnumerateObject().Select(static p => Depth(p.Value)).DefaultIfEmpty(0).Max(),
        _ => 0,
    };
}
