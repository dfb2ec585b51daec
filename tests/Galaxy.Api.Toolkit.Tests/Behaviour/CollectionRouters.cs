using Microsoft.AspNetCore.Mvc;

namespace Galaxy.Api.Toolkit.Tests.Behaviour;

/// <summary>What the collection operation bound.</summary>
public sealed record CollectionValues(int[] Id, List<long>? Big, IReadOnlyList<Shade>? Shades, HashSet<string>? Tags, IReadOnlyList<DateOnly>? Days, Guid[]? Uuids);

/// <summary>Collections from the query: repeated keys and comma-separated lists.</summary>
[ApiRouter("collections", Public = true)]
public static class CollectionApi
{
    /// <summary>A required array and optional collections of each kind.</summary>
    [Get("/behaviour/collections")]
    public static CollectionValues Collections(int[] id, List<long>? big, IReadOnlyList<Shade>? shades, HashSet<string>? tags, IReadOnlyList<DateOnly>? days, Guid[]? uuids)
        => new(id, big, shades, tags, days, uuids);

    /// <summary>A required list.</summary>
    [Get("/behaviour/collections/list")]
    public static List<int> RequiredList(List<int> n) => n;

    /// <summary>A required read-only list.</summary>
    [Get("/behaviour/collections/read-only")]
    public static IReadOnlyList<bool> RequiredReadOnlyList(IReadOnlyList<bool> flag) => flag;

    /// <summary>A required set.</summary>
    [Get("/behaviour/collections/set")]
    public static int RequiredSet(HashSet<int> n) => n.Count;

    /// <summary>A required set of enums: the count of distinct values.</summary>
    [Get("/behaviour/collections/set-of-tones")]
    public static Tone[] ToneSet(HashSet<Tone> tone) => [.. tone.Order()];

    /// <summary>Interface collection types.</summary>
    [Get("/behaviour/collections/interfaces")]
    public static string Interfaces(IEnumerable<int> n, ISet<string>? s, ICollection<Shade>? shade)
        => FormattableString.Invariant($"{n.Sum()}:{s?.Count}:{shade?.Count}");

    /// <summary>Comma-separated lists, as Galaxy's <c>keys=id,name</c>.</summary>
    [Get("/behaviour/collections/comma")]
    public static string[] Comma([CommaSeparated] string[] keys) => keys;

    /// <summary>A comma-separated list of numbers, optional.</summary>
    [Get("/behaviour/collections/comma-numbers")]
    public static string CommaNumbers([CommaSeparated] List<int>? nums) => nums is null ? "null" : string.Join(",", nums);

    /// <summary>A list from repeated headers.</summary>
    [Get("/behaviour/collections/header")]
    public static string HeaderList([FromHeader(Name = "x-n")] int[]? n) => n is null ? "null" : string.Join(",", n);
}

/// <summary>Galaxy's q/qv filters.</summary>
[ApiRouter("filters", Public = true)]
public static class FilterApi
{
    /// <summary>The filters as <c>key=value</c> strings, in order.</summary>
    [Get("/behaviour/filters")]
    public static string[] Filters(GalaxyQueryFilters filters, int limit = 10)
        => [.. filters.Select(static f => f.Key + "=" + f.Value), "limit=" + limit.ToString(System.Globalization.CultureInfo.InvariantCulture)];

    /// <summary>The values of one filter name.</summary>
    [Get("/behaviour/filters/{name}")]
    public static string[] Values(string name, GalaxyQueryFilters filters) => [.. filters.ValuesOf(name)];
}
