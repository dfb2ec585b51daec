using System.Globalization;
using System.Text.Json;
using Galaxy.Data;
using Galaxy.Legacy.Infrastructure;

namespace Galaxy.Legacy.Api;

/// <summary>How a history is written: Galaxy's <c>summary</c> and <c>detailed</c> views.</summary>
internal static class HistoryShape
{
    public static IReadOnlyList<string> Detailed => GalaxyViews.HistoryDetailed;

    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Views => GalaxyViews.Histories;

    public static bool NeedsState(FieldSelection selection) => selection.IncludesAny("state", "state_details", "state_ids");

    public static void Write(Utf8JsonWriter writer, HistoryRow history, HistoryContentsState? state, FieldSelection fields, LegacyIds ids, PathString pathBase)
    {
        var id = ids.Encode(history.Id);
        writer.WriteStartObject();
        foreach (var key in Detailed)
        {
            if (!fields.Includes(key))
            {
                continue;
            }

            switch (key)
            {
                case "id": writer.WriteString(key, id); break;
                case "model_class": writer.WriteString(key, "History"); break;
                case "name": writer.WriteString(key, history.Name); break;
                case "deleted": writer.WriteBoolean(key, history.Deleted); break;
                case "purged": writer.WriteBoolean(key, history.Purged); break;
                case "archived": writer.WriteBoolean(key, history.Archived); break;
                case "count": writer.WriteNumber(key, history.Count); break;
                case "url": writer.WriteString(key, $"{pathBase}/api/histories/{id}"); break;
                case "published": writer.WriteBoolean(key, history.Published); break;
                case "annotation": writer.WriteNullableString(key, history.Annotation); break;
                case "tags": writer.WriteStringArray(key, history.Tags); break;
                case "update_time": writer.WriteString(key, GalaxyTime.ToText(history.UpdateTime)); break;
                case "contents_url": writer.WriteString(key, $"{pathBase}/api/histories/{id}/contents"); break;
                case "create_time": writer.WriteString(key, GalaxyTime.ToText(history.CreateTime)); break;
                case "empty": writer.WriteBoolean(key, history.Count == 0); break;
                case "size": writer.WriteNumber(key, history.Size); break;
                case "user_id": writer.WriteNullableString(key, history.UserId is { } user ? ids.Encode(user) : null); break;
                case "importable": writer.WriteBoolean(key, history.Importable); break;
                case "slug": writer.WriteNullableString(key, history.Slug); break;
                case "username": writer.WriteNullableString(key, history.Username); break;
                case "genome_build": writer.WriteNullableString(key, history.GenomeBuild); break;
                case "state": writer.WriteString(key, state!.State); break;
                case "state_details":
                    writer.WriteStartObject(key);
                    foreach (var count in state!.States)
                    {
                        writer.WriteNumber(count.State, count.DatasetIds.Count);
                    }

                    writer.WriteEndObject();
                    break;
                case "state_ids":
                    writer.WriteStartObject(key);
                    foreach (var count in state!.States)
                    {
                        writer.WriteStringArray(count.State, count.DatasetIds.Select(ids.Encode));
                    }

                    writer.WriteEndObject();
                    break;
                case "hid_counter": writer.WriteNumber(key, history.HidCounter); break;
            }
        }

        writer.WriteEndObject();
    }
}

/// <summary>How a dataset is written: the <c>summary</c> view of history contents and the <c>detailed</c> view of a dataset.</summary>
internal static class DatasetShape
{
    public static IReadOnlyList<string> Detailed => GalaxyViews.DatasetDetailed;

    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Views => GalaxyViews.Datasets;

    public static void Write(Utf8JsonWriter writer, DatasetRow dataset, FieldSelection fields, LegacyIds ids, PathString pathBase)
    {
        var id = ids.Encode(dataset.Id);
        var historyId = ids.Encode(dataset.HistoryId);
        writer.WriteStartObject();
        foreach (var key in Detailed)
        {
            if (!fields.Includes(key))
            {
                continue;
            }

            switch (key)
            {
                case "model_class": writer.WriteString(key, "HistoryDatasetAssociation"); break;
                case "id" or "dataset_id": writer.WriteString(key, id); break;
                case "name": writer.WriteString(key, dataset.Name); break;
                case "history_id": writer.WriteString(key, historyId); break;
                case "hid": writer.WriteNumber(key, dataset.Hid); break;
                case "history_content_type": writer.WriteString(key, "dataset"); break;
                case "type": writer.WriteString(key, "file"); break;
                case "type_id": writer.WriteString(key, "dataset-" + id); break;
                case "state": writer.WriteString(key, dataset.State); break;
                case "extension" or "file_ext": writer.WriteString(key, dataset.Extension); break;
                case "file_size": writer.WriteNumber(key, dataset.FileSize); break;
                case "deleted": writer.WriteBoolean(key, dataset.Deleted); break;
                case "purged": writer.WriteBoolean(key, dataset.Purged); break;
                case "visible": writer.WriteBoolean(key, dataset.Visible); break;
                case "genome_build": writer.WriteNullableString(key, dataset.GenomeBuild); break;
                case "misc_info": writer.WriteNullableString(key, dataset.MiscInfo); break;
                case "misc_blurb": writer.WriteNullableString(key, dataset.MiscBlurb); break;
                case "peek": writer.WriteNullableString(key, dataset.Peek); break;
                case "annotation": writer.WriteNullableString(key, dataset.Annotation); break;
                case "tags": writer.WriteStringArray(key, dataset.Tags); break;
                case "create_time": writer.WriteString(key, GalaxyTime.ToText(dataset.CreateTime)); break;
                case "update_time": writer.WriteString(key, GalaxyTime.ToText(dataset.UpdateTime)); break;
                case "uuid": writer.WriteString(key, dataset.Uuid.ToString("D")); break;
                case "url": writer.WriteString(key, $"{pathBase}/api/histories/{historyId}/contents/{id}"); break;
                case "download_url": writer.WriteString(key, $"{pathBase}/api/datasets/{id}/display?to_ext={Uri.EscapeDataString(dataset.Extension)}"); break;
                case "hda_ldda": writer.WriteString(key, "hda"); break;
            }
        }

        writer.WriteEndObject();
    }
}

/// <summary>How a user is written (Galaxy's detailed user model, the keys its clients read).</summary>
internal static class UserShape
{
    public static void Write(Utf8JsonWriter writer, UserRow user, IReadOnlyList<string> tagsUsed, LegacyIds ids)
    {
        writer.WriteStartObject();
        writer.WriteString("id", ids.Encode(user.Id));
        writer.WriteString("username", user.Username);
        writer.WriteString("email", user.Email);
        writer.WriteBoolean("deleted", user.Deleted);
        writer.WriteBoolean("purged", user.Purged);
        writer.WriteBoolean("is_admin", user.IsAdmin);
        writer.WriteNumber("total_disk_usage", user.TotalDiskUsage);
        writer.WriteString("nice_total_disk_usage", GalaxyViews.NiceSize(user.TotalDiskUsage));
        writer.WriteNull("quota_percent");
        writer.WritePropertyName("preferences");
        writer.WriteRawValue(user.Preferences);
        writer.WriteStringArray("tags_used", tagsUsed);
        writer.WriteEndObject();
    }
}

/// <summary>How a tool is written (the legacy tools controller's <c>to_dict</c>).</summary>
internal static class ToolShape
{
    public static void Write(Utf8JsonWriter writer, ToolRow tool, PathString pathBase)
    {
        writer.WriteStartObject();
        writer.WriteString("model_class", "Tool");
        writer.WriteString("id", tool.Id);
        writer.WriteString("name", tool.Name);
        writer.WriteString("version", tool.Version);
        writer.WriteNullableString("description", tool.Description);
        writer.WriteStringArray("labels", []);
        writer.WriteStringArray("edam_operations", []);
        writer.WriteStringArray("edam_topics", []);
        writer.WriteString("hidden", string.Empty);
        writer.WriteBoolean("is_workflow_compatible", true);
        writer.WriteStringArray("xrefs", []);
        writer.WriteString("form_style", "regular");
        writer.WriteString("link", $"{pathBase}/tool_runner?tool_id={Uri.EscapeDataString(tool.Id)}");
        writer.WriteNumber("min_width", -1);
        writer.WriteString("target", "galaxy_main");
        writer.WriteNullableString("panel_section_id", tool.PanelSectionId);
        writer.WriteNullableString("panel_section_name", tool.PanelSectionName);
        writer.WriteEndObject();
    }
}

/// <summary>How a job is written in the answer of <c>POST /api/tools</c>.</summary>
internal static class JobShape
{
    public static void Write(Utf8JsonWriter writer, JobRow job, LegacyIds ids)
    {
        writer.WriteStartObject();
        writer.WriteString("model_class", "Job");
        writer.WriteString("id", ids.Encode(job.Id));
        writer.WriteString("tool_id", job.ToolId);
        writer.WriteString("state", job.State);
        writer.WriteString("history_id", ids.Encode(job.HistoryId));
        writer.WriteNull("exit_code");
        writer.WriteString("create_time", GalaxyTime.ToText(job.CreateTime));
        writer.WriteString("update_time", GalaxyTime.ToText(job.UpdateTime));
        writer.WriteEndObject();
    }
}
