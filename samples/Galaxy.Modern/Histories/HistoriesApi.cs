using Galaxy.Api.Toolkit;

namespace Galaxy.Modern.Histories;

/// <summary>Operations on histories.</summary>
/// <param name="store">Where histories live.</param>
[ApiRouter("histories", Description = "Operations on histories.")]
public sealed class HistoriesApi(IHistoryStore store)
{
    /// <summary>Returns the histories of the current user, newest first.</summary>
    /// <param name="limit">The maximum number of items to return.</param>
    /// <param name="offset">How many items to skip.</param>
    /// <param name="deleted">Whether to list deleted histories instead of the others.</param>
    [Get("/api/histories")]
    public IReadOnlyList<HistorySummary> Index(int? limit = null, int offset = 0, bool deleted = false)
    {
        if (limit < 1 || offset < 0)
        {
            throw new RequestParameterInvalidException("limit must be at least 1 and offset at least 0.");
        }

        return store.List(deleted).Skip(offset).Take(limit ?? int.MaxValue).Select(HistorySummary.From).ToList();
    }

    /// <summary>Returns the history with the given ID.</summary>
    /// <param name="history_id">The encoded database identifier of the History.</param>
    /// <param name="keys">Comma-separated list of keys to be passed to the serializer.</param>
    [Get("/api/histories/{history_id}")]
    public HistoryDetailed Show(string history_id, string? keys = null)
        => store.Find(history_id) ?? throw new ObjectNotFoundException($"History {history_id} not found.");

    /// <summary>Creates a new history.</summary>
    /// <param name="payload">The new history.</param>
    /// <param name="cancellationToken">Aborted with the request.</param>
    [Post("/api/histories")]
    public Task<HistoryDetailed> Create(CreateHistoryPayload payload, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(store.Create(payload.Name ?? "Unnamed history"));
    }
}
