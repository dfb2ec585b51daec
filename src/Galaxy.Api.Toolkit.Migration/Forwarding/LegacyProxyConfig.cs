using System.Globalization;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.LoadBalancing;

namespace Galaxy.Api.Toolkit.Migration.Forwarding;

/// <summary>
/// The YARP configuration of the legacy servers, built from <see cref="GalaxyLegacyOptions"/>: one cluster with a
/// destination per server (load balancing, active health checks, the activity timeout) and one route to it, whose
/// endpoint the fallback invokes (the route is never matched by the host's routing).
/// </summary>
internal static class LegacyProxyConfig
{
    /// <summary>The cluster of the legacy servers.</summary>
    public const string ClusterId = "galaxy-legacy";

    /// <summary>The route whose endpoint runs YARP's pipeline for the fallback.</summary>
    public const string RouteId = "galaxy-legacy-fallback";

    /// <summary>The policies YARP ships, as <see cref="GalaxyLegacyOptions.LoadBalancingPolicy"/> accepts them.</summary>
    public static readonly IReadOnlyList<string> LoadBalancingPolicies =
    [
        global::Yarp.ReverseProxy.LoadBalancing.LoadBalancingPolicies.PowerOfTwoChoices,
        global::Yarp.ReverseProxy.LoadBalancing.LoadBalancingPolicies.RoundRobin,
        global::Yarp.ReverseProxy.LoadBalancing.LoadBalancingPolicies.LeastRequests,
        global::Yarp.ReverseProxy.LoadBalancing.LoadBalancingPolicies.Random,
        global::Yarp.ReverseProxy.LoadBalancing.LoadBalancingPolicies.FirstAlphabetical,
    ];

    public static bool IsKnownLoadBalancingPolicy(string? name)
        => name is not null && LoadBalancingPolicies.Contains(name, StringComparer.OrdinalIgnoreCase);

    /// <summary>The destination id of the server at <paramref name="index"/> in <see cref="GalaxyLegacyOptions.Servers"/>.</summary>
    public static string DestinationId(int index) => "legacy-" + (index + 1).ToString(CultureInfo.InvariantCulture);

    public static RouteConfig Route(GalaxyLegacyOptions options) => new()
    {
        RouteId = RouteId,
        ClusterId = ClusterId,
        Match = new RouteMatch { Path = "/{**galaxyLegacyPath}" },
        MaxRequestBodySize = options.MaxRequestBodySize,
    };

    public static ClusterConfig Cluster(GalaxyLegacyOptions options)
    {
        var destinations = new Dictionary<string, DestinationConfig>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Servers.Count; i++)
        {
            destinations[DestinationId(i)] = new DestinationConfig { Address = options.Servers[i].AbsoluteUri };
        }

        var health = options.HealthCheck;
        return new ClusterConfig
        {
            ClusterId = ClusterId,
            Destinations = destinations,
            LoadBalancingPolicy = options.LoadBalancingPolicy,
            HttpRequest = new ForwarderRequestConfig { ActivityTimeout = options.Timeout },
            HealthCheck = new HealthCheckConfig
            {
                // Healthy and not yet probed servers take requests; an unhealthy one takes none until a probe succeeds.
                AvailableDestinationsPolicy = HealthCheckConstants.AvailableDestinations.HealthyAndUnknown,
                Active = new ActiveHealthCheckConfig
                {
                    Enabled = health.Enabled,
                    Interval = health.Interval,
                    Timeout = health.Timeout,
                    Policy = HealthCheckConstants.ActivePolicy.ConsecutiveFailures,
                    Path = health.Path,
                },
            },
        };
    }
}
