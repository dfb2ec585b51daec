using System.Text.Json;

namespace Galaxy.Api.Contracts.Verification;

/// <summary>
/// Galaxy's own OpenAPI document, the one the contract types are generated from (embedded in this assembly): 346
/// operations and 388 component schemas, as Galaxy generates them from its FastAPI source.
/// </summary>
public static class GalaxyOpenApi
{
    private const string ResourceName = "Galaxy.Api.Contracts.galaxy-openapi.json";

    /// <summary>The document's UTF-8 JSON.</summary>
    /// <returns>A new stream over the embedded document.</returns>
    public static Stream OpenRead()
        => typeof(GalaxyOpenApi).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The resource {ResourceName} is missing from {typeof(GalaxyOpenApi).Assembly.GetName().Name}.");

    /// <summary>The document, parsed.</summary>
    /// <returns>A document the caller disposes.</returns>
    public static JsonDocument Load()
    {
        using var stream = OpenRead();
        return JsonDocument.Parse(stream);
    }
}
