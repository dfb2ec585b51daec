using System.Globalization;

namespace Galaxy.Api.Toolkit.Binding;

/// <summary>Turns System.Text.Json paths (<c>$.tags[2]</c>) into validation locations (<c>["body", "tags", 2]</c>).</summary>
internal static class JsonPath
{
    public static IReadOnlyList<object> ToLocation(string source, string? path)
    {
        var location = new List<object> { source };
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return location;
        }

        var span = path.AsSpan(path.StartsWith('$') ? 1 : 0);
        while (!span.IsEmpty)
        {
            if (span[0] == '.')
            {
                span = span[1..];
                var end = span.IndexOfAny('.', '[');
                var name = end < 0 ? span : span[..end];
                location.Add(name.ToString());
                span = end < 0 ? [] : span[end..];
            }
            else if (span.StartsWith("['"))
            {
                var end = span.IndexOf("']");
                if (end < 0)
                {
                    break;
                }

                location.Add(span[2..end].ToString());
                span = span[(end + 2)..];
            }
            else if (span[0] == '[')
            {
                var end = span.IndexOf(']');
                if (end < 0)
                {
                    break;
                }

                location.Add(int.TryParse(span[1..end], NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : span[1..end].ToString());
                span = span[(end + 1)..];
            }
            else
            {
                break;
            }
        }

        return location;
    }

    public static string Describe(string? path) => new ValidationError(ToLocation("body", path), string.Empty, string.Empty).FormatLocation();
}
