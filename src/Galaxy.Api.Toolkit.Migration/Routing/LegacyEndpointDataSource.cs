using Galaxy.Api.Toolkit.Migration.Catalog;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace Galaxy.Api.Toolkit.Migration.Routing;

/// <summary>Marks an endpoint of the legacy fallback: requests routed to it go to the legacy side.</summary>
public sealed class LegacyFallbackMetadata
{
    internal LegacyFallbackMetadata(LegacyRoute? route) => Route = route;

    /// <summary>The legacy path template the endpoint serves, or null for the catch-all (requests no manifest route matches).</summary>
    public string? Template => Route?.Template;

    internal LegacyRoute? Route { get; }
}

/// <summary>
/// The fallback's endpoints, built on first use: one per legacy path template of the catalog (so routing itself says
/// which legacy route a request is, for coverage and validation) and a catch-all under the prefix. All of them have an
/// order after every ordinary endpoint, so a modern operation always wins, also per method: a path whose PUT is modern
/// and DELETE legacy sends DELETE here instead of answering 405.
/// </summary>
internal sealed partial class LegacyEndpointDataSource(
    GalaxyLegacyOptions options,
    LegacyCatalogProvider catalog,
    Func<LegacyRoute?, RequestDelegate> handlerFactory,
    ILogger logger) : EndpointDataSource
{
    /// <summary>The order of per-route legacy endpoints: after every ordinary endpoint.</summary>
    internal const int RouteOrder = int.MaxValue - 1;

    /// <summary>The order of the catch-all: last of all.</summary>
    internal const int CatchAllOrder = int.MaxValue;

    private readonly Lazy<IReadOnlyList<Endpoint>> _endpoints = new(() => Build(options, catalog.Catalog, handlerFactory, logger), LazyThreadSafetyMode.ExecutionAndPublication);

    public override IReadOnlyList<Endpoint> Endpoints => _endpoints.Value;

    public override IChangeToken GetChangeToken() => Microsoft.Extensions.FileProviders.NullChangeToken.Singleton;

    private static List<Endpoint> Build(GalaxyLegacyOptions options, LegacyCatalog catalog, Func<LegacyRoute?, RequestDelegate> handlerFactory, ILogger logger)
    {
        var prefix = options.Prefix.Value!.TrimEnd('/');
        var endpoints = new List<Endpoint>();
        foreach (var route in catalog.Routes)
        {
            if (!route.Template.StartsWith(prefix + "/", StringComparison.OrdinalIgnoreCase) && !string.Equals(route.Template, prefix, StringComparison.OrdinalIgnoreCase) && prefix.Length > 0)
            {
                LogOutsidePrefix(logger, route.Template, options.Prefix.Value!);
                continue;
            }

            RoutePattern pattern;
            try
            {
                pattern = RoutePatternFactory.Parse(route.Template);
            }
            catch (RoutePatternException exception)
            {
                LogRouteSkipped(logger, route.Template, exception.Message);
                continue;
            }

            endpoints.Add(Create(pattern, RouteOrder, "Legacy " + route.Template, route, handlerFactory(route)));
        }

        endpoints.Add(Create(RoutePatternFactory.Parse(prefix + "/{**galaxyLegacyPath}"), CatchAllOrder, "Legacy fallback " + options.Prefix.Value, null, handlerFactory(null)));
        return endpoints;
    }

    private static RouteEndpoint Create(RoutePattern pattern, int order, string name, LegacyRoute? route, RequestDelegate handler)
    {
        var builder = new RouteEndpointBuilder(handler, pattern, order) { DisplayName = name };
        // The legacy side authenticates its own requests; a host-wide fallback authorization policy must not stop them.
        builder.Metadata.Add(new AllowAnonymousAttribute());
        builder.Metadata.Add(new Microsoft.AspNetCore.Routing.ExcludeFromDescriptionAttribute());
        builder.Metadata.Add(new LegacyFallbackMetadata(route));
        return (RouteEndpoint)builder.Build();
    }

    [LoggerMessage(EventId = MigrationLogEvents.ManifestRouteSkipped, Level = LogLevel.Warning,
        Message = "Legacy route {Template} is not a valid route template ({Reason}); its requests are forwarded as unlisted.")]
    private static partial void LogRouteSkipped(ILogger logger, string template, string reason);

    [LoggerMessage(EventId = MigrationLogEvents.ManifestRouteSkipped + 10, Level = LogLevel.Debug,
        Message = "Legacy route {Template} is outside the fallback prefix {Prefix}; it is not forwarded.")]
    private static partial void LogOutsidePrefix(ILogger logger, string template, string prefix);
}
