using Galaxy.Api.Toolkit.Documents;

namespace Galaxy.Api.Toolkit.Migration.Catalog;

/// <summary>
/// Builds the <see cref="LegacyCatalog"/> once, on first use (after <c>MapGalaxyApi</c> has fixed the served document):
/// from the served document's legacy operations and the coverage of the merge.
/// </summary>
internal sealed class LegacyCatalogProvider(CompileTimeDocument served)
{
    private readonly Lazy<LegacyCatalog> _catalog = new(() => Build(served), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The ported operations of a merge done at run time (a manifest read at start-up), set by the merge.</summary>
    internal IReadOnlyList<PortedOperation>? RuntimePorted { get; set; }

    public LegacyCatalog Catalog => _catalog.Value;

    private static LegacyCatalog Build(CompileTimeDocument served)
    {
        if (served.Definition is null)
        {
            return LegacyCatalog.Empty;
        }

        return LegacyCatalog.FromDocument(served.Utf8, LegacyCatalog.ReadPorted(served.Definition.LegacyCoverage));
    }
}
