using System.Collections.Concurrent;
using System.Diagnostics;

namespace Galaxy.Api.Toolkit.Package.Tests.Packaging;

/// <summary>The built consumer as a process on 127.0.0.1 (a port the server picks), killed on dispose.</summary>
internal sealed class ConsumerHost : IDisposable
{
    private const string Listening = "Now listening on: ";
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(60);
    private readonly Process _process;

    private ConsumerHost(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>Starts <paramref name="program"/> (the native executable, or <c>dotnet</c> with the assembly first in <paramref name="arguments"/>).</summary>
    public static async Task<ConsumerHost> StartAsync(string program, string workingDirectory, params string[] arguments)
    {
        var info = DotnetCli.StartInfo(workingDirectory, [.. arguments, "--urls", "http://127.0.0.1:0"], program);
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var process = Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start");
        var address = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = new ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not { } line)
            {
                return;
            }

            log.Enqueue(line);
            var at = line.IndexOf(Listening, StringComparison.Ordinal);
            if (at >= 0)
            {
                address.TrySetResult(new Uri(line[(at + Listening.Length)..].Trim().TrimEnd('/') + "/"));
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                log.Enqueue(line);
            }
        };
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => address.TrySetException(new InvalidOperationException("the consumer exited before it listened"));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            return new ConsumerHost(process, await address.Task.WaitAsync(StartLimit, TestContext.Current.CancellationToken));
        }
        catch (Exception exception) when (exception is TimeoutException or InvalidOperationException)
        {
            Stop(process);
            Assert.Fail($"the consumer did not listen within {StartLimit.TotalSeconds} s ({exception.Message}):\n{string.Join('\n', log)}");
            throw;
        }
    }

    public void Dispose() => Stop(_process);

    private static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }

        process.Dispose();
    }
}
