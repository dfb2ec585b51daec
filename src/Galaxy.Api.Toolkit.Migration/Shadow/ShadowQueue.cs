using System.Threading.Channels;
using Galaxy.Api.Toolkit.Migration.Forwarding;

namespace Galaxy.Api.Toolkit.Migration.Shadow;

/// <summary>A mirror waiting for a worker: the copy of the request, where it goes, and the primary's answer to compare with.</summary>
internal sealed class ShadowJob(
    CompiledShadowRule rule,
    ShadowTarget target,
    string route,
    MirrorRequest request,
    int primaryStatus,
    string? primaryContentType,
    CaptureBuffer primaryBody,
    CaptureBuffer? requestBody) : IDisposable
{
    public CompiledShadowRule Rule => rule;

    public ShadowTarget Target => target;

    /// <summary>The modern endpoint's route template (what metrics and reports name).</summary>
    public string Route => route;

    public MirrorRequest Request => request;

    public int PrimaryStatus => primaryStatus;

    public string? PrimaryContentType => primaryContentType;

    public ReadOnlyMemory<byte> PrimaryBody => primaryBody.Memory;

    /// <summary>The memory the job holds, counted against <see cref="ShadowOptions.MaxQueuedBytes"/>.</summary>
    public long Bytes { get; } = primaryBody.Length + (requestBody?.Length ?? 0);

    public void Dispose()
    {
        primaryBody.Dispose();
        requestBody?.Dispose();
    }
}

/// <summary>
/// The bounded queue between requests and the shadow workers: at most <see cref="ShadowOptions.QueueCapacity"/> jobs
/// and <see cref="ShadowOptions.MaxQueuedBytes"/> bytes; what does not fit is refused at once (never waited for).
/// </summary>
internal sealed class ShadowQueue
{
    private readonly Channel<ShadowJob> _channel;
    private readonly long _maxBytes;
    private long _bytes;

    public ShadowQueue(ShadowSettings settings, MigrationMetrics metrics)
    {
        var options = settings.Options;
        Capacity = options.QueueCapacity;
        _maxBytes = options.MaxQueuedBytes;
        // Wait mode makes TryWrite return false when full (DropWrite would report success and drop silently).
        _channel = Channel.CreateBounded<ShadowJob>(new BoundedChannelOptions(Capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = false,
            SingleWriter = false,
        });
        metrics.Meter.CreateObservableUpDownCounter("galaxy.shadow.queue_length", () => Length, "{request}", "Mirrors waiting for a shadow worker.");
    }

    public int Capacity { get; }

    public int Length => _channel.Reader.Count;

    /// <summary>Whether a mirror would be refused now (checked before copying a request at all).</summary>
    public bool IsFull => _channel.Reader.Count >= Capacity;

    public long Bytes => Interlocked.Read(ref _bytes);

    public ChannelReader<ShadowJob> Reader => _channel.Reader;

    /// <summary>Queues <paramref name="job"/>, or returns why it cannot be (the caller then drops it).</summary>
    public string? TryEnqueue(ShadowJob job)
    {
        if (Interlocked.Add(ref _bytes, job.Bytes) > _maxBytes)
        {
            Interlocked.Add(ref _bytes, -job.Bytes);
            return "the queued mirrors hold MaxQueuedBytes";
        }

        if (!_channel.Writer.TryWrite(job))
        {
            Interlocked.Add(ref _bytes, -job.Bytes);
            return "the queue is full";
        }

        return null;
    }

    /// <summary>A worker took <paramref name="job"/>: its bytes no longer count as queued.</summary>
    public void Taken(ShadowJob job) => Interlocked.Add(ref _bytes, -job.Bytes);
}
