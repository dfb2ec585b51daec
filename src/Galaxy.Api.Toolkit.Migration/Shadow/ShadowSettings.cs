using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.Options;

namespace Galaxy.Api.Toolkit.Migration.Shadow;

/// <summary>A <see cref="ShadowRule"/> ready for matching: parsed pattern, method set, ignored paths (the rule's and the global ones).</summary>
internal sealed class CompiledShadowRule
{
    public CompiledShadowRule(int index, ShadowRule rule, IEnumerable<string> globalIgnorePaths)
    {
        Index = index;
        Pattern = rule.Pattern;
        Path = ShadowPathPattern.Parse(rule.Pattern);
        Methods = new HashSet<string>(rule.Methods.Select(static m => m.ToUpperInvariant()), StringComparer.OrdinalIgnoreCase);
        Primary = rule.Primary;
        SampleRate = rule.SampleRate;
        IgnorePathList = [.. globalIgnorePaths, .. rule.IgnorePaths];
        Ignore = JsonIgnorePaths.Parse(IgnorePathList);
    }

    /// <summary>The rule's position in <see cref="ShadowOptions.Rules"/> (for counters).</summary>
    public int Index { get; }

    /// <summary>The pattern as written, how reports and metrics name the rule.</summary>
    public string Pattern { get; }

    public ShadowPathPattern Path { get; }

    public HashSet<string> Methods { get; }

    public ShadowPrimary Primary { get; }

    public double SampleRate { get; }

    public IReadOnlyList<string> IgnorePathList { get; }

    public JsonIgnorePaths Ignore { get; }

    /// <summary>The side that answers the client, as reports name it.</summary>
    public string PrimarySide => Primary == ShadowPrimary.Modern ? "modern" : "legacy";

    /// <summary>The side that gets the copy.</summary>
    public string ShadowSide => Primary == ShadowPrimary.Modern ? "legacy" : "modern";

    /// <summary>Draws whether this request is mirrored.</summary>
    public bool Sample() => SampleRate >= 1 || (SampleRate > 0 && Random.Shared.NextDouble() < SampleRate);
}

/// <summary>The shadow options as they are used at run time: read once, rules compiled, on first use.</summary>
internal sealed class ShadowSettings(IOptions<GalaxyLegacyOptions> options)
{
    private IReadOnlyList<CompiledShadowRule>? _rules;

    public ShadowOptions Options => options.Value.Shadow;

    /// <summary>The compiled rules, in order.</summary>
    public IReadOnlyList<CompiledShadowRule> Rules => _rules ??= Compile(Options);

    public bool Enabled => Rules.Count > 0;

    /// <summary>The first rule covering <paramref name="method"/> <paramref name="path"/>, or null.</summary>
    public CompiledShadowRule? Match(string method, PathString path)
    {
        var value = path.Value ?? "/";
        foreach (var rule in Rules)
        {
            if (rule.Methods.Contains(method) && rule.Path.IsMatch(value))
            {
                return rule;
            }
        }

        return null;
    }

    /// <summary>Whether some rule may cover requests to <paramref name="route"/>.</summary>
    public bool MayMatch(RoutePattern route)
    {
        foreach (var rule in Rules)
        {
            if (rule.Path.MayOverlap(route))
            {
                return true;
            }
        }

        return false;
    }

    private static CompiledShadowRule[] Compile(ShadowOptions options)
    {
        // Normally checked already (MapGalaxyLegacyFallback); a host that never maps the fallback gets the same message.
        options.Validate();
        return [.. options.Rules.Select((rule, index) => new CompiledShadowRule(index, rule, options.IgnorePaths))];
    }

    /// <summary>Whether <paramref name="path"/> is under the admin path (never mirrored: it reports on mirroring).</summary>
    public bool IsAdmin(PathString path)
        => options.Value.AdminPath?.TrimEnd('/') is { Length: > 0 } admin && path.StartsWithSegments(admin, StringComparison.OrdinalIgnoreCase);
}
