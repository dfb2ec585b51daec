using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Galaxy.Api.Contracts;
using Galaxy.Api.Toolkit;
using Galaxy.Data;

namespace Galaxy.Modern.Histories;

/// <summary>Database rows as Galaxy's contract types, with the URLs Galaxy writes (under the request's path base).</summary>
internal static class HistoryMapping
{
    /// <summary>A history in the detailed view; <paramref name="state"/> is null when the selected keys do not need it.</summary>
    public static HistoryDetailed ToDetailed(HistoryRow history, HistoryContentsState? state, GalaxyIdEncoder ids, string pathBase)
    {
        var id = ids.Encode(history.Id);
        return new HistoryDetailed
        {
            Id = new GalaxyId(history.Id),
            Name = history.Name,
            Deleted = history.Deleted,
            Purged = history.Purged,
            Archived = history.Archived,
            Count = history.Count,
            Url = $"{pathBase}/api/histories/{id}",
            Published = history.Published,
            Annotation = history.Annotation,
            Tags = Tags(history.Tags),
            UpdateTime = history.UpdateTime,
            ContentsUrl = $"{pathBase}/api/histories/{id}/contents",
            CreateTime = history.CreateTime,
            Size = history.Size,
            UserId = history.UserId is { } user ? new GalaxyId(user) : null,
            Importable = history.Importable,
            Slug = history.Slug,
            Username = history.Username,
            GenomeBuild = history.GenomeBuild,
            PreferredObjectStoreId = history.PreferredObjectStoreId,
            State = state is null ? DatasetState.New : State(state.State),
            StateDetails = state?.States.ToDictionary(static s => s.State, static s => (long)s.DatasetIds.Count) ?? [],
            StateIds = state?.States.ToDictionary(static s => s.State, static s => s.DatasetIds.Select(static d => new GalaxyId(d)).ToList()) ?? [],
            // Keys Galaxy's serializer writes in the detailed view that its schema leaves to additionalProperties.
            AdditionalProperties = new()
            {
                ["empty"] = JsonSerializer.SerializeToElement(history.Count == 0, Galaxy.Modern.Users.ModernJson.Default.Boolean),
                ["hid_counter"] = JsonSerializer.SerializeToElement(history.HidCounter, Galaxy.Modern.Users.ModernJson.Default.Int64),
            },
        };
    }

    /// <summary>
    /// A history in the list: the summary members, and the other selected keys (<c>view=detailed</c>, <c>keys=</c>) as
    /// additional properties, which Galaxy's <c>HistorySummary</c> allows.
    /// </summary>
    public static HistorySummary ToSummary(HistoryDetailed detailed, IReadOnlySet<string> keys, JsonTypeInfo<HistoryDetailed> detailedJson)
    {
        Dictionary<string, JsonElement>? extra = null;
        if (keys.Any(static key => !SummaryMembers.Contains(key)))
        {
            foreach (var member in JsonSerializer.SerializeToElement(detailed, detailedJson).EnumerateObject())
            {
                if (keys.Contains(member.Name) && !SummaryMembers.Contains(member.Name))
                {
                    (extra ??= new(StringComparer.Ordinal))[member.Name] = member.Value.Clone();
                }
            }
        }

        return new HistorySummary
        {
            Id = detailed.Id,
            Name = detailed.Name,
            Deleted = detailed.Deleted,
            Purged = detailed.Purged,
            Archived = detailed.Archived,
            Count = detailed.Count,
            Url = detailed.Url,
            Published = detailed.Published,
            Annotation = detailed.Annotation,
            Tags = detailed.Tags,
            UpdateTime = detailed.UpdateTime,
            PreferredObjectStoreId = detailed.PreferredObjectStoreId,
            AdditionalProperties = extra,
        };
    }

    /// <summary>The members <see cref="HistorySummary"/> declares.</summary>
    private static readonly HashSet<string> SummaryMembers = new(StringComparer.Ordinal)
    {
        "id", "model_class", "name", "deleted", "purged", "archived", "count", "url", "published", "annotation", "tags", "update_time", "preferred_object_store_id",
    };

    /// <summary>Whether the selected keys need the history's contents state (one more query per history).</summary>
    public static bool NeedsState(IReadOnlySet<string> keys) => keys.Contains("state") || keys.Contains("state_details") || keys.Contains("state_ids");

    public static TagCollection Tags(IEnumerable<string> tags)
    {
        var collection = new TagCollection();
        collection.AddRange(tags);
        return collection;
    }

    /// <summary>A dataset state as stored (<c>setting_metadata</c>) as the contract's enum.</summary>
    public static DatasetState State(string state)
        => Enum.TryParse<DatasetState>(state.Replace("_", string.Empty, StringComparison.Ordinal), ignoreCase: true, out var parsed)
            ? parsed
            : throw new InvalidOperationException($"The database holds an unknown dataset state '{state}'.");
}

/// <summary>
/// The detailed view of a history as the API writes it (snake_case names, ids encoded with the host's secret), made once
/// (a singleton: the router itself is created per request).
/// </summary>
/// <param name="ids">Galaxy's id encoding.</param>
public sealed class DetailedHistoryJson(GalaxyIdEncoder ids)
{
    /// <summary>The contract.</summary>
    public JsonTypeInfo<HistoryDetailed> TypeInfo { get; } = Galaxy.Modern.Users.ModernJson.For(ids).HistoryDetailed;
}
