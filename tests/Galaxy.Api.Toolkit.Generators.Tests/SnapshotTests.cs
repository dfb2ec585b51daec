namespace Galaxy.Api.Toolkit.Generators.Tests;

public sealed class SnapshotTests
{
    [Fact]
    public void Generated_files_match_the_baselines()
    {
        var run = GeneratorHarness.Run(Fixtures.Models, Fixtures.Routers);

        Snapshot.Match("SmallApi", run.Sources);
    }

    [Fact]
    public void Generated_code_compiles_without_warnings()
    {
        var run = GeneratorHarness.Run(Fixtures.Models, Fixtures.Routers);

        Assert.Empty(run.Problems);
        Assert.Equal(4, run.Sources.Count);
    }

    [Fact]
    public void Assembly_without_routers_still_gets_a_document_and_map_method()
    {
        var run = GeneratorHarness.Run("namespace Empty; public sealed class Nothing;");

        Assert.Empty(run.Problems);
        Assert.Contains("\"paths\": {}", run.Document, StringComparison.Ordinal);
        Assert.Contains("MapGalaxyApi", run.Sources["GalaxyApi.Map.g.cs"], StringComparison.Ordinal);
    }
}

public sealed class DocumentOptionTests
{
    [Fact]
    public void Problem_details_option_describes_problem_json_errors()
    {
        var run = GeneratorHarness.Run(Fixtures.Models, Fixtures.Routers.Replace("Version = \"2.0\")", "Version = \"2.0\", ProblemDetails = true)", StringComparison.Ordinal));

        Assert.Empty(run.Problems);
        Assert.Contains("\"application/problem+json\"", run.Document, StringComparison.Ordinal);
        Assert.Contains("\"detail\"", run.Document, StringComparison.Ordinal);
        Assert.DoesNotContain("\"err_msg\"", run.Document, StringComparison.Ordinal);
        Assert.Contains("problemDetails: true", run.Sources["GalaxyApi.Document.g.cs"], StringComparison.Ordinal);
    }

    [Fact]
    public void Naming_policy_applies_to_properties_and_enums()
    {
        var run = GeneratorHarness.Run(Fixtures.Models, Fixtures.Routers.Replace("Version = \"2.0\")", "Version = \"2.0\", JsonNaming = ApiJsonNaming.CamelCase)", StringComparison.Ordinal));

        Assert.Empty(run.Problems);
        Assert.Contains("\"madeIn\"", run.Document, StringComparison.Ordinal);
        Assert.Contains("\"darkGreen\"", run.Document, StringComparison.Ordinal);
    }
}
