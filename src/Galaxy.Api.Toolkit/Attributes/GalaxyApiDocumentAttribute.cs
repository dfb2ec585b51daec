namespace Galaxy.Api.Toolkit;

/// <summary>
/// Compile-time settings of the generated API of an assembly: the document's <c>info</c> and the JSON naming policy
/// shared by the OpenAPI schemas and the serializer.
/// </summary>
/// <example><code>[assembly: GalaxyApiDocument(Title = "Galaxy API", Version = "23.1")]</code></example>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false, Inherited = false)]
public sealed class GalaxyApiDocumentAttribute : Attribute
{
    /// <summary>The document title. Defaults to the assembly name.</summary>
    public string? Title { get; set; }

    /// <summary>The API version written to <c>info.version</c>. Defaults to <c>1.0.0</c>.</summary>
    public string? Version { get; set; }

    /// <summary>The document description (<c>info.description</c>).</summary>
    public string? Description { get; set; }

    /// <summary>The API's license name (<c>info.license.name</c>), e.g. <c>MIT</c>.</summary>
    public string? License { get; set; }

    /// <summary>The URL of the license text (<c>info.license.url</c>).</summary>
    public string? LicenseUrl { get; set; }

    /// <summary>Who to contact about the API (<c>info.contact.name</c>).</summary>
    public string? ContactName { get; set; }

    /// <summary>The contact's e-mail address (<c>info.contact.email</c>).</summary>
    public string? ContactEmail { get; set; }

    /// <summary>The contact's URL (<c>info.contact.url</c>).</summary>
    public string? ContactUrl { get; set; }

    /// <summary>
    /// How CLR property and enum member names become JSON names, in the document and on the wire.
    /// Defaults to <see cref="ApiJsonNaming.SnakeCaseLower"/>, as Galaxy's API uses.
    /// </summary>
    public ApiJsonNaming JsonNaming { get; set; } = ApiJsonNaming.SnakeCaseLower;

    /// <summary>
    /// Whether errors are RFC 9457 problem details (<c>application/problem+json</c> with <c>type</c>, <c>title</c>,
    /// <c>status</c>, <c>detail</c>, plus Galaxy's <c>err_code</c> and <c>validation_errors</c>) instead of Galaxy's
    /// <c>{"err_msg", "err_code"}</c>. Set at compile time so that the document describes the errors the server sends.
    /// Default false.
    /// </summary>
    public bool ProblemDetails { get; set; }
}

/// <summary>The naming policies a generated API can use; each matches the <see cref="System.Text.Json.JsonNamingPolicy"/> of the same name.</summary>
public enum ApiJsonNaming
{
    /// <summary><c>HistoryId</c> becomes <c>history_id</c>.</summary>
    SnakeCaseLower = 0,

    /// <summary><c>HistoryId</c> becomes <c>historyId</c>.</summary>
    CamelCase = 1,

    /// <summary>Names are used as declared.</summary>
    None = 2,

    /// <summary><c>HistoryId</c> becomes <c>HISTORY_ID</c>.</summary>
    SnakeCaseUpper = 3,

    /// <summary><c>HistoryId</c> becomes <c>history-id</c>.</summary>
    KebabCaseLower = 4,

    /// <summary><c>HistoryId</c> becomes <c>HISTORY-ID</c>.</summary>
    KebabCaseUpper = 5,
}
