namespace Galaxy.Api.Toolkit;

/// <summary>Base of the verb attributes that declare an operation on a router method.</summary>
/// <param name="method">The HTTP method.</param>
/// <param name="route">The route template, e.g. <c>/api/histories/{history_id}</c>.</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public abstract class HttpOperationAttribute(string method, string route) : Attribute
{
    /// <summary>The HTTP method of the operation.</summary>
    public string Method { get; } = method;

    /// <summary>The route template of the operation.</summary>
    public string Route { get; } = route;

    /// <summary>
    /// The OpenAPI <c>operationId</c>. Defaults to FastAPI's convention: the snake_case method name, then the route with
    /// every non-word character replaced by <c>_</c>, then the lowercase HTTP method
    /// (<c>show_api_histories__history_id__get</c>).
    /// </summary>
    public string? OperationId { get; set; }

    /// <summary>The operation's summary. Defaults to the method's XML documentation summary.</summary>
    public string? Summary { get; set; }

    /// <summary>
    /// The status code of a successful response. Default 200, as Galaxy answers every successful call (its clients treat
    /// 201 and 204 as failures).
    /// </summary>
    public int StatusCode { get; set; } = 200;

    /// <summary>A second route template for the same operation, answered alike and left out of the document.</summary>
    public string? Alias { get; set; }

    /// <summary>Whether the operation needs no user (<c>security: []</c> in the document). Default: the router's setting.</summary>
    public bool Public { get; set; }

    /// <summary>Whether only admins may call the operation (403 with code 403006 for others).</summary>
    public bool RequireAdmin { get; set; }
}

/// <summary>Declares a <c>GET</c> operation.</summary>
/// <param name="route">The route template.</param>
public sealed class GetAttribute(string route) : HttpOperationAttribute("GET", route);

/// <summary>Declares a <c>POST</c> operation.</summary>
/// <param name="route">The route template.</param>
public sealed class PostAttribute(string route) : HttpOperationAttribute("POST", route);

/// <summary>Declares a <c>PUT</c> operation.</summary>
/// <param name="route">The route template.</param>
public sealed class PutAttribute(string route) : HttpOperationAttribute("PUT", route);

/// <summary>Declares a <c>PATCH</c> operation.</summary>
/// <param name="route">The route template.</param>
public sealed class PatchAttribute(string route) : HttpOperationAttribute("PATCH", route);

/// <summary>Declares a <c>DELETE</c> operation.</summary>
/// <param name="route">The route template.</param>
public sealed class DeleteAttribute(string route) : HttpOperationAttribute("DELETE", route);
