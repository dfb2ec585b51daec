namespace Galaxy.Api.Toolkit.Package.Tests.Packaging;

/// <summary>
/// The consumer project published with Native AOT from the packed packages: not one warning (trim, AOT or other; the
/// project treats warnings as errors too), and the native executable answers exactly as the JIT build does, the legacy
/// fallback included (YARP; legacy validation's NJsonSchema is not compiled in).
/// </summary>
[Collection(PackagesCollection.Name)]
public sealed class NativeAotTests(PackedPackages packages)
{
    private static readonly TimeSpan PublishLimit = TimeSpan.FromMinutes(8);

    [Fact]
    public async Task The_consumer_publishes_with_native_aot_without_a_warning_and_the_native_executable_answers_alike()
    {
        var project = ConsumerProject.Write(Path.Combine(packages.Root, "consumer-aot"), packages);
        var publish = Path.Combine(packages.Root, "consumer-aot-publish");
        var output = await DotnetCli.RunAsync(project, PublishLimit,
            ["publish", ConsumerProject.Name + ".csproj", "-c", "Release", "-r", "linux-x64", "-p:PublishAot=true", "-o", publish, .. Linker(), "-nodeReuse:false", "-nologo"]);
        var warnings = output.Split('\n').Where(static l => l.Contains(": warning ", StringComparison.Ordinal)).ToList();
        Assert.True(warnings.Count == 0, "the Native AOT publish warned:\n" + string.Join('\n', warnings));

        var executable = Path.Combine(publish, ConsumerProject.Name);
        Assert.True(File.Exists(executable), $"no native executable at {executable}");
        Assert.False(File.Exists(Path.Combine(publish, ConsumerProject.Name + ".dll")), "the publish holds IL, not a native executable");

        await using var legacy = await LegacyStandIn.StartAsync();
        using var host = await ConsumerHost.StartAsync(executable, publish, "--Legacy:Server=" + legacy.Address);
        await ConsumerTests.AnswersAsReadmeSaysAsync(host.Address, Path.Combine(project, "bin", "Release", "net10.0", "linux-x64", "openapi.json"));
    }

    /// <summary>Native AOT links with clang; Debian may install it only as clang-NN.</summary>
    private static string[] Linker()
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
        Assert.True(versioned is not null, "Native AOT needs clang: apt-get install -y clang");
        return ["-p:CppCompilerAndLinker=" + versioned];
    }
}
