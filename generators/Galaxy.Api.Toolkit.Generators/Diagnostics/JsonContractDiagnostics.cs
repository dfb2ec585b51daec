using System.Collections.Generic;
using System.Linq;
using Galaxy.Api.Toolkit.Generators.Model;

namespace Galaxy.Api.Toolkit.Generators.Diagnostics;

/// <summary>
/// GAT0020: under Native AOT or trimming, every type a handler reads or writes as JSON must come from a
/// <c>JsonSerializerContext</c>; one diagnostic per missing type, at the first operation that uses it.
/// </summary>
internal static class JsonContractDiagnostics
{
    public static IEnumerable<DiagnosticInfo> Find(ApiModel api, JsonCoverageModel coverage)
    {
        if (!coverage.IsOn)
        {
            yield break;
        }

        var covered = new HashSet<string>(coverage.Types, System.StringComparer.Ordinal);
        var reported = new HashSet<string>(System.StringComparer.Ordinal);
        var where = coverage.Contexts.Count == 0
            ? "the project has no JsonSerializerContext"
            : (coverage.Contexts.Count == 1 ? "its JsonSerializerContext " : "none of its JsonSerializerContexts ") + string.Join(", ", coverage.Contexts)
              + (coverage.Contexts.Count == 1 ? " does not list it" : " lists it");
        foreach (var router in api.Routers)
        {
            foreach (var (type, operation) in router.JsonContracts())
            {
                if (covered.Contains(type.FullyQualifiedName) || !reported.Add(type.FullyQualifiedName))
                {
                    continue;
                }

                var display = type.FullyQualifiedName.Replace("global::", string.Empty);
                yield return new DiagnosticInfo(
                    DiagnosticDescriptors.JsonContractMissing.Id,
                    operation.Location,
                    new[] { operation.MethodName, operation.HttpMethod + " " + operation.DocumentPath, display, where, display }.ToEquatableArray(),
                    IsError: false);
            }
        }
    }
}
