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

    public static FieldSelection FromRequest(HttpContext context, IReadOnlyDictionary<string, IReadOnlyList<string>> views, string defaultView)
    {
        try
        {
            // Galaxy's rules for view and keys, as the toolkit states them (the one piece of the toolkit's serializer support used here).
            return new FieldSelection([.. Galaxy.Api.Toolkit.GalaxyResponseKeys.FromViewAndKeys(context.Query("view"), context.Query("keys"), views, defaultView)]);
        }
        catch (Galaxy.Api.Toolkit.GalaxyApiException exception)
        {
            throw LegacyApiException.InvalidParameter(exception.Message);
        }
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
