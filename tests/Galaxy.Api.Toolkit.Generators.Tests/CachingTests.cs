using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Galaxy.Api.Toolkit.Generators.Tests;

public sealed class CachingTests
{
    public static TheoryData<string> StepNames => new(typeof(TrackingNames).GetFields(BindingFlags.Public | BindingFlags.Static).Select(static f => (string)f.GetRawConstantValue()!));

    [Theory]
    [MemberData(nameof(StepNames))]
    public void Unrelated_edit_leaves_the_step_cached_or_unchanged(string step)
    {
        var compilation = GeneratorHarness.Compilation(Fixtures.Models, Fixtures.Routers, Fixtures.JsonContext, "namespace Other; public static class Helper { public static int Twice(int x) => 2 * x; }");
        var driver = GeneratorHarness.DriverOfAllGenerators(AotBuild, ContractsFile).RunGenerators(compilation, TestContext.Current.CancellationToken);

        var helper = compilation.SyntaxTrees.Last();
        var edited = compilation.ReplaceSyntaxTree(helper, CSharpSyntaxTree.ParseText(
            "namespace Other; public static class Helper { public static int Twice(int x) => x + x; public static int Half(int x) => x / 2; }",
            GeneratorHarness.ParseOptions,
            helper.FilePath,
            cancellationToken: TestContext.Current.CancellationToken));
        var second = driver.RunGenerators(edited, TestContext.Current.CancellationToken).GetRunResult();

        var runs = StepRuns(second, step);
        Assert.True(runs.Count > 0, $"Step '{step}' did not run.");
        var reasons = runs.SelectMany(static s => s.Outputs).Select(static o => o.Reason).ToList();
        Assert.NotEmpty(reasons);
        Assert.All(reasons, reason => Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {reason}"));
    }

    [Fact]
    public void Editing_a_router_reruns_only_what_depends_on_it()
    {
        var compilation = GeneratorHarness.Compilation(Fixtures.Models, Fixtures.Routers);
        var driver = GeneratorHarness.Driver().RunGenerators(compilation, TestContext.Current.CancellationToken);
        var routers = compilation.SyntaxTrees.Last();
        var edited = compilation.ReplaceSyntaxTree(routers, CSharpSyntaxTree.ParseText(
            Fixtures.Routers.Replace("\"/api/version\"", "\"/api/versions\"", StringComparison.Ordinal), GeneratorHarness.ParseOptions, routers.FilePath, cancellationToken: TestContext.Current.CancellationToken));

        var second = driver.RunGenerators(edited, TestContext.Current.CancellationToken).GetRunResult().Results.Single();

        Assert.Contains(second.TrackedSteps[TrackingNames.Api].SelectMany(static s => s.Outputs), static o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains("/api/versions", second.GeneratedSources.Single(static s => s.HintName == "GalaxyApi.Document.g.cs").SourceText.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Editing_a_model_type_in_another_file_updates_the_document()
    {
        var compilation = GeneratorHarness.Compilation(Fixtures.Models, Fixtures.Routers);
        var driver = GeneratorHarness.Driver().RunGenerators(compilation, TestContext.Current.CancellationToken);
        var models = compilation.SyntaxTrees.First();
        var edited = compilation.ReplaceSyntaxTree(models, CSharpSyntaxTree.ParseText(
            Fixtures.Models.Replace("public required string City { get; init; }", "public required string City { get; init; }\n\n    public int Population { get; init; }", StringComparison.Ordinal),
            GeneratorHarness.ParseOptions, models.FilePath, cancellationToken: TestContext.Current.CancellationToken));

        var second = driver.RunGenerators(edited, TestContext.Current.CancellationToken).GetRunResult().Results.Single();

        Assert.Contains("\"population\"", second.GeneratedSources.Single(static s => s.HintName == "GalaxyApi.Document.g.cs").SourceText.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(StepNames))]
    public void Models_hold_no_symbols_syntax_or_compilation(string step)
    {
        var result = GeneratorHarness.DriverOfAllGenerators(AotBuild, ContractsFile)
            .RunGenerators(GeneratorHarness.Compilation(Fixtures.Models, Fixtures.Routers, Fixtures.JsonContext), TestContext.Current.CancellationToken).GetRunResult();

        foreach (var output in StepRuns(result, step).SelectMany(static s => s.Outputs))
        {
            ModelPurity.AssertPure(output.Value, step);
        }
    }

    /// <summary>A Native AOT build, so that the JSON contract check (GAT0020) walks the fixture's context too.</summary>
    private static readonly Dictionary<string, string> AotBuild = new() { ["PublishAot"] = "true" };

    /// <summary>A small contracts document, so that the contracts generator's steps run too (its own tests use Galaxy's).</summary>
    private static readonly (string Path, string Text, string Role) ContractsFile = ("contracts.json", """
        {"openapi": "3.1.0", "components": {"schemas": {
          "Item": {"type": "object", "properties": {"name": {"type": "string"}, "state": {"$ref": "#/components/schemas/State"}}, "required": ["name"]},
          "State": {"type": "string", "enum": ["new", "ok"]}}}}
        """, "Contracts");

    /// <summary>The runs of a step, whichever of the package's generators owns it.</summary>
    private static List<IncrementalGeneratorRunStep> StepRuns(GeneratorDriverRunResult result, string step)
        => result.Results.SelectMany(r => r.TrackedSteps.TryGetValue(step, out var runs) ? runs : []).ToList();
}
