using System.Text.Json;

namespace Galaxy.Api.Toolkit.Migration.Shadow;

/// <summary>Why two answers differ.</summary>
internal enum ShadowDifferenceKind
{
    /// <summary>They agree.</summary>
    None,

    /// <summary>The status codes differ (bodies not compared).</summary>
    Status,

    /// <summary>Both bodies are JSON and differ at some paths.</summary>
    Json,

    /// <summary>The bodies (not both JSON) differ byte for byte.</summary>
    Bytes,
}

/// <summary>The outcome of comparing two answers.</summary>
/// <param name="Kind">Whether and how they differ.</param>
/// <param name="Paths">The differing JSON locations (at most the limit given), for <see cref="ShadowDifferenceKind.Json"/>.</param>
/// <param name="TotalPaths">How many locations differ in all.</param>
internal sealed record ShadowComparison(ShadowDifferenceKind Kind, IReadOnlyList<string> Paths, int TotalPaths)
{
    public static ShadowComparison Match { get; } = new(ShadowDifferenceKind.None, [], 0);

    public bool IsMatch => Kind == ShadowDifferenceKind.None;
}

/// <summary>
/// Compares the primary's answer with the shadow's: status codes first, then the bodies, structurally when both are JSON
/// (member order ignored, numbers by value, ignored paths skipped), byte for byte otherwise.
/// </summary>
internal static class ShadowComparer
{
    /// <summary>The most differing locations kept per comparison.</summary>
    public const int MaxPaths = 50;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 256 };

    public static ShadowComparison Compare(
        int primaryStatus, string? primaryContentType, ReadOnlyMemory<byte> primaryBody,
        int shadowStatus, string? shadowContentType, ReadOnlyMemory<byte> shadowBody,
        JsonIgnorePaths ignore)
    {
        if (primaryStatus != shadowStatus)
        {
            return new ShadowComparison(ShadowDifferenceKind.Status, [], 0);
        }

        if ((IsJson(primaryContentType) || IsJson(shadowContentType)) && TryParse(primaryBody, out var primary))
        {
            using (primary)
            {
                if (TryParse(shadowBody, out var shadow))
                {
                    using (shadow)
                    {
                        var collector = new Collector(ignore);
                        collector.Compare(primary.RootElement, shadow.RootElement);
                        return collector.Total == 0 ? ShadowComparison.Match : new ShadowComparison(ShadowDifferenceKind.Json, collector.Paths, collector.Total);
                    }
                }
            }
        }

        return primaryBody.Span.SequenceEqual(shadowBody.Span) ? ShadowComparison.Match : new ShadowComparison(ShadowDifferenceKind.Bytes, [], 0);
    }

    /// <summary>Compares two JSON values; for tests and callers that already hold documents.</summary>
    public static ShadowComparison CompareJson(JsonElement primary, JsonElement shadow, JsonIgnorePaths ignore)
    {
        var collector = new Collector(ignore);
        collector.Compare(primary, shadow);
        return collector.Total == 0 ? ShadowComparison.Match : new ShadowComparison(ShadowDifferenceKind.Json, collector.Paths, collector.Total);
    }

    private static bool IsJson(string? contentType)
        => contentType is not null && contentType.Contains("json", StringComparison.OrdinalIgnoreCase);

    private static bool TryParse(ReadOnlyMemory<byte> body, out JsonDocument document)
    {
        try
        {
            document = JsonDocument.Parse(body, DocumentOptions);
            return true;
        }
        catch (JsonException)
        {
            document = null!;
            return false;
        }
    }

    private static bool NumbersEqual(JsonElement primary, JsonElement shadow)
    {
        if (primary.GetRawText() == shadow.GetRawText())
        {
            return true;
        }

        if (primary.TryGetDecimal(out var a) && shadow.TryGetDecimal(out var b))
        {
            return a == b;
        }

        return primary.TryGetDouble(out var x) && shadow.TryGetDouble(out var y) && x.Equals(y);
    }

    /// <summary>Walks both values together, keeping the current location and the differing ones.</summary>
    private sealed class Collector(JsonIgnorePaths ignore)
    {
        private readonly List<JsonStep> _path = [];

        public List<string> Paths { get; } = [];

        public int Total { get; private set; }

        public void Compare(JsonElement primary, JsonElement shadow)
        {
            if (!SameKind(primary.ValueKind, shadow.ValueKind))
            {
                Differ();
                return;
            }

            switch (primary.ValueKind)
            {
                case JsonValueKind.Object:
                    CompareObjects(primary, shadow);
                    break;
                case JsonValueKind.Array:
                    CompareArrays(primary, shadow);
                    break;
                case JsonValueKind.String:
                    if (!string.Equals(primary.GetString(), shadow.GetString(), StringComparison.Ordinal))
                    {
                        Differ();
                    }

                    break;
                case JsonValueKind.Number:
                    if (!NumbersEqual(primary, shadow))
                    {
                        Differ();
                    }

                    break;
                case JsonValueKind.True or JsonValueKind.False:
                    if (primary.ValueKind != shadow.ValueKind)
                    {
                        Differ();
                    }

                    break;
            }
        }

        private static bool SameKind(JsonValueKind a, JsonValueKind b)
            => a == b || (a is JsonValueKind.True or JsonValueKind.False && b is JsonValueKind.True or JsonValueKind.False);

        private void CompareObjects(JsonElement primary, JsonElement shadow)
        {
            // A repeated member counts once, with its last value, as deserializers read it.
            var shadowMembers = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var member in shadow.EnumerateObject())
            {
                shadowMembers[member.Name] = member.Value;
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            var primaryMembers = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            var order = new List<string>();
            foreach (var member in primary.EnumerateObject())
            {
                if (seen.Add(member.Name))
                {
                    order.Add(member.Name);
                }

                primaryMembers[member.Name] = member.Value;
            }

            foreach (var name in order)
            {
                _path.Add(JsonStep.Member(name));
                if (!ignore.IsIgnored(_path))
                {
                    if (shadowMembers.TryGetValue(name, out var other))
                    {
                        Compare(primaryMembers[name], other);
                    }
                    else
                    {
                        Differ();
                    }
                }

                _path.RemoveAt(_path.Count - 1);
            }

            foreach (var member in shadow.EnumerateObject())
            {
                if (primaryMembers.ContainsKey(member.Name) || !seen.Add(member.Name))
                {
                    continue;
                }

                _path.Add(JsonStep.Member(member.Name));
                if (!ignore.IsIgnored(_path))
                {
                    Differ();
                }

                _path.RemoveAt(_path.Count - 1);
            }
        }

        private void CompareArrays(JsonElement primary, JsonElement shadow)
        {
            // In step (indexing an array of objects is not constant time).
            using var primaryItems = primary.EnumerateArray();
            using var shadowItems = shadow.EnumerateArray();
            for (var i = 0; ; i++)
            {
                var hasPrimary = primaryItems.MoveNext();
                var hasShadow = shadowItems.MoveNext();
                if (!hasPrimary && !hasShadow)
                {
                    return;
                }

                _path.Add(JsonStep.Element(i));
                if (!ignore.IsIgnored(_path))
                {
                    if (hasPrimary && hasShadow)
                    {
                        Compare(primaryItems.Current, shadowItems.Current);
                    }
                    else
                    {
                        Differ();
                    }
                }

                _path.RemoveAt(_path.Count - 1);
            }
        }

        private void Differ()
        {
            Total++;
            if (Paths.Count < MaxPaths)
            {
                Paths.Add(JsonIgnorePaths.Format(_path));
            }
        }
    }
}
