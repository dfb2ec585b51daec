namespace Galaxy.Modern.Histories;

/// <summary>A history in its detailed view.</summary>
public sealed record HistoryDetailed
{
    /// <summary>The encoded id of the history.</summary>
    public required string Id { get; init; }

    /// <summary>Always <c>History</c>.</summary>
    public string ModelClass { get; init; } = "History";

    /// <summary>The history's name.</summary>
    public required string Name { get; init; }

    /// <summary>Whether the history is deleted.</summary>
    public bool Deleted { get; init; }

    /// <summary>Whether the history's datasets are purged.</summary>
    public bool Purged { get; init; }

    /// <summary>The number of items in the history.</summary>
    public int Count { get; init; }

    /// <summary>The history's annotation.</summary>
    public string? Annotation { get; init; }

    /// <summary>The history's tags.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The history's state; <c>new</c> while it is empty.</summary>
    public HistoryState State { get; init; } = HistoryState.New;

    /// <summary>When the history was created (UTC, no zone).</summary>
    public DateTime CreateTime { get; init; }

    /// <summary>When the history last changed (UTC, no zone).</summary>
    public DateTime UpdateTime { get; init; }
}

/// <summary>A history in the list view.</summary>
/// <param name="Id">The encoded id of the history.</param>
/// <param name="Name">The history's name.</param>
/// <param name="Deleted">Whether the history is deleted.</param>
/// <param name="Purged">Whether the history's datasets are purged.</param>
/// <param name="Count">The number of items in the history.</param>
/// <param name="Annotation">The history's annotation.</param>
/// <param name="Tags">The history's tags.</param>
/// <param name="UpdateTime">When the history last changed (UTC, no zone).</param>
public sealed record HistorySummary(string Id, string Name, bool Deleted, bool Purged, int Count, string? Annotation, IReadOnlyList<string> Tags, DateTime UpdateTime)
{
    /// <summary>Always <c>History</c>.</summary>
    public string ModelClass => "History";

    /// <summary>The summary of a history.</summary>
    public static HistorySummary From(HistoryDetailed history)
        => new(history.Id, history.Name, history.Deleted, history.Purged, history.Count, history.Annotation, history.Tags, history.UpdateTime);
}

/// <summary>The state of a history.</summary>
public enum HistoryState
{
    /// <summary>Empty.</summary>
    New,

    /// <summary>Jobs are queued.</summary>
    Queued,

    /// <summary>Jobs are running.</summary>
    Running,

    /// <summary>Every dataset is ready.</summary>
    Ok,

    /// <summary>A dataset failed.</summary>
    Error,
}

/// <summary>The body of <c>POST /api/histories</c>.</summary>
/// <param name="Name">The name of the new history; <c>Unnamed history</c> when absent.</param>
public sealed record CreateHistoryPayload(string? Name = null);
