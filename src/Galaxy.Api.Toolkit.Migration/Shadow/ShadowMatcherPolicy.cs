using Galaxy.Api.Toolkit.Migration.Routing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;

namespace Galaxy.Api.Toolkit.Migration.Shadow;

/// <summary>
/// Where shadow traffic joins a request: in routing, which alone knows both the endpoint it will choose and the
/// alternatives. For a request a rule covers, with a modern candidate: in <see cref="ShadowPrimary.Modern"/> mode the
/// modern endpoint serves the client and the legacy side gets the copy; in <see cref="ShadowPrimary.Legacy"/> mode the
/// modern candidates are invalidated, so routing picks the legacy fallback, and the modern endpoint (with the route
/// values computed for it) gets the copy. Then <see cref="ShadowCapture"/> copies the bodies. Being part of routing, it
/// works whether the host calls <c>UseRouting</c> itself or lets WebApplication do it.
/// </summary>
internal sealed class ShadowMatcherPolicy(ShadowSettings settings, IServiceProvider services) : MatcherPolicy, IEndpointSelectorPolicy
{
    private ShadowTraffic? _traffic;

    /// <summary>After the built-in policies (HTTP method, host, content type), so that the candidates left are the real ones.</summary>
    public override int Order => 10_000;

    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (!settings.Enabled)
        {
            return false;
        }

        // Only candidate sets with a modern endpoint a rule may cover need a look; legacy-only paths cost nothing.
        foreach (var endpoint in endpoints)
        {
            if (endpoint is RouteEndpoint route && !IsLegacy(route) && settings.MayMatch(route.RoutePattern))
            {
                return true;
            }
        }

        return false;
    }

    public Task ApplyAsync(HttpContext httpContext, CandidateSet candidates)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ArgumentNullException.ThrowIfNull(candidates);
        var request = httpContext.Request;
        if (httpContext.Features.Get<ShadowCapture>() is not null
            || settings.Match(request.Method, request.Path) is not { } rule
            || settings.IsAdmin(request.Path))
        {
            return Task.CompletedTask;
        }

        var bestModern = -1;
        var bestLegacy = -1;
        for (var i = 0; i < candidates.Count; i++)
        {
            if (!candidates.IsValidCandidate(i))
            {
                continue;
            }

            ref var best = ref IsLegacy(candidates[i].Endpoint) ? ref bestLegacy : ref bestModern;
            if (best < 0 || candidates[i].Score < candidates[best].Score)
            {
                best = i;
            }
        }

        if (bestModern < 0)
        {
            // Nothing ported answers this request: there is nothing to compare the legacy side with.
            return Task.CompletedTask;
        }

        var modern = candidates[bestModern].Endpoint;
        var route = (modern as RouteEndpoint)?.RoutePattern.RawText ?? modern.DisplayName ?? request.Path.Value ?? "/";
        var traffic = _traffic ??= (ShadowTraffic)services.GetService(typeof(ShadowTraffic))!;
        if (rule.Primary == ShadowPrimary.Modern)
        {
            if (bestLegacy >= 0 && candidates[bestLegacy].Score < candidates[bestModern].Score)
            {
                return Task.CompletedTask;
            }

            if (rule.Sample())
            {
                ShadowCapture.Start(httpContext, traffic, rule, traffic.Legacy, modern, route);
            }

            return Task.CompletedTask;
        }

        if (bestLegacy < 0)
        {
            // No legacy endpoint covers the path (outside the fallback prefix): the modern endpoint keeps serving it.
            return Task.CompletedTask;
        }

        var values = candidates[bestModern].Values is { } found ? new RouteValueDictionary(found) : null;
        for (var i = 0; i < candidates.Count; i++)
        {
            if (candidates.IsValidCandidate(i) && !IsLegacy(candidates[i].Endpoint))
            {
                candidates.SetValidity(i, false);
            }
        }

        if (rule.Sample())
        {
            ShadowCapture.Start(httpContext, traffic, rule, traffic.Modern(modern, values), null, route);
        }

        return Task.CompletedTask;
    }

    private static bool IsLegacy(Endpoint endpoint) => endpoint.Metadata.GetMetadata<LegacyFallbackMetadata>() is not null;
}
