namespace Galaxy.Api.Toolkit.Hosting;

/// <summary>
/// Changes the served OpenAPI document once, when <c>MapGalaxyApi</c> runs (the migration package merges legacy routes
/// in this way). Register implementations as singletons; they run in registration order, each on the previous one's
/// output. The build-time <c>openapi.json</c> is the compile-time document and is not affected.
/// </summary>
public interface IGalaxyApiDocumentTransform
{
    /// <summary>Returns the document to serve: <paramref name="document"/> itself when there is nothing to change.</summary>
    /// <param name="document">The document so far, UTF-8 JSON.</param>
    /// <param name="definition">The compile-time definition of the API.</param>
    ReadOnlyMemory<byte> Transform(ReadOnlyMemory<byte> document, GalaxyApiDefinition definition);
}
