using System.Collections.Concurrent;
using System.Text.Json;
using Galaxy.Api.Contracts;
using Galaxy.Api.Toolkit;
using Galaxy.Api.Toolkit.Ids;
using Microsoft.AspNetCore.Mvc;

[assembly: GalaxyApiDocument(Title = "Galaxy API", Version = "23.1", Description = "A gateway in front of Galaxy: a few operations ported, the rest forwarded.")]

namespace Galaxy.Api.Gateway.Tests;

/// <summary>
/// Galaxy's <c>GET /api/version</c>, ported: the operationId and the untyped object Galaxy declares (its document gives the
/// version no schema of its own, so the answer is a map of JSON values).
/// </summary>
[ApiRouter("configuration", Description = "Galaxy's version and configuration.", Public = true)]
public static class ConfigurationApi
{
    /// <summary>What the modern side answers for <c>version_major</c>, so that tests can tell the sides apart.</summary>
    public const string ModernVersion = "23.1-gateway";

    /// <summary>Return Galaxy version information: major/minor version, optional extra info</summary>
    [Get("/api/version", OperationId = "version_api_version_get")]
    public static IReadOnlyDictionary<string, JsonElement> Version() => new Dictionary<string, JsonElement>
    {
        ["version_major"] = JsonSerializer.SerializeToElement(ModernVersion, GatewayJson.Default.String),
        ["version_minor"] = JsonSerializer.SerializeToElement("0", GatewayJson.Default.String),
    };
}

/// <summary>
/// Galaxy's <c>GET /api/histories/{history_id}</c>, ported with the contract types: Galaxy's operationId and parameters
/// (<c>view</c>, <c>keys</c>, the <c>run-as</c> header), so it replaces the legacy operation of Galaxy's document. Every
/// other histories operation stays with the legacy side.
/// </summary>
/// <param name="histories">The histories the modern side knows.</param>
[ApiRouter("histories", Description = "Operations on histories.")]
public sealed class HistoriesApi(ModernHistories histories)
{
    /// <summary>Returns the history with the given ID.</summary>
    /// <param name="user">The caller.</param>
    /// <param name="history_id">The encoded database identifier of the History.</param>
    /// <param name="view">View to be passed to the serializer</param>
    /// <param name="keys">Comma-separated list of keys to be passed to the serializer</param>
    /// <param name="run_as">The user ID that will be used to effectively make this API call. Only admins and designated users can make API calls on behalf of other users.</param>
    [Get("/api/histories/{history_id}", OperationId = "history_api_histories__history_id__get")]
    public HistoryDetailed Show(GalaxyUser user, GalaxyId history_id, string? view = null, string? keys = null, [FromHeader(Name = "run-as")] GalaxyId? run_as = null)
    {
        if (view is not null and not "detailed" || keys is not null || run_as is not null)
        {
            throw new RequestParameterInvalidException("This port answers the detailed view of the caller's own histories only.");
        }

        return histories.Find(history_id.Value, user) ?? throw new ObjectNotFoundException("History not found.");
    }
}

/// <summary>The histories of the modern side (in memory): what the ported show answers.</summary>
/// <param name="ids">Galaxy's id encoding (for the URLs in the answers).</param>
public sealed class ModernHistories(GalaxyIdEncoder ids)
{
    private readonly ConcurrentDictionary<long, (long Owner, string Name)> _histories = new();

    /// <summary>Adds a history of <paramref name="owner"/>.</summary>
    public void Add(long id, long owner, string name) => _histories[id] = (owner, name);

    /// <summary>The history as Galaxy's detailed view, or null when it is unknown or not the caller's.</summary>
    public HistoryDetailed? Find(long id, GalaxyUser user)
    {
        if (!_histories.TryGetValue(id, out var history) || (history.Owner != user.Id.Value && !user.IsAdmin))
        {
            return null;
        }

        var created = new DateTime(2026, 11, 25, 9, 0, 0, DateTimeKind.Utc);
        var encoded = ids.Encode(id);
        return new HistoryDetailed
        {
            Id = new GalaxyId(id),
            Name = history.Name,
            Annotation = null,
            Archived = false,
            Deleted = false,
            Purged = false,
            Published = false,
            Importable = false,
            Count = 0,
            Size = 0,
            State = DatasetState.New,
            StateDetails = [],
            StateIds = [],
            Tags = [],
            CreateTime = created,
            UpdateTime = created,
            Url = $"/api/histories/{encoded}",
            ContentsUrl = $"/api/histories/{encoded}/contents",
            UserId = new GalaxyId(history.Owner),
        };
    }
}

/// <summary>JSON type information for the values the ports write.</summary>
[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class GatewayJson : System.Text.Json.Serialization.JsonSerializerContext;
