using System.Collections;
using Microsoft.AspNetCore.Http;

namespace Galaxy.Api.Toolkit;

/// <summary>One filter of Galaxy's <c>q</c>/<c>qv</c> query pairs, e.g. <c>q=deleted&amp;qv=True</c>.</summary>
/// <param name="Key">The <c>q</c> value: what to filter on, e.g. <c>deleted</c> or <c>name-contains</c>.</param>
/// <param name="Value">The matching <c>qv</c> value.</param>
public readonly record struct GalaxyQueryFilter(string Key, string Value);

/// <summary>
/// Galaxy's repeated filter pairs: the n-th <c>q</c> goes with the n-th <c>qv</c>. A parameter of this type binds from
/// the query (always optional; empty when absent) and is documented as the two array parameters <c>q</c> and <c>qv</c>.
/// </summary>
public sealed class GalaxyQueryFilters : IReadOnlyList<GalaxyQueryFilter>
{
    /// <summary>The query key of the filter names.</summary>
    public const string KeyParameter = "q";

    /// <summary>The query key of the filter values.</summary>
    public const string ValueParameter = "qv";

    /// <summary>No filters.</summary>
    public static readonly GalaxyQueryFilters Empty = new([]);

    private readonly GalaxyQueryFilter[] _filters;

    /// <summary>Creates the filters.</summary>
    /// <param name="filters">The pairs in request order.</param>
    public GalaxyQueryFilters(IEnumerable<GalaxyQueryFilter> filters) => _filters = [.. filters];

    /// <inheritdoc/>
    public int Count => _filters.Length;

    /// <inheritdoc/>
    public GalaxyQueryFilter this[int index] => _filters[index];

    /// <summary>The values given for <paramref name="key"/>, in order.</summary>
    /// <param name="key">A filter name.</param>
    public IEnumerable<string> ValuesOf(string key) => _filters.Where(f => string.Equals(f.Key, key, StringComparison.Ordinal)).Select(static f => f.Value);

    /// <summary>Reads the pairs of a request; a different number of <c>q</c> and <c>qv</c> values is a validation failure.</summary>
    /// <param name="context">The request.</param>
    /// <param name="error">The failure, when the counts differ.</param>
    public static GalaxyQueryFilters Bind(HttpContext context, out ValidationError? error)
    {
        ArgumentNullException.ThrowIfNull(context);
        var keys = context.Request.Query[KeyParameter];
        var values = context.Request.Query[ValueParameter];
        if (keys.Count != values.Count)
        {
            error = new ValidationError(["query", ValueParameter], $"Each '{KeyParameter}' needs a '{ValueParameter}': got {keys.Count} and {values.Count}", "value_error");
            return Empty;
        }

        error = null;
        if (keys.Count == 0)
        {
            return Empty;
        }

        var filters = new GalaxyQueryFilter[keys.Count];
        for (var i = 0; i < filters.Length; i++)
        {
            filters[i] = new GalaxyQueryFilter(keys[i] ?? string.Empty, values[i] ?? string.Empty);
        }

        return new GalaxyQueryFilters(filters);
    }

    /// <inheritdoc/>
    public IEnumerator<GalaxyQueryFilter> GetEnumerator() => ((IEnumerable<GalaxyQueryFilter>)_filters).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _filters.GetEnumerator();
}
