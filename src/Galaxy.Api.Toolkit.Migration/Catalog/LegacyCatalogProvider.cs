using System.Text;
using Galaxy.Api.Toolkit.Documents;
using Microsoft.Extensions.Options;

namespace Galaxy.Api.Toolkit.Migration.Catalog;

/// <summary>
/// Builds the <see cref="LegacyCatalog"/> once, on first use (after <c>MapGalaxyApi</c> has fixed the served document):
/// from the served document's legacy operations and the coverage of the merges (compile time and run time). A host
/// without a generated API takes its catalog from <see cref="GalaxyLegacyOptions.ManifestPath"/> alone.
/// </summary>
internal sealed class LegacyCatalogProvider
{
    private readonly Lazy<LegacyCatalog> _catalog;

    public LegacyCatalogProvider(CompileTimeDocument served, IOptions<GalaxyLegacyOptions> options)
        => _catalog = new(() => Build(served, options.Value), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The ported operations of a merge done at start-up, set by <see cref="LegacyDocumentTransform"/>.</summary>
    internal IReadOnlyList<PortedOperation>? RuntimePorted { get; set; }

    public LegacyCatalog Catalog => _catalog.Value;

    private LegacyCatalog Build(CompileTimeDocument served, GalaxyLegacyOptions options)
    {
        if (served.Definition is null)
        {
            if (options.ManifestPath is not { } path)
            {
                return LegacyCatalog.Empty;
            }

            var merged = LegacyManifestFile.Merge(path, LegacyManifestFile.EmptyDocument);
            return LegacyCatalog.FromDocument(Encoding.UTF8.GetBytes(merged.Document), []);
        }

        var ported = LegacyCatalog.ReadPorted(served.Definition.LegacyCoverage);
        if (RuntimePorted is { Count: > 0 } runtime)
        {
            ported = [.. ported, .. runtime];
        }

        return LegacyCatalog.FromDocument(served.Utf8, ported);
    }
}
