using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Galaxy.Api.Toolkit;

/// <summary>
/// Galaxy's serializer parameters: <c>view</c> names a set of keys, <c>keys</c> is a comma-separated list; the response
/// has their union (with <c>keys</c> alone, only those keys; with neither, the operation's default view). An operation
/// works the set out with <see cref="FromViewAndKeys"/> and hands it to <see cref="Select"/>; the generated handler then
/// writes only those top-level members of its result (of each item, for a list). The document keeps describing the
/// whole type, as Galaxy's does.
/// </summary>
public static class GalaxyResponseKeys
{
    /// <summary>The key set of a request: an unknown view or key is a 400 (400008) that names the known ones.</summary>
    /// <param name="view">The <c>view</c> query parameter.</param>
    /// <param name="keys">The <c>keys</c> query parameter.</param>
    /// <param name="views">The operation's views and their keys; every key of every view may be asked for by name.</param>
    /// <param name="defaultView">The view used when neither parameter is given.</param>
    public static IReadOnlySet<string> FromViewAndKeys(string? view, string? keys, IReadOnlyDictionary<string, IReadOnlyList<string>> views, string defaultView)
    {
        ArgumentNullException.ThrowIfNull(views);
        var selected = new HashSet<string>(StringComparer.Ordinal);
        if (!string.IsNullOrWhiteSpace(view))
        {
            if (!views.TryGetValue(view, out var viewKeys))
            {
                throw new RequestParameterInvalidException($"Unknown view '{view}'; use one of: {string.Join(", ", views.Keys)}.");
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
                throw new RequestParameterInvalidException($"Unknown key(s) in keys: {string.Join(", ", unknown)}.");
            }

            selected.UnionWith(requested);
        }

        if (selected.Count == 0)
        {
            if (!views.TryGetValue(defaultView, out var defaults))
            {
                throw new ArgumentException($"The default view '{defaultView}' is not one of the views.", nameof(defaultView));
            }

            selected.UnionWith(defaults);
        }

        return selected;
    }

    /// <summary>Limits this request's JSON result to <paramref name="keys"/> (top-level members; each item's, for a list).</summary>
    /// <param name="context">The request.</param>
    /// <param name="keys">The wire names to keep.</param>
    public static void Select(HttpContext context, IReadOnlySet<string> keys)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(keys);
        context.Features.Set(new Selection(keys));
    }

    /// <summary>The keys <see cref="Select"/> chose for this request, or null.</summary>
    internal static IReadOnlySet<string>? Selected(HttpContext context) => context.Features.Get<Selection>()?.Keys;

    /// <summary>Writes <paramref name="utf8Json"/> with only the selected members of the object (or of each object of the array).</summary>
    internal static void Filter(ReadOnlySpan<byte> utf8Json, IReadOnlySet<string> keys, Utf8JsonWriter writer)
    {
        var reader = new Utf8JsonReader(utf8Json);
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Array)
        {
            writer.WriteStartArray();
            foreach (var item in root.EnumerateArray())
            {
                WriteObject(item, keys, writer);
            }

            writer.WriteEndArray();
        }
        else
        {
            WriteObject(root, keys, writer);
        }

        static void WriteObject(JsonElement element, IReadOnlySet<string> keys, Utf8JsonWriter writer)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                element.WriteTo(writer);
                return;
            }

            writer.WriteStartObject();
            foreach (var property in element.EnumerateObject())
            {
                if (keys.Contains(property.Name))
                {
                    property.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        }
    }

    private sealed record Selection(IReadOnlySet<string> Keys);
}
