using Galaxy.Api.Toolkit.Package.Tests.Packaging;

namespace Galaxy.Api.Toolkit.Package.Tests.Samples;

/// <summary>
/// The Galaxy sample (samples/Galaxy.Modern) published with Native AOT by the README's command, <c>dotnet publish
/// samples/Galaxy.Modern -c Release -r linux-x64 -p:GalaxyAot=true</c>, once for the tests that share it. The build goes
/// to an artifacts folder of its own (the repository's <c>bin/</c> and <c>obj/</c> are untouched) and restores from the
/// machine's NuGet cache, as any build of the repository does.
/// </summary>
public sealed class SampleAotPublish : IAsyncLifetime
{
    public const string Name = "Galaxy.Modern";

    private readonly TemporaryFolder _root = new("galaxy-sample-aot-");

    private string Root => _root.Path;

    /// <summary>The publish folder: the native executable and the native libraries beside it.</summary>
    public string Folder => Path.Combine(Root, "publish");

    /// <summary>The build's output folder, where the build wrote <c>openapi.json</c>.</summary>
    public string BuildOutput => Path.Combine(Root, "artifacts", "bin", Name, "release_linux-x64");

    /// <summary>What <c>dotnet publish</c> printed.</summary>
    public string Output { get; private set; } = string.Empty;

    public async ValueTask InitializeAsync()
    {
        var project = Path.Combine(TestPaths.RepositoryRoot, "samples", Name, Name + ".csproj");
        Output = await DotnetCli.RunAsync(TestPaths.RepositoryRoot, NativeAot.PublishLimit,
        [
            "publish", project, "-c", "Release", "-r", "linux-x64", "-p:GalaxyAot=true", .. NativeAot.LinkerArguments(),
            "-o", Folder, "--artifacts-path", Path.Combine(Root, "artifacts"), "-nodeReuse:false", "-nologo",
        ]);
    }

    public ValueTask DisposeAsync()
    {
        _root.Dispose();
        return ValueTask.CompletedTask;
    }
}
