using System.Diagnostics.Metrics;
using System.Text;
using Galaxy.Api.Toolkit.Migration.Forwarding;
using Microsoft.Extensions.Logging;

namespace Galaxy.Api.Toolkit.Migration.Shadow;

/// <summary>What became of a request a rule covered.</summary>
internal enum ShadowResult
{
    /// <summary>Both sides answered the same.</summary>
    Match,

    /// <summary>The answers differ.</summary>
    Difference,

    /// <summary>Not mirrored: the queue was full.</summary>
    Dropped,

    /// <summary>The other side gave no answer (unreachable, threw).</summary>
    Failed,

    /// <summary>The other side did not answer within <see cref="ShadowOptions.Timeout"/>.</summary>
    Timeout,

    /// <summary>Not compared: a body over <see cref="ShadowOptions.MaxBodyBytes"/>, the client went away, routing changed...</summary>
    Skipped,
}

/// <summary>One difference, as the admin endpoint lists it.</summary>
internal sealed record ShadowDifferenceRecord(
    DateTimeOffset Time,
    string Method,
    string Path,
    string Rule,
    string Route,
    ShadowDifferenceKind Kind,
    ShadowAnswer Primary,
    ShadowAnswer Shadow,
    IReadOnlyList<string> Paths,
    int TotalPaths);

/// <summary>One side's answer in a <see cref="ShadowDifferenceRecord"/>.</summary>
internal sealed record ShadowAnswer(string Side, int Status, string? ContentType, int BodyLength, string Excerpt);

/// <summary>
/// Keeps the shadow results: counts per rule and result (lock-free), the <c>galaxy.shadow.mirrored</c> counter, a log
/// line per difference, and the latest differences for the admin endpoint (a ring buffer).
/// </summary>
internal sealed partial class ShadowRecorder
{
    /// <summary>The most body bytes an excerpt shows.</summary>
    public const int ExcerptBytes = 1024;

    private static readonly string[] ResultNames = ["match", "difference", "dropped", "failed", "timeout", "skipped"];

    private readonly long[][] _counts;
    private readonly Counter<long> _mirrored;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ShadowDifferenceRecord?[] _recent;
    private readonly Lock _recentLock = new();
    private int _next;
    private int _dropping;

    public ShadowRecorder(ShadowSettings settings, MigrationMetrics metrics, TimeProvider time, ILogger<ShadowRecorder> logger)
    {
        _counts = [.. settings.Rules.Select(static _ => new long[ResultNames.Length])];
        _time = time;
        _logger = logger;
        _recent = new ShadowDifferenceRecord?[settings.Options.MaxRecordedDifferences];
        Since = time.GetUtcNow();
        _mirrored = metrics.Meter.CreateCounter<long>(
            "galaxy.shadow.mirrored", "{request}", "Requests covered by a shadow rule, by result: match, difference, dropped, failed, timeout or skipped.");
    }

    /// <summary>When counting started.</summary>
    public DateTimeOffset Since { get; }

    public static string Name(ShadowResult result) => ResultNames[(int)result];

    public long Count(int rule, ShadowResult result) => Interlocked.Read(ref _counts[rule][(int)result]);

    public long Total(ShadowResult result)
    {
        long total = 0;
        for (var rule = 0; rule < _counts.Length; rule++)
        {
            total += Count(rule, result);
        }

        return total;
    }

    /// <summary>The latest differences, newest first.</summary>
    public IReadOnlyList<ShadowDifferenceRecord> Recent()
    {
        lock (_recentLock)
        {
            var list = new List<ShadowDifferenceRecord>(_recent.Length);
            for (var i = 1; i <= _recent.Length; i++)
            {
                if (_recent[(_next - i + _recent.Length) % _recent.Length] is { } record)
                {
                    list.Add(record);
                }
            }

            return list;
        }
    }

    public void Match(ShadowJob job) => Count(job.Rule, job.Route, ShadowResult.Match);

    public void Dropped(CompiledShadowRule rule, string route, string method, string path, string reason)
    {
        Count(rule, route, ShadowResult.Dropped);
        // One warning when dropping starts, not one per request.
        if (Interlocked.Exchange(ref _dropping, 1) == 0)
        {
            LogDroppingStarted(_logger, reason);
        }

        LogDropped(_logger, method, path, reason);
    }

    /// <summary>A mirror was queued: dropping (if it was) has stopped.</summary>
    public void Queued() => Volatile.Write(ref _dropping, 0);

    public void Skipped(CompiledShadowRule rule, string route, string method, string path, string reason)
    {
        Count(rule, route, ShadowResult.Skipped);
        LogSkipped(_logger, method, path, reason);
    }

    public void Failed(ShadowJob job, string reason)
    {
        Count(job.Rule, job.Route, ShadowResult.Failed);
        LogFailed(_logger, job.Request.Method, job.Request.Path.Value ?? "/", job.Rule.ShadowSide, reason);
    }

    public void Timeout(ShadowJob job, TimeSpan timeout)
    {
        Count(job.Rule, job.Route, ShadowResult.Timeout);
        LogTimeout(_logger, job.Request.Method, job.Request.Path.Value ?? "/", job.Rule.ShadowSide, timeout);
    }

    public void Difference(ShadowJob job, MirrorResponse shadow, ShadowComparison comparison)
    {
        var path = job.Request.Path.Value ?? "/";
        var record = new ShadowDifferenceRecord(
            _time.GetUtcNow(),
            job.Request.Method,
            path,
            job.Rule.Pattern,
            job.Route,
            comparison.Kind,
            new ShadowAnswer(job.Rule.PrimarySide, job.PrimaryStatus, job.PrimaryContentType, job.PrimaryBody.Length, Excerpt(job.PrimaryBody)),
            new ShadowAnswer(job.Rule.ShadowSide, shadow.Status, shadow.ContentType, shadow.Body.Length, Excerpt(shadow.Body)),
            comparison.Paths,
            comparison.TotalPaths);
        if (_recent.Length > 0)
        {
            lock (_recentLock)
            {
                _recent[_next] = record;
                _next = (_next + 1) % _recent.Length;
            }
        }

        // Counted once listed: whoever sees the count sees the difference.
        Count(job.Rule, job.Route, ShadowResult.Difference);

        LogDifference(
            _logger, job.Request.Method, path, job.Route, job.Rule.PrimarySide, job.PrimaryStatus, job.Rule.ShadowSide, shadow.Status,
            comparison.Kind switch
            {
                ShadowDifferenceKind.Status => "status",
                ShadowDifferenceKind.Json => string.Join(", ", comparison.Paths),
                _ => "body bytes",
            });
    }

    public void WorkerError(ShadowJob job, Exception exception)
    {
        Count(job.Rule, job.Route, ShadowResult.Failed);
        LogWorkerError(_logger, exception, job.Request.Method, job.Request.Path.Value ?? "/");
    }

    private static string Excerpt(ReadOnlyMemory<byte> body)
        => Encoding.UTF8.GetString(body.Span[..Math.Min(body.Length, ExcerptBytes)]);

    private void Count(CompiledShadowRule rule, string route, ShadowResult result)
    {
        Interlocked.Increment(ref _counts[rule.Index][(int)result]);
        if (_mirrored.Enabled)
        {
            _mirrored.Add(
                1,
                new KeyValuePair<string, object?>("result", Name(result)),
                new KeyValuePair<string, object?>("route", route),
                new KeyValuePair<string, object?>("rule", rule.Pattern));
        }
    }

    [LoggerMessage(EventId = MigrationLogEvents.ShadowDifference, Level = LogLevel.Warning,
        Message = "Shadow difference on {Method} {Path} (route {Route}): {PrimarySide} answered {PrimaryStatus}, {ShadowSide} answered {ShadowStatus}; differs in: {Differences}")]
    private static partial void LogDifference(
        ILogger logger, string method, string path, string route, string primarySide, int primaryStatus, string shadowSide, int shadowStatus, string differences);

    [LoggerMessage(EventId = MigrationLogEvents.ShadowDropped, Level = LogLevel.Debug, Message = "Shadow mirror of {Method} {Path} dropped: {Reason}")]
    private static partial void LogDropped(ILogger logger, string method, string path, string reason);

    [LoggerMessage(EventId = MigrationLogEvents.ShadowDroppingStarted, Level = LogLevel.Warning,
        Message = "Shadow mirrors are being dropped ({Reason}): the other side is slower than the traffic; see galaxy.shadow.mirrored{{result=dropped}}")]
    private static partial void LogDroppingStarted(ILogger logger, string reason);

    [LoggerMessage(EventId = MigrationLogEvents.ShadowFailed, Level = LogLevel.Information, Message = "Shadow mirror of {Method} {Path} to the {Side} side failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string method, string path, string side, string reason);

    [LoggerMessage(EventId = MigrationLogEvents.ShadowTimeout, Level = LogLevel.Information, Message = "Shadow mirror of {Method} {Path} to the {Side} side got no answer within {Timeout}")]
    private static partial void LogTimeout(ILogger logger, string method, string path, string side, TimeSpan timeout);

    [LoggerMessage(EventId = MigrationLogEvents.ShadowSkipped, Level = LogLevel.Debug, Message = "Shadow mirror of {Method} {Path} skipped: {Reason}")]
    private static partial void LogSkipped(ILogger logger, string method, string path, string reason);

    [LoggerMessage(EventId = MigrationLogEvents.ShadowWorkerError, Level = LogLevel.Error, Message = "Shadow comparison of {Method} {Path} failed")]
    private static partial void LogWorkerError(ILogger logger, Exception exception, string method, string path);
}
