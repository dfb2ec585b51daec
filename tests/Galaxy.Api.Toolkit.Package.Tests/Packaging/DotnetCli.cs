using System.Diagnostics;
using System.Text;

namespace Galaxy.Api.Toolkit.Package.Tests.Packaging;

/// <summary>Runs the .NET CLI as a user would, in a clean environment, each command bounded in time.</summary>
internal static class DotnetCli
{
    /// <summary>Variables the test host inherits from the CLI that ran it; a nested build must find its own.</summary>
    private static readonly string[] InheritedBuildVariables =
        ["MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildLoadMicrosoftTargetsReadOnly", "MSBuildCacheEnabled"];

    public static ProcessStartInfo StartInfo(string workingDirectory, IEnumerable<string> arguments, string program = "dotnet")
    {
        var info = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var variable in InheritedBuildVariables)
        {
            info.Environment.Remove(variable);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        return info;
    }

    /// <summary>Runs <c>dotnet</c> with <paramref name="arguments"/>; fails the test, with the end of the output, on a non-zero exit or after <paramref name="limit"/>.</summary>
    public static async Task<string> RunAsync(string workingDirectory, TimeSpan limit, params string[] arguments)
    {
        var (exitCode, text) = await RunToExitAsync(workingDirectory, limit, arguments);
        Assert.True(exitCode == 0, $"dotnet {string.Join(' ', arguments)} exited with {exitCode}:\n{Tail(text)}");
        return text;
    }

    /// <summary>Runs <c>dotnet</c> with <paramref name="arguments"/>; its exit code and output (fails the test only after <paramref name="limit"/>).</summary>
    public static async Task<(int ExitCode, string Output)> RunToExitAsync(string workingDirectory, TimeSpan limit, params string[] arguments)
    {
        using var process = Process.Start(StartInfo(workingDirectory, arguments)) ?? throw new InvalidOperationException("dotnet did not start");
        var output = new StringBuilder();
        var lines = new object();
        process.OutputDataReceived += (_, e) => { lock (lines) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (lines) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            Assert.Fail($"dotnet {string.Join(' ', arguments)} did not finish within {limit.TotalSeconds} s:\n{Tail(output)}");
        }

        process.WaitForExit(); // drains the redirected output
        string text;
        lock (lines)
        {
            text = output.ToString();
        }

        return (process.ExitCode, text);
    }

    private static string Tail(object output)
    {
        var lines = output.ToString()!.Split('\n');
        return string.Join('\n', lines.Where(static l => l.Contains("error", StringComparison.OrdinalIgnoreCase)).Take(20).Concat(["..."]).Concat(lines.TakeLast(40)));
    }
}
