using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace Galaxy.Modern.Tests;

/// <summary>Programs of the machine the integration tests run (Debian's nginx and chromium): found, or a failure that says how to install them.</summary>
internal static class ExternalProgram
{
    /// <summary>The full path of <paramref name="name"/> on PATH or in the system folders (Debian puts nginx in /usr/sbin).</summary>
    public static string Find(string name, string debianPackage)
    {
        var folders = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin"]);
        foreach (var folder in folders)
        {
            var candidate = Path.Combine(folder, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        Assert.Fail($"'{name}' is not installed. This test needs Debian's {debianPackage}: apt-get install -y {debianPackage} (.ci/run installs it when missing).");
        return null!;
    }

    /// <summary>Starts a program with its output captured.</summary>
    public static Process Start(string program, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start");
    }

    /// <summary>Runs a program to its end, killed after <paramref name="limit"/>; its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string program, IEnumerable<string> arguments, TimeSpan limit)
    {
        using var process = Start(program, arguments);
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            Assert.Fail($"{Path.GetFileName(program)} did not finish within {limit.TotalSeconds} s: {await error}");
        }

        return (process.ExitCode, await output, await error);
    }

    /// <summary>A port of 127.0.0.1 free at the time of the call.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A file of the repository, by the assembly metadata key the project file sets.</summary>
    public static string RepositoryFile(string metadataKey)
    {
        var path = typeof(ExternalProgram).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == metadataKey).Value!;
        Assert.True(File.Exists(path), $"{path} does not exist");
        return Path.GetFullPath(path);
    }

    /// <summary>A folder under the test output that is kept after the run (screenshots), its path printed by the test.</summary>
    public static string ArtifactsFolder()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "artifacts");
        Directory.CreateDirectory(folder);
        return folder;
    }
}
