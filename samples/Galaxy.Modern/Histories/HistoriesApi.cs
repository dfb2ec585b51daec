using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Galaxy.Api.Contracts;
using Galaxy.Api.Toolkit;
using Galaxy.Data;
using Microsoft.AspNetCore.Mvc;

namespace Galaxy.Modern.Histories;

/// <summary>
/// Galaxy's histories, ported: list (q/qv filters, limit/offset/order, view/keys), show, create (JSON or form), update
/// and delete (with purge), on the database the legacy app shares. Shapes are Galaxy's contract types; <c>view</c> and
/// <c>keys</c> choose the keys written, as Galaxy's serializers do.
/// </summary>
/// <param name="histories">The histories.</param>
/// <param name="ids">Galaxy's id encoding (for the URLs in the answers).</param>
/// <param name="detailedJson">The detailed view as the API writes it, for the detailed keys of list items.</param>
[ApiRouter("histories", Description = "Operations on histories.")]
public sealed class HistoriesApi(HistoryRepository histories, GalaxyIdEncoder ids, DetailedHistoryJson detailedJson)
{
    /// <summary>Returns histories available to the current user.</summary>
    /// <param name="user">The caller.</param>
    /// <param name="context">The request (its path base and the selected keys).</param>
    /// <param name="filters">Galaxy's <c>q</c>/<c>qv</c> filter pairs, e.g. <c>q=deleted&amp;qv=True</c>.</param>
    /// <param name="deleted">Whether to return only deleted items.</param>
    /// <param name="limit">The maximum number of items to return.</param>
    /// <param name="offset">Starts at the beginning skip the first ( offset - 1 ) items and begin returning at the Nth item</param>
    /// <param name="order">String containing one of the valid ordering attributes followed (optionally) by '-asc' or '-dsc' for ascending and descending order respectively. Orders can be stacked as a comma-separated list of values.</param>
    /// <param name="view">View to be passed to the serializer</param>
    /// <param name="keys">Comma-separated list of keys to be passed to the serializer</param>
    /// <param name="cancellationToken">Aborted with the request.</param>
    [Get("/api/histories")]
    public async Task<IReadOnlyList<HistorySummary>> Index(
        GalaxyUser user,
        HttpContext context,
        GalaxyQueryFilters? filters = null,
        bool? deleted = null,
        [Range(1, double.PositiveInfinity)] int? limit = null,
        [Range(0, double.PositiveInfinity)] int? offset = null,
        string? order = null,
        string? view = null,
        string? keys = null,
        CancellationToken cancellationToken = default)
    {
        var q = filters?.Select(static f => f.Key).ToList() ?? [];
        var qv = filters?.Select(static f => f.Value).ToList() ?? [];
        if (deleted is { } onlyDeleted)
        {
            q.Add("deleted");
            qv.Add(onlyDeleted ? "true" : "false");
        }

        if (!HistoryListQuery.TryCreate(q, qv, order, limit, offset ?? 0, out var query, out var error))
        {
            throw new RequestParameterInvalidException(error);
        }

        var selected = Select(context, view, keys, "summary");
        var rows = await histories.ListAsync(user.Id.Value, query, cancellationToken);
        var result = new List<HistorySummary>(rows.Count);
        foreach (var row in rows)
        {
            result.Add(HistoryMapping.ToSummary(await DetailedAsync(row, selected, context, cancellationToken), selected, detailedJson.TypeInfo));
        }

        return result;
    }

    /// <summary>Returns the history with the given ID.</summary>
    /// <param name="user">The caller.</param>
    /// <param name="context">The request.</param>
    /// <param name="history_id">The encoded database identifier of the History.</param>
    /// <param name="view">View to be passed to the serializer</param>
    /// <param name="keys">Comma-separated list of keys to be passed to the serializer</param>
    /// <param name="cancellationToken">Aborted with the request.</param>
    [Get("/api/histories/{history_id}", OperationId = "history_api_histories__history_id__get")]
    public async Task<HistoryDetailed> Show(GalaxyUser user, HttpContext context, GalaxyId history_id, string? view = null, string? keys = null, CancellationToken cancellationToken = default)
    {
        var selected = Select(context, view, keys, "detailed");
        var history = await FindAsync(history_id, cancellationToken);
        if (!HistoryAccess.CanSee(history, user.Id.Value, user.IsAdmin))
        {
            throw new ItemAccessibilityException("History is not accessible by the current user.");
        }

        return await DetailedAsync(history, selected, context, cancellationToken);
    }

    /// <summary>Creates a new history.</summary>
    /// <param name="user">The caller.</param>
    /// <param name="context">The request.</param>
    /// <param name="payload">The new history: its name (JSON, or a form as Galaxy documents it).</param>
    /// <param name="view">View to be passed to the serializer</param>
    /// <param name="keys">Comma-separated list of keys to be passed to the serializer</param>
    /// <param name="cancellationToken">Aborted with the request.</param>
    [Post("/api/histories")]
    public async Task<HistoryDetailed> Create(
        GalaxyUser user,
        HttpContext context,
        [FromJsonOrForm] Body_create_api_histories_post? payload = null,
        string? view = null,
        string? keys = null,
        CancellationToken cancellationToken = default)
    {
        var selected = Select(context, view, keys, "detailed");
        if (payload?.HistoryId is { ValueKind: not JsonValueKind.Null })
        {
            throw new RequestParameterInvalidException("Copying a history (history_id) is not supported by this server.");
        }

        var name = payload?.Name switch
        {
            null or { ValueKind: JsonValueKind.Null } => null,
            { ValueKind: JsonValueKind.String } text => JsonFields.TryGetString(text)
                ?? throw Invalid(new FieldError(["body", "name"], JsonFields.NotUnicodeMessage, "string_unicode")),
            _ => throw Invalid(new FieldError(["body", "name"], "Input should be a valid string", "string_type")),
        };
        if (name?.Length > JsonFields.MaxNameLength)
        {
            throw Invalid(new FieldError(["body", "name"], $"String should have at most {JsonFields.MaxNameLength} characters", "string_too_long"));
        }

        var history = await histories.CreateAsync(user.Id.Value, string.IsNullOrEmpty(name) ? "Unnamed history" : name, cancellationToken);
        return await DetailedAsync(history, selected, context, cancellationToken);
    }

    /// <summary>Updates the values for the history with the given ID.</summary>
    /// <param name="user">The caller.</param>
    /// <param name="context">The request.</param>
    /// <param name="history_id">The encoded database identifier of the History.</param>
    /// <param name="payload">Object containing any of the editable fields of the history.</param>
    /// <param name="view">View to be passed to the serializer</param>
    /// <param name="keys">Comma-separated list of keys to be passed to the serializer</param>
    /// <param name="cancellationToken">Aborted with the request.</param>
    [Put("/api/histories/{history_id}")]
    public async Task<HistoryDetailed> Update(
        GalaxyUser user,
        HttpContext context,
        GalaxyId history_id,
        [FromBody] JsonElement payload,
        string? view = null,
        string? keys = null,
        CancellationToken cancellationToken = default)
    {
        var selected = Select(context, view, keys, "detailed");
        var update = Read(payload);
        await FindOwnedAsync(history_id, user, cancellationToken);
        HistoryRow? updated;
        try
        {
            updated = await histories.UpdateAsync(history_id.Value, update, cancellationToken);
        }
        catch (GalaxyDataException refused)
        {
            // A change the data does not allow (undeleting a purged history...).
            throw new RequestParameterInvalidException(refused.Message);
        }

        return await DetailedAsync(updated ?? throw new ObjectNotFoundException("History not found."), selected, context, cancellationToken);
    }

    /// <summary>Marks the history with the given ID as deleted (and purges it with <c>purge</c>, in the query or the body).</summary>
    /// <param name="user">The caller.</param>
    /// <param name="context">The request.</param>
    /// <param name="history_id">The encoded database identifier of the History.</param>
    /// <param name="purge">Whether to also purge the history.</param>
    /// <param name="payload">Optional: <c>{"purge": true}</c>.</param>
    /// <param name="view">View to be passed to the serializer</param>
    /// <param name="keys">Comma-separated list of keys to be passed to the serializer</param>
    /// <param name="cancellationToken">Aborted with the request.</param>
    [Delete("/api/histories/{history_id}")]
    public async Task<HistoryDetailed> Delete(
        GalaxyUser user,
        HttpContext context,
        GalaxyId history_id,
        bool purge = false,
        [FromBody] DeleteHistoryPayload? payload = null,
        string? view = null,
        string? keys = null,
        CancellationToken cancellationToken = default)
    {
        var selected = Select(context, view, keys, "detailed");
        await FindOwnedAsync(history_id, user, cancellationToken);
        var deleted = await histories.DeleteAsync(history_id.Value, purge || payload?.Purge == true, cancellationToken)
            ?? throw new ObjectNotFoundException("History not found.");
        return await DetailedAsync(deleted, selected, context, cancellationToken);
    }

    private static IReadOnlySet<string> Select(HttpContext context, string? view, string? keys, string defaultView)
    {
        var selected = GalaxyResponseKeys.FromViewAndKeys(view, keys, GalaxyViews.Histories, defaultView);
        GalaxyResponseKeys.Select(context, selected);
        return selected;
    }

    private async Task<HistoryDetailed> DetailedAsync(HistoryRow history, IReadOnlySet<string> keys, HttpContext context, CancellationToken cancellationToken)
    {
        var state = HistoryMapping.NeedsState(keys) ? await histories.GetContentsStateAsync(history.Id, cancellationToken) : null;
        return HistoryMapping.ToDetailed(history, state, ids, context.Request.PathBase.Value ?? string.Empty);
    }

    private async Task<HistoryRow> FindAsync(GalaxyId id, CancellationToken cancellationToken)
        => await histories.FindAsync(id.Value, cancellationToken) ?? throw new ObjectNotFoundException($"History {ids.Encode(id)} not found.");

    private async Task FindOwnedAsync(GalaxyId id, GalaxyUser user, CancellationToken cancellationToken)
    {
        if (!HistoryAccess.CanChange(await FindAsync(id, cancellationToken), user.Id.Value, user.IsAdmin))
        {
            throw new ItemOwnershipException("History is not owned by the current user.");
        }
    }

    private static HistoryUpdate Read(JsonElement payload)
    {
        try
        {
            return JsonFields.ReadHistoryUpdate(payload);
        }
        catch (GalaxyFieldException exception)
        {
            throw Invalid([.. exception.Errors]);
        }
    }

    /// <summary>Galaxy's 400 for invalid body members, with their locations.</summary>
    private static GalaxyApiException Invalid(params FieldError[] failures)
    {
        RequestValidationErrors? errors = null;
        foreach (var failure in failures)
        {
            RequestValidationErrors.Add(ref errors, new Galaxy.Api.Toolkit.ValidationError(failure.Location, failure.Message, failure.Type));
        }

        return errors!.ToException();
    }
}
