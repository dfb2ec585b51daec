using System.Collections.Generic;
using System.Linq;
using Galaxy.Api.Toolkit.Generators.Legacy;
using Galaxy.Api.Toolkit.Generators.Model;

namespace Galaxy.Api.Toolkit.Generators.Diagnostics;

/// <summary>What merging a legacy manifest tells the developer: a modern route that replaces a legacy one with other parameters (GAT0018).</summary>
internal static class LegacyDiagnostics
{
    public static IEnumerable<DiagnosticInfo> Find(LegacyMergeResult merge, ApiModel api)
    {
        var locations = api.Routers.SelectMany(static r => r.Operations)
            .GroupBy(static o => o.OperationId)
            .ToDictionary(static g => g.Key, static g => g.First().Location, System.StringComparer.Ordinal);
        foreach (var mismatch in merge.Mismatches)
        {
            var parts = new List<string>();
            if (mismatch.Missing.Count > 0)
            {
                parts.Add("the legacy route also takes " + string.Join(", ", mismatch.Missing.Select(Describe)));
            }

            if (mismatch.Added.Count > 0)
            {
                parts.Add("the modern route adds " + string.Join(", ", mismatch.Added.Select(Describe)));
            }

            yield return new DiagnosticInfo(
                DiagnosticDescriptors.LegacyParametersDiffer.Id,
                locations.TryGetValue(mismatch.OperationId, out var location) ? location : null,
                new[] { mismatch.Method, mismatch.Path, mismatch.OperationId, mismatch.LegacyPath, string.Join("; ", parts) }.ToEquatableArray(),
                IsError: false);
        }
    }

    // "query:keys" reads as "query parameter 'keys'".
    private static string Describe(string parameter)
    {
        var colon = parameter.IndexOf(':');
        return colon < 0 ? parameter : $"{parameter.Substring(0, colon)} parameter '{parameter.Substring(colon + 1)}'";
    }
}
