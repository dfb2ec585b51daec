using System.Collections.Concurrent;

namespace Galaxy.Modern.Histories;

/// <summary>Where histories live.</summary>
public interface IHistoryStore
{
    /// <summary>The history with the given id, or null.</summary>
    HistoryDetailed? Find(string id);

    /// <summary>Creates a history.</summary>
    HistoryDetailed Create(string name);

    /// <summary>The histories, newest first: the deleted ones, or the others.</summary>
    IEnumerable<HistoryDetailed> List(bool deleted);
}

/// <summary>A process-local store.</summary>
public sealed class InMemoryHistoryStore(TimeProvider clock) : IHistoryStore
{
    private readonly ConcurrentDictionary<string, HistoryDetailed> _histories = new(StringComparer.OrdinalIgnoreCase);
    private long _nextId;

    /// <inheritdoc/>
    public HistoryDetailed? Find(string id) => _histories.GetValueOrDefault(id);

    /// <inheritdoc/>
    public IEnumerable<HistoryDetailed> List(bool deleted)
        => _histories.Values.Where(h => h.Deleted == deleted).OrderByDescending(static h => h.UpdateTime).ThenByDescending(static h => h.Id, StringComparer.Ordinal);

    /// <inheritdoc/>
    public HistoryDetailed Create(string name)
    {
        // Galaxy writes times in UTC without zone, to the microsecond.
        var utc = clock.GetUtcNow().UtcDateTime;
        var now = DateTime.SpecifyKind(new DateTime(utc.Ticks - (utc.Ticks % 10)), DateTimeKind.Unspecified);
        var history = new HistoryDetailed
        {
            Id = Interlocked.Increment(ref _nextId).ToString("x16", System.Globalization.CultureInfo.InvariantCulture),
            Name = name,
            CreateTime = now,
            UpdateTime = now,
        };
        _histories[history.Id] = history;
        return history;
    }
}
