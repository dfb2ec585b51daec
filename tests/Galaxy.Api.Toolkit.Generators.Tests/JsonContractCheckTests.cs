using Microsoft.CodeAnalysis;

namespace Galaxy.Api.Toolkit.Generators.Tests;

/// <summary>
/// GAT0020: with Native AOT or trimming on, every type an endpoint reads or writes as JSON must be known to a
/// JsonSerializerContext of the project; otherwise the build says which type and how to add it.
/// </summary>
public sealed class JsonContractCheckTests
{
    private static readonly Dictionary<string, string> Aot = new() { ["PublishAot"] = "true" };

    private const string Models = """
        using System.Collections.Generic;
        using System.Text.Json.Serialization;

        namespace Cases;

        public sealed record Item(string Name, Part Part);

        public sealed record Part(int Size);

        public sealed record NewItem(string Name);

        [JsonDerivedType(typeof(Circle), "circle")]
        public abstract record Shape;

        public sealed record Circle(double Radius) : Shape;

        public sealed record Drawing(Shape Shape);
        """;

    private const string Router = """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Galaxy.Api.Toolkit;

        namespace Cases;

        [ApiRouter("items", Public = true)]
        public static class ItemsApi
        {
            [Get("/items/{name}")]
            public static Item Show(string name) => new(name, new Part(1));

            [Get("/items")]
            public static Task<List<Item>> Index() => Task.FromResult(new List<Item>());

            [Post("/items")]
            public static Item Create(NewItem item) => new(item.Name, new Part(1));

            [Get("/items/{name}/part")]
            public static Part ShowPart(string name) => new(1);

            [Get("/circles/{name}")]
            public static Circle Circle(string name) => new(1);
        }
        """;

    private static string Context(params string[] types) => $$"""
        using System.Collections.Generic;
        using System.Text.Json.Serialization;

        namespace Cases;

        public static class Holder
        {
            {{string.Concat(types.Select(static t => $"[JsonSerializable(typeof({t}))] "))}}
            internal abstract partial class ItemsJson : JsonSerializerContext;
        }
        """;

    private static List<Diagnostic> Gat0020(IReadOnlyDictionary<string, string> properties, params string[] sources)
        => GeneratorHarness.Run(properties, sources).GeneratorDiagnostics.Where(static d => d.Id == "GAT0020").ToList();

    [Fact]
    public void Without_a_context_every_type_is_reported_once_at_the_first_operation_that_uses_it()
    {
        var diagnostics = Gat0020(Aot, Models, Router);

        Assert.Equal(["Cases.Circle", "Cases.Item", "Cases.NewItem", "Cases.Part", "System.Collections.Generic.List<Cases.Item>"],
            diagnostics.Select(static d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Split('\'')[3]).Order(StringComparer.Ordinal));
        var item = Assert.Single(diagnostics, static d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains("'Cases.Item'", StringComparison.Ordinal));
        Assert.Equal(DiagnosticSeverity.Warning, item.Severity);
        Assert.Equal("Source1.cs", item.Location.SourceTree?.FilePath ?? item.Location.GetLineSpan().Path);
        Assert.Equal(Router.IndexOf("[Get(\"/items/{name}\")]", StringComparison.Ordinal) + 1, item.Location.SourceSpan.Start);
        var message = item.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("'Show' (GET /items/{name})", message, StringComparison.Ordinal);
        Assert.Contains("the project has no JsonSerializerContext", message, StringComparison.Ordinal);
        Assert.Contains("add [JsonSerializable(typeof(Cases.Item))]", message, StringComparison.Ordinal);
        Assert.Contains("TypeInfoResolverChain.Insert(0, MyJsonContext.Default)", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Types_reached_from_a_root_are_covered_as_the_serializer_generator_covers_them()
    {
        // List<Item> reaches Item (element) and Part (member); Shape reaches Circle through [JsonDerivedType].
        var diagnostics = Gat0020(Aot, Models, Router, Context("List<Item>", "NewItem", "Drawing"));

        Assert.Empty(diagnostics);
    }

    [Fact]
    public void A_type_the_context_does_not_reach_is_named_with_the_context()
    {
        var diagnostics = Gat0020(Aot, Models, Router, Context("Item", "NewItem", "Circle"));

        var missing = Assert.Single(diagnostics);
        var message = missing.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("'Index' (GET /items) reads or writes 'System.Collections.Generic.List<Cases.Item>'", message, StringComparison.Ordinal);
        Assert.Contains("its JsonSerializerContext Cases.Holder.ItemsJson does not list it", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_request_body_type_is_checked_as_well_as_responses()
    {
        var diagnostics = Gat0020(Aot, Models, Router, Context("List<Item>", "Drawing"));

        var missing = Assert.Single(diagnostics);
        Assert.Contains("'Create' (POST /items) reads or writes 'Cases.NewItem'", missing.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    public static TheoryData<string, string, bool> Builds => new()
    {
        { "PublishAot", "true", true },
        { "PublishTrimmed", "true", true },
        { "IsAotCompatible", "true", true },
        { "IsTrimmable", "True", true },
        { "EnableTrimAnalyzer", "true", true },
        { "EnableAotAnalyzer", "true", true },
        { "JsonSerializerIsReflectionEnabledByDefault", "false", true },
        { "PublishAot", "false", false },
        { "JsonSerializerIsReflectionEnabledByDefault", "true", false },
        { "GalaxyApiCheckJsonContracts", "true", true },
    };

    [Theory]
    [MemberData(nameof(Builds))]
    public void The_check_runs_when_reflection_based_serialization_is_off(string property, string value, bool reported)
    {
        var diagnostics = Gat0020(new Dictionary<string, string> { [property] = value }, Models, Router);

        Assert.Equal(reported, diagnostics.Count > 0);
    }

    [Fact]
    public void A_build_with_reflection_reports_nothing()
    {
        Assert.Empty(Gat0020(new Dictionary<string, string>(), Models, Router));
    }

    [Fact]
    public void GalaxyApiCheckJsonContracts_false_turns_the_check_off_under_Native_AOT()
    {
        var properties = new Dictionary<string, string> { ["PublishAot"] = "true", ["GalaxyApiCheckJsonContracts"] = "false" };

        Assert.Empty(Gat0020(properties, Models, Router));
    }

    [Fact]
    public void The_diagnostic_is_listed_in_the_release_notes_and_the_readme()
    {
        var releases = File.ReadAllText(Path.Combine(Snapshot.ProjectDirectory, "../../generators/Galaxy.Api.Toolkit.Generators/AnalyzerReleases.Unshipped.md"));
        var readme = File.ReadAllText(Path.Combine(Snapshot.ProjectDirectory, "../../README.md"));

        Assert.Contains("GAT0020 | Galaxy.Api.Toolkit | Warning |", releases, StringComparison.Ordinal);
        Assert.Contains("| GAT0020 |", readme, StringComparison.Ordinal);
        Assert.Contains("GalaxyApiCheckJsonContracts", readme, StringComparison.Ordinal);
    }
}
