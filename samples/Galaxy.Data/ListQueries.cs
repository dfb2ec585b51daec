using System.Diagnostics.CodeAnalysis;

namespace Galaxy.Data;

/// <summary>
/// What <c>GET /api/histories</c> asks for: Galaxy's <c>q</c>/<c>qv</c> filters, <c>order</c>, <c>limit</c> and <c>offset</c>.
/// Filters: <c>name</c> (<c>-eq</c>, <c>-contains</c>, <c>-startswith</c>; contains and startswith ignore ASCII case),
/// <c>annotation</c>, <c>genome_build</c>, <c>slug</c>, <c>tag</c> (<c>-eq</c>, <c>-has</c>), <c>deleted</c>, <c>purged</c>,
/// <c>published</c>, <c>importable</c>, <c>archived</c> (True/False), <c>create_time</c> and <c>update_time</c> (<c>-gt</c>,
/// <c>-ge</c>, <c>-lt</c>, <c>-le</c>, <c>-eq</c>). Orders: <c>create_time</c>, <c>update_time</c>, <c>name</c>, <c>size</c>,
/// with <c>-asc</c> or <c>-dsc</c> (default <c>create_time-dsc</c>). Deleted histories are left out unless a <c>deleted</c>
/// or <c>purged</c> filter is given.
/// </summary>
public sealed class HistoryListQuery : ListQuery
{
    internal static readonly FilterField[] Fields =
    [
        new("name", "h.name", FilterKind.Text),
        new("annotation", "h.annotation", FilterKind.Text),
        new("genome_build", "h.genome_build", FilterKind.Text),
        new("slug", "h.slug", FilterKind.Text),
        new("tag", "h.tags", FilterKind.Tag),
        new("deleted", "h.deleted", FilterKind.Boolean),
        new("purged", "h.purged", FilterKind.Boolean),
        new("published", "h.published", FilterKind.Boolean),
        new("importable", "h.importable", FilterKind.Boolean),
        new("archived", "h.archived", FilterKind.Boolean),
        new("create_time", "h.create_time", FilterKind.Time),
        new("update_time", "h.update_time", FilterKind.Time),
    ];

    internal static readonly FilterField[] Orders =
    [
        new("create_time", "h.create_time", FilterKind.Time),
        new("update_time", "h.update_time", FilterKind.Time),
        new("name", "h.name", FilterKind.Text),
        new("size", "size", FilterKind.Integer),
    ];

    private HistoryListQuery(List<QueryFilter> filters, QueryOrder order, int? limit, int offset)
        : base(filters, order, limit, offset)
    {
    }

    internal bool FiltersDeleted => Filters.Any(static f => f.Field.Name is "deleted" or "purged");

    /// <summary>Checks and keeps a request's list parameters.</summary>
    /// <param name="q">The filter attributes, in order.</param>
    /// <param name="qv">The filter values, one per <paramref name="q"/>.</param>
    /// <param name="order">The order, e.g. <c>update_time-asc</c>; null for <c>create_time-dsc</c>.</param>
    /// <param name="limit">At most this many (1 or more); null for all.</param>
    /// <param name="offset">Skip this many (0 or more).</param>
    /// <param name="query">The query when the parameters are valid.</param>
    /// <param name="error">Why they are not, in words for the client.</param>
    public static bool TryCreate(
        IReadOnlyList<string>? q,
        IReadOnlyList<string>? qv,
        string? order,
        int? limit,
        int offset,
        [NotNullWhen(true)] out HistoryListQuery? query,
        [NotNullWhen(false)] out string? error)
    {
        query = TryParse(Fields, Orders, new QueryOrder("h.create_time", Descending: true), q, qv, order, limit, offset, out var filters, out var parsedOrder, out error)
            ? new HistoryListQuery(filters, parsedOrder, limit, offset)
            : null;
        return query is not null;
    }
}

/// <summary>
/// What <c>GET /api/histories/{history_id}/contents</c> asks for. Filters: <c>name</c>, <c>extension</c>, <c>genome_build</c>
/// (text), <c>state</c> (<c>-eq</c>, <c>-in</c> with a comma-separated list), <c>tag</c>, <c>deleted</c>, <c>purged</c>,
/// <c>visible</c>, <c>hid</c> (<c>-eq</c>, <c>-gt</c>, <c>-ge</c>, <c>-lt</c>, <c>-le</c>), <c>create_time</c>,
/// <c>update_time</c>. Orders: <c>hid</c> (default <c>hid-asc</c>), <c>create_time</c>, <c>update_time</c>, <c>name</c>.
/// </summary>
public sealed class DatasetListQuery : ListQuery
{
    internal static readonly FilterField[] Fields =
    [
        new("name", "d.name", FilterKind.Text),
        new("extension", "d.extension", FilterKind.Text),
        new("genome_build", "d.genome_build", FilterKind.Text),
        new("state", "d.state", FilterKind.State),
        new("tag", "d.tags", FilterKind.Tag),
        new("deleted", "d.deleted", FilterKind.Boolean),
        new("purged", "d.purged", FilterKind.Boolean),
        new("visible", "d.visible", FilterKind.Boolean),
        new("hid", "d.hid", FilterKind.Integer),
        new("create_time", "d.create_time", FilterKind.Time),
        new("update_time", "d.update_time", FilterKind.Time),
    ];

    internal static readonly FilterField[] Orders =
    [
        new("hid", "d.hid", FilterKind.Integer),
        new("create_time", "d.create_time", FilterKind.Time),
        new("update_time", "d.update_time", FilterKind.Time),
        new("name", "d.name", FilterKind.Text),
    ];

    private DatasetListQuery(List<QueryFilter> filters, QueryOrder order, int? limit, int offset)
        : base(filters, order, limit, offset)
    {
    }

    /// <summary>Checks and keeps a request's list parameters.</summary>
    /// <param name="q">The filter attributes, in order.</param>
    /// <param name="qv">The filter values, one per <paramref name="q"/>.</param>
    /// <param name="order">The order, e.g. <c>hid-dsc</c>; null for <c>hid-asc</c>.</param>
    /// <param name="limit">At most this many (1 or more); null for all.</param>
    /// <param name="offset">Skip this many (0 or more).</param>
    /// <param name="query">The query when the parameters are valid.</param>
    /// <param name="error">Why they are not, in words for the client.</param>
    public static bool TryCreate(
        IReadOnlyList<string>? q,
        IReadOnlyList<string>? qv,
        string? order,
        int? limit,
        int offset,
        [NotNullWhen(true)] out DatasetListQuery? query,
        [NotNullWhen(false)] out string? error)
    {
        query = TryParse(Fields, Orders, new QueryOrder("d.hid", Descending: false), q, qv, order, limit, offset, out var filters, out var parsedOrder, out error)
            ? new DatasetListQuery(filters, parsedOrder, limit, offset)
            : null;
        return query is not null;
    }
}

/// <summary>What a list request asks for: filters, order, and the page (<c>limit</c>, <c>offset</c>).</summary>
public abstract class ListQuery
{
    private protected ListQuery(List<QueryFilter> filters, QueryOrder order, int? limit, int offset)
    {
        Filters = filters;
        Order = order;
        Limit = limit;
        Offset = offset;
    }

    /// <summary>The largest number of items returned; null for all.</summary>
    public int? Limit { get; }

    /// <summary>How many items are skipped.</summary>
    public int Offset { get; }

    internal IReadOnlyList<QueryFilter> Filters { get; }

    internal QueryOrder Order { get; }

    /// <summary>Checks the page, the filters against <paramref name="fields"/> and the order against <paramref name="orders"/>.</summary>
    private protected static bool TryParse(
        FilterField[] fields,
        FilterField[] orders,
        QueryOrder defaultOrder,
        IReadOnlyList<string>? q,
        IReadOnlyList<string>? qv,
        string? order,
        int? limit,
        int offset,
        [NotNullWhen(true)] out List<QueryFilter>? filters,
        [NotNullWhen(true)] out QueryOrder? parsedOrder,
        [NotNullWhen(false)] out string? error)
    {
        filters = null;
        parsedOrder = null;
        error = limit < 1 ? $"limit must be 1 or more (it is {limit})." : offset < 0 ? $"offset must be 0 or more (it is {offset})." : null;
        return error is null
            && QueryFilters.TryParse(fields, q, qv, out filters, out error)
            && QueryFilters.TryParseOrder(orders, order, defaultOrder, out parsedOrder, out error);
    }
}
