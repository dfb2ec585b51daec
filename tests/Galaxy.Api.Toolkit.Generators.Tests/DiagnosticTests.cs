using System.Collections.Immutable;
using Galaxy.Api.Toolkit.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Galaxy.Api.Toolkit.Generators.Tests;

/// <summary>
/// One case per diagnostic id: the source marks with <c>/*!*/</c> where the diagnostic must point; the test checks the
/// id, the severity, the location and that the message says how to fix the code.
/// </summary>
public sealed class DiagnosticTests
{
    private const string Marker = "/*!*/";

    private const string Usings = """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Galaxy.Api.Toolkit;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Mvc;

        namespace Cases;

        public sealed record Item(string Name);

        """;

    public static TheoryData<string, string, string> Cases => new()
    {
        {
            "GAT0001", "add a parameter 'id'",
            """[ApiRouter("t", Public = true)] public static class A { [/*!*/Get("/items/{id}")] public static string Show() => ""; }"""
        },
        {
            "GAT0002", "add it to the route",
            """[ApiRouter("t", Public = true)] public static class A { [Get("/items")] public static string Show([FromRoute] int /*!*/id) => ""; }"""
        },
        {
            "GAT0003", "change the route or the HTTP method",
            """
            [ApiRouter("t", Public = true)] public static class A { [Get("/items")] public static string One() => ""; }
            [ApiRouter("u", Public = true)] public static class B { [/*!*/Get("/items")] public static string Two() => ""; }
            """
        },
        {
            "GAT0004", "use a string, number, boolean",
            """[ApiRouter("t", Public = true)] public static class A { [Get("/items")] public static string Show([FromQuery] Item /*!*/item) => ""; }"""
        },
        {
            "GAT0005", "return a value, Task<T>",
            """[ApiRouter("t", Public = true)] public static class A { [Get("/items")] public static Task<Task<string>> /*!*/Show() => null!; }"""
        },
        {
            "GAT0006", "must be a public, non-abstract, non-generic class",
            """[ApiRouter("t", Public = true)] internal sealed class /*!*/Hidden { [Get("/items")] public string Show() => ""; }"""
        },
        {
            "GAT0007", "merge them into one type",
            """[ApiRouter("t", Public = true)] public static class A { [Post("/items")] public static string Create(Item first, Item /*!*/second) => ""; }"""
        },
        {
            "GAT0008", "bind 'item' from the query with [AsParameters]",
            """[ApiRouter("t", Public = true)] public static class A { [Get("/items")] public static string Show(Item /*!*/item) => ""; }"""
        },
        {
            "GAT0009", "is not a valid route template",
            """[ApiRouter("t", Public = true)] public static class A { [/*!*/Get("items/{id")] public static string Show(string id) => ""; }"""
        },
        {
            "GAT0010", "needs exactly one public constructor",
            """[ApiRouter("t", Public = true)] public sealed class /*!*/Twice { public Twice(int a) { } public Twice(string b) { } [Get("/items")] public string Show() => ""; }"""
        },
        {
            "GAT0011", "add [ApiRouter] to the class",
            """public static class NotARouter { [/*!*/Get("/items")] public static string Show() => ""; }"""
        },
        {
            "GAT0012", "cannot be bound",
            """[ApiRouter("t", Public = true)] public static class A { [Get("/items")] public static string Show([AsParameters] IList<string> /*!*/group) => ""; }"""
        },
        {
            "GAT0013", "use an array or list of a scalar type",
            """[ApiRouter("t", Public = true)] public static class A { [Get("/items")] public static string Show([CommaSeparated] string /*!*/keys) => ""; }"""
        },
        {
            "GAT0014", "set a unique OperationId",
            """
            [ApiRouter("t", Public = true)] public static class A
            {
                [Get("/one", OperationId = "same")] public static string One() => "";
                [/*!*/Get("/two", OperationId = "same")] public static string Two() => "";
            }
            """
        },
        {
            "GAT0016", "x-galaxy-unexpressed-rules",
            """
            public sealed class ItemValidator : FluentValidation.AbstractValidator<Item>
            {
                public ItemValidator() => /*!*/RuleFor(x => x.Name).Must(name => name != "x");
            }

            [ApiRouter("t", Public = true)] public static class A { [Post("/items")] public static string Create(Item item) => ""; }
            """
        },
        {
            "GAT0015", "make it 'GalaxyUser?'",
            """[ApiRouter("t", Public = true)] public static class A { [Get("/items")] public static string Show(GalaxyUser /*!*/user) => ""; }"""
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Diagnostic_points_at_the_code_and_says_how_to_fix_it(string id, string hint, string source)
    {
        var text = Usings + source;
        var expectedStart = text.IndexOf(Marker, StringComparison.Ordinal) + Marker.Length;
        Assert.True(expectedStart >= Marker.Length, "The case has no marker.");

        var diagnostics = await DiagnosticsOf(text);

        var diagnostic = Assert.Single(diagnostics, d => d.Id == id);
        Assert.Equal(DiagnosticDescriptors.ById(id).DefaultSeverity, diagnostic.Severity);
        Assert.Equal(expectedStart, diagnostic.Location.SourceSpan.Start);
        Assert.Contains(hint, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_descriptor_has_a_case_and_a_release_entry()
    {
        var tested = Cases.Select(static row => row.Data.Item1)
            .Concat(BreakingChangeTests.Breaks.Select(static row => row.Data.Item1))
            .Append("GAT0100")
            // Legacy.LegacyManifestTests: An_unreadable_manifest_is_GAT0017..., A_modern_route_with_other_parameters...GAT0018...
            .Append("GAT0017")
            .Append("GAT0018")
            // Galaxy.Api.Contracts.Tests: ContractsGeneratorTests.An_unreadable_document_is_GAT0019_at_the_file...
            .Append("GAT0019")
            // JsonContractCheckTests: needs MSBuild properties (Native AOT), so it has cases of its own.
            .Append("GAT0020")
            .ToHashSet();
        var releases = File.ReadAllText(Path.Combine(Snapshot.ProjectDirectory, "../../generators/Galaxy.Api.Toolkit.Generators/AnalyzerReleases.Unshipped.md"));
        var readme = File.ReadAllText(Path.Combine(Snapshot.ProjectDirectory, "../../README.md"));

        foreach (var descriptor in DiagnosticDescriptors.All)
        {
            Assert.Contains(descriptor.Id, tested);
            Assert.Contains(descriptor.Id + " |", releases, StringComparison.Ordinal);
            Assert.Contains("| " + descriptor.Id + " |", readme, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_correct_router_has_no_diagnostics()
    {
        var diagnostics = await DiagnosticsOf(Fixtures.Models, Fixtures.Routers);

        Assert.Empty(diagnostics);
    }

    private static async Task<ImmutableArray<Diagnostic>> DiagnosticsOf(params string[] sources)
    {
        var run = GeneratorHarness.Run(sources);
        var analyzers = await run.Output.WithAnalyzers([new OperationOutsideRouterAnalyzer(), new UnexpressedRuleAnalyzer()])
            .GetAnalyzerDiagnosticsAsync(TestContext.Current.CancellationToken);
        return run.GeneratorDiagnostics.AddRange(analyzers);
    }
}
