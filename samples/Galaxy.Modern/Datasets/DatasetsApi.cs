using Galaxy.Api.Contracts;
using Galaxy.Api.Toolkit;
using Galaxy.Data;
using Galaxy.Modern.Histories;

namespace Galaxy.Modern.Datasets;

/// <summary>Galaxy's datasets, ported: <c>GET /api/datasets/{dataset_id}</c> (history datasets, detailed view).</summary>
/// <param name="datasets">The datasets.</param>
/// <param name="histories">The histories (who may see a dataset is who may see its history).</param>
/// <param name="ids">Galaxy's id encoding.</param>
[ApiRouter("datasets", Description = "Operations on datasets.")]
public sealed class DatasetsApi(DatasetRepository datasets, HistoryRepository histories, GalaxyIdEncoder ids)
{
    /// <summary>Displays information about and/or content of a dataset.</summary>
    /// <param name="user">The caller.</param>
    /// <param name="context">The request.</param>
    /// <param name="dataset_id">The ID of the History Dataset.</param>
    /// <param name="hda_ldda">The type of information about the dataset to be requested.</param>
    /// <param name="view">View to be passed to the serializer</param>
    /// <param name="keys">Comma-separated list of keys to be passed to the serializer</param>
    /// <param name="cancellationToken">Aborted with the request.</param>
    [Get("/api/datasets/{dataset_id}")]
    public async Task<HDADetailed> Show(
        GalaxyUser user,
        HttpContext context,
        GalaxyId dataset_id,
        DatasetSourceType hda_ldda = DatasetSourceType.Hda,
        string? view = null,
        string? keys = null,
        CancellationToken cancellationToken = default)
    {
        GalaxyResponseKeys.Select(context, GalaxyResponseKeys.FromViewAndKeys(view, keys, GalaxyViews.Datasets, "detailed"));
        // This server has no data libraries: every library dataset is unknown.
        var dataset = (hda_ldda == DatasetSourceType.Hda ? await datasets.FindAsync(dataset_id.Value, cancellationToken) : null)
            ?? throw new ObjectNotFoundException($"Dataset {ids.Encode(dataset_id)} not found.");
        var history = await histories.FindAsync(dataset.HistoryId, cancellationToken) ?? throw new ObjectNotFoundException("History not found.");
        if (!HistoryAccess.CanSee(history, user.Id.Value, user.IsAdmin))
        {
            throw new ItemAccessibilityException("History is not accessible by the current user.");
        }

        var pathBase = context.Request.PathBase.Value ?? string.Empty;
        var id = ids.Encode(dataset.Id);
        return new HDADetailed
        {
            Id = new GalaxyId(dataset.Id),
            DatasetId = new GalaxyId(dataset.Id),
            Name = dataset.Name,
            HistoryId = new GalaxyId(dataset.HistoryId),
            Hid = dataset.Hid,
            TypeId = "dataset-" + id,
            State = HistoryMapping.State(dataset.State),
            Extension = dataset.Extension,
            FileExt = dataset.Extension,
            FileSize = dataset.FileSize,
            Deleted = dataset.Deleted,
            Purged = dataset.Purged,
            Visible = dataset.Visible,
            GenomeBuild = dataset.GenomeBuild,
            MiscInfo = dataset.MiscInfo,
            MiscBlurb = dataset.MiscBlurb,
            Peek = dataset.Peek,
            Annotation = dataset.Annotation,
            Tags = HistoryMapping.Tags(dataset.Tags),
            CreateTime = dataset.CreateTime,
            UpdateTime = dataset.UpdateTime,
            Uuid = dataset.Uuid,
            Url = $"{pathBase}/api/histories/{ids.Encode(dataset.HistoryId)}/contents/{id}",
            DownloadUrl = $"{pathBase}/api/datasets/{id}/display?to_ext={Uri.EscapeDataString(dataset.Extension)}",
            HdaLdda = DatasetSourceType.Hda,
            // Members Galaxy always writes and this server has no more to say about.
            Accessible = true,
            CreatingJob = string.Empty,
            DataType = "galaxy.datatypes.data.Text",
            DisplayApps = [],
            DisplayTypes = [],
            MetaFiles = [],
            Permissions = new DatasetPermissions { Access = [], Manage = [] },
            Rerunnable = false,
            Resubmitted = false,
            ValidatedState = DatasetValidatedState.Unknown,
            Visualizations = [],
        };
    }
}
