using Galaxy.Api.Toolkit.Migration.Forwarding;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Galaxy.Api.Toolkit.Migration.Shadow;

/// <summary>
/// The shadow workers (<see cref="ShadowOptions.MaxConcurrency"/> of them): take mirrors from the queue, send each to the
/// other side with the timeout, compare the answers and record the result. A worker waits for its mirror, so no more
/// than that many are ever in flight; the queue absorbs bursts and drops the rest.
/// </summary>
internal sealed partial class ShadowWorker(ShadowTraffic traffic, ILogger<ShadowWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = traffic.Settings;
        if (!settings.Enabled)
        {
            return;
        }

        var options = settings.Options;
        LogStarted(logger, settings.Rules.Count, options.QueueCapacity, options.MaxConcurrency, options.Timeout);
        var workers = new Task[options.MaxConcurrency];
        for (var i = 0; i < workers.Length; i++)
        {
            workers[i] = RunAsync(options, stoppingToken);
        }

        try
        {
            await Task.WhenAll(workers).ConfigureAwait(false);
        }
        finally
        {
            // Stopping: what is still queued is let go.
            while (traffic.Queue.Reader.TryRead(out var job))
            {
                traffic.Queue.Taken(job);
                job.Dispose();
            }
        }
    }

    private async Task RunAsync(ShadowOptions options, CancellationToken stoppingToken)
    {
        await Task.Yield();
        var reader = traffic.Queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                while (reader.TryRead(out var job))
                {
                    traffic.Queue.Taken(job);
                    using (job)
                    {
                        await MirrorAsync(job, options, stoppingToken).ConfigureAwait(false);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task MirrorAsync(ShadowJob job, ShadowOptions options, CancellationToken stoppingToken)
    {
        var recorder = traffic.Recorder;
        try
        {
            MirrorResponse shadow;
            using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken))
            {
                deadline.CancelAfter(options.Timeout);
                try
                {
                    shadow = await job.Target.SendAsync(job.Request, options.MaxBodyBytes, deadline.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (OperationCanceledException) when (deadline.IsCancellationRequested)
                {
                    recorder.Timeout(job, options.Timeout);
                    return;
                }

                if (deadline.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
                {
                    // It answered, but only once told to stop: what it answered is not what it would have.
                    recorder.Timeout(job, options.Timeout);
                    return;
                }
            }

            if (shadow.Failure is { } failure)
            {
                recorder.Failed(job, failure);
                return;
            }

            if (shadow.Truncated || shadow.Body.Length > options.MaxBodyBytes)
            {
                recorder.Skipped(job.Rule, job.Route, job.Request.Method, job.Request.Path.Value ?? "/", $"the {job.Rule.ShadowSide} side's response body is over MaxBodyBytes");
                return;
            }

            var comparison = ShadowComparer.Compare(
                job.PrimaryStatus, job.PrimaryContentType, job.PrimaryBody, shadow.Status, shadow.ContentType, shadow.Body, job.Rule.Ignore);
            if (comparison.IsMatch)
            {
                recorder.Match(job);
            }
            else
            {
                recorder.Difference(job, shadow, comparison);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // A broken mirror is recorded; the worker goes on with the next.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            recorder.WorkerError(job, exception);
        }
    }

    [LoggerMessage(EventId = MigrationLogEvents.ShadowStarted, Level = LogLevel.Information,
        Message = "Shadow traffic on: {RuleCount} rule(s), queue of {QueueCapacity}, {MaxConcurrency} worker(s), timeout {Timeout}")]
    private static partial void LogStarted(ILogger logger, int ruleCount, int queueCapacity, int maxConcurrency, TimeSpan timeout);
}
