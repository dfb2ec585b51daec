using System.Diagnostics;
using System.IO.Compression;
using System.Xml.Linq;

namespace Galaxy.Api.Toolkit.Package.Tests.Packaging;

/// <summary>What <c>dotnet pack</c> puts in the packages: the layout NuGet clients read, metadata and symbols.</summary>
[Collection(PackagesCollection.Name)]
public sealed class PackageContentTests(PackedPackages packages)
{
    private const string Toolkit = "Galaxy.Api.Toolkit";
    private const string Migration = "Galaxy.Api.Toolkit.Migration";
    private const string Contracts = "Galaxy.Api.Contracts";

    [Fact]
    public void The_toolkit_package_holds_the_runtime_in_lib_the_generator_under_analyzers_and_the_build_step()
    {
        var entries = Entries(packages.PackageFile(Toolkit));
        Assert.Contains("lib/net10.0/Galaxy.Api.Toolkit.dll", entries);
        Assert.Contains("lib/net10.0/Galaxy.Api.Toolkit.xml", entries);
        Assert.Contains("analyzers/dotnet/roslyn4.14/cs/Galaxy.Api.Toolkit.Generators.dll", entries);
        Assert.Contains("buildTransitive/Galaxy.Api.Toolkit.targets", entries);
        Assert.Contains("tasks/netstandard2.0/Galaxy.Api.Toolkit.Build.dll", entries);
        Assert.Contains("README.md", entries);

        // Only the runtime is referenced by the user's code: the generator and the task are never in lib/.
        Assert.Equal(new[] { "lib/net10.0/Galaxy.Api.Toolkit.dll", "lib/net10.0/Galaxy.Api.Toolkit.xml" }, entries.Where(static e => e.StartsWith("lib/", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Equal(new[] { "analyzers/dotnet/roslyn4.14/cs/Galaxy.Api.Toolkit.Generators.dll" }, entries.Where(static e => e.StartsWith("analyzers/", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_migration_package_holds_its_runtime_and_docs()
    {
        var entries = Entries(packages.PackageFile(Migration));
        Assert.Equal(new[] { "lib/net10.0/Galaxy.Api.Toolkit.Migration.dll", "lib/net10.0/Galaxy.Api.Toolkit.Migration.xml" }, entries.Where(static e => e.StartsWith("lib/", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Contains("README.md", entries);
        Assert.DoesNotContain(entries, static e => e.StartsWith("analyzers/", StringComparison.Ordinal));
    }

    [Fact]
    public void The_contracts_package_holds_its_runtime_and_docs_and_depends_on_the_toolkit_alone()
    {
        var entries = Entries(packages.PackageFile(Contracts));
        Assert.Equal(new[] { "lib/net10.0/Galaxy.Api.Contracts.dll", "lib/net10.0/Galaxy.Api.Contracts.xml" }, entries.Where(static e => e.StartsWith("lib/", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Contains("README.md", entries);
        Assert.DoesNotContain(entries, static e => e.StartsWith("analyzers/", StringComparison.Ordinal) || e.StartsWith("build", StringComparison.Ordinal));

        // The generator and the build task made the types at pack time; the package carries neither.
        var dependencies = Dependencies(packages.PackageFile(Contracts));
        Assert.Equal(packages.Version, dependencies["Galaxy.Api.Toolkit"]);
        Assert.Equal(new[] { "Galaxy.Api.Toolkit" }, dependencies.Keys.Where(static d => d.StartsWith("Galaxy.", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(Toolkit)]
    [InlineData(Migration)]
    [InlineData(Contracts)]
    public void Each_package_carries_its_metadata(string id)
    {
        var metadata = Child(Nuspec(packages.PackageFile(id)), "metadata")!;
        Assert.Equal(id, Child(metadata, "id")?.Value);
        Assert.Equal(packages.Version, Child(metadata, "version")?.Value);
        Assert.False(string.IsNullOrWhiteSpace(Child(metadata, "description")?.Value));
        Assert.False(string.IsNullOrWhiteSpace(Child(metadata, "authors")?.Value));
        Assert.Equal("README.md", Child(metadata, "readme")?.Value);
        var license = Child(metadata, "license");
        Assert.Equal("expression", license?.Attribute("type")?.Value);
        Assert.Equal("MIT", license?.Value);

        var repository = Child(metadata, "repository");
        Assert.NotNull(repository);
        Assert.Equal("git", repository.Attribute("type")?.Value);
        Assert.Equal(GitHead(), repository.Attribute("commit")?.Value);
    }

    [Fact]
    public void Dependencies_are_packages_users_restore_and_never_the_generator_or_the_build_task()
    {
        var toolkit = Dependencies(packages.PackageFile(Toolkit));
        Assert.Contains("FluentValidation", toolkit.Keys);
        Assert.Contains("Microsoft.AspNetCore.OpenApi", toolkit.Keys);
        Assert.DoesNotContain(toolkit.Keys, static d => d.StartsWith("Galaxy.", StringComparison.Ordinal));

        var migration = Dependencies(packages.PackageFile(Migration));
        Assert.Equal(packages.Version, migration["Galaxy.Api.Toolkit"]);
        Assert.Contains("Yarp.ReverseProxy", migration.Keys);
        Assert.DoesNotContain("Galaxy.Api.Toolkit.Generators", migration.Keys);
        Assert.DoesNotContain("Galaxy.Api.Toolkit.Build", migration.Keys);
    }

    [Theory]
    [InlineData(Toolkit)]
    [InlineData(Migration)]
    [InlineData(Contracts)]
    public void Each_package_has_a_symbol_package_with_its_portable_pdb(string id)
    {
        var entries = Entries(packages.SymbolPackageFile(id));
        var pdb = $"lib/net10.0/{id}.pdb";
        Assert.Contains(pdb, entries);
        using var archive = ZipFile.OpenRead(packages.SymbolPackageFile(id));
        using var stream = archive.GetEntry(pdb)!.Open();
        var header = new byte[4];
        stream.ReadExactly(header);
        Assert.Equal("BSJB"u8.ToArray(), header); // portable PDB (ECMA-335 metadata)
    }

    private static List<string> Entries(string package)
    {
        Assert.True(File.Exists(package), $"{package} was not packed");
        using var archive = ZipFile.OpenRead(package);
        return archive.Entries.Select(static e => e.FullName).ToList();
    }

    private static XElement Nuspec(string package)
    {
        using var archive = ZipFile.OpenRead(package);
        var entry = archive.Entries.Single(static e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal) && !e.FullName.Contains('/', StringComparison.Ordinal));
        using var stream = entry.Open();
        return XDocument.Load(stream).Root!;
    }

    private static Dictionary<string, string> Dependencies(string package)
    {
        var metadata = Child(Nuspec(package), "metadata")!;
        return metadata.Descendants().Where(static e => e.Name.LocalName == "dependency").ToDictionary(static d => d.Attribute("id")!.Value, static d => d.Attribute("version")!.Value);
    }

    /// <summary>A child element by local name (the nuspec namespace depends on the features a package uses).</summary>
    private static XElement? Child(XElement parent, string name) => parent.Elements().SingleOrDefault(e => e.Name.LocalName == name);

    private static string GitHead()
    {
        var info = new ProcessStartInfo("git") { WorkingDirectory = TestPaths.RepositoryRoot, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("rev-parse");
        info.ArgumentList.Add("HEAD");
        using var git = Process.Start(info)!;
        var head = git.StandardOutput.ReadToEnd().Trim();
        Assert.True(git.WaitForExit(30_000) && git.ExitCode == 0, "git rev-parse HEAD failed: " + git.StandardError.ReadToEnd());
        return head;
    }
}
