using System.Text.Json;
using Galaxy.Data;
using Galaxy.Legacy.Infrastructure;

namespace Galaxy.Legacy.Api;

/// <summary>
/// <c>/api/histories</c>: list (Galaxy's <c>q</c>/<c>qv</c> filters, <c>limit</c>, <c>offset</c>, <c>order</c>, <c>view</c>,
/// <c>keys</c>), show, create (JSON or form), update, delete (and purge), and the history's contents.
/// </summary>
internal static class HistoriesEndpoints
{
    private const int MaxNameLength = JsonFields.MaxNameLength;

    public static async Task Index(HttpContext context)
    {
        var user = await LegacyAuth.RequireUserAsync(context);
        var (limit, offset) = Paging(context);
        var q = context.QueryAll("q").ToList();
        var qv = context.QueryAll("qv").ToList();
        if (context.QueryBool("deleted") is { } deleted)
        {
            q.Add("deleted");
            qv.Add(deleted ? "true" : "false");
        }

        if (!HistoryListQuery.TryCreate(q, qv, context.Query("order"), limit, offset, out var query, out var error))
        {
            throw LegacyApiException.InvalidParameter(error);
        }

        var fields = FieldSelection.FromRequest(context, HistoryShape.Views, "summary");
        var histories = context.RequestServices.GetRequiredService<HistoryRepository>();
        var rows = await histories.ListAsync(user.Id, query, context.RequestAborted);
        var states = new List<HistoryContentsState?>(rows.Count);
        foreach (var row in rows)
        {
            states.Add(HistoryShape.NeedsState(fields) ? await histories.GetContentsStateAsync(row.Id, context.RequestAborted) : null);
        }

        var ids = context.RequestServices.GetRequiredService<LegacyIds>();
        await LegacyJson.WriteAsync(context, writer =>
        {
            writer.WriteStartArray();
            for (var i = 0; i < rows.Count; i++)
            {
                HistoryShape.Write(writer, rows[i], states[i], fields, ids, context.Request.PathBase);
            }

            writer.WriteEndArray();
        });
    }

    public static async Task Show(HttpContext context)
    {
        var user = await LegacyAuth.RequireUserAsync(context);
        var fields = FieldSelection.FromRequest(context, HistoryShape.Views, "detailed");
        var history = Access.Accessible(await Access.FindHistoryAsync(context, HistoryId(context)), user);
        await WriteHistoryAsync(context, history, fields);
    }

    public static async Task Create(HttpContext context)
    {
        var user = await LegacyAuth.RequireUserAsync(context);
        var fields = FieldSelection.FromRequest(context, HistoryShape.Views, "detailed");
        string? name;
        if (context.Request.HasFormContentType)
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            name = form["name"].LastOrDefault();
            if (name?.Length > MaxNameLength)
            {
                throw TooLong("name");
            }
        }
        else
        {
            using var document = await LegacyRequest.ReadJsonAsync(context);
            name = null;
            if (document is not null && document.RootElement.ValueKind != JsonValueKind.Null)
            {
                var body = LegacyRequest.RequireObject(document);
                name = JsonFields.OptionalString(body, "name", nullable: true, MaxNameLength).Value;
                if (body.TryGetProperty("history_id", out var copyFrom) && copyFrom.ValueKind != JsonValueKind.Null)
                {
                    throw LegacyApiException.InvalidParameter("Copying a history (history_id) is not supported by this server.");
                }
            }
        }

        var histories = context.RequestServices.GetRequiredService<HistoryRepository>();
        var history = await histories.CreateAsync(user.Id, string.IsNullOrEmpty(name) ? "Unnamed history" : name, context.RequestAborted);
        await WriteHistoryAsync(context, history, fields);
    }

    public static async Task Update(HttpContext context)
    {
        var user = await LegacyAuth.RequireUserAsync(context);
        var fields = FieldSelection.FromRequest(context, HistoryShape.Views, "detailed");
        var id = HistoryId(context);
        using var document = await LegacyRequest.ReadJsonAsync(context)
            ?? throw LegacyApiException.Validation(new LegacyValidationError(["body"], "Field required", "missing"));
        var update = JsonFields.ReadHistoryUpdate(LegacyRequest.RequireObject(document));

        Access.Owned(await Access.FindHistoryAsync(context, id), user);
        var histories = context.RequestServices.GetRequiredService<HistoryRepository>();
        var updated = await histories.UpdateAsync(id, update, context.RequestAborted)
            ?? throw LegacyApiException.NotFound("History not found.");
        await WriteHistoryAsync(context, updated, fields);
    }

    public static async Task Delete(HttpContext context)
    {
        var user = await LegacyAuth.RequireUserAsync(context);
        var fields = FieldSelection.FromRequest(context, HistoryShape.Views, "detailed");
        var id = HistoryId(context);
        var purge = context.QueryBool("purge") ?? false;
        using (var document = await LegacyRequest.ReadJsonAsync(context))
        {
            if (document is not null && document.RootElement.ValueKind != JsonValueKind.Null)
            {
                var body = LegacyRequest.RequireObject(document);
                if (JsonFields.OptionalBool(body, "purge") is { IsSet: true } fromBody)
                {
                    purge = fromBody.Value;
                }
            }
        }

        Access.Owned(await Access.FindHistoryAsync(context, id), user);
        var histories = context.RequestServices.GetRequiredService<HistoryRepository>();
        var deleted = await histories.DeleteAsync(id, purge, context.RequestAborted)
            ?? throw LegacyApiException.NotFound("History not found.");
        await WriteHistoryAsync(context, deleted, fields);
    }

    public static async Task Contents(HttpContext context)
    {
        var user = await LegacyAuth.RequireUserAsync(context);
        var historyId = HistoryId(context);
        var (limit, offset) = Paging(context);
        var q = context.QueryAll("q").ToList();
        var qv = context.QueryAll("qv").ToList();
        foreach (var flag in (ReadOnlySpan<string>)["deleted", "visible"])
        {
            if (context.QueryBool(flag) is { } value)
            {
                q.Add(flag);
                qv.Add(value ? "true" : "false");
            }
        }

        if (!DatasetListQuery.TryCreate(q, qv, context.Query("order"), limit, offset, out var query, out var error))
        {
            throw LegacyApiException.InvalidParameter(error);
        }

        var fields = FieldSelection.FromRequest(context, DatasetShape.Views, "summary");
        var history = Access.Accessible(await Access.FindHistoryAsync(context, historyId), user);
        var rows = await context.RequestServices.GetRequiredService<DatasetRepository>().ListAsync(history.Id, query, context.RequestAborted);
        var ids = context.RequestServices.GetRequiredService<LegacyIds>();
        await LegacyJson.WriteAsync(context, writer =>
        {
            writer.WriteStartArray();
            foreach (var row in rows)
            {
                DatasetShape.Write(writer, row, fields, ids, context.Request.PathBase);
            }

            writer.WriteEndArray();
        });
    }

    private static long HistoryId(HttpContext context)
        => context.RequestServices.GetRequiredService<LegacyIds>().Decode(context.Request.RouteValues["history_id"] as string, "path", "history_id");

    private static (int? Limit, int Offset) Paging(HttpContext context)
    {
        var limit = context.QueryInt("limit");
        var offset = context.QueryInt("offset") ?? 0;
        if (limit < 1)
        {
            throw LegacyApiException.Validation(new LegacyValidationError(["query", "limit"], "Input should be greater than or equal to 1", "greater_than_equal"));
        }

        if (offset < 0)
        {
            throw LegacyApiException.Validation(new LegacyValidationError(["query", "offset"], "Input should be greater than or equal to 0", "greater_than_equal"));
        }

        return (limit, offset);
    }

    private static LegacyApiException TooLong(string name)
        => LegacyApiException.Validation(new LegacyValidationError(["body", name], $"String should have at most {MaxNameLength} characters", "string_too_long"));

    private static async Task WriteHistoryAsync(HttpContext context, HistoryRow history, FieldSelection fields)
    {
        var state = HistoryShape.NeedsState(fields)
            ? await context.RequestServices.GetRequiredService<HistoryRepository>().GetContentsStateAsync(history.Id, context.RequestAborted)
            : null;
        var ids = context.RequestServices.GetRequiredService<LegacyIds>();
        await LegacyJson.WriteAsync(context, writer => HistoryShape.Write(writer, history, state, fields, ids, context.Request.PathBase));
    }
}
