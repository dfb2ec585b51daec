using Microsoft.AspNetCore.Mvc;

namespace Galaxy.Api.Toolkit.Tests.Behaviour;

/// <summary>Encoded ids from the route, the query and headers, and ids written encoded.</summary>
[ApiRouter("ids", Public = true)]
public static class IdApi
{
    /// <summary>The decoded number of an encoded id.</summary>
    [Get("/behaviour/ids/{id}")]
    public static long Decode(GalaxyId id) => id.Value;

    /// <summary>The encoded id of a number.</summary>
    [Get("/behaviour/ids/encode/{number}")]
    public static GalaxyId Encode(long number) => new(number);

    /// <summary>Ids from the query: one required, one optional, a list.</summary>
    [Get("/behaviour/ids")]
    public static long[] Query(GalaxyId id, GalaxyId? parent_id, GalaxyId[]? more)
        => [id.Value, parent_id?.Value ?? -1, .. (more ?? []).Select(static m => m.Value)];

    /// <summary>An id from a header.</summary>
    [Get("/behaviour/ids/header")]
    public static long Header([FromHeader(Name = "x-id")] GalaxyId id) => id.Value;

    /// <summary>Two route ids.</summary>
    [Get("/behaviour/ids/{history_id}/contents/{content_id}")]
    public static long[] Two(GalaxyId history_id, GalaxyId content_id) => [history_id.Value, content_id.Value];
}
