using System.Reflection;
using Galaxy.Api.Contracts.Verification;
using Galaxy.Api.Toolkit.Migration;

namespace Galaxy.Api.Toolkit.Package.Tests.PublicApi;

/// <summary>
/// The public surface of each packed assembly, compared with <c>PublicApi/&lt;assembly&gt;.txt</c>: any change to what
/// users can name is a diff in review. After an intended change, run these tests with
/// <c>GALAXY_UPDATE_SNAPSHOTS=1</c> and commit the rewritten file; CI never rewrites it.
/// </summary>
public sealed class PublicApiTests
{
    public const string UpdateVariable = "GALAXY_UPDATE_SNAPSHOTS";

    public static TheoryData<string> PackedAssemblies => new()
    {
        typeof(ApiRouterAttribute).Assembly.GetName().Name!,
        typeof(GalaxyLegacyOptions).Assembly.GetName().Name!,
        typeof(ContractComparer).Assembly.GetName().Name!,
    };

    [Theory]
    [MemberData(nameof(PackedAssemblies))]
    public void The_public_surface_is_the_committed_one(string assemblyName)
    {
        var assembly = Assembly.Load(assemblyName);
        var actual = PublicApiWriter.Describe(assembly);
        var baseline = Path.Combine(TestPaths.ProjectDirectory, "PublicApi", assemblyName + ".txt");
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(baseline, actual);
            return;
        }

        Assert.True(File.Exists(baseline), $"No baseline at {baseline}; run the tests once with {UpdateVariable}=1 and review the file.");
        var expected = File.ReadAllText(baseline).ReplaceLineEndings("\n");
        if (!string.Equals(expected, actual, StringComparison.Ordinal))
        {
            var received = baseline + ".received";
            File.WriteAllText(received, actual);
            var expectedLines = expected.Split('\n').ToHashSet(StringComparer.Ordinal);
            var actualLines = actual.Split('\n').ToHashSet(StringComparer.Ordinal);
            var removed = expectedLines.Except(actualLines).Take(10).Select(static l => "- " + l);
            var added = actualLines.Except(expectedLines).Take(10).Select(static l => "+ " + l);
            Assert.Fail($"The public API of {assemblyName} changed (the whole surface is in {received}):\n{string.Join("\n", removed.Concat(added))}\n" +
                        $"If the change is intended, re-record with {UpdateVariable}=1 and commit PublicApi/{assemblyName}.txt.");
        }
    }

    [Fact]
    public void The_writer_sees_nullability_defaults_and_kinds()
    {
        // The text must change when a signature does: spot-check what the writer makes of known members.
        var text = PublicApiWriter.Describe(typeof(ApiRouterAttribute).Assembly);
        Assert.Contains("sealed class Galaxy.Api.Toolkit.ApiRouterAttribute : System.Attribute", text, StringComparison.Ordinal);
        Assert.Contains("public static Microsoft.Extensions.DependencyInjection.IServiceCollection AddGalaxyApi(this Microsoft.Extensions.DependencyInjection.IServiceCollection services, System.Action<Galaxy.Api.Toolkit.GalaxyApiOptions>? configure = null)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("internal", text, StringComparison.Ordinal);
    }
}
