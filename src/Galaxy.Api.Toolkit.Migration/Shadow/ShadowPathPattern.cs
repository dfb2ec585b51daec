using Microsoft.AspNetCore.Routing.Patterns;

namespace Galaxy.Api.Toolkit.Migration.Shadow;

/// <summary>
/// The path part of a <see cref="ShadowRule"/>: a prefix (no braces) or a route template, matched against request paths
/// without allocating, and against endpoints' route patterns to tell which routing candidate sets may need a look.
/// </summary>
internal sealed class ShadowPathPattern
{
    private readonly Segment[] _segments;
    private readonly bool _isPrefix;

    private ShadowPathPattern(Segment[] segments, bool isPrefix)
    {
        _segments = segments;
        _isPrefix = isPrefix;
    }

    private enum SegmentKind
    {
        Literal,
        Parameter,
        OptionalParameter,
        CatchAll,
    }

    /// <summary>Parses a rule's pattern; throws <c>RoutePatternException</c> or <see cref="FormatException"/> saying what is wrong.</summary>
    public static ShadowPathPattern Parse(string pattern)
    {
        if (!pattern.Contains('{', StringComparison.Ordinal))
        {
            var literals = pattern.Split('/', StringSplitOptions.RemoveEmptyEntries);
            return new ShadowPathPattern([.. literals.Select(static l => new Segment(SegmentKind.Literal, l))], isPrefix: true);
        }

        var parsed = RoutePatternFactory.Parse(pattern);
        var segments = new List<Segment>();
        foreach (var segment in parsed.PathSegments)
        {
            if (!segment.IsSimple)
            {
                throw new FormatException("a segment that mixes text and parameters is not supported; use one parameter per segment, e.g. /api/datasets/{id}.");
            }

            segments.Add(segment.Parts[0] switch
            {
                RoutePatternLiteralPart literal => new Segment(SegmentKind.Literal, literal.Content),
                RoutePatternParameterPart { IsCatchAll: true } => new Segment(SegmentKind.CatchAll, null),
                RoutePatternParameterPart { IsOptional: true } => new Segment(SegmentKind.OptionalParameter, null),
                RoutePatternParameterPart => new Segment(SegmentKind.Parameter, null),
                _ => throw new FormatException("a segment that mixes text and parameters is not supported."),
            });
        }

        return new ShadowPathPattern([.. segments], isPrefix: false);
    }

    /// <summary>Whether <paramref name="path"/> (a request path, starting with '/') is covered.</summary>
    public bool IsMatch(string path)
    {
        var position = path.StartsWith('/') ? 1 : 0;
        foreach (var segment in _segments)
        {
            if (segment.Kind == SegmentKind.CatchAll)
            {
                return true;
            }

            if (position >= path.Length)
            {
                // No segment left: only a trailing optional parameter may be absent.
                return segment.Kind == SegmentKind.OptionalParameter;
            }

            var end = path.IndexOf('/', position);
            var token = end < 0 ? path.AsSpan(position) : path.AsSpan(position, end - position);
            var matches = segment.Kind == SegmentKind.Literal
                ? token.Equals(segment.Text, StringComparison.OrdinalIgnoreCase)
                : token.Length > 0;
            if (!matches)
            {
                return false;
            }

            position = end < 0 ? path.Length : end + 1;
        }

        // A prefix covers what follows; a template needs the path to end here (a trailing '/' is ignored, as routing does).
        return _isPrefix || position >= path.Length;
    }

    /// <summary>
    /// Whether some request path could match both this pattern and <paramref name="route"/>: false only when they
    /// certainly cannot (a literal segment differs, or one is shorter), so that routing skips the shadow check there.
    /// </summary>
    public bool MayOverlap(RoutePattern route)
    {
        var routeSegments = route.PathSegments;
        for (var i = 0; ; i++)
        {
            var ruleEnded = i >= _segments.Length;
            var routeEnded = i >= routeSegments.Count;
            if (!ruleEnded && _segments[i].Kind == SegmentKind.CatchAll)
            {
                return true;
            }

            var routeSegment = routeEnded ? null : routeSegments[i];
            var routeParameter = routeSegment is { IsSimple: true, Parts: [RoutePatternParameterPart parameter] } ? parameter : null;
            if (routeParameter is { IsCatchAll: true })
            {
                return true;
            }

            if (ruleEnded)
            {
                return _isPrefix || routeEnded || routeParameter is { IsOptional: true };
            }

            if (routeEnded)
            {
                return _segments[i].Kind == SegmentKind.OptionalParameter;
            }

            if (_segments[i].Kind == SegmentKind.Literal
                && routeSegment is { IsSimple: true, Parts: [RoutePatternLiteralPart literal] }
                && !string.Equals(literal.Content, _segments[i].Text, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }
    }

    private readonly record struct Segment(SegmentKind Kind, string? Text);
}
