using System.Text.RegularExpressions;

namespace Galaxy.Api.Toolkit.Package.Tests.Packaging;

/// <summary>What every Native AOT publish of these tests shares: the linker, the warning check and the native executable.</summary>
internal static partial class NativeAot
{
    /// <summary>
    /// What bounds one Native AOT publish, against a hang: a cold build of the projects and the ILCompiler take about 4
    /// minutes on two busy cores; the bound leaves room for a slower machine.
    /// </summary>
    public static readonly TimeSpan PublishLimit = TimeSpan.FromMinutes(20);

    /// <summary>Native AOT links with clang; Debian may install it only as clang-NN. The arguments that name it for <c>dotnet publish</c>.</summary>
    public static string[] LinkerArguments()
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        if (path.Any(static folder => File.Exists(Path.Combine(folder, "clang"))))
        {
            return [];
        }

        var versioned = path.Where(Directory.Exists)
            .SelectMany(static folder => Directory.GetFiles(folder, "clang-*"))
            .Select(static file => Path.GetFileName(file))
            .Where(static name => int.TryParse(name["clang-".Length..], out _))
            .OrderByDescending(static name => int.Parse(name["clang-".Length..], System.Globalization.CultureInfo.InvariantCulture))
            .FirstOrDefault();
        Assert.True(versioned is not null, "Native AOT needs clang: apt-get install -y clang (.ci/run installs it when missing)");
        return ["-p:CppCompilerAndLinker=" + versioned];
    }

    /// <summary>Fails with every warning line of a publish's output (MSBuild's <c>: warning CODE:</c> format, IL trim and AOT warnings included).</summary>
    public static void AssertNoWarning(string publishOutput)
    {
        var warnings = publishOutput.Split('\n').Where(static l => WarningLine().IsMatch(l)).Select(static l => l.Trim()).Distinct(StringComparer.Ordinal).ToList();
        Assert.True(warnings.Count == 0, $"the Native AOT publish warned {warnings.Count} time(s):\n" + string.Join('\n', warnings));
    }

    /// <summary>The native executable <paramref name="name"/> of a publish folder: an ELF file, with no IL assembly of that name beside it.</summary>
    public static string AssertNativeExecutable(string publishFolder, string name)
    {
        var executable = Path.Combine(publishFolder, name);
        Assert.True(File.Exists(executable), $"no native executable at {executable}");
        var header = new byte[4];
        using (var file = File.OpenRead(executable))
        {
            file.ReadExactly(header);
        }

        Assert.Equal("\u007fELF"u8.ToArray(), header);
        Assert.False(File.Exists(Path.Combine(publishFolder, name + ".dll")), "the publish holds IL, not a native executable");
        return executable;
    }

    /// <summary>A warning as MSBuild, the compilers and ILCompiler print it (<c>file(1,2): warning IL2026: ...</c>, <c>warning NETSDK1179: ...</c>, <c>warning : ...</c>); not the summary's "0 Warning(s)".</summary>
    [GeneratedRegex(@"(^|[\s:])warning(\s+[A-Za-z]+[0-9]+)?\s*:", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex WarningLine();
}
