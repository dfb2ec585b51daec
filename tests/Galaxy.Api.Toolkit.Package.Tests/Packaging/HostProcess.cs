using System.Collections.Concurrent;
using System.Diagnostics;

namespace Galaxy.Api.Toolkit.Package.Tests.Packaging;

/// <summary>A built or published host (the consumer, the Galaxy sample) as a process on 127.0.0.1 (a port the server picks), killed with its children on dispose.</summary>
internal sealed class HostProcess : IDisposable
{
    private const string Listening = "Now listening on: ";
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _log;

    private HostProcess(Process process, Uri address, ConcurrentQueue<string> log)
    {
        _process = process;
        _log = log;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>What the process wrote so far (standard output and error), for failure messages.</summary>
    public string Log => string.Join('\n', _log);

    /// <summary>Starts <paramref name="program"/> (the native executable, or <c>dotnet</c> with the assembly first in <paramref name="arguments"/>).</summary>
    public static async Task<HostProcess> StartAsync(string program, string workingDirectory, params string[] arguments)
    {
        var info = DotnetCli.StartInfo(workingDirectory, [.. arguments, "--urls", "http://127.0.0.1:0"], program);
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var name = Path.GetFileName(program == "dotnet" ? arguments[0] : program);
        var process = Process.Start(info) ?? throw new InvalidOperationException($"{name} did not start");
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
        process.Exited += (_, _) => address.TrySetException(new InvalidOperationException($"{name} exited before it listened"));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            return new HostProcess(process, await address.Task.WaitAsync(StartLimit, TestContext.Current.CancellationToken), log);
        }
        catch (Exception exception) when (exception is TimeoutException or InvalidOperationException)
        {
            Stop(process);
            Assert.Fail($"{name} did not listen within {StartLimit.TotalSeconds} s ({exception.Message}):\n{string.Join('\n', log)}");
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
