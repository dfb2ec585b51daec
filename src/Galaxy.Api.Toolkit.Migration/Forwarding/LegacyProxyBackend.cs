using System.Buffers;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;
using Yarp.ReverseProxy.Transforms;

namespace Galaxy.Api.Toolkit.Migration.Forwarding;

/// <summary>
/// The legacy servers out of process, through YARP: load balancing, active health checks, the activity timeout and
/// streaming are YARP's (its whole proxy pipeline runs for each request); this class adds Galaxy's error body for the
/// faults, the path base and the client's <c>Host</c>.
/// </summary>
/// <remarks>
/// YARP runs in a service container of its own, built from <see cref="GalaxyLegacyOptions"/>: its registrations
/// (data protection, a config manager, health-check timers) stay out of the host's container, and a host that uses YARP
/// for something else keeps its own configuration and state untouched.
/// </remarks>
internal sealed class LegacyProxyBackend : ILegacyBackend, IDisposable
{
    private readonly ServiceProvider _proxyServices;
    private readonly Endpoint _proxyEndpoint;
    private readonly RequestDelegate _proxyPipeline;
    private readonly IProxyStateLookup _proxyState;
    private readonly GalaxyLegacyOptions _options;
    private readonly MigrationMetrics _metrics;
    private readonly ILogger _logger;
    private int _mirrorTurn;

    public LegacyProxyBackend(GalaxyLegacyOptions options, ILoggerFactory loggerFactory, MigrationMetrics metrics)
    {
        _options = options;
        _metrics = metrics;
        _logger = loggerFactory.CreateLogger(LegacyFaults.LogCategory);

        var services = new ServiceCollection();
        services.AddSingleton(loggerFactory);
        services.AddLogging();
        var forwardPathBase = options.ForwardPathBase;
        services.AddReverseProxy()
            .LoadFromMemory([LegacyProxyConfig.Route(options)], [LegacyProxyConfig.Cluster(options)])
            .AddTransforms(transforms =>
            {
                // The legacy server sees the client's Host (as behind nginx's "proxy_set_header Host $http_host"); YARP's
                // default X-Forwarded-For/Proto/Host/Prefix transforms stay on.
                transforms.AddOriginalHost(useOriginal: true);
                if (forwardPathBase)
                {
                    transforms.AddRequestTransform(static transform =>
                    {
                        var pathBase = transform.HttpContext.Request.PathBase;
                        if (pathBase.HasValue)
                        {
                            transform.Path = pathBase.Add(transform.Path);
                        }

                        return ValueTask.CompletedTask;
                    });
                }
            });
        _proxyServices = services.BuildServiceProvider();
        try
        {
            var routes = new ProxyRouteBuilder(_proxyServices);
            routes.MapReverseProxy(static proxy => proxy.UseLoadBalancing());
            _proxyEndpoint = routes.DataSources.SelectMany(static source => source.Endpoints).Single();
            _proxyPipeline = _proxyEndpoint.RequestDelegate
                ?? throw new InvalidOperationException("YARP's endpoint for the legacy servers has no request delegate.");
            _proxyState = _proxyServices.GetRequiredService<IProxyStateLookup>();
        }
        catch (InvalidOperationException exception)
        {
            _proxyServices.Dispose();
            throw new InvalidOperationException(
                "GalaxyLegacyOptions: YARP refused the configuration of the legacy servers: " + Explain(exception), exception);
        }

        LegacyFaults.LogProxyStarted(
            _logger,
            string.Join(", ", options.Servers.Select(static s => s.AbsoluteUri)),
            options.LoadBalancingPolicy,
            options.HealthCheck.Enabled ? string.Create(CultureInfo.InvariantCulture, $"GET {options.HealthCheck.Path} every {options.HealthCheck.Interval}") : "off",
            options.Timeout);
    }

    public async Task ForwardAsync(HttpContext context)
    {
        // YARP's pipeline finds its route and cluster through the endpoint; the fallback's endpoint comes back afterwards
        // (diagnostics read http.route from it when the request ends).
        var fallbackEndpoint = context.GetEndpoint();
        context.SetEndpoint(_proxyEndpoint);
        try
        {
            await _proxyPipeline(context).ConfigureAwait(false);
        }
        finally
        {
            context.SetEndpoint(fallbackEndpoint);
        }

        if (context.Features.Get<IForwarderErrorFeature>() is { } fault)
        {
            await OnFaultAsync(context, fault).ConfigureAwait(false);
        }
    }

    public Task<MirrorResponse> SendMirrorAsync(MirrorRequest request, CancellationToken cancellationToken)
        => SendMirrorAsync(request, MirrorResponse.DefaultMaxBodyBytes, cancellationToken);

    public async Task<MirrorResponse> SendMirrorAsync(MirrorRequest request, int maxBodyBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBodyBytes);
        if (!_proxyState.TryGetCluster(LegacyProxyConfig.ClusterId, out var cluster) || cluster.Model is null)
        {
            return MirrorResponse.Failed("The legacy servers' configuration is not loaded.");
        }

        var available = cluster.DestinationsState.AvailableDestinations;
        if (available.Count == 0)
        {
            return MirrorResponse.Failed(LegacyFaults.NoServerAvailableMessage);
        }

        // Mirrors take turns over the available servers; they do not weigh on the load balancing of client requests.
        var destination = available[(int)((uint)Interlocked.Increment(ref _mirrorTurn) % (uint)available.Count)];
        var address = destination.Model.Config.Address;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.Timeout);
        try
        {
            using var message = CreateMirrorMessage(address, request, _options.ForwardPathBase);
            using var response = await cluster.Model.HttpClient.SendAsync(message, deadline.Token).ConfigureAwait(false);
            return await ReadMirrorResponseAsync(response, maxBodyBytes, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            return MirrorResponse.Failed(string.Create(CultureInfo.InvariantCulture, $"The legacy server {address} did not answer within {_options.Timeout}."));
        }
#pragma warning disable CA1031 // A failing mirror is a finding, never an exception for the caller.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            return MirrorResponse.Failed($"The legacy server {address} could not be reached: {exception.GetType().Name}: {exception.Message}");
        }
    }

    public void Dispose() => _proxyServices.Dispose();

    private async Task OnFaultAsync(HttpContext context, IForwarderErrorFeature fault)
    {
        if (context.RequestAborted.IsCancellationRequested)
        {
            // The client left; there is nobody to answer.
            return;
        }

        var timedOut = fault.Error is ForwarderError.RequestTimedOut or ForwarderError.UpgradeActivityTimeout or ForwarderError.ResponseBodyCanceled
            || (fault.Error is ForwarderError.RequestBodyDestination && context.Response.StatusCode == StatusCodes.Status504GatewayTimeout);
        var legacySide = timedOut || fault.Error is ForwarderError.Request or ForwarderError.RequestCreation or ForwarderError.NoAvailableDestinations
            or ForwarderError.ResponseHeaders or ForwarderError.RequestBodyDestination or ForwarderError.ResponseBodyDestination
            or ForwarderError.UpgradeRequestDestination or ForwarderError.UpgradeResponseDestination;
        if (!legacySide)
        {
            // The client's side failed (a body over the limit, a broken upload): YARP's status (400, 408, 413) stands, in
            // Galaxy's format when the client can still read it.
            if (!context.Response.HasStarted && context.Response.StatusCode >= StatusCodes.Status400BadRequest)
            {
                await LegacyFaults.RespondAsync(context, GalaxyErrorResponse.ForStatus(context.Response.StatusCode)).ConfigureAwait(false);
            }

            return;
        }

        _metrics.Fault(timedOut ? LegacyFaults.TimeoutKind : LegacyFaults.UnreachableKind);
        var request = LegacyFaults.Describe(context.Request);
        if (context.Response.HasStarted)
        {
            // YARP has reset the stream or aborted the connection already; make sure of it.
            LegacyFaults.LogAbortedAfterStart(_logger, fault.Error.ToString(), request, fault.Exception);
            context.Abort();
            return;
        }

        if (fault.Error is ForwarderError.NoAvailableDestinations)
        {
            LegacyFaults.LogNoServerAvailable(_logger, request);
            await LegacyFaults.RespondAsync(context, LegacyFaults.Unreachable, LegacyFaults.NoServerAvailableMessage).ConfigureAwait(false);
        }
        else if (timedOut)
        {
            LegacyFaults.LogTimeout(_logger, request, _options.Timeout);
            await LegacyFaults.RespondAsync(context, LegacyFaults.TimedOut).ConfigureAwait(false);
        }
        else
        {
            var destination = context.Features.Get<IReverseProxyFeature>()?.ProxiedDestination?.Model.Config.Address;
            LegacyFaults.LogUnreachable(_logger, destination, request, fault.Error.ToString(), fault.Exception);
            await LegacyFaults.RespondAsync(context, LegacyFaults.Unreachable).ConfigureAwait(false);
        }
    }

    private static HttpRequestMessage CreateMirrorMessage(string address, MirrorRequest request, bool forwardPathBase)
    {
        var path = forwardPathBase ? request.PathBase.Add(request.Path) : request.Path;
        var message = new HttpRequestMessage(HttpMethod.Parse(request.Method), RequestUtilities.MakeDestinationAddress(address, path, request.QueryString))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };
        if (!request.Body.IsEmpty)
        {
            message.Content = new ReadOnlyMemoryContent(request.Body);
        }

        foreach (var (name, values) in request.Headers)
        {
            if (IsHopByHop(name) || name.Equals(HeaderNames.ContentLength, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (name.Equals(HeaderNames.Host, StringComparison.OrdinalIgnoreCase))
            {
                message.Headers.Host = values.ToString();
            }
            else if (!message.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                message.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        if (request.PathBase.HasValue && !message.Headers.Contains("X-Forwarded-Prefix"))
        {
            message.Headers.TryAddWithoutValidation("X-Forwarded-Prefix", request.PathBase.Value);
        }

        return message;
    }

    private static bool IsHopByHop(string name)
        => name.Equals(HeaderNames.Connection, StringComparison.OrdinalIgnoreCase)
            || name.Equals(HeaderNames.KeepAlive, StringComparison.OrdinalIgnoreCase)
            || name.Equals(HeaderNames.TransferEncoding, StringComparison.OrdinalIgnoreCase)
            || name.Equals(HeaderNames.TE, StringComparison.OrdinalIgnoreCase)
            || name.Equals(HeaderNames.Upgrade, StringComparison.OrdinalIgnoreCase)
            || name.Equals(HeaderNames.ProxyAuthorization, StringComparison.OrdinalIgnoreCase)
            || name.Equals("Proxy-Connection", StringComparison.OrdinalIgnoreCase);

    private static async Task<MirrorResponse> ReadMirrorResponseAsync(HttpResponseMessage response, int maxBodyBytes, CancellationToken cancellationToken)
    {
        var contentType = response.Content.Headers.ContentType?.ToString();
        var length = response.Content.Headers.ContentLength;
        var body = new ArrayBufferWriter<byte>((int)Math.Clamp(length ?? 4096, 1, Math.Max(maxBodyBytes, 1)));
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            while (body.WrittenCount < maxBodyBytes)
            {
                var room = maxBodyBytes - body.WrittenCount;
                var read = await stream.ReadAsync(body.GetMemory(Math.Min(room, 16 * 1024))[..Math.Min(room, 16 * 1024)], cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return new MirrorResponse((int)response.StatusCode, contentType, body.WrittenMemory, Truncated: false);
                }

                body.Advance(read);
            }

            // The limit is reached: one more byte says whether the body goes on (the rest is not read).
            var truncated = length > maxBodyBytes || (length is null && await stream.ReadAsync(new byte[1], cancellationToken).ConfigureAwait(false) > 0);
            return new MirrorResponse((int)response.StatusCode, contentType, body.WrittenMemory, truncated);
        }
    }

    private static string Explain(Exception exception)
    {
        var reasons = new List<string>();
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is AggregateException aggregate)
            {
                reasons.AddRange(aggregate.InnerExceptions.Select(static e => e.Message));
                break;
            }

            reasons.Add(inner.Message);
        }

        return reasons.Count > 0 ? string.Join(" ", reasons) : exception.Message;
    }
}
