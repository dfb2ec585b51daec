using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Galaxy.Api.Toolkit.Tests.Behaviour;

/// <summary>A group as a record with a primary constructor: route and query members, defaults from the constructor.</summary>
/// <param name="HistoryId">Binds from the route's <c>{history_id}</c>.</param>
/// <param name="Limit">A query value with a default.</param>
/// <param name="ShowOwn">Named <c>show_own</c> on the wire.</param>
/// <param name="Shade">An enum with a default.</param>
/// <param name="Search">An optional string.</param>
/// <param name="SortBy">Named explicitly.</param>
public sealed record HistoryFilter(
    string HistoryId,
    int Limit = 10,
    bool ShowOwn = false,
    Shade Shade = Shade.DarkGrey,
    string? Search = null,
    [FromQuery(Name = "sort-by")] string SortBy = "name");

/// <summary>A group as a class with settable properties.</summary>
public sealed class Paging
{
    /// <summary>Required: a non-nullable value type without initializer.</summary>
    public int Page { get; set; }

    /// <summary>Nullable (an initializer does not compile: see GeneratorBugRepros.cs).</summary>
    public int? PageSize { get; set; }

    /// <summary>Nullable.</summary>
    public long? MaxTotal { get; set; }

    /// <summary>A nullable enum.</summary>
    public Tone? Tone { get; set; }

    /// <summary>From a header.</summary>
    [FromHeader(Name = "x-trace")]
    public string? Trace { get; set; }

    /// <summary>A collection member.</summary>
    public List<int>? Skip { get; set; }
}

/// <summary>A second group of the same operation.</summary>
/// <param name="Name">A required query value.</param>
public sealed record HistoryFilterless(string Name);

/// <summary>A record group whose route member differs from the route parameter by case and underscores.</summary>
/// <param name="DatasetId">Binds from <c>{dataset_ID}</c>.</param>
/// <param name="Deep">A query flag.</param>
public sealed record DatasetRef(GalaxyId DatasetId, bool Deep = false);

/// <summary>A group as a record struct.</summary>
/// <param name="Limit">With a default.</param>
/// <param name="Deep">A flag.</param>
public readonly record struct Window(int Limit = 10, bool Deep = false);

/// <summary>What the class group bound.</summary>
public sealed record PagingValues(int Page, int? PageSize, long? MaxTotal, Tone? Tone, string? Trace, List<int>? Skip, string Extra);

/// <summary><c>[AsParameters]</c> groups.</summary>
[ApiRouter("groups", Public = true)]
public static class GroupApi
{
    [Get("/behaviour/groups/histories/{history_id}")]
    public static HistoryFilter Record([AsParameters] HistoryFilter filter) => filter;

    [Get("/behaviour/groups/paging")]
    public static PagingValues Class([AsParameters] Paging paging, string extra = "none")
        => new(paging.Page, paging.PageSize, paging.MaxTotal, paging.Tone, paging.Trace, paging.Skip, extra);

    [Get("/behaviour/groups/window")]
    public static string Struct([AsParameters] Window window, [AsParameters] HistoryFilterless other) => FormattableString.Invariant($"{window.Limit}:{window.Deep}:{other.Name}");

    [Get("/behaviour/groups/datasets/{dataset_ID}")]
    public static string Dataset([AsParameters] DatasetRef dataset) => FormattableString.Invariant($"{dataset.DatasetId.Value}:{dataset.Deep}");
}
