using Microsoft.Data.Sqlite;

namespace Galaxy.Data;

/// <summary>
/// The job queue shared by the web app (which queues) and the workers (which claim, run and finish). Claiming is one
/// <c>BEGIN IMMEDIATE</c> transaction, so two workers, in one process or several, never get the same job.
/// </summary>
/// <param name="database">The database.</param>
public sealed class JobRepository(GalaxyDatabase database)
{
    private const string Columns = "id, tool_id, user_id, history_id, output_dataset_id, state, handler, info, create_time, update_time";

    /// <summary>
    /// Queues a run of <paramref name="toolId"/>: its output dataset (state <c>queued</c>) joins the history and the job is
    /// queued, in one transaction. Null when the history does not exist or is purged.
    /// </summary>
    public Task<(JobRow Job, DatasetRow Output)?> EnqueueAsync(long userId, long historyId, string toolId, string outputName, string extension = "txt", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(toolId);
        ArgumentNullException.ThrowIfNull(outputName);
        return database.WriteAsync<(JobRow, DatasetRow)?>(
            async (connection, transaction) =>
            {
                var now = database.Now();
                var output = await DatasetRepository.CreateAsync(connection, transaction, historyId, new NewDataset(outputName, extension, DatasetStates.Queued), now, cancellationToken)
                    .ConfigureAwait(false);
                if (output is null)
                {
                    return null;
                }

                await using var insert = connection.Command(
                    $"""
                    INSERT INTO jobs (tool_id, user_id, history_id, output_dataset_id, state, create_time, update_time)
                    VALUES ($tool, $user, $history, $output, 'queued', $now, $now) RETURNING {Columns};
                    """,
                    transaction);
                var job = await ReadOneAsync(
                    insert.With("$tool", toolId).With("$user", userId).With("$history", historyId).With("$output", output.Id).With("$now", now), cancellationToken)
                    .ConfigureAwait(false);
                return (job!, output);
            },
            cancellationToken);
    }

    /// <summary>The job with the given id; null when there is none.</summary>
    public Task<JobRow?> FindAsync(long id, CancellationToken cancellationToken = default)
        => database.ReadAsync(
            async connection =>
            {
                await using var command = connection.Command($"SELECT {Columns} FROM jobs WHERE id = $id;");
                return await ReadOneAsync(command.With("$id", id), cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);

    /// <summary>Claims the oldest queued job for <paramref name="handler"/>: the job and its dataset become <c>running</c>. Null when none is queued.</summary>
    public Task<JobRow?> ClaimNextAsync(string handler, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(handler);
        return database.WriteAsync(
            async (connection, transaction) =>
            {
                var now = database.Now();
                await using var claim = connection.Command(
                    $"""
                    UPDATE jobs SET state = 'running', handler = $handler, update_time = $now
                    WHERE id = (SELECT id FROM jobs WHERE state = 'queued' ORDER BY id LIMIT 1)
                    RETURNING {Columns};
                    """,
                    transaction);
                var job = await ReadOneAsync(claim.With("$handler", handler).With("$now", now), cancellationToken).ConfigureAwait(false);
                if (job is not null)
                {
                    await SetDatasetStateAsync(connection, transaction, job.OutputDatasetId, DatasetStates.Running, now, cancellationToken).ConfigureAwait(false);
                }

                return job;
            },
            cancellationToken);
    }

    /// <summary>
    /// Finishes a running job: the job is <c>ok</c>, its dataset <c>ok</c> with the content's size, peek and blurb, and the
    /// size is added to the owner's disk usage (unless the dataset was purged meanwhile). Null when the job is not running.
    /// </summary>
    public Task<DatasetRow?> CompleteAsync(long jobId, string content, string? miscInfo = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        return database.WriteAsync(
            async (connection, transaction) =>
            {
                var now = database.Now();
                var job = await FinishAsync(connection, transaction, jobId, JobStates.Ok, null, now, cancellationToken).ConfigureAwait(false);
                if (job is null)
                {
                    return null;
                }

                var described = DatasetContent.Describe(content);
                await using var dataset = connection.Command(
                    """
                    UPDATE users SET total_disk_usage = total_disk_usage + $size
                    WHERE id = $user AND (SELECT purged FROM datasets WHERE id = $dataset) = 0;
                    UPDATE datasets SET state = 'ok', file_size = $size, peek = $peek, misc_blurb = $blurb, misc_info = $info, update_time = $now
                    WHERE id = $dataset;
                    """,
                    transaction);
                await dataset.With("$size", described.Size).With("$user", job.UserId).With("$dataset", job.OutputDatasetId).With("$peek", described.Peek)
                    .With("$blurb", described.Blurb).With("$info", miscInfo).With("$now", now).ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                return await DatasetRepository.FindAsync(connection, transaction, job.OutputDatasetId, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);
    }

    /// <summary>Fails a running job: the job and its dataset are <c>error</c>, with <paramref name="reason"/>. False when the job is not running.</summary>
    public Task<bool> FailAsync(long jobId, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reason);
        return database.WriteAsync(
            async (connection, transaction) =>
            {
                var now = database.Now();
                var job = await FinishAsync(connection, transaction, jobId, JobStates.Error, reason, now, cancellationToken).ConfigureAwait(false);
                if (job is null)
                {
                    return false;
                }

                await using var dataset = connection.Command("UPDATE datasets SET state = 'error', misc_info = $info, update_time = $now WHERE id = $dataset;", transaction);
                await dataset.With("$info", reason).With("$now", now).With("$dataset", job.OutputDatasetId).ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                return true;
            },
            cancellationToken);
    }

    /// <summary>Puts a running job back in the queue (a worker stopping before it finished). False when the job is not running.</summary>
    public Task<bool> RequeueAsync(long jobId, CancellationToken cancellationToken = default)
        => database.WriteAsync(
            async (connection, transaction) =>
            {
                var now = database.Now();
                await using var command = connection.Command(
                    "UPDATE jobs SET state = 'queued', handler = NULL, update_time = $now WHERE id = $id AND state = 'running' RETURNING output_dataset_id;", transaction);
                if (await command.With("$id", jobId).With("$now", now).ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not long dataset)
                {
                    return false;
                }

                await SetDatasetStateAsync(connection, transaction, dataset, DatasetStates.Queued, now, cancellationToken).ConfigureAwait(false);
                return true;
            },
            cancellationToken);

    /// <summary>
    /// Puts back in the queue the jobs <paramref name="handler"/> left running (it stopped without finishing them), as Galaxy's
    /// job handlers recover their jobs at start.
    /// </summary>
    /// <returns>How many jobs were requeued.</returns>
    public Task<int> RecoverAsync(string handler, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(handler);
        return database.WriteAsync(
            async (connection, transaction) =>
            {
                var now = database.Now();
                await using var command = connection.Command(
                    """
                    UPDATE datasets SET state = 'queued', update_time = $now
                    WHERE id IN (SELECT output_dataset_id FROM jobs WHERE state = 'running' AND handler = $handler);
                    UPDATE jobs SET state = 'queued', handler = NULL, update_time = $now WHERE state = 'running' AND handler = $handler;
                    """,
                    transaction);
                await command.With("$handler", handler).With("$now", now).ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                await using var changes = connection.Command("SELECT changes();", transaction);
                return (int)(long)(await changes.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            },
            cancellationToken);
    }

    private static async Task<JobRow?> FinishAsync(
        SqliteConnection connection, SqliteTransaction transaction, long jobId, string state, string? info, DateTime now, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(
            $"UPDATE jobs SET state = $state, info = $info, update_time = $now WHERE id = $id AND state = 'running' RETURNING {Columns};", transaction);
        return await ReadOneAsync(command.With("$state", state).With("$info", info).With("$now", now).With("$id", jobId), cancellationToken).ConfigureAwait(false);
    }

    private static async Task SetDatasetStateAsync(SqliteConnection connection, SqliteTransaction transaction, long datasetId, string state, DateTime now, CancellationToken cancellationToken)
    {
        await using var command = connection.Command("UPDATE datasets SET state = $state, update_time = $now WHERE id = $id;", transaction);
        await command.With("$state", state).With("$now", now).With("$id", datasetId).ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<JobRow?> ReadOneAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new JobRow(
            Id: reader.GetInt64(0),
            ToolId: reader.GetString(1),
            UserId: reader.GetInt64(2),
            HistoryId: reader.GetInt64(3),
            OutputDatasetId: reader.GetInt64(4),
            State: reader.GetString(5),
            Handler: reader.Text(6),
            Info: reader.Text(7),
            CreateTime: reader.Time(8),
            UpdateTime: reader.Time(9));
    }
}
