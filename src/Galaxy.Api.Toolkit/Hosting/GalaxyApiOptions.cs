using System.Text.Json;

namespace Galaxy.Api.Toolkit;

/// <summary>Run-time options of the generated API, set with <c>services.AddGalaxyApi(options => ...)</c>.</summary>
public sealed class GalaxyApiOptions
{
    private readonly List<Action<JsonSerializerOptions>> _jsonConfigurations = [];

    /// <summary>
    /// The secret that encodes database ids (Galaxy's <c>id_secret</c>), 4 to 56 bytes of UTF-8. Defaults to Galaxy's
    /// sample secret, which is public: set your own outside development (a warning is logged while the default is used).
    /// </summary>
    public string IdSecret { get; set; } = Ids.GalaxyIdEncoder.DefaultSecret;

    /// <summary>Where the OpenAPI document is served. Default <c>/api/openapi.json</c>.</summary>
    public string DocumentPath { get; set; } = "/api/openapi.json";

    /// <summary>Whether the document is also served at <c>/openapi.json</c>, where FastAPI serves it. Default true.</summary>
    public bool ServeDocumentAtRoot { get; set; } = true;

    /// <summary>Where Swagger UI is served; null turns it off. Default <c>/api/docs</c>.</summary>
    public string? DocsPath { get; set; } = "/api/docs";

    /// <summary>Where ReDoc is served; null turns it off. Default <c>/api/redoc</c>.</summary>
    public string? RedocPath { get; set; } = "/api/redoc";

    /// <summary>
    /// Links shown in a bar above the docs pages (Swagger UI and ReDoc), e.g. the migration status page; hrefs starting
    /// with <c>/</c> are under the request's path base. Empty by default.
    /// </summary>
    public IList<GalaxyDocsLink> DocsLinks { get; } = [];

    /// <summary>
    /// What one request may cost: body size, JSON depth, collection and string lengths, time. Each has a safe default
    /// and is enforced before handler code runs (see the README's "Limits").
    /// </summary>
    public GalaxyApiLimits Limits { get; } = new();

    /// <summary>
    /// The largest request body (JSON or form) accepted, in bytes; larger bodies get 413. Default 4 MiB. The same value
    /// as <see cref="GalaxyApiLimits.MaxBodyBytes"/> of <see cref="Limits"/>.
    /// </summary>
    public long MaxJsonBodyBytes
    {
        get => Limits.MaxBodyBytes;
        set => Limits.MaxBodyBytes = value;
    }

    /// <summary>
    /// Whether <c>AddGalaxyApi</c> puts Galaxy's error contract at the start of the pipeline: a
    /// <see cref="GalaxyApiException"/> becomes its error body and any other exception a logged 500 with code 500001
    /// and no details. Default true.
    /// </summary>
    public bool UseErrorHandling { get; set; } = true;

    /// <summary>
    /// Adjusts the serializer options of the API (converters, number handling...). The naming policy is fixed at
    /// compile time by <see cref="GalaxyApiDocumentAttribute.JsonNaming"/> so that document and wire agree; changing it
    /// here is an error. Contracts for Native AOT come from
    /// <c>ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, MyContext.Default))</c>.
    /// </summary>
    /// <param name="configure">The adjustment.</param>
    public GalaxyApiOptions ConfigureJson(Action<JsonSerializerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _jsonConfigurations.Add(configure);
        return this;
    }

    internal IReadOnlyList<Action<JsonSerializerOptions>> JsonConfigurations => _jsonConfigurations;
}

/// <summary>A link in the bar above the docs pages.</summary>
/// <param name="Text">The link text.</param>
/// <param name="Href">Where it points; a path starting with <c>/</c> is under the request's path base.</param>
public sealed record GalaxyDocsLink(string Text, string Href);
