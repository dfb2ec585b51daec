namespace Galaxy.Api.Toolkit;

/// <summary>
/// Marks a class whose methods carry verb attributes (<see cref="GetAttribute"/>, <see cref="PostAttribute"/>, ...)
/// as a router. The source generator turns each such method into a request handler and an OpenAPI operation.
/// </summary>
/// <remarks>
/// The class is created per request through dependency injection (constructor injection), so scoped services work.
/// It must be public, non-abstract and non-generic.
/// </remarks>
/// <param name="tag">The OpenAPI tag of every operation of the router, e.g. <c>histories</c>.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ApiRouterAttribute(string tag) : Attribute
{
    /// <summary>The OpenAPI tag of every operation of the router.</summary>
    public string Tag { get; } = tag;

    /// <summary>The description of the tag in the OpenAPI document.</summary>
    public string? Description { get; set; }

    /// <summary>Whether every operation of the router needs no user. Default false: operations need a user, as in Galaxy.</summary>
    public bool Public { get; set; }
}
