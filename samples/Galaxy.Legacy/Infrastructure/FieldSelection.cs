namespace Galaxy.Legacy.Infrastructure;

/// <summary>
/// Which keys a response has, from Galaxy's serializer parameters: <c>view</c> names a set of keys, <c>keys</c> is a
/// comma-separated list; with both the response has their union, with <c>keys</c> alone only those keys, with neither the
/// operation's default view. An unknown view or key is 400008.
/// </summary>
internal sealed class FieldSelection
{
    private readonly HashSet<string> _keys;

    private FieldSelection(HashSet<string> keys) => _keys = keys;

    public static FieldSelection FromRequest(HttpContext context, IReadOnlyDictionary<string, string[]> views, string defaultView)
    {
        var view = context.Query("view");
        var keys = context.Query("keys");
        var selected = new HashSet<string>(StringComparer.Ordinal);
        if (!string.IsNullOrWhiteSpace(view))
        {
            if (!views.TryGetValue(view, out var viewKeys))
            {
                throw LegacyApiException.InvalidParameter($"Unknown view '{view}'; use one of: {string.Join(", ", views.Keys)}.");
            }

            selected.UnionWith(viewKeys);
        }

        if (!string.IsNullOrWhiteSpace(keys))
        {
            var known = views.Values.SelectMany(static v => v).ToHashSet(StringComparer.Ordinal);
            var requested = keys.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var unknown = requested.Where(k => !known.Contains(k)).ToList();
            if (unknown.Count > 0)
            {
                throw LegacyApiException.InvalidParameter($"Unknown key(s) in keys: {string.Join(", ", unknown)}.");
            }

            selected.UnionWith(requested);
        }

        if (selected.Count == 0)
        {
            selected.UnionWith(views[defaultView]);
        }

        return new FieldSelection(selected);
    }

    public static FieldSelection Of(IEnumerable<string> keys) => new(keys.ToHashSet(StringComparer.Ordinal));

    public bool Includes(string key) => _keys.Contains(key);

    public bool IncludesAny(params ReadOnlySpan<string> keys)
    {
        foreach (var key in keys)
        {
            if (_keys.Contains(key))
            {
                return true;
            }
        }

        return false;
    }
}
