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
        foreach (var rule in _rules)
        {
            if (Matches(rule, difference))
            {
                return rule.Reason;
            }
        }

        return null;
    }

    /// <summary>Each difference on its own line, followed by the reason it is allowed or <c>NOT ALLOWED</c>: for a test's output.</summary>
    /// <param name="differences">The differences found.</param>
    /// <returns>The text, empty without differences.</returns>
    public string Describe(IEnumerable<ContractDifference> differences)
    {
        ArgumentNullException.ThrowIfNull(differences);
        return string.Join("\n", differences.Select(d => $"{d}\n    allowed: {ReasonFor(d) ?? "NOT ALLOWED"}"));
    }

    /// <summary>
    /// The rules that match none of <paramref name="differences"/>: what a port has since fixed, so that the list can be
    /// shortened rather than keep excusing differences that no longer occur.
    /// </summary>
    /// <param name="differences">Every difference found.</param>
    /// <returns>The unused rules, as written.</returns>
    public IReadOnlyList<(string Pattern, string Kind, string Reason)> Unmatched(IEnumerable<ContractDifference> differences)
    {
        ArgumentNullException.ThrowIfNull(differences);
        var found = differences.ToList();
        return [.. Rules.Where((_, index) => !found.Any(d => Matches(_rules[index], d)))];
    }

    private static bool Matches((Regex Pointer, string Kind, string Reason) rule, ContractDifference difference)
        => (rule.Kind == "*" || rule.Kind == difference.Kind) && rule.Pointer.IsMatch(difference.Pointer);

    /// <summary>The differences no rule allows.</summary>
    /// <param name="differences">The differences found.</param>
    /// <returns>Those without a reason.</returns>
    public IReadOnlyList<ContractDifference> Unexplained(IEnumerable<ContractDifference> differences)
        => differences.Where(d => ReasonFor(d) is null).ToList();
}
