using System.Globalization;

namespace Galaxy.Api.Toolkit;

/// <summary>
/// What one request may cost the server, checked before any handler code runs (<see cref="GalaxyApiOptions.Limits"/>).
/// Each limit has a safe default; values are checked at start-up (a negative size fails with a message naming the
/// option). A request over a limit gets Galaxy's error body: 413 / 413001 for the body size, 400 / 400008 with
/// <c>validation_errors</c> for depth, collection and string lengths, 504 / 504001 for the time.
/// </summary>
public sealed class GalaxyApiLimits
{
    /// <summary>The default of <see cref="MaxBodyBytes"/>: 4 MiB.</summary>
    public const long DefaultMaxBodyBytes = 4 * 1024 * 1024;

    /// <summary>The default of <see cref="MaxJsonDepth"/>: 64, System.Text.Json's own default.</summary>
    public const int DefaultMaxJsonDepth = 64;

    /// <summary>The default of <see cref="MaxCollectionLength"/>: 10,000.</summary>
    public const int DefaultMaxCollectionLength = 10_000;

    /// <summary>The default of <see cref="MaxStringLength"/>: 1,048,576 characters.</summary>
    public const int DefaultMaxStringLength = 1024 * 1024;

    /// <summary>The default of <see cref="RequestTimeout"/>: 100 seconds, as HttpClient's default.</summary>
    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(100);

    /// <summary>
    /// The largest request body (JSON or form) an operation accepts, in bytes; a larger body gets 413 / 413001 before it
    /// is read whole. Default 4 MiB. Kestrel's own limit (about 30 MB) still applies to every request.
    /// </summary>
    public long MaxBodyBytes { get; set; } = DefaultMaxBodyBytes;

    /// <summary>
    /// How deeply a JSON body may nest arrays and objects (<c>[[1]]</c> is 2 levels); deeper bodies get 400 / 400008.
    /// Default 64. A value above the serializer's <c>MaxDepth</c> raises it (so responses may nest as deep too).
    /// </summary>
    public int MaxJsonDepth { get; set; } = DefaultMaxJsonDepth;

    /// <summary>
    /// The most items of any JSON array, or members of any JSON object, in a request body (and the most values of a form
    /// field); more get 400 / 400008 (<c>too_long</c>) at the collection's location. Default 10,000. A member whose type
    /// declares its own maximum (<c>[MaxLength]</c>, <c>[Length]</c>) is held to that instead, by its validator.
    /// </summary>
    public int MaxCollectionLength { get; set; } = DefaultMaxCollectionLength;

    /// <summary>
    /// The longest JSON string (or form value, or property name) in a request body, in Unicode code points; longer ones get
    /// 400 / 400008 (<c>string_too_long</c>) at their location. Default 1,048,576. A member that declares its own maximum
    /// (<c>[MaxLength]</c>, <c>[StringLength]</c>, <c>[Length]</c>) is held to that instead, by its validator.
    /// </summary>
    public int MaxStringLength { get; set; } = DefaultMaxStringLength;

    /// <summary>
    /// How long a request may run before it is cancelled (its <c>HttpContext.RequestAborted</c> fires) and, if its
    /// response has not started, answered 504 / 504001. Applies to every request of the app (the API, its documents and
    /// forwarded legacy requests). Default 100 seconds; null or <see cref="Timeout.InfiniteTimeSpan"/> turns it off. Not
    /// applied while a debugger is attached, as ASP.NET Core's own request timeouts. A handler can lift it for its request
    /// with <c>HttpContext.Features.Get&lt;IHttpRequestTimeoutFeature&gt;()?.DisableTimeout()</c>.
    /// </summary>
    public TimeSpan? RequestTimeout { get; set; } = DefaultRequestTimeout;

    /// <summary>Whether <see cref="RequestTimeout"/> is on.</summary>
    internal bool HasRequestTimeout => RequestTimeout is { } timeout && timeout != Timeout.InfiniteTimeSpan;

    /// <summary>What is wrong with the values, one sentence each; empty when they are valid.</summary>
    internal List<string> Validate()
    {
        var failures = new List<string>();
        if (MaxBodyBytes <= 0)
        {
            failures.Add(Invalid(nameof(MaxBodyBytes), MaxBodyBytes, "must be a positive number of bytes"));
        }

        if (MaxJsonDepth is <= 0 or > MaxAllowedJsonDepth)
        {
            failures.Add(Invalid(nameof(MaxJsonDepth), MaxJsonDepth, string.Create(CultureInfo.InvariantCulture, $"must be between 1 and {MaxAllowedJsonDepth}")));
        }

        if (MaxCollectionLength <= 0)
        {
            failures.Add(Invalid(nameof(MaxCollectionLength), MaxCollectionLength, "must be a positive number of items"));
        }

        if (MaxStringLength <= 0)
        {
            failures.Add(Invalid(nameof(MaxStringLength), MaxStringLength, "must be a positive number of characters"));
        }

        if (RequestTimeout is { } timeout && timeout != Timeout.InfiniteTimeSpan
            && (timeout <= TimeSpan.Zero || timeout.TotalMilliseconds > int.MaxValue))
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture,
                $"GalaxyApiOptions.Limits.RequestTimeout is {timeout}: it must be positive and at most {TimeSpan.FromMilliseconds(int.MaxValue)}, or null (or Timeout.InfiniteTimeSpan) for none."));
        }

        return failures;
    }

    /// <summary>The deepest nesting a limit may allow: the JSON reader keeps one bit per level, and beyond this a body is an attack.</summary>
    internal const int MaxAllowedJsonDepth = 4096;

    private static string Invalid(string name, long value, string rule)
        => string.Create(CultureInfo.InvariantCulture, $"GalaxyApiOptions.Limits.{name} is {value}: it {rule}.");
}
