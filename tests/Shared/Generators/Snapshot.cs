using System.Reflection;

namespace Galaxy.Generators.Testing;

/// <summary>
/// Compares generated files with baselines in the project's <c>Snapshots/&lt;name&gt;/</c>. Set
/// <c>GALAXY_UPDATE_SNAPSHOTS=1</c> to re-record them (never in CI: a missing baseline fails there).
/// </summary>
internal static class Snapshot
{
    public const string UpdateVariable = "GALAXY_UPDATE_SNAPSHOTS";

    public static readonly string ProjectDirectory = typeof(Snapshot).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(static a => a.Key == "ProjectDirectory").Value!;

    public static void Match(string name, IReadOnlyDictionary<string, string> files)
    {
        var directory = Path.Combine(ProjectDirectory, "Snapshots", name);
        var update = Environment.GetEnvironmentVariable(UpdateVariable) == "1";
        if (update)
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }

            Directory.CreateDirectory(directory);
            foreach (var (file, content) in files)
            {
                File.WriteAllText(Path.Combine(directory, file), content);
            }

            return;
        }

        Assert.True(Directory.Exists(directory), $"No baseline at {directory}; run the tests once with {UpdateVariable}=1 and review the files.");
        var expected = Directory.GetFiles(directory).Select(static f => Path.GetFileName(f)!).Where(static f => !f.EndsWith(".received.txt", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, files.Keys.Order(StringComparer.Ordinal).ToList());
        foreach (var (file, content) in files)
        {
            var baseline = File.ReadAllText(Path.Combine(directory, file));
            if (!string.Equals(baseline, content, StringComparison.Ordinal))
            {
                var received = Path.Combine(directory, file + ".received.txt");
                File.WriteAllText(received, content);
                Assert.Fail($"{file} differs from its baseline (first difference at line {FirstDifferentLine(baseline, content)}); the output is in {received}. " +
                            $"If the change is intended, re-record with {UpdateVariable}=1.");
            }
        }
    }

    private static int FirstDifferentLine(string left, string right)
    {
        var a = left.Split('\n');
        var b = right.Split('\n');
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            if (a[i] != b[i])
            {
                return i + 1;
            }
        }

        return Math.Min(a.Length, b.Length) + 1;
    }
}
