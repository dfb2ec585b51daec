using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Galaxy.Data;

/// <summary>A dataset to add to a history.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Extension">Its datatype's extension.</param>
/// <param name="State">Its state (<see cref="DatasetStates"/>).</param>
/// <param name="Content">Its content, when known: gives the size, the peek and the blurb.</param>
public sealed record NewDataset(string Name, string Extension = "txt", string State = DatasetStates.Ok, string? Content = null)
{
    /// <summary>Whether the dataset is shown by default.</summary>
    public bool Visible { get; init; } = true;

    /// <summary>The genome build.</summary>
    public string GenomeBuild { get; init; } = "?";

    /// <summary>Information about how it was made.</summary>
    public string? MiscInfo { get; init; }
}

/// <summary>Datasets of histories: show, list a history's contents, create.</summary>
/// <param name="database">The database.</param>
public sealed class DatasetRepository(GalaxyDatabase database)
{
    private const string Select = """
        SELECT d.id, d.history_id, d.hid, d.name, d.state, d.extension, d.file_size, d.deleted, d.purged, d.visible, d.genome_build,
               d.misc_info, d.misc_blurb, d.peek, d.annotation, d.tags, d.uuid, d.create_time, d.update_time
        FROM datasets d
        """;

    /// <summary>The dataset with the given id; null when there is none.</summary>
    public Task<DatasetRow?> FindAsync(long id, CancellationToken cancellationToken = default)
        => database.ReadAsync(connection => FindAsync(connection, null, id, cancellationToken), cancellationToken);

    /// <summary>The datasets of a history that match <paramref name="query"/>.</summary>
    public Task<IReadOnlyList<DatasetRow>> ListAsync(long historyId, DatasetListQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return database.ReadAsync<IReadOnlyList<DatasetRow>>(
            async connection =>
            {
                await using var command = connection.CreateCommand();
                var sql = new StringBuilder(Select).Append(" WHERE d.history_id = $history");
                command.With("$history", historyId);
                QueryFilters.AppendWhere(sql, command, query.Filters);
                var direction = query.Order.Descending ? " DESC" : " ASC";
                sql.Append(" ORDER BY ").Append(query.Order.Column).Append(direction).Append(", d.id").Append(direction).Append(" LIMIT $limit OFFSET $offset;");
                command.With("$limit", query.Limit ?? -1L).With("$offset", (long)query.Offset);
                command.CommandText = sql.ToString();
                return await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);
    }

    /// <summary>Adds a dataset to a history with the next hid; null when the history does not exist.</summary>
    public Task<DatasetRow?> CreateAsync(long historyId, NewDataset dataset, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (!DatasetStates.IsKnown(dataset.State))
        {
            throw new ArgumentException($"'{dataset.State}' is not a dataset state.", nameof(dataset));
        }

        return database.WriteAsync(
            (connection, transaction) => CreateAsync(connection, transaction, historyId, dataset, database.Now(), cancellationToken),
            cancellationToken);
    }

    internal static async Task<DatasetRow?> CreateAsync(
        SqliteConnection connection, SqliteTransaction transaction, long historyId, NewDataset dataset, DateTime now, CancellationToken cancellationToken)
    {
        long hid;
        await using (var next = connection.Command(
            "UPDATE histories SET hid_counter = hid_counter + 1, update_time = $now WHERE id = $history AND purged = 0 RETURNING hid_counter - 1;", transaction))
        {
            if (await next.With("$history", historyId).With("$now", now).ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not long allocated)
            {
                return null;
            }

            hid = allocated;
        }

        var content = DatasetContent.Describe(dataset.Content);
        await using var insert = connection.Command(
            """
            INSERT INTO datasets (history_id, hid, name, state, extension, file_size, visible, genome_build, misc_info, misc_blurb, peek, uuid, create_time, update_time)
            VALUES ($history, $hid, $name, $state, $extension, $size, $visible, $genome_build, $misc_info, $misc_blurb, $peek, $uuid, $now, $now)
            RETURNING id;
            """,
            transaction);
        var id = (long)(await insert.With("$history", historyId).With("$hid", hid).With("$name", dataset.Name).With("$state", dataset.State)
            .With("$extension", dataset.Extension).With("$size", content.Size).With("$visible", dataset.Visible).With("$genome_build", dataset.GenomeBuild)
            .With("$misc_info", dataset.MiscInfo).With("$misc_blurb", content.Blurb).With("$peek", content.Peek).With("$uuid", Guid.NewGuid()).With("$now", now)
            .ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        if (content.Size > 0)
        {
            await using var usage = connection.Command(
                "UPDATE users SET total_disk_usage = total_disk_usage + $size WHERE id = (SELECT user_id FROM histories WHERE id = $history);", transaction);
            await usage.With("$size", content.Size).With("$history", historyId).ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return await FindAsync(connection, transaction, id, cancellationToken).ConfigureAwait(false);
    }

    internal static async Task<DatasetRow?> FindAsync(SqliteConnection connection, SqliteTransaction? transaction, long id, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(Select + " WHERE d.id = $id;", transaction);
        command.With("$id", id);
        var rows = await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    private static async Task<IReadOnlyList<DatasetRow>> ReadAllAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<DatasetRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new DatasetRow(
                Id: reader.GetInt64(0),
                HistoryId: reader.GetInt64(1),
                Hid: reader.GetInt64(2),
                Name: reader.GetString(3),
                State: reader.GetString(4),
                Extension: reader.GetString(5),
                FileSize: reader.GetInt64(6),
                Deleted: reader.Flag(7),
                Purged: reader.Flag(8),
                Visible: reader.Flag(9),
                GenomeBuild: reader.Text(10),
                MiscInfo: reader.Text(11),
                MiscBlurb: reader.Text(12),
                Peek: reader.Text(13),
                Annotation: reader.Text(14),
                Tags: JsonText.ReadStringArray(reader.GetString(15)),
                Uuid: Guid.Parse(reader.GetString(16)),
                CreateTime: reader.Time(17),
                UpdateTime: reader.Time(18)));
        }

        return rows;
    }
}

/// <summary>What Galaxy shows of a dataset's content: its size, a peek at the first lines and a blurb.</summary>
internal readonly record struct DatasetContent(long Size, string? Peek, string? Blurb)
{
    private const int PeekLines = 5;

    public static DatasetContent Describe(string? content)
    {
        if (content is null)
        {
            return default;
        }

        var lines = content.Split('\n');
        var count = content.Length == 0 ? 0 : content.EndsWith('\n') ? lines.Length - 1 : lines.Length;
        var blurb = count == 1 ? "1 line" : count.ToString(CultureInfo.InvariantCulture) + " lines";
        return new DatasetContent(Encoding.UTF8.GetByteCount(content), string.Join('\n', lines.Take(Math.Min(count, PeekLines))), blurb);
    }
}
