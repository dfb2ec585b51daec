using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace Galaxy.Api.Toolkit.Tests.Behaviour;

/// <summary>A keyed service of the behaviour hosts.</summary>
public interface IPaint
{
    string Colour { get; }
}

/// <inheritdoc/>
public sealed class Paint(string colour) : IPaint
{
    public string Colour { get; } = colour;
}

/// <summary>An unregistered service.</summary>
public interface INowhere
{
    string Name { get; }
}

/// <summary>What the service operation saw.</summary>
public sealed record ServiceValues(int FromConstructor, int FromAttribute, int Inferred, bool SameInstance, string? Red, string? Blue, string? Missing);

/// <summary>What the context operation saw.</summary>
public sealed record ContextValues(string Path, string Method, string? Probe, bool SameRequest, bool Authenticated, string? UserName, bool CanBeCanceled);

/// <summary>
/// Services by constructor injection, <c>[FromServices]</c>, inference from an interface type and
/// <c>[FromKeyedServices]</c>. Services other than <see cref="ICounter"/> are optional here: the test assembly's API is
/// also mapped by hosts that do not register them.
/// </summary>
[ApiRouter("services", Public = true)]
public sealed class ServiceApi(ICounter counter)
{
    [Get("/behaviour/services")]
    public ServiceValues Services(
        [FromServices] ICounter fromAttribute,
        ICounter inferred,
        [FromKeyedServices("red")] IPaint? red,
        [FromKeyedServices("blue")] IPaint? blue,
        [FromServices] INowhere? missing)
        => new(counter.Next(), fromAttribute.Next(), inferred.Next(), ReferenceEquals(fromAttribute, inferred), red?.Colour, blue?.Colour, missing?.Name);

    [Post("/behaviour/services/context/{id}")]
    public static ContextValues Context(HttpContext context, HttpRequest request, HttpResponse response, ClaimsPrincipal principal, CancellationToken cancellationToken, int id)
    {
        response.Headers["x-answer"] = "42";
        return new ContextValues(
            request.Path.Value!,
            request.Method,
            request.Headers["x-probe"].ToString(),
            ReferenceEquals(context.Request, request) && ReferenceEquals(context.Response, response) && ReferenceEquals(context.User, principal) && id > 0,
            principal.Identity?.IsAuthenticated == true,
            principal.Identity?.Name,
            cancellationToken.CanBeCanceled && cancellationToken == context.RequestAborted);
    }
}
