using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Galaxy.Data;

/// <summary>Histories: list with Galaxy's filters, show, create, update, delete and purge. Every write is one transaction.</summary>
/// <param name="database">The database.</param>
public sealed class HistoryRepository(GalaxyDatabase database)
{
    private const string Select = """
        SELECT h.id, h.user_id, u.username, h.name, h.annotation, h.tags, h.published, h.importable, h.deleted, h.purged, h.archived,
               h.genome_build, h.slug, h.create_time, h.update_time, h.hid_counter, h.preferred_object_store_id,
               (SELECT COUNT(*) FROM datasets d WHERE d.history_id = h.id) AS count,
               (SELECT COALESCE(SUM(d.file_size), 0) FROM datasets d WHERE d.history_id = h.id AND d.purged = 0) AS size
        FROM histories h LEFT JOIN users u ON u.id = h.user_id
        """;

    /// <summary>The histories of a user that match <paramref name="query"/>.</summary>
    public Task<IReadOnlyList<HistoryRow>> ListAsync(long userId, HistoryListQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return database.ReadAsync<IReadOnlyList<HistoryRow>>(
            async connection =>
            {
                await using var command = connection.CreateCommand();
                var sql = new StringBuilder(Select).Append(" WHERE h.user_id = $user");
                command.With("$user", userId);
                if (!query.FiltersDeleted)
                {
                    sql.Append(" AND h.deleted = 0");
                }

                QueryFilters.AppendWhere(sql, command, query.Filters);
                var direction = query.Order.Descending ? " DESC" : " ASC";
                sql.Append(" ORDER BY ").Append(query.Order.Column).Append(direction).Append(", h.id").Append(direction)
                    .Append(" LIMIT $limit OFFSET $offset;");
                command.With("$limit", query.Limit ?? -1L).With("$offset", (long)query.Offset);
                command.CommandText = sql.ToString();
                return await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);
    }

    /// <summary>The history with the given id, deleted or not; null when there is none.</summary>
    public Task<HistoryRow?> FindAsync(long id, CancellationToken cancellationToken = default)
        => database.ReadAsync(connection => FindAsync(connection, null, id, cancellationToken), cancellationToken);

    /// <summary>The (id, state) of the datasets of a history that are not deleted, by hid, for <see cref="HistoryContentsState.From"/>.</summary>
    public Task<HistoryContentsState> GetContentsStateAsync(long historyId, CancellationToken cancellationToken = default)
        => database.ReadAsync(
            async connection =>
            {
                await using var command = connection.Command("SELECT id, state FROM datasets WHERE history_id = $history AND deleted = 0 ORDER BY hid;");
                command.With("$history", historyId);
                var datasets = new List<(long, string)>();
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    datasets.Add((reader.GetInt64(0), reader.GetString(1)));
                }

                return HistoryContentsState.From(datasets);
            },
            cancellationToken);

    /// <summary>Creates a history owned by <paramref name="userId"/>.</summary>
    public Task<HistoryRow> CreateAsync(long userId, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        return database.WriteAsync(
            async (connection, transaction) =>
            {
                var now = database.Now();
                await using var insert = connection.Command(
                    "INSERT INTO histories (user_id, name, create_time, update_time) VALUES ($user, $name, $now, $now) RETURNING id;", transaction);
                var id = (long)(await insert.With("$user", userId).With("$name", name).With("$now", now).ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
                return (await FindAsync(connection, transaction, id, cancellationToken).ConfigureAwait(false))!;
            },
            cancellationToken);
    }

    /// <summary>
    /// Applies <paramref name="update"/>; null when the history does not exist. Purging marks the datasets purged, takes
    /// their size off the owner's disk usage and deletes the history's queued jobs, in the same transaction.
    /// </summary>
    /// <exception cref="GalaxyDataException">The change is not allowed (undeleting or unpurging a purged history).</exception>
    public Task<HistoryRow?> UpdateAsync(long id, HistoryUpdate update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        return database.WriteAsync(
            async (connection, transaction) =>
            {
                var current = await FindAsync(connection, transaction, id, cancellationToken).ConfigureAwait(false);
                if (current is null)
                {
                    return null;
                }

                if (current.Purged && update.Purged is { IsSet: true, Value: false })
                {
                    throw new GalaxyDataException("A purged history cannot be unpurged.");
                }

                var purged = current.Purged || update.Purged is { IsSet: true, Value: true };
                if (purged && update.Deleted is { IsSet: true, Value: false })
                {
                    throw new GalaxyDataException("A purged history cannot be undeleted.");
                }

                var deleted = purged || (update.Deleted.IsSet ? update.Deleted.Value : current.Deleted);
                var published = update.Published.IsSet ? update.Published.Value : update.Importable is { IsSet: true, Value: false } ? false : current.Published;
                var importable = (update.Importable.IsSet ? update.Importable.Value : current.Importable) || published;
                var name = update.Name.IsSet ? update.Name.Value : current.Name;
                var slug = current.Slug ?? (importable ? await UniqueSlugAsync(connection, transaction, current, name, cancellationToken).ConfigureAwait(false) : null);
                var now = database.Now();

                await using (var command = connection.Command(
                    """
                    UPDATE histories SET name = $name, annotation = $annotation, tags = $tags, published = $published, importable = $importable,
                        deleted = $deleted, purged = $purged, genome_build = $genome_build, slug = $slug, update_time = $now
                    WHERE id = $id;
                    """,
                    transaction))
                {
                    await command.With("$id", id).With("$name", name)
                        .With("$annotation", update.Annotation.IsSet ? update.Annotation.Value : current.Annotation)
                        .With("$tags", JsonText.WriteStringArray(update.Tags.IsSet ? update.Tags.Value : current.Tags))
                        .With("$published", published).With("$importable", importable).With("$deleted", deleted).With("$purged", purged)
                        .With("$genome_build", update.GenomeBuild.IsSet ? update.GenomeBuild.Value : current.GenomeBuild)
                        .With("$slug", slug).With("$now", now)
                        .ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                if (purged && !current.Purged)
                {
                    await PurgeDatasetsAsync(connection, transaction, current, now, cancellationToken).ConfigureAwait(false);
                }

                return await FindAsync(connection, transaction, id, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);
    }

    /// <summary>Marks the history deleted, and purged with <paramref name="purge"/>; null when it does not exist.</summary>
    public Task<HistoryRow?> DeleteAsync(long id, bool purge, CancellationToken cancellationToken = default)
        => UpdateAsync(id, new HistoryUpdate { Deleted = Change<bool>.To(true), Purged = purge ? Change<bool>.To(true) : default }, cancellationToken);

    internal static async Task<HistoryRow?> FindAsync(SqliteConnection connection, SqliteTransaction? transaction, long id, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(Select + " WHERE h.id = $id;", transaction);
        command.With("$id", id);
        var rows = await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    private static async Task PurgeDatasetsAsync(SqliteConnection connection, SqliteTransaction transaction, HistoryRow history, DateTime now, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(
            """
            UPDATE users SET total_disk_usage = MAX(0, total_disk_usage - (SELECT COALESCE(SUM(file_size), 0) FROM datasets WHERE history_id = $history AND purged = 0)),
                update_time = $now
            WHERE id = $user;
            UPDATE datasets SET deleted = 1, purged = 1, update_time = $now WHERE history_id = $history AND purged = 0;
            UPDATE jobs SET state = 'deleted', update_time = $now WHERE history_id = $history AND state = 'queued';
            """,
            transaction);
        await command.With("$history", history.Id).With("$user", history.UserId).With("$now", now).ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<string> UniqueSlugAsync(SqliteConnection connection, SqliteTransaction transaction, HistoryRow history, string name, CancellationToken cancellationToken)
    {
        // Galaxy's slug: lower case, runs of other characters as one '-'; unique among the owner's histories.
        var slug = new StringBuilder();
        foreach (var c in name.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        var stem = slug.ToString().Trim('-') is { Length: > 0 } text ? text : "history";
        for (var n = 1; ; n++)
        {
            var candidate = n == 1 ? stem : stem + "-" + n.ToString(CultureInfo.InvariantCulture);
            await using var exists = connection.Command("SELECT 1 FROM histories WHERE user_id IS $user AND slug = $slug AND id <> $id;", transaction);
            if (await exists.With("$user", history.UserId).With("$slug", candidate).With("$id", history.Id).ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is null)
            {
                return candidate;
            }
        }
    }

    private static async Task<IReadOnlyList<HistoryRow>> ReadAllAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<HistoryRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new HistoryRow(
                Id: reader.GetInt64(0),
                UserId: reader.Number(1),
                Username: reader.Text(2),
                Name: reader.GetString(3),
                Annotation: reader.Text(4),
                Tags: JsonText.ReadStringArray(reader.GetString(5)),
                Published: reader.Flag(6),
                Importable: reader.Flag(7),
                Deleted: reader.Flag(8),
                Purged: reader.Flag(9),
                Archived: reader.Flag(10),
                GenomeBuild: reader.Text(11),
                Slug: reader.Text(12),
                CreateTime: reader.Time(13),
                UpdateTime: reader.Time(14),
                HidCounter: reader.GetInt64(15),
                PreferredObjectStoreId: reader.Text(16),
                Count: reader.GetInt64(17),
                Size: reader.GetInt64(18)));
        }

        return rows;
    }
}
