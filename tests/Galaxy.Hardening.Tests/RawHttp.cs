using System.Net.Sockets;
using System.Text;

namespace Galaxy.Hardening.Tests;

/// <summary>A response read off the wire: status, headers and the (de-chunked) body.</summary>
public sealed record RawResponse(int Status, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body)
{
    public string? Header(string name)
        => Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}

/// <summary>
/// HTTP/1.1 over a plain socket, for the requests <see cref="HttpClient"/> refuses to send or rewrites: request targets
/// with dot segments, CR/LF inside header values, bytes that are not ASCII in the request line. One request per
/// connection (<c>Connection: close</c>).
/// </summary>
public static class RawHttp
{
    public static async Task<RawResponse> SendAsync(Uri server, byte[] request, CancellationToken ct)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(server.Host, server.Port, ct);
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        // Written while the answer is read: a server may answer (413...) and close before taking the whole body.
        var write = Task.Run(async () =>
        {
            try
            {
                await stream.WriteAsync(request, ct);
                await stream.FlushAsync(ct);
            }
            catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
            {
                // The server closed the connection early; its answer is still read below.
            }
        }, ct);

        using var received = new MemoryStream();
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, ct)) > 0)
            {
                received.Write(buffer, 0, read);
                // Done at the end of the answer: a request whose Connection header was mangled keeps the connection open.
                if (TryParse(received.ToArray(), out _))
                {
                    break;
                }
            }
        }
        catch (IOException) when (received.Length > 0)
        {
            // A reset after the answer (Kestrel aborting a connection whose body it did not read).
        }

        socket.Close();
        await write;
        return Parse(received.ToArray());
    }

    /// <summary>Parses one HTTP/1.1 response (Content-Length, chunked, or to the end of the connection), after any 1xx.</summary>
    public static RawResponse Parse(byte[] data)
        => TryParse(data, out var response, toEnd: true) ? response : throw new InvalidDataException(
            $"No complete response in {data.Length} bytes: {Encoding.Latin1.GetString(data, 0, Math.Min(data.Length, 200))}");

    /// <summary>Whether <paramref name="data"/> holds a complete response (one without a length only at the end of the connection).</summary>
    public static bool TryParse(byte[] data, out RawResponse response, bool toEnd = false)
    {
        response = null!;
        var start = 0;
        while (true)
        {
            var end = IndexOf(data, "\r\n\r\n"u8, start);
            if (end < 0)
            {
                return false;
            }

            var lines = Encoding.Latin1.GetString(data, start, end - start).Split("\r\n");
            var statusParts = lines[0].Split(' ', 3);
            if (statusParts.Length < 2 || !statusParts[0].StartsWith("HTTP/1.", StringComparison.Ordinal) || !int.TryParse(statusParts[1], out var status))
            {
                throw new InvalidDataException("Not an HTTP status line: " + lines[0]);
            }

            if (status is >= 100 and < 200)
            {
                // An interim answer (100 Continue): the final one follows.
                start = end + 4;
                continue;
            }

            var headers = new List<KeyValuePair<string, string>>();
            foreach (var line in lines.Skip(1))
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon <= 0)
                {
                    throw new InvalidDataException("Not a header line: " + line);
                }

                headers.Add(new(line[..colon], line[(colon + 1)..].Trim()));
            }

            var rest = data.AsSpan(end + 4);
            var head = new RawResponse(status, headers, []);
            if (string.Equals(head.Header("Transfer-Encoding"), "chunked", StringComparison.OrdinalIgnoreCase))
            {
                using var decoded = new MemoryStream();
                var position = 0;
                while (true)
                {
                    var lineEnd = rest[position..].IndexOf("\r\n"u8);
                    if (lineEnd < 0)
                    {
                        return false;
                    }

                    var size = Convert.ToInt32(Encoding.ASCII.GetString(rest.Slice(position, lineEnd)).Split(';')[0].Trim(), 16);
                    position += lineEnd + 2;
                    if (size == 0)
                    {
                        break;
                    }

                    if (rest.Length < position + size + 2)
                    {
                        return false;
                    }

                    decoded.Write(rest.Slice(position, size));
                    position += size + 2;
                }

                response = head with { Body = decoded.ToArray() };
                return true;
            }

            if (head.Header("Content-Length") is { } length)
            {
                var count = int.Parse(length, System.Globalization.CultureInfo.InvariantCulture);
                if (rest.Length < count)
                {
                    return false;
                }

                response = head with { Body = rest[..count].ToArray() };
                return true;
            }

            response = head with { Body = rest.ToArray() };
            return toEnd;
        }
    }

    private static int IndexOf(byte[] data, ReadOnlySpan<byte> value, int start)
    {
        var index = data.AsSpan(start).IndexOf(value);
        return index < 0 ? -1 : start + index;
    }
}
