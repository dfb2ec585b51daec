using Galaxy.Api.Toolkit.Migration.Shadow;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Galaxy.Api.Toolkit.Migration;

/// <summary>
/// How requests that no modern operation serves reach the legacy application; set with
/// <c>services.AddGalaxyLegacyFallback(options => ...)</c>. Exactly one of <see cref="Servers"/> (out of process, through
/// YARP) and <see cref="App"/>/<see cref="ConfigureApp"/> (in process) says where the legacy side is.
/// </summary>
public sealed class GalaxyLegacyOptions
{
    /// <summary>
    /// The path under which unmatched requests go to the legacy side. Default <c>/</c>: everything the modern routes do
    /// not serve, as Galaxy mounts its WSGI app last at the root. Use <c>/api</c> to forward only the API.
    /// </summary>
    public PathString Prefix { get; set; } = "/";

    /// <summary>
    /// The legacy servers (out of process), e.g. <c>http://127.0.0.1:8081/</c>. With more than one, requests are balanced
    /// over the healthy ones (<see cref="LoadBalancingPolicy"/>, <see cref="HealthCheck"/>).
    /// </summary>
    public IList<Uri> Servers { get; } = [];

    /// <summary>The legacy application in process: a request delegate that runs after the modern routes declined the request.</summary>
    public RequestDelegate? App { get; set; }

    /// <summary>
    /// The legacy application in process, as a pipeline of its own (its own routing, middleware and endpoints), built once
    /// when the fallback is mapped.
    /// </summary>
    public Action<IApplicationBuilder>? ConfigureApp { get; set; }

    /// <summary>
    /// How long the legacy side may take to send its response headers (and, out of process, between two reads of the
    /// body) before the client gets 504 in Galaxy's error format. Default 100 seconds, as HttpClient's default. Out of
    /// process this is YARP's activity timeout: a response that has started and then stalls longer is aborted. In process
    /// the app's <c>HttpContext.RequestAborted</c> fires after this long; an app that ignores it is still awaited (never
    /// abandoned on the request), and its answer is replaced by the 504 if it had not started.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>
    /// The YARP load-balancing policy over <see cref="Servers"/>: <c>PowerOfTwoChoices</c> (default), <c>RoundRobin</c>,
    /// <c>LeastRequests</c>, <c>Random</c> or <c>FirstAlphabetical</c>.
    /// </summary>
    public string LoadBalancingPolicy { get; set; } = "PowerOfTwoChoices";

    /// <summary>
    /// Whether the path base (<c>app.UsePathBase("/galaxy")</c>) stays in the path sent to the legacy servers. Default true:
    /// a request to <c>/galaxy/api/x</c> arrives as <c>/galaxy/api/x</c>, as it did behind nginx when the legacy app was
    /// mounted under the same prefix. Set false for a legacy server that serves at its root: it then gets <c>/api/x</c>.
    /// Either way it gets <c>X-Forwarded-Prefix: /galaxy</c>. In process, the legacy app sees the request's own
    /// <c>PathBase</c> and <c>Path</c>.
    /// </summary>
    public bool ForwardPathBase { get; set; } = true;

    /// <summary>
    /// The largest request body sent to the legacy side, in bytes: null (default) keeps the server's limit (Kestrel's is
    /// about 30 MB), <c>-1</c> lifts it for forwarded requests (large dataset uploads; the legacy server or the proxy in
    /// front of it enforces its own), a positive value sets it.
    /// </summary>
    public long? MaxRequestBodySize { get; set; }

    /// <summary>The active health checks of <see cref="Servers"/>.</summary>
    public LegacyHealthCheckOptions HealthCheck { get; } = new();

    /// <summary>
    /// A manifest of the legacy API read at start-up: an OpenAPI document (JSON) or a route list (one
    /// <c>METHOD /path/{param}</c> per line). Prefer an <c>AdditionalFile</c> with <c>GalaxyApiRole="LegacyManifest"</c>,
    /// which the build merges into the compile-time document; this run-time path is for manifests known only at deployment.
    /// </summary>
    public string? ManifestPath { get; set; }

    /// <summary>
    /// Whether requests to legacy operations whose manifest entry has schemas are validated before they are forwarded
    /// (failures get Galaxy's 400 body). Default true; turn off per operation with <see cref="SkipValidation"/>. The
    /// validation is NJsonSchema's, which needs reflection and dynamic code: a Native AOT host does not validate legacy
    /// requests whatever this says, and NJsonSchema is not compiled into it (no trim or AOT warning).
    /// </summary>
    public bool ValidateRequests { get; set; } = true;

    /// <summary>Legacy operations not to validate: operationIds or <c>METHOD /path/{param}</c> as in the served document.</summary>
    public ISet<string> SkipValidation { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// The largest JSON body of a legacy request that is validated, in bytes; a larger one is forwarded unvalidated (the
    /// legacy side decides), never refused or cut. Default 4 MiB.
    /// </summary>
    public long MaxValidatedBodyBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Where the admin-only migration endpoints are mapped (<c>/coverage</c>, <c>/shadow</c>); null leaves them out. Default <c>/api/_migration</c>.</summary>
    public string? AdminPath { get; set; } = "/api/_migration";

    /// <summary>Shadow traffic: requests mirrored to the other side and the answers compared (off until a rule is added).</summary>
    public ShadowOptions Shadow { get; } = new();

    /// <summary>Whether the legacy side runs in this process.</summary>
    internal bool InProcess => App is not null || ConfigureApp is not null;

    /// <summary>Throws, saying what to change, when the options cannot work.</summary>
    internal void Validate()
    {
        if (Servers.Count > 0 && InProcess)
        {
            throw new InvalidOperationException("GalaxyLegacyOptions: set either Servers (out of process) or App/ConfigureApp (in process), not both.");
        }

        if (Servers.Count == 0 && !InProcess)
        {
            throw new InvalidOperationException(
                "GalaxyLegacyOptions: say where the legacy application is: options.Servers.Add(new Uri(\"http://127.0.0.1:8081/\")) or options.App = legacyDelegate.");
        }

        if (App is not null && ConfigureApp is not null)
        {
            throw new InvalidOperationException("GalaxyLegacyOptions: set App or ConfigureApp, not both.");
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var server in Servers)
        {
            if (server is null || !server.IsAbsoluteUri || (server.Scheme != Uri.UriSchemeHttp && server.Scheme != Uri.UriSchemeHttps))
            {
                throw new InvalidOperationException($"GalaxyLegacyOptions.Servers: '{server}' is not an absolute http(s) URL, e.g. http://127.0.0.1:8081/.");
            }

            if (!string.IsNullOrEmpty(server.Query) || !string.IsNullOrEmpty(server.Fragment))
            {
                throw new InvalidOperationException($"GalaxyLegacyOptions.Servers: '{server}' has a query or fragment; give the server's base URL only.");
            }

            if (!seen.Add(server.AbsoluteUri.TrimEnd('/')))
            {
                throw new InvalidOperationException($"GalaxyLegacyOptions.Servers: '{server}' is listed twice.");
            }
        }

        if (Servers.Count > 0 && !Forwarding.LegacyProxyConfig.IsKnownLoadBalancingPolicy(LoadBalancingPolicy))
        {
            throw new InvalidOperationException(
                $"GalaxyLegacyOptions.LoadBalancingPolicy: '{LoadBalancingPolicy}' is not a YARP policy; use one of {string.Join(", ", Forwarding.LegacyProxyConfig.LoadBalancingPolicies)}.");
        }

        if (MaxRequestBodySize is { } maxBody && maxBody != -1 && maxBody <= 0)
        {
            throw new InvalidOperationException("GalaxyLegacyOptions.MaxRequestBodySize must be positive, -1 (no limit) or null (the server's limit).");
        }

        if (!Prefix.HasValue || !Prefix.Value!.StartsWith('/'))
        {
            throw new InvalidOperationException("GalaxyLegacyOptions.Prefix must start with '/'.");
        }

        if (Timeout <= TimeSpan.Zero || Timeout.TotalMilliseconds > int.MaxValue)
        {
            throw new InvalidOperationException($"GalaxyLegacyOptions.Timeout must be positive and at most {TimeSpan.FromMilliseconds(int.MaxValue)} (it is {Timeout}).");
        }

        if (AdminPath is { } admin && !admin.StartsWith('/'))
        {
            throw new InvalidOperationException("GalaxyLegacyOptions.AdminPath must start with '/'.");
        }

        if (MaxValidatedBodyBytes < 0)
        {
            throw new InvalidOperationException("GalaxyLegacyOptions.MaxValidatedBodyBytes cannot be negative.");
        }

        HealthCheck.Validate();
        Shadow.Validate();
    }
}

/// <summary>Active health checks of the legacy servers (YARP): an unhealthy server gets no requests until it answers again.</summary>
public sealed class LegacyHealthCheckOptions
{
    /// <summary>Whether servers are probed. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The path probed with GET; a 2xx answer means healthy. Default <c>/api/version</c>.</summary>
    public string Path { get; set; } = "/api/version";

    /// <summary>How often each server is probed. Default 10 seconds.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a probe may take. Default 5 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    internal void Validate()
    {
        if (string.IsNullOrEmpty(Path) || !Path.StartsWith('/') || Path.Contains('?', StringComparison.Ordinal) || Path.Contains('#', StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"GalaxyLegacyOptions.HealthCheck.Path must be a path starting with '/' without query, e.g. /api/version (it is '{Path}').");
        }

        if (Interval <= TimeSpan.Zero || Timeout <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"GalaxyLegacyOptions.HealthCheck.Interval and Timeout must be positive (they are {Interval} and {Timeout}).");
        }
    }
}
