using System.Reflection;

namespace Galaxy.Api.Toolkit.Package.Tests;

/// <summary>Folders of the repository, from the assembly metadata the project file writes.</summary>
internal static class TestPaths
{
    public static string ProjectDirectory { get; } = Metadata("ProjectDirectory");

    public static string RepositoryRoot { get; } = Metadata("RepositoryRoot");

    private static string Metadata(string key) => typeof(TestPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
