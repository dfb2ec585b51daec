using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Galaxy.Api.Toolkit.Migration.Shadow;

/// <summary>The shadow services one request needs, in one place: settings, queue, recorder and the mirror targets.</summary>
internal sealed partial class ShadowTraffic(
    ShadowSettings settings,
    ShadowQueue queue,
    ShadowRecorder recorder,
    ModernMirrorPipelines modernPipelines,
    IServiceProvider services,
    ILogger<ShadowTraffic> logger)
{
    public ShadowSettings Settings => settings;

    public ShadowQueue Queue => queue;

    public ShadowRecorder Recorder => recorder;

    /// <summary>The legacy side as a mirror target (one for all requests).</summary>
    public ShadowTarget Legacy { get; } = new LegacyShadowTarget(services);

    /// <summary>A modern endpoint as a mirror target, with the route values routing computed for it.</summary>
    public ShadowTarget Modern(Endpoint endpoint, RouteValueDictionary? values)
        => new ModernShadowTarget(endpoint, values, modernPipelines);

    public void CaptureFailed(Exception exception, string method, PathString path) => LogCaptureFailed(logger, exception, method, path);

    [LoggerMessage(EventId = MigrationLogEvents.ShadowCaptureError, Level = LogLevel.Error, Message = "Could not queue the shadow mirror of {Method} {Path}")]
    private static partial void LogCaptureFailed(ILogger logger, Exception exception, string method, PathString path);
}
