using System.Collections.Generic;
using Galaxy.Api.Toolkit.Generators.Model;

namespace Galaxy.Api.Toolkit.Generators.Diagnostics;

/// <summary>The checks that need every router at once.</summary>
internal static class ApiDiagnostics
{
    public static IEnumerable<DiagnosticInfo> Find(ApiModel api)
    {
        var ids = new Dictionary<string, (RouterModel Router, OperationModel Operation)>(System.StringComparer.Ordinal);
        var first = new Dictionary<string, (RouterModel Router, OperationModel Operation)>(System.StringComparer.Ordinal);
        foreach (var router in api.Routers)
        {
            foreach (var operation in router.Operations)
            {
                var key = operation.HttpMethod + " " + operation.DocumentPath;
                if (first.TryGetValue(key, out var existing))
                {
                    yield return new DiagnosticInfo(
                        DiagnosticDescriptors.DuplicateOperation.Id,
                        operation.Location,
                        new[] { operation.HttpMethod, operation.DocumentPath, Name(existing.Router, existing.Operation), Name(router, operation) }.ToEquatableArray(),
                        IsError: true);
                }
                else
                {
                    first.Add(key, (router, operation));
                    if (ids.TryGetValue(operation.OperationId, out var same))
                    {
                        yield return new DiagnosticInfo(
                            DiagnosticDescriptors.DuplicateOperationId.Id,
                            operation.Location,
                            new[] { operation.OperationId, Name(router, operation), Name(same.Router, same.Operation) }.ToEquatableArray(),
                            IsError: true);
                    }
                    else
                    {
                        ids.Add(operation.OperationId, (router, operation));
                    }
                }
            }
        }
    }

    private static string Name(RouterModel router, OperationModel operation)
        => router.Type.FullyQualifiedName.Replace("global::", string.Empty) + "." + operation.MethodName;
}
