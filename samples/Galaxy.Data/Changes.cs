namespace Galaxy.Data;

/// <summary>A value to set, or nothing to change (<c>default</c>).</summary>
/// <typeparam name="T">The value's type; may be nullable, so that null can be set.</typeparam>
/// <param name="IsSet">Whether the value is set.</param>
/// <param name="Value">The new value when <paramref name="IsSet"/>.</param>
public readonly record struct Change<T>(bool IsSet, T Value)
{
    /// <summary>Sets <paramref name="value"/>.</summary>
    public static Change<T> To(T value) => new(true, value);
}

/// <summary>The fields of <c>PUT /api/histories/{history_id}</c>; each left unset is unchanged.</summary>
public sealed record HistoryUpdate
{
    /// <summary>The new name.</summary>
    public Change<string> Name { get; init; }

    /// <summary>The new annotation (null clears it).</summary>
    public Change<string?> Annotation { get; init; }

    /// <summary>The new tags (replacing the old ones).</summary>
    public Change<IReadOnlyList<string>> Tags { get; init; }

    /// <summary>Publish or unpublish; publishing also makes it importable.</summary>
    public Change<bool> Published { get; init; }

    /// <summary>Make it accessible by link or not; not importable also means not published.</summary>
    public Change<bool> Importable { get; init; }

    /// <summary>Delete or undelete (a purged history cannot be undeleted).</summary>
    public Change<bool> Deleted { get; init; }

    /// <summary>Purge (implies deleted); a purged history cannot be unpurged.</summary>
    public Change<bool> Purged { get; init; }

    /// <summary>The new genome build.</summary>
    public Change<string?> GenomeBuild { get; init; }
}

/// <summary>A change the data does not allow (undeleting a purged history...); the message is for the client.</summary>
public sealed class GalaxyDataException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GalaxyDataException()
    {
    }

    /// <summary>Creates the exception with the client's message.</summary>
    public GalaxyDataException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the client's message and a cause.</summary>
    public GalaxyDataException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>The number and ids of a history's datasets in one state.</summary>
/// <param name="State">A dataset state.</param>
/// <param name="DatasetIds">The datasets in that state, by hid.</param>
public sealed record StateCount(string State, IReadOnlyList<long> DatasetIds);

/// <summary>A history's state, computed from its datasets that are not deleted, as Galaxy computes it.</summary>
/// <param name="State">
/// <c>new</c> when it has none; else <c>running</c> if any is running (or uploading, setting metadata), <c>queued</c> if any is
/// queued or new, <c>error</c> if any failed, <c>ok</c> when all are ok, else <c>paused</c>.
/// </param>
/// <param name="States">Every one of Galaxy's dataset states, in its order, with the datasets in it.</param>
public sealed record HistoryContentsState(string State, IReadOnlyList<StateCount> States)
{
    /// <summary>Computes the state from (dataset id, state) pairs.</summary>
    public static HistoryContentsState From(IEnumerable<(long Id, string State)> datasets)
    {
        ArgumentNullException.ThrowIfNull(datasets);
        var byState = DatasetStates.All.ToDictionary(static s => s, static _ => new List<long>(), StringComparer.Ordinal);
        var total = 0;
        foreach (var (id, state) in datasets)
        {
            if (byState.TryGetValue(state, out var ids))
            {
                ids.Add(id);
                total++;
            }
        }

        int Count(params string[] states) => states.Sum(s => byState[s].Count);
        var summary = total == 0 ? DatasetStates.New
            : Count("running", "upload", "setting_metadata") > 0 ? DatasetStates.Running
            : Count("queued", "new") > 0 ? DatasetStates.Queued
            : Count("error", "failed_metadata") > 0 ? DatasetStates.Error
            : Count("ok") == total ? DatasetStates.Ok
            : "paused";
        return new HistoryContentsState(summary, DatasetStates.All.Select(s => new StateCount(s, byState[s])).ToList());
    }
}
