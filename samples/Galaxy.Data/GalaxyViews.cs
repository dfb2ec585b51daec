using System.Globalization;

namespace Galaxy.Data;

/// <summary>
/// Galaxy's serializer views: which keys a history or dataset has in its <c>summary</c> and <c>detailed</c> views (the
/// facts of GALAXY-API.md), and how sizes are written. Both hosts answer with these, whichever side serves the call.
/// </summary>
public static class GalaxyViews
{
    /// <summary>The keys of a history in the <c>summary</c> view (the list's default).</summary>
    public static readonly IReadOnlyList<string> HistorySummary =
        ["id", "model_class", "name", "deleted", "purged", "archived", "count", "url", "published", "annotation", "tags", "update_time"];

    /// <summary>The keys of a history in the <c>detailed</c> view (the default of show, create, update and delete).</summary>
    public static readonly IReadOnlyList<string> HistoryDetailed =
    [
        .. HistorySummary,
        "contents_url", "create_time", "empty", "size", "user_id", "importable", "slug", "username", "genome_build", "state", "state_details", "state_ids", "hid_counter",
    ];

    /// <summary>The history views by name.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Histories =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal) { ["summary"] = HistorySummary, ["detailed"] = HistoryDetailed };

    /// <summary>The keys of a dataset in the <c>summary</c> view (history contents).</summary>
    public static readonly IReadOnlyList<string> DatasetSummary =
    [
        "id", "name", "history_id", "hid", "history_content_type", "deleted", "visible", "type", "type_id", "create_time", "update_time", "url", "tags",
        "dataset_id", "state", "extension", "purged",
    ];

    /// <summary>The keys of a dataset in the <c>detailed</c> view (show).</summary>
    public static readonly IReadOnlyList<string> DatasetDetailed =
    [
        "model_class", "id", "name", "history_id", "hid", "history_content_type", "dataset_id", "type", "type_id", "state", "extension", "file_ext",
        "file_size", "deleted", "purged", "visible", "genome_build", "misc_info", "misc_blurb", "peek", "annotation", "tags", "create_time", "update_time",
        "uuid", "url", "download_url", "hda_ldda",
    ];

    /// <summary>The dataset views by name.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Datasets =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal) { ["summary"] = DatasetSummary, ["detailed"] = DatasetDetailed };

    /// <summary>The keys of a user (Galaxy's detailed user model, the keys its clients read).</summary>
    public static readonly IReadOnlyList<string> User =
        ["id", "username", "email", "deleted", "purged", "is_admin", "total_disk_usage", "nice_total_disk_usage", "quota_percent", "preferences", "tags_used"];

    /// <summary>Galaxy's <c>nice_size</c>: whole bytes, else one decimal in KB, MB, GB...</summary>
    /// <param name="bytes">The size.</param>
    public static string NiceSize(long bytes)
    {
        string[] units = ["bytes", "KB", "MB", "GB", "TB", "PB", "EB"];
        var size = (double)Math.Abs(bytes);
        var sign = bytes < 0 ? "-" : string.Empty;
        for (var i = 0; i < units.Length; i++)
        {
            if (Math.Pow(1024, i + 1) > size)
            {
                var scaled = size / Math.Pow(1024, i);
                return i == 0
                    ? sign + ((long)scaled).ToString(CultureInfo.InvariantCulture) + " bytes"
                    : sign + scaled.ToString("0.0", CultureInfo.InvariantCulture) + " " + units[i];
            }
        }

        return "??? bytes";
    }
}
