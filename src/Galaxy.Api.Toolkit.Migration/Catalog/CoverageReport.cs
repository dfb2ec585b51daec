namespace Galaxy.Api.Toolkit.Migration.Catalog;

/// <summary>One line of a coverage report: a legacy operation (or unlisted route) and its forwarded requests.</summary>
/// <param name="Method">The HTTP method (null for an unlisted route, whose <paramref name="Path"/> says it all).</param>
/// <param name="Path">The legacy path template, or the unlisted route.</param>
/// <param name="OperationId">The operationId, if any.</param>
/// <param name="Requests">The requests the legacy side served.</param>
internal sealed record CoverageLine(string? Method, string Path, string? OperationId, long Requests);

/// <summary>
/// How far a port has come, at one moment: ported and legacy counts, the legacy traffic and its busiest routes. The
/// JSON endpoint and the status page both render it.
/// </summary>
internal sealed record CoverageReport(
    int Ported,
    int StillLegacy,
    DateTimeOffset CountingSince,
    long ForwardedRequests,
    int LegacyOperationsUsed,
    IReadOnlyList<CoverageLine> Busiest,
    IReadOnlyList<CoverageLine> Unlisted,
    IReadOnlyList<PortedOperation> PortedOperations)
{
    public int LegacyOperations => Ported + StillLegacy;

    public double PercentPorted => LegacyOperations == 0 ? 100.0 : Math.Round(100.0 * Ported / LegacyOperations, 1);

    /// <summary>Takes the report from the catalog and the counters; at most <paramref name="top"/> busiest and unlisted routes.</summary>
    public static CoverageReport Create(LegacyCatalog catalog, LegacyTraffic traffic, int top)
    {
        var counts = catalog.Operations.Select(o => (Operation: o, Requests: traffic.Count(o))).ToList();
        var unlisted = traffic.Unlisted().Where(static u => u.Value > 0).ToList();
        return new CoverageReport(
            catalog.Ported.Count,
            catalog.Operations.Count,
            traffic.Since,
            counts.Sum(static c => c.Requests) + unlisted.Sum(static u => u.Value),
            counts.Count(static c => c.Requests > 0),
            [.. counts.Where(static c => c.Requests > 0).OrderByDescending(static c => c.Requests).ThenBy(static c => c.Operation.Index).Take(top)
                .Select(static c => new CoverageLine(c.Operation.Method, c.Operation.Template, c.Operation.OperationId, c.Requests))],
            [.. unlisted.OrderByDescending(static u => u.Value).ThenBy(static u => u.Key, StringComparer.Ordinal).Take(top)
                .Select(static u => new CoverageLine(null, u.Key, null, u.Value))],
            catalog.Ported);
    }
}
