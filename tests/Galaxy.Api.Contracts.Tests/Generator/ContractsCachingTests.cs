using System.Collections;
using System.Reflection;
using Galaxy.Api.Toolkit.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Galaxy.Api.Contracts.Tests.Generator;

/// <summary>The contracts generator's steps stay cached on edits that do not concern them, and its models hold no symbols.</summary>
public sealed class ContractsCachingTests
{
    public static TheoryData<string> StepNames => new(TrackingNames.ContractsDocument, TrackingNames.ContractTypes);

    [Theory]
    [MemberData(nameof(StepNames))]
    public void An_unrelated_code_edit_leaves_the_step_cached_or_unchanged(string step)
    {
        var compilation = ContractsHarness.Compilation("namespace Other; public static class Helper { public static int Twice(int x) => 2 * x; }");
        var driver = ContractsHarness.ContractsDriver(ContractsHarness.GalaxyDocument.Value).RunGenerators(compilation, TestContext.Current.CancellationToken);
        var tree = compilation.SyntaxTrees.Single();
        var edited = compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(
            "namespace Other; public static class Helper { public static int Twice(int x) => x + x; }", ContractsHarness.ParseOptions, tree.FilePath, cancellationToken: TestContext.Current.CancellationToken));

        var second = driver.RunGenerators(edited, TestContext.Current.CancellationToken).GetRunResult().Results.Single();

        Assert.True(second.TrackedSteps.ContainsKey(step), $"Step '{step}' did not run.");
        var reasons = second.TrackedSteps[step].SelectMany(static s => s.Outputs).Select(static o => o.Reason).ToList();
        Assert.NotEmpty(reasons);
        Assert.All(reasons, reason => Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {reason}"));
    }

    [Fact]
    public void Editing_one_schema_regenerates_only_its_type()
    {
        var compilation = ContractsHarness.Compilation("namespace Other; public static class Helper;");
        var text = ContractsHarness.GalaxyDocument.Value;
        const string before = "\"description\": \"History summary information.\"";
        Assert.Contains(before, text, StringComparison.Ordinal);
        var original = ContractsHarness.Text(text);
        var driver = ContractsHarness.ContractsDriver([original]).RunGenerators(compilation, TestContext.Current.CancellationToken);

        var edited = ContractsHarness.Text(text.Replace(before, "\"description\": \"A history, briefly.\"", StringComparison.Ordinal));
        var result = driver.ReplaceAdditionalText(original, edited).RunGenerators(compilation, TestContext.Current.CancellationToken).GetRunResult().Results.Single();

        var reasons = result.TrackedSteps[TrackingNames.ContractTypes].SelectMany(static s => s.Outputs).GroupBy(static o => o.Reason).ToDictionary(static g => g.Key, static g => g.Count());
        Assert.Equal(1, reasons.GetValueOrDefault(IncrementalStepRunReason.Modified));
        Assert.Equal(387, reasons.GetValueOrDefault(IncrementalStepRunReason.Unchanged) + reasons.GetValueOrDefault(IncrementalStepRunReason.Cached));
        Assert.Contains("A history, briefly.", result.GeneratedSources.Single(static s => s.HintName == "GalaxyContracts.HistorySummary.g.cs").SourceText.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(StepNames))]
    public void Models_hold_no_symbols_syntax_or_compilation(string step)
    {
        var driver = ContractsHarness.ContractsDriver(ContractsHarness.GalaxyDocument.Value).RunGenerators(ContractsHarness.Compilation("class C;"), TestContext.Current.CancellationToken);

        foreach (var output in driver.GetRunResult().Results.Single().TrackedSteps[step].SelectMany(static s => s.Outputs))
        {
            ModelPurity.AssertPure(output.Value, step);
        }
    }
}
