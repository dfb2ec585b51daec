using System.Text.RegularExpressions;

namespace Galaxy.Api.Contracts.Verification;

/// <summary>
/// Differences from Galaxy's document that a port accepts, each with its reason, so that a test can fail on any other.
/// A pattern is a JSON pointer where <c>*</c> matches within one segment and <c>/**</c> any number of segments (none too).
/// </summary>
public sealed class AllowedDifferences
{
    private readonly List<(Regex Pointer, string Kind, string Reason)> _rules = [];

    /// <summary>The rules, as written.</summary>
    public IReadOnlyList<(string Pattern, string Kind, string Reason)> Rules { get; private set; } = [];

    /// <summary>Allows differences of <paramref name="kind"/> (<c>*</c> for any) at pointers matching <paramref name="pattern"/>.</summary>
    /// <param name="pattern">A JSON pointer pattern.</param>
    /// <param name="kind">The difference's kind, or <c>*</c>.</param>
    /// <param name="reason">Why the difference is acceptable: required, so that the list documents itself.</param>
    /// <returns>This instance.</returns>
    public AllowedDifferences Allow(string pattern, string kind, string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        // "/**" is any number of segments, none included; "*" is any text within one segment.
        var expression = "^" + Regex.Escape(pattern)
            .Replace(@"/\*\*", "\u0001", StringComparison.Ordinal)
            .Replace(@"\*", "[^/]*", StringComparison.Ordinal)
            .Replace("\u0001", "(?:/.*)?", StringComparison.Ordinal) + "$";
        _rules.Add((new Regex(expression, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)), kind, reason));
        Rules = [.. Rules, (pattern, kind, reason)];
        return this;
    }

    /// <summary>The reason a difference is allowed, or null when no rule allows it.</summary>
    /// <param name="difference">The difference.</param>
    /// <returns>The first matching rule's reason.</returns>
    public string? ReasonFor(ContractDifference difference)
    {
        ArgumentNullException.ThrowIfNull(difference);
        foreach (var (pointer, kind, reason) in _rules)
        {
            if ((kind == "*" || kind == difference.Kind) && pointer.IsMatch(difference.Pointer))
            {
                return reason;
            }
        }

        return null;
    }

    /// <summary>The differences no rule allows.</summary>
    /// <param name="differences">The differences found.</param>
    /// <returns>Those without a reason.</returns>
    public IReadOnlyList<ContractDifference> Unexplained(IEnumerable<ContractDifference> differences)
        => differences.Where(d => ReasonFor(d) is null).ToList();
}
