using Microsoft.AspNetCore.Mvc;

namespace Galaxy.Api.Toolkit.Tests.Behaviour;

/// <summary>A body with required, optional, nullable and list members.</summary>
/// <param name="DisplayName">Required, non-nullable.</param>
/// <param name="ItemCount">Optional, non-nullable.</param>
/// <param name="Size">Nullable.</param>
/// <param name="Visible">A boolean.</param>
/// <param name="Tags">A list.</param>
/// <param name="Shade">An enum.</param>
/// <param name="Note">A nullable string.</param>
public sealed record Draft(string DisplayName, int ItemCount = 1, int? Size = null, bool Visible = false, List<string>? Tags = null, Shade Shade = Shade.Light, string? Note = null);

/// <summary>A body with a required init-only member.</summary>
public sealed class Settings
{
    public required string Theme { get; init; }

    public double Ratio { get; init; } = 1.0;

    public IReadOnlyList<int> Levels { get; init; } = [];
}

/// <summary>A body holding encoded ids.</summary>
/// <param name="Id">Required.</param>
/// <param name="ParentId">Optional.</param>
/// <param name="MemberIds">A list of ids.</param>
public sealed record IdCarrier(GalaxyId Id, GalaxyId? ParentId = null, IReadOnlyList<GalaxyId>? MemberIds = null);

/// <summary>What an id body decoded to, with the ids themselves (written encoded).</summary>
public sealed record DecodedIds(long Id, long? ParentId, long[] MemberIds, IdCarrier Echo);

/// <summary>JSON and form bodies.</summary>
[ApiRouter("bodies", Public = true)]
public static class BodyApi
{
    /// <summary>A JSON body, echoed.</summary>
    [Post("/behaviour/bodies/json")]
    public static Draft Json(Draft draft) => draft;

    /// <summary>An explicit <c>[FromBody]</c> with a required init-only member, on PUT.</summary>
    [Put("/behaviour/bodies/settings")]
    public static Settings Put([FromBody] Settings settings) => settings;

    /// <summary>A JSON body on PATCH.</summary>
    [Patch("/behaviour/bodies/json/{id}")]
    public static string Patch(int id, Draft draft) => FormattableString.Invariant($"{id}:{draft.DisplayName}");

    /// <summary>A form body.</summary>
    [Post("/behaviour/bodies/form")]
    public static Draft Form([FromForm] Draft draft) => draft;

    /// <summary>A body as JSON or as a form.</summary>
    [Post("/behaviour/bodies/either")]
    public static Draft Either([FromJsonOrForm] Draft draft) => draft;

    /// <summary>Encoded ids in a JSON body.</summary>
    [Post("/behaviour/bodies/ids")]
    public static DecodedIds Ids(IdCarrier carrier)
        => new(carrier.Id.Value, carrier.ParentId?.Value, [.. (carrier.MemberIds ?? []).Select(static m => m.Value)], carrier);

    /// <summary>Encoded ids in a form body.</summary>
    [Post("/behaviour/bodies/form-ids")]
    public static DecodedIds FormIds([FromForm] IdCarrier carrier)
        => new(carrier.Id.Value, carrier.ParentId?.Value, [.. (carrier.MemberIds ?? []).Select(static m => m.Value)], carrier);

    /// <summary>A body with route and query values beside it.</summary>
    [Post("/behaviour/bodies/mixed/{id}")]
    public static string Mixed(int id, Draft draft, bool dry = false) => FormattableString.Invariant($"{id}:{draft.DisplayName}:{dry}");
}
