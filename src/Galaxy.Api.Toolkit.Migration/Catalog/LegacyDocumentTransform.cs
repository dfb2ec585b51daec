using System.Text;
using Galaxy.Api.Toolkit.Generators.Json;
using Galaxy.Api.Toolkit.Generators.Legacy;
using Galaxy.Api.Toolkit.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Galaxy.Api.Toolkit.Migration.Catalog;

/// <summary>
/// Merges the manifest named by <see cref="GalaxyLegacyOptions.ManifestPath"/> into the served document when
/// <c>MapGalaxyApi</c> runs, with the same merge the generator applies to a compile-time manifest.
/// </summary>
internal sealed partial class LegacyDocumentTransform(IOptions<GalaxyLegacyOptions> options, LegacyCatalogProvider catalog, ILogger<LegacyDocumentTransform> logger)
    : IGalaxyApiDocumentTransform
{
    public ReadOnlyMemory<byte> Transform(ReadOnlyMemory<byte> document, GalaxyApiDefinition definition)
    {
        if (options.Value.ManifestPath is not { } path)
        {
            return document;
        }

        var result = LegacyManifestFile.Merge(path, Encoding.UTF8.GetString(document.Span));
        catalog.RuntimePorted = [.. result.Ported.Select(static p => new PortedOperation(p.Method, p.Path, p.OperationId))];
        LogMerged(logger, path, result.Summary());
        return Encoding.UTF8.GetBytes(result.Document);
    }

    [LoggerMessage(EventId = MigrationLogEvents.ManifestLoaded, Level = LogLevel.Information, Message = "Legacy manifest {Path} merged into the document: {Summary}.")]
    private static partial void LogMerged(ILogger logger, string path, string summary);
}

/// <summary>Reads a manifest file named at start-up and merges it, failing start-up with a clear message when it cannot.</summary>
internal static class LegacyManifestFile
{
    /// <summary>A document with no operations, for hosts without a generated API.</summary>
    public const string EmptyDocument = "{\"openapi\": \"3.1.0\", \"info\": {\"title\": \"Legacy API\", \"version\": \"1\"}, \"paths\": {}}";

    public static LegacyMergeResult Merge(string path, string document)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"GalaxyLegacyOptions.ManifestPath: cannot read the legacy manifest '{path}': {exception.Message}", exception);
        }

        var manifest = LegacyManifestModel.Parse(path, text);
        if (manifest.Error is not null)
        {
            throw new InvalidOperationException($"GalaxyLegacyOptions.ManifestPath: the legacy manifest '{path}' cannot be read: {manifest.Error}.");
        }

        return LegacyMerge.Merge(JsonValue.Parse(document), manifest);
    }
}
