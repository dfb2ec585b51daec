using System.Diagnostics.Metrics;

namespace Galaxy.Api.Toolkit.Migration;

/// <summary>
/// The migration package's instruments, on the meter <see cref="MeterName"/>: forwarded requests per legacy route
/// template (what to port next), legacy faults and legacy validation failures. Shadow instruments are on the same meter.
/// </summary>
public sealed class MigrationMetrics
{
    /// <summary>The meter's name, for <c>AddMeter</c> / <c>dotnet-counters --counters</c>.</summary>
    public const string MeterName = "Galaxy.Api.Toolkit.Migration";

    /// <summary>The route tag of requests that match no route of the legacy manifest.</summary>
    public const string UnlistedRoute = "(unlisted)";

    private readonly Counter<long> _forwarded;
    private readonly Counter<long> _faults;
    private readonly Counter<long> _validationFailures;

    /// <summary>Creates the instruments.</summary>
    /// <param name="meterFactory">The application's meter factory.</param>
    public MigrationMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        Meter = meterFactory.Create(MeterName);
        _forwarded = Meter.CreateCounter<long>("galaxy.legacy.forwarded", "{request}", "Requests served by the legacy side, per legacy route template and method.");
        _faults = Meter.CreateCounter<long>("galaxy.legacy.faults", "{request}", "Forwarded requests the legacy side did not answer: unreachable (502) or too slow (504).");
        _validationFailures = Meter.CreateCounter<long>("galaxy.legacy.validation_failures", "{request}", "Requests to legacy routes refused by validation against the legacy manifest.");
    }

    /// <summary>The meter (shared by the shadow instruments).</summary>
    internal Meter Meter { get; }

    internal void Forwarded(string route, string method)
    {
        if (_forwarded.Enabled)
        {
            _forwarded.Add(1, new KeyValuePair<string, object?>("http.route", route), new KeyValuePair<string, object?>("http.request.method", method));
        }
    }

    internal void Fault(string kind)
    {
        if (_faults.Enabled)
        {
            _faults.Add(1, new KeyValuePair<string, object?>("error.type", kind));
        }
    }

    internal void ValidationFailed(string route, string method)
    {
        if (_validationFailures.Enabled)
        {
            _validationFailures.Add(1, new KeyValuePair<string, object?>("http.route", route), new KeyValuePair<string, object?>("http.request.method", method));
        }
    }
}
