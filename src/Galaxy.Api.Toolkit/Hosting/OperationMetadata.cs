using System.ComponentModel;
using Galaxy.Api.Toolkit.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;

namespace Galaxy.Api.Toolkit.Hosting;

/// <summary>Who may call an operation.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public enum OperationAccess
{
    /// <summary>An authenticated Galaxy user (the default).</summary>
    User,

    /// <summary>Anyone.</summary>
    Public,

    /// <summary>An admin.</summary>
    Admin,
}

/// <summary>What generated code tells the runtime about one operation's endpoint.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class OperationDescriptor
{
    /// <summary>The operationId, also the endpoint name.</summary>
    public required string OperationId { get; init; }

    /// <summary>The tag.</summary>
    public required string Tag { get; init; }

    /// <summary>The summary.</summary>
    public string? Summary { get; init; }

    /// <summary>The description.</summary>
    public string? Description { get; init; }

    /// <summary>The body type, if any.</summary>
    public Type? RequestType { get; init; }

    /// <summary>Whether the body may be absent.</summary>
    public bool RequestIsOptional { get; init; }

    /// <summary>The content types the body may have.</summary>
    public string[] RequestContentTypes { get; init; } = [];

    /// <summary>The documented responses: status and body type (null for none).</summary>
    public (int Status, Type? Type)[] Responses { get; init; } = [];

    /// <summary>Who may call the operation.</summary>
    public OperationAccess Access { get; init; }

    /// <summary>Whether this endpoint is the operation's alias route (left out of descriptions).</summary>
    public bool IsAlias { get; init; }
}

/// <summary>
/// Describes generated endpoints with ASP.NET Core's standard metadata (name, tags, summary, produces,
/// authorization) so that routing, authorization, ApiExplorer and Microsoft.AspNetCore.OpenApi see the operations the
/// compile-time document describes (accepted content types are on the <see cref="OperationDescriptor"/>, see Apply).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class OperationMetadata
{
    private static readonly string[] Json = ["application/json"];

    /// <summary>The HTTP method lists of the verbs, shared by every endpoint.</summary>
    public static readonly string[] Get = [HttpMethods.Get];

    /// <inheritdoc cref="Get"/>
    public static readonly string[] Post = [HttpMethods.Post];

    /// <inheritdoc cref="Get"/>
    public static readonly string[] Put = [HttpMethods.Put];

    /// <inheritdoc cref="Get"/>
    public static readonly string[] Patch = [HttpMethods.Patch];

    /// <inheritdoc cref="Get"/>
    public static readonly string[] Delete = [HttpMethods.Delete];

    /// <summary>Adds the operation's metadata to its endpoint.</summary>
    /// <param name="builder">The endpoint.</param>
    /// <param name="operation">The operation.</param>
    public static IEndpointConventionBuilder Apply(IEndpointConventionBuilder builder, OperationDescriptor operation)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(operation);
        var name = operation.IsAlias ? operation.OperationId + "_alias" : operation.OperationId;
        builder.WithName(name);
        builder.WithDisplayName(name);
        builder.WithMetadata(new TagsAttribute(operation.Tag), operation);
        if (operation.Summary is not null)
        {
            builder.WithMetadata(new EndpointSummaryAttribute(operation.Summary));
        }

        if (operation.Description is not null)
        {
            builder.WithMetadata(new EndpointDescriptionAttribute(operation.Description));
        }

        // No IAcceptsMetadata: the generated handler checks the content type itself (415 in Galaxy's format). As endpoint
        // metadata it would make routing skip the operation for another content type, and a catch-all endpoint (the
        // legacy fallback) would then answer a request that belongs to a modern operation.

        foreach (var (status, type) in operation.Responses)
        {
            builder.WithMetadata(new ProducesResponseTypeMetadata(status, type, type is null ? [] : Json));
        }

        switch (operation.Access)
        {
            case OperationAccess.Public:
                builder.AllowAnonymous();
                break;
            case OperationAccess.Admin:
                builder.RequireAuthorization(GalaxyAuthenticationDefaults.AdminPolicy);
                break;
            default:
                builder.RequireAuthorization(GalaxyAuthenticationDefaults.UserPolicy);
                break;
        }

        if (operation.IsAlias)
        {
            builder.ExcludeFromDescription();
        }

        return builder;
    }
}
