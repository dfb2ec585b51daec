using Microsoft.AspNetCore.Routing.Patterns;

namespace Galaxy.Api.Toolkit.Migration.Shadow;

/// <summary>
/// Shadow traffic: which requests are mirrored to the other side, and the bounds that keep mirroring harmless. Off until
/// a rule is added (<see cref="Add(string)"/>). The client always gets the primary side's answer, untouched; the copy is
/// sent after the client's response is complete, from a bounded queue, by a few background workers, and the two answers
/// are compared. When the other side is slow, failing or the queue is full, mirrors are dropped and counted.
/// </summary>
public sealed class ShadowOptions
{
    /// <summary>The rules, tried in order; the first whose pattern and methods match a request decides.</summary>
    public IList<ShadowRule> Rules { get; } = new List<ShadowRule>();

    /// <summary>
    /// JSON paths left out of every rule's comparison (besides each rule's own <see cref="ShadowRule.IgnorePaths"/>), in the
    /// syntax of <see cref="ShadowRule.IgnorePaths"/>, e.g. <c>update_time</c>.
    /// </summary>
    public IList<string> IgnorePaths { get; } = new List<string>();

    /// <summary>How many mirrors may wait for a worker; more are dropped (and counted). Default 1000.</summary>
    public int QueueCapacity { get; set; } = 1000;

    /// <summary>
    /// The most bytes (captured request and response bodies) the waiting mirrors may hold together; a mirror that would
    /// go over is dropped. Default 64 MiB: <see cref="QueueCapacity"/> alone would let 1000 large bodies pile up.
    /// </summary>
    public long MaxQueuedBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>How many mirrors are sent at once (background workers). Default 4.</summary>
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>How long the other side may take to answer a mirror; then it is counted as a timeout. Default 10 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The largest request or response body captured and compared; a request whose body (either side's) is longer is not
    /// compared and counted as skipped. Default 1 MiB.
    /// </summary>
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>How many of the latest differences the admin endpoint lists. Default 100; 0 keeps none (they are still counted and logged).</summary>
    public int MaxRecordedDifferences { get; set; } = 100;

    /// <summary>Adds a rule mirroring the safe requests (GET, HEAD) under <paramref name="pattern"/>.</summary>
    /// <param name="pattern">A path prefix (<c>/api/histories</c>) or a route template (<c>/api/histories/{history_id}</c>); see <see cref="ShadowRule.Pattern"/>.</param>
    /// <returns>The rule, to set its methods, primary side, ignored paths or sample rate.</returns>
    public ShadowRule Add(string pattern)
    {
        var rule = new ShadowRule(pattern);
        Rules.Add(rule);
        return rule;
    }

    /// <summary>Adds a rule and configures it.</summary>
    /// <param name="pattern">A path prefix or a route template; see <see cref="ShadowRule.Pattern"/>.</param>
    /// <param name="configure">Sets the rule's methods, primary side, ignored paths or sample rate.</param>
    /// <returns>The rule.</returns>
    public ShadowRule Add(string pattern, Action<ShadowRule> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var rule = Add(pattern);
        configure(rule);
        return rule;
    }

    /// <summary>Whether any rule is set (otherwise nothing of shadow traffic runs).</summary>
    internal bool Enabled => Rules.Count > 0;

    /// <summary>Throws, saying what to change, when the options cannot work.</summary>
    internal void Validate()
    {
        if (QueueCapacity < 1)
        {
            throw new InvalidOperationException("ShadowOptions.QueueCapacity must be at least 1.");
        }

        if (MaxConcurrency < 1)
        {
            throw new InvalidOperationException("ShadowOptions.MaxConcurrency must be at least 1.");
        }

        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromDays(1))
        {
            throw new InvalidOperationException("ShadowOptions.Timeout must be positive and at most one day.");
        }

        if (MaxBodyBytes < 1)
        {
            throw new InvalidOperationException("ShadowOptions.MaxBodyBytes must be at least 1.");
        }

        if (MaxQueuedBytes < MaxBodyBytes)
        {
            throw new InvalidOperationException(
                $"ShadowOptions.MaxQueuedBytes ({MaxQueuedBytes}) must be at least MaxBodyBytes ({MaxBodyBytes}), or no large mirror could ever be queued.");
        }

        if (MaxRecordedDifferences < 0)
        {
            throw new InvalidOperationException("ShadowOptions.MaxRecordedDifferences must not be negative.");
        }

        JsonIgnorePaths.Validate(IgnorePaths, "ShadowOptions.IgnorePaths");
        foreach (var rule in Rules)
        {
            rule.Validate();
        }
    }
}

/// <summary>Which side answers the client while the other side is mirrored.</summary>
public enum ShadowPrimary
{
    /// <summary>
    /// The client gets what routing chose: a modern operation where there is one (its requests are mirrored to the legacy
    /// side to check the port). Requests routing sends to the legacy side have no modern counterpart and are not mirrored.
    /// </summary>
    Modern,

    /// <summary>
    /// Dark launch of a route already ported: the client is still served by the legacy side, and the modern operation that
    /// routing would have chosen gets the copy. Switch to <see cref="Modern"/> (or remove the rule) once it agrees.
    /// </summary>
    Legacy,
}

/// <summary>One shadow rule: the requests it covers and how they are compared.</summary>
public sealed class ShadowRule
{
    private static readonly string[] SafeMethods = ["GET", "HEAD", "OPTIONS", "TRACE"];

    /// <summary>Creates a rule for <paramref name="pattern"/> (safe methods only).</summary>
    /// <param name="pattern">See <see cref="Pattern"/>.</param>
    public ShadowRule(string pattern)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        Pattern = pattern;
    }

    /// <summary>
    /// The request paths covered, matched case-insensitively against the path routing sees (after the path base). Without
    /// braces it is a prefix on segment boundaries: <c>/api/histories</c> covers <c>/api/histories</c> and
    /// <c>/api/histories/1/contents</c>, not <c>/api/historiesx</c>. With braces it is a route template matched whole:
    /// <c>/api/histories/{history_id}</c> covers one segment after <c>/api/histories/</c>; end it with <c>{**rest}</c> to
    /// cover everything below. Parameters match any non-empty segment (constraints are not checked); a segment that mixes
    /// text and parameters is not supported.
    /// </summary>
    public string Pattern { get; }

    /// <summary>
    /// The HTTP methods mirrored. Default GET and HEAD. Adding an unsafe method (POST, PUT, PATCH, DELETE...) also needs
    /// <see cref="AllowUnsafeMethods"/>: a mirrored write is a second write, done by the other side on the same data.
    /// </summary>
    public ISet<string> Methods { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "GET", "HEAD" };

    /// <summary>
    /// Whether <see cref="Methods"/> may list unsafe methods. Default false. Only turn it on when the other side writes
    /// to a separate store (a staging database, a dry-run mode), or the write is idempotent and a double write is harmless:
    /// otherwise every mirrored request is applied twice, once by each side. The mirror carries the header
    /// <c>x-galaxy-shadow: mirror</c>, which the other side can use to skip side effects.
    /// </summary>
    public bool AllowUnsafeMethods { get; set; }

    /// <summary>Which side answers the client. Default <see cref="ShadowPrimary.Modern"/>.</summary>
    public ShadowPrimary Primary { get; set; } = ShadowPrimary.Modern;

    /// <summary>
    /// JSON paths left out of the comparison, besides <see cref="ShadowOptions.IgnorePaths"/>. A bare member name
    /// (<c>update_time</c>) ignores that member at any depth. An absolute path starts with <c>$</c> and is followed by
    /// steps: <c>.name</c> or <c>['name']</c> (a member), <c>.*</c> (any member), <c>[2]</c> (an array element) or
    /// <c>[*]</c> (any element), e.g. <c>$.items[*].update_time</c>. An ignored path covers everything below it.
    /// </summary>
    public IList<string> IgnorePaths { get; } = new List<string>();

    /// <summary>
    /// The share of matching requests mirrored, from 0 to 1. Default 1 (all). With <see cref="ShadowPrimary.Legacy"/> the
    /// requests not sampled are still served by the legacy side.
    /// </summary>
    public double SampleRate { get; set; } = 1.0;

    /// <summary>Whether <paramref name="method"/> is safe (RFC 9110): mirroring it does not write anything.</summary>
    internal static bool IsSafe(string method)
    {
        foreach (var safe in SafeMethods)
        {
            if (string.Equals(safe, method, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    internal void Validate()
    {
        var name = $"Shadow rule '{Pattern}'";
        if (!Pattern.StartsWith('/'))
        {
            throw new InvalidOperationException($"{name}: the pattern must start with '/'.");
        }

        try
        {
            _ = ShadowPathPattern.Parse(Pattern);
        }
        catch (Exception exception) when (exception is RoutePatternException or FormatException)
        {
            throw new InvalidOperationException($"{name}: {exception.Message}", exception);
        }

        if (Methods.Count == 0)
        {
            throw new InvalidOperationException($"{name}: Methods is empty; list at least one method (GET, HEAD by default).");
        }

        foreach (var method in Methods)
        {
            if (string.IsNullOrWhiteSpace(method))
            {
                throw new InvalidOperationException($"{name}: Methods has an empty entry.");
            }

            if (!IsSafe(method) && !AllowUnsafeMethods)
            {
                throw new InvalidOperationException(
                    $"{name}: {method.ToUpperInvariant()} is not a safe method; mirroring it makes the other side apply the same write a second time. "
                    + "If that is what you want (a staging store, an idempotent write), also set AllowUnsafeMethods = true on the rule.");
            }
        }

        if (Primary is not (ShadowPrimary.Modern or ShadowPrimary.Legacy))
        {
            throw new InvalidOperationException($"{name}: Primary must be ShadowPrimary.Modern or ShadowPrimary.Legacy.");
        }

        if (double.IsNaN(SampleRate) || SampleRate < 0 || SampleRate > 1)
        {
            throw new InvalidOperationException($"{name}: SampleRate must be between 0 and 1.");
        }

        JsonIgnorePaths.Validate(IgnorePaths, name + " IgnorePaths");
    }
}
