using System.ComponentModel;
using System.Text.Json;

namespace Galaxy.Api.Toolkit.Hosting;

/// <summary>What the source generator knows of an assembly's API at compile time; created by generated code.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class GalaxyApiDefinition
{
    /// <summary>Creates the definition.</summary>
    /// <param name="title">The document title.</param>
    /// <param name="jsonNaming">The naming policy of schemas and serializer.</param>
    /// <param name="document">The OpenAPI document as UTF-8 JSON.</param>
    /// <param name="documentETag">The strong ETag of <paramref name="document"/>, quotes included.</param>
    /// <param name="configureJson">Adds what the API's types need to the serializer options (enum converters).</param>
    /// <param name="operationsNeedingUser">How many operations need an authenticated user (not public).</param>
    /// <param name="problemDetails">Whether errors are written as RFC 9457 problem details.</param>
    public GalaxyApiDefinition(string title, ApiJsonNaming jsonNaming, byte[] document, string documentETag, Action<JsonSerializerOptions>? configureJson, int operationsNeedingUser, bool problemDetails)
    {
        ProblemDetails = problemDetails;
        OperationsNeedingUser = operationsNeedingUser;
        Title = title;
        JsonNaming = jsonNaming;
        Document = document;
        DocumentETag = documentETag;
        ConfigureJson = configureJson;
    }

    /// <summary>The document title.</summary>
    public string Title { get; }

    /// <summary>The naming policy of schemas and serializer.</summary>
    public ApiJsonNaming JsonNaming { get; }

    /// <summary>The OpenAPI document as UTF-8 JSON, byte-identical to the build-time file.</summary>
    public ReadOnlyMemory<byte> Document { get; }

    /// <summary>The strong ETag of <see cref="Document"/>, quotes included.</summary>
    public string DocumentETag { get; }

    /// <summary>Whether errors are written as RFC 9457 problem details.</summary>
    public bool ProblemDetails { get; }

    /// <summary>How many operations need an authenticated user.</summary>
    public int OperationsNeedingUser { get; }

    /// <summary>Adds what the API's types need to the serializer options.</summary>
    public Action<JsonSerializerOptions>? ConfigureJson { get; }

    /// <summary>
    /// When a legacy manifest was merged at compile time: which of its operations the modern API ports, as JSON
    /// (<c>{"legacy_operations": n, "ported": [{"method", "path", "operation_id"}]}</c>); else null.
    /// </summary>
    public string? LegacyCoverage { get; init; }

    /// <summary>The <see cref="JsonNamingPolicy"/> of <see cref="JsonNaming"/>.</summary>
    public JsonNamingPolicy? NamingPolicy => JsonNaming switch
    {
        ApiJsonNaming.SnakeCaseLower => JsonNamingPolicy.SnakeCaseLower,
        ApiJsonNaming.SnakeCaseUpper => JsonNamingPolicy.SnakeCaseUpper,
        ApiJsonNaming.CamelCase => JsonNamingPolicy.CamelCase,
        ApiJsonNaming.KebabCaseLower => JsonNamingPolicy.KebabCaseLower,
        ApiJsonNaming.KebabCaseUpper => JsonNamingPolicy.KebabCaseUpper,
        _ => null,
    };
}
