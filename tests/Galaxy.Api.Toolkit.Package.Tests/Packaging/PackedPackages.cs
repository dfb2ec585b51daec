using System.Globalization;
using System.Reflection;

namespace Galaxy.Api.Toolkit.Package.Tests.Packaging;

/// <summary>
/// Galaxy.Api.Toolkit, Galaxy.Api.Toolkit.Migration and Galaxy.Api.Contracts packed by <c>dotnet pack</c> from this repository into a
/// temporary folder, once for the tests that share it. The version is the repository's (Directory.Build.props) with a
/// prerelease label unique to the run, so no NuGet cache can hold a package of that version from an earlier build;
/// the build goes to its own artifacts folder, so the repository's bin/ and obj/ are untouched.
/// </summary>
public sealed class PackedPackages : IAsyncLifetime
{
    public static readonly TimeSpan PackLimit = TimeSpan.FromMinutes(8);

    private readonly TemporaryFolder _root = new("galaxy-package-tests-");

    public string Root => _root.Path;

    /// <summary>The local feed: the .nupkg and .snupkg files.</summary>
    public string Feed => Path.Combine(Root, "feed");

    /// <summary>Where consumers of this run restore packages (the toolkit's land here, nowhere else).</summary>
    public string PackagesFolder => Path.Combine(Root, "packages");

    public string Version { get; } = UniqueVersion();

    public string PackageFile(string id) => Path.Combine(Feed, $"{id}.{Version}.nupkg");

    public string SymbolPackageFile(string id) => Path.Combine(Feed, $"{id}.{Version}.snupkg");

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(Feed);
        var artifacts = Path.Combine(Root, "artifacts");
        string[] common = ["-c", "Release", "-o", Feed, "--artifacts-path", artifacts, $"-p:Version={Version}", "-nodeReuse:false", "-nologo"];

        // Migration first: its build is the toolkit's too, so the toolkit's pack finds everything built and restored.
        await DotnetCli.RunAsync(TestPaths.RepositoryRoot, PackLimit, ["pack", Project("Galaxy.Api.Toolkit.Migration"), .. common]);
        await DotnetCli.RunAsync(TestPaths.RepositoryRoot, PackLimit, ["pack", Project("Galaxy.Api.Toolkit"), "--no-restore", .. common]);
        // The contracts restore on their own (neither pack above restored them); the toolkit's build is found up to date.
        await DotnetCli.RunAsync(TestPaths.RepositoryRoot, PackLimit, ["pack", Project("Galaxy.Api.Contracts"), .. common]);
    }

    public ValueTask DisposeAsync()
    {
        _root.Dispose();
        return ValueTask.CompletedTask;
    }

    private static string Project(string name) => Path.Combine(TestPaths.RepositoryRoot, "src", name, name + ".csproj");

    /// <summary><c>VersionPrefix-packagetest.yyyyMMddHHmmss.random</c>: ordered by time, unique per run.</summary>
    private static string UniqueVersion()
    {
        var informational = typeof(ApiRouterAttribute).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        var prefix = informational.Split('+', '-')[0];
        var stamp = DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        return $"{prefix}-packagetest.{stamp}.{Random.Shared.Next(1, 1_000_000).ToString(CultureInfo.InvariantCulture)}";
    }
}
