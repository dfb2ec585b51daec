namespace Galaxy.Data;

/// <summary>A user.</summary>
/// <param name="Id">The database id (encode it before a client sees it).</param>
/// <param name="Username">The public name.</param>
/// <param name="Email">The e-mail address.</param>
/// <param name="Deleted">Whether the user is deleted.</param>
/// <param name="Purged">Whether the user is purged.</param>
/// <param name="IsAdmin">Whether the user is an administrator.</param>
/// <param name="TotalDiskUsage">Bytes of the user's datasets that are not purged.</param>
/// <param name="Preferences">The user's preferences, a JSON object as stored.</param>
/// <param name="CreateTime">When the user was created (UTC, no zone).</param>
public sealed record UserRow(long Id, string Username, string Email, bool Deleted, bool Purged, bool IsAdmin, long TotalDiskUsage, string Preferences, DateTime CreateTime);

/// <summary>A history, with the figures computed from its datasets.</summary>
/// <param name="Id">The database id.</param>
/// <param name="UserId">The owner's id; null for an anonymous history.</param>
/// <param name="Username">The owner's username.</param>
/// <param name="Name">The name.</param>
/// <param name="Annotation">The annotation.</param>
/// <param name="Tags">The tags, in the order they were given.</param>
/// <param name="Published">Whether the history is published.</param>
/// <param name="Importable">Whether the history is accessible by link.</param>
/// <param name="Deleted">Whether the history is deleted.</param>
/// <param name="Purged">Whether the history is purged (its datasets removed).</param>
/// <param name="Archived">Whether the history is archived.</param>
/// <param name="GenomeBuild">The genome build (<c>?</c> when unknown).</param>
/// <param name="Slug">The readable part of its link, set when it is made importable or published.</param>
/// <param name="CreateTime">When it was created (UTC, no zone).</param>
/// <param name="UpdateTime">When it last changed (UTC, no zone).</param>
/// <param name="HidCounter">The hid the next dataset gets.</param>
/// <param name="PreferredObjectStoreId">The object store new datasets go to.</param>
/// <param name="Count">The number of datasets in it.</param>
/// <param name="Size">Bytes of its datasets that are not purged.</param>
public sealed record HistoryRow(
    long Id,
    long? UserId,
    string? Username,
    string Name,
    string? Annotation,
    IReadOnlyList<string> Tags,
    bool Published,
    bool Importable,
    bool Deleted,
    bool Purged,
    bool Archived,
    string? GenomeBuild,
    string? Slug,
    DateTime CreateTime,
    DateTime UpdateTime,
    long HidCounter,
    string? PreferredObjectStoreId,
    long Count,
    long Size);

/// <summary>A dataset of a history (Galaxy's HistoryDatasetAssociation).</summary>
/// <param name="Id">The database id.</param>
/// <param name="HistoryId">The history it belongs to.</param>
/// <param name="Hid">Its position in the history, from 1.</param>
/// <param name="Name">The name.</param>
/// <param name="State">One of <see cref="DatasetStates.All"/>.</param>
/// <param name="Extension">The datatype's extension (<c>txt</c>, <c>tabular</c>...).</param>
/// <param name="FileSize">Bytes.</param>
/// <param name="Deleted">Whether it is deleted.</param>
/// <param name="Purged">Whether its file is removed.</param>
/// <param name="Visible">Whether it is shown by default.</param>
/// <param name="GenomeBuild">The genome build (<c>?</c> when unknown).</param>
/// <param name="MiscInfo">Information from the job that made it.</param>
/// <param name="MiscBlurb">A short summary (<c>3 lines</c>).</param>
/// <param name="Peek">The first lines of its content.</param>
/// <param name="Annotation">The annotation.</param>
/// <param name="Tags">The tags.</param>
/// <param name="Uuid">Its universal id.</param>
/// <param name="CreateTime">When it was created (UTC, no zone).</param>
/// <param name="UpdateTime">When it last changed (UTC, no zone).</param>
public sealed record DatasetRow(
    long Id,
    long HistoryId,
    long Hid,
    string Name,
    string State,
    string Extension,
    long FileSize,
    bool Deleted,
    bool Purged,
    bool Visible,
    string? GenomeBuild,
    string? MiscInfo,
    string? MiscBlurb,
    string? Peek,
    string? Annotation,
    IReadOnlyList<string> Tags,
    Guid Uuid,
    DateTime CreateTime,
    DateTime UpdateTime);

/// <summary>A tool of the panel.</summary>
/// <param name="Id">The tool id (<c>cat1</c>).</param>
/// <param name="Name">The display name.</param>
/// <param name="Version">The version.</param>
/// <param name="Description">The short description shown after the name.</param>
/// <param name="PanelSectionId">The id of its tool panel section.</param>
/// <param name="PanelSectionName">The name of its tool panel section.</param>
public sealed record ToolRow(string Id, string Name, string Version, string? Description, string? PanelSectionId, string? PanelSectionName);

/// <summary>A job: a tool run that produces one dataset, picked up by a worker.</summary>
/// <param name="Id">The database id.</param>
/// <param name="ToolId">The tool it runs.</param>
/// <param name="UserId">Who asked for it.</param>
/// <param name="HistoryId">The history its output goes to.</param>
/// <param name="OutputDatasetId">The dataset it fills.</param>
/// <param name="State">One of <see cref="JobStates"/>.</param>
/// <param name="Handler">The worker that claimed it, while running or once finished.</param>
/// <param name="Info">A message from the worker (an error's reason).</param>
/// <param name="CreateTime">When it was queued (UTC, no zone).</param>
/// <param name="UpdateTime">When it last changed (UTC, no zone).</param>
public sealed record JobRow(long Id, string ToolId, long UserId, long HistoryId, long OutputDatasetId, string State, string? Handler, string? Info, DateTime CreateTime, DateTime UpdateTime);

/// <summary>The states of a job.</summary>
public static class JobStates
{
    /// <summary>Waiting for a worker.</summary>
    public const string Queued = "queued";

    /// <summary>Claimed by a worker.</summary>
    public const string Running = "running";

    /// <summary>Finished; its dataset is <c>ok</c>.</summary>
    public const string Ok = "ok";

    /// <summary>Failed; its dataset is <c>error</c>.</summary>
    public const string Error = "error";

    /// <summary>Dropped before it ran: its history was purged.</summary>
    public const string Deleted = "deleted";
}

/// <summary>Galaxy's dataset states (its <c>DatasetState</c> enum), in its order.</summary>
public static class DatasetStates
{
    /// <summary>Created, nothing run yet.</summary>
    public const string New = "new";

    /// <summary>Waiting for a worker.</summary>
    public const string Queued = "queued";

    /// <summary>Its job is running.</summary>
    public const string Running = "running";

    /// <summary>Ready.</summary>
    public const string Ok = "ok";

    /// <summary>Its job failed.</summary>
    public const string Error = "error";

    /// <summary>Every state, in Galaxy's order.</summary>
    public static readonly IReadOnlyList<string> All =
        ["new", "upload", "queued", "running", "ok", "empty", "error", "paused", "setting_metadata", "failed_metadata", "deferred", "discarded"];

    /// <summary>Whether <paramref name="state"/> is one of Galaxy's states.</summary>
    public static bool IsKnown(string? state) => state is not null && All.Contains(state, StringComparer.Ordinal);
}
