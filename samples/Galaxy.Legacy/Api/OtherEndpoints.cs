using System.Text.Json;
using Galaxy.Data;
using Galaxy.Legacy.Infrastructure;

namespace Galaxy.Legacy.Api;

/// <summary><c>GET /api/version</c>: public; a wrong key is still refused, as everywhere in Galaxy.</summary>
internal static class ConfigurationEndpoints
{
    public const string VersionMajor = "23.1";
    public const string VersionMinor = "1";

    public static async Task Version(HttpContext context)
    {
        await LegacyAuth.FindUserAsync(context);
        await LegacyJson.WriteAsync(context, static writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("version_major", VersionMajor);
            writer.WriteString("version_minor", VersionMinor);
            writer.WriteEndObject();
        });
    }
}

/// <summary><c>GET /api/users/{user_id}</c>, where <c>current</c> is the caller: users see themselves, admins anyone.</summary>
internal static class UsersEndpoints
{
    public static async Task Show(HttpContext context)
    {
        var caller = await LegacyAuth.RequireUserAsync(context);
        var userId = context.Request.RouteValues["user_id"] as string;
        var showDeleted = context.QueryBool("deleted") ?? false;
        var ids = context.RequestServices.GetRequiredService<LegacyIds>();
        UserRow user;
        if (userId == "current")
        {
            user = caller;
        }
        else
        {
            var id = ids.Decode(userId, "path", "user_id");
            if (id != caller.Id && !caller.IsAdmin)
            {
                throw new LegacyApiException(LegacyErrorCode.InsufficientPermissions, "You may only see your own user.");
            }

            var found = await context.RequestServices.GetRequiredService<UserRepository>().FindAsync(id, context.RequestAborted);
            user = found is not null && found.Deleted == showDeleted ? found : throw LegacyApiException.NotFound($"User {userId} not found.");
        }

        var tags = await context.RequestServices.GetRequiredService<UserRepository>().GetTagsUsedAsync(user.Id, context.RequestAborted);
        await LegacyJson.WriteAsync(context, writer => UserShape.Write(writer, user, tags, ids));
    }
}

/// <summary><c>GET /api/datasets/{dataset_id}</c>: a history dataset (<c>hda_ldda=hda</c>) in its detailed view.</summary>
internal static class DatasetsEndpoints
{
    public static async Task Show(HttpContext context)
    {
        var user = await LegacyAuth.RequireUserAsync(context);
        var ids = context.RequestServices.GetRequiredService<LegacyIds>();
        var id = ids.Decode(context.Request.RouteValues["dataset_id"] as string, "path", "dataset_id");
        var source = context.Query("hda_ldda") ?? "hda";
        if (source is not ("hda" or "ldda"))
        {
            throw LegacyApiException.Validation(new LegacyValidationError(["query", "hda_ldda"], "Input should be 'hda' or 'ldda'", "enum"));
        }

        var fields = FieldSelection.FromRequest(context, DatasetShape.Views, "detailed");
        var dataset = source == "hda" ? await context.RequestServices.GetRequiredService<DatasetRepository>().FindAsync(id, context.RequestAborted) : null;
        if (dataset is null)
        {
            // This server has no data libraries: every library dataset is unknown.
            throw LegacyApiException.NotFound($"Dataset {ids.Encode(id)} not found.");
        }

        Access.Accessible(await Access.FindHistoryAsync(context, dataset.HistoryId), user);
        await LegacyJson.WriteAsync(context, writer => DatasetShape.Write(writer, dataset, fields, ids, context.Request.PathBase));
    }
}

/// <summary>
/// <c>GET /api/tools</c> (the panel's sections with <c>in_panel=True</c>, Galaxy's default; a flat list with
/// <c>in_panel=False</c>; ids matching <c>q</c>) and <c>POST /api/tools</c>, which queues a run for the worker.
/// </summary>
internal static class ToolsEndpoints
{
    public static async Task Index(HttpContext context)
    {
        await LegacyAuth.RequireUserAsync(context);
        var inPanel = context.QueryBool("in_panel") ?? true;
        var tools = await context.RequestServices.GetRequiredService<ToolRepository>().ListAsync(context.RequestAborted);
        var search = context.Query("q");
        if (!string.IsNullOrWhiteSpace(search))
        {
            var matches = tools.Where(t => Matches(t, search.Trim())).Select(static t => t.Id).ToList();
            await LegacyJson.WriteAsync(context, writer =>
            {
                writer.WriteStartArray();
                matches.ForEach(writer.WriteStringValue);
                writer.WriteEndArray();
            });
            return;
        }

        await LegacyJson.WriteAsync(context, writer =>
        {
            writer.WriteStartArray();
            if (!inPanel)
            {
                foreach (var tool in tools)
                {
                    ToolShape.Write(writer, tool, context.Request.PathBase);
                }
            }
            else
            {
                foreach (var section in tools.GroupBy(static t => (t.PanelSectionId, t.PanelSectionName)))
                {
                    if (section.Key.PanelSectionId is null)
                    {
                        foreach (var tool in section)
                        {
                            ToolShape.Write(writer, tool, context.Request.PathBase);
                        }

                        continue;
                    }

                    writer.WriteStartObject();
                    writer.WriteString("model_class", "ToolSection");
                    writer.WriteString("id", section.Key.PanelSectionId);
                    writer.WriteString("name", section.Key.PanelSectionName ?? section.Key.PanelSectionId);
                    writer.WriteString("version", string.Empty);
                    writer.WriteStartArray("elems");
                    foreach (var tool in section)
                    {
                        ToolShape.Write(writer, tool, context.Request.PathBase);
                    }

                    writer.WriteEndArray();
                    writer.WriteEndObject();
                }
            }

            writer.WriteEndArray();
        });
    }

    public static async Task Run(HttpContext context)
    {
        var user = await LegacyAuth.RequireUserAsync(context);
        using var document = await LegacyRequest.ReadJsonAsync(context)
            ?? throw LegacyApiException.Validation(new LegacyValidationError(["body"], "Field required", "missing"));
        var body = LegacyRequest.RequireObject(document);
        var failures = new List<LegacyValidationError>();
        var toolId = RequiredString(body, "tool_id", failures);
        var historyText = RequiredString(body, "history_id", failures);
        if (body.TryGetProperty("inputs", out var inputs) && inputs.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
        {
            failures.Add(new LegacyValidationError(["body", "inputs"], "Input should be a valid dictionary", "dict_type"));
        }

        if (failures.Count > 0)
        {
            throw LegacyApiException.Validation([.. failures]);
        }

        var ids = context.RequestServices.GetRequiredService<LegacyIds>();
        var historyId = ids.Decode(historyText, "body", "history_id");
        var tool = await context.RequestServices.GetRequiredService<ToolRepository>().FindAsync(toolId!, context.RequestAborted)
            ?? throw LegacyApiException.NotFound($"Tool {toolId} not found.");
        var history = Access.Owned(await Access.FindHistoryAsync(context, historyId), user);
        if (history.Deleted)
        {
            throw LegacyApiException.InvalidParameter("Tools cannot run into a deleted history.");
        }

        var queued = await context.RequestServices.GetRequiredService<JobRepository>()
            .EnqueueAsync(user.Id, history.Id, tool.Id, $"{tool.Name} on data {history.HidCounter.ToString(System.Globalization.CultureInfo.InvariantCulture)}", "txt", context.RequestAborted)
            ?? throw LegacyApiException.InvalidParameter("Tools cannot run into a purged history.");
        var fields = FieldSelection.Of(DatasetShape.Detailed);
        await LegacyJson.WriteAsync(context, writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("outputs");
            DatasetShape.Write(writer, queued.Output, fields, ids, context.Request.PathBase);
            writer.WriteEndArray();
            writer.WriteStartArray("jobs");
            JobShape.Write(writer, queued.Job, ids);
            writer.WriteEndArray();
            writer.WriteStartArray("implicit_collections");
            writer.WriteEndArray();
            writer.WriteStartArray("output_collections");
            writer.WriteEndArray();
            writer.WriteBoolean("produces_entry_points", false);
            writer.WriteEndObject();
        });
    }

    private static bool Matches(ToolRow tool, string search)
        => tool.Id.Contains(search, StringComparison.OrdinalIgnoreCase)
            || tool.Name.Contains(search, StringComparison.OrdinalIgnoreCase)
            || (tool.Description?.Contains(search, StringComparison.OrdinalIgnoreCase) ?? false);

    private static string? RequiredString(JsonElement body, string name, List<LegacyValidationError> failures)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            failures.Add(new LegacyValidationError(["body", name], "Field required", "missing"));
            return null;
        }

        if (value.ValueKind != JsonValueKind.String || value.GetString()!.Length == 0)
        {
            failures.Add(new LegacyValidationError(["body", name], "Input should be a non-empty string", "string_type"));
            return null;
        }

        return value.GetString();
    }
}
