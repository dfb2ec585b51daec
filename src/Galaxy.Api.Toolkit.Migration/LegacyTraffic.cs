using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Galaxy.Api.Toolkit.Migration.Catalog;

namespace Galaxy.Api.Toolkit.Migration;

/// <summary>
/// Counts the requests the legacy side serves, per legacy operation (and per method for requests no manifest route
/// lists), for the coverage report; and publishes them on <see cref="MigrationMetrics"/>. Lock-free: one interlocked
/// increment per request.
/// </summary>
internal sealed class LegacyTraffic(LegacyCatalogProvider catalog, MigrationMetrics metrics, TimeProvider time)
{
    private readonly Lazy<long[]> _perOperation = new(() => new long[catalog.Catalog.Operations.Count]);
    private readonly ConcurrentDictionary<string, StrongBox<long>> _unlisted = new(StringComparer.Ordinal);

    /// <summary>When counting started (the application's start).</summary>
    public DateTimeOffset Since { get; } = time.GetUtcNow();

    public void Record(LegacyRoute? route, LegacyOperation? operation, string method)
    {
        if (operation is not null)
        {
            Interlocked.Increment(ref _perOperation.Value[operation.Index]);
            metrics.Forwarded(operation.Template, operation.Method);
            return;
        }

        // A method the manifest does not list for the route, or a path it does not list at all.
        var key = route is null ? method : method + " " + route.Template;
        Interlocked.Increment(ref _unlisted.GetOrAdd(key, static _ => new StrongBox<long>()).Value);
        metrics.Forwarded(route?.Template ?? MigrationMetrics.UnlistedRoute, method);
    }

    /// <summary>The count of each legacy operation, by <see cref="LegacyOperation.Index"/>.</summary>
    public long Count(LegacyOperation operation) => Interlocked.Read(ref _perOperation.Value[operation.Index]);

    /// <summary>The requests no manifest operation lists, by <c>METHOD</c> or <c>METHOD /template</c>.</summary>
    public IEnumerable<KeyValuePair<string, long>> Unlisted()
        => _unlisted.Select(static p => new KeyValuePair<string, long>(p.Key, Interlocked.Read(ref p.Value.Value)));
}
