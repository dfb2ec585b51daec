using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Galaxy.Api.Toolkit.Migration.Tests.Fallback;

/// <summary>
/// A broken legacy server on 127.0.0.1: it accepts every connection, reads the request's head, then resets the
/// connection (TCP RST: linger on with a zero timeout, then close) without answering.
/// </summary>
internal sealed class ResettingServer : IDisposable
{
    private readonly Socket _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _reset;
    private int _requests;

    private ResettingServer()
    {
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(64);
        Address = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndPoint!).Port}/");
        _loop = AcceptAsync();
    }

    /// <summary>The base address.</summary>
    public Uri Address { get; }

    /// <summary>How many connections it reset (counted just before the reset).</summary>
    public int Reset => Volatile.Read(ref _reset);

    /// <summary>How many of them had sent a whole HTTP request head (request line and headers) first.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Starts listening.</summary>
    public static ResettingServer Start() => new();

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Dispose();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(10));
        }
        catch (AggregateException)
        {
            // The accept loop ends with the listener.
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket connection;
            try
            {
                connection = await _listener.AcceptAsync(_stop.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = ResetAsync(connection);
        }
    }

    private async Task ResetAsync(Socket connection)
    {
        using (connection)
        {
            try
            {
                if (await ReadHeadAsync(connection))
                {
                    Interlocked.Increment(ref _requests);
                }
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException)
            {
                // Reset anyway.
            }

            Interlocked.Increment(ref _reset);
            connection.LingerState = new LingerOption(true, 0);
            connection.Close();
        }
    }

    /// <summary>Reads until the blank line that ends a request head; false when the peer stops sending first (10 s at most).</summary>
    private async Task<bool> ReadHeadAsync(Socket connection)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        bound.CancelAfter(TimeSpan.FromSeconds(10));
        var received = new StringBuilder();
        var buffer = new byte[4096];
        while (true)
        {
            var read = await connection.ReceiveAsync(buffer, SocketFlags.None, bound.Token);
            if (read == 0)
            {
                return false;
            }

            received.Append(Encoding.Latin1.GetString(buffer, 0, read));
            if (received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                return received.ToString().StartsWith("GET ", StringComparison.Ordinal) || received.ToString().StartsWith("POST ", StringComparison.Ordinal);
            }
        }
    }
}
