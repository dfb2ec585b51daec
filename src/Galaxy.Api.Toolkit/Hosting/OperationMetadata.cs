using System.ComponentModel;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;

namespace Galaxy.Api.Toolkit.Hosting;

/// <summary>
/// Describes generated endpoints with ASP.NET Core's standard metadata (name, tags, summary, accepts, produces) so that
/// ApiExplorer and Microsoft.AspNetCore.OpenApi see the same operations as the compile-time document.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class OperationMetadata
{
    private const string Json = "application/json";

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
    /// <param name="operationId">The operationId, also the endpoint name.</param>
    /// <param name="tag">The tag.</param>
    /// <param name="summary">The summary.</param>
    /// <param name="description">The description.</param>
    /// <param name="requestType">The JSON body type, if any.</param>
    /// <param name="requestIsOptional">Whether the body may be absent.</param>
    /// <param name="responseType">The JSON response type, if any.</param>
    public static IEndpointConventionBuilder Apply(IEndpointConventionBuilder builder, string operationId, string tag, string? summary, string? description, Type? requestType, bool requestIsOptional, Type? responseType)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.WithName(operationId);
        builder.WithDisplayName(operationId);
        builder.WithMetadata(new TagsAttribute(tag));
        if (summary is not null)
        {
            builder.WithMetadata(new EndpointSummaryAttribute(summary));
        }

        if (description is not null)
        {
            builder.WithMetadata(new EndpointDescriptionAttribute(description));
        }

        if (requestType is not null)
        {
            builder.WithMetadata(new AcceptsMetadata([Json], requestType, requestIsOptional));
        }

        builder.WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, responseType, [Json]));
        return builder;
    }
}
