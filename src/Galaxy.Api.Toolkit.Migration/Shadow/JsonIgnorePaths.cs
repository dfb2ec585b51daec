using System.Globalization;

namespace Galaxy.Api.Toolkit.Migration.Shadow;

/// <summary>One step of a concrete JSON location: a member name, or an array index when <see cref="Name"/> is null.</summary>
internal readonly record struct JsonStep(string? Name, int Index)
{
    public static JsonStep Member(string name) => new(name, -1);

    public static JsonStep Element(int index) => new(null, index);
}

/// <summary>
/// The JSON paths a comparison leaves out (see <see cref="ShadowRule.IgnorePaths"/> for the syntax): bare member names,
/// ignored at any depth, and absolute paths of member, any-member, index and any-index steps.
/// </summary>
internal sealed class JsonIgnorePaths
{
    private readonly HashSet<string> _names;
    private readonly PatternStep[][] _paths;

    private JsonIgnorePaths(HashSet<string> names, PatternStep[][] paths)
    {
        _names = names;
        _paths = paths;
    }

    private enum StepKind
    {
        Member,
        AnyMember,
        Index,
        AnyIndex,
    }

    /// <summary>Nothing ignored.</summary>
    public static JsonIgnorePaths None { get; } = new([], []);

    /// <summary>Parses every path of every list; throws <see cref="FormatException"/> naming the bad one.</summary>
    public static JsonIgnorePaths Parse(params IEnumerable<string>[] lists)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var paths = new List<PatternStep[]>();
        foreach (var list in lists)
        {
            foreach (var path in list)
            {
                if (ParseOne(path) is { } steps)
                {
                    paths.Add(steps);
                }
                else
                {
                    names.Add(path);
                }
            }
        }

        return names.Count == 0 && paths.Count == 0 ? None : new JsonIgnorePaths(names, [.. paths]);
    }

    /// <summary>Throws <see cref="InvalidOperationException"/> when a path of <paramref name="paths"/> is not valid.</summary>
    public static void Validate(IEnumerable<string> paths, string owner)
    {
        foreach (var path in paths)
        {
            try
            {
                _ = ParseOne(path);
            }
            catch (FormatException exception)
            {
                throw new InvalidOperationException($"{owner}: {exception.Message}", exception);
            }
        }
    }

    /// <summary>Whether the location <paramref name="path"/> (from the root; its last step just entered) is ignored.</summary>
    public bool IsIgnored(List<JsonStep> path)
    {
        if (path.Count == 0)
        {
            return false;
        }

        if (_names.Count > 0 && path[^1].Name is { } name && _names.Contains(name))
        {
            return true;
        }

        foreach (var pattern in _paths)
        {
            if (pattern.Length == path.Count && Matches(pattern, path))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Formats a location as <c>$.items[0].name</c> (members that are not plain names as <c>['a.b']</c>).</summary>
    public static string Format(List<JsonStep> path)
    {
        var builder = new System.Text.StringBuilder("$");
        foreach (var step in path)
        {
            if (step.Name is null)
            {
                builder.Append('[').Append(step.Index.ToString(CultureInfo.InvariantCulture)).Append(']');
            }
            else if (IsPlainName(step.Name))
            {
                builder.Append('.').Append(step.Name);
            }
            else
            {
                builder.Append("['").Append(step.Name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)).Append("']");
            }
        }

        return builder.ToString();
    }

    private static bool Matches(PatternStep[] pattern, List<JsonStep> path)
    {
        for (var i = 0; i < pattern.Length; i++)
        {
            var step = path[i];
            var matches = pattern[i].Kind switch
            {
                StepKind.Member => step.Name is not null && string.Equals(step.Name, pattern[i].Name, StringComparison.Ordinal),
                StepKind.AnyMember => step.Name is not null,
                StepKind.Index => step.Name is null && step.Index == pattern[i].Index,
                _ => step.Name is null,
            };
            if (!matches)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsPlainName(string name)
    {
        if (name.Length == 0)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The steps of an absolute path, or null for a bare member name.</summary>
    private static PatternStep[]? ParseOne(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new FormatException("an ignored JSON path is empty.");
        }

        if (!path.StartsWith('$'))
        {
            if (path.AsSpan().IndexOfAny(".[]*$'\"") >= 0)
            {
                throw new FormatException(
                    $"'{path}' is neither a member name (update_time, ignored at any depth) nor an absolute path starting with '$' ($.items[*].update_time).");
            }

            return null;
        }

        var steps = new List<PatternStep>();
        var i = 1;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var start = ++i;
                while (i < path.Length && path[i] is not ('.' or '['))
                {
                    i++;
                }

                var name = path[start..i];
                steps.Add(name switch
                {
                    "" => throw Bad(path, "a '.' must be followed by a member name or '*'"),
                    "*" => new PatternStep(StepKind.AnyMember, null, -1),
                    _ when name.AsSpan().IndexOfAny("]'\"$") >= 0 => throw Bad(path, $"'{name}' is not a member name; write ['{name}'] for names with special characters"),
                    _ => new PatternStep(StepKind.Member, name, -1),
                });
            }
            else if (path[i] == '[')
            {
                var close = path.IndexOf(']', i);
                if (close < 0)
                {
                    throw Bad(path, "a '[' is not closed");
                }

                var inner = path[(i + 1)..close];
                if (inner == "*")
                {
                    steps.Add(new PatternStep(StepKind.AnyIndex, null, -1));
                }
                else if (inner.Length >= 2 && inner[0] is '\'' or '"' && inner[^1] == inner[0])
                {
                    steps.Add(new PatternStep(StepKind.Member, inner[1..^1], -1));
                }
                else if (int.TryParse(inner, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    steps.Add(new PatternStep(StepKind.Index, null, index));
                }
                else
                {
                    throw Bad(path, $"[{inner}] is not an index ([0]), any index ([*]) or a quoted member (['name'])");
                }

                i = close + 1;
            }
            else
            {
                throw Bad(path, $"unexpected '{path[i]}' at position {i}; steps are .name, .*, [n], [*] or ['name']");
            }
        }

        if (steps.Count == 0)
        {
            throw Bad(path, "'$' alone would ignore the whole body");
        }

        return [.. steps];
    }

    private static FormatException Bad(string path, string reason) => new($"ignored JSON path '{path}': {reason}.");

    private readonly record struct PatternStep(StepKind Kind, string? Name, int Index);
}
