using System.Diagnostics;

namespace Galaxy.Api.Toolkit.Migration.Tests;

/// <summary>The legacy stub (tests/Galaxy.LegacyStub) as a real process on 127.0.0.1, killed on dispose.</summary>
public sealed class LegacyProcess : IAsyncDisposable
{
    private readonly Process _process;

    private LegacyProcess(Process process, Uri address, string name)
    {
        _process = process;
        Address = address;
        Name = name;
    }

    /// <summary>The base address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Address { get; }

    /// <summary>The name the stub reports in <c>served_by</c>.</summary>
    public string Name { get; }

    /// <summary>Whether the process is still running.</summary>
    public bool IsRunning => !_process.HasExited;

    /// <summary>Starts a stub and waits until it answers.</summary>
    /// <param name="name">The name it reports.</param>
    public static async Task<LegacyProcess> StartAsync(string name = "legacy")
    {
        var stub = Path.Combine(AppContext.BaseDirectory, "Galaxy.LegacyStub.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { stub, "--urls", "http://127.0.0.1:0", "--name", name },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("The legacy stub did not start.");
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && line.StartsWith("LISTENING ", StringComparison.Ordinal))
            {
                listening.TrySetResult(new Uri(line["LISTENING ".Length..].TrimEnd('/') + "/"));
            }
        };
        process.ErrorDataReceived += static (_, _) => { };
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("The legacy stub exited before it listened."));
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var address = await listening.Task.WaitAsync(TimeSpan.FromSeconds(30));
            return new LegacyProcess(process, address, name);
        }
        catch
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            process.Dispose();
            throw;
        }
    }

    /// <summary>Kills the process (a crash, as far as the proxy can tell).</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }
}
