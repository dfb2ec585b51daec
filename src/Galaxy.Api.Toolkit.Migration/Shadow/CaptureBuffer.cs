using System.Buffers;

namespace Galaxy.Api.Toolkit.Migration.Shadow;

/// <summary>
/// A copy of a body, as it is read or written, up to a limit: pooled memory, released as soon as the body goes over the
/// limit (such a body is not compared) and when the mirror is done. Used by one request at a time.
/// </summary>
internal sealed class CaptureBuffer(int limit) : IDisposable
{
    private const int MinimumSize = 4096;

    private byte[]? _buffer;
    private int _length;

    /// <summary>Whether more than the limit was seen (the copy is then dropped).</summary>
    public bool Overflowed { get; private set; }

    /// <summary>The bytes copied so far.</summary>
    public ReadOnlyMemory<byte> Memory => _buffer is null ? ReadOnlyMemory<byte>.Empty : _buffer.AsMemory(0, _length);

    /// <summary>How many bytes are held.</summary>
    public int Length => _length;

    public void Append(ReadOnlySpan<byte> data)
    {
        if (Overflowed || data.IsEmpty)
        {
            return;
        }

        if (data.Length > limit - _length)
        {
            Overflowed = true;
            Dispose();
            return;
        }

        if (_buffer is null || _buffer.Length - _length < data.Length)
        {
            Grow(_length + data.Length);
        }

        data.CopyTo(_buffer.AsSpan(_length));
        _length += data.Length;
    }

    public void Dispose()
    {
        if (_buffer is { } buffer)
        {
            _buffer = null;
            _length = 0;
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    [System.Diagnostics.CodeAnalysis.MemberNotNull(nameof(_buffer))]
    private void Grow(int needed)
    {
        var size = Math.Min(Math.Max(Math.Max(MinimumSize, needed), (_buffer?.Length ?? 0) * 2), limit);
        var grown = ArrayPool<byte>.Shared.Rent(Math.Max(size, needed));
        if (_buffer is { } old)
        {
            old.AsSpan(0, _length).CopyTo(grown);
            ArrayPool<byte>.Shared.Return(old);
        }

        _buffer = grown;
    }
}
