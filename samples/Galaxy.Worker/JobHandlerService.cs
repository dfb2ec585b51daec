using System.Globalization;
using System.Text;
using Galaxy.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Galaxy.Worker;

/// <summary>
/// Runs queued jobs one at a time: claims the oldest (the job and its dataset become <c>running</c>), simulates the tool for
/// <see cref="WorkerOptions.JobDuration"/>, then marks the dataset <c>ok</c> with its content. Sleeps
/// <see cref="WorkerOptions.PollInterval"/> when nothing is queued. On shutdown the job in hand is put back in the queue
/// (not left running); at start the jobs this handler left running are requeued.
/// </summary>
/// <param name="database">The shared database.</param>
/// <param name="jobs">The job queue.</param>
/// <param name="options">The worker's settings.</param>
/// <param name="clock">The clock of the waits.</param>
/// <param name="logger">Where progress is logged.</param>
public sealed partial class JobHandlerService(GalaxyDatabase database, JobRepository jobs, WorkerOptions options, TimeProvider clock, ILogger<JobHandlerService> logger)
    : BackgroundService
{
    /// <summary>The number of jobs this instance finished.</summary>
    public int Completed => Volatile.Read(ref _completed);

    private int _completed;

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var info = await database.InitializeAsync(stoppingToken).ConfigureAwait(false);
        var recovered = await jobs.RecoverAsync(options.Name, stoppingToken).ConfigureAwait(false);
        LogStarted(logger, options.Name, info.Path, options.PollInterval, recovered);
        while (!stoppingToken.IsCancellationRequested)
        {
            JobRow? job;
            try
            {
                job = await jobs.ClaimNextAsync(options.Name, stoppingToken).ConfigureAwait(false);
            }
            catch (SqliteException exception) when (GalaxyDatabase.IsBusy(exception))
            {
                // Busy past the timeout: another process holds the write lock; try again after the poll interval.
                LogBusy(logger, exception);
                job = null;
            }

            if (job is null)
            {
                try
                {
                    await Task.Delay(options.PollInterval, clock, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                continue;
            }

            await RunAsync(job, stoppingToken).ConfigureAwait(false);
        }

        LogStopped(logger, options.Name, Completed);
    }

    private async Task RunAsync(JobRow job, CancellationToken stoppingToken)
    {
        LogClaimed(logger, job.Id, job.ToolId, job.OutputDatasetId);
        try
        {
            await Task.Delay(options.JobDuration, clock, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Graceful shutdown: the job goes back to the queue for the next worker, never left half-done.
            await jobs.RequeueAsync(job.Id, CancellationToken.None).ConfigureAwait(false);
            LogRequeued(logger, job.Id);
            return;
        }

        try
        {
            var dataset = await jobs.CompleteAsync(job.Id, SimulatedOutput(job), $"Simulated by {options.Name}.", CancellationToken.None).ConfigureAwait(false);
            Interlocked.Increment(ref _completed);
            LogCompleted(logger, job.Id, job.OutputDatasetId, dataset?.FileSize ?? 0);
        }
        catch (SqliteException exception)
        {
            LogFailed(logger, exception, job.Id);
            await jobs.FailAsync(job.Id, "The worker could not record the job's output.", CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static string SimulatedOutput(JobRow job)
    {
        var text = new StringBuilder();
        for (var line = 1; line <= 3; line++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{job.ToolId}\tjob {job.Id}\tline {line}\n");
        }

        return text.ToString();
    }

    [LoggerMessage(EventId = 5000, Level = LogLevel.Information, Message = "Worker {Name} started on {Path}; polling every {PollInterval}; {Recovered} job(s) it had left running requeued")]
    private static partial void LogStarted(ILogger logger, string name, string path, TimeSpan pollInterval, int recovered);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Job {JobId} ({ToolId}) claimed; dataset {DatasetId} is running")]
    private static partial void LogClaimed(ILogger logger, long jobId, string toolId, long datasetId);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Job {JobId} finished; dataset {DatasetId} is ok ({Size} bytes)")]
    private static partial void LogCompleted(ILogger logger, long jobId, long datasetId, long size);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Information, Message = "Job {JobId} put back in the queue: the worker is stopping")]
    private static partial void LogRequeued(ILogger logger, long jobId);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Warning, Message = "The database stayed busy; polling again")]
    private static partial void LogBusy(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Error, Message = "Job {JobId} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, long jobId);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Information, Message = "Worker {Name} stopped after {Completed} job(s)")]
    private static partial void LogStopped(ILogger logger, string name, int completed);
}
