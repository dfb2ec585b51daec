using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;

namespace Galaxy.Api.Toolkit.Migration.Shadow;

/// <summary>
/// The client's response body, unchanged, with a copy of the bytes on the side. Every call goes to the server's own body
/// feature (same writes, flushes, start and completion), so the client gets exactly what it would have got.
/// </summary>
internal sealed class TeeResponseBodyFeature(IHttpResponseBodyFeature inner, CaptureBuffer capture) : IHttpResponseBodyFeature
{
    private TeeWriteStream? _stream;
    private TeePipeWriter? _writer;

    /// <summary>Whether the body was sent from a file (not captured; the answer is then not compared).</summary>
    public bool SentFile { get; private set; }

    public Stream Stream => _stream ??= new TeeWriteStream(inner.Stream, capture);

    public PipeWriter Writer => _writer ??= new TeePipeWriter(inner.Writer, capture);

    public void DisableBuffering() => inner.DisableBuffering();

    public Task StartAsync(CancellationToken cancellationToken = default) => inner.StartAsync(cancellationToken);

    public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default)
    {
        SentFile = true;
        return inner.SendFileAsync(path, offset, count, cancellationToken);
    }

    public Task CompleteAsync() => inner.CompleteAsync();
}

/// <summary>A pipe writer that hands out the server's memory and copies what is committed (<see cref="Advance"/>, <see cref="WriteAsync"/>).</summary>
internal sealed class TeePipeWriter(PipeWriter inner, CaptureBuffer capture) : PipeWriter
{
    private Memory<byte> _lent;

    public override bool CanGetUnflushedBytes => inner.CanGetUnflushedBytes;

    public override long UnflushedBytes => inner.UnflushedBytes;

    public override Memory<byte> GetMemory(int sizeHint = 0) => _lent = inner.GetMemory(sizeHint);

    // The span is the same memory, so that Advance can copy what was written into it.
    public override Span<byte> GetSpan(int sizeHint = 0) => (_lent = inner.GetMemory(sizeHint)).Span;

    public override void Advance(int bytes)
    {
        capture.Append(_lent.Span[..bytes]);
        _lent = _lent[bytes..];
        inner.Advance(bytes);
    }

    public override ValueTask<FlushResult> WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default)
    {
        capture.Append(source.Span);
        return inner.WriteAsync(source, cancellationToken);
    }

    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) => inner.FlushAsync(cancellationToken);

    public override void CancelPendingFlush() => inner.CancelPendingFlush();

    public override void Complete(Exception? exception = null) => inner.Complete(exception);

    public override ValueTask CompleteAsync(Exception? exception = null) => inner.CompleteAsync(exception);
}

/// <summary>A write-only stream that writes to the server's stream and copies the bytes.</summary>
internal sealed class TeeWriteStream(Stream inner, CaptureBuffer capture) : Stream
{
    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        capture.Append(buffer);
        inner.Write(buffer);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        capture.Append(buffer.Span);
        return inner.WriteAsync(buffer, cancellationToken);
    }
}

/// <summary>
/// The request body as the endpoint reads it, with a copy of the bytes; knows whether the endpoint read it to its end
/// (only then is the copy the whole body).
/// </summary>
internal sealed class TeeReadStream(Stream inner, CaptureBuffer capture) : Stream
{
    /// <summary>Whether a read returned 0 (the end of the body).</summary>
    public bool ReachedEnd { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        Seen(buffer[..read], buffer.Length);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Seen(buffer.Span[..read], buffer.Length);
        return read;
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private void Seen(ReadOnlySpan<byte> data, int asked)
    {
        if (data.IsEmpty && asked > 0)
        {
            ReachedEnd = true;
            return;
        }

        capture.Append(data);
    }
}
